using System;
using System.IO;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Paths made from names that come from input (inventory host and group names, file names): the result always stays
    /// inside its root. Ansible accepts host names such as <c>/tmp/x</c> or <c>../..</c>, so a name is never trusted as a path.
    /// </summary>
    public static class ContainedPath
    {
        /// <summary>
        /// <paramref name="root"/>/<paramref name="name"/> when the name is one plain path segment; otherwise an
        /// <see cref="HxException"/> (UnsafePathName) naming what the name was for.
        /// </summary>
        public static string Child(string root, string name, string what)
        {
            if (!IsPlainSegment(name))
            {
                throw new HxException("UnsafePathName",
                    $"The {what} '{Printable(name)}' cannot be used as a folder or file name under {root}: it must be one path segment without '/', '\\', control characters, '.' or '..'. Rename it in the inventory.",
                    root, kind: HxErrorKind.InvalidArgument);
            }
            var full = Path.GetFullPath(Path.Combine(root, name));
            var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(rootFull, StringComparison.Ordinal)) throw new HxException("UnsafePathName", $"The {what} '{Printable(name)}' leaves {root}.",
                root, kind: HxErrorKind.InvalidArgument);
            return full;
        }

        /// <summary>
        /// Creates <paramref name="folder"/> (with its missing parents) after <see cref="RefuseLinksBelow"/> passed, and checks
        /// again once it exists, so a link planted meanwhile is refused before anything is written into it. Returns the full path.
        /// </summary>
        public static string Folder(string root, string folder)
        {
            var full = RefuseLinksBelow(root, folder);
            Directory.CreateDirectory(full);
            return RefuseLinksBelow(root, full);
        }

        /// <summary>
        /// The full path of <paramref name="path"/> when it lies under <paramref name="root"/> and no existing segment below the
        /// root (the path's own last one included) is a symbolic link; otherwise an <see cref="HxException"/>: PathBeyondSymlink
        /// naming the link, or PathOutsideRoot. A planted link at an output folder would send every write (a 0600 env file,
        /// evidence, quarantined files) to its target; git refuses such paths the same way ("beyond a symbolic link").
        /// The root itself is the caller's choice and may be reached through links.
        /// </summary>
        public static string RefuseLinksBelow(string root, string path)
        {
            var rootFull = WithoutTrailingSeparator(Path.GetFullPath(root));
            var full = WithoutTrailingSeparator(Path.GetFullPath(path));
            var prefix = rootFull.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? rootFull : rootFull
                + Path.DirectorySeparatorChar;
            if (full != rootFull && !full.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new HxException("PathOutsideRoot", $"{full} is not inside {rootFull}; nothing was written.", full, kind: HxErrorKind.InvalidArgument);
            }
            var current = rootFull;
            foreach (var segment in full.Substring(Math.Min(full.Length, prefix.Length)).Split(new[] { Path.DirectorySeparatorChar },
                StringSplitOptions.RemoveEmptyEntries))
            {
                current = Path.Combine(current, segment);
                var attributes = new FileInfo(current).Attributes;
                if ((int)attributes == -1) break;
                if ((attributes & FileAttributes.ReparsePoint) != 0)
                {
                    throw new HxException("PathBeyondSymlink",
                        $"{current} is a symbolic link: HxLiteLLM does not write beyond a symbolic link below {rootFull} (as git refuses such paths), so nothing was written to {full}. Remove the link (make {current} a real folder) and run again.",
                        current);
                }
            }
            return full;
        }

        private static string WithoutTrailingSeparator(string full) =>
            full.Length > (Path.GetPathRoot(full) ?? "").Length ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;

        /// <summary>True when the name is a single segment that cannot climb out of or re-root a path.</summary>
        public static bool IsPlainSegment(string name)
        {
            if (name.Length == 0 || name.Length > 255 || name == "." || name == "..") return false;
            foreach (var c in name)
            {
                if (c == '/' || c == '\\' || char.IsControl(c)) return false;
            }
            return true;
        }

        /// <summary>The name with control characters shown as \uXXXX, so an error message cannot be split or spoofed by it.</summary>
        public static string Printable(string name)
        {
            var text = new System.Text.StringBuilder(name.Length);
            foreach (var c in name)
            {
                if (char.IsControl(c)) text.Append("\\u").Append(((int)c).ToString("x4"));
                else text.Append(c);
            }
            return text.ToString();
        }
    }
}
