using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using Xunit;

namespace HxLiteLLM.Tests.Remote
{
    public sealed class LocalConnectionTests
    {
        [Fact]
        public async Task RunsReadsAndConnectsOnThisMachine()
        {
            using var local = new LocalConnection();
            var result = await local.RunAsync("printf 'a b'; echo oops >&2; exit 4", TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.Equal((4, "a b", "oops\n", false), (result.ExitCode, result.StdOut, result.StdErr, result.TimedOut));
            Assert.True((await local.RunAsync("sleep 10", TimeSpan.FromMilliseconds(200), CancellationToken.None)).TimedOut);
            using var cts = new CancellationTokenSource(200);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => local.RunAsync("sleep 10", TimeSpan.FromSeconds(30), cts.Token));

            var file = Path.GetTempFileName();
            File.WriteAllText(file, "content\n");
            Assert.Equal("content\n", await local.ReadFileAsync(file, CancellationToken.None));
            File.Delete(file);
            Assert.Null(await local.ReadFileAsync(file, CancellationToken.None));

            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using (await local.OpenTcpAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), CancellationToken.None)) { }
            listener.Stop();
            var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => local.OpenTcpAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), CancellationToken.None));
            Assert.Equal(HxCategory.Tcp, e.Category);
        }
    }
}
