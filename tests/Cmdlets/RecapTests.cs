using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Cmdlets.Tests.Support;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests
{
    /// <summary>
    /// A pipeline run typed at the prompt ends with a recap for the person, as ansible-playbook ends with PLAY RECAP: on the
    /// host, never on the output stream; a script (CI steps included) gets the results only.
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class RecapTests
    {
        private readonly ModuleHost _host;

        public RecapTests(ModuleHost host) => _host = host;

        private static Dictionary<string, object> RoleValidation() => new Dictionary<string, object>
        {
            ["InventoryPath"] = "./inventory/hosts.ini",
            ["RolePath"] = "./roles/litellm",
            ["VaultPasswordFile"] = "./.vault-pass",
            ["Phase"] = new[] { "RoleValidation" },
        };

        [Fact]
        public void A_run_typed_at_the_prompt_ends_with_a_recap_on_the_host()
        {
            using var example = new ExampleCopy();

            var run = _host.RunAtPrompt("Invoke-HxLiteLLMPipeline", RoleValidation(), example.Root);

            Assert.True(run.Errors.Count == 0, run.Describe());
            var recap = run.HostLines.SkipWhile(l => l != "RECAP").ToList();
            Assert.True(recap.Count > 0, "no RECAP line: " + string.Join(" | ", run.HostLines));
            Assert.Contains(recap, l => l.StartsWith("  RoleValidation: Completed (", System.StringComparison.Ordinal));
            Assert.Contains(recap, l => l.StartsWith("  evidence: ", System.StringComparison.Ordinal));
            Assert.DoesNotContain(run.Output, o => o.BaseObject is string);
        }

        [Fact]
        public void A_script_file_gets_no_recap()
        {
            using var example = new ExampleCopy();
            System.IO.File.WriteAllText(System.IO.Path.Combine(example.Root, "step.ps1"),
                "Invoke-HxLiteLLMPipeline ./inventory/hosts.ini -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -Phase RoleValidation\n");

            var run = _host.Run(". ./step.ps1", example.Root); // as the GitHub Actions pwsh step runs its script

            Assert.True(run.Errors.Count == 0, run.Describe());
            Assert.DoesNotContain("RECAP", run.HostLines);
        }

        [Fact]
        public void The_information_stream_shown_replaces_the_recap()
        {
            using var example = new ExampleCopy();
            var parameters = RoleValidation();
            parameters["InformationAction"] = "Continue";

            var run = _host.RunAtPrompt("Invoke-HxLiteLLMPipeline", parameters, example.Root);

            Assert.True(run.Errors.Count == 0, run.Describe());
            Assert.DoesNotContain("RECAP", run.HostLines);
            Assert.Contains(run.Information, i => i.Tags.Contains("PhaseSummary"));
        }
    }
}
