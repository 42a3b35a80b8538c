using System;
using System.Collections.Generic;
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
    /// <summary>SSH servers that offer only weak algorithms, and servers that reset connections before the handshake.</summary>
    public sealed partial class HostileInputTests
    {
        // ---- 8. weak SSH algorithms, resets before the handshake ----

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

        /// <summary>A fresh RSA user key for the fixture's user, authorized in a file of the test's own (the AuthorizedKeysFile line for a ConfiguredSshd).</summary>
        private static (string Key, string AuthorizedKeysLine) RsaUserKey(string dir)
        {
            Directory.CreateDirectory(dir);
            var key = Path.Combine(dir, "user_rsa");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key }).ExitCode);
            var authorized = Path.Combine(dir, "authorized_keys");
            File.Copy(key + ".pub", authorized);
            return (key, "AuthorizedKeysFile " + authorized);
        }

        [FixtureFact("ssh")]
        public Task ServerAcceptingARsaUserKeyOnlyWithSha1SignaturesIsRefusedAsOpenSshRefusesItUnlessLegacyIsAllowed() => AttackAsync(async () =>
        {
            var dir = Path.Combine(_dir, "pubkey-ssh-rsa");
            var (key, authorizedKeys) = RsaUserKey(dir);
            using var sshd = new ConfiguredSshd(dir, authorizedKeys, "PubkeyAcceptedAlgorithms ssh-rsa");
            var known = Path.Combine(_dir, "known_hosts");
            var options = SshOptions(sshd.Port, known);
            options.KeyFilePath = key;

            var refused = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(HxCategory.Auth, refused.Category);
            Assert.Contains("only with ssh-rsa", refused.Message);
            Assert.Contains("-AllowLegacySshAlgorithm", refused.Remediation);
            var ssh = RealSshWith(sshd.Port, known, "-o", "IdentitiesOnly=yes", "-i", key);
            Assert.Equal(255, ssh.ExitCode);
            Assert.Contains("Permission denied", ssh.StdErr);

            options.AllowLegacyAlgorithms = true;
            using (var connection = await SshConnection.ConnectAsync(options, CancellationToken.None))
            {
                Assert.Equal("0", (await connection.RunAsync("echo $?", TimeSpan.FromSeconds(30), CancellationToken.None)).StdOut.Trim());
            }
            // sshd 9.2 names every algorithm it knows in server-sig-algs, so ssh keeps to rsa-sha2-512 unless given ssh-rsa alone.
            Assert.Equal(0, RealSshWith(sshd.Port, known, "-o", "IdentitiesOnly=yes", "-i", key, "-o", "PubkeyAcceptedAlgorithms=ssh-rsa").ExitCode);
        });

        [FixtureFact("ssh")]
        public Task ARsaUserKeySignsWithSha2ByDefaultAndLegacyAllowedStillOffersSha2First() => AttackAsync(async () =>
        {
            var dir = Path.Combine(_dir, "pubkey-rsa-sha2");
            var (key, authorizedKeys) = RsaUserKey(dir);
            Assert.Equal(new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" }, SshAlgorithms.UserKey(new Renci.SshNet.PrivateKeyFile(key), allowLegacy: true).HostKeyAlgorithms.Select(a => a.Name));
            // OpenSSH 9.2's sshd takes rsa-sha2-512 and rsa-sha2-256 and refuses ssh-rsa by default: connecting proves a SHA-2 signature.
            using var sshd = new ConfiguredSshd(dir, authorizedKeys);
            var known = Path.Combine(_dir, "known_hosts");
            var options = SshOptions(sshd.Port, known);
            options.KeyFilePath = key;
            using (var connection = await SshConnection.ConnectAsync(options, CancellationToken.None))
            {
                Assert.Equal("0", (await connection.RunAsync("echo $?", TimeSpan.FromSeconds(30), CancellationToken.None)).StdOut.Trim());
            }
            Assert.Equal(0, RealSshWith(sshd.Port, known, "-o", "IdentitiesOnly=yes", "-i", key).ExitCode);
        });

        /// <summary>
        /// A loopback TCP server in front of the fixture's sshd that resets (RST) the first connections it accepts
        /// and relays the others: a server past its MaxStartups, made deterministic.
        /// </summary>
        private sealed class ResettingRelay : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly int _resets;
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly List<TcpClient> _open = new List<TcpClient>();
            private int _accepted;

            public ResettingRelay(int resets)
            {
                _resets = resets;
                _listener.Start();
                _ = AcceptAsync();
            }

            public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

            /// <summary>Connections accepted so far (reset or relayed).</summary>
            public int Accepted => Volatile.Read(ref _accepted);

            private async Task AcceptAsync()
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try
                    {
                        client = await _listener.AcceptTcpClientAsync();
                    }
                    catch (Exception e) when (e is ObjectDisposedException || e is SocketException)
                    {
                        return;
                    }
                    if (Interlocked.Increment(ref _accepted) <= _resets)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Close();
                        continue;
                    }
                    var upstream = new TcpClient();
                    await upstream.ConnectAsync(IPAddress.Loopback, FixturePeers.SshPort);
                    lock (_open) _open.AddRange(new[] { client, upstream });
                    _ = PumpAsync(client, upstream);
                    _ = PumpAsync(upstream, client);
                }
            }

            private async Task PumpAsync(TcpClient from, TcpClient to)
            {
                try
                {
                    await from.GetStream().CopyToAsync(to.GetStream(), 81920, _stop.Token);
                    to.Client.Shutdown(SocketShutdown.Send);
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is OperationCanceledException)
                {
                    // one side went away: the other follows when the test disposes the relay
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
                lock (_open) foreach (var c in _open) c.Dispose();
            }
        }

        [FixtureFact("ssh")]
        public Task ConnectionsResetBeforeTheHandshakeAreRetriedAndTheResultSaysSo() => AttackAsync(async () =>
        {
            using var relay = new ResettingRelay(resets: 2);
            using (var connection = await SshConnection.ConnectAsync(SshOptions(relay.Port, Path.Combine(_dir, "known_hosts")), CancellationToken.None))
            {
                Assert.Contains("connected on attempt 3", connection.Details);
                Assert.Contains("reset the 2 earlier attempts", connection.Details);
                Assert.Equal("0", (await connection.RunAsync("echo $?", TimeSpan.FromSeconds(30), CancellationToken.None)).StdOut.Trim());
            }
            Assert.Equal(3, relay.Accepted);
        });

        [FixtureFact("ssh")]
        public Task ManyHostsAtOnceBehindAResettingServerAllConnectWithBoundedRetries() => AttackAsync(async () =>
        {
            const int hosts = 8;
            using var relay = new ResettingRelay(resets: hosts);
            var known = Path.Combine(_dir, "known_hosts");
            File.WriteAllText(known, "[127.0.0.1]:" + relay.Port + " " + string.Join(" ", File.ReadAllText(Path.Combine(FixturePeers.Directory, "ssh_host_ed25519_key.pub")).Split(' ').Take(2)) + "\n");
            var connections = await Task.WhenAll(Enumerable.Range(0, hosts).Select(_ => Task.Run(() => SshConnection.ConnectAsync(SshOptions(relay.Port, known), CancellationToken.None))));
            try
            {
                // Every reset cost exactly one more attempt of some host, each said so, and none went past the bound.
                var attempts = connections.Select(c => System.Text.RegularExpressions.Regex.Match(c.Details, @"connected on attempt (\d+)"))
                    .Select(m => m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1).ToList();
                Assert.Equal(2 * hosts, relay.Accepted);
                Assert.Equal(2 * hosts, attempts.Sum());
                Assert.All(attempts, a => Assert.InRange(a, 1, SshConnection.ConnectAttempts));
            }
            finally
            {
                foreach (var c in connections) c.Dispose();
            }
        });

        [FixtureFact("ssh")]
        public Task AServerThatResetsEveryConnectionFailsAfterTheBoundNamingMaxStartups() => AttackAsync(async () =>
        {
            using var relay = new ResettingRelay(resets: int.MaxValue);
            var failed = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(SshOptions(relay.Port, Path.Combine(_dir, "known_hosts")), CancellationToken.None));
            Assert.Equal(HxCategory.Tcp, failed.Category);
            Assert.Contains("all " + SshConnection.ConnectAttempts + " attempts", failed.Message);
            Assert.Contains("MaxStartups", failed.Remediation);
            Assert.Contains("-ThrottleLimit", failed.Remediation);
            Assert.Equal(SshConnection.ConnectAttempts, relay.Accepted);
        });

        [FixtureFact("ssh")]
        public Task AuthenticationFailuresAndChangedHostKeysAreNeverRetried() => AttackAsync(async () =>
        {
            using var relay = new ResettingRelay(resets: 0);
            var stranger = Path.Combine(_dir, "stranger_ed25519");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", stranger }).ExitCode);
            var options = SshOptions(relay.Port, Path.Combine(_dir, "known_hosts"));
            options.KeyFilePath = stranger;
            var auth = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(HxCategory.Auth, auth.Category);
            Assert.Equal(1, relay.Accepted);

            var changed = Path.Combine(_dir, "changed_known_hosts");
            File.WriteAllText(changed, "[127.0.0.1]:" + relay.Port + " " + string.Join(" ", File.ReadAllText(stranger + ".pub").Split(' ').Take(2)) + "\n");
            var mismatch = SshOptions(relay.Port, changed);
            mismatch.AcceptNewHostKey = false;
            var hostKey = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(mismatch, CancellationToken.None));
            Assert.Equal(HxCategory.HostKey, hostKey.Category);
            Assert.Equal(2, relay.Accepted);
        });

        /// <summary>
        /// A connection that sshd served its version line and that then says nothing: it holds a start-up slot until
        /// LoginGraceTime. Connections sshd dropped meanwhile (it answers "Exceeded MaxStartups") are tried again.
        /// </summary>
        private static async Task<TcpClient> HoldStartupSlotAsync(int port)
        {
            while (true)
            {
                var holder = new TcpClient();
                holder.Connect(IPAddress.Loopback, port);
                var banner = new byte[4];
                var read = 0;
                while (read < 4)
                {
                    var n = await holder.GetStream().ReadAsync(banner, read, 4 - read);
                    if (n == 0) break;
                    read += n;
                }
                if (read == 4 && System.Text.Encoding.ASCII.GetString(banner) == "SSH-") return holder;
                holder.Dispose();
            }
        }

        [FixtureFact("ssh")]
        public Task ARealSshdPastItsMaxStartupsIsRetriedAndTheBoundHolds() => AttackAsync(async () =>
        {
            using var sshd = new ConfiguredSshd(Path.Combine(_dir, "maxstartups"), "MaxStartups 1", "LoginGraceTime 60");
            var known = Path.Combine(_dir, "known_hosts");
            // One unauthenticated connection holds sshd's only start-up slot: sshd drops every other one.
            using (var holder = await HoldStartupSlotAsync(sshd.Port))
            {
                var dropped = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(SshOptions(sshd.Port, known), CancellationToken.None));
                Assert.Contains("all " + SshConnection.ConnectAttempts + " attempts", dropped.Message);
                Assert.Contains("MaxStartups", dropped.Remediation);
            }
            // The slot freed, the same connect passes.
            using var connection = await SshConnection.ConnectAsync(SshOptions(sshd.Port, known), CancellationToken.None);
            Assert.Contains("kex ", connection.Details);
        });
    }
}
