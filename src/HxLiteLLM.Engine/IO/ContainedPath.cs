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
                    root);
            }
            var full = Path.GetFullPath(Path.Combine(root, name));
            var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(rootFull, StringComparison.Ordinal)) throw new HxException("UnsafePathName", $"The {what} '{Printable(name)}' leaves {root}.", root);
            return full;
        }

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
