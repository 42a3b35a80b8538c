using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    public sealed class VariablePrecedenceTests
    {
        private static RoleTree Tree()
        {
            var tree = new RoleTree();
            tree.Write("defaults/main.yml", "v_default: defaults\nv_group: defaults\nv_host: defaults\nv_rolevars: defaults\nv_extra: defaults\n");
            tree.Write("vars/main.yml", "v_rolevars: role vars\nv_extra: role vars\n");
            tree.Write("inventory/hosts.ini", "[web]\nh1 v_host=inline\n\n[web:vars]\nv_group=ini group\n", tree.Root);
            tree.Write("inventory/group_vars/web.yml", "v_group: group_vars\nv_host: group_vars\nv_rolevars: group_vars\n", tree.Root);
            tree.Write("inventory/host_vars/h1.yml", "v_host: host_vars\n", tree.Root);
            return tree;
        }

        [Fact]
        public void Layers_apply_from_role_defaults_to_extra_vars()
        {
            using var tree = Tree();
            var vars = HostVariables.Load(new VariableSources
            {
                RolePath = tree.Role,
                InventoryPath = System.IO.Path.Combine(tree.Root, "inventory", "hosts.ini"),
                HostName = "h1",
                ExtraVars = new PyDict { ["v_extra"] = "extra" },
            }, new SecretRedactor());
            Assert.Equal("defaults", vars.Values["v_default"]);
            Assert.Equal("group_vars", vars.Values["v_group"]);
            Assert.Equal("host_vars", vars.Values["v_host"]);
            Assert.Equal("role vars", vars.Values["v_rolevars"]);
            Assert.Equal("extra", vars.Values["v_extra"]);
            Assert.Equal("role defaults", vars.Origins["v_default"]);
            Assert.Equal("inventory", vars.Origins["v_host"]);
            Assert.Equal("h1", vars.Values["inventory_hostname"]);
            Assert.Equal(new List<object?> { "web" }, vars.Values["group_names"]);
            Assert.Equal("litellm", vars.Values["role_name"]);
        }

        [Fact]
        public void An_unknown_host_is_an_error_with_a_suggestion()
        {
            using var tree = Tree();
            var e = Assert.Throws<HxException>(() => HostVariables.Load(new VariableSources
            {
                InventoryPath = System.IO.Path.Combine(tree.Root, "inventory", "hosts.ini"),
                HostName = "h2",
            }, new SecretRedactor()));
            Assert.Equal("InventoryHostNotFound", e.ErrorId);
            Assert.Contains("did you mean 'h1'?", e.Message);
            Assert.Equal("InventoryRequired", Assert.Throws<HxException>(() => HostVariables.Load(new VariableSources { HostName = "h1" }, new SecretRedactor())).ErrorId);
            Assert.Equal("HostNameRequired", Assert.Throws<HxException>(() => HostVariables.Load(new VariableSources
            {
                InventoryPath = System.IO.Path.Combine(tree.Root, "inventory", "hosts.ini"),
            }, new SecretRedactor())).ErrorId);
        }

        [Fact]
        public void Variables_are_templated_lazily_and_recursively_with_ansible_typing()
        {
            var resolver = new VariableResolver(new PyDict
            {
                ["root"] = "/opt/app",
                ["venv"] = "{{ root }}/venv",
                ["bin"] = "{{ venv }}/bin",
                ["port"] = 4000L,
                ["port_text"] = "{{ port }}",
                ["port_path"] = "{{ port }}/x",
                ["listy"] = "{{ [port, 1] }}",
                ["flag"] = "{{ port > 1 }}",
                ["nested"] = new PyDict { ["a"] = new List<object?> { "{{ bin }}" } },
                ["broken"] = "{{ nowhere }}",
                ["loop_a"] = "{{ loop_b }}",
                ["loop_b"] = "{{ loop_a }}",
            });
            Assert.Equal("/opt/app/venv/bin", resolver.Value("bin"));
            Assert.Equal(4000L, resolver.Value("port_text"));
            Assert.Equal("4000/x", resolver.Value("port_path"));
            Assert.Equal(new List<object?> { 4000L, 1L }, resolver.Value("listy"));
            Assert.Equal(true, resolver.Value("flag"));
            Assert.Equal("/opt/app/venv/bin", ((List<object?>)((PyDict)resolver.Value("nested")!)["a"]!)[0]);
            var resolved = resolver.Resolve(new[] { "bin", "not_defined" });
            Assert.Equal(new[] { "bin", "root", "venv" }, resolved.Keys.Cast<string>().OrderBy(k => k));
            Assert.Equal("VariableTemplateError", Assert.Throws<HxException>(() => resolver.Value("broken")).ErrorId);
            Assert.Equal("VariableRecursion", Assert.Throws<HxException>(() => resolver.Value("loop_a")).ErrorId);
        }

        [Fact]
        public void Inline_vault_values_are_decrypted_and_registered_as_secrets()
        {
            using var tree = Tree();
            using var secret = HxLiteLLM.Vault.VaultSecret.FromPassword("pw");
            var vaulted = HxLiteLLM.Vault.VaultString.Encrypt("v_token", "s3cr3t-value", secret);
            tree.Write("inventory/host_vars/h1.yml", "v_host: host_vars\n" + vaulted + "\n", tree.Root);
            var redactor = new SecretRedactor();
            var vars = HostVariables.Load(new VariableSources
            {
                InventoryPath = System.IO.Path.Combine(tree.Root, "inventory", "hosts.ini"),
                HostName = "h1",
                VaultSecrets = new[] { secret },
            }, redactor);
            Assert.Equal("s3cr3t-value", vars.Values["v_token"]);
            Assert.Contains("v_token", vars.VaultedNames);
            Assert.Equal("a " + SecretRedactor.Mask, redactor.Redact("a s3cr3t-value"));

            var sealedVars = HostVariables.Load(new VariableSources { InventoryPath = System.IO.Path.Combine(tree.Root, "inventory", "hosts.ini"), HostName = "h1" }, new SecretRedactor());
            Assert.IsType<VaultedString>(sealedVars.Values["v_token"]);
            Assert.Equal("VaultPasswordRequired", Assert.Throws<HxException>(() => new VariableResolver(sealedVars.Values).Value("v_token")).ErrorId);
        }
    }
}
