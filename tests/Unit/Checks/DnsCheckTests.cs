using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>DNS against the fixture's dnsmasq (hx.test zone from its hosts file and the mismatch records).</summary>
    public sealed class DnsCheckTests
    {
        private static DnsCheck Check() => new DnsCheck(FixturePeers.Dns, TimeSpan.FromMilliseconds(1500));

        [FixtureFact("dns")]
        public async Task ForwardAndMatchingReversePass()
        {
            var (result, evidence) = await Check().RunAsync("gateway", "gateway.hx.test", CancellationToken.None);
            Assert.Equal(HxStatus.Passed, result.Status);
            Assert.Equal(HxCategory.Dns, result.Category);
            Assert.Contains("127.0.0.1", result.Message);
            Assert.Contains("reverse matches", result.Message);
            Assert.Contains(" ms)", result.Message);
            Assert.Contains("PTR 127.0.0.1", evidence);
            Assert.Equal("Preflight", result.Phase);
            Assert.Equal("Dns", result.Check);
            Assert.Equal("gateway", result.Target);
        }

        [FixtureFact("dns")]
        public async Task DistinguishesNxDomainMismatchAndMissingPtr()
        {
            var check = Check();
            var (nx, _) = await check.RunAsync("nope", "nope.hx.test", CancellationToken.None);
            var (mismatch, _) = await check.RunAsync("mismatch", "mismatch.hx.test", CancellationToken.None);
            var (noPtr, _) = await check.RunAsync("noptr", "noptr.hx.test", CancellationToken.None);
            Assert.All(new[] { nx, mismatch, noPtr }, r =>
            {
                Assert.Equal(HxStatus.Failed, r.Status);
                Assert.Equal(HxCategory.Dns, r.Category);
                Assert.NotEqual("", r.Remediation);
            });
            Assert.Contains("NXDOMAIN", nx.Message);
            Assert.True(mismatch.Message.Contains("forward/reverse mismatch"), mismatch.Message);
            Assert.Contains("elsewhere.hx.test", mismatch.Message);
            Assert.Contains("5.0.0.127.in-addr.arpa", mismatch.Remediation);
            Assert.Contains("no PTR record", noPtr.Message);
            Assert.Contains("127.0.0.6", noPtr.Message);
        }

        [Fact]
        public async Task ASilentServerIsATimeoutWithinTheGivenTime()
        {
            // A server that receives and never answers: the query must end at the timeout, reported as such.
            using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
            var check = new DnsCheck("127.0.0.1:" + port, TimeSpan.FromMilliseconds(500));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (result, _) = await check.RunAsync("dead", "gateway.hx.test", CancellationToken.None);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains("timeout", result.Message);
            Assert.Contains("500 ms", result.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
        }

        [Fact]
        public async Task AClosedPortFailsWithoutClaimingNxDomain()
        {
            var port = Remote.SshConnectionTests.ClosedPort();
            var (result, _) = await new DnsCheck("127.0.0.1:" + port, TimeSpan.FromMilliseconds(500)).RunAsync("dead", "gateway.hx.test", CancellationToken.None);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Dns, result.Category);
            Assert.DoesNotContain("NXDOMAIN", result.Message);
        }

        [Fact]
        public async Task ChecksTheNameAnsibleConnectsToOrElseTheInventoryName()
        {
            Assert.Equal("gw.hx.test", new PreflightHost("gw", new HxLiteLLM.Remote.RemoteConnectionOptions("gw.hx.test")).DnsName);
            Assert.Equal("gw.hx.test", new PreflightHost("gw.hx.test", new HxLiteLLM.Remote.RemoteConnectionOptions("10.0.0.5")).DnsName);
            Assert.Null(new PreflightHost("10.0.0.5", new HxLiteLLM.Remote.RemoteConnectionOptions("10.0.0.5")).DnsName);
            var (result, _) = await new DnsCheck("127.0.0.1", TimeSpan.FromMilliseconds(100)).RunAsync("10.0.0.5", null, CancellationToken.None);
            Assert.Equal(HxStatus.Skipped, result.Status);
            Assert.Equal(HxCategory.Dns, result.Category);
        }

        [Fact]
        public void ParsesServerSpellings()
        {
            Assert.Equal("127.0.0.1:5353", Format(DnsCheck.ParseServer("127.0.0.1:5353")));
            Assert.Equal("192.0.2.53:53", Format(DnsCheck.ParseServer("192.0.2.53")));
            Assert.Equal("::1:53", Format(DnsCheck.ParseServer("[::1]:53")));
            Assert.Equal("2001:db8::53:53", Format(DnsCheck.ParseServer("2001:db8::53")));
            Assert.Throws<HxException>(() => DnsCheck.ParseServer("dns.example"));
            Assert.Throws<HxException>(() => DnsCheck.ParseServer("127.0.0.1:99999"));
        }

        private static string Format(DnsClient.NameServer s) => s.Address + ":" + s.Port;
    }
}
