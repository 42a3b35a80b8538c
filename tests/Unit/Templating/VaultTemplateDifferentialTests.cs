using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// Vault-encrypted template files, included/imported/extended templates and role/group vars files, through the real
    /// template module (ansible-playbook, connection local) and through ours, with and without the vault password.
    /// </summary>
    public sealed class VaultTemplateDifferentialTests : IClassFixture<VaultTemplateDifferentialTests.Site>
    {
        private const string Password = "vault-template-pw";

        /// <summary>Every file twice where it matters: vaulted and plain, so a vaulted include can be compared with Ansible rendering its plaintext.</summary>
        private static readonly Dictionary<string, string> Templates = new Dictionary<string, string>
        {
            ["vaulted.j2"] = "hello {{ x }}\n{% for i in range(2) %}{{ i }}\n{% endfor %}",
            ["inc_plain.j2"] = "inc {{ x }}\n",
            ["macros_plain.j2"] = "{% macro greet(n) %}hi {{ n }}{% endmacro %}",
            ["base_plain.j2"] = "[{% block b %}base{% endblock %}]\n",
            ["include_plain.j2"] = "top {{ x }}\n{% include 'inc_plain.j2' %}",
            ["import_plain.j2"] = "{% import 'macros_plain.j2' as m %}{{ m.greet(x) }}\n",
            ["extends_plain.j2"] = "{% extends 'base_plain.j2' %}{% block b %}child {{ x }}{% endblock %}",
            ["include_vault.j2"] = "top {{ x }}\n{% include 'inc_vault.j2' %}",
            ["import_vault.j2"] = "{% import 'macros_vault.j2' as m %}{{ m.greet(x) }}\n",
            ["extends_vault.j2"] = "{% extends 'base_vault.j2' %}{% block b %}child {{ x }}{% endblock %}",
        };

        private static readonly string[] Vaulted = { "vaulted.j2", "inc_vault.j2", "macros_vault.j2", "base_vault.j2" };

        /// <summary>The peer's verdict on one template task.</summary>
        public sealed record Outcome(bool Ok, string Output, string Error);

        public sealed class Site : IDisposable
        {
            private readonly Lazy<(Dictionary<string, Outcome> With, Dictionary<string, Outcome> Without)> _peer;

            public Site()
            {
                Root = Path.Combine(Path.GetTempPath(), "hx-vault-templates-" + Guid.NewGuid().ToString("N"));
                Secret = VaultSecret.FromPassword(Password);
                var templates = Path.Combine(Root, "templates");
                Directory.CreateDirectory(templates);
                foreach (var kv in Templates) File.WriteAllText(Path.Combine(templates, kv.Key), kv.Value);
                File.WriteAllText(Path.Combine(templates, "inc_vault.j2"), Templates["inc_plain.j2"]);
                File.WriteAllText(Path.Combine(templates, "macros_vault.j2"), Templates["macros_plain.j2"]);
                File.WriteAllText(Path.Combine(templates, "base_vault.j2"), Templates["base_plain.j2"]);
                foreach (var name in Vaulted) Encrypt(Path.Combine(templates, name));

                var role = Path.Combine(Root, "roles", "r");
                Write(Path.Combine(role, "defaults", "main.yml"), "rd: from-defaults\n", true);
                Write(Path.Combine(role, "vars", "main.yml"), "rv: from-vars\n", true);
                Write(Path.Combine(role, "templates", "role.j2"), "{{ rd }} {{ rv }} {{ gv }} {{ x }}\n", false);
                Write(Path.Combine(role, "tasks", "main.yml"), "- template: {src: role.j2, dest: '{{ out }}/role'}\n", false);
                Write(Path.Combine(Root, "inv", "hosts"), "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n", false);
                Write(Path.Combine(Root, "inv", "group_vars", "all.yml"), "gv: from-group-vars\nx: 7\n", true);
                File.WriteAllText(Path.Combine(Root, "pw"), Password + "\n");
                _peer = new Lazy<(Dictionary<string, Outcome>, Dictionary<string, Outcome>)>(() => (RunPeer(true), RunPeer(false)));
            }

            public string Root { get; }
            public VaultSecret Secret { get; }
            public Dictionary<string, Outcome> WithPassword => _peer.Value.With;
            public Dictionary<string, Outcome> WithoutPassword => _peer.Value.Without;
            public string TemplatesDirectory => Path.Combine(Root, "templates");

            private void Write(string path, string text, bool vault)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
                if (vault) Encrypt(path);
            }

            private void Encrypt(string path) => File.WriteAllText(path, VaultCipher.Encrypt(File.ReadAllBytes(path), Secret));

            /// <summary>
            /// One playbook: a template task per template and the role through include_role, errors ignored so each
            /// task reports on its own; the results are registered and written out as JSON before the role runs. Without the
            /// password the vaulted group_vars would stop the play before any task, so that run uses an inline inventory
            /// and gives x and gv as extra vars; the role then cannot be loaded, which only the log shows.
            /// </summary>
            private Dictionary<string, Outcome> RunPeer(bool withPassword)
            {
                var run = Path.Combine(Root, withPassword ? "out-with" : "out-without");
                Directory.CreateDirectory(run);
                var tasks = new StringBuilder();
                var names = Templates.Keys.ToList();
                for (var i = 0; i < names.Count; i++)
                {
                    tasks.Append("  - template: {src: 'templates/").Append(names[i]).Append("', dest: '").Append(run).Append('/').Append(names[i]).Append("'}\n")
                        .Append("    register: result").Append(i).Append("\n    ignore_errors: true\n");
                }
                var collected = string.Join(", ", names.Select((n, i) => "'" + n + "': result" + i));
                tasks.Append("  - copy: {content: \"{{ {").Append(collected).Append("} | to_json }}\", dest: '").Append(run).Append("/results.json'}\n");
                // Last: a role that cannot be loaded stops the play.
                tasks.Append("  - include_role: {name: r}\n    vars: {out: '").Append(run).Append("'}\n");
                var playbook = Path.Combine(Root, withPassword ? "with.yml" : "without.yml");
                File.WriteAllText(playbook, "- hosts: all\n  gather_facts: false\n  tasks:\n" + tasks);
                var args = new List<string> { playbook };
                if (withPassword) args.AddRange(new[] { "-i", Path.Combine(Root, "inv", "hosts"), "--vault-password-file", Path.Combine(Root, "pw") });
                else args.AddRange(new[] { "-i", "localhost,", "-c", "local", "-e", "ansible_python_interpreter=/usr/bin/python3", "-e", "x=7", "-e", "gv=from-group-vars" });
                var result = PeerProcess.Run("ansible-playbook", args, workingDirectory: Root, environment: new Dictionary<string, string>
                {
                    ["ANSIBLE_ROLES_PATH"] = Path.Combine(Root, "roles"),
                    ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Root, "tmp"),
                    ["ANSIBLE_REMOTE_TEMP"] = Path.Combine(Root, "tmp"),
                });
                var results = Path.Combine(run, "results.json");
                if (!File.Exists(results)) throw new InvalidOperationException("ansible-playbook failed (exit " + result.ExitCode + "): " + result.StdOut + result.StdErr);
                using var json = JsonDocument.Parse(File.ReadAllText(results));
                var outcomes = new Dictionary<string, Outcome>();
                foreach (var task in json.RootElement.EnumerateObject())
                {
                    var failed = task.Value.TryGetProperty("failed", out var f) && f.GetBoolean();
                    outcomes[task.Name] = failed
                        ? new Outcome(false, "", task.Value.TryGetProperty("msg", out var m) ? m.ToString() : "")
                        : new Outcome(true, File.ReadAllText(Path.Combine(run, task.Name)), "");
                }
                // A role that could not be loaded gives its reason only in the log.
                var role = Path.Combine(run, "role");
                outcomes["role"] = File.Exists(role) ? new Outcome(true, File.ReadAllText(role), "") : new Outcome(false, "", result.StdOut + result.StdErr);
                return outcomes;
            }

            public void Dispose()
            {
                Secret.Dispose();
                Directory.Delete(Root, true);
            }
        }

        private readonly Site _site;

        public VaultTemplateDifferentialTests(Site site) => _site = site;

        private static readonly PyDict Vars = new PyDict { ["x"] = 7L };

        private (bool Ok, string Text) RenderOurs(string name, bool withPassword)
        {
            var options = new TemplateOptions { VaultSecrets = withPassword ? new[] { _site.Secret } : Array.Empty<VaultSecret>() };
            try
            {
                return (true, AnsibleTemplate.RenderFile(Path.Combine(_site.TemplatesDirectory, name), Vars, options, _site.TemplatesDirectory));
            }
            catch (TemplateException e)
            {
                return (false, e.Message);
            }
        }

        [PeerFact("ansible-playbook")]
        public void VaultedTemplateFileRendersItsPlaintextWithThePassword()
        {
            var peer = _site.WithPassword["vaulted.j2"];
            Assert.True(peer.Ok, peer.Error);
            Assert.Equal("hello 7\n0\n1\n", peer.Output);
            Assert.Equal((true, peer.Output), RenderOurs("vaulted.j2", true));
        }

        [PeerFact("ansible-playbook")]
        public void VaultedTemplateFileIsRefusedWithoutThePassword()
        {
            var peer = _site.WithoutPassword["vaulted.j2"];
            Assert.False(peer.Ok);
            Assert.Contains("A vault password or secret must be specified to decrypt", peer.Error);
            var (ok, text) = RenderOurs("vaulted.j2", false);
            Assert.False(ok);
            Assert.Contains("A vault password or secret must be specified to decrypt " + Path.Combine(_site.TemplatesDirectory, "vaulted.j2"), text);
        }

        /// <summary>
        /// ansible-core 2.14 loads included, imported and extended templates with Jinja's plain file loader, so a vaulted
        /// one is read as its ciphertext: an include writes the $ANSIBLE_VAULT text into the result, an import finds no
        /// macro, an extended base comes out unrendered. Ours opens it like the rendered file itself (the result Ansible
        /// gives for the plaintext twin) or refuses it.
        /// </summary>
        [PeerTheory("ansible-playbook")]
        [InlineData("include")]
        [InlineData("import")]
        [InlineData("extends")]
        public void VaultedIncludedTemplatesRenderTheirPlaintextOrAreRefused(string kind)
        {
            var plain = _site.WithPassword[kind + "_plain.j2"];
            Assert.True(plain.Ok, plain.Error);
            Assert.Equal((true, plain.Output), RenderOurs(kind + "_vault.j2", true));

            var ansibleOnCiphertext = _site.WithPassword[kind + "_vault.j2"];
            Assert.True(!ansibleOnCiphertext.Ok || ansibleOnCiphertext.Output != plain.Output, "Ansible now renders an included vault's plaintext: " + ansibleOnCiphertext.Output);

            var (ok, text) = RenderOurs(kind + "_vault.j2", false);
            Assert.False(ok, text);
            Assert.Contains("A vault password or secret must be specified to decrypt", text);
        }

        [PeerFact("ansible-playbook")]
        public void VaultedRoleVarsAndGroupVarsFilesOpenWithThePasswordAndAreRefusedWithout()
        {
            var peer = _site.WithPassword["role"];
            Assert.True(peer.Ok, peer.Error);
            Assert.Equal("from-defaults from-vars from-group-vars 7\n", peer.Output);
            var role = Path.Combine(_site.Root, "roles", "r");
            var inventory = Path.Combine(_site.Root, "inv", "hosts");
            var template = TemplateFile.Find(Path.Combine(role, "templates", "role.j2")).Single();
            var sources = new VariableSources { RolePath = role, InventoryPath = inventory, HostName = "localhost", VaultSecrets = new[] { _site.Secret } };
            var ours = new TemplateRenderer(HostVariables.Load(sources, new SecretRedactor())).RenderText(template, Path.Combine(_site.Root, "role-out"));
            Assert.Equal(peer.Output, ours.Text);
            Assert.True(ours.ContainsSecrets);

            var refused = _site.WithoutPassword["role"];
            Assert.False(refused.Ok);
            Assert.Contains("A vault password or secret must be specified to decrypt", refused.Error);
            var roleOnly = new VariableSources { RolePath = role };
            var e = Assert.ThrowsAny<HxException>(() => HostVariables.Load(roleOnly, new SecretRedactor()));
            Assert.Contains("vault-encrypted", e.Message);
            var inventoryOnly = new VariableSources { InventoryPath = inventory, HostName = "localhost" };
            e = Assert.ThrowsAny<HxException>(() => HostVariables.Load(inventoryOnly, new SecretRedactor()));
            Assert.Contains("Attempting to decrypt but no vault secrets found", e.Message);
        }

        [Fact]
        public void WrongPasswordIsAClearTemplateError()
        {
            using var wrong = VaultSecret.FromPassword("not-it");
            var options = new TemplateOptions { VaultSecrets = new[] { wrong } };
            var path = Path.Combine(_site.TemplatesDirectory, "vaulted.j2");
            var e = Assert.Throws<TemplateRuntimeException>(() => AnsibleTemplate.RenderFile(path, Vars, options, _site.TemplatesDirectory));
            Assert.Contains("vaulted.j2", e.Message);
            Assert.DoesNotContain("hello", e.Message);
        }
    }
}
