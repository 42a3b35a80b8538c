using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Writes a file so that readers see either the old or the new content, never a half-written one:
    /// a temp file in the same folder, flushed to disk, then renamed over the target.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>UTF-8 without BOM: a BOM breaks INI inventories and vault files (Ansible rules).</summary>
        public static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static void WriteAllText(string path, string content, int? unixMode = null) =>
            WriteAllBytes(path, Utf8.GetBytes(content), unixMode);

        /// <param name="unixMode">Mode for the new file, e.g. 0600 for secrets; null keeps the old file's mode (or the umask for a new file).</param>
        public static void WriteAllBytes(string path, byte[] content, int? unixMode = null)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(dir);
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    // Restrict before the content lands, so a secret is never readable by others even briefly.
                    var mode = unixMode ?? (File.Exists(full) ? UnixPermissions.Get(full) : null);
                    if (mode.HasValue) UnixPermissions.Set(temp, mode.Value);
                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Unix permission bits. netstandard2.0 has no API for them; the runtimes PowerShell 7 runs on (.NET 8+)
    /// have File.Get/SetUnixFileMode, found by reflection. On Windows there are no such bits.
    /// </summary>
    public static class UnixPermissions
    {
        private static readonly MethodInfo? GetMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? SetMode = GetMode == null ? null
            : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), GetMode.ReturnType });

        public static bool IsSupported => SetMode != null && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static void Set(string path, int mode)
        {
            if (!IsSupported) return;
            SetMode!.Invoke(null, new[] { path, Enum.ToObject(GetMode!.ReturnType, mode) });
        }

        public static int? Get(string path) => IsSupported ? Convert.ToInt32(GetMode!.Invoke(null, new object[] { path })) : (int?)null;
    }
}
