using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>The pre-flight as the seed guide lays it out: task ids, evidence tree, order, durations.</summary>
    public sealed class PreflightSeedTests : IDisposable
    {
        private readonly string _dir;

        public PreflightSeedTests()
        {
            _dir = Path.Combine(Path.GetTempPath(), "hx-preflight-seed-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private static PreflightHost LocalHost(string name = "controller") => new PreflightHost(name, new RemoteConnectionOptions("localhost") { Local = true });

        [Fact]
        public void EveryResultCarriesItsSeedTaskAndTheSummaryNamesThem()
        {
            var options = new PreflightOptions { Checks = PreflightChecks.All, Backends = { "127.0.0.1:" + Remote.SshConnectionTests.ClosedPort() }, MinimumPythonVersion = new Version(3, 0) };
            options.Checks &= ~PreflightChecks.CaTrust;
            var results = new PreflightRunner(options).RunResults(new[] { LocalHost() }, CancellationToken.None).ToList();
            var expected = new Dictionary<string, string>
            {
                ["Dns"] = "3.01.01", ["DnsFromTarget"] = "3.01.01", ["Connection"] = "3.01.02", ["NetworkConfig"] = "3.01.02", ["Backend"] = "3.01.02",
                ["DomainJoin"] = "3.01.03", ["Sudo"] = "3.01.03", ["PythonRuntime"] = "3.01.05",
            };
            Assert.Equal(expected.Keys.OrderBy(k => k), results.Select(r => r.Check).Distinct().OrderBy(k => k));
            Assert.All(results, r => Assert.Equal(expected[r.Check], r.Task));
            Assert.All(results, r => Assert.Equal("REQ-3.01", r.Requirement));
            Assert.Equal(SeedTask.CaTrust, PreflightPlan.WithoutMissingCa(PreflightChecks.CaTrust, null, new[] { LocalHost() }).NotRun.Single().Task);

            var summary = PreflightReport.Summary(results, "stamp", DateTime.UtcNow);
            Assert.Contains("(REQ-3.01: pre-flight checks and environment validation)", summary);
            Assert.Contains("TASK-3.01.01 DNS resolution (REQ-3.01), evidence dns/:", summary);
            Assert.Contains("TASK-3.01.02 network validation (REQ-3.01), evidence network/:", summary);
            Assert.Contains("TASK-3.01.03 domain join and sudo (REQ-3.01), evidence domain/:", summary);
            Assert.Contains("TASK-3.01.05 Python runtime (REQ-3.01), evidence python/:", summary);
            Assert.Contains("TASK-3.01.06 evidence collection (REQ-3.01): verdict per host\n  controller: FAILED", summary);
            Assert.DoesNotContain("TASK-3.01.04", summary);
        }
    
        /// <summary>The first certificate of this machine's system bundle, written to a file: a CA the local target trusts.</summary>
        private string SystemCa()
        {
            var system = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt");
            var start = system.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
            var end = system.IndexOf("-----END CERTIFICATE-----", start, StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
            var ca = Path.Combine(_dir, "root.pem");
            File.WriteAllText(ca, system.Substring(start, end - start) + "\n");
            return ca;
        }

        [Fact]
        public void EveryCheckThatRanLeavesWhatWasAskedAndAnsweredInItsTasksFolder()
        {
            var store = new EvidenceStore(Path.Combine(_dir, "evidence"), new SecretRedactor());
            var options = new PreflightOptions { Backends = { "127.0.0.1:" + Remote.SshConnectionTests.ClosedPort() }, CaCertificatePath = SystemCa(), MinimumPythonVersion = new Version(3, 0) };
            var results = new PreflightRunner(options, store).RunResults(new[] { LocalHost("h1"), LocalHost("h2") }, CancellationToken.None).ToList();
            var summary = PreflightReport.Write(store, results);
            var run = store.AreaFolder(EvidenceArea.Preflight);
            Assert.Equal(Path.Combine(run, "preflight_summary.txt"), summary);
            foreach (var host in new[] { "h1", "h2" })
            {
                foreach (var folder in new[] { "dns", "network", "domain", "ca-trust", "python" })
                {
                    var text = File.ReadAllText(Path.Combine(run, folder, host + ".txt"));
                    Assert.Contains("asked", text);
                    Assert.Contains(folder == "dns" ? "nothing (local connection" : "answered", text);
                }
            }
            Assert.All(results, r => Assert.Equal(Path.Combine(run, PreflightCheckNames.EvidenceFolder(r.Check), r.Target + ".txt"), r.EvidencePath));
            var network = File.ReadAllText(Path.Combine(run, "network", "h1.txt"));
            Assert.Contains("asked: a local shell", network);
            Assert.Contains("net.resolv: cat /etc/resolv.conf", network);
            Assert.Contains("asked: from h1, a TCP connection to 127.0.0.1:", network);
            Assert.Contains("sudo: command -v sudo", File.ReadAllText(Path.Combine(run, "domain", "h1.txt")));
            Assert.Contains("python.version: 'python3' -c", File.ReadAllText(Path.Combine(run, "python", "h1.txt")));
        }
    
        [Fact]
        public void AllRemoteChecksRunWhenOneFailsButTheStrictOrderStopsAtTheFirstFailure()
        {
            // On this machine sudo -n and the domain join fail; Python passes (3.0 is old enough).
            var options = new PreflightOptions { Checks = PreflightChecks.Remote & ~PreflightChecks.CaTrust, Backends = { "127.0.0.1:" + Remote.SshConnectionTests.ClosedPort() }, MinimumPythonVersion = new Version(3, 0) };
            var order = new[] { "Connection", "NetworkConfig", "Backend", "DomainJoin", "Sudo", "PythonRuntime" };
            var lenient = new PreflightRunner(options).RunResults(new[] { LocalHost() }, CancellationToken.None).ToList();
            Assert.Equal(order, lenient.Select(r => r.Check));
            Assert.Equal(HxStatus.Failed, lenient.Single(r => r.Check == "Backend").Status);
            Assert.DoesNotContain(lenient, r => r.Status == HxStatus.Skipped);

            options.StrictOrder = true;
            options.ContinueOnFailure = true;
            var strict = new PreflightRunner(options).RunResults(new[] { LocalHost() }, CancellationToken.None).ToList();
            Assert.Equal(order, strict.Select(r => r.Check));
            Assert.Equal(HxStatus.Failed, strict[2].Status);
            Assert.All(strict.Skip(3), r =>
            {
                Assert.Equal(HxStatus.Skipped, r.Status);
                Assert.Equal(HxCategory.Dependency, r.Category);
                Assert.Equal("not run (strict order): Backend (TASK-3.01.02) failed before it", r.Message);
            });
        }
    
        [Support.FixtureFact("ssh", "dns")]
        public void ANameThatOnlyTheControllersDnsKnowsFailsOnTheTargetWithTheResolvConfFix()
        {
            // The fixture's sshd sees a resolv.conf of its own that leads nowhere; dnsmasq knows gateway.hx.test.
            var host = new PreflightHost("gateway.hx.test", new RemoteConnectionOptions("127.0.0.1")
            {
                Port = Support.FixturePeers.SshPort,
                User = Support.FixturePeers.SshUser,
                KeyFilePath = Support.FixturePeers.SshKey,
                KnownHostsPath = Support.FixturePeers.SshKnownHosts,
            });
            var options = new PreflightOptions { Checks = PreflightChecks.Dns | PreflightChecks.DnsFromTarget, DnsServer = Support.FixturePeers.Dns, Backends = { "http://localhost:1/", "127.0.0.1:2" } };
            var store = new EvidenceStore(Path.Combine(_dir, "evidence"), new SecretRedactor());
            var results = new PreflightRunner(options, store).RunResults(new[] { host }, CancellationToken.None).ToList();
            Assert.Equal(new[] { "Dns", "Connection", "DnsFromTarget" }, results.Select(r => r.Check));
            Assert.Equal(HxStatus.Passed, results[0].Status);
            var target = results[2];
            Assert.Equal(HxStatus.Failed, target.Status);
            Assert.Equal(HxCategory.Dns, target.Category);
            Assert.Equal("3.01.01", target.Task);
            Assert.Contains("does not resolve gateway.hx.test (getent exit 2)", target.Message);
            Assert.Contains("it does resolve localhost -> 127.0.0.1", target.Message);
            Assert.StartsWith("check /etc/resolv.conf on gateway.hx.test: its nameserver lines must point at the internal DNS server (" + Support.FixturePeers.Dns + ")", target.Remediation);
            var evidence = File.ReadAllText(target.EvidencePath);
            Assert.Equal(Path.Combine(store.AreaFolder(EvidenceArea.Preflight), "dns", "gateway.hx.test.txt"), target.EvidencePath);
            Assert.Contains("dns.target: command -v getent", evidence);
            Assert.Contains("#hx-name gateway.hx.test", evidence);

            // Only the backend names are asked for a host reached by address, and then all of them resolve.
            var byAddress = new PreflightHost("10.0.0.9", host.Connection);
            var passed = new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.DnsFromTarget, Backends = { "http://localhost:1/" } })
                .RunResults(new[] { byAddress }, CancellationToken.None).Single(r => r.Check == "DnsFromTarget");
            Assert.True(passed.Status == HxStatus.Passed, passed.Message);
            Assert.Equal("the target's resolver resolves localhost -> 127.0.0.1", passed.Message);
        }

        [Fact]
        public void NamesReachTheTargetsShellQuotedAndOnlyWhenTheyAreHostNames()
        {
            var names = TargetDnsCheck.SharedNames(new[] { BackendEndpoint.Parse("http://vllm.hx.test:8000/"), BackendEndpoint.Parse("10.1.2.3:80"), BackendEndpoint.Parse("VLLM.hx.test:9000") });
            Assert.Equal(new[] { "vllm.hx.test" }, names);
            Assert.Contains("for n in \"$hx_self\" 'vllm.hx.test'; do", TargetDnsCheck.Command(names));
            Assert.Equal("hx_self='gw1.hx.test'\n", TargetDnsCheck.SelfAssignment("gw1.hx.test"));
            Assert.Equal("hx_self=''\n", TargetDnsCheck.SelfAssignment("gw1';touch /tmp/x;'"));
            Assert.Equal("hx_self=''\n", TargetDnsCheck.SelfAssignment("-gw1"));
        }
    
        [Fact]
        public void EachCheckReportsItsOwnTimeNotTheProbes()
        {
            var options = new PreflightOptions { Checks = PreflightChecks.Network | PreflightChecks.Sudo | PreflightChecks.Python, MinimumPythonVersion = new Version(3, 0) };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var results = new PreflightRunner(options).RunResults(new[] { LocalHost() }, CancellationToken.None).ToList();
            var wall = watch.Elapsed.TotalMilliseconds;
            var probeChecks = results.Where(r => r.Check != "Connection").ToList();
            Assert.Equal(new[] { "NetworkConfig", "Sudo", "PythonRuntime" }, probeChecks.Select(r => r.Check));
            Assert.All(probeChecks, r => Assert.True(r.DurationMs > 0, r.Check));
            // Shares of one probe: they add up to no more than the run, and differ (a copied batch time would not).
            Assert.True(probeChecks.Sum(r => r.DurationMs) <= wall, "sum " + probeChecks.Sum(r => r.DurationMs) + " ms of a " + wall + " ms run");
            Assert.Equal(3, probeChecks.Select(r => r.DurationMs).Distinct().Count());
        }
    
        [Support.FixtureFact("ssh")]
        public void AHostWithoutAnsibleUserConnectsAsTheCurrentUser()
        {
            var host = new PreflightHost("nouser", new RemoteConnectionOptions("127.0.0.1")
            {
                Port = Support.FixturePeers.SshPort,
                KeyFilePath = Support.FixturePeers.SshKey,
                KnownHostsPath = Support.FixturePeers.SshKnownHosts,
            });
            var connection = new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.Sudo }).RunResults(new[] { host }, CancellationToken.None).First();
            // The fixture's sshd lets only its own user in: the current user is asked for and refused, not an ArgumentException.
            Assert.Equal("Connection", connection.Check);
            Assert.Equal(HxCategory.Auth, connection.Category);
            Assert.Contains("SSH authentication as '" + Environment.UserName + "'", connection.Message);
        }
    }
}
