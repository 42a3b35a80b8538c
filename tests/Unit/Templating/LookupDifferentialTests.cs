using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>The template, ini, csvfile, subelements, unvault and password lookups through ansible-core's Templar and ours, byte for byte.</summary>
    public sealed class LookupDifferentialTests
    {
        private const string Vars = "{\"x\": 7, \"users\": [{\"name\": \"alice\", \"groups\": [\"wheel\", \"dev\"], \"auth\": {\"keys\": [\"k1\", \"k2\"]}}, {\"name\": \"bob\", \"groups\": [\"ops\"], \"auth\": {\"keys\": []}}, {\"name\": \"carol\", \"auth\": {}}], \"byname\": {\"a\": {\"name\": \"a\", \"l\": [1, 2]}, \"b\": {\"name\": \"b\", \"l\": [3]}}, \"registered\": {\"skipped\": true}}";

        private static readonly Dictionary<string, string> Files = new Dictionary<string, string>
        {
            ["templates/hello.j2"] = "hello {{ x }} from {{ template_path }}\n{% include 'part.j2' %}\n",
            ["templates/part.j2"] = "part {{ x * 2 }}",
            ["templates/list.j2"] = "[{{ x }}, 2, 'three']\n",
            ["templates/dict.j2"] = "{'a': {{ x }}, 'b': [True, None]}",
            ["templates/bool.j2"] = "True",
            ["templates/bool-marked.j2"] = "{{ 'True' }}",
            ["templates/vars.j2"] = "{{ extra }}|{{ x }}|{{ lookup('template', 'part.j2') }}",
            ["templates/trailing.j2"] = "t\n\n\n",
            ["templates/header.j2"] = "#jinja2: trim_blocks: False\n{% if true %}\nkept\n{% endif %}\n",
            ["templates/blocks.j2"] = "{% for i in [1, 2] %}\n{{ i }}\n{% endfor %}\n",
            ["top.j2"] = "top-level {{ x }}",
            ["files/users.ini"] = "# comment\n[DEFAULT]\nhome = /home\n\n[integration]\nuser = yannig\npass : secret\npath = %(home)s/%(user)s\nPercent = 100%%\nmulti = first\n  second\n\n  third\n; another comment\nspaced key   =   spaced value  \n\n[production]\nuser=prod-user\nUser.Name = Mixed\nempty =\n",
            ["files/user.properties"] = "user.name=robert\nuser.pass=123456\nother:colon\n",
            ["files/case.ini"] = "[s]\nKey = upper\nkey = lower\n",
            ["files/dup.ini"] = "[s]\na = 1\nA = 2\n",
            ["files/nosection.ini"] = "a = 1\n",
            ["files/noval.ini"] = "[mysqld]\nskip-bdb\nuser = mysql\n",
            ["files/elements.csv"] = "Symbol,Atomic Number,Atomic Mass\nH,1,1.008\nHe,2,4.0026\nLi,3,6.94\n\"Be, the metal\",4,\"9.012\"\"x\"\nB, 5 ,10.81\nlong name,6,\n",
            ["files/ansible.csv"] = "a\tone\ttwo\nb\tthree\tfour\n",
            ["files/plain.txt"] = "  plain text with trailing newlines\n\n",
        };

        private static List<TemplateCase> Cases()
        {
            var list = new List<(string Name, string Template)>
            {
                ("template", "[{{ lookup('template', 'hello.j2') }}]"),
                ("template-fqcn-query", "{{ query('ansible.builtin.template', 'hello.j2', 'bool.j2') }}"),
                ("template-convert", "{{ lookup('template', 'list.j2') }}|{{ lookup('template', 'list.j2') | type_debug }}|{{ lookup('template', 'dict.j2') }}|{{ lookup('template', 'bool.j2') | first }}|{{ lookup('template', 'bool-marked.j2') is sameas true }}"),
                ("template-no-convert", "{{ lookup('template', 'list.j2', convert_data=False) }}|{{ lookup('template', 'list.j2', convert_data=False) | first }}|{{ lookup('template', 'dict.j2', convert_data=False) | length }}"),
                ("template-vars", "{{ lookup('template', 'vars.j2', template_vars={'extra': 'E', 'x': 8}) }}"),
                ("template-trailing", "[{{ lookup('template', 'trailing.j2') }}]"),
                ("template-header-is-text", "[{{ lookup('template', 'header.j2') }}]"),
                ("template-blocks", "[{{ lookup('template', 'blocks.j2') }}]"),
                ("template-default-delimiters", "{{ lookup('template', 'part.j2', variable_start_string='{{', variable_end_string='}}') }}"),
                ("template-outside-templates", "{{ lookup('template', 'top.j2') }}"),
                ("template-missing", "{{ lookup('template', 'absent.j2') }}"),
                ("template-missing-ignored", "[{{ lookup('template', 'absent.j2', errors='ignore') }}]"),
                ("ini", "{{ lookup('ini', 'user', section='integration', file='users.ini') }}|{{ lookup('ini', 'pass', section='integration', file='users.ini') }}|{{ lookup('ini', 'path', section='integration', file='users.ini') }}|{{ lookup('ini', 'percent', section='integration', file='users.ini') }}"),
                ("ini-multiline", "[{{ lookup('ini', 'multi', section='integration', file='users.ini') }}]|[{{ lookup('ini', 'spaced key', section='integration', file='users.ini') }}]|[{{ lookup('ini', 'empty', section='production', file='users.ini') }}]"),
                ("ini-inline", "{{ lookup('ini', 'user section=production file=users.ini') }}|{{ lookup('ini', 'user.name section=production file=users.ini') }}"),
                ("ini-default-section-and-default", "{{ lookup('ini', 'home', section='production', file='users.ini') }}|[{{ lookup('ini', 'nothing', section='production', file='users.ini') }}]|{{ lookup('ini', 'nothing', section='production', file='users.ini', default='dflt') }}|{{ lookup('ini', 'home', section='DEFAULT', file='users.ini') }}"),
                ("ini-re", "{{ query('ini', 'u.*', section='integration', file='users.ini', re=True) }}|{{ query('ini', '.*', section='production', file='users.ini', re=True) }}"),
                ("ini-properties", "{{ lookup('ini', 'user.name', type='properties', file='user.properties') }}|{{ lookup('ini', 'user.pass', type='properties', file='user.properties') }}|{{ lookup('ini', 'other', type='properties', file='user.properties') }}"),
                ("ini-case-sensitive", "{{ lookup('ini', 'Key', section='s', file='case.ini', case_sensitive=True) }}|{{ lookup('ini', 'key', section='s', file='case.ini', case_sensitive=True) }}"),
                ("ini-case-duplicate", "{{ lookup('ini', 'a', section='s', file='case.ini') }}"),
                ("ini-duplicate", "{{ lookup('ini', 'a', section='s', file='dup.ini') }}"),
                ("ini-no-section", "{{ lookup('ini', 'user', section='nope', file='users.ini') }}"),
                ("ini-no-section-header", "{{ lookup('ini', 'a', file='nosection.ini') }}"),
                ("ini-missing-file", "{{ lookup('ini', 'a', file='absent.ini') }}"),
                ("ini-allow-no-value", "[{{ lookup('ini', 'skip-bdb', section='mysqld', file='noval.ini', allow_no_value=True) }}]|{{ lookup('ini', 'user', section='mysqld', file='noval.ini', allow_no_value=True) }}"),
                ("ini-no-value-refused", "{{ lookup('ini', 'user', section='mysqld', file='noval.ini') }}"),
                ("csvfile", "{{ lookup('csvfile', 'Li file=elements.csv delimiter=,') }}|{{ lookup('csvfile', 'Li file=elements.csv delimiter=, col=2') }}|{{ lookup('csvfile', 'Li', file='elements.csv', delimiter=',', col='0') }}"),
                ("csvfile-quoted", "{{ lookup('csvfile', 'Be, the metal', file='elements.csv', delimiter=',', col=2) }}|[{{ lookup('csvfile', 'B', file='elements.csv', delimiter=',') }}]|{{ lookup('csvfile', 'long name', file='elements.csv', delimiter=',', col=-1) | length }}"),
                ("csvfile-tab-default", "{{ lookup('csvfile', 'a') }}|{{ lookup('csvfile', 'b col=2') }}|{{ lookup('csvfile', 'b', delimiter='\\t') }}"),
                ("csvfile-default", "[{{ lookup('csvfile', 'Zz file=elements.csv delimiter=,') }}]|{{ lookup('csvfile', 'Zz', file='elements.csv', delimiter=',', default='none') }}|{{ query('csvfile', 'Zz', file='elements.csv', delimiter=',') }}"),
                ("csvfile-col-out-of-range", "{{ lookup('csvfile', 'H file=elements.csv delimiter=, col=9') }}"),
                ("csvfile-bad-option", "{{ lookup('csvfile', 'H nope=1') }}"),
                ("subelements", "{% for u, g in lookup('subelements', users, 'groups', {'skip_missing': True}) %}{{ u.name }}:{{ g }}:{{ u | dictsort | map('first') | list }};{% endfor %}"),
                ("subelements-nested", "{% for u, k in query('subelements', users, 'auth.keys', {'skip_missing': True}) %}{{ u.name }}={{ k }}:{{ u.auth }};{% endfor %}|{{ query('subelements', users, 'auth.keys', {'skip_missing': True}) | length }}"),
                ("subelements-dict", "{{ query('subelements', byname, 'l') }}|{{ query('subelements', registered, 'l') }}|{{ byname.a.l }}"),
                ("subelements-keyword-is-no-flag", "{{ query('subelements', users, 'auth.keys', skip_missing=True) }}"),
                ("subelements-missing", "{{ query('subelements', users, 'groups') }}"),
                ("subelements-not-list", "{{ query('subelements', users, 'name') }}"),
                ("subelements-bad-terms", "{{ query('subelements', users) }}"),
                ("unvault-plain", "[{{ lookup('unvault', 'plain.txt') }}]|{{ query('unvault', 'files/plain.txt') }}"),
                ("unvault-missing", "{{ lookup('unvault', 'absent.txt') }}"),
                ("unvault-without-password", "{{ lookup('unvault', 'secret.vault') }}"),
                ("template-vaulted-without-password", "{{ lookup('template', 'vaulted.j2') }}"),
                ("password-no-file", "{{ lookup('password', '/dev/null') | length }}|{{ lookup('password', '/dev/null length=8 chars=digits') is match('^[0-9]{8}$') }}|{{ lookup('password', '/dev/null', length=5, chars=['ascii_lowercase']) is match('^[a-z]{5}$') }}|{{ lookup('password', '/dev/null chars=ascii_letters,digits,,') | length }}|{{ lookup('password', '/dev/null', chars='xy') is match('^[xy]{20}$') }}"),
                ("password-bad-parameter", "{{ lookup('password', '/dev/null lenght=5') }}"),
            };
            // Vault files: the peer has no vault secret, so both must refuse them as Ansible does.
            var files = new Dictionary<string, string>(Files);
            using (var secret = VaultSecret.FromPassword("lookup-vault-pw"))
            {
                files["files/secret.vault"] = VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("vaulted\n"), secret);
                files["templates/vaulted.j2"] = VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("{{ x }}\n"), secret);
            }
            return list.Select(c => new TemplateCase("lookups/" + c.Name, c.Template, Vars, files)).ToList();
        }

        /// <summary>The cases Ansible fails (ours must fail too); every other case must render, so a broken case cannot pass as two failures.</summary>
        private static readonly string[] ExpectedFailures =
        {
            "template-missing", "ini-case-duplicate", "ini-duplicate", "ini-no-section", "ini-no-section-header", "ini-missing-file", "ini-no-value-refused",
            "csvfile-col-out-of-range", "csvfile-bad-option", "subelements-keyword-is-no-flag", "subelements-missing", "subelements-not-list", "subelements-bad-terms", "unvault-missing", "unvault-without-password", "template-vaulted-without-password",
            "password-bad-parameter",
        };

        /// <summary>What Ansible and ours say of a vault without a secret (Ansible words it two ways).</summary>
        private static readonly string[] NoVaultSecret = { "A vault password", "must be specified to decrypt" };

        /// <summary>inventory_hostnames over a groups variable: every pattern form InventoryManager takes, and the errors that give [].</summary>
        [PeerFact("jinja2", "ansible")]
        public void InventoryHostnamesSelectsAsAnsiblesInventoryManager()
        {
            const string groups = "{\"groups\": {\"all\": [\"h1\", \"h2\", \"web1.hx.test\", \"db1\", \"lone\"], \"ungrouped\": [\"lone\"], \"web\": [\"web1.hx.test\", \"h1\"], \"db\": [\"db1\", \"h2\", \"h1\"], \"empty\": []}}";
            var patterns = new[]
            {
                "'all'", "'*'", "'web'", "'web:db'", "'db:web'", "'web:&db'", "'all:!web'", "'!web'", "'&db'", "'web,db'", "'web, !h1'", "'w*'", "'h?'", "'~w.*'", "'~h'",
                "'web[0]'", "'web[-1]'", "'all[1:2]'", "'all[1:]'", "'db[1-2]'", "'all[1:0]'", "'web[9]'", "'nosuch'", "'localhost'", "'127.0.0.1'", "'h1'", "'lone'",
                "'ungrouped'", "'empty'", "'db:&web:!h1'", "['web', 'db']", "'~['", "'h[12]'", "'h[!1]'", "'web1.hx.test:22'",
            };
            var cases = patterns.Select((p, i) => new TemplateCase("inventory-hostnames/" + i, "{{ query('inventory_hostnames', " + p + ") }}|{{ lookup('inventory_hostnames', " + p + ") }}", groups)).ToList();
            cases.Add(new TemplateCase("inventory-hostnames/no-groups", "{{ query('inventory_hostnames', 'all') }} {{ query('inventory_hostnames', 'localhost') }}", "{}"));
            var failures = DifferentialTests.Differences(cases, "hx-jinja-inventory-hostnames.txt");
            Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " cases differ:\n" + string.Join("\n\n", failures));
        }

        [PeerFact("jinja2", "ansible")]
        public void NewLookupsRenderLikeAnsible()
        {
            var cases = Cases();
            var peer = AnsiblePeer.RenderAll(cases);
            var work = Path.Combine(Path.GetTempPath(), "hx-lookups-" + System.Guid.NewGuid().ToString("N"));
            var failures = new List<string>();
            try
            {
                foreach (var c in cases)
                {
                    var expected = peer[c.Name];
                    if (expected.Ok == ExpectedFailures.Contains(c.Name.Substring("lookups/".Length)))
                        failures.Add(c.Name + "\n  ansible " + (expected.Ok ? "renders it, expected to fail: " + expected.Output : "fails, expected to render: " + expected.Error));
                    var (ok, text, _) = AnsiblePeer.RenderOurs(c, work);
                    if (c.Name.EndsWith("-without-password") && !NoVaultSecret.All(phrase => expected.Error.Contains(phrase) && text.Contains(phrase)))
                        failures.Add(c.Name + "\n  both must say '" + string.Join(" … ", NoVaultSecret) + "'\n  ansible: " + expected.Error + "\n  ours:    " + text);
                    if (ok != expected.Ok || (ok && text != expected.Output))
                        failures.Add(c.Name + "\n  ansible: " + (expected.Ok ? expected.Output : "ERROR " + expected.Error) + "\n  ours:    " + (ok ? text : "ERROR " + text));
                }
            }
            finally
            {
                Directory.Delete(work, true);
            }
            Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " cases differ:\n" + string.Join("\n\n", failures));
        }

        [Fact]
        public void VaultedFilesOpenWithTheSecretsOfTheRender()
        {
            var folder = Path.Combine(Path.GetTempPath(), "hx-lookups-vault-" + System.Guid.NewGuid().ToString("N"));
            using var secret = VaultSecret.FromPassword("lookup-vault-pw");
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "files"));
                Directory.CreateDirectory(Path.Combine(folder, "templates"));
                File.WriteAllText(Path.Combine(folder, "files", "secret.vault"), VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("vaulted\n"), secret));
                File.WriteAllText(Path.Combine(folder, "templates", "vaulted.j2"), VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("x={{ x }}\n"), secret));
                var vars = new PyDict { ["x"] = 7L, ["ansible_search_path"] = new List<object?> { folder } };
                var options = new TemplateOptions { VaultSecrets = new[] { secret } };
                Assert.Equal("[vaulted\n]|[x=7\n]", AnsibleTemplate.Render("[{{ lookup('unvault', 'secret.vault') }}]|[{{ lookup('template', 'vaulted.j2') }}]", vars, "<template>", options));
                using var wrong = VaultSecret.FromPassword("not-it");
                var e = Assert.Throws<TemplateRuntimeException>(() => AnsibleTemplate.Render("{{ lookup('unvault', 'secret.vault') }}", vars, "<template>", new TemplateOptions { VaultSecrets = new[] { wrong } }));
                Assert.DoesNotContain("vaulted", e.Message.Replace("secret.vault", ""));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Theory]
        [InlineData("variable_start_string='[%'", "variable_start_string='[%' (custom delimiters) is not supported")]
        [InlineData("comment_end_string='#]'", "comment_end_string='#]' (custom delimiters) is not supported")]
        [InlineData("template_vars=[1]", "template_vars: it must be a dict")]
        public void TemplateLookupOptionsItCannotHonourAreRefused(string option, string expected)
        {
            var e = Assert.Throws<TemplateRuntimeException>(() => AnsibleTemplate.Render("{{ lookup('template', 'x.j2', " + option + ") }}", new PyDict()));
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public void TemplateLookupThatLooksItselfUpIsStopped()
        {
            var folder = Path.Combine(Path.GetTempPath(), "hx-lookups-loop-" + System.Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "templates"));
                File.WriteAllText(Path.Combine(folder, "templates", "self.j2"), "{{ lookup('template', 'self.j2') }}");
                var vars = new PyDict { ["ansible_search_path"] = new List<object?> { folder } };
                var e = Assert.Throws<TemplateRuntimeException>(() => AnsibleTemplate.Render("{{ lookup('template', 'self.j2') }}", vars));
                Assert.Contains("recursive loop detected", e.Message);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
