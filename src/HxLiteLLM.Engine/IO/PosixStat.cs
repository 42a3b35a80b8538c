using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// os.stat / os.lstat on the controller for the file tests: device, inode and mode from the C library (64-bit Linux
    /// layout); elsewhere the .NET view of the file, with the path standing in for the inode.
    /// </summary>
    internal readonly struct PosixStat
    {
        private const uint TypeMask = 0xF000;

        private PosixStat(ulong device, ulong inode, uint mode)
        {
            Device = device;
            Inode = inode;
            Mode = mode;
        }

        public ulong Device { get; }
        public ulong Inode { get; }
        public uint Mode { get; }
        public bool IsDirectory => (Mode & TypeMask) == 0x4000;
        public bool IsRegularFile => (Mode & TypeMask) == 0x8000;
        public bool IsLink => (Mode & TypeMask) == 0xA000;

        [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
        private static extern int NativeStat(byte[] path, byte[] buffer);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        private static extern int NativeLstat(byte[] path, byte[] buffer);

        /// <summary>The file's status (following a final link unless <paramref name="followLinks"/> is false), or null as OSError.</summary>
        public static PosixStat? Of(string path, bool followLinks)
        {
            if (path.Length == 0 || path.IndexOf('\0') >= 0) return null;
            var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 16 : -1;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && modeOffset > 0)
            {
                try
                {
                    var buffer = new byte[256];
                    var name = Encoding.UTF8.GetBytes(path + "\0");
                    if ((followLinks ? NativeStat(name, buffer) : NativeLstat(name, buffer)) != 0) return null;
                    return new PosixStat(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), BitConverter.ToUInt32(buffer, modeOffset));
                }
                catch (EntryPointNotFoundException) { }
                catch (DllNotFoundException) { }
            }
            var full = Path.GetFullPath(path);
            var identity = (ulong)StringComparer.Ordinal.GetHashCode(full.TrimEnd('/', '\\'));
            if (Directory.Exists(full)) return new PosixStat(0, identity, 0x4000);
            return File.Exists(full) ? new PosixStat(0, identity, 0x8000) : (PosixStat?)null;
        }
    }
}
