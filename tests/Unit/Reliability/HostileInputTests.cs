using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Pipeline;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>Counts the hostile-input cases and how many ended in the safe outcome, for the Test task's report.</summary>
    public sealed class HostileInputTally : IDisposable
    {
        private int _cases;
        private int _refused;

        public void Case() => Interlocked.Increment(ref _cases);

        public void RefusedSafely() => Interlocked.Increment(ref _refused);

        public void Dispose()
        {
            if (_cases > 0) TestReport.Line("Hostile input: " + _cases + " cases, " + _refused + " refused safely");
        }
    }

    /// <summary>
    /// Attacks found in review, each replayed against the real peers: the outcome must be the safe one (refused with a
    /// clear error, or the file kept safe), and the process must survive with bounded memory. No timed assertions.
    /// </summary>
    public sealed partial class HostileInputTests : IClassFixture<HostileInputTally>, IDisposable
    {
        private readonly HostileInputTally _tally;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-hostile-" + Guid.NewGuid().ToString("N"));

        public HostileInputTests(HostileInputTally tally)
        {
            _tally = tally;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>Runs one case: counted, and counted as refused safely only when every assertion inside held.</summary>
        private void Attack(Action attack)
        {
            _tally.Case();
            attack();
            _tally.RefusedSafely();
        }

        private async Task AttackAsync(Func<Task> attack)
        {
            _tally.Case();
            await attack();
            _tally.RefusedSafely();
        }

        // ---- 1. host keys ----

        /// <summary>A second sshd on loopback for the fixture's user, serving only an ECDSA host key.</summary>
        private sealed class EcdsaOnlySshd : IDisposable
        {
            private readonly Process _process;

            public EcdsaOnlySshd(string dir)
            {
                HostKey = Path.Combine(dir, "ssh_host_ecdsa_key");
                Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "ecdsa", "-N", "", "-f", HostKey }).ExitCode);
                Port = Remote.SshConnectionTests.ClosedPort();
                var config = Path.Combine(dir, "sshd_config");
                File.WriteAllText(config, string.Join("\n",
                    "Port " + Port, "ListenAddress 127.0.0.1", "HostKey " + HostKey, "PidFile " + Path.Combine(dir, "sshd.pid"),
                    "AuthorizedKeysFile " + Path.Combine(FixturePeers.Directory, "authorized_keys"), "StrictModes no", "UsePAM no",
                    "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
                    "AllowUsers " + FixturePeers.SshUser, "UseDNS no", "LogLevel ERROR") + "\n");
                var psi = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardError = true };
                foreach (var a in new[] { "-D", "-e", "-f", config }) psi.ArgumentList.Add(a);
                _process = Process.Start(psi)!;
                for (var i = 0; i < 150; i++)
                {
                    if (_process.HasExited) throw new InvalidOperationException("sshd exited " + _process.ExitCode + ": " + _process.StandardError.ReadToEnd());
                    try
                    {
                        using var client = new System.Net.Sockets.TcpClient();
                        client.Connect("127.0.0.1", Port);
                        return;
                    }
                    catch (System.Net.Sockets.SocketException)
                    {
                        Thread.Sleep(100);
                    }
                }
                throw new InvalidOperationException("sshd did not listen on 127.0.0.1:" + Port);
            }

            public string HostKey { get; }
            public int Port { get; }

            public void Dispose()
            {
                _process.Kill();
                _process.WaitForExit();
                _process.Dispose();
            }
        }

        private RemoteConnectionOptions SshOptions(int port, string knownHosts) => new RemoteConnectionOptions("127.0.0.1")
        {
            Port = port,
            User = FixturePeers.SshUser,
            KeyFilePath = FixturePeers.SshKey,
            KnownHostsPath = knownHosts,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AcceptNewHostKey = true,
        };

        private static PeerProcess.Result RealSsh(int port, string knownHosts, string strict) => PeerProcess.Run("ssh", new[]
        {
            "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=" + strict, "-o", "UserKnownHostsFile=" + knownHosts,
            "-o", "GlobalKnownHostsFile=/dev/null", "-i", FixturePeers.SshKey, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FixturePeers.SshUser + "@127.0.0.1", "true",
        }, timeoutMs: 30_000);

        [FixtureFact("ssh")]
        public Task HostWithAnEd25519KeyOnRecordPresentingOnlyEcdsaIsRefusedNotRecorded() => AttackAsync(async () =>
        {
            using var sshd = new EcdsaOnlySshd(_dir);
            var ed25519 = File.ReadAllText(Path.Combine(FixturePeers.Directory, "ssh_host_ed25519_key.pub")).Split(' ');
            var known = Path.Combine(_dir, "known_hosts");
            var recorded = "[127.0.0.1]:" + sshd.Port + " " + ed25519[0] + " " + ed25519[1] + "\n";
            File.WriteAllText(known, recorded);

            var refused = await Assert.ThrowsAsync<RemoteConnectionException>(() => SshConnection.ConnectAsync(SshOptions(sshd.Port, known), CancellationToken.None));
            Assert.Equal(HxCategory.HostKey, refused.Category);
            Assert.Contains("HAS CHANGED", refused.Message);
            Assert.Contains("ecdsa-sha2-nistp256", refused.Message);
            Assert.Contains("ssh-ed25519", refused.Message);
            Assert.Equal(recorded, File.ReadAllText(known));
            // OpenSSH's accept-new refuses the same host the same way.
            var ssh = RealSsh(sshd.Port, known, "accept-new");
            Assert.Equal(255, ssh.ExitCode);
            Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", ssh.StdErr);
        });

        [FixtureFact("ssh")]
        public Task AcceptNewWritesHashedWhenTheFileIsHashedAndCreatesAPrivateFolder() => AttackAsync(async () =>
        {
            using var sshd = new EcdsaOnlySshd(_dir);
            var hashed = Path.Combine(_dir, "hashed_known_hosts");
            File.WriteAllText(hashed, "other.example " + File.ReadAllText(Path.Combine(FixturePeers.Directory, "ssh_host_ed25519_key.pub")).Split(' ')[0] + " "
                + File.ReadAllText(Path.Combine(FixturePeers.Directory, "ssh_host_ed25519_key.pub")).Split(' ')[1] + "\n");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-H", "-f", hashed }).ExitCode);
            using (await SshConnection.ConnectAsync(SshOptions(sshd.Port, hashed), CancellationToken.None)) { }
            var lines = File.ReadAllLines(hashed);
            Assert.Equal(2, lines.Length);
            Assert.All(lines, l => Assert.StartsWith("|1|", l));
            Assert.DoesNotContain("127.0.0.1", File.ReadAllText(hashed));
            // ssh-keygen finds the hashed entry, and ssh trusts it under strict checking.
            Assert.Contains("ecdsa-sha2-nistp256", PeerProcess.Run("ssh-keygen", new[] { "-F", "[127.0.0.1]:" + sshd.Port, "-f", hashed }).StdOut);
            Assert.Equal(0, RealSsh(sshd.Port, hashed, "yes").ExitCode);

            var fresh = Path.Combine(_dir, "home", ".ssh", "known_hosts");
            using (await SshConnection.ConnectAsync(SshOptions(sshd.Port, fresh), CancellationToken.None)) { }
            if (UnixPermissions.IsSupported) Assert.Equal(0x1C0, UnixPermissions.Get(Path.GetDirectoryName(fresh)!));
            Assert.Equal(0, RealSsh(sshd.Port, fresh, "yes").ExitCode);
        });
    
        // ---- 2. paths from inventory data ----

        private static readonly string Example = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../examples/hx-dev"));

        /// <summary>A copy of the bundled example whose litellm group holds one host of the given name (a YAML inventory, so any name fits).</summary>
        private string ProjectWithHost(string hostName)
        {
            var project = Path.Combine(_dir, "work", "project");
            foreach (var file in Directory.EnumerateFiles(Example, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Example, file);
                // What a Demo or an earlier run left in the example (.evidence, .rendered, _quarantine) is not part of it.
                var folders = Path.GetDirectoryName(relative)?.Split(Path.DirectorySeparatorChar) ?? Array.Empty<string>();
                if (folders.Any(f => f.StartsWith(".", StringComparison.Ordinal) || f == "_quarantine")) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
                File.Copy(file, Path.Combine(project, relative));
            }
            File.WriteAllText(Path.Combine(project, "inventory", "hosts.yml"),
                "litellm:\n  hosts:\n    " + PyJson.Dumps(hostName) + ":\n      ansible_connection: local\n");
            return project;
        }

        private static string[] FilesUnder(string root) =>
            Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : Array.Empty<string>();

        [PeerTheory("ansible-inventory")]
        [InlineData("absolute")]
        [InlineData("../../..")]
        [InlineData("evil\nname")]
        public void HostNamesThatAreNotOnePathSegmentNeverBecomeRenderPaths(string kind) => Attack(() =>
        {
            var outside = Path.Combine(_dir, "outside", "x");
            var hostName = kind == "absolute" ? outside : kind;
            var project = ProjectWithHost(hostName);
            var inventory = Path.Combine(project, "inventory", "hosts.yml");
            // Ansible accepts the name: the attack is possible with a real inventory.
            var listed = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--vault-password-file", Path.Combine(project, ".vault-pass"), "--list" });
            Assert.Equal(0, listed.ExitCode);
            Assert.Contains(PyJson.Dumps(hostName), listed.StdOut);

            using var secret = VaultSecret.FromFile(Path.Combine(project, ".vault-pass"));
            var options = new PipelineOptions(inventory)
            {
                RolePath = Path.Combine(project, "roles", "litellm"),
                EvidencePath = Path.Combine(project, "inventory", ".evidence"),
                RenderPath = Path.Combine(project, "inventory", ".rendered"),
                Phases = new List<PipelinePhase> { PipelinePhase.RoleValidation },
                VaultSecrets = new[] { secret },
            };
            var results = new List<HxCheckResult>();
            var redactor = new SecretRedactor();
            var summaries = new LiteLLMPipeline(options, new StepContext(redactor, new EvidenceStore(options.EvidencePath, redactor))).Run(results.Add);

            Assert.Equal("Failed", summaries.Single(x => x.Phase == "RoleValidation").Outcome);
            var refusal = Assert.Single(results, r => r.Message.Contains("cannot be used as a folder or file name"));
            Assert.Contains("'" + ContainedPath.Printable(hostName) + "'", refusal.Message);
            Assert.DoesNotContain("\n", refusal.Message);
            // Nothing rendered anywhere: not outside the project, not beside it, not inside it.
            Assert.Empty(FilesUnder(Path.Combine(_dir, "outside")));
            Assert.Empty(Directory.GetFiles(_dir, "litellm.env", SearchOption.AllDirectories));
            Assert.Empty(FilesUnder(options.RenderPath));
        });
    
        // ---- 3. derived secrets in evidence ----

        [PeerFact("jinja2")]
        public void ValuesDerivedFromAVaultSecretNeverReachTheEvidenceCopy() => Attack(() =>
        {
            var project = ProjectWithHost("localhost");
            var role = Path.Combine(project, "roles", "litellm");
            File.WriteAllText(Path.Combine(role, "templates", "derived.txt.j2"), string.Join("\n",
                "key={{ litellm_master_key }}", "b64={{ litellm_master_key | b64encode }}", "slice={{ litellm_master_key[3:] }}", "upper={{ litellm_master_key | upper }}",
                "sha={{ litellm_master_key | hash('sha256') }}", "db={{ hx_database_url }}", "inline=postgresql://app:inl1nepass@db/app", "") );
            File.AppendAllText(Path.Combine(project, "inventory", "group_vars", "all.yml"), "hx_database_url: postgresql://llm:hunter2pass@db.hx.test/llm\n");
            using var secret = VaultSecret.FromFile(Path.Combine(project, ".vault-pass"));
            var redactor = new SecretRedactor();
            var variables = HostVariables.Load(new VariableSources
            {
                RolePath = role,
                InventoryPath = Path.Combine(project, "inventory", "hosts.yml"),
                HostName = "localhost",
                VaultSecrets = new[] { secret },
            }, redactor);
            var key = (string)variables.Values["litellm_master_key"]!;
            var evidenceRoot = Path.Combine(project, "evidence");
            var output = Path.Combine(project, "rendered");
            var renderer = new TemplateRenderer(variables);
            foreach (var template in TemplateFile.Find(role)) renderer.Render(template, output, new EvidenceStore(evidenceRoot, redactor), true);

            // The derivations as the real Python computes them; the real output holds them, the evidence none of them.
            var derived = PeerProcess.Run(Peers.Python, new[] { "-c",
                "import sys,base64,hashlib; k=sys.argv[1]; print(base64.b64encode(k.encode()).decode()); print(k[3:]); print(k.upper()); print(hashlib.sha256(k.encode()).hexdigest())", key })
                .StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Concat(new[] { key, "hunter2pass", "inl1nepass" }).ToList();
            Assert.Equal(7, derived.Count);
            var real = File.ReadAllText(Path.Combine(output, "derived.txt"));
            Assert.All(derived, d => Assert.Contains(d, real));
            var evidence = FilesUnder(evidenceRoot).Select(File.ReadAllText).ToList();
            var copy = Assert.Single(FilesUnder(evidenceRoot), f => f.EndsWith("derived.txt", StringComparison.Ordinal));
            Assert.Contains("db=" + SecretRedactor.Mask + "\n", File.ReadAllText(copy));
            Assert.Contains("inline=postgresql://app:" + SecretRedactor.Mask + "@db/app", File.ReadAllText(copy));
            Assert.All(derived, d => Assert.All(evidence, text => Assert.DoesNotContain(d, text)));
        });
    
        // ---- 4. lock files ----

        [Fact]
        public void PlantedSymlinksAtTheLockFolderOrALockFileAreRefused() => Attack(() =>
        {
            var victim = Directory.CreateDirectory(Path.Combine(_dir, "victim")).FullName;
            var parent = Directory.CreateDirectory(Path.Combine(_dir, "runtime")).FullName;
            File.CreateSymbolicLink(Path.Combine(parent, "hxlitellm-locks"), victim);
            var planted = Assert.Throws<HxException>(() => FileLock.PrivateFolderIn(parent, "hxlitellm-locks"));
            Assert.Equal("LockFolderUnsafe", planted.ErrorId);
            Assert.Contains("symbolic link", planted.Message);

            var own = FileLock.PrivateFolderIn(parent, "own-locks");
            if (UnixPermissions.IsSupported) Assert.Equal(0x1C0, UnixPermissions.Get(own));
            // The lock folder of this user is private too, and a symlink planted at a lock file's name is not followed.
            var folder = FileLock.PrivateFolder();
            Assert.DoesNotContain(Path.Combine(Path.GetTempPath(), "hxlitellm-locks") + Path.DirectorySeparatorChar, folder + Path.DirectorySeparatorChar);
            if (UnixPermissions.IsSupported) Assert.Equal(0x1C0, UnixPermissions.Get(folder));
            var target = Path.Combine(_dir, "group_vars", "vault.yml");
            using (FileLock.Acquire(target, TimeSpan.FromSeconds(1))) { }
            var lockFile = Path.Combine(folder, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(target))).Substring(0, 32) + ".lock");
            Assert.True(File.Exists(lockFile));
            File.Delete(lockFile);
            File.CreateSymbolicLink(lockFile, Path.Combine(victim, "overwritten"));
            try
            {
                var followed = Assert.Throws<HxException>(() => FileLock.Acquire(target, TimeSpan.FromSeconds(1)));
                Assert.Equal("LockFolderUnsafe", followed.ErrorId);
                Assert.False(File.Exists(Path.Combine(victim, "overwritten")));
            }
            finally
            {
                File.Delete(lockFile);
            }
        });
    
        // ---- 5. alias bombs and deep nesting ----

        /// <summary>The classic "billion laughs": nine levels of nine aliases each, under 500 bytes.</summary>
        private static string AliasBomb()
        {
            var text = new System.Text.StringBuilder("a0: &a0 [\"lol\"]\n");
            for (var i = 1; i <= 9; i++)
            {
                text.Append('a').Append(i).Append(": &a").Append(i).Append(" [")
                    .Append(string.Join(",", Enumerable.Repeat("*a" + (i - 1), 9))).Append("]\n");
            }
            return text.ToString();
        }

        private string InventoryWithGroupVars(string fileName, string content)
        {
            var inventory = Path.Combine(_dir, "inv", "hosts.ini");
            Directory.CreateDirectory(Path.Combine(_dir, "inv", "group_vars"));
            File.WriteAllText(inventory, "[litellm]\nlocalhost ansible_connection=local\n");
            File.WriteAllText(Path.Combine(_dir, "inv", "group_vars", fileName), content);
            return inventory;
        }

        /// <summary>Runs the load on a thread with a small stack (as PowerShell's pipeline threads may have), measuring what it allocated.</summary>
        private static (Exception? Error, long Allocated) OnSmallStack(Action load)
        {
            Exception? error = null;
            long allocated = 0;
            var thread = new Thread(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try { load(); }
                catch (Exception e) { error = e; }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }, 1024 * 1024);
            thread.Start();
            thread.Join();
            return (error, allocated);
        }

        [PeerFact("ansible-inventory")]
        public void AnAliasBombInGroupVarsIsRefusedWithinAFewMegabytes() => Attack(() =>
        {
            var bomb = AliasBomb();
            Assert.True(bomb.Length < 500, bomb.Length + " bytes");
            var inventory = InventoryWithGroupVars("all.yml", bomb);
            // Ansible loads it too (PyYAML shares aliased objects); the file is valid YAML, the expansion is the attack.
            Assert.Equal(0, PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--graph" }).ExitCode);
            var (error, allocated) = OnSmallStack(() => global::HxLiteLLM.Inventory.InventoryLoader.Load(inventory));
            var refused = Assert.IsAssignableFrom<HxException>(error);
            Assert.Contains("alias", refused.Message);
            Assert.Contains("all.yml", refused.Message);
            Assert.True(allocated < 64L * 1024 * 1024, allocated + " bytes allocated");
        });

        [PeerTheory("ansible-inventory")]
        [InlineData("all.yml", "[", "]")]
        [InlineData("all.yml", "{a: ", "}")]
        [InlineData("all.json", "[", "]")]
        public void GroupVarsNested100000DeepAreRefusedWithoutOverflowingTheStack(string fileName, string open, string close) => Attack(() =>
        {
            var content = "x: " + string.Concat(Enumerable.Repeat(open, 100_000)) + string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";
            if (fileName.EndsWith(".json", StringComparison.Ordinal)) content = "{\"x\": " + content.Substring(3).TrimEnd() + "}\n";
            var inventory = InventoryWithGroupVars(fileName, content);
            // Ansible refuses it too (its recursive YAML composer runs out of recursion depth).
            Assert.NotEqual(0, PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--list" }).ExitCode);
            var (error, allocated) = OnSmallStack(() => global::HxLiteLLM.Inventory.InventoryLoader.Load(inventory));
            var refused = Assert.IsAssignableFrom<HxException>(error);
            Assert.Contains("nesting", refused.Message);
            Assert.Contains(fileName, refused.Message);
            Assert.True(allocated < 256L * 1024 * 1024, allocated + " bytes allocated");
        });

        [Fact]
        public void LiteralsAndTemplatesNested100000DeepAreRefusedWithoutOverflowingTheStack() => Attack(() =>
        {
            var deep = string.Concat(Enumerable.Repeat("[", 100_000)) + string.Concat(Enumerable.Repeat("]", 100_000));
            var (literal, _) = OnSmallStack(() => Assert.False(PyLiteral.TryEval(deep, out _)));
            Assert.Null(literal);
            var (template, _) = OnSmallStack(() => global::HxLiteLLM.Templating.AnsibleTemplate.Render("{{ " + deep + " }}", new PyDict()));
            Assert.Contains("nesting too deep", Assert.IsAssignableFrom<global::HxLiteLLM.Templating.TemplateException>(template).Message);
            var (json, _) = OnSmallStack(() => PyJsonReader.Parse(deep));
            Assert.Contains("Nesting too deep", Assert.IsType<PyJsonDecodeException>(json).Message);
        });
    
        // ---- 6. generated remediation scripts ----

        [PeerFact("sh")]
        public void RemediationScriptsKeepInputDerivedNamesInertWhenRun() => Attack(() =>
        {
            var pwned = Path.Combine(_dir, "pwned");
            var hostName = "evil\ntouch " + pwned + "\n";
            var results = new List<HxCheckResult>
            {
                new HxCheckResult("Preflight", "CATrust", hostName, HxStatus.Failed, "CA missing\ntouch " + pwned)
                {
                    Remediation = global::HxLiteLLM.Checks.CaTrustCheck.Remediation("/etc/ssl/certs/ca-certificates.crt", "ca$(touch pwned).pem"),
                },
                new HxCheckResult("Preflight", "Sudo", hostName, HxStatus.Failed, "no sudo") { Remediation = "sudo usermod -aG sudo `touch " + pwned + "`" },
                new HxCheckResult("Inventory", "Vault", hostName, HxStatus.Failed, "vault\n$(touch " + pwned + ")") { Remediation = "Set-HxVaultSecret -Name $(touch " + pwned + ")" },
            };
            var files = global::HxLiteLLM.Reporting.IssueReportWriter.Write(results, new SecretRedactor(), DateTime.UtcNow);
            // Run the shell script for real, with sudo standing in as a logger of its arguments.
            var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
            var log = Path.Combine(_dir, "sudo.log");
            File.WriteAllText(Path.Combine(bin, "sudo"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> " + log + "\n");
            UnixPermissions.Set(Path.Combine(bin, "sudo"), 0x1ED);
            var script = Path.Combine(_dir, "remediation.sh");
            File.WriteAllText(script, files["remediation.sh"]);
            var run = PeerProcess.Run("sh", new[] { script }, workingDirectory: _dir, environment: new Dictionary<string, string> { ["PATH"] = bin + ":/usr/bin:/bin" });
            Assert.Equal(0, run.ExitCode);
            Assert.False(File.Exists(pwned), "a name from input ran as a command");
            Assert.Contains("ca$(touch pwned).pem", File.ReadAllLines(log));
            Assert.DoesNotContain("usermod", File.ReadAllText(log));
            // Every line of both scripts is a comment or a command this test put there: a newline never broke out of a comment.
            foreach (var name in new[] { "remediation.sh", "remediation.ps1" })
            {
                foreach (var line in files[name].Split('\n'))
                {
                    Assert.True(line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal) || line.StartsWith("sudo cp ", StringComparison.Ordinal)
                        || line == "set -e" || line == "$ErrorActionPreference = 'Stop'", name + ": " + line);
                }
            }
        });
    
        // ---- 7. links, sizes and widths ----

        [Fact]
        public void AStrayReachedThroughALinkedFolderIsNeitherReadNorMovedFromOutsideTheRoot() => Attack(() =>
        {
            var root = Directory.CreateDirectory(Path.Combine(_dir, "repo")).FullName;
            var outside = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
            using var secret = VaultSecret.FromPassword("pw");
            var victim = Path.Combine(outside, "vault.yml");
            File.WriteAllText(victim, VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("a: 1\n"), secret));
            Directory.CreateSymbolicLink(Path.Combine(root, "linked"), outside);
            var throughLink = Path.Combine(root, "linked", "vault.yml");

            // The scan does not enter the linked folder; given by path, the file is refused before it is read or moved.
            Assert.Empty(global::HxLiteLLM.InventoryPhase.StrayVaultFinder.Find(root));
            var refused = Assert.Throws<HxException>(() => global::HxLiteLLM.InventoryPhase.StrayVaultFinder.Inspect(root, throughLink));
            Assert.Equal("StrayOutsideRoot", refused.ErrorId);
            Assert.Contains("once symbolic links are resolved", refused.Message);
            Assert.Contains(victim, refused.Message);
            // A record made elsewhere (a pipeline carries any Path) is refused by the move itself.
            var quarantine = new global::HxLiteLLM.InventoryPhase.StrayVaultQuarantine(root);
            var forged = new HxStrayVault(root, throughLink, "linked/vault.yml", "EncryptedFile", "forged");
            Assert.Equal("StrayOutsideRoot", Assert.Throws<HxException>(() => quarantine.Move(forged)).ErrorId);
            Assert.Null(quarantine.WriteReport());
            Assert.True(File.Exists(victim));
            Assert.Empty(FilesUnder(Path.Combine(root, "_quarantine")));
        });

        [PeerFact("ansible-inventory")]
        public void LinkedVaultAndVarsFilesAreWrittenThroughToTheirTargetsAndStayLinks() => Attack(() =>
        {
            var shared = Directory.CreateDirectory(Path.Combine(_dir, "shared")).FullName;
            var inventory = InventoryWithGroupVars("all.yml", "");
            var groupVars = Path.GetDirectoryName(Path.Combine(_dir, "inv", "group_vars", "all.yml"))!;
            File.Delete(Path.Combine(groupVars, "all.yml"));
            File.WriteAllText(Path.Combine(shared, "all.yml"), "litellm_port: 4000\n");
            File.CreateSymbolicLink(Path.Combine(groupVars, "all.yml"), "../../shared/all.yml");
            var passwordFile = Path.Combine(_dir, "vault-pass");
            File.WriteAllText(passwordFile, "pw\n");
            using var secret = VaultSecret.FromPassword("pw");
            File.WriteAllText(Path.Combine(shared, "vault.yml"), VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("vault_other: kept\n"), secret));
            Directory.CreateDirectory(Path.Combine(groupVars, "litellm"));
            var vaultLink = Path.Combine(groupVars, "litellm", "vault.yml");
            File.CreateSymbolicLink(vaultLink, "../../../shared/vault.yml");

            var context = new StepContext(new SecretRedactor(), null) { ShouldProcess = (_, _) => true };
            var vault = VaultSecretStep.Run(context, new VaultSecretRequest(vaultLink, "vault_litellm_master_key", "sk-written-through-1234", new[] { secret }));
            var vars = GroupVarsStep.Run(context, new GroupVarsRequest(inventory, "all", new[] { new KeyValuePair<string, object?>("litellm_port", 4001L) }));

            // Both links are still the links they were; the new content and the Ansible-style backups are at the targets.
            Assert.Equal("../../shared/all.yml", new FileInfo(Path.Combine(groupVars, "all.yml")).LinkTarget);
            Assert.Equal("../../../shared/vault.yml", new FileInfo(vaultLink).LinkTarget);
            Assert.Equal(Path.Combine(shared, "vault.yml"), Assert.Single(vault.Changes).Path);
            Assert.StartsWith(Path.Combine(shared, "vault.yml."), Assert.Single(vault.Changes).BackupPath);
            Assert.StartsWith(Path.Combine(shared, "all.yml."), Assert.Single(vars.Changes).BackupPath);
            Assert.Equal(2, Directory.GetFiles(shared, "*~").Length);
            Assert.Empty(Directory.GetFiles(groupVars, "*~", SearchOption.AllDirectories));
            Assert.Equal("litellm_port: 4001\n", File.ReadAllText(Path.Combine(shared, "all.yml")));
            // Ansible reads both through the links: the new values and the vault's other entry.
            var listed = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--vault-password-file", passwordFile, "--host", "localhost" });
            Assert.Equal(0, listed.ExitCode);
            Assert.Contains("\"litellm_port\": 4001", listed.StdOut);
            Assert.Contains("\"vault_litellm_master_key\": \"sk-written-through-1234\"", listed.StdOut);
            Assert.Contains("\"vault_other\": \"kept\"", listed.StdOut);
        });

        [Fact]
        public void WidthsPastTheOutputLimitFailBeforeAllocating() => Attack(() =>
        {
            foreach (var template in new[]
            {
                "{{ 'x' | center(3000000000) }}", "{{ 'x' | center(2000000000) }}", "{{ 'x'.ljust(3000000000) }}", "{{ 'x'.rjust(20000000, '*') }}",
                "{{ '7'.zfill(3000000000) }}", "{{ 'a\\nb' | indent(3000000000) }}", "{{ ('a\\n' * 1000000) | indent(' ' * 100, true, true) }}",
                "{{ ('a ' * 10000) | wordwrap(1, true, '-' * 2000) }}",
            })
            {
                var (error, allocated) = OnSmallStack(() => global::HxLiteLLM.Templating.AnsibleTemplate.Render(template, new PyDict()));
                var refused = Assert.IsAssignableFrom<global::HxLiteLLM.Templating.TemplateException>(error);
                Assert.Contains("resulting string too long", refused.Message);
                Assert.True(allocated < 256L * 1024 * 1024, template + ": " + allocated + " bytes allocated");
            }
            // Widths within the limit work as in Jinja: a width past every line wraps nothing.
            Assert.Equal("a b", global::HxLiteLLM.Templating.AnsibleTemplate.Render("{{ 'a b' | wordwrap(3000000000) }}", new PyDict()));
            Assert.Equal("  a\n  b", global::HxLiteLLM.Templating.AnsibleTemplate.Render("{{ 'a\\nb' | indent(2, true) }}", new PyDict()));
        });

        [PeerFact("sh")]
        public void AVaultPasswordScriptThatLeavesAChildHoldingItsOutputEndsAtTheTimeout() => Attack(() =>
        {
            // Two scripts: one exits at once leaving a background child on its output, one waits for its child.
            var children = new List<int>();
            try
            {
                foreach (var (name, tail) in new[] { ("detaches", ""), ("waits", "wait\n") })
                {
                    var script = Path.Combine(_dir, name + "-pass.sh");
                    var pidFile = Path.Combine(_dir, name + ".pid");
                    File.WriteAllText(script, "#!/bin/sh\necho pw\nsleep 600 &\necho $! > " + pidFile + "\n" + tail);
                    UnixPermissions.Set(script, 0x1C0);
                    var refused = Assert.Throws<VaultException>(() => VaultSecret.FromFile(script, scriptTimeout: TimeSpan.FromSeconds(3)));
                    children.Add(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
                    Assert.Equal(VaultErrorKind.PasswordFile, refused.Kind);
                    Assert.Contains("did not finish within 3 s", refused.Message);
                    Assert.Contains(script, refused.Message);
                    Assert.DoesNotContain("pw\n", refused.Message);
                    if (name == "detaches") Assert.Contains("a process it started in the background still holds its output open", refused.Message);
                }
                // The child of the script that was still running went with it (the whole tree is killed).
                Assert.True(Exited(children[1]), "the script's child is still running");
            }
            finally
            {
                foreach (var pid in children) KillIfRunning(pid);
            }
        });

        /// <summary>True once the process is gone or a zombie, waiting up to 10 s for the kill to land.</summary>
        private static bool Exited(int pid)
        {
            for (var i = 0; i < 100; i++)
            {
                var stat = "/proc/" + pid + "/stat";
                if (!File.Exists(stat)) return true;
                try
                {
                    if (File.ReadAllText(stat).Split(')')[1].Trim().StartsWith("Z", StringComparison.Ordinal)) return true;
                }
                catch (IOException)
                {
                    return true;
                }
                Thread.Sleep(100);
            }
            return false;
        }

        private static void KillIfRunning(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
            {
                // Already gone.
            }
        }

        [PeerFact("ansible-inventory")]
        public void ReplacedGroupVarsKeepTheirTrailingComments() => Attack(() =>
        {
            var original = "# header\nlitellm_port: 4000  # the port behind the proxy\nlitellm_host: \"old.example\"\t# tab before\n"
                + "litellm_models: gpt  # one model for now\nurl: http://x/#frag\nnote: \"a # inside\"   # after\n";
            var inventory = InventoryWithGroupVars("all.yml", original);
            var file = Path.Combine(_dir, "inv", "group_vars", "all.yml");
            var edit = global::HxLiteLLM.InventoryPhase.GroupVarsDocument.SetVariables(original, new[]
            {
                new KeyValuePair<string, object?>("litellm_port", 4001L),
                new KeyValuePair<string, object?>("litellm_host", "new.example"),
                new KeyValuePair<string, object?>("litellm_models", new List<object?> { "a", "b" }),
                new KeyValuePair<string, object?>("url", "http://y/#frag"),
                new KeyValuePair<string, object?>("note", "b # inside"),
            }, file);
            // A comment stays after a one-line value and goes on its own line above a multi-line one; '#' inside values is no comment.
            Assert.Equal("# header\nlitellm_port: 4001  # the port behind the proxy\nlitellm_host: new.example\t# tab before\n"
                + "# one model for now\nlitellm_models:\n- a\n- b\nurl: http://y/#frag\nnote: 'b # inside'   # after\n", edit.Content);
            File.WriteAllText(file, edit.Content);
            var host = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--host", "localhost" });
            Assert.Equal(0, host.ExitCode);
            Assert.Contains("\"litellm_port\": 4001", host.StdOut);
            Assert.Contains("\"litellm_host\": \"new.example\"", host.StdOut);
            Assert.Contains("\"note\": \"b # inside\"", host.StdOut);
            Assert.Contains("\"url\": \"http://y/#frag\"", host.StdOut);
            Assert.Matches("\"litellm_models\": \\[\\s*\"a\",\\s*\"b\"\\s*\\]", host.StdOut);
        });

        [Fact]
        public void AVaultFileOverTheSizeLimitIsRefusedUnread() => Attack(() =>
        {
            var vault = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "group_vars", "all")).FullName, "vault.yml");
            using (var file = new FileStream(vault, FileMode.CreateNew))
            {
                var header = System.Text.Encoding.ASCII.GetBytes("$ANSIBLE_VAULT;1.1;AES256\n");
                file.Write(header, 0, header.Length);
                file.SetLength(VaultEnvelope.MaxBytes + 1);
            }
            using var secret = VaultSecret.FromPassword("pw");
            var secrets = new[] { secret };
            var context = new StepContext(new SecretRedactor(), null) { ShouldProcess = (_, _) => true };
            foreach (var read in new Action[]
            {
                () => global::HxLiteLLM.InventoryPhase.VaultFiles.ReadPlaintext(vault, secrets),
                () => global::HxLiteLLM.InventoryPhase.VaultVarsFile.Read(vault, secrets, new SecretRedactor()),
                () => global::HxLiteLLM.InventoryPhase.VaultFiles.RekeyInPlace(vault, secrets, secret, null, true),
                () => VaultSecretStep.Run(context, new VaultSecretRequest(vault, "vault_x", "value", secrets)),
            })
            {
                var (error, allocated) = OnSmallStack(read);
                var refused = Assert.IsType<VaultException>(error);
                Assert.Equal(VaultErrorKind.TooLarge, refused.Kind);
                Assert.StartsWith(vault + ": ", refused.Message);
                Assert.Contains("more than the limit of 64 MiB", refused.Message);
                Assert.True(allocated < 16L * 1024 * 1024, allocated + " bytes allocated");
            }
            Assert.Equal(VaultEnvelope.MaxBytes + 1, new FileInfo(vault).Length);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(vault)!));
        });

        [Fact]
        public Task ADnsServerThatNeverAnswersIsReportedWithTheRealWaitAndTheQueries() => AttackAsync(async () =>
        {
            // A server on loopback that receives and never answers.
            using var silent = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            var port = ((System.Net.IPEndPoint)silent.Client.LocalEndPoint!).Port;
            var (result, evidence) = await new global::HxLiteLLM.Checks.DnsCheck("127.0.0.1:" + port, TimeSpan.FromMilliseconds(300))
                .RunAsync("dead", "gateway.hx.test", CancellationToken.None);

            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Dns, result.Category);
            var stated = System.Text.RegularExpressions.Regex.Match(result.Message,
                @"^forward lookup of gateway\.hx\.test: no answer from 127\.0\.0\.1:\d+ \(timeout\): 2 queries \(A, AAAA\) went unanswered; waited (\d+) ms in all, up to 300 ms per query$");
            Assert.True(stated.Success, result.Message);
            // The wait stated is the one measured: both queries ran to their timeout (a timer may fire a few ms before
            // the stopwatch shows its due time), within the check's own duration.
            var waited = int.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(waited, 590, (int)Math.Ceiling(result.DurationMs));
            Assert.Contains("A gateway.hx.test: ConnectionTimeout", evidence);
            Assert.Contains("AAAA gateway.hx.test: ConnectionTimeout", evidence);
        });
    }
}
