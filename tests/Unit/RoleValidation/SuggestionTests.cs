using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>One typo, one suggestion: every report that offers a "did you mean" picks it by the same rule.</summary>
    public sealed class SuggestionTests
    {
        private const string Typo = "litellm_prot";
        private const string Meant = "litellm_port";

        private static readonly Regex Suggestion = new Regex(@"did you mean '?([\w.-]+?)'?\?", RegexOptions.IgnoreCase);

        private static string SuggestionIn(string message)
        {
            var match = Suggestion.Match(message);
            Assert.True(match.Success, "no suggestion in: " + message);
            return match.Groups[1].Value;
        }

        [Fact]
        public void One_typo_gets_one_suggestion_in_every_report()
        {
            using var tree = new RoleTree().Complete();
            // litellm_pod is read by the template beside the typo: the render must not offer it only because it is at hand.
            tree.Write("defaults/main.yml", "---\nlitellm_port: 4000\nlitellm_pod: a\nlitellm_enabled: true\nlitellm_service: litellm\n");
            var template = tree.Write("templates/typo.j2", "pod={{ litellm_pod }}\nport={{ " + Typo + " }}\n");
            var hostsInventory = tree.Write("hosts/hosts.ini", "[litellm]\n" + Meant + "\nlitellm_pod\n", tree.Root);
            var groupsInventory = tree.Write("groups/hosts.ini", "[litellm]\nh1\n[litellm_pod]\nh1\n[" + Meant + "]\nh1\n", tree.Root);
            tree.Write("groups/group_vars/litellm.yml", Typo + ": 4001\n", tree.Root);

            var vars = HostVariables.Load(new VariableSources { RolePath = tree.Role, InventoryPath = hostsInventory, HostName = Meant }, new SecretRedactor());
            var templates = TemplateFile.Find(tree.Role).Where(t => t.Path == template).ToList();
            var validation = TemplateCheck.Check(templates, vars).Single(r => r.Check == "UndefinedVariable");
            var render = Assert.Throws<HxException>(() => new TemplateRenderer(vars).RenderText(templates[0], Path.Combine(tree.Root, "out", "typo")));
            var variables = InventoryVariableValidation.Run(groupsInventory, "litellm", new HxLiteLLM.Vault.VaultSecret[0], new SecretRedactor())
                .Single(r => r.Check == "UnknownVariable");
            var group = InventoryVariableValidation.Run(groupsInventory, Typo, new HxLiteLLM.Vault.VaultSecret[0], new SecretRedactor())
                .Single(r => r.Check == "GroupHosts");
            var host = Assert.Throws<HxException>(() => HostVariables.Load(new VariableSources { RolePath = tree.Role, InventoryPath = hostsInventory, HostName = Typo }, new SecretRedactor()));

            Assert.Equal("TemplateUndefinedVariable", render.ErrorId);
            Assert.Equal("InventoryHostNotFound", host.ErrorId);
            foreach (var message in new[] { validation.Message, render.Message, variables.Message, group.Message, host.Message })
            {
                Assert.Equal(Meant, SuggestionIn(message));
            }
        }
    }
}
