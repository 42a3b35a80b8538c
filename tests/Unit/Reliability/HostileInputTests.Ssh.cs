using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>SSH servers that offer only weak algorithms.</summary>
    public sealed partial class HostileInputTests
    {
        // ---- 8. weak SSH algorithms ----

        /// <summary>A second sshd on loopback: the fixture's configuration (same user and key) with lines of the test's own first.</summary>
        private sealed class ConfiguredSshd : IDisposable
        {
            private readonly Process _process;

            public ConfiguredSshd(string dir, params string[] lines)
            {
                Directory.CreateDirectory(dir);
                Port = Remote.SshConnectionTests.ClosedPort();
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

        private static PeerProcess.Result RealSshWith(int port, string knownHosts, params string[] options) => PeerProcess.Run("ssh", new[]
        {
            "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + knownHosts,
            "-o", "GlobalKnownHostsFile=/dev/null", "-i", FixturePeers.SshKey, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(options).Concat(new[] { FixturePeers.SshUser + "@127.0.0.1", "true" }), timeoutMs: 30_000);

        [FixtureFact("ssh")]
        public Task ServerOfferingOnlyGroup1KeyExchangeIsRefusedAsOpenSshRefusesItUnlessLegacyIsAllowed() => AttackAsync(async () =>
        {
            using var sshd = new ConfiguredSshd(Path.Combine(_dir, "group1"), "KexAlgorithms diffie-hellman-group1-sha1");
            var known = Path.Combine(_dir, "known_hosts");

            var refused = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(SshOptions(sshd.Port, known), CancellationToken.None));
            Assert.Equal(HxCategory.Config, refused.Category);
            Assert.Contains("diffie-hellman-group1-sha1", refused.Message);
            Assert.Contains("key exchange", refused.Message);
            Assert.Contains(SshAlgorithms.LegacySwitch, refused.Remediation);
            Assert.Contains("-AllowLegacySshAlgorithm", refused.Remediation);
            var ssh = RealSsh(sshd.Port, known, "accept-new");
            Assert.Equal(255, ssh.ExitCode);
            Assert.Contains("no matching key exchange method found", ssh.StdErr);

            var options = SshOptions(sshd.Port, known);
            options.AllowLegacyAlgorithms = true;
            using (var connection = await SshConnection.ConnectAsync(options, CancellationToken.None))
            {
                Assert.Contains("kex diffie-hellman-group1-sha1", connection.Details);
            }
            Assert.Equal(0, RealSshWith(sshd.Port, known, "-o", "KexAlgorithms=+diffie-hellman-group1-sha1").ExitCode);
        });

        [FixtureFact("ssh")]
        public Task ServerSigningItsHostKeyOnlyWithSha1RsaIsRefusedAsOpenSshRefusesItUnlessLegacyIsAllowed() => AttackAsync(async () =>
        {
            var dir = Path.Combine(_dir, "ssh-rsa");
            Directory.CreateDirectory(dir);
            var rsa = Path.Combine(dir, "ssh_host_rsa_key");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa }).ExitCode);
            using var sshd = new ConfiguredSshd(dir, "HostKey " + rsa, "HostKeyAlgorithms ssh-rsa");
            var known = Path.Combine(_dir, "known_hosts");

            var refused = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(SshOptions(sshd.Port, known), CancellationToken.None));
            Assert.Equal(HxCategory.Config, refused.Category);
            Assert.Contains("ssh-rsa", refused.Message);
            Assert.Contains("host key", refused.Message);
            Assert.Contains("-AllowLegacySshAlgorithm", refused.Remediation);
            Assert.False(File.Exists(known) && File.ReadAllText(known).Contains("ssh-rsa", StringComparison.Ordinal), "no key was recorded from a refused server");
            var ssh = RealSsh(sshd.Port, known, "accept-new");
            Assert.Equal(255, ssh.ExitCode);
            Assert.Contains("no matching host key type found", ssh.StdErr);

            var options = SshOptions(sshd.Port, known);
            options.AllowLegacyAlgorithms = true;
            using (var connection = await SshConnection.ConnectAsync(options, CancellationToken.None))
            {
                Assert.Contains("host key ssh-rsa", connection.Details);
            }
        });
    }
}
