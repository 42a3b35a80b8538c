using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using HxLiteLLM.Checks;
using HxLiteLLM.Endpoint;
using HxLiteLLM.Evidence;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Remote;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>Hostile bytes in reports, configuration the quarantine must not move, the evidence archive under concurrent writers, a gateway that never stops talking, and template widths.</summary>
    public sealed partial class HostileInputTests
    {
        // ---- control characters and CI logging commands in reports ----

        /// <summary>What a hostile inventory value or target prints: terminal escapes, C0/C1 controls and CI logging commands.</summary>
        private const string HostileText = "\u001b[2J\u001b]0;owned\u0007 \u0001\u0002\u001f\u007f\u0085 end\r\n::error file=x.yml::owned\n  ::set-output name=x::1\n##vso[task.setvariable variable=v]leak\n##[error]fake";

        [PeerFact("ansible-inventory")]
        public void ControlCharactersAndCiCommandsInAnInventoryValueLeaveEveryReportReadable() => Attack(() =>
        {
            var inventory = Path.Combine(_dir, "inv", "hosts.ini");
            Directory.CreateDirectory(Path.Combine(_dir, "inv", "group_vars", "litellm"));
            File.WriteAllText(inventory, "[litellm]\ngw1 ansible_connection=local\n");
            File.WriteAllText(Path.Combine(_dir, "inv", "group_vars", "litellm", "vars.yml"), "litellm_bind_host: " + PyJson.Dumps(HostileText) + "\n");
            // Ansible loads the value with every byte: the attack is possible with a real inventory.
            var host = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--host", "gw1" });
            Assert.Equal(0, host.ExitCode);
            Assert.Contains("\\u001b[2J", host.StdOut);
            Assert.Contains("##vso[task.setvariable", host.StdOut);

            var outcome = VariableValidationStep.Run(new StepContext(new SecretRedactor(), null), inventory, "litellm", Array.Empty<global::HxLiteLLM.Vault.VaultSecret>());
            var bindHost = Assert.Single(outcome.Results, r => r.Check == "BindHost");
            Assert.Equal(HxStatus.Failed, bindHost.Status);
            Assert.Contains("\\u001b[2J\\u001b]0;owned\\u0007 \\u0001\\u0002\\u001f\\u007f\\u0085 end\n\\u003a:error file=x.yml::owned\n  \\u003a:set-output name=x::1\n\\u0023#vso[task.setvariable variable=v]leak\n\\u0023#[error]fake", bindHost.Message);
            AssertReportsSurvive(outcome.Results);
        });

        [PeerFact("sh")]
        public void ControlCharactersAndCiCommandsATargetPrintsLeaveEveryReportReadable() => Attack(() =>
        {
            var python = Path.Combine(_dir, "python3");
            // The check quotes the first line the target printed: everything hostile goes there.
            File.WriteAllText(python, "#!/bin/sh\nprintf '%s' " + ShellQuote(HostileText.Replace("\r\n", " ").Replace("\n", " ")) + "\nexit 1\n");
            Assert.Equal(0, PeerProcess.Run("chmod", new[] { "0700", python }).ExitCode);
            var options = new PreflightOptions { Checks = PreflightChecks.Python, PythonCommand = python };
            var store = new EvidenceStore(Path.Combine(_dir, "evidence"), new SecretRedactor());
            var host = new PreflightHost("target", new RemoteConnectionOptions("localhost") { Local = true });
            var results = new PreflightRunner(options, store).RunResults(new[] { host }, CancellationToken.None).ToList();
            var runtime = Assert.Single(results, r => r.Check == "PythonRuntime");
            Assert.Equal(HxStatus.Failed, runtime.Status);
            Assert.Contains("\\u001b[2J\\u001b]0;owned\\u0007", runtime.Message);
            Assert.Contains("\\u0023#vso[task.setvariable", runtime.Message);
            // The evidence keeps what the target printed, byte for byte: it is the record, not a report.
            Assert.Contains("\u001b[2J", File.ReadAllText(runtime.EvidencePath));
            AssertReportsSurvive(results);
        });

        private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''") + "'";

        /// <summary>
        /// JUnit parsed by System.Xml with default settings, GitHub and Azure annotations, the step summary and the console
        /// text: no raw control character, no line a CI system would run as a command, and the hostile text still visible.
        /// </summary>
        private static void AssertReportsSurvive(IReadOnlyCollection<HxCheckResult> results)
        {
            var xml = JUnitReportWriter.Write(results, new SecretRedactor());
            using (var reader = XmlReader.Create(new StringReader(xml)))
            {
                var document = XDocument.Load(reader);
                var failures = document.Descendants("failure").Select(f => f.Value).ToList();
                Assert.Contains(failures, f => f.Contains("\\u001b[2J", StringComparison.Ordinal) && f.Contains("\\u0023#vso[", StringComparison.Ordinal));
            }

            var failedOrWarned = results.Count(r => r.Status == HxStatus.Failed || r.Status == HxStatus.Warning);
            var github = CiAnnotationWriter.Annotations(CiSystem.GitHubActions, results, new SecretRedactor()).ToList();
            Assert.Equal(failedOrWarned, github.Count);
            Assert.All(github, line =>
            {
                Assert.Matches("^::(error|warning) title=", line);
                Assert.DoesNotContain("##vso[", line, StringComparison.OrdinalIgnoreCase);
                AssertNoControlCharacters(line, allowLineFeed: false);
            });
            var azure = CiAnnotationWriter.Annotations(CiSystem.AzurePipelines, results, new SecretRedactor()).ToList();
            Assert.All(azure, line =>
            {
                Assert.StartsWith("##vso[task.logissue type=", line, StringComparison.Ordinal);
                Assert.Equal(1, CountOf(line, "##vso["));
                AssertNoControlCharacters(line, allowLineFeed: false);
            });

            var console = string.Join("\n", results.Select(r => r.ToString() + "\n" + r.Remediation));
            foreach (var text in new[] { CiAnnotationWriter.StepSummary(results, new SecretRedactor()), console })
            {
                AssertNoControlCharacters(text, allowLineFeed: true);
                Assert.DoesNotContain("##vso[", text, StringComparison.OrdinalIgnoreCase);
                foreach (var line in text.Split('\n').Select(l => l.TrimStart(' ', '\t')))
                {
                    Assert.False(line.StartsWith("##[", StringComparison.Ordinal), line);
                    Assert.DoesNotMatch("^::[A-Za-z].*::", line);
                }
            }
        }

        private static void AssertNoControlCharacters(string text, bool allowLineFeed)
        {
            var bad = text.FirstOrDefault(c => (char.IsControl(c) && !(allowLineFeed && c == '\n') && c != '\t') || char.IsSurrogate(c));
            Assert.True(bad == '\0', "control character U+" + ((int)bad).ToString("X4") + " in: " + text);
        }

        private static int CountOf(string text, string what)
        {
            var n = 0;
            for (var i = text.IndexOf(what, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.OrdinalIgnoreCase)) n++;
            return n;
        }

        // ---- the quarantine never moves configuration ----

        [PeerFact("ansible-inventory")]
        public void TheQuarantineRefusesToMoveAnInventoryOrGroupVarsFileAndSaysHowToVaultTheKey() => Attack(() =>
        {
            var key = "sk-" + new string('4', 40) + "cafe";
            var root = Path.Combine(_dir, "repo");
            var inventory = Path.Combine(root, "hosts.ini");
            Directory.CreateDirectory(Path.Combine(root, "group_vars", "litellm"));
            File.WriteAllText(inventory, "[litellm]\ngw1 ansible_connection=local\n\n[litellm:vars]\nlitellm_master_key=" + key + "\n");
            var vars = Path.Combine(root, "group_vars", "litellm", "vars.yml");
            File.WriteAllText(vars, "litellm_port: 4000\nlitellm_salt_key: \"" + key + "\"\n");
            Directory.CreateDirectory(Path.Combine(root, "notes"));
            File.WriteAllText(Path.Combine(root, "notes", "old.txt"), "key " + key + "\n");
            var before = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--host", "gw1" }).StdOut;

            var outcome = QuarantineStep.Run(new StepContext(new SecretRedactor(), null), root, quarantine: true, inventories: new[] { inventory });

            // Configuration stays, and Ansible sees exactly what it saw before.
            Assert.True(File.Exists(inventory));
            Assert.True(File.Exists(vars));
            var after = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--host", "gw1" });
            Assert.Equal(0, after.ExitCode);
            Assert.Equal(before, after.StdOut);
            Assert.Contains("litellm_master_key", after.StdOut);
            Assert.Contains("litellm_port", after.StdOut);
            var inventoryResult = Assert.Single(outcome.Results, r => r.Target == "hosts.ini");
            Assert.Equal(HxStatus.Failed, inventoryResult.Status);
            Assert.Contains("Ansible loads it as the inventory", inventoryResult.Message);
            Assert.Contains("Set-HxVaultSecret -Path '" + Path.Combine(root, "group_vars", "litellm", "vault.yml") + "' -Name litellm_master_key, then remove line 5 from " + inventory, inventoryResult.Remediation);
            Assert.Contains("Protect-HxVaultString -Name litellm_master_key", inventoryResult.Remediation);
            var varsResult = Assert.Single(outcome.Results, r => r.Target == "group_vars/litellm/vars.yml");
            Assert.Equal(HxStatus.Failed, varsResult.Status);
            Assert.Contains("-Name litellm_salt_key", varsResult.Remediation);
            Assert.DoesNotContain(outcome.Results, r => r.Message.Contains(key) || r.Remediation.Contains(key));
            // The stray file is moved as before.
            Assert.Equal(HxStatus.Passed, Assert.Single(outcome.Results, r => r.Target == "notes/old.txt").Status);
            Assert.False(File.Exists(Path.Combine(root, "notes", "old.txt")));

            // Given by name (as Move-HxStrayVault is), a configuration file is refused by name and not moved.
            var mover = new StrayVaultQuarantine(root);
            var stray = StrayVaultFinder.Inspect(root, inventory, inventories: new[] { inventory })!;
            var refused = Assert.Throws<HxException>(() => mover.Move(stray));
            Assert.Equal("ConfigurationNotMoved", refused.ErrorId);
            Assert.StartsWith(inventory + " was not moved: Ansible loads this file as the inventory: it is configuration", refused.Message);
            Assert.True(File.Exists(inventory));
            // Without the pipeline's word, an inventory is still recognised beside its group_vars.
            Assert.True(StrayVaultFinder.Inspect(root, inventory)!.LoadedByAnsible);
        });

        // ---- evidence: concurrent writers, a file vanishing under the archive, unique stamps ----

        [Fact]
        public void HostsWritingIntoANewEvidenceFolderAtOnceAllLandAndTheArchiveHoldsEachFinalFile() => Attack(() =>
        {
            const int hosts = 48;
            for (var round = 0; round < 10; round++)
            {
                var store = new EvidenceStore(Path.Combine(_dir, "race", round.ToString()), new SecretRedactor());
                var folder = store.AreaFolder(EvidenceArea.Preflight);
                using var start = new Barrier(hosts);
                var errors = new List<Exception>();
                var writers = Enumerable.Range(0, hosts).Select(h => new Thread(() =>
                {
                    start.SignalAndWait();
                    try { store.WriteNewText(EvidenceArea.Preflight, Path.Combine("python", "node" + h + ".txt"), "final " + h + "\n"); }
                    catch (Exception e) { lock (errors) errors.Add(e); }
                })).ToList();
                writers.ForEach(w => w.Start());
                writers.ForEach(w => w.Join());
                Assert.Empty(errors);

                var outcome = EvidenceArchiveStep.Run(new StepContext(new SecretRedactor(), store), folder, Array.Empty<HxCheckResult>());
                Assert.Equal(HxStatus.Passed, Assert.Single(outcome.Results).Status);
                using var zip = ZipFile.OpenRead(folder + ".zip");
                for (var h = 0; h < hosts; h++)
                {
                    var entry = zip.GetEntry(store.Stamp + "/python/node" + h + ".txt");
                    Assert.NotNull(entry);
                    using var text = new StreamReader(entry!.Open());
                    Assert.Equal("final " + h + "\n", text.ReadToEnd());
                }
            }
        });

        [Fact]
        public void AnEvidenceFileThatVanishesOrCannotBeWrittenIsAFailedResultNamingItNotAnException() => Attack(() =>
        {
            // An archive that cannot be written (its folder is gone): a Failed result naming it, no exception, no temp file.
            var store = new EvidenceStore(Path.Combine(_dir, "vanish"), new SecretRedactor());
            var folder = store.AreaFolder(EvidenceArea.Preflight);
            Directory.CreateDirectory(Path.Combine(folder, "python"));
            File.WriteAllText(Path.Combine(folder, "python", "node1.txt"), "3.11\n");
            var gone = Path.Combine(_dir, "gone", "evidence.zip");
            var outcome = EvidenceArchiveStep.Run(new StepContext(new SecretRedactor(), store), folder, Array.Empty<HxCheckResult>(), gone);
            var archive = Assert.Single(outcome.Results);
            Assert.Equal(HxStatus.Failed, archive.Status);
            Assert.Contains("could not pack " + folder, archive.Message);
            Assert.Contains(Path.Combine(_dir, "gone"), archive.Message);
            Assert.False(Directory.Exists(Path.Combine(_dir, "gone")));

            // A host's evidence file that cannot be written: the run goes on, and a Failed Evidence result names the file.
            var blocked = new EvidenceStore(Path.Combine(_dir, "blocked"), new SecretRedactor());
            var area = blocked.AreaFolder(EvidenceArea.Preflight);
            File.WriteAllText(Path.Combine(area, "python"), "a file where the folder should be");
            var host = new PreflightHost("node1", new RemoteConnectionOptions("localhost") { Local = true });
            var options = new PreflightOptions { Checks = PreflightChecks.Python, PythonCommand = "/nonexistent/python3" };
            var results = new PreflightRunner(options, blocked).RunResults(new[] { host }, CancellationToken.None).ToList();
            var evidence = Assert.Single(results, r => r.Check == "Evidence");
            Assert.Equal(HxStatus.Failed, evidence.Status);
            Assert.Contains(Path.Combine(area, "python", "node1.txt"), evidence.Message);
            Assert.Equal("", Assert.Single(results, r => r.Check == "PythonRuntime").EvidencePath);
        });

        [Fact]
        public void RunsStartingInTheSameSecondGetTheirOwnStamps() => Attack(() =>
        {
            var started = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
            var root = Path.Combine(_dir, "stamps");
            var stamps = new string[8];
            Parallel.For(0, stamps.Length, i => stamps[i] = new EvidenceStore(root, new SecretRedactor(), started).Stamp);
            Assert.Equal(stamps.Length, stamps.Distinct().Count());
            Assert.Contains("20261125T120000Z", stamps);
            Assert.All(stamps, s => Assert.Matches(@"^20261125T120000Z(-[2-8])?$", s));
            // A store that never writes takes no stamp and leaves nothing behind.
            _ = new EvidenceStore(Path.Combine(_dir, "unused"), new SecretRedactor(), started);
            Assert.False(Directory.Exists(Path.Combine(_dir, "unused")));
        });

        // ---- a gateway whose answer never ends ----

        [Fact]
        public Task AGatewayStreamingAnEndlessBodyIsCutAtTheLimitWithAClearError() => AttackAsync(async () =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            // Streams until the client hangs up, or 256 MiB at most: the server always stops itself.
            const long bound = 256L * 1024 * 1024;
            long written = 0;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                using var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer.AsMemory());
                    if (read == 0) return;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n\"");
                await stream.WriteAsync(head, 0, head.Length);
                var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                try
                {
                    while (written < bound)
                    {
                        await stream.WriteAsync(chunk, 0, chunk.Length);
                        written += chunk.Length;
                    }
                }
                catch (IOException)
                {
                    // the probe stopped reading and closed the connection
                }
            });
            try
            {
                var probe = new LiteLLMEndpointProbe(new EndpointProbeOptions(new Uri("http://127.0.0.1:" + port + "/"), "sk-" + new string('1', 32))
                {
                    RequestTimeout = TimeSpan.FromMinutes(2),
                }, new SecretRedactor());
                var results = await probe.RunAsync(CancellationToken.None);
                var live = Assert.Single(results, r => r.Check == "Liveliness");
                Assert.Equal(HxStatus.Failed, live.Status);
                Assert.Contains("with a body over 1024 KiB; reading stopped there", live.Message);
                await server;
                Assert.True(written < bound, "the probe read on to the server's own bound");
            }
            finally
            {
                listener.Stop();
            }
        });

        // ---- template widths and join ----

        [Fact]
        public void FormatWidthsAndJoinPastTheOutputLimitFailBeforeAllocating() => Attack(() =>
        {
            foreach (var template in new[]
            {
                "{{ '%3000000000s' % 'x' }}", "{{ '%20000000s' % 'x' }}", "{{ '%-*s' % (3000000000, 'x') }}", "{{ '%.3000000000f' % 1.5 }}",
                "{{ '%9000000s%9000000s' % ('x', 'y') }}", "{{ '%3000000000d' | format(1) }}",
                "{{ '{:3000000000}'.format('x') }}", "{{ '{:>20000000}'.format(1) }}", "{{ '{:.3000000000f}'.format(1.5) }}",
                "{{ '{:9000000}{:9000000}'.format('x', 'y') }}",
                "{{ ['x' * 9000000, 'y' * 9000000] | join }}", "{{ ['x' * 6000000, 'y' * 6000000, 'z' * 6000000] | join('-') }}",
                "{{ '-'.join(['x' * 9000000, 'y' * 9000000]) }}",
            })
            {
                var (error, allocated) = OnSmallStack(() => global::HxLiteLLM.Templating.AnsibleTemplate.Render(template, new PyDict()));
                var refused = Assert.IsAssignableFrom<global::HxLiteLLM.Templating.TemplateException>(error);
                Assert.Contains("resulting string too long", refused.Message);
                Assert.True(allocated < 256L * 1024 * 1024, template + ": " + allocated + " bytes allocated");
            }
            // Within the limit they work as in Python.
            Assert.Equal("    x|x    |1,2", global::HxLiteLLM.Templating.AnsibleTemplate.Render("{{ '%5s|%-5s' % ('x', 'x') }}|{{ [1, 2] | join(',') }}", new PyDict()));
            Assert.Equal("  x", global::HxLiteLLM.Templating.AnsibleTemplate.Render("{{ '{:>3}'.format('x') }}", new PyDict()));
        });
    }
}
