using System;
using System.IO;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Folders HxLiteLLM writes its own output into (.evidence, .rendered, _quarantine). Each gets a .gitignore of '*', so an
    /// inventory repository never commits rendered secrets, and the marker line lets the stray scan recognise them.
    /// </summary>
    public static class OwnedFolder
    {
        public const string Marker = "# HxLiteLLM output (evidence, rendered files, quarantine): never commit it.";

        /// <summary>
        /// Creates the folder when missing and its .gitignore when missing; returns the full path. The folder itself must not
        /// be a symbolic link (<see cref="ContainedPath.Folder"/>); its parent is the user's choice.
        /// </summary>
        public static string Ensure(string folder)
        {
            var full = Path.GetFullPath(folder);
            ContainedPath.Folder(Path.GetDirectoryName(full) ?? full, full);
            var ignore = Path.Combine(full, ".gitignore");
            if (!File.Exists(ignore)) AtomicFile.WriteAllText(ignore, Marker + "\n*\n");
            return full;
        }

        /// <summary>True when the folder is one of ours (its .gitignore starts with the marker).</summary>
        public static bool IsOwned(string folder)
        {
            var ignore = Path.Combine(folder, ".gitignore");
            try
            {
                if (!File.Exists(ignore) || new FileInfo(ignore).Length > 4096) return false;
                return File.ReadAllText(ignore).StartsWith(Marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
