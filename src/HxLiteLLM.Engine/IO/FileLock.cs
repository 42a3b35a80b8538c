using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// An exclusive lock on a path across processes, so two runs changing the same file cannot lose an update.
    /// The lock file lives in the temp folder (never beside inventories, where Ansible would read it as a source)
    /// and is held by the operating system: a killed process releases it.
    /// </summary>
    public sealed class FileLock : IDisposable
    {
        private readonly FileStream _stream;

        private FileLock(FileStream stream) => _stream = stream;

        public static FileLock Acquire(string path, TimeSpan timeout, CancellationToken cancellation = default)
        {
            var full = Path.GetFullPath(path);
            var folder = Path.Combine(Path.GetTempPath(), "hxlitellm-locks");
            Directory.CreateDirectory(folder);
            string name;
            using (var sha = SHA256.Create())
            {
                name = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(full))).Replace("-", "").Substring(0, 32) + ".lock";
            }
            var lockPath = Path.Combine(folder, name);
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
                    throw new HxException("FileLocked", "Another HxLiteLLM run is changing " + full + " (waited " + timeout.TotalSeconds + " s). Try again when it has finished.", full);
                }
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
