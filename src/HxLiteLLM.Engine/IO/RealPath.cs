using System;
using System.IO;
using System.Reflection;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Paths with every symbolic link resolved, as realpath(3) and Python's os.path.realpath give them. netstandard2.0 has
    /// no API for link targets; the runtimes PowerShell 7 runs on (.NET 8+) have FileSystemInfo.ResolveLinkTarget, found by reflection.
    /// </summary>
    public static class RealPath
    {
        /// <summary>Linux gives up after 40 links (ELOOP); so does this.</summary>
        private const int MaxLinks = 40;

        private static readonly MethodInfo? ResolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

        /// <summary>
        /// The absolute path with each link among its segments replaced by the link's final target; segments that do not
        /// exist are kept as they are. Throws <see cref="HxException"/> "SymlinkLoop" for a chain of more than 40 links.
        /// </summary>
        public static string Of(string path)
        {
            var full = Path.GetFullPath(path);
            var links = 0;
            var resolved = Path.GetPathRoot(full)!;
            var rest = full.Substring(resolved.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar },
                StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < rest.Length; i++)
            {
                var next = Path.Combine(resolved, rest[i]);
                var target = LinkTarget(next);
                if (target == null)
                {
                    resolved = next;
                    continue;
                }
                if (++links > MaxLinks) throw new HxException("SymlinkLoop", "Too many levels of symbolic links at " + next + ".", next);
                // The target's own folders may be links too: resolve it from its root again, then go on with the rest.
                var remaining = string.Join(Path.DirectorySeparatorChar.ToString(), rest, i + 1, rest.Length - i - 1);
                full = remaining.Length == 0 ? target : Path.Combine(target, remaining);
                resolved = Path.GetPathRoot(full)!;
                rest = full.Substring(resolved.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar },
                    StringSplitOptions.RemoveEmptyEntries);
                i = -1;
            }
            return resolved;
        }

        /// <summary>
        /// Where a write to <paramref name="path"/> goes: when the file is a symbolic link, its real path, so the write (and its
        /// backup) happen at the target and the link stays a link, as ansible-vault does; otherwise the path unchanged.
        /// </summary>
        public static string WriteTarget(string path) => LinkTarget(Path.GetFullPath(path)) == null ? path : Of(path);

        /// <summary>The absolute target the link at <paramref name="path"/> points to (one level), null when it is no link.</summary>
        private static string? LinkTarget(string path)
        {
            if (ResolveLinkTarget == null) return null;
            var attributes = new FileInfo(path).Attributes;
            if ((int)attributes == -1 || (attributes & FileAttributes.ReparsePoint) == 0) return null;
            try
            {
                var target = (FileSystemInfo?)ResolveLinkTarget.Invoke(new FileInfo(path), new object[] { false });
                return target == null ? null : Path.GetFullPath(target.FullName);
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
