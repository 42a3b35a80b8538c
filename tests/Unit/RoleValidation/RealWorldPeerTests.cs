using System.Collections.Generic;
using System.IO;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>
    /// What real roles rely on, against ansible-playbook applying the role with the template module: values templated as
    /// Ansible's Templar templates variables (backslashes escaped inside {{ }}, a value templated once), gathered facts from
    /// the jsonfile fact cache or the setup module's JSON (an extra ansible_facts winning), and the playbook folder's
    /// group_vars/ beside an inventory kept in a subfolder.
    /// </summary>
    public sealed class RealWorldPeerTests
    {
        private const string ExtraVars =
            "kube_version: v1.27.7\n" +
            "kube_major_version: \"{{ kube_version | regex_replace('^v([0-9])+\\\\.([0-9]+)\\\\.[0-9]+', 'v\\\\1.\\\\2') }}\"\n" +
            "tab_text: \"{{ 'x\\\\ty' }}\"\n" +
            "summary: '{% raw %}Instance {{ $labels.instance }} down{% endraw %}'\n" +
            "rules:\n  - alert: Down\n    annotations:\n      summary: '{% raw %}{{ $labels.job }} is down{% endraw %}'\n      note: \"{{ 'a\\\\tb' }}\"\n";

        private const string Template =
            "major={{ kube_major_version }}\nimage={{ pause_image }}\nminor={{ kube_minor }}\ntab={{ tab_text }}\nsummary={{ summary }}\n" +
            "joined={{ alert_line }}\nrules={{ rules | to_json }}\nfrom_group_vars={{ site_label }}|{{ site_shared }}|{{ site_host }}\n";

        /// <summary>Runs the role through ansible-playbook on hosts/production; the template's output for h1.</summary>
        private static string AnsibleRender(RoleTree tree, string extraVarsFile, IDictionary<string, string>? environment = null, string template = Template)
        {
            tree.Write("templates/out.txt.j2", template);
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: out.txt.j2\n    dest: \"{{ hx_out }}/{{ inventory_hostname }}.txt\"\n  delegate_to: localhost\n");
            var playbook = tree.Write("play.yml", "- hosts: h1\n  gather_facts: false\n  roles:\n    - real\n", tree.Root);
            var config = tree.Write("ansible.cfg", "", tree.Root);
            var peerOut = Path.Combine(tree.Root, "peer");
            Directory.CreateDirectory(peerOut);
            var env = new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config, ["ANSIBLE_ROLES_PATH"] = Path.Combine(tree.Root, "roles") };
            if (environment != null) foreach (var kv in environment) env[kv.Key] = kv.Value;
            var run = PeerProcess.Run("ansible-playbook", new[] { "-i", Path.Combine(tree.Root, "hosts", "production"), "-e", "@" + extraVarsFile, "-e", "hx_out=" + peerOut, playbook },
                workingDirectory: tree.Root, environment: env);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            return File.ReadAllText(Path.Combine(peerOut, "h1.txt"));
        }

        private static string OurRender(RoleTree tree, string extraVarsFile, string? factsPath = null, string output = "ours")
        {
            var extra = (PyDict)AnsibleYamlReader.Load(File.ReadAllText(extraVarsFile), extraVarsFile, ansibleStrings: true)!;
            var variables = HostVariables.Load(new VariableSources
            {
                RolePath = tree.Role,
                InventoryPath = Path.Combine(tree.Root, "hosts", "production"),
                PlaybookDirectory = tree.Root,
                HostName = "h1",
                ExtraVars = extra,
                FactsPath = factsPath,
            }, new SecretRedactor());
            var template = Assert.Single(TemplateFile.Find(tree.Role));
            var ours = new TemplateRenderer(variables).Render(template, Path.Combine(tree.Root, output), null, true);
            return File.ReadAllText(ours.OutputPath);
        }

        private static RoleTree Project()
        {
            var tree = new RoleTree("real");
            // A value computed by regex_replace with backreferences flows through two more variables.
            tree.Write("defaults/main.yml",
                "kube_minor: \"{{ kube_major_version | regex_replace('^v\\\\d+\\\\.(\\\\d+)$', '\\\\1') }}\"\n" +
                "pause_image: \"registry.k8s.io/pause:{{ kube_major_version }}.{{ kube_minor }}\"\n" +
                "alert_line: \"{{ summary }} ({{ kube_major_version }})\"\n");
            tree.Write("hosts/production", "[web]\nh1 ansible_connection=local\nh2 ansible_connection=local\n", tree.Root);
            tree.Write("hosts/group_vars/all.yml", "site_label: inventory all\nsite_shared: inventory all\nsite_host: inventory all\n", tree.Root);
            // The project keeps group_vars/ and host_vars/ at its root, beside the playbook, not beside hosts/.
            tree.Write("group_vars/all.yml", "site_label: playbook all\nsite_shared: playbook all\n", tree.Root);
            tree.Write("group_vars/web.yml", "site_shared: playbook web\n", tree.Root);
            tree.Write("host_vars/h1.yml", "site_host: playbook h1\n", tree.Root);
            return tree;
        }

        [PeerFact("ansible-playbook")]
        public void Values_render_as_ansible_playbook_renders_them()
        {
            using var tree = Project();
            var extra = tree.Write("extra.yml", ExtraVars, tree.Root);
            var expected = AnsibleRender(tree, extra);
            Assert.Contains("major=v1.27\n", expected);
            Assert.Contains("summary=Instance {{ $labels.instance }} down\n", expected);
            Assert.Equal(expected, OurRender(tree, extra));
        }

        private const string FactsTemplate =
            "family={{ ansible_facts.os_family }}|{{ ansible_os_family }}\ncpus={{ ansible_processor_count * 2 }}\n" +
            "mounts={% for m in ansible_facts.mounts %}{{ m.mount }}:{{ m.size_total }};{% endfor %}\n" +
            "host={{ ansible_facts.host | default('-') }}\n" +
            "interp={{ ansible_python_interpreter | default('none') }}|{{ ansible_facts.python_interpreter | default('none') }}|{{ discovered_interpreter_python }}\n" +
            "key={{ ansible_ssh_host_key_rsa_public }}|local={{ ansible_local.app.version }}|{{ ansible_facts.ansible_local | default('none') }}\n" +
            "nested={{ ansible_facts.nested }}|{{ ansible_nested }}\nother={{ hostvars['h2'].ansible_facts }}|{{ hostvars['h1'].ansible_facts.os_family }}\n" +
            "keys={{ ansible_facts.keys() | sort | join(',') }}\n";

        private const string Facts =
            "{\"ansible_os_family\": \"Debian\", \"ansible_processor_count\": 4, \"ansible_mounts\": [{\"mount\": \"/\", \"size_total\": 1000}, {\"mount\": \"/srv\", \"size_total\": 20}], " +
            "\"ansible_host\": \"10.9.9.9\", \"ansible_python_interpreter\": \"/usr/bin/python9\", \"discovered_interpreter_python\": \"/usr/bin/python3\", " +
            "\"ansible_ssh_host_key_rsa_public\": \"AAAAB3\", \"ansible_local\": {\"app\": {\"version\": \"1.2\"}}, " +
            "\"ansible_nested\": {\"_ansible_no_log\": false, \"kept\": [1, {\"_ansible_x\": 1, \"y\": 2}]}, \"module_setup\": true}";

        [PeerFact("ansible-playbook")]
        public void Facts_from_the_fact_cache_or_the_setup_module_render_as_ansible_playbook_renders_them()
        {
            using var tree = Project();
            var extra = tree.Write("extra.yml", "{}\n", tree.Root);
            var cache = Path.Combine(tree.Root, "facts");
            tree.Write("facts/h1", Facts, tree.Root);
            var expected = AnsibleRender(tree, extra, new Dictionary<string, string> { ["ANSIBLE_CACHE_PLUGIN"] = "jsonfile", ["ANSIBLE_CACHE_PLUGIN_CONNECTION"] = cache }, FactsTemplate);
            Assert.Contains("family=Debian|Debian\n", expected);
            Assert.Equal(expected, OurRender(tree, extra, cache));
            var setup = tree.Write("setup.json", "{\"ansible_facts\": " + Facts + ", \"changed\": false}", tree.Root);
            Assert.Equal(expected, OurRender(tree, extra, setup, "ours-setup"));
        }

        [PeerFact("ansible-playbook")]
        public void An_extra_ansible_facts_wins_over_the_gathered_ones()
        {
            using var tree = Project();
            var extra = tree.Write("extra.yml", "ansible_facts:\n  os_family: Given\n  mounts: []\n", tree.Root);
            var cache = Path.Combine(tree.Root, "facts");
            tree.Write("facts/h1", Facts, tree.Root);
            const string template = "{{ ansible_facts.os_family }}|{{ ansible_os_family }}|{{ ansible_facts.mounts | length }}|{{ ansible_facts.keys() | sort | join(',') }}\n";
            var expected = AnsibleRender(tree, extra, new Dictionary<string, string> { ["ANSIBLE_CACHE_PLUGIN"] = "jsonfile", ["ANSIBLE_CACHE_PLUGIN_CONNECTION"] = cache }, template);
            Assert.StartsWith("Given|Debian|0|", expected);
            Assert.Equal(expected, OurRender(tree, extra, cache));
            // Without gathered facts, the extra variable is all there is.
            var alone = AnsibleRender(tree, extra, null, "{{ ansible_facts }}\n");
            Assert.Equal(alone, OurRender(tree, extra, null, "ours-alone"));
        }

        [Fact]
        public void Facts_holding_jinja_markers_are_refused_by_name()
        {
            using var tree = Project();
            var setup = tree.Write("setup.json", "{\"ansible_facts\": {\"ansible_motd\": \"{{ not templated by Ansible }}\"}}", tree.Root);
            var error = Assert.Throws<HxException>(() => HostFacts.Read(setup, "h1"));
            Assert.Equal("FactsHoldTemplateMarkers", error.ErrorId);
        }
    }
}
