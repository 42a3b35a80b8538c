using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>The runner over the loopback sshd, dnsmasq and this machine (local connection).</summary>
    public sealed class PreflightRunnerTests : IDisposable
    {
        private readonly string _dir;

        public PreflightRunnerTests()
        {
            _dir = Path.Combine(Path.GetTempPath(), "hx-preflight-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private static PreflightHost SshHost(string name, string address = "127.0.0.1", int? port = null)
        {
            var options = new RemoteConnectionOptions(address)
            {
                Port = port ?? FixturePeers.SshPort,
                User = FixturePeers.SshUser,
                KeyFilePath = FixturePeers.SshKey,
                KnownHostsPath = FixturePeers.SshKnownHosts,
            };
            return new PreflightHost(name, options);
        }

        private void OpenSsl(params string[] args)
        {
            var r = PeerProcess.Run("openssl", args, workingDirectory: _dir);
            Assert.True(r.ExitCode == 0, "openssl " + string.Join(" ", args) + ": " + r.StdErr);
        }

        /// <summary>A root CA and a leaf for 127.0.0.1 signed by it, made with openssl.</summary>
        private string MakeCa(string name)
        {
            OpenSsl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "30", "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            return Path.Combine(_dir, name + ".pem");
        }

        private static string Fingerprint(string pem) =>
            PeerProcess.Run("openssl", new[] { "x509", "-in", pem, "-noout", "-fingerprint", "-sha256" }).StdOut.Trim().Split('=')[1];

        [FixtureFact("ssh")]
        public async Task RemoteChecksRunFromTheTargetWithEvidenceSummaryAndArchive()
        {
            var ca = MakeCa("hx-root-ca");
            var otherCa = MakeCa("other-ca");
            var bundle = Path.Combine(_dir, "bundle.pem");
            File.WriteAllText(bundle, File.ReadAllText(otherCa) + File.ReadAllText(ca));
            // The leaf is served by openssl s_server: a TLS endpoint (and https backend) validated against the CA only.
            File.WriteAllText(Path.Combine(_dir, "leaf.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
            OpenSsl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=hx-leaf");
            OpenSsl("x509", "-req", "-in", "leaf.csr", "-CA", "hx-root-ca.pem", "-CAkey", "hx-root-ca.key", "-CAcreateserial", "-out", "leaf.pem", "-days", "5", "-extfile", "leaf.ext");
            var tlsPort = SshConnectionTestsPort();
            using var tlsServer = Process.Start(new ProcessStartInfo("openssl", "s_server -quiet -www -accept 127.0.0.1:" + tlsPort + " -cert leaf.pem -key leaf.key")
            { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false })!;
            using var http = new TinyHttpServer("HTTP/1.1 204 No Content");
            var listening = new TcpListener(IPAddress.Loopback, 0);
            listening.Start();
            var openPort = ((IPEndPoint)listening.LocalEndpoint).Port;
            var closedPort = SshConnectionTestsPort();
            try
            {
                WaitForPort(tlsPort);
                var options = new PreflightOptions
                {
                    Checks = PreflightChecks.Remote,
                    Backends = { "127.0.0.1:" + openPort, "127.0.0.1:" + closedPort, "http://127.0.0.1:" + http.Port + "/health", "https://127.0.0.1:" + tlsPort + "/" },
                    CaCertificatePath = ca,
                    CaBundlePath = bundle,
                    TlsEndpoint = "127.0.0.1:" + tlsPort,
                    ProbeTimeout = TimeSpan.FromSeconds(3),
                };
                var store = new EvidenceStore(Path.Combine(_dir, "evidence"), new SecretRedactor());
                var results = new PreflightRunner(options, store).RunResults(new[] { SshHost("target1") }, CancellationToken.None).ToList();
                var byCheck = results.ToLookup(r => r.Check);

                Assert.Equal(HxStatus.Passed, byCheck["Connection"].Single().Status);
                Assert.Contains("kex curve25519-sha256", byCheck["Connection"].Single().Message);
                Assert.Contains("127.0.0.1/8 lo", byCheck["NetworkConfig"].Single().Message);
                var backends = byCheck["Backend"].ToList();
                Assert.Equal(4, backends.Count);
                Assert.Equal(HxStatus.Passed, backends[0].Status);
                Assert.Equal(HxStatus.Failed, backends[1].Status);
                Assert.Equal(HxCategory.Tcp, backends[1].Category);
                Assert.Contains("refused", backends[1].Message, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(HxStatus.Passed, backends[2].Status);
                Assert.Contains("HTTP/1.1 204 No Content", backends[2].Message);
                Assert.Equal("GET /health HTTP/1.1", http.FirstRequestLine);
                Assert.True(backends[3].Status == HxStatus.Passed, backends[3].Message);
                Assert.Contains("TLS ok", backends[3].Message);
                Assert.Contains("HTTP/1.0 200 ok", backends[3].Message);

                var trust = byCheck["CaTrust"].Single();
                Assert.Equal(HxStatus.Passed, trust.Status);
                Assert.Contains(Fingerprint(ca), trust.Message);
                Assert.Contains("certificate 2 of 2", trust.Message);
                var endpoint = byCheck["TlsEndpoint"].Single();
                Assert.True(endpoint.Status == HxStatus.Passed, endpoint.Message);
                Assert.Contains("CN=hx-leaf", endpoint.Message);

                Assert.Equal(HxStatus.Failed, byCheck["Sudo"].Single().Status);
                Assert.Equal(HxCategory.Privilege, byCheck["Sudo"].Single().Category);
                Assert.Equal(HxStatus.Failed, byCheck["DomainJoin"].Single().Status);
                Assert.Equal(HxCategory.Domain, byCheck["DomainJoin"].Single().Category);

                // Python as this machine has it: venv needs the python3.11-venv package (ensurepip).
                var python = byCheck["PythonRuntime"].Single();
                Assert.Contains("python 3.11", python.Message);
                var venvInstalled = PeerProcess.Run("dpkg-query", new[] { "-W", "-f=${Status}", "python3.11-venv" }).StdOut.Contains("install ok installed");
                if (venvInstalled)
                {
                    Assert.True(python.Status == HxStatus.Passed, python.Message);
                    Assert.Contains("venv ok (pip ", python.Message);
                    Assert.Contains("pip ", python.Message);
                }
                else
                {
                    Assert.Equal(HxStatus.Failed, python.Status);
                    Assert.Contains("python3.11-venv", python.Remediation);
                }

                Assert.All(results, r => Assert.True(File.Exists(r.EvidencePath), r.Check + " evidence " + r.EvidencePath));
                var run = store.AreaFolder(EvidenceArea.Preflight);
                Assert.Equal(Path.Combine(run, "network", "target1.txt"), byCheck["NetworkConfig"].Single().EvidencePath);
                Assert.Contains("### net.resolv", File.ReadAllText(Path.Combine(run, "network", "target1.txt")));
                Assert.Equal(Path.Combine(run, "python", "target1.txt"), python.EvidencePath);
                Assert.Equal(Path.Combine(run, "ca-trust", "target1.txt"), trust.EvidencePath);

                var summary = File.ReadAllText(PreflightReport.Write(store, results));
                Assert.Contains("target1: FAILED", summary);
                Assert.Contains("fix: ", summary);
                Assert.Contains("echo 'hxpeer ALL=(ALL) NOPASSWD: ALL'", summary);
                var zip = HxLiteLLM.Steps.EvidenceArchiveStep.Run(new HxLiteLLM.Steps.StepContext(new SecretRedactor(), store), store.AreaFolder(EvidenceArea.Preflight), results).ReportPath;
                using var archive = ZipFile.OpenRead(zip);
                var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
                Assert.Contains(store.Stamp + "/results.json", names);
                Assert.Contains(store.Stamp + "/preflight_summary.txt", names);
                Assert.Contains(store.Stamp + "/domain/target1.txt", names);

                // The same bundle without the CA: not found, with the Debian way to add it.
                File.WriteAllText(bundle, File.ReadAllText(otherCa));
                var missing = new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.CaTrust, CaCertificatePath = ca, CaBundlePath = bundle, TlsEndpoint = "localhost:" + tlsPort })
                    .RunResults(new[] { SshHost("target1") }, CancellationToken.None).ToList();
                var notFound = missing.Single(r => r.Check == "CaTrust");
                Assert.Equal(HxStatus.Failed, notFound.Status);
                Assert.Equal(HxCategory.Trust, notFound.Category);
                Assert.Contains("not among the 1 certificates", notFound.Message);
                Assert.Equal("sudo cp hx-root-ca.pem /usr/local/share/ca-certificates/hx-root-ca.crt && sudo update-ca-certificates", notFound.Remediation);
                var wrongName = missing.Single(r => r.Check == "TlsEndpoint");
                Assert.Equal(HxStatus.Failed, wrongName.Status);
                Assert.Contains("name mismatch", wrongName.Message);
            }
            finally
            {
                listening.Stop();
                if (!tlsServer.HasExited) tlsServer.Kill();
            }
        }

        [FixtureFact("ssh")]
        public void FindsACaInTheTargetsSystemBundle()
        {
            // A CA the system trusts, written out under another file name: found by fingerprint in the default bundle.
            var system = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt");
            var start = system.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
            var end = system.IndexOf("-----END CERTIFICATE-----", start, StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
            var ca = Path.Combine(_dir, "renamed-root.pem");
            File.WriteAllText(ca, system.Substring(start, end - start) + "\n");
            var result = new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.CaTrust, CaCertificatePath = ca })
                .RunResults(new[] { SshHost("target1") }, CancellationToken.None).Single(r => r.Check == "CaTrust");
            Assert.True(result.Status == HxStatus.Passed, result.Message);
            Assert.Contains("found in /etc/ssl/certs/ca-certificates.crt (certificate 1 of ", result.Message);
            Assert.Contains(Fingerprint(ca), result.Message);
        }

        [FixtureFact("ssh")]
        public void FiftyHostsStreamAndAHungHostHoldsNoneOfThemUp()
        {
            // The hung host accepts TCP but never speaks SSH; it is released only after every other host is done,
            // so the order of completion proves the others never waited for it.
            var hung = new TcpListener(IPAddress.Loopback, 0);
            hung.Start();
            var hungHost = SshHost("hung", port: ((IPEndPoint)hung.LocalEndpoint).Port);
            hungHost.Connection.ConnectTimeout = TimeSpan.FromMinutes(1);
            var hosts = Enumerable.Range(0, 50).Select(i => SshHost("h" + i.ToString("00"))).ToList();
            hosts.Insert(7, hungHost);
            var options = new PreflightOptions { Checks = PreflightChecks.Network | PreflightChecks.Sudo };
            var results = new List<HxCheckResult>();
            var done = new List<string>();
            try
            {
                foreach (var item in new PreflightRunner(options).Run(hosts, CancellationToken.None))
                {
                    if (item.Result != null) results.Add(item.Result);
                    if (item.Progress is { Activity: "Done" } p)
                    {
                        done.Add(p.Host);
                        Assert.Equal(done.Count, p.CompletedHosts);
                        Assert.Equal(51, p.TotalHosts);
                        if (done.Count == 50) hung.Stop();
                    }
                }
            }
            finally
            {
                hung.Stop();
            }
            Assert.Equal(51, done.Count);
            Assert.Equal("hung", done.Last());
            foreach (var host in hosts.Where(h => h.Name != "hung"))
            {
                var own = results.Where(r => r.Target == host.Name).ToList();
                Assert.Equal(new[] { "Connection", "NetworkConfig", "Sudo" }, own.Select(r => r.Check));
                Assert.Equal(HxStatus.Passed, own[0].Status);
            }
            var hungResults = results.Where(r => r.Target == "hung").ToList();
            Assert.Equal(HxStatus.Failed, hungResults[0].Status);
            Assert.Equal(HxCategory.Tcp, hungResults[0].Category);
            Assert.All(hungResults.Skip(1), r => Assert.Equal("dependency Connection failed", r.Message));
            Assert.Equal(new[] { "NetworkConfig", "Sudo" }, hungResults.Skip(1).Select(r => r.Check));
        }

        [FixtureFact("ssh")]
        public void CancellationEndsTheRunWithoutWaitingForAHungHost()
        {
            var hung = new TcpListener(IPAddress.Loopback, 0);
            hung.Start();
            try
            {
                var hungHost = SshHost("hung", port: ((IPEndPoint)hung.LocalEndpoint).Port);
                hungHost.Connection.ConnectTimeout = TimeSpan.FromMinutes(1);
                var hosts = new[] { hungHost, SshHost("a"), SshHost("b") };
                using var cts = new CancellationTokenSource();
                var seen = new List<string>();
                var watch = Stopwatch.StartNew();
                Assert.ThrowsAny<OperationCanceledException>(() =>
                {
                    foreach (var item in new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.Sudo }).Run(hosts, cts.Token))
                    {
                        if (item.Progress is { Activity: "Done" } p)
                        {
                            seen.Add(p.Host);
                            if (seen.Count == 2) cts.Cancel();
                        }
                    }
                });
                Assert.Equal(new[] { "a", "b" }, seen.OrderBy(h => h));
                Assert.True(watch.Elapsed < hungHost.Connection.ConnectTimeout, "the run waited for the hung host");
            }
            finally
            {
                hung.Stop();
            }
        }

        [FixtureFact("ssh")]
        public async Task ASilentSshServerTimesOutAsATcpFailure()
        {
            var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            try
            {
                var host = SshHost("silent", port: ((IPEndPoint)silent.LocalEndpoint).Port);
                host.Connection.ConnectTimeout = TimeSpan.FromMilliseconds(500);
                var e = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(host.Connection, CancellationToken.None));
                Assert.Equal(HxCategory.Tcp, e.Category);
                Assert.Contains("timed out after 500 ms", e.Message);
            }
            finally
            {
                silent.Stop();
            }
        }

        [FixtureFact("ssh", "dns")]
        public void DnsFailureSkipsTheHostUnlessContinueOnFailure()
        {
            // The connection goes to the name DNS checked (no ansible_host address).
            var hosts = new[] { SshHost("nope.hx.test", address: "nope.hx.test"), SshHost("gateway.hx.test") };
            var unknownKey = SshHost("node1.hx.test");
            unknownKey.Connection.KnownHostsPath = Path.Combine(_dir, "empty_known_hosts");
            // ansible_host is an address: DNS checks the inventory name and its failure does not keep SSH from the address.
            var byAddress = SshHost("nope2.hx.test");
            var options = new PreflightOptions { Checks = PreflightChecks.Dns | PreflightChecks.Sudo, DnsServer = FixturePeers.Dns };
            var strict = new PreflightRunner(options).RunResults(hosts.Append(unknownKey).Append(byAddress), CancellationToken.None).ToList();
            var nope = strict.Where(r => r.Target == "nope.hx.test").ToList();
            Assert.Equal(new[] { HxStatus.Failed, HxStatus.Skipped, HxStatus.Skipped }, nope.Select(r => r.Status));
            Assert.Equal("dependency Dns failed", nope[1].Message);
            Assert.Equal(HxCategory.Dependency, nope[2].Category);
            Assert.Equal(new[] { HxStatus.Failed, HxStatus.Passed, HxStatus.Failed }, strict.Where(r => r.Target == "nope2.hx.test").Select(r => r.Status));
            Assert.Equal(HxStatus.Passed, strict.Single(r => r.Target == "gateway.hx.test" && r.Check == "Connection").Status);
            var node1 = strict.Where(r => r.Target == "node1.hx.test").ToList();
            Assert.Equal(new[] { "Dns", "Connection", "Sudo" }, node1.Select(r => r.Check));
            Assert.Equal(HxCategory.HostKey, node1[1].Category);
            Assert.Equal("dependency Connection failed", node1[2].Message);

            options.ContinueOnFailure = true;
            var lenient = new PreflightRunner(options).RunResults(new[] { SshHost("nope.hx.test") }, CancellationToken.None).ToList();
            Assert.Equal(new[] { HxStatus.Failed, HxStatus.Passed, HxStatus.Failed }, lenient.Select(r => r.Status));
        }

        [Fact]
        public void LocalHostsUseThisMachine()
        {
            using var http = new TinyHttpServer("HTTP/1.1 503 Service Unavailable");
            var closed = SshConnectionTestsPort();
            var host = new PreflightHost("controller", new RemoteConnectionOptions("localhost") { Local = true });
            var options = new PreflightOptions
            {
                Checks = PreflightChecks.Network,
                Backends = { "http://127.0.0.1:" + http.Port + "/", "127.0.0.1:" + closed },
            };
            var results = new PreflightRunner(options).RunResults(new[] { host }, CancellationToken.None).ToList();
            Assert.Equal(new[] { "Connection", "NetworkConfig", "Backend", "Backend" }, results.Select(r => r.Check));
            Assert.Contains("connected to local", results[0].Message);
            Assert.Equal(HxStatus.Failed, results[2].Status);
            Assert.Equal(HxCategory.Http, results[2].Category);
            Assert.Contains("503 Service Unavailable", results[2].Message);
            Assert.Equal(HxStatus.Failed, results[3].Status);
            Assert.Equal(HxCategory.Tcp, results[3].Category);
        }

        [Fact]
        public void EveryResultsEvidenceFileExistsWhenTheResultArrives()
        {
            var host = new PreflightHost("controller", new RemoteConnectionOptions("localhost") { Local = true });
            var store = new EvidenceStore(Path.Combine(_dir, "evidence"), new SecretRedactor());
            var options = new PreflightOptions { Checks = PreflightChecks.Network, Backends = { "127.0.0.1:" + SshConnectionTestsPort() } };
            // Checked as each result streams out, not after the run: a consumer may open the file at once.
            var seen = new PreflightRunner(options, store).RunResults(new[] { host }, CancellationToken.None)
                .Select(r => (r.Check, r.EvidencePath, Existed: r.EvidencePath.Length > 0 && File.Exists(r.EvidencePath))).ToList();
            Assert.Contains(seen, r => r.Check == "NetworkConfig");
            Assert.All(seen.Where(r => r.EvidencePath.Length > 0), r => Assert.True(r.Existed, r.Check + " " + r.EvidencePath));
            Assert.Contains(seen, r => r.EvidencePath.Length > 0);
        }

        [Fact]
        public void BadInputIsRejectedBeforeAnyHostStarts()
        {
            Assert.Equal("BackendInvalid", Assert.Throws<HxException>(() => new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.Network, Backends = { "nohost" } })).ErrorId);
            Assert.Equal("CaCertificateMissing", Assert.Throws<HxException>(() => new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.CaTrust })).ErrorId);
            Assert.Equal("DnsServerInvalid", Assert.Throws<HxException>(() => new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.Dns, DnsServer = "dns.example" })).ErrorId);
        }

        private static int SshConnectionTestsPort() => HxLiteLLM.Tests.Remote.SshConnectionTests.ClosedPort();

        private static void WaitForPort(int port)
        {
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var c = new TcpClient();
                    c.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            throw new TimeoutException("nothing listens on " + port);
        }

        /// <summary>Answers every request with a fixed status line and records the first request line.</summary>
        private sealed class TinyHttpServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly string _status;

            public TinyHttpServer(string status)
            {
                _status = status;
                _listener.Start();
                Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
                _ = Task.Run(ServeAsync);
            }

            public int Port { get; }
            public string? FirstRequestLine { get; private set; }

            private async Task ServeAsync()
            {
                while (true)
                {
                    TcpClient client;
                    try
                    {
                        client = await _listener.AcceptTcpClientAsync();
                    }
                    catch (Exception)
                    {
                        return;
                    }
                    using (client)
                    {
                        var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                        var line = await reader.ReadLineAsync();
                        FirstRequestLine ??= line;
                        while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
                        var bytes = Encoding.ASCII.GetBytes(_status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        await client.GetStream().WriteAsync(bytes);
                    }
                }
            }

            public void Dispose() => _listener.Stop();
        }
    }
}
