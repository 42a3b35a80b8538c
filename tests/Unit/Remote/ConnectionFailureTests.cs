using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Tests.Support;
using Renci.SshNet.Common;
using Xunit;

namespace HxLiteLLM.Tests.Remote
{
    /// <summary>
    /// Each class of failed SSH connection gets its own remediation: the real sshd and loopback listeners produce the classes
    /// they can (refused, reset, no banner, wrong key, changed host key); the rest are the exceptions SSH.NET throws for them.
    /// </summary>
    public sealed class ConnectionFailureTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-connfail-" + Guid.NewGuid().ToString("N"));

        public ConnectionFailureTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Remediation(ConnectionFailureKind kind, string keyFile = "/k/id_ed25519") =>
            ConnectionFailure.Remediation(kind, "gw1.hx.test", 2222, "deploy", keyFile, TimeSpan.FromSeconds(10));

        [Theory]
        [InlineData(SocketError.HostNotFound, ConnectionFailureKind.NameResolution, HxCategory.Dns)]
        [InlineData(SocketError.TryAgain, ConnectionFailureKind.NameResolution, HxCategory.Dns)]
        [InlineData(SocketError.ConnectionRefused, ConnectionFailureKind.ConnectionRefused, HxCategory.Tcp)]
        [InlineData(SocketError.TimedOut, ConnectionFailureKind.Timeout, HxCategory.Tcp)]
        [InlineData(SocketError.HostUnreachable, ConnectionFailureKind.Timeout, HxCategory.Tcp)]
        [InlineData(SocketError.ConnectionReset, ConnectionFailureKind.ConnectionReset, HxCategory.Tcp)]
        [InlineData(SocketError.AccessDenied, ConnectionFailureKind.PermissionDenied, HxCategory.Config)]
        public void SocketErrorsFallIntoTheirClass(SocketError error, ConnectionFailureKind kind, string category)
        {
            Assert.Equal(kind, ConnectionFailure.Classify(new SocketException((int)error), false));
            Assert.Equal(category, ConnectionFailure.CategoryOf(kind));
        }

        [Fact]
        public void SshNetExceptionsFallIntoTheirClass()
        {
            Assert.Equal(ConnectionFailureKind.AuthenticationFailed, ConnectionFailure.Classify(new SshAuthenticationException("Permission denied (publickey)."), false));
            Assert.Equal(ConnectionFailureKind.ConnectionReset, ConnectionFailure.Classify(new SshConnectionException("Server response does not contain SSH protocol identification."), false));
            Assert.Equal(ConnectionFailureKind.ConnectionReset, ConnectionFailure.Classify(new SshConnectionException("An established connection was aborted by the server."), false));
            Assert.Equal(ConnectionFailureKind.Timeout, ConnectionFailure.Classify(new SshOperationTimeoutException("Socket read operation has timed out"), false));
            Assert.Equal(ConnectionFailureKind.PermissionDenied, ConnectionFailure.Classify(new UnauthorizedAccessException("Access to the path is denied."), false));
            Assert.Equal(ConnectionFailureKind.ConnectionReset, ConnectionFailure.Classify(new IOException("read failed", new SocketException((int)SocketError.ConnectionReset)), false));
            Assert.Equal(ConnectionFailureKind.Timeout, ConnectionFailure.Classify(new OperationCanceledException(), true));
            Assert.Equal(ConnectionFailureKind.Other, ConnectionFailure.Classify(new InvalidOperationException("?"), false));
        }

