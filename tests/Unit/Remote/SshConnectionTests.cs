using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Remote
{
    public sealed class SshConnectionTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-ssh-" + Guid.NewGuid().ToString("N"));

        public SshConnectionTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        internal static RemoteConnectionOptions Options(string? knownHosts = null) => new RemoteConnectionOptions("127.0.0.1")
        {
            Port = FixturePeers.SshPort,
            User = FixturePeers.SshUser,
            KeyFilePath = FixturePeers.SshKey,
            KnownHostsPath = knownHosts ?? FixturePeers.SshKnownHosts,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };

        [FixtureFact("ssh")]
        public async Task RunsCommandsAndOpensChannelsFromTheTarget()
        {
            using var connection = await SshConnection.ConnectAsync(Options(), CancellationToken.None);
            Assert.Contains("kex curve25519-sha256", connection.Details);
            var result = await connection.RunAsync("echo out; echo err >&2; id -un; exit 3", TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("out\n" + FixturePeers.SshUser + "\n", result.StdOut);
            Assert.Equal("err\n", result.StdErr);
            Assert.Null(await connection.ReadFileAsync("/nonexistent/file", CancellationToken.None));
            Assert.Contains("127.0.0.1", await connection.ReadFileAsync(FixturePeers.Directory + "/hosts", CancellationToken.None));

            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accepted = listener.AcceptTcpClientAsync();
            using (var stream = await connection.OpenTcpAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), CancellationToken.None))
            {
                using var server = await accepted;
                var hello = Encoding.ASCII.GetBytes("hello");
                await server.GetStream().WriteAsync(hello);
                var buffer = new byte[5];
                var read = 0;
                while (read < 5) read += await stream.ReadAsync(buffer.AsMemory(read));
                Assert.Equal("hello", Encoding.ASCII.GetString(buffer));
            }
            listener.Stop();
            var refused = await Assert.ThrowsAsync<RemoteConnectionException>(() => connection.OpenTcpAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), CancellationToken.None));
            Assert.Equal(HxCategory.Tcp, refused.Category);
            Assert.Contains("127.0.0.1:" + port, refused.Message);
            Assert.EndsWith("failed: Connection refused", refused.Message);

            var timedOut = await connection.RunAsync("sleep 5", TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.True(timedOut.TimedOut);
        }

        [FixtureFact("ssh")]
        public async Task OutputArrivesWholeAcrossManyChannelPackets()
        {
            using var connection = await SshConnection.ConnectAsync(Options(), CancellationToken.None);
            // 180 KB of 2-, 3- and 4-byte characters: SSH.NET hands data over in packets that split characters.
            var stdout = new StringWriter();
            var result = await connection.RunAsync("i=0; while [ $i -lt 20000 ]; do printf '\\303\\251\\342\\202\\254\\360\\237\\230\\200'; i=$((i+1)); done; printf done >&2",
                stdout, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(string.Concat(Enumerable.Repeat("é€😀", 20000)), stdout.ToString());
            Assert.Equal("done", result.StdErr);
        }

        private static byte[] FixtureHostKey(out string type)
        {
            var pub = File.ReadAllText(Path.Combine(FixturePeers.Directory, "ssh_host_ed25519_key.pub")).Split(' ');
            type = pub[0];
            return Convert.FromBase64String(pub[1]);
        }

        private string NewKey(string type, params string[] extra)
        {
            var path = Path.Combine(_dir, "id_" + type + "_" + Guid.NewGuid().ToString("N").Substring(0, 6));
            var args = new System.Collections.Generic.List<string> { "-q", "-t", type, "-N", "", "-f", path };
            args.AddRange(extra);
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", args).ExitCode);
            return path;
        }

        [FixtureFact("ssh")]
        public async Task UnknownHostKeyFailsWithTheFingerprintAndNeverAuthenticates()
        {
            var options = Options(Path.Combine(_dir, "empty_known_hosts"));
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(HxCategory.HostKey, e.Category);
            var expected = PeerProcess.Run("ssh-keygen", new[] { "-l", "-E", "sha256", "-f", Path.Combine(FixturePeers.Directory, "ssh_host_ed25519_key.pub") }).StdOut.Split(' ')[1];
            Assert.Contains(expected, e.Message);
            Assert.Contains("ssh-ed25519", e.Message);
            Assert.Contains("not in", e.Message);
            Assert.False(File.Exists(options.KnownHostsPath));
        }

        [FixtureFact("ssh")]
        public async Task ChangedHostKeyIsAMismatch()
        {
            var other = File.ReadAllText(NewKey("ed25519") + ".pub").Split(' ');
            var known = Path.Combine(_dir, "known_hosts");
            File.WriteAllText(known, "[127.0.0.1]:" + FixturePeers.SshPort + " " + other[0] + " " + other[1] + "\n");
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(Options(known), CancellationToken.None));
            Assert.Equal(HxCategory.HostKey, e.Category);
            Assert.Contains("does not match", e.Message);
            Assert.Contains("ssh-keygen -R", e.Remediation);
        }

        [FixtureFact("ssh")]
        public async Task AcceptNewRecordsTheKeyOnceAndTrustsItNextTime()
        {
            var known = Path.Combine(_dir, "accept", "known_hosts");
            var options = Options(known);
            options.AcceptNewHostKey = true;
            var connections = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SshConnection.ConnectAsync(options, CancellationToken.None)));
            foreach (var c in connections) c.Dispose();
            Assert.Contains(connections, c => c.Details.Contains("recorded"));
            var lines = File.ReadAllLines(known);
            Assert.Single(lines);
            var blob = FixtureHostKey(out var type);
            Assert.Equal("[127.0.0.1]:" + FixturePeers.SshPort + " " + type + " " + Convert.ToBase64String(blob), lines[0]);
            options.AcceptNewHostKey = false;
            using var again = await SshConnection.ConnectAsync(options, CancellationToken.None);
            Assert.DoesNotContain("recorded", again.Details);
        }

        [FixtureFact("ssh")]
        public async Task HashedKnownHostsWrittenBySshKeygenAreHonoured()
        {
            var known = Path.Combine(_dir, "hashed_known_hosts");
            File.Copy(FixturePeers.SshKnownHosts, known);
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-H", "-f", known }).ExitCode);
            Assert.StartsWith("|1|", File.ReadAllText(known));
            using var connection = await SshConnection.ConnectAsync(Options(known), CancellationToken.None);
            Assert.Contains(HostKeyFingerprint.Sha256(FixtureHostKey(out _)), connection.Details);
        }

        [FixtureFact("ssh")]
        public async Task RsaAndEcdsaKeysInOpenSshFormatAuthenticate()
        {
            var authorized = Path.Combine(FixturePeers.Directory, "authorized_keys");
            foreach (var type in new[] { "rsa", "ecdsa" })
            {
                var key = type == "rsa" ? NewKey(type, "-b", "2048", "-C", "hx-test-rsa") : NewKey(type, "-C", "hx-test-" + type);
                File.AppendAllText(authorized, File.ReadAllText(key + ".pub"));
                var options = Options();
                options.KeyFilePath = key;
                using var connection = await SshConnection.ConnectAsync(options, CancellationToken.None);
                Assert.Equal(0, (await connection.RunAsync("true", TimeSpan.FromSeconds(5), CancellationToken.None)).ExitCode);
            }
        }

        [FixtureFact("ssh")]
        public async Task WrongKeyIsAnAuthenticationFailure()
        {
            var options = Options();
            options.KeyFilePath = NewKey("ed25519");
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(HxCategory.Auth, e.Category);
            Assert.Contains("ssh-copy-id", e.Remediation);
        }

        [FixtureFact("ssh")]
        public async Task RefusedPortIsATcpFailure()
        {
            var options = Options();
            options.Port = ClosedPort();
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(HxCategory.Tcp, e.Category);
            Assert.Contains("127.0.0.1", e.Message);
        }

        [FixtureFact("ssh")]
        public async Task CancellationStopsALongCommandPromptly()
        {
            using var connection = await SshConnection.ConnectAsync(Options(), CancellationToken.None);
            using var cts = new CancellationTokenSource(200);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.RunAsync("sleep 20", TimeSpan.FromSeconds(30), cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "cancellation took " + watch.Elapsed);
        }

        internal static int ClosedPort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }
    }
}
