using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// os.stat / os.lstat on the controller (the template file tests, who owns a settings file): device, inode, mode and
    /// owner from the C library (64-bit Linux layout); elsewhere the .NET view of the file, with the path standing in for
    /// the inode and no owner.
    /// </summary>
    internal readonly struct PosixStat
    {
        private const uint TypeMask = 0xF000;

        private PosixStat(ulong device, ulong inode, uint mode, uint? owner = null)
        {
            Device = device;
            Inode = inode;
            Mode = mode;
            Owner = owner;
        }

        public ulong Device { get; }
        public ulong Inode { get; }
        public uint Mode { get; }
        /// <summary>The owner's user id; null where the platform does not tell.</summary>
        public uint? Owner { get; }
        public bool IsDirectory => (Mode & TypeMask) == 0x4000;
        public bool IsRegularFile => (Mode & TypeMask) == 0x8000;
        public bool IsLink => (Mode & TypeMask) == 0xA000;

        [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
        private static extern int NativeStat(byte[] path, byte[] buffer);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        private static extern int NativeLstat(byte[] path, byte[] buffer);

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint NativeGeteuid();

        /// <summary>The effective user id of this process; null where the platform does not tell.</summary>
        public static uint? CurrentUser()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && !RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return null;
            try
            {
                return NativeGeteuid();
            }
            catch (EntryPointNotFoundException) { return null; }
            catch (DllNotFoundException) { return null; }
        }

        /// <summary>The file's status (following a final link unless <paramref name="followLinks"/> is false), or null as OSError.</summary>
        public static PosixStat? Of(string path, bool followLinks)
        {
            if (path.Length == 0 || path.IndexOf('\0') >= 0) return null;
            // struct stat: x86_64 has st_nlink (8 bytes) before st_mode, arm64 after it (4 bytes); st_uid follows both.
            var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24
                : RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 16 : -1;
            var ownerOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 28 : 24;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && modeOffset > 0)
            {
                try
                {
                    var buffer = new byte[256];
                    var name = Encoding.UTF8.GetBytes(path + "\0");
                    if ((followLinks ? NativeStat(name, buffer) : NativeLstat(name, buffer)) != 0) return null;
                    return new PosixStat(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), BitConverter.ToUInt32(buffer, modeOffset),
                        BitConverter.ToUInt32(buffer, ownerOffset));
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
