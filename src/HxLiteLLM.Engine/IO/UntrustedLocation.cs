using System;
using System.IO;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// Files found implicitly in the current folder (./ansible.cfg, ./hxlitellm.yml) that someone else could have put there.
    /// Ansible ignores ./ansible.cfg in a world-writable folder; HxLiteLLM applies the same rule to its own settings file,
    /// whose vault_password_file is a script it runs, and also ignores one owned by another user (neither root nor this user).
    /// </summary>
    public static class UntrustedLocation
    {
        private const int OtherWrite = 2;

        private static readonly System.Reflection.MethodInfo? GetUnixFileMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });

        /// <summary>
        /// Whether others may write the folder. File.GetUnixFileMode exists on every runtime PowerShell 7 uses but not in
        /// netstandard2.0, hence the lookup; where it cannot tell, the folder counts as world-writable (not trusted).
        /// </summary>
        public static bool WorldWritable(string directory)
        {
            try
            {
                var mode = GetUnixFileMode?.Invoke(null, new object[] { directory });
                return mode == null || (Convert.ToInt32(mode, System.Globalization.CultureInfo.InvariantCulture) & OtherWrite) != 0;
            }
            catch (System.Reflection.TargetInvocationException)
            {
                return true;
            }
        }

        /// <summary>
        /// Why the implicitly found <paramref name="file"/> must not be trusted, or null: its folder is world-writable, or
        /// another user owns it (checked where the platform tells owners: Linux).
        /// </summary>
        public static string? Reason(string file)
        {
            var full = Path.GetFullPath(file);
            var folder = Path.GetDirectoryName(full) ?? full;
            if (WorldWritable(folder)) return "its folder " + folder + " is world-writable, so anyone could have put it there";
            var owner = PosixStat.Of(full, true)?.Owner;
            var me = PosixStat.CurrentUser();
            if (owner.HasValue && me.HasValue && owner.Value != 0 && owner.Value != me.Value)
            {
                return "it belongs to another user (uid " + owner.Value + "), not to you (uid " + me.Value + ") or root";
            }
            return null;
        }
    }
}
