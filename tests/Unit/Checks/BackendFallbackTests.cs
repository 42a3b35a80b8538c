using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Checks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Tests.Remote;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>
    /// The Backend check behind an sshd with <c>AllowTcpForwarding no</c>: the refused channel is not taken for an
    /// unreachable backend; the connect is tried from the target's shell and the result names the tool that answered.
    /// </summary>
    public sealed class BackendFallbackTests : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-backend-" + Guid.NewGuid().ToString("N"));

        public BackendFallbackTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private Task<SshConnection> ConnectAsync(ConfiguredSshd sshd)
        {
            var options = SshConnectionTests.Options(Path.Combine(_dir, "known_hosts"));
            options.Port = sshd.Port;
            options.AcceptNewHostKey = true;
            return SshConnection.ConnectAsync(options, CancellationToken.None);
        }

        private static Task<HxCheckResult> CheckAsync(IRemoteConnection connection, string backend) =>
            NetworkCheck.BackendAsync("target", connection, BackendEndpoint.Parse(backend), null, Timeout, CancellationToken.None);

        private static void DoesNotBlameTheFirewall(HxCheckResult result)
        {
            Assert.DoesNotContain("firewall", result.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("firewall", result.Remediation, StringComparison.OrdinalIgnoreCase);
        }

        [FixtureFact("ssh")]
        public async Task AListeningBackendPassesThroughTheTargetsShellWhenForwardingIsRefused()
        {
            using var sshd = new ConfiguredSshd(_dir, "AllowTcpForwarding no");
            using var connection = await ConnectAsync(sshd);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var accepted = listener.AcceptTcpClientAsync();
                var refusal = await Assert.ThrowsAsync<RemoteConnectionException>(() => connection.OpenTcpAsync("127.0.0.1", port, Timeout, CancellationToken.None));
                Assert.True(refusal.ForwardingRefused);
                Assert.Contains("administratively prohibited", refusal.Message);

                var result = await CheckAsync(connection, "127.0.0.1:" + port);
                Assert.Equal(HxStatus.Passed, result.Status);
                Assert.Equal("127.0.0.1:" + port + ": reachable from the target (via bash /dev/tcp; TCP forwarding is refused by the target's sshd)", result.Message);
                DoesNotBlameTheFirewall(result);
                // The target's shell really connected: the listener holds the connection it made.
                using (await accepted) { }
            }
            finally
            {
                listener.Stop();
            }
        }

        [FixtureFact("ssh")]
        public async Task AUrlReachedThroughTheShellPassesAndSaysItsAnswerWasNotChecked()
        {
            using var sshd = new ConfiguredSshd(_dir, "AllowTcpForwarding no");
            using var connection = await ConnectAsync(sshd);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var url = "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/health";
                var result = await CheckAsync(connection, url);
                Assert.Equal(HxStatus.Passed, result.Status);
                Assert.Equal(url + ": reachable from the target (via bash /dev/tcp; TCP forwarding is refused by the target's sshd); only the TCP connect was tried, the HTTP answer was not checked", result.Message);
                Assert.Contains("AllowTcpForwarding", result.Remediation);
                DoesNotBlameTheFirewall(result);
            }
            finally
            {
                listener.Stop();
            }
        }

        [FixtureFact("ssh")]
        public async Task AClosedPortFailsAsNotListeningWhenForwardingIsRefused()
        {
            using var sshd = new ConfiguredSshd(_dir, "AllowTcpForwarding no");
            using var connection = await ConnectAsync(sshd);
            var port = SshConnectionTests.ClosedPort();
            var result = await CheckAsync(connection, "127.0.0.1:" + port);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Tcp, result.Category);
            Assert.StartsWith("127.0.0.1:" + port + ": connection refused from the target (via bash /dev/tcp; TCP forwarding is refused by the target's sshd)", result.Message);
            Assert.Equal("the backend is not listening on 127.0.0.1:" + port + ": start it there or correct the port", result.Remediation);
            DoesNotBlameTheFirewall(result);
        }

        [FixtureFact("ssh")]
        public async Task AHostThatIsNeitherANameNorAnAddressNeverReachesTheShell()
        {
            using var sshd = new ConfiguredSshd(_dir, "AllowTcpForwarding no");
            using var connection = await ConnectAsync(sshd);
            var marker = Path.Combine(_dir, "injected");
            var result = await CheckAsync(connection, "x$(touch " + marker + "):80");
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Config, result.Category);
            Assert.Contains("neither a host name nor an IP address", result.Message);
            Assert.False(File.Exists(marker));
        }

        [FixtureFact("ssh")]
        public async Task TheForwardingPathStaysFirstWhereSshdAllowsIt()
        {
            using var connection = await SshConnection.ConnectAsync(SshConnectionTests.Options(), CancellationToken.None);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var result = await CheckAsync(connection, "127.0.0.1:" + port);
                Assert.Equal(HxStatus.Passed, result.Status);
                Assert.StartsWith("127.0.0.1:" + port + ": TCP connect from the target in ", result.Message);
                Assert.DoesNotContain("via", result.Message);
            }
            finally
            {
                listener.Stop();
            }
            // A connect the target tried and that failed is not a policy refusal.
            var closed = await Assert.ThrowsAsync<RemoteConnectionException>(() => connection.OpenTcpAsync("127.0.0.1", SshConnectionTests.ClosedPort(), Timeout, CancellationToken.None));
            Assert.False(closed.ForwardingRefused);
        }

        /// <summary>This machine's shell with PATH holding only the given tools: the probe's later choices, each with its real tool.</summary>
        private sealed class OnlyTools : IRemoteConnection
        {
            private readonly LocalConnection _local = new LocalConnection();
            private readonly string _path;

            public OnlyTools(string dir, params string[] tools)
            {
                _path = Path.Combine(dir, "bin-" + string.Join("-", tools));
                Directory.CreateDirectory(_path);
                foreach (var tool in tools)
                {
                    // The system's own tools: a version manager's shim (pyenv's python3) needs a PATH of its own.
                    var found = new[] { "/usr/bin/", "/bin/" }.Select(d => d + tool).FirstOrDefault(File.Exists);
                    Assert.True(found != null, tool + " is not installed in /usr/bin or /bin");
                    File.CreateSymbolicLink(Path.Combine(_path, tool), found!);
                }
            }

            public string Description => _local.Description;
            public string Details => _local.Details;

            public Task<CommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) =>
                _local.RunAsync("PATH=" + SshConnection.ShellQuote(_path) + "\n" + command, timeout, cancellationToken);

            public Task<CommandResult> RunAsync(string command, TextWriter stdout, TimeSpan timeout, CancellationToken cancellationToken) =>
                _local.RunAsync("PATH=" + SshConnection.ShellQuote(_path) + "\n" + command, stdout, timeout, cancellationToken);

            public Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken) => _local.ReadFileAsync(path, cancellationToken);

            public Task<Stream> OpenTcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
                _local.OpenTcpAsync(host, port, timeout, cancellationToken);

            public void Dispose() => _local.Dispose();
        }

        [Theory]
        [InlineData(ShellTcpProbe.Bash, new[] { "bash", "timeout" })]
        [InlineData(ShellTcpProbe.Curl, new[] { "curl" })]
        [InlineData(ShellTcpProbe.Python, new[] { "python3" })]
        public async Task EachToolTellsOpenFromRefused(string method, string[] tools)
        {
            using var connection = new OnlyTools(_dir, tools);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var open = await ShellTcpProbe.ConnectAsync(connection, "127.0.0.1", port, TimeSpan.FromSeconds(1), CancellationToken.None);
                Assert.Equal(method, open.Method);
                Assert.Equal(ShellTcpOutcome.Open, open.Outcome);
            }
            finally
            {
                listener.Stop();
            }
            var closed = await ShellTcpProbe.ConnectAsync(connection, "127.0.0.1", SshConnectionTests.ClosedPort(), Timeout, CancellationToken.None);
            Assert.Equal(method, closed.Method);
            Assert.Equal(ShellTcpOutcome.Refused, closed.Outcome);
            Assert.Contains("Connection refused", closed.Detail, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task NoToolIsReportedAsSuch()
        {
            using var connection = new OnlyTools(_dir);
            var result = await ShellTcpProbe.ConnectAsync(connection, "127.0.0.1", 80, Timeout, CancellationToken.None);
            Assert.Equal(ShellTcpOutcome.NoTool, result.Outcome);
            Assert.Equal("", result.Method);
        }

        [Theory]
        [InlineData("127.0.0.1'; touch /tmp/x; '")]
        [InlineData("-oProxyCommand=x")]
        [InlineData("host name")]
        [InlineData("")]
        public void HostsThatAreNeitherNamesNorAddressesAreNotScripted(string host)
        {
            Assert.False(ShellTcpProbe.IsProbeableHost(host));
            Assert.Throws<ArgumentException>(() => ShellTcpProbe.Script(host, 80, 1));
        }

        [Fact]
        public void HostAndPortAreSingleQuoted()
        {
            var script = ShellTcpProbe.Script("::1", 8000, 3);
            Assert.StartsWith("h='::1'; p='8000'; u='telnet://[::1]:8000'; t='3'\n", script);
        }
    }
}
