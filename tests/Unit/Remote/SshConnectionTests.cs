using System;
using System.IO;
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

            var timedOut = await connection.RunAsync("sleep 5", TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.True(timedOut.TimedOut);
        }
    }
}
