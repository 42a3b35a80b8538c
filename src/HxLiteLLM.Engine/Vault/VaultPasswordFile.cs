using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace HxLiteLLM.Vault
{
    /// <summary>Reads a password file or runs a password script the way ansible-vault does (§2.4 of the Ansible notes).</summary>
    internal static class VaultPasswordFile
    {
        public static readonly TimeSpan DefaultScriptTimeout = TimeSpan.FromSeconds(30);

        internal readonly struct Result
        {
            public Result(byte[] password, string source)
            {
                Password = password;
                Source = source;
            }

            public byte[] Password { get; }

            /// <summary>"file (path)" or "script (path)", for messages.</summary>
            public string Source { get; }
        }

        public static Result Read(string path, string label, TimeSpan scriptTimeout)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A password file path is required.", nameof(path));
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                var what = Directory.Exists(full) ? "is a directory, not a file" : "was not found";
                throw new VaultException(VaultErrorKind.PasswordFile, "The vault password file " + what + "; give the path of a file holding the password.",
                    full);
            }
            if (IsExecutable(full)) return new Result(RunScript(full, label, scriptTimeout), "script (" + full + ")");
            byte[] content;
            try
            {
                content = File.ReadAllBytes(full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new VaultException(VaultErrorKind.PasswordFile, "Could not read the vault password file (" + e.GetType().Name
                    + "); check its permissions.", full);
            }
            return new Result(Strip(content, IsPythonWhitespace), "file (" + full + ")");
        }

        /// <summary>Ansible calls a script "client" (and passes it --vault-id) when its name without extension ends in -client.</summary>
        internal static bool IsClientScript(string path) => Path.GetFileNameWithoutExtension(path).EndsWith("-client", StringComparison.Ordinal);

        private static byte[] RunScript(string path, string label, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(path)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
            };
            if (IsClientScript(path)) start.Arguments = "--vault-id " + label; // labels hold no whitespace or quotes (VaultEnvelope.CheckLabel)
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception();
            }
            catch (Win32Exception e)
            {
                throw new VaultException(VaultErrorKind.PasswordFile,
                    "Problem running the vault password script (" + e.Message + "). If this is not a script, remove the executable bit from the file.", path);
            }
            using (process)
            {
                var output = new MemoryStream();
                var started = Stopwatch.StartNew();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
                // One deadline for both: a background child of the script can hold its output open long after the script exited.
                var exited = process.WaitForExit(Milliseconds(timeout));
                if (!exited || !copy.Wait(Milliseconds(timeout - started.Elapsed)))
                {
                    KillTree(process);
                    Array.Clear(output.GetBuffer(), 0, (int)output.Length);
                    throw new VaultException(VaultErrorKind.PasswordFile,
                        "The vault password script did not finish within " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s" +
                        (exited ? " (it exited, but a process it started in the background still holds its output open)" : "") +
                        "; make it print the password and end, without waiting for input or leaving processes behind.", path);
                }
                if (process.ExitCode != 0)
                {
                    throw new VaultException(VaultErrorKind.PasswordFile,
                        "The vault password script returned non-zero (" + process.ExitCode + ")" + (IsClientScript(path) ? " for vault-id " + label : "") + ".",
                            path);
                }
                var printed = output.ToArray();
                Array.Clear(output.GetBuffer(), 0, (int)output.Length);
                return Strip(printed, b => b == (byte)'\r' || b == (byte)'\n');
            }
        }

        private static int Milliseconds(TimeSpan time) => (int)Math.Max(0, Math.Min(int.MaxValue, time.TotalMilliseconds));

        private static readonly System.Reflection.MethodInfo? KillEntireTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

        /// <summary>Kills the script and the processes it started (Process.Kill(true) of .NET Core 3+, by reflection); a process it left behind after exiting
        /// is out of reach.</summary>
        private static void KillTree(Process process)
        {
            try
            {
                if (KillEntireTree != null) KillEntireTree.Invoke(process, new object[] { true });
                else process.Kill();
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.Reflection.TargetInvocationException || e is Win32Exception)
            {
                // It exited meanwhile.
            }
        }

        /// <summary>Python's bytes.strip(): ASCII space, \t, \n, \v, \f, \r.</summary>
        private static bool IsPythonWhitespace(byte b) => b == (byte)' ' || (b >= 0x09 && b <= 0x0d);

        /// <summary>The trimmed copy; <paramref name="content"/> is zeroed.</summary>
        private static byte[] Strip(byte[] content, Func<byte, bool> strip)
        {
            int start = 0, end = content.Length;
            while (start < end && strip(content[start])) start++;
            while (end > start && strip(content[end - 1])) end--;
            var result = new byte[end - start];
            Buffer.BlockCopy(content, start, result, 0, result.Length);
            Array.Clear(content, 0, content.Length);
            return result;
        }

        /// <summary>Ansible runs a password file that has an execute bit; Windows has none, so there it is always read.</summary>
        private static bool IsExecutable(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return false;
            try
            {
                return access(path, ExecuteAccess) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return false;
            }
        }

        private const int ExecuteAccess = 1;

        [DllImport("libc", SetLastError = true)]
        private static extern int access(string path, int mode);
    }
}
