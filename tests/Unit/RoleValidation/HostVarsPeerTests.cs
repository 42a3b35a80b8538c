using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>
    /// hostvars and the magic variables, checked against ansible-playbook applying the same role to every inventory
    /// host in one run (hosts: all, connection local): each host's rendered files must match ours byte for byte.
    /// </summary>
    public sealed class HostVarsPeerTests
    {
        private static readonly string[] Hosts = { "web1.example.com", "web2", "db1" };

        private static readonly Dictionary<string, string> Templates = new Dictionary<string, string>
        {
            ["hostvars.j2"] =
                "{% for h in groups['all'] | sort %}\n" +
                "{{ h }} {{ hostvars[h].ansible_host }} {{ hostvars[h]['inventory_hostname_short'] }} {{ hostvars[h].group_names }} {{ hostvars[h].tier | default('-') }}\n" +
                "{% endfor %}\n" +
                "{{ hostvars['web2'].greeting }} {{ hostvars['web2'].nested }} {{ hostvars['nope'] | default('no such host') }} {{ hostvars['db1'].db_port }}\n" +
                "{{ hostvars | type_debug }} {{ hostvars['web2'] | type_debug }} {{ 'db1' in hostvars }} {{ 'zz' in hostvars }} {{ hostvars is defined }}\n" +
                "{{ hostvars | default('hidden') is mapping }} {{ backends }} {{ hostvars[inventory_hostname].upstream | default('-') }} {{ hostvars.db1.domain }}\n" +
                "{{ hostvars['web1.example.com'] | list | reject('in', ['ansible_config_file', 'ansible_playbook_python']) | sort }}\n" +
                "{{ hostvars['db1'].omit == omit }} {{ hostvars['db1'].groups == groups }} {{ hostvars['db1'].hx_out == hx_out }}\n",
            ["magic.j2"] =
                "{{ inventory_hostname }} {{ inventory_hostname_short }} {{ group_names }}\n" +
                "{% for g, members in groups | dictsort %}{{ g }}={{ members | sort }} {% endfor %}\n" +
                "{{ ansible_play_hosts }} {{ ansible_play_hosts_all }} {{ ansible_play_batch }} {{ play_hosts }}\n" +
                "{{ ansible_check_mode }} {{ ansible_diff_mode }} {{ ansible_forks }} {{ ansible_verbosity }} {{ ansible_run_tags }} {{ ansible_skip_tags }} {{ ansible_facts }}\n" +
                "{{ ansible_version }} {{ ansible_inventory_sources }} {{ inventory_dir }} {{ inventory_file }}\n" +
                "{{ playbook_dir }} {{ role_name }} {{ role_path }}\n" +
                "{{ omit is string }} {{ omit | length }} {{ omit.startswith('__omit_place_holder__') }} {{ missing_option | default(omit) == omit }}\n" +
                "{{ template_path }} {{ template_fullpath }} {{ template_destpath }} {{ template_host }} {{ template_uid }}\n" +
                "{{ template_run_date | type_debug }} {{ template_mtime | type_debug }} {{ template_run_date.year > 2000 }} {{ ansible_managed }}\n",
        };

        [PeerFact("ansible-playbook")]
        public void Hostvars_and_magic_variables_render_like_ansible_playbook()
        {
            using var tree = new RoleTree("web");
            tree.Write("defaults/main.yml", "role_default: 1\nbackends: \"{{ groups['web'] | map('extract', hostvars, 'ansible_host') | list }}\"\n");
            foreach (var t in Templates) tree.Write("templates/" + t.Key, t.Value);
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: \"{{ item }}\"\n    dest: \"{{ hx_out }}/{{ inventory_hostname }}/{{ item }}\"\n  loop: \"{{ hx_templates }}\"\n");
            var inventory = tree.Write("inventory/hosts.ini",
                "[web]\nweb1.example.com ansible_host=127.0.0.11 http_port=8080\nweb2 ansible_host=127.0.0.12\n\n[db]\ndb1 ansible_host=127.0.0.21 db_port=5432\n\n" +
                "[app:children]\nweb\n\n[all:vars]\ndomain=example.test\n", tree.Root);
            tree.Write("inventory/group_vars/web.yml", "tier: \"{{ inventory_hostname }}-tier\"\nupstream: \"{{ ansible_host }}:{{ http_port | default(80) }}\"\n", tree.Root);
            tree.Write("inventory/host_vars/web2.yml", "greeting: \"hi {{ undefined_thing }}\"\nnested:\n  a: \"{{ inventory_hostname_short }}\"\n  b: [1, \"{{ domain }}\"]\n", tree.Root);
            var playbook = tree.Write("play.yml", "- hosts: all\n  gather_facts: false\n  roles:\n    - web\n", tree.Root);
            var peerOut = Path.Combine(tree.Root, "peer");
            foreach (var h in Hosts) Directory.CreateDirectory(Path.Combine(peerOut, h));
            var extra = new PyDict { ["hx_out"] = peerOut, ["hx_templates"] = Templates.Keys.Cast<object?>().ToList() };
            var run = PeerProcess.Run("ansible-playbook", new[] { "-i", inventory, "-c", "local", "-e", PyJson.Dumps(extra), playbook },
                environment: new Dictionary<string, string> { ["ANSIBLE_ROLES_PATH"] = Path.Combine(tree.Root, "roles"), ["ANSIBLE_PYTHON_INTERPRETER"] = Peers.Python });
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);

            foreach (var host in Hosts)
            {
                var variables = HostVariables.Load(new VariableSources { RolePath = tree.Role, InventoryPath = inventory, HostName = host, ExtraVars = extra }, new SecretRedactor());
                var renderer = new TemplateRenderer(variables);
                foreach (var template in TemplateFile.Find(tree.Role))
                {
                    var destination = Path.Combine(peerOut, host, template.Name);
                    var expected = File.ReadAllText(destination);
                    var (text, _) = renderer.RenderText(template, destination);
                    Assert.True(expected == text, host + " " + template.Name + "\nansible:\n" + expected + "\nours:\n" + text);
                }
            }
        }
    }
}
