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
    /// The variables a task of a role sees about its role (role_name, ansible_role_name, ansible_collection_name, role_uuid,
    /// the play's role lists with the role's dependencies), checked against ansible-playbook's template module.
    /// </summary>
    public sealed class RoleContextPeerTests
    {
        private const string Template =
            "{{ role_name }} {{ ansible_role_name }} {{ ansible_collection_name }} {{ role_path | basename }}\n" +
            "{{ role_names }} {{ ansible_play_role_names }} {{ ansible_role_names | sort }} {{ ansible_dependent_role_names | sort }}\n" +
            "{{ role_uuid is string }} {{ role_uuid | length }} {{ role_uuid | regex_search('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') is string }}\n" +
            "{{ ansible_role_name | type_debug }}\n";

        [PeerTheory("ansible-playbook")]
        [InlineData("dependencies: []\n")]
        [InlineData("dependencies:\n  - common\n  - role: tls\n    vars:\n      x: 1\n")]
        public void Role_context_variables_render_like_ansible_playbook(string dependencies)
        {
            using var tree = new RoleTree("web");
            tree.Write("meta/main.yml", "---\ngalaxy_info:\n  author: x\n" + dependencies);
            foreach (var dependency in new[] { "common", "tls" }) tree.Write("roles/" + dependency + "/tasks/main.yml", "---\n- ansible.builtin.meta: noop\n", tree.Root);
            tree.Write("templates/context.j2", Template);
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: context.j2\n    dest: \"{{ hx_out }}\"\n");
            var playbook = tree.Write("play.yml", "- hosts: localhost\n  gather_facts: false\n  roles:\n    - web\n", tree.Root);
            var destination = Path.Combine(tree.Root, "peer.txt");
            var extra = new PyDict { ["hx_out"] = destination };
            var run = PeerProcess.Run("ansible-playbook", new[] { "-i", "localhost,", "-c", "local", "-e", PyJson.Dumps(extra), playbook },
                environment: new System.Collections.Generic.Dictionary<string, string>
                {
                    ["ANSIBLE_ROLES_PATH"] = Path.Combine(tree.Root, "roles"),
                    ["ANSIBLE_PYTHON_INTERPRETER"] = Peers.Python,
                });
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);

            var variables = HostVariables.Load(new VariableSources { RolePath = tree.Role, ExtraVars = extra }, new SecretRedactor());
            var (text, _) = new TemplateRenderer(variables).RenderText(TemplateFile.Find(tree.Role).Single(t => t.Name.EndsWith("context.j2")), destination);
            Assert.Equal(File.ReadAllText(destination), text);
        }
    }
}
