using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// An exclusive lock on a path across processes, so two runs changing the same file cannot lose an update.
    /// The lock file lives in a private per-user folder (never beside inventories, where Ansible would read it as a
    /// source; never in a shared temp folder, where another user could plant a symlink or hold the lock) and is held by
    /// the operating system: a killed process releases it.
    /// </summary>
    public sealed class FileLock : IDisposable
    {
        private readonly FileStream _stream;

        private FileLock(FileStream stream) => _stream = stream;

        public static FileLock Acquire(string path, TimeSpan timeout, CancellationToken cancellation = default)
        {
            var full = Path.GetFullPath(path);
            var folder = PrivateFolder();
            string name;
            using (var sha = SHA256.Create())
            {
                name = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(full))).Replace("-", "").Substring(0, 32) + ".lock";
            }
            var lockPath = Path.Combine(folder, name);
            if (IsLink(lockPath)) throw Unsafe(lockPath, "is a symbolic link");
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    cancellation.WaitHandle.WaitOne(50);
                    cancellation.ThrowIfCancellationRequested();
                }
                catch (IOException)
                {
                    throw new HxException("FileLocked", "Another HxLiteLLM run is changing " + full + " (waited " + timeout.TotalSeconds
                        + " s). Try again when it has finished.", full, kind: HxErrorKind.ResourceBusy);
                }
            }
        }

        public void Dispose() => _stream.Dispose();

        /// <summary>
        /// $XDG_RUNTIME_DIR (per-user by design), else the user's local application data, else the temp folder, each with
        /// a hxlitellm-locks folder of mode 0700. A folder that is a symbolic link, that belongs to another user, or whose
        /// mode cannot be made 0700, is refused.
        /// </summary>
        public static string PrivateFolder()
        {
            var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (!string.IsNullOrEmpty(runtime) && Directory.Exists(runtime)) return PrivateFolderIn(runtime!, "hxlitellm-locks");
            if (!string.IsNullOrEmpty(local)) return PrivateFolderIn(local, "hxlitellm-locks");
            return PrivateFolderIn(Path.GetTempPath(), "hxlitellm-locks-" + Environment.UserName);
        }

        internal static string PrivateFolderIn(string parent, string name)
        {
            var folder = Path.Combine(parent, name);
            if (IsLink(folder)) throw Unsafe(folder, "is a symbolic link");
            Directory.CreateDirectory(folder);
            if (!UnixPermissions.IsSupported) return folder;
            // Root may chmod any folder, so a successful chmod proves nothing for root (an XDG_RUNTIME_DIR of mode 1777
            // lets anyone create the folder first): the owner is compared where the platform tells it.
            var owner = PosixStat.Of(folder, followLinks: false)?.Owner;
            var me = PosixStat.CurrentUser();
            if (owner.HasValue && me.HasValue && owner != me) throw Unsafe(folder, "belongs to another user (uid " + owner + ")");
            try
            {
                // chmod succeeds only for the owner: this is the ownership check.
                UnixPermissions.Set(folder, PrivateMode);
            }
            catch (Exception e) when (e.InnerException is UnauthorizedAccessException || e is UnauthorizedAccessException)
            {
                throw Unsafe(folder, "belongs to another user");
            }
            if (IsLink(folder) || UnixPermissions.Get(folder) != PrivateMode) throw Unsafe(folder, "is not private (mode 0700)");
            return folder;
        }

        /// <summary>drwx------</summary>
        private const int PrivateMode = 0x1C0;

        private static bool IsLink(string path) =>
            (File.Exists(path) || Directory.Exists(path)) && (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;

        private static HxException Unsafe(string path, string why) =>
            new HxException("LockFolderUnsafe", "The lock path " + path + " " + why
                + ", so another user could hold or redirect HxLiteLLM's locks. Remove it; HxLiteLLM recreates it private.", path,
                kind: HxErrorKind.SecurityError);
    }
}
