using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// Lookups in a role's templates, rendered by the real template module (ansible-playbook, connection local) and by
    /// ours: the role's defaults and vars, its files/ and templates/ folders, the playbook's folder and the template's
    /// own folder, found the way Ansible's search path finds them.
    /// </summary>
    public sealed class LookupRoleDifferentialTests : IClassFixture<LookupRoleDifferentialTests.Site>
    {
        private const string Password = "lookup-role-pw";

        /// <summary>Each template is one template task; a failing one leaves no output file.</summary>
        private static readonly Dictionary<string, string> Templates = new Dictionary<string, string>
        {
            ["file_role.j2"] = "{{ lookup('file', 'note.txt') }}|{{ lookup('file', 'files/note.txt') }}\n",
            ["file_playbook.j2"] = "{{ lookup('file', 'top.txt') }}\n",
            ["file_template_folder.j2"] = "{{ lookup('file', 'local.txt') }}\n",
            ["template.j2"] = "{{ lookup('template', 'inner.j2') }}|{{ lookup('template', 'inner.j2', template_vars={'greeting': 'hi'}) }}|{{ lookup('template', 'list.j2') | length }}\n",
            ["template_missing.j2"] = "{{ lookup('template', 'note.txt') }}\n",
            ["ini.j2"] = "{{ lookup('ini', 'user', section='db', file='data.ini') }}|{{ lookup('ini', 'port section=db file=data.ini') }}|{{ query('ini', '.*', section='db', file='data.ini', re=True) }}\n",
            ["csvfile.j2"] = "{{ lookup('csvfile', 'bob file=data.csv delimiter=,') }}|{{ lookup('csvfile', 'carol', file='data.csv', delimiter=',', col=2) }}\n",
            ["subelements.j2"] = "{% for u, k in lookup('subelements', users, 'keys', {'skip_missing': True}) %}{{ u.name }}={{ k }} {{ greeting }};{% endfor %}\n",
            ["unvault.j2"] = "[{{ lookup('unvault', 'secret.txt') }}]|[{{ lookup('unvault', 'note.txt') }}]\n",
            ["password.j2"] = "{{ lookup('password', 'pw/existing') }}|{{ lookup('password', 'pw/existing', encrypt='sha512_crypt') }}\n",
            ["fileglob.j2"] = "{{ query('fileglob', '*.ini') | map('basename') | list }}|{{ lookup('first_found', ['nope.txt', 'note.txt']) | basename }}\n",
        };

        public sealed class Site : IDisposable
        {
            private readonly Lazy<Dictionary<string, string?>> _peer;

            public Site()
            {
                Root = Path.Combine(Path.GetTempPath(), "hx-lookup-role-" + Guid.NewGuid().ToString("N"));
                Secret = VaultSecret.FromPassword(Password);
                Role = Path.Combine(Root, "roles", "r");
                Write(Path.Combine(Role, "defaults", "main.yml"), "greeting: hello\nusers: []\n");
                Write(Path.Combine(Role, "vars", "main.yml"), "users:\n  - {name: alice, keys: [k1, k2]}\n  - {name: bob}\n  - {name: carol, keys: [k3]}\n");
                Write(Path.Combine(Role, "files", "note.txt"), "role file note\n\n");
                Write(Path.Combine(Role, "files", "data.ini"), "[db]\nuser = app\nport: 5432\n");
                Write(Path.Combine(Role, "files", "data.csv"), "alice,1,a\nbob,2,b\ncarol,3,c\n");
                Write(Path.Combine(Role, "files", "secret.txt"), "vaulted text\n");
                File.WriteAllText(Path.Combine(Role, "files", "secret.txt"), VaultCipher.Encrypt(File.ReadAllBytes(Path.Combine(Role, "files", "secret.txt")), Secret));
                Write(Path.Combine(Role, "templates", "inner.j2"), "{{ greeting }} from {{ template_path }} for {{ users | length }} users\n");
                Write(Path.Combine(Role, "templates", "list.j2"), "[{% for u in users %}'{{ u.name }}', {% endfor %}]");
                Write(Path.Combine(Role, "templates", "local.txt"), "beside the template\n");
                foreach (var kv in Templates) Write(Path.Combine(Role, "templates", kv.Key), kv.Value);
                Write(Path.Combine(Root, "files", "top.txt"), "playbook folder file\n");
                Write(Path.Combine(Root, "pw", "existing"), "from-playbook-dir salt=abcdefghijklmnop\n");
                Write(Path.Combine(Root, "inv", "hosts"), "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
                Write(Path.Combine(Root, "vault-pw"), Password + "\n");
                var tasks = new StringBuilder();
                foreach (var name in Templates.Keys)
                    tasks.Append("- template: {src: '").Append(name).Append("', dest: '").Append(Path.Combine(Root, "out", name)).Append("'}\n  ignore_errors: true\n");
                Write(Path.Combine(Role, "tasks", "main.yml"), tasks.ToString());
                Write(Path.Combine(Root, "site.yml"), "- hosts: all\n  gather_facts: false\n  roles: [r]\n");
                Directory.CreateDirectory(Path.Combine(Root, "out"));
                _peer = new Lazy<Dictionary<string, string?>>(RunPeer);
            }

            public string Root { get; }
            public string Role { get; }
            public VaultSecret Secret { get; }
            /// <summary>Ansible's output per template, null where the task failed.</summary>
            public Dictionary<string, string?> Peer => _peer.Value;

            private static void Write(string path, string text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            private Dictionary<string, string?> RunPeer()
            {
                // The timeout guards against a hung peer only: on a busy shared machine one playbook run takes minutes.
                var result = PeerProcess.Run("ansible-playbook", new[] { Path.Combine(Root, "site.yml"), "-i", Path.Combine(Root, "inv", "hosts"), "--vault-password-file", Path.Combine(Root, "vault-pw") },
                    workingDirectory: Root, environment: new Dictionary<string, string>
                    {
                        ["ANSIBLE_ROLES_PATH"] = Path.Combine(Root, "roles"),
                        ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Root, "tmp"),
                        ["ANSIBLE_REMOTE_TEMP"] = Path.Combine(Root, "tmp"),
                    }, timeoutMs: 900_000);
                if (!result.StdOut.Contains("PLAY RECAP")) throw new InvalidOperationException("ansible-playbook failed (exit " + result.ExitCode + "): " + result.StdOut + result.StdErr);
                return Templates.Keys.ToDictionary(n => n, n => File.Exists(Path.Combine(Root, "out", n)) ? File.ReadAllText(Path.Combine(Root, "out", n)) : null);
            }

            public void Dispose()
            {
                Secret.Dispose();
                Directory.Delete(Root, true);
            }
        }

        private readonly Site _site;

        public LookupRoleDifferentialTests(Site site) => _site = site;

        private string? RenderOurs(string name)
        {
            var sources = new VariableSources { RolePath = _site.Role, InventoryPath = Path.Combine(_site.Root, "inv", "hosts"), HostName = "localhost", VaultSecrets = new[] { _site.Secret } };
            var template = TemplateFile.Find(Path.Combine(_site.Role, "templates", name)).Single();
            try
            {
                return new TemplateRenderer(HostVariables.Load(sources, new SecretRedactor()), new TemplateOptions { AllowFileWritingLookups = true })
                    .RenderText(template, Path.Combine(_site.Root, "ours", name)).Text;
            }
            catch (HxException)
            {
                return null;
            }
        }

        public static IEnumerable<object[]> Names => Templates.Keys.Select(n => new object[] { n });

        [PeerTheory("ansible-playbook")]
        [MemberData(nameof(Names))]
        public void RoleTemplateLookupsRenderLikeTheTemplateModule(string name)
        {
            Assert.Equal(_site.Peer[name], RenderOurs(name));
        }

        [PeerFact("ansible-playbook")]
        public void TheComparedTemplatesMostlySucceed()
        {
            // Guard against a broken fixture: only the deliberately missing template fails in Ansible.
            Assert.Equal(new[] { "template_missing.j2" }, _site.Peer.Where(kv => kv.Value == null).Select(kv => kv.Key).ToArray());
        }

        /// <summary>What the password and unvault lookups read is a secret: the output is flagged (mode 0600), redacted in messages, masked in the evidence copy.</summary>
        [Theory]
        [InlineData("password.j2", "from-playbook-dir")]
        [InlineData("unvault.j2", "vaulted text")]
        public void LookupSecretsAreFlaggedAndMaskedInTheEvidenceCopy(string name, string secret)
        {
            var sources = new VariableSources { RolePath = _site.Role, InventoryPath = Path.Combine(_site.Root, "inv", "hosts"), HostName = "localhost", VaultSecrets = new[] { _site.Secret } };
            var redactor = new SecretRedactor();
            var renderer = new TemplateRenderer(HostVariables.Load(sources, redactor), new TemplateOptions { AllowFileWritingLookups = true });
            var template = TemplateFile.Find(Path.Combine(_site.Role, "templates", name)).Single();
            var output = Path.Combine(_site.Root, "secret-out-" + name);
            var evidence = Path.Combine(_site.Root, "evidence-" + name);
            var rendered = renderer.Render(template, output, new HxLiteLLM.Evidence.EvidenceStore(evidence, redactor), true);
            Assert.True(rendered.ContainsSecrets);
            Assert.Contains(secret, File.ReadAllText(rendered.OutputPath));
            Assert.DoesNotContain(secret, redactor.Redact(File.ReadAllText(rendered.OutputPath)));
            var copy = File.ReadAllText(rendered.EvidencePath);
            Assert.DoesNotContain(secret, copy);
            Assert.Contains(SecretRedactor.Mask, copy);
        }
    }
}