        [Fact]
        public void EachClassHasItsOwnRemediation()
        {
            var name = Remediation(ConnectionFailureKind.NameResolution);
            Assert.Contains("does not resolve", name);
            Assert.Contains("ansible_host", name);
            Assert.DoesNotContain("sshd", name);
            var refused = Remediation(ConnectionFailureKind.ConnectionRefused);
            Assert.Contains("nothing listens on port 2222", refused);
            Assert.Contains("ansible_port", refused);
            var timeout = Remediation(ConnectionFailureKind.Timeout);
            Assert.Contains("within 10000 ms", timeout);
            Assert.Contains("firewall drops port 2222", timeout);
            var reset = Remediation(ConnectionFailureKind.ConnectionReset);
            Assert.Contains("accepted the connection, then closed it", reset);
            Assert.Contains("MaxStartups", reset);
            Assert.DoesNotContain("nothing listens", reset);
            Assert.Equal("authorize the key for 'deploy': ssh-copy-id -i /k/id_ed25519 -p 2222 deploy@gw1.hx.test", Remediation(ConnectionFailureKind.AuthenticationFailed));
            Assert.Contains("set ansible_ssh_private_key_file", Remediation(ConnectionFailureKind.AuthenticationFailed, ""));
            Assert.Contains("chmod 600", Remediation(ConnectionFailureKind.PermissionDenied));
            Assert.Contains("refused the outgoing connection", Remediation(ConnectionFailureKind.PermissionDenied, ""));
            var all = new[] { name, refused, timeout, reset, Remediation(ConnectionFailureKind.AuthenticationFailed), Remediation(ConnectionFailureKind.PermissionDenied) };
            Assert.Equal(all.Length, new System.Collections.Generic.HashSet<string>(all).Count);
        }

        [FixtureFact("ssh")]
        public async Task RefusedPortIsToldNothingListens()
        {
            var options = SshConnectionTests.Options();
            options.Port = SshConnectionTests.ClosedPort();
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(ConnectionFailureKind.ConnectionRefused, e.Kind);
            Assert.Equal(HxCategory.Tcp, e.Category);
            Assert.Contains("nothing listens on port " + options.Port, e.Remediation);
        }

        [FixtureFact("ssh")]
        public async Task WrongKeyIsToldToAuthorizeThatKey()
        {
            var options = SshConnectionTests.Options();
            options.KeyFilePath = Path.Combine(_dir, "id_other");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", options.KeyFilePath }).ExitCode);
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(ConnectionFailureKind.AuthenticationFailed, e.Kind);
            Assert.Equal(HxCategory.Auth, e.Category);
            Assert.Equal("authorize the key for '" + options.User + "': ssh-copy-id -i " + options.KeyFilePath + " -p " + options.Port + " " + options.User + "@127.0.0.1", e.Remediation);
        }

        [FixtureFact("ssh")]
        public async Task ChangedHostKeyIsAMismatchWithItsOwnRemediation()
        {
            var other = Path.Combine(_dir, "id_host");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", other }).ExitCode);
            var pub = File.ReadAllText(other + ".pub").Split(' ');
            var known = Path.Combine(_dir, "known_hosts");
            File.WriteAllText(known, "[127.0.0.1]:" + FixturePeers.SshPort + " " + pub[0] + " " + pub[1] + "\n");
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(SshConnectionTests.Options(known), CancellationToken.None));
            Assert.Equal(ConnectionFailureKind.HostKeyMismatch, e.Kind);
            Assert.Contains("ssh-keygen -R", e.Remediation);
        }

        private RemoteConnectionOptions ListenerOptions(int port) => new RemoteConnectionOptions("127.0.0.1")
        {
            Port = port,
            User = "hx",
            KnownHostsPath = Path.Combine(_dir, "known_hosts"),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };

        [Fact]
        public async Task APeerThatResetsTheConnectionIsAResetNotAClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var stop = new CancellationTokenSource();
            // Every connection, the retries included, is closed with RST, as a middlebox or tcp_wrappers does.
            var server = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    client.Client.LingerState = new LingerOption(true, 0);
                }
            });
            var options = ListenerOptions(port);
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server);
            Assert.Equal(ConnectionFailureKind.ConnectionReset, e.Kind);
            Assert.Contains("accepted the connection, then closed it", e.Remediation);
        }

        [Fact]
        public async Task APeerThatNeverSpeaksSshIsATimeout()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var options = ListenerOptions(port);
            options.ConnectTimeout = TimeSpan.FromMilliseconds(500);
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(options, CancellationToken.None));
            Assert.Equal(ConnectionFailureKind.Timeout, e.Kind);
            Assert.Contains("no answer from 127.0.0.1:" + port + " within 500 ms", e.Remediation);
        }
    }
}
