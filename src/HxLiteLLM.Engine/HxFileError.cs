using System;
using System.IO;

namespace HxLiteLLM
{
    /// <summary>
    /// The one way a file or folder the user named and the file system refused becomes an <see cref="HxException"/> naming the
    /// path: a folder where a file belongs is PathIsFolder, a file where a folder belongs PathIsFile (both InvalidArgument) in
    /// every command; otherwise the command's own ErrorId with the kind of what happened (missing, access denied, a read or
    /// write that failed).
    /// </summary>
    public static class HxFileError
    {
        /// <summary>True for the exceptions reading or writing a path throws: <see cref="IOException"/> and access denied.</summary>
        public static bool IsFileSystemError(Exception error) => error is IOException || error is UnauthorizedAccessException;

        /// <param name="errorId">The command's ErrorId for this file, e.g. VaultFileIO.</param>
        /// <param name="writing">True when the file was being written: a failure is then a WriteError, else a ReadError.</param>
        public static HxException From(string errorId, string path, Exception error, bool writing)
        {
            if (Directory.Exists(path)) return IsFolder(path);
            var kind = error is FileNotFoundException || error is DirectoryNotFoundException ? HxErrorKind.NotFound
                : error is UnauthorizedAccessException ? HxErrorKind.PermissionDenied
                : writing ? HxErrorKind.WriteError : HxErrorKind.ReadError;
            return new HxException(errorId, path + ": " + error.Message, path, 0, 0, error, kind);
        }

        /// <summary>A file given where a folder belongs.</summary>
        public static HxException IsFile(string path) =>
            new HxException("PathIsFile", path + " is a file; give the path of a folder.", path, kind: HxErrorKind.InvalidArgument);

        /// <summary>A folder given where a file belongs.</summary>
        public static HxException IsFolder(string path) =>
            new HxException("PathIsFolder", path + " is a folder; give the path of a file.", path, kind: HxErrorKind.InvalidArgument);
    }
}
