using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using HxLiteLLM.Tests.Remote;

namespace HxLiteLLM.Tests.Support
{
    /// <summary>A second sshd on loopback: the fixture's configuration (same user and key) with lines of the test's own first.</summary>
    internal sealed class ConfiguredSshd : IDisposable
    {
        private readonly Process _process;

        public ConfiguredSshd(string dir, params string[] lines)
        {
            Directory.CreateDirectory(dir);
            Port = SshConnectionTests.ClosedPort();
            // The test's keywords replace the fixture's (sshd takes the first value of most keywords, the last of some).
            var replaced = new HashSet<string>(lines.Select(Keyword).Concat(new[] { "Port", "PidFile" }), StringComparer.OrdinalIgnoreCase);
            replaced.Remove("HostKey");
            var kept = File.ReadAllLines(Path.Combine(FixturePeers.Directory, "sshd_config")).Where(l => !replaced.Contains(Keyword(l)));
            var config = Path.Combine(dir, "sshd_config");
            File.WriteAllLines(config, new[] { "Port " + Port, "PidFile " + Path.Combine(dir, "sshd.pid") }.Concat(lines).Concat(kept));
            var psi = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { "-D", "-e", "-f", config }) psi.ArgumentList.Add(a);
            _process = Process.Start(psi)!;
            for (var i = 0; i < 150; i++)
            {
                if (_process.HasExited) throw new InvalidOperationException("sshd exited " + _process.ExitCode + ": " + _process.StandardError.ReadToEnd());
                try
                {
                    using var client = new TcpClient();
                    client.Connect("127.0.0.1", Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }
            throw new InvalidOperationException("sshd did not listen on 127.0.0.1:" + Port);
        }

        public int Port { get; }

        private static string Keyword(string line) => line.Trim().Split(' ')[0];

        public void Dispose()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
