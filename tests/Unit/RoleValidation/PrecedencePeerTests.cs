using System.Collections.Generic;
using System.IO;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>
    /// Variable precedence, lazy templating of variables, their result typing and inline vault values, checked against
    /// ansible-playbook rendering the same role for the same host in one run.
    /// </summary>
    public sealed class PrecedencePeerTests
    {
        private const string Template =
            "default={{ v_default }}\ngroup={{ v_group }}\nhost={{ v_host }}\nrolevars={{ v_rolevars }}\nextra={{ v_extra }}\n" +
            "lazy={{ v_lazy }}\nobj={{ v_obj }}\nobj_port={{ v_obj.port + 1 }}\nlist_len={{ v_list_text | length }}\n" +
            "port_text_is_string={{ v_port_text is string }}\nsecret={{ v_secret }}\nderived={{ v_derived }}\n" +
            "host={{ inventory_hostname }} groups={{ group_names }} role={{ role_name }}\n" +
            "{% if v_missing is defined %}never{% endif %}\n";

        [PeerFact("ansible-playbook")]
        public void Renders_like_ansible_playbook_with_every_variable_layer()
        {
            using var tree = new RoleTree("prec");
            using var secret = VaultSecret.FromPassword("prec-pass");
            tree.Write("defaults/main.yml",
                "v_default: defaults\nv_group: defaults\nv_host: defaults\nv_rolevars: defaults\nv_extra: defaults\nv_root: /opt/app\n" +
                "v_lazy: \"{{ v_root }}/venv\"\nv_obj: \"{{ {'port': v_port, 'on': true} }}\"\nv_list_text: \"{{ [1, 2] }}\"\nv_port: 4000\n" +
                "v_port_text: \"{{ v_port }}\"\nv_derived: \"Bearer {{ v_secret }}\"\nv_unused_broken: \"{{ nowhere }}\"\n");
            tree.Write("vars/main.yml", "v_rolevars: role vars\nv_extra: role vars\n");
            tree.Write("templates/out.txt.j2", Template);
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: out.txt.j2\n    dest: \"{{ hx_out }}/out.txt\"\n  delegate_to: localhost\n");
            var inventory = tree.Write("inventory/hosts.ini", "[web]\nh1 ansible_connection=local v_host=inline\n\n[web:vars]\nv_group=ini group\nv_root=/srv\n", tree.Root);
            tree.Write("inventory/group_vars/web.yml", "v_group: group_vars\nv_host: group_vars\nv_rolevars: group_vars\n" +
                VaultString.Encrypt("v_secret", "tok-3f9a", secret) + "\n", tree.Root);
            tree.Write("inventory/host_vars/h1.yml", "v_host: host_vars\n", tree.Root);
            var passFile = tree.Write("pass", "prec-pass\n", tree.Root);
            var playbook = tree.Write("play.yml", "- hosts: web\n  gather_facts: false\n  roles:\n    - prec\n", tree.Root);
            var config = tree.Write("ansible.cfg", "", tree.Root);
            var peerOut = Path.Combine(tree.Root, "peer");
            Directory.CreateDirectory(peerOut);
            var run = PeerProcess.Run("ansible-playbook", new[] { "-i", inventory, "--vault-password-file", passFile, "-e", "v_extra=extra", "-e", "hx_out=" + peerOut, playbook },
                environment: new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config, ["ANSIBLE_ROLES_PATH"] = Path.Combine(tree.Root, "roles") });
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);

            var redactor = new SecretRedactor();
            var variables = HostVariables.Load(new VariableSources
            {
                RolePath = tree.Role,
                InventoryPath = inventory,
                HostName = "h1",
                ExtraVars = new PyDict { ["v_extra"] = "extra" },
                VaultSecrets = new[] { secret },
            }, redactor);
            var template = Assert.Single(TemplateFile.Find(tree.Role));
            var ours = new TemplateRenderer(variables).Render(template, Path.Combine(tree.Root, "ours"), null, true);

            var expected = File.ReadAllText(Path.Combine(peerOut, "out.txt"));
            Assert.Equal(expected, File.ReadAllText(ours.OutputPath));
            Assert.Contains("lazy=/srv/venv\n", expected);
            Assert.True(ours.ContainsSecrets);
            // The variable built from the secret is masked whole in evidence, not just its secret part.
            Assert.Equal("derived=" + SecretRedactor.Mask, redactor.Redact("derived=Bearer tok-3f9a"));
        }
    }
}
