using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.IO;
using HxLiteLLM.Remote;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>
    /// The play context's connection variables (ansible_host, ansible_connection, ansible_user, ansible_port...) and the
    /// play's host lists, checked against ansible-playbook's template module: a play on a group, then a play on all hosts
    /// with --limit; each targeted host's rendered file must match ours byte for byte, undefined where Ansible leaves it so.
    /// </summary>
    public sealed class PlayContextPeerTests
    {
        private const string Template =
            "{{ ansible_host }} {{ ansible_connection }} {{ ansible_user | default('UNDEF') }} {{ ansible_port | default('UNDEF') }} {{ ansible_user is defined }} {{ ansible_port is defined }}\n" +
            "{{ ansible_shell_executable }} {{ ansible_shell_type }} {{ ansible_pipelining }} {{ ansible_timeout }} {{ ansible_module_compression }} {{ ansible_private_key_file | default('UNDEF') }}\n" +
            "{{ ansible_ssh_host | default('UNDEF') }} {{ ansible_password | default('UNDEF') }} {{ ansible_python_interpreter | default('UNDEF') }} {{ ansible_become | default('UNDEF') }}\n" +
            "{{ ansible_host | type_debug }} {{ ansible_port | default(0) | type_debug }} {{ ansible_timeout | type_debug }} {{ ansible_pipelining | type_debug }}\n" +
            "{{ ansible_play_hosts }} {{ ansible_play_hosts_all }} {{ ansible_play_batch }} {{ play_hosts }}\n" +
            "{{ groups['all'] }} {{ groups['web'] }} {{ hostvars['web1'].ansible_host | default('UNDEF') }}\n" +
            "{{ upstream }}\n";

        private const string Inventory =
            "[db]\ndb1 ansible_connection=local ansible_ssh_host=127.0.0.31\n\n" +
            "[web]\nweb2 ansible_host=127.0.0.12 ansible_user=deploy ansible_port=2222\nweb1\nweb3 ansible_ssh_user=legacy ansible_ssh_port=2200\n";

        public static IEnumerable<object?[]> Plays => new[]
        {
            // A play on a group: its hosts in the group's order, whatever ansible.cfg says.
            new object?[] { "web", null, "" },
            // Every host with a subset selected (--limit): the play's hosts are the selected ones only.
            new object?[] { "all", new[] { "web1", "db1" }, "" },
            // ansible.cfg's connection defaults fill what the inventory leaves open.
            new object?[] { "web", null, "[defaults]\nremote_user = alice\nremote_port = 2201\ntimeout = 30\nprivate_key_file = keys/id_ed25519\nexecutable = /bin/bash\npipelining = true\n" },
        };

        [PeerTheory("ansible-playbook")]
        [MemberData(nameof(Plays))]
        public void Connection_and_play_host_variables_render_like_ansible_playbook(string playGroup, string[]? limit, string ansibleCfg)
        {
            using var tree = new RoleTree("web");
            var config = tree.Write("ansible.cfg", ansibleCfg, tree.Root);
            // The local connection plugin, chosen the way ansible.cfg's transport would choose it: by its variable.
            var environment = new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config, ["ANSIBLE_TRANSPORT"] = "local" };
            AssertRendersLikeAnsiblePlaybook(tree, Inventory, playGroup, limit, limit ?? new[] { "web2", "web1", "web3" }, environment);
        }

        /// <summary>The default connection (ssh, to the loopback sshd): ansible_connection is "ssh", user, port and key come from ansible.cfg.</summary>
        [FixtureFact("ssh")]
        public void Connection_variables_of_the_default_ssh_connection_render_like_ansible_playbook()
        {
            using var tree = new RoleTree("web");
            var config = tree.Write("ansible.cfg",
                "[defaults]\nremote_user = " + FixturePeers.SshUser + "\nremote_port = " + FixturePeers.SshPort + "\nprivate_key_file = " + FixturePeers.SshKey + "\n\n" +
                "[ssh_connection]\nssh_args = -o UserKnownHostsFile=" + FixturePeers.SshKnownHosts + " -o StrictHostKeyChecking=yes\n", tree.Root);
            AssertRendersLikeAnsiblePlaybook(tree, "[web]\n127.0.0.1\n", "web", null, new[] { "127.0.0.1" }, new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config });
        }

        private static void AssertRendersLikeAnsiblePlaybook(RoleTree tree, string inventoryText, string playGroup, string[]? limit, string[] targeted, Dictionary<string, string> environment)
        {
            tree.Write("templates/context.j2", Template);
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: context.j2\n    dest: \"{{ hx_out }}/{{ inventory_hostname }}/context\"\n");
            var inventory = tree.Write("inventory/hosts.ini", inventoryText, tree.Root);
            tree.Write("inventory/group_vars/all.yml", "upstream: \"{{ ansible_host }}:{{ ansible_port | default(4000) }}\"\n", tree.Root);
            var playbook = tree.Write("play.yml", "- hosts: " + playGroup + "\n  gather_facts: false\n  roles:\n    - web\n", tree.Root);
            var peerOut = Path.Combine(tree.Root, "peer");
            foreach (var h in targeted)
            {
                // Over ssh the peer's user writes the file.
                var folder = Directory.CreateDirectory(Path.Combine(peerOut, h));
                UnixPermissions.Set(folder.FullName, 0x1FF);
            }
            var extra = new PyDict { ["hx_out"] = peerOut };
            environment["ANSIBLE_ROLES_PATH"] = Path.Combine(tree.Root, "roles");
            environment["ANSIBLE_PYTHON_INTERPRETER"] = Peers.Python;
            var arguments = new List<string> { "-i", inventory, "-e", PyJson.Dumps(extra), playbook };
            if (limit != null) arguments.InsertRange(0, new[] { "--limit", string.Join(",", limit) });
            var run = PeerProcess.Run("ansible-playbook", arguments.ToArray(), environment: environment);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);

            var ours = AnsibleConfig.Load(tree.Root, name => environment.TryGetValue(name, out var value) ? value : null, home: tree.Root);
            foreach (var host in targeted)
            {
                var variables = HostVariables.Load(new VariableSources
                {
                    RolePath = tree.Role,
                    InventoryPath = inventory,
                    HostName = host,
                    ExtraVars = extra,
                    PlayGroup = playGroup,
                    Limit = limit,
                    AnsibleConfig = ours,
                }, new SecretRedactor());
                var template = TemplateFile.Find(tree.Role).Single();
                var destination = Path.Combine(peerOut, host, "context");
                var expected = File.ReadAllText(destination);
                var (text, _) = new TemplateRenderer(variables).RenderText(template, destination);
                Assert.True(expected == text, host + "\nansible:\n" + expected + "\nours:\n" + text);
            }
        }
    }
}
