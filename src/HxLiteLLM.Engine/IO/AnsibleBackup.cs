using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Backups named as Ansible's <c>backup: yes</c> names them: <c>&lt;file&gt;.&lt;pid&gt;.&lt;YYYY-MM-DD@HH:MM:SS&gt;~</c>
    /// (local time). The trailing <c>~</c> matters: Ansible's group_vars and inventory-directory loaders skip such
    /// files, so a backup never becomes a second source. Windows forbids ':' in names; there it becomes '-'.
    /// </summary>
    public static class AnsibleBackup
    {
        public static string NameFor(string path, DateTime localTime, int processId)
        {
            var stamp = localTime.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) stamp = stamp.Replace(':', '-');
            return path + "." + processId.ToString(CultureInfo.InvariantCulture) + "." + stamp + "~";
        }

        /// <summary>Copies the file (content and mode) to its backup name, or to <paramref name="backupPath"/>; returns the backup's path.</summary>
        public static string Create(string path, string? backupPath = null)
        {
            var target = backupPath ?? NameFor(path, DateTime.Now, Process.GetCurrentProcess().Id);
            // Two changes within one second must not overwrite the first backup.
            for (var n = 1; File.Exists(target) && backupPath == null; n++)
            {
                target = NameFor(path, DateTime.Now, Process.GetCurrentProcess().Id).TrimEnd('~') + "." + n.ToString(CultureInfo.InvariantCulture) + "~";
            }
            AtomicFile.WriteAllBytes(target, File.ReadAllBytes(path), UnixPermissions.Get(path));
            return target;
        }
    }
}
