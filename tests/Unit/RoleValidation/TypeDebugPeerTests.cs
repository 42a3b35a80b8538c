using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>
    /// type_debug names the class a value really has in Ansible, which depends on where it came from (YAML files give
    /// AnsibleUnicode strings, an INI inventory and -e give str, !vault gives AnsibleVaultEncryptedUnicode) and on what
    /// the template did to it since: checked against ansible-playbook rendering the same role for the same host.
    /// </summary>
    public sealed class TypeDebugPeerTests
    {
        private const string Template =
            "role_defaults: str={{ d_str | type_debug }} int={{ d_int | type_debug }} float={{ d_float | type_debug }} bool={{ d_bool | type_debug }} null={{ d_null | type_debug }} empty={{ d_empty | type_debug }} date={{ d_date | type_debug }} block={{ d_block | type_debug }} quoted={{ d_quoted | type_debug }}\n" +
            "containers: map={{ d_map | type_debug }} list={{ d_list | type_debug }} map.b={{ d_map.b | type_debug }} list[1]={{ d_list[1] | type_debug }} key={{ d_map.keys() | first | type_debug }} nested={{ d_nested.k | type_debug }} {{ d_nested.k[1] | type_debug }} {{ d_nested.k[1].z | type_debug }} {{ d_nested.k[1].keys() | list | first | type_debug }}\n" +
            "templated: str={{ d_tmpl | type_debug }} int={{ d_tmpl_int | type_debug }} map={{ d_tmpl_map | type_debug }} text={{ d_tmpl_text | type_debug }} anchor={{ d_alias | type_debug }}\n" +
            "role_vars: str={{ v_str | type_debug }} map={{ v_map | type_debug }} vault={{ v_secret | type_debug }}\n" +
            "ini: str={{ i_str | type_debug }} int={{ i_int | type_debug }} quoted={{ i_q | type_debug }} list={{ i_list | type_debug }} list[0]={{ i_list[0] | type_debug }} bool={{ i_bool | type_debug }} group={{ g_ini | type_debug }} group_int={{ g_ini_int | type_debug }} connection={{ ansible_connection | type_debug }}\n" +
            "yaml_inventory_vars: group={{ gv_str | type_debug }} map={{ gv_map | type_debug }} list={{ gv_list | type_debug }} host={{ hv_str | type_debug }} vault={{ gv_secret | type_debug }} dir={{ gd_str | type_debug }} json={{ gj_str | type_debug }}\n" +
            "hostvars: {{ hostvars['h2'].h2_str | type_debug }} {{ hostvars['h2'].h2_map | type_debug }} {{ hostvars['h2'].h2_map.q | type_debug }} {{ hostvars['h2'].gv_str | type_debug }} {{ hostvars['h2'].ansible_connection | type_debug }} {{ hostvars['h2'].gv_secret | type_debug }}\n" +
            "literals: {{ 'x' | type_debug }} {{ '' | type_debug }} {{ 1 | type_debug }} {{ [1] | type_debug }} {{ {'a': 1} | type_debug }}\n" +
            "magic: {{ inventory_hostname | type_debug }} {{ group_names[0] | type_debug }} {{ role_name | type_debug }} {{ role_path | type_debug }} {{ omit | type_debug }} {{ playbook_dir | type_debug }} {{ groups.web[0] | type_debug }}\n" +
            "extra: {{ e_str | type_debug }} {{ e_int | type_debug }}\n" +
            "kept: default={{ d_str | default('z') | type_debug }} ternary={{ true | ternary(d_str, 1) | type_debug }} mandatory={{ d_str | mandatory | type_debug }} first={{ d_list | last | type_debug }} sort={{ [d_str] | sort | first | type_debug }} unique={{ [d_str] | unique | first | type_debug }} min={{ [d_str] | min | type_debug }} if={{ (d_str if true else 1) | type_debug }} items={% for k, v in d_map.items() %}{{ k | type_debug }}:{{ v | type_debug }},{% endfor %} loop={% for x in d_list %}{{ x | type_debug }},{% endfor %}{% set s = d_str %} set={{ s | type_debug }} vault_default={{ v_secret | default('') | type_debug }} vault_first={{ [v_secret] | first | type_debug }}\n" +
            "string_ops: lower={{ d_str | lower | type_debug }} upper={{ d_str | upper | type_debug }} upper_lower={{ d_str | upper | lower | type_debug }} trim={{ d_str | trim | type_debug }} replace={{ d_str | replace('zz', 'y') | type_debug }} regex_replace={{ d_str | regex_replace('zz', 'y') | type_debug }} split={{ d_str | split(',') | first | type_debug }} join={{ [d_str] | join | type_debug }} join_sep={{ [d_str] | join(',') | type_debug }} center={{ d_str | center(1) | type_debug }} wordwrap={{ d_str | wordwrap | type_debug }} indent={{ d_str | indent | type_debug }} capitalize={{ d_str | capitalize | type_debug }} title={{ d_str | title | type_debug }} reverse={{ d_str | reverse | type_debug }} basename={{ d_str | basename | type_debug }} realpath={{ d_str | realpath | type_debug }} json={{ d_str | to_json | from_json | type_debug }} regex_search={{ d_str | regex_search('.*') | type_debug }} urlencode={{ d_str | urlencode | type_debug }} b64={{ d_str | b64encode | b64decode | type_debug }} vault_lower={{ v_secret | lower | type_debug }} empty_lower={{ d_empty | lower | type_debug }}\n" +
            "string_kept: format={{ d_str | format | type_debug }} truncate={{ d_str | truncate(100) | type_debug }} quote={{ d_str | quote | type_debug }} expanduser={{ d_str | expanduser | type_debug }} splitext={{ d_str | splitext | first | type_debug }}\n" +
            "string_made: string={{ d_str | string | type_debug }} escape={{ d_str | e | type_debug }}\n" +
            "methods: split={{ d_str.split(',')[0] | type_debug }} slice={{ d_str[:] | type_debug }} slice0={{ d_str[0:] | type_debug }} strip={{ d_str.strip() | type_debug }} lower={{ d_str.lower() | type_debug }} replace={{ d_str.replace('zz', 'y') | type_debug }} title={{ d_str.title() | type_debug }} format={{ '{}'.format(d_str) | type_debug }}\n" +
            "operators: concat_right={{ (d_str ~ '') | type_debug }} concat_left={{ ('' ~ d_str) | type_debug }} plus={{ (d_str + '') | type_debug }} percent={{ ('%s' % d_str) | type_debug }} empty_concat={{ ('' ~ d_empty) | type_debug }} vault_concat={{ (v_secret ~ '') | type_debug }}\n";

        private const string VaultPassword = "types-pass";

        [PeerFact("ansible-playbook")]
        public void Type_debug_names_the_class_each_source_gives_in_ansible_playbook()
        {
            using var tree = new RoleTree("types");
            using var secret = VaultSecret.FromPassword(VaultPassword);
            tree.Write("defaults/main.yml",
                "d_str: hello\nd_int: 3\nd_float: 1.5\nd_bool: true\nd_null:\nd_empty: \"\"\nd_date: 2020-01-01\nd_block: |\n  text\nd_quoted: 'q'\n" +
                "d_map: {a: 1, b: x}\nd_list: [1, x]\nd_nested: {k: [y, {z: w}]}\n" +
                "d_tmpl: \"{{ d_str }}\"\nd_tmpl_int: \"{{ d_int }}\"\nd_tmpl_map: \"{{ d_map }}\"\nd_tmpl_text: \"{{ d_str }}!\"\nd_anchor: &a anchored\nd_alias: *a\n");
            tree.Write("vars/main.yml", "v_str: vv\nv_map: {a: 1}\n" + VaultString.Encrypt("v_secret", "Secret", secret) + "\n");
            var inventory = tree.Write("inventory/hosts.ini",
                "[web]\nh1 ansible_connection=local i_str=abc i_int=5 i_q=\"quoted\" i_list=\"['a', 2]\" i_bool=True\nh2 ansible_connection=local\n\n[web:vars]\ng_ini=gi\ng_ini_int=7\n", tree.Root);
            tree.Write("inventory/group_vars/web.yml", "gv_str: gs\ngv_map: {a: 1}\ngv_list: [a]\n" + VaultString.Encrypt("gv_secret", "GroupSecret", secret) + "\n", tree.Root);
            tree.Write("inventory/group_vars/all/main.yml", "gd_str: from a folder\n", tree.Root);
            tree.Write("inventory/group_vars/all/json.json", "{\"gj_str\": \"from JSON\"}\n", tree.Root);
            tree.Write("inventory/host_vars/h1.yml", "hv_str: hs\n", tree.Root);
            tree.Write("inventory/host_vars/h2.yml", "h2_str: other\nh2_map: {q: r}\n", tree.Root);

            var (peer, ours) = RenderBoth(tree, Template, inventory, "h1", secret, "e_str=es e_int=4", new PyDict { ["e_str"] = "es", ["e_int"] = "4" });
            Assert.Equal(peer.Text, ours());
        }

        /// <summary>Jinja's messages name the class with its module: 'ansible.parsing.yaml.objects.AnsibleUnicode object'.</summary>
        [PeerTheory("ansible-playbook")]
        [InlineData("d_str.foo")]
        [InlineData("v_secret.foo")]
        [InlineData("(d_str | to_json).foo")]
        [InlineData("d_date.foo")]
        [InlineData("(d_str | lower).foo")]
        public void Undefined_attribute_messages_name_the_class_as_ansible_playbook_does(string expression)
        {
            using var tree = new RoleTree("types");
            using var secret = VaultSecret.FromPassword(VaultPassword);
            tree.Write("defaults/main.yml", "d_str: hello\nd_date: 2020-01-01\n" + VaultString.Encrypt("v_secret", "Secret", secret) + "\n");
            var inventory = tree.Write("inventory/hosts.ini", "h1 ansible_connection=local\n", tree.Root);

            var (peer, ours) = RenderBoth(tree, "{{ " + expression + " }}\n", inventory, "h1", secret);
            var peerMessage = Regex.Match(peer.Output, "AnsibleUndefinedVariable: ('[^']+' has no attribute 'foo')");
            Assert.True(peerMessage.Success, peer.Output);
            Assert.Contains(peerMessage.Groups[1].Value, Assert.Throws<HxException>(() => ours()).Message);
        }

        [PeerFact("ansible-playbook")]
        public void Type_debug_of_yaml_inventory_values_and_names_matches_ansible_playbook()
        {
            using var tree = new RoleTree("types");
            using var secret = VaultSecret.FromPassword(VaultPassword);
            var inventory = tree.Write("inventory/hosts.yml",
                "all:\n  children:\n    web:\n      hosts:\n        h1.example:\n          ansible_connection: local\n          y_str: ys\n          y_map: {k: v}\n      vars:\n        yg_str: ygs\n", tree.Root);

            var (peer, ours) = RenderBoth(tree,
                "host={{ y_str | type_debug }} nested={{ y_map.k | type_debug }} key={{ y_map.keys() | first | type_debug }} group={{ yg_str | type_debug }} connection={{ ansible_connection | type_debug }}\n" +
                "names: {{ inventory_hostname | type_debug }} {{ inventory_hostname_short | type_debug }} {{ group_names[0] | type_debug }} {{ groups.web[0] | type_debug }}\n",
                inventory, "h1.example", secret);
            Assert.Equal(peer.Text, ours());
        }

        /// <summary>
        /// The role's one template rendered for one host by ansible-playbook (its output, or the run's output when it
        /// failed), and by us on demand (which throws where the template fails).
        /// </summary>
        private static ((string Text, string Output) Peer, System.Func<string> Ours) RenderBoth(
            RoleTree tree, string template, string inventory, string host, VaultSecret secret, string peerExtraVars = "", PyDict? ourExtraVars = null)
        {
            tree.Write("templates/types.j2", template);
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: types.j2\n    dest: \"{{ hx_out }}/types.txt\"\n");
            var passFile = tree.Write("pass", VaultPassword + "\n", tree.Root);
            var playbook = tree.Write("play.yml", "- hosts: " + host + "\n  gather_facts: false\n  roles:\n    - types\n", tree.Root);
            var config = tree.Write("ansible.cfg", "", tree.Root);
            var peerOut = Path.Combine(tree.Root, "peer");
            Directory.CreateDirectory(peerOut);
            var arguments = new List<string> { "-i", inventory, "--vault-password-file", passFile, "-e", "hx_out=" + peerOut, playbook };
            if (peerExtraVars.Length > 0) arguments.InsertRange(0, new[] { "-e", peerExtraVars });
            var run = PeerProcess.Run("ansible-playbook", arguments.ToArray(),
                environment: new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config, ["ANSIBLE_ROLES_PATH"] = Path.Combine(tree.Root, "roles"), ["ANSIBLE_PYTHON_INTERPRETER"] = Peers.Python });
            var destination = Path.Combine(peerOut, "types.txt");
            var peerText = File.Exists(destination) ? File.ReadAllText(destination) : "";
            Assert.True(run.ExitCode == 0 || peerText.Length == 0, run.StdOut + run.StdErr);

            var extra = new PyDict { ["hx_out"] = peerOut };
            if (ourExtraVars != null) foreach (var kv in ourExtraVars) extra[kv.Key] = kv.Value;
            var variables = HostVariables.Load(new VariableSources { RolePath = tree.Role, InventoryPath = inventory, HostName = host, ExtraVars = extra, VaultSecrets = new[] { secret } }, new SecretRedactor());
            var file = Assert.Single(TemplateFile.Find(tree.Role));
            return ((peerText, run.StdOut + run.StdErr), () => new TemplateRenderer(variables).RenderText(file, destination).Text);
        }
    }
}
