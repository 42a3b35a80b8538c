using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>
    /// Secrets derived inside template errors, secret files read by lookups, files a lookup must not read whole,
    /// truncate's length, and shell metacharacters in remediation commands.
    /// </summary>
    public sealed partial class HostileInputTests
    {
        // Not hex, so no part of it turns up by chance in a temporary path.
        private const string MasterKey = "sk-Qw7Zr2Xy9Vt4Pn6Mk3Jh8Gf5Ds1LbNcWqPuRo";
        private const string VaultPassword = "Vp-Hq5Rz8Wy2Tx7Nm4Kj9Gd3Fs6Lb";

        /// <summary>The example project with its vault re-encrypted under <see cref="VaultPassword"/> holding <see cref="MasterKey"/>.</summary>
        private (string Project, string Role, VaultSecret Secret) ProjectWithKnownSecrets(string template, string groupVars = "")
        {
            var project = ProjectWithHost("localhost");
            var passFile = Path.Combine(project, ".vault-pass");
            File.WriteAllText(passFile, VaultPassword + "\n");
            var secret = VaultSecret.FromFile(passFile);
            File.WriteAllText(Path.Combine(project, "inventory", "group_vars", "litellm", "vault.yml"),
                VaultCipher.Encrypt(Encoding.UTF8.GetBytes("litellm_master_key: " + MasterKey + "\n"), secret));
            File.AppendAllText(Path.Combine(project, "inventory", "group_vars", "all.yml"), "hx_pass_file: " + passFile + "\n" + groupVars);
            var role = Path.Combine(project, "roles", "litellm");
            File.WriteAllText(Path.Combine(role, "templates", "derived.txt.j2"), template);
            return (project, role, secret);
        }

        private static HostVariables LoadHost(string project, string role, VaultSecret secret, SecretRedactor redactor) =>
            HostVariables.Load(new VariableSources
            {
                RolePath = role,
                InventoryPath = Path.Combine(project, "inventory", "hosts.yml"),
                HostName = "localhost",
                VaultSecrets = new[] { secret },
            }, redactor);

        /// <summary>
        /// The forms a secret could leak in: any piece of 6 characters or more (in any letter case, so upper and lower
        /// are included), reversed, in base64 (at its three alignments) and its SHA-1 and SHA-256.
        /// </summary>
        internal static IReadOnlyList<string> DerivedForms(string secret)
        {
            var forms = new List<string>();
            var reversed = new string(secret.Reverse().ToArray());
            foreach (var text in new[] { secret, reversed })
            {
                for (var i = 0; i + 6 <= text.Length; i++) forms.Add(text.Substring(i, 6));
            }
            var bytes = Encoding.UTF8.GetBytes(secret);
            foreach (var pad in new[] { 0, 1, 2 })
            {
                var b64 = Convert.ToBase64String(new byte[pad].Concat(bytes).ToArray()).TrimEnd('=');
                var skip = (pad * 4 + 2) / 3;
                forms.Add(b64.Substring(skip, b64.Length - skip - 2));
            }
            using (var sha1 = SHA1.Create()) forms.Add(Convert.ToHexString(sha1.ComputeHash(bytes)).ToLowerInvariant().Substring(0, 12));
            using (var sha256 = SHA256.Create()) forms.Add(Convert.ToHexString(sha256.ComputeHash(bytes)).ToLowerInvariant().Substring(0, 12));
            return forms;
        }

        private static void AssertNoDerivedForm(string text, params string[] secrets)
        {
            foreach (var secret in secrets)
            {
                foreach (var form in DerivedForms(secret)) Assert.True(text.IndexOf(form, StringComparison.OrdinalIgnoreCase) < 0, "'" + form + "' (from a secret) in: " + text);
            }
        }

        // ---- secrets derived inside template errors ----

        [Theory]
        [InlineData("{{ litellm_backends[litellm_master_key[3:]].api_base }}")]
        [InlineData("{{ lookup('vars', litellm_master_key | upper) }}")]
        [InlineData("{{ litellm_master_key | lower | to_datetime }}")]
        [InlineData("{{ '%Y' | strftime(litellm_master_key | replace('sk-', '')) }}")]
        [InlineData("{{ ('[' ~ litellm_master_key[::-1]) | from_yaml }}")]
        [InlineData("{{ ('{\"k\": ' ~ (litellm_master_key | b64encode)) | from_json }}")]
        [InlineData("{{ hx_nothing | mandatory('no value; the key is ' ~ (litellm_master_key | hash('sha1'))) }}")]
        [InlineData("{{ {litellm_master_key ~ 'x': 1}[litellm_master_key].y }}")]
        [InlineData("{{ ['a', litellm_master_key] | join(',') | to_datetime('%Y,%m') }}")]
        [InlineData("{{ lookup('file', '%s.pem' | format(litellm_master_key[::-1])) }}")]
        [InlineData("{{ hx_derived | to_datetime }}")]
        [InlineData("{{ hx_failing }}")]
        [InlineData("{{ lookup('file', hx_pass_file) | upper | to_datetime }}")]
        [InlineData("{{ hostvars[inventory_hostname].litellm_master_key[5:] | int(base=2) + [] }}")]
        [InlineData("{{ hostvars[inventory_hostname].litellm_master_key[5:] | to_datetime }}")]
        public void ATemplateErrorOnAValueDerivedFromASecretShowsNoPartOfIt(string expression) => Attack(() =>
        {
            var (project, role, secret) = ProjectWithKnownSecrets("line one\n" + expression + "\n",
                "hx_derived: \"{{ litellm_master_key[4:] }}\"\nhx_failing: \"{{ litellm_master_key[2:] | to_datetime }}\"\n");
            using (secret)
            {
                var redactor = new SecretRedactor();
                var renderer = new TemplateRenderer(LoadHost(project, role, secret, redactor));
                var evidenceRoot = Path.Combine(project, "evidence");
                var template = TemplateFile.Find(role).Single(t => t.Name == "derived.txt.j2");
                var error = Assert.ThrowsAny<HxException>(() => renderer.Render(template, Path.Combine(project, "rendered"), new EvidenceStore(evidenceRoot, redactor), true));

                // Refused, at the place the expression is (or naming the variable that failed), with no form of a secret in
                // the message, the exception's whole text or anything filed as evidence.
                Assert.True(error.Line == 2 || error.Message.Contains("hx_failing", StringComparison.Ordinal), error.Message);
                AssertNoDerivedForm(error.ToString(), MasterKey, VaultPassword);
                foreach (var file in FilesUnder(evidenceRoot)) AssertNoDerivedForm(File.ReadAllText(file), MasterKey, VaultPassword);
                Assert.False(File.Exists(Path.Combine(project, "rendered", "derived.txt")));
            }
        });

        [Fact]
        public void AnErrorWithNoSecretInvolvedStillQuotesTheValue() => Attack(() =>
        {
            var (project, role, secret) = ProjectWithKnownSecrets("{{ litellm_backends['no-such-backend'].api_base }}\n");
            using (secret)
            {
                var renderer = new TemplateRenderer(LoadHost(project, role, secret, new SecretRedactor()));
                var template = TemplateFile.Find(role).Single(t => t.Name == "derived.txt.j2");
                var error = Assert.ThrowsAny<HxException>(() => renderer.RenderText(template, Path.Combine(project, "rendered", "derived.txt")));
                Assert.Contains("no-such-backend", error.Message);
            }
        });

        [Fact]
        public void AnEndpointAddressErrorOnAValueDerivedFromTheMasterKeyShowsNoPartOfIt() => Attack(() =>
        {
            var (project, _, secret) = ProjectWithKnownSecrets("x\n");
            var hostVars = Directory.CreateDirectory(Path.Combine(project, "inventory", "host_vars")).FullName;
            File.WriteAllText(Path.Combine(hostVars, "localhost.yml"), "litellm_bind_host: \"{{ litellm_backends[litellm_master_key[3:]] }}\"\n");
            using (secret)
            {
                var error = Assert.ThrowsAny<HxException>(() => Endpoint.EndpointTargets.FromInventory(Path.Combine(project, "inventory", "hosts.yml"),
                    "litellm", new[] { "localhost" }, new[] { secret }, new SecretRedactor(), playbookDirectory: project));
                Assert.Contains("litellm_bind_host", error.ToString());
                AssertNoDerivedForm(error.ToString(), MasterKey, VaultPassword);
            }
        });

        // ---- secret files read by lookups ----

        [Fact]
        public void WhatLookupsReadFromSecretFilesAndHostvarsSecretsAreMaskedInTheEvidenceCopy() => Attack(() =>
        {
            var keys = Directory.CreateDirectory(Path.Combine(_dir, "keys")).FullName;
            var pemKey = Path.Combine(keys, "id_test");
            File.WriteAllText(pemKey, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUtUEMkEyTeStMaTeRiAl\n-----END OPENSSH PRIVATE KEY-----\n");
            var configuredKey = Path.Combine(keys, "configured.key");
            File.WriteAllText(configuredKey, "PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nCoNfIgUrEdKeYmAtErIaL\n");
            var ownerOnly = Path.Combine(keys, "owner-only.txt");
            File.WriteAllText(ownerOnly, "OwNeRoNlYsEcReTvAlUe\n");
            UnixPermissions.Set(ownerOnly, 0x180);
            var plain = Path.Combine(keys, "plain.txt");
            File.WriteAllText(plain, "an ordinary readable file\n");
            UnixPermissions.Set(plain, 0x1A4);
            UnixPermissions.Set(pemKey, 0x1A4);
            UnixPermissions.Set(configuredKey, 0x1A4);
            var (project, role, secret) = ProjectWithKnownSecrets(string.Join("\n",
                "pass={{ lookup('file', hx_pass_file) }}", "pem={{ lookup('file', '" + pemKey + "') }}", "configured={{ lookup('file', '" + configuredKey + "') }}",
                "owner={{ lookup('file', '" + ownerOnly + "') }}", "plain={{ lookup('file', '" + plain + "') }}",
                "hostvars={{ hostvars[inventory_hostname].litellm_master_key[3:] | upper }}", ""),
                "ansible_ssh_private_key_file: " + configuredKey + "\n");
            UnixPermissions.Set(Path.Combine(project, ".vault-pass"), 0x1A4);
            using (secret)
            {
                var redactor = new SecretRedactor();
                var renderer = new TemplateRenderer(LoadHost(project, role, secret, redactor));
                var evidenceRoot = Path.Combine(project, "evidence");
                var template = TemplateFile.Find(role).Single(t => t.Name == "derived.txt.j2");
                var result = renderer.Render(template, Path.Combine(project, "rendered"), new EvidenceStore(evidenceRoot, redactor), true);

                // The real output has every value and is the owner's only; the evidence copy masks all but the plain file.
                var real = File.ReadAllText(result.OutputPath);
                Assert.Contains("pass=" + VaultPassword + "\n", real);
                Assert.Contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUtUEMkEyTeStMaTeRiAl", real);
                Assert.True(result.ContainsSecrets);
                Assert.Equal(TemplateRenderer.SecretFileMode, UnixPermissions.Get(result.OutputPath));
                var copy = File.ReadAllText(result.EvidencePath!);
                Assert.Contains("pass=" + SecretRedactor.Mask + "\n", copy);
                Assert.Contains("pem=" + SecretRedactor.Mask + "\n", copy);
                Assert.Contains("configured=" + SecretRedactor.Mask + "\n", copy);
                Assert.Contains("owner=" + SecretRedactor.Mask + "\n", copy);
                Assert.Contains("plain=an ordinary readable file\n", copy);
                Assert.Contains("hostvars=" + MasterKey.Substring(3).ToUpperInvariant() + "\n", real);
                Assert.Contains("hostvars=*****\n", copy);
                foreach (var file in FilesUnder(evidenceRoot))
                {
                    var text = File.ReadAllText(file);
                    AssertNoDerivedForm(text, VaultPassword, MasterKey);
                    foreach (var material in new[] { "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUtUEMkEyTeStMaTeRiAl", "CoNfIgUrEdKeYmAtErIaL", "OwNeRoNlYsEcReTvAlUe" }) Assert.DoesNotContain(material, text);
                }
            }
        });

        // ---- files a lookup must not read whole ----

        [Fact]
        public void WhatIniAndCsvfileLookupsReadFromSecretFilesIsMaskedInTheEvidenceCopy() => Attack(() =>
        {
            var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
            string Write(string name, string text, int mode)
            {
                var path = Path.Combine(data, name);
                File.WriteAllText(path, text);
                UnixPermissions.Set(path, mode);
                return path;
            }
            var secretIni = Write("secret.ini", "[db]\npassword = InIoWnErOnLyVaLuE\n", 0x180);
            var secretCsv = Write("secret.csv", "db\tCsVoWnErOnLyVaLuE\n", 0x180);
            var plainIni = Write("plain.ini", "[db]\nhost = ordinary-ini\n", 0x1A4);
            var plainCsv = Write("plain.csv", "db\tordinary-csv\n", 0x1A4);
            var (project, role, secret) = ProjectWithKnownSecrets(string.Join("\n",
                "ini={{ lookup('ini', 'password', section='db', file='" + secretIni + "') }}",
                "inire={{ lookup('ini', 'pass.*', section='db', re=true, file='" + secretIni + "') }}",
                "csv={{ lookup('csvfile', 'db file=" + secretCsv + "') }}",
                "plainini={{ lookup('ini', 'host', section='db', file='" + plainIni + "') }}",
                "plaincsv={{ lookup('csvfile', 'db file=" + plainCsv + "') }}", ""));
            using (secret)
            {
                var redactor = new SecretRedactor();
                var renderer = new TemplateRenderer(LoadHost(project, role, secret, redactor));
                var evidenceRoot = Path.Combine(project, "evidence");
                var template = TemplateFile.Find(role).Single(t => t.Name == "derived.txt.j2");
                var result = renderer.Render(template, Path.Combine(project, "rendered"), new EvidenceStore(evidenceRoot, redactor), true);

                var real = File.ReadAllText(result.OutputPath);
                Assert.Contains("ini=InIoWnErOnLyVaLuE\n", real);
                Assert.Contains("csv=CsVoWnErOnLyVaLuE\n", real);
                Assert.True(result.ContainsSecrets);
                Assert.Equal(TemplateRenderer.SecretFileMode, UnixPermissions.Get(result.OutputPath));
                var copy = File.ReadAllText(result.EvidencePath!);
                Assert.Contains("ini=" + SecretRedactor.Mask + "\n", copy);
                Assert.Contains("csv=" + SecretRedactor.Mask + "\n", copy);
                Assert.Contains("plainini=ordinary-ini\n", copy);
                Assert.Contains("plaincsv=ordinary-csv\n", copy);
                foreach (var file in FilesUnder(evidenceRoot))
                {
                    var text = File.ReadAllText(file);
                    Assert.DoesNotContain("InIoWnErOnLyVaLuE", text);
                    Assert.DoesNotContain("CsVoWnErOnLyVaLuE", text);
                }
            }
        });

        [Fact]
        public void TheFileLookupRefusesADeviceAndAFileOverTheLimitUnread() => Attack(() =>
        {
            var huge = Path.Combine(_dir, "huge.bin");
            using (var stream = File.Create(huge)) stream.SetLength(TemplateEnvironment.MaxFileBytes + 1L);
            foreach (var (path, reason) in new[] { ("/dev/zero", "not a regular file"), (huge, "larger than " + TemplateEnvironment.MaxFileBytes + " bytes") })
            {
                var error = Assert.IsAssignableFrom<TemplateException>(Record.Exception(() =>
                    AnsibleTemplate.Render("{{ lookup('file', '" + path + "') }}", new PyDict(), "t.j2")));
                Assert.Contains(reason, error.Message);
                Assert.Contains(path, error.Message);
            }
        });

        // ---- truncate's length is a Python int ----

        [PeerFact("jinja2")]
        public void TruncateWithALengthPastInt32GivesTheTextBackAsJinjaDoes() => Attack(() =>
        {
            const string source = "{{ 'one two three four' | truncate(3000000000) }}|{{ 'one two three four' | truncate(9, leeway=3000000000) }}|{{ 'one two three four' | truncate(9, True, '...', 0) }}";
            var jinja = PeerProcess.Run(Peers.Python, new[] { "-c", "import sys, jinja2; print(jinja2.Environment().from_string(sys.argv[1]).render(), end='')", source });
            Assert.Equal(0, jinja.ExitCode);
            Assert.Equal("one two three four|one two three four|one tw...", jinja.StdOut);
            Assert.Equal(jinja.StdOut, AnsibleTemplate.Render(source, new PyDict(), "t.j2"));
        });

        // ---- shell metacharacters in remediation commands ----

        [PeerFact("sh")]
        public void RemediationCommandsWithUnquotedShellMetacharactersAreCommentsNotCommands() => Attack(() =>
        {
            var pwned = Path.Combine(_dir, "pwned");
            var results = new List<HxCheckResult>
            {
                new HxCheckResult("Preflight", "Sudo", "node1", HxStatus.Failed, "x") { Remediation = "sudo chmod 600 /tmp/x;touch " + pwned },
                new HxCheckResult("Preflight", "Sudo", "node2", HxStatus.Failed, "x") { Remediation = "sudo chmod 600 /tmp/x | sh -c 'touch " + pwned + "'" },
                new HxCheckResult("Preflight", "Sudo", "node3", HxStatus.Failed, "x") { Remediation = "sudo chmod 600 /tmp/x > " + pwned },
                new HxCheckResult("Preflight", "Sudo", "node4", HxStatus.Failed, "x") { Remediation = "sudo chmod 600 /tmp/x & touch " + pwned },
                new HxCheckResult("Preflight", "Sudo", "node5", HxStatus.Failed, "x") { Remediation = "sudo chmod 600 {/tmp/x,/tmp/y}" },
                new HxCheckResult("Preflight", "Sudo", "node6", HxStatus.Failed, "x") { Remediation = "sudo chmod 600 'a;b' && sudo usermod -aG sudo 'x|y'" },
                new HxCheckResult("Inventory", "Vault", "v", HxStatus.Failed, "x") { Remediation = "Set-HxVaultSecret -Name a; Remove-Item " + pwned },
                new HxCheckResult("Inventory", "Stray", "s", HxStatus.Failed, "x") { Remediation = "Find-HxStrayVault -Path '/tmp/a;b' | Move-HxStrayVault" },
            };
            var files = IssueReportWriter.Write(results, new SecretRedactor(), DateTime.UtcNow);
            var shell = files["remediation.sh"].Split('\n');
            var powerShell = files["remediation.ps1"].Split('\n');
            foreach (var node in new[] { ";touch", "| sh -c", "> " + pwned, "& touch" })
            {
                Assert.Contains(shell, l => l.StartsWith("# not run:", StringComparison.Ordinal) && l.Contains(node, StringComparison.Ordinal));
                Assert.DoesNotContain(shell, l => !l.StartsWith("#", StringComparison.Ordinal) && l.Contains(node, StringComparison.Ordinal));
            }
            // " && " between commands, metacharacters inside single quotes and a pipe into a module cmdlet stay runnable.
            Assert.Contains(shell, l => l.StartsWith("# not run:", StringComparison.Ordinal) && l.Contains("{/tmp/x,/tmp/y}", StringComparison.Ordinal));
            Assert.Contains("sudo chmod 600 'a;b' && sudo usermod -aG sudo 'x|y'", shell);
            Assert.Contains("Find-HxStrayVault -Path '/tmp/a;b' | Move-HxStrayVault", powerShell);
            Assert.Contains(powerShell, l => l.StartsWith("# not run:", StringComparison.Ordinal) && l.Contains("Remove-Item", StringComparison.Ordinal));

            var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "sudo"), "#!/bin/sh\nexit 0\n");
            UnixPermissions.Set(Path.Combine(bin, "sudo"), 0x1ED);
            var script = Path.Combine(_dir, "remediation.sh");
            File.WriteAllText(script, files["remediation.sh"]);
            var run = PeerProcess.Run("sh", new[] { script }, workingDirectory: _dir, environment: new Dictionary<string, string> { ["PATH"] = bin + ":/usr/bin:/bin" });
            Assert.Equal(0, run.ExitCode);
            Assert.False(File.Exists(pwned), "a metacharacter in a remediation command ran a second command");
        });
    }
}
