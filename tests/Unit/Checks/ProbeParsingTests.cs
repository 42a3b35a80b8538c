using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Checks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>The probe script's sectioned output and the parsers of what the checks read from it.</summary>
    public sealed class ProbeParsingTests
    {
        [Fact]
        public void ParsesSectionsExactlyAndDropsAnUnfinishedOne()
        {
            var text = "@@hx-begin a\nline1\nline2\n\n@@hx-end a 0\n"
                + "@@hx-begin b\nno newline\n@@hx-end b 3\n"
                + "@@hx-begin empty\n\n@@hx-end empty 127\n"
                + "@@hx-begin cut\npartial output";
            var probe = ProbeOutput.Parse(text);
            Assert.Equal("line1\nline2\n", probe["a"]!.Output);
            Assert.True(probe["a"]!.Succeeded);
            Assert.Equal("no newline", probe["b"]!.Output);
            Assert.Equal(3, probe["b"]!.ExitCode);
            Assert.Equal("", probe["empty"]!.Output);
            Assert.True(probe["empty"]!.CommandMissing);
            Assert.Null(probe["cut"]);
            Assert.Equal(3, probe.Sections.Count);
        }

        [Fact]
        public async Task TheScriptRoundTripsThroughARealShell()
        {
            var options = new PreflightOptions { PythonCommand = "/nonexistent/python3", CaBundlePath = "/nonexistent/bundle.pem" };
            var script = ProbeScript.Build(PreflightChecks.Remote, options);
            using var local = new LocalConnection();
            var run = await local.RunAsync(script, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(0, run.ExitCode);
            var probe = ProbeOutput.Parse(run.StdOut);
            var names = probe.Sections.Select(s => s.Name).ToList();
            Assert.Equal(new[] { "net.addr", "net.route", "net.resolv", "domain.realm", "domain.sssd", "domain.krb5", "sudo", "ca.bundle", "python.version", "python.pip", "python.venv" }, names);
            Assert.Contains("127.0.0.1", probe[ProbeSections.Addresses]!.Output);
            Assert.False(probe[ProbeSections.CaBundle]!.Succeeded);
            Assert.Equal(127, probe[ProbeSections.PythonVersion]!.ExitCode);
            // A section's own quoting survives: the given paths appear verbatim.
            Assert.Contains("'/nonexistent/bundle.pem'", script);
        }

        [Fact]
        public void ReadsNetworkConfiguration()
        {
            var ip = "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever\n"
                + "3: eth1: <BROADCAST> mtu 1500\n";
            Assert.Equal(new[] { "127.0.0.1/8 lo", "fe80::1/64 eth0" }, NetworkCheck.ParseAddresses(ip));
            Assert.Equal(new[] { "10.0.0.53", "::1" }, NetworkCheck.ParseNameservers("# x\nsearch hx.test\nnameserver 10.0.0.53\nnameserver  ::1\n"));
            var probe = ProbeOutput.Parse("@@hx-begin net.addr\n" + ip + "\n@@hx-end net.addr 0\n@@hx-begin net.route\n10.0.0.0/24 dev eth0\n\n@@hx-end net.route 0\n"
                + "@@hx-begin net.resolv\nnameserver 10.0.0.53\n\n@@hx-end net.resolv 0\n");
            var (result, evidence) = NetworkCheck.Configuration("h", probe);
            Assert.Equal(HxStatus.Warning, result.Status);
            Assert.Contains("no default route", result.Message);
            Assert.Contains("### net.route (exit 0)", evidence);
        }

        [Fact]
        public void ReadsRealmListAndKerberosDefaults()
        {
            var realms = DomainJoinCheck.ParseRealmList("hx.example.com\n  type: kerberos\n  realm-name: HX.EXAMPLE.COM\n  configured: kerberos-member\n  server-software: active-directory\nother.example\n  configured: no\n");
            Assert.Equal(2, realms.Count);
            Assert.True(realms[0].Joined);
            Assert.False(realms[1].Joined);
            Assert.Equal("HX.EXAMPLE.COM", DomainJoinCheck.DefaultRealm("[libdefaults]\n    default_realm = HX.EXAMPLE.COM\n    dns_lookup_realm = false\n"));
            Assert.Null(DomainJoinCheck.DefaultRealm("[libdefaults]\n# default_realm = X\n"));

            var notJoined = ProbeOutput.Parse("@@hx-begin domain.realm\n\n@@hx-end domain.realm 127\n@@hx-begin domain.sssd\n\n@@hx-end domain.sssd 127\n"
                + "@@hx-begin domain.krb5\n[libdefaults]\n default_realm = HX.TEST\n\n@@hx-end domain.krb5 0\n");
            var (result, _) = DomainJoinCheck.Evaluate("h", notJoined, null);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Domain, result.Category);
            Assert.Contains("realmd) is not installed", result.Message);
            Assert.Contains("realm join --user=<admin> hx.test", result.Remediation);

            var joined = ProbeOutput.Parse("@@hx-begin domain.realm\nhx.test\n  configured: kerberos-member\n\n@@hx-end domain.realm 0\n@@hx-begin domain.sssd\n/usr/sbin/sssd\nactive\n\n@@hx-end domain.sssd 0\n");
            Assert.Equal(HxStatus.Passed, DomainJoinCheck.Evaluate("h", joined, "HX.TEST").Result.Status);
            Assert.Equal(HxStatus.Failed, DomainJoinCheck.Evaluate("h", joined, "corp.example").Result.Status);
        }

        [Fact]
        public void ReadsPythonVersionsAndNamesTheMissingPackage()
        {
            Assert.Equal(new Version(3, 11, 2), PythonCheck.ParseVersion("3.11.2\n/usr/bin/python3"));
            Assert.Equal(new Version(23, 0, 1), PythonCheck.ParseVersion("pip 23.0.1 from /usr/lib/python3/dist-packages/pip (python 3.11)"));
            var old = ProbeOutput.Parse("@@hx-begin python.version\n3.9.2\n/usr/bin/python3\n\n@@hx-end python.version 0\n"
                + "@@hx-begin python.pip\npip 20.3.4 from x\n\n@@hx-end python.pip 0\n"
                + "@@hx-begin python.venv\nThe virtual environment was not created successfully because ensurepip is not available.\n\n@@hx-end python.venv 1\n");
            var (result, _) = PythonCheck.Evaluate("h", old, new Version(3, 11), "python3");
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Runtime, result.Category);
            Assert.Contains("3.9.2 is older than 3.11", result.Message);
            Assert.Contains("ensurepip is not available", result.Message);
            Assert.Equal("sudo apt-get install -y python3.11 python3.11-venv", result.Remediation);
        }

        [PeerFact(Peers.Python)]
        public async Task OneInterpreterStartWritesThePythonSectionsAsTheirCommandsWould()
        {
            const string python = Peers.Python;
            var options = new PreflightOptions { PythonCommand = python };
            var script = ProbeScript.Build(PreflightChecks.Python, options);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(script, "'" + python + "' -c"));
            using var local = new LocalConnection();
            var probe = ProbeOutput.Parse((await local.RunAsync(script, TimeSpan.FromSeconds(60), CancellationToken.None)).StdOut);

            var version = probe[ProbeSections.PythonVersion]!;
            Assert.True(version.Succeeded, version.Output);
            Assert.Equal(PeerProcess.Run(python, new[] { "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])" }).StdOut.Trim(), version.Output.Split('\n')[0]);
            // pip and ensurepip answer as `python3 -m pip --version` and `python3 -m ensurepip --version` do, whether present or not.
            var pipCli = PeerProcess.Run(python, new[] { "-m", "pip", "--version" });
            Assert.Equal(pipCli.ExitCode == 0, probe[ProbeSections.Pip]!.Succeeded);
            if (pipCli.ExitCode == 0) Assert.Equal(pipCli.StdOut.Trim(), probe[ProbeSections.Pip]!.Output.Trim());
            var ensurepip = PeerProcess.Run(python, new[] { "-m", "ensurepip", "--version" });
            Assert.Equal(ensurepip.ExitCode == 0, probe[ProbeSections.Venv]!.Succeeded);
            if (ensurepip.ExitCode == 0) Assert.Equal(ensurepip.StdOut.Trim(), probe[ProbeSections.Venv]!.Output.Trim());
            else Assert.Contains("ensurepip", probe[ProbeSections.Venv]!.Output);
        }

        [Fact]
        public async Task AnInterpreterThatDoesNotRunFailsEachPythonSectionWithItsExitCode()
        {
            var options = new PreflightOptions { PythonCommand = "false" };
            using var local = new LocalConnection();
            var probe = ProbeOutput.Parse((await local.RunAsync(ProbeScript.Build(PreflightChecks.Python, options), TimeSpan.FromSeconds(30), CancellationToken.None)).StdOut);
            foreach (var name in new[] { ProbeSections.PythonVersion, ProbeSections.Pip, ProbeSections.Venv })
            {
                Assert.Equal(1, probe[name]!.ExitCode);
            }
            var (result, _) = PythonCheck.Evaluate("h", probe, new Version(3, 11), "false");
            Assert.Equal(HxStatus.Failed, result.Status);
        }

        [Fact]
        public async Task StartUpNoiseOnStderrBeforeTheSectionsLeavesThemReadable()
        {
            var dir = Path.Combine(Path.GetTempPath(), "hx-noisy-python-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                // A python3 that warns on stderr before it runs anything, as a broken site or locale setup does.
                var python = Path.Combine(dir, "python3");
                File.WriteAllText(python, "#!/bin/sh\necho 'Could not find platform independent libraries' >&2\nexec /usr/bin/python3 \"$@\"\n");
                Assert.Equal(0, PeerProcess.Run("chmod", new[] { "755", python }).ExitCode);
                using var local = new LocalConnection();
                var probe = ProbeOutput.Parse((await local.RunAsync(ProbeScript.Build(PreflightChecks.Python, new PreflightOptions { PythonCommand = python }), TimeSpan.FromSeconds(60), CancellationToken.None)).StdOut);
                var version = probe[ProbeSections.PythonVersion]!;
                Assert.True(version.Succeeded, version.Output);
                Assert.DoesNotContain("platform independent", version.Output);
                Assert.Matches(@"^\d+\.\d+\.\d+\n", version.Output);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [PeerFact("openssl")]
        public async Task TheTrustBundleIsFilteredOnTheTargetAndReadWholeWhenTheFilterMisses()
        {
            var dir = Path.Combine(Path.GetTempPath(), "hx-ca-filter-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                string NewCa(string name)
                {
                    var pem = Path.Combine(dir, name + ".pem");
                    var run = PeerProcess.Run("openssl", new[] { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", Path.Combine(dir, name + ".key"), "-out", pem, "-days", "1", "-subj", "/CN=" + name });
                    Assert.True(run.ExitCode == 0, run.StdErr);
                    return pem;
                }
                var ca = CaTrustCheck.LoadCertificate(NewCa("hx-filter-ca"));
                var others = new[] { NewCa("other-1"), NewCa("other-2") }.Select(File.ReadAllText).ToList();
                // The CA wrapped at 40 columns: the filter's 64-character line is not in it, so the whole bundle is read.
                var body = Convert.ToBase64String(ca.RawData);
                var narrow = "-----BEGIN CERTIFICATE-----\n" + string.Join("\n", Enumerable.Range(0, (body.Length + 39) / 40).Select(i => body.Substring(i * 40, Math.Min(40, body.Length - i * 40))))
                    + "\n-----END CERTIFICATE-----\n";
                var cases = new[]
                {
                    (Pem: others[0] + File.ReadAllText(Path.Combine(dir, "hx-filter-ca.pem")) + others[1], Found: "certificate 2 of 3", Filtered: true),
                    (Pem: others[0] + others[1] + narrow, Found: "certificate 3 of 3", Filtered: false),
                    (Pem: others[0] + others[1], Found: "not among the 2 certificates", Filtered: false),
                };
                using var local = new LocalConnection();
                foreach (var (pem, found, filtered) in cases)
                {
                    var bundle = Path.Combine(dir, "bundle.crt");
                    File.WriteAllText(bundle, pem);
                    var script = ProbeScript.Build(PreflightChecks.CaTrust, new PreflightOptions { CaBundlePath = bundle }, ca);
                    var section = ProbeOutput.Parse((await local.RunAsync(script, TimeSpan.FromSeconds(30), CancellationToken.None)).StdOut)[ProbeSections.CaBundle]!;
                    var sent = section.Output.Split(new[] { "BEGIN CERTIFICATE" }, StringSplitOptions.None).Length - 1;
                    Assert.Equal(filtered ? 1 : pem.Split(new[] { "BEGIN CERTIFICATE" }, StringSplitOptions.None).Length - 1, sent);
                    var (result, _) = CaTrustCheck.Evaluate("h", section, ca, "hx-filter-ca.pem");
                    Assert.Contains(found, result.Message);
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void SudoFailureNamesTheSudoersFix()
        {
            var probe = ProbeOutput.Parse("@@hx-begin sudo\nsudo: a password is required\n\n@@hx-end sudo 1\n");
            var (result, _) = SudoCheck.Evaluate("h", "deploy", probe[ProbeSections.Sudo]);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Privilege, result.Category);
            Assert.Contains("a password is required", result.Message);
            Assert.Contains("deploy ALL=(ALL) NOPASSWD: ALL", result.Remediation);
        }

        [Fact]
        public void ParsesBackends()
        {
            var url = BackendEndpoint.Parse("https://llm.example:4000/health?x=1");
            Assert.Equal(("https", "llm.example", 4000, "/health?x=1"), (url.Scheme, url.Host, url.Port, url.PathAndQuery));
            Assert.Equal(80, BackendEndpoint.Parse("http://llm.example").Port);
            var v6 = BackendEndpoint.Parse("[2001:db8::5]:8000");
            Assert.Equal(("tcp", "2001:db8::5", 8000), (v6.Scheme, v6.Host, v6.Port));
            Assert.Equal("2001:db8::5", BackendEndpoint.Parse("http://[2001:db8::5]:8000/").Host);
            foreach (var bad in new[] { "llm.example", "ftp://x/", "h:0", "h:x", "2001:db8::5:80" }) Assert.Throws<HxException>(() => BackendEndpoint.Parse(bad));
        }

        [Fact]
        public void DependencyGraphSkipsSoftlyAfterDnsAndHardlyAfterConnection()
        {
            var dnsFailed = new HashSet<string> { PreflightCheckNames.Dns };
            Assert.Equal("Dns", PreflightDependencies.BlockedBy(PreflightCheckNames.Connection, dnsFailed, false));
            Assert.Equal("Dns", PreflightDependencies.BlockedBy(PreflightCheckNames.PythonRuntime, dnsFailed, false));
            Assert.Null(PreflightDependencies.BlockedBy(PreflightCheckNames.PythonRuntime, dnsFailed, true));
            var connectionFailed = new HashSet<string> { PreflightCheckNames.Connection };
            Assert.Equal("Connection", PreflightDependencies.BlockedBy(PreflightCheckNames.Sudo, connectionFailed, true));
            Assert.Null(PreflightDependencies.BlockedBy(PreflightCheckNames.Dns, connectionFailed, false));
            Assert.Null(PreflightDependencies.BlockedBy(PreflightCheckNames.CaTrust, new HashSet<string> { PreflightCheckNames.NetworkConfig }, false));
            Assert.Equal("dependency Connection failed", PreflightDependencies.SkipMessage("Connection"));
        }
    }
}
