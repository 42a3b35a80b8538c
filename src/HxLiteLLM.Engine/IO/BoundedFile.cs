using System;
using System.IO;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Reads a whole input file held in memory afterwards (an inventory, a vars file) only up to a limit: a device, FIFO
    /// or socket is refused unread, a file whose size is over the limit is refused before it is read, and the read
    /// stops one byte past the limit, so a file that grows meanwhile cannot bypass it either.
    /// </summary>
    public static class BoundedFile
    {
        /// <summary>Bytes an inventory or vars file may have: a real one is kilobytes, and its whole text is held in memory.</summary>
        public const long MaxInputBytes = 64L * 1024 * 1024;

        /// <summary>
        /// The file's bytes. Refusals are <see cref="RefusedException"/> (the message says why, without the path);
        /// a missing or unreadable file throws what <see cref="File.OpenRead"/> throws.
        /// </summary>
        public static byte[] ReadAllBytes(string path, long limit = MaxInputBytes)
        {
            var status = PosixStat.Of(path, followLinks: true);
            if (status is { } known && !known.IsRegularFile && !known.IsDirectory)
            {
                throw new RefusedException("the file is not a regular file (a device, FIFO or socket), which could be endless; HxLiteLLM reads inventory and "
                    + "vars files only from regular files");
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            var size = stream.CanSeek ? stream.Length : 0;
            if (size > limit) throw new RefusedException(Over("is " + size + " bytes", limit));
            var content = new MemoryStream((int)size);
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - content.Length))) > 0)
            {
                content.Write(chunk, 0, read);
                if (content.Length > limit) throw new RefusedException(Over("grew to more than " + limit + " bytes while it was read", limit));
            }
            return content.Length == content.Capacity ? content.GetBuffer() : content.ToArray();
        }

        private static string Over(string what, long limit) =>
            "the file " + what + "; HxLiteLLM reads inventory and vars files of at most " + limit + " bytes (" + limit / (1024 * 1024) + " MiB)";

        /// <summary>A file refused for its kind or size; the message says why, the caller names the file.</summary>
        public sealed class RefusedException : IOException
        {
            public RefusedException(string message)
                : base(message)
            {
            }
        }
    }
}
