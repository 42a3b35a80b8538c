using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Pipeline;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Tests.InventoryPhase;
using Xunit;

namespace HxLiteLLM.Tests.Steps
{
    public class StepTests
    {
        private static StepContext Context(string? evidenceRoot = null, bool whatIf = false)
        {
            var redactor = new SecretRedactor();
            return new StepContext(redactor, evidenceRoot == null ? null : new EvidenceStore(evidenceRoot, redactor))
            {
                ShouldProcess = (target, action) => !whatIf,
            };
        }

        [Fact]
        public void AddGroupRefusesAMissingInventoryUnlessAskedToCreateIt()
        {
            using var tree = new TempTree();
            var path = tree.PathOf("inventory/hostss.ini");
            var error = Assert.Throws<HxException>(() => AddGroupStep.Run(Context(), new AddGroupRequest(path, "litellm", new[] { "gw1" })));
            Assert.Equal("InventoryNotFound", error.ErrorId);
            Assert.False(File.Exists(path));
            var outcome = AddGroupStep.Run(Context(), new AddGroupRequest(path, "litellm", new[] { "gw1" }) { CreateMissing = true });
            Assert.Equal(SeedTask.AddGroup, outcome.Results.Single().Task);
            Assert.Equal("REQ-3.02", outcome.Results.Single().Requirement);
            Assert.Contains("[litellm]\ngw1", File.ReadAllText(path));
        }

        [Theory]
        [InlineData("hosts.yml", "all:\n  hosts:\n    gw1:\n")]
        [InlineData("hosts", "# a YAML inventory without extension\nall:\n  children:\n    litellm: {}\n")]
        public void AddGroupRefusesYamlInventoriesWithoutTouchingThem(string name, string content)
        {
            using var tree = new TempTree();
            var path = tree.Write(name, content);
            var error = Assert.Throws<HxException>(() => AddGroupStep.Run(Context(), new AddGroupRequest(path, "litellm", new[] { "gw1" })));
            Assert.Equal("InventoryNotIni", error.ErrorId);
            Assert.Equal(content, File.ReadAllText(path));
        }

        [Fact]
        public void AddGroupUnderWhatIfChangesNothingAndSaysWhatItWouldDo()
        {
            using var tree = new TempTree();
            var path = tree.Write("hosts.ini", "[web]\nw1\n");
            var outcome = AddGroupStep.Run(Context(whatIf: true), new AddGroupRequest(path, "litellm", new[] { "gw1" }));
            Assert.Equal("[web]\nw1\n", File.ReadAllText(path));
            Assert.True(outcome.Changes.Single().WhatIf);
            Assert.Equal(HxStatus.Skipped, outcome.Results.Single().Status);
        }

        [Fact]
        public void GroupVarsGoToTheDirectoryFormAndNameTheFileAnsibleIgnores()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("hosts.ini", "[litellm]\ngw1\n");
            var warnings = new List<string>();
            var context = Context();
            context.Warn = warnings.Add;
            GroupVarsStep.Run(context, new GroupVarsRequest(inventory, "litellm", new[] { new KeyValuePair<string, object?>("litellm_port", 4000L) }));
            Assert.True(File.Exists(tree.PathOf("group_vars/litellm/main.yml")));
            Assert.Empty(warnings);

            tree.Write("group_vars/litellm.yml", "litellm_bind_host: 0.0.0.0\n");
            GroupVarsStep.Run(context, new GroupVarsRequest(inventory, "litellm", new[] { new KeyValuePair<string, object?>("litellm_port", 4001L) }));
            Assert.Contains(warnings, w => w.Contains("litellm.yml is ignored by Ansible"));
            var ignored = VariableValidationStep.Run(Context(), inventory, "litellm", Array.Empty<HxLiteLLM.Vault.VaultSecret>()).Results.Single(r => r.Check == "IgnoredVarsFile");
            Assert.Equal(HxStatus.Warning, ignored.Status);
            Assert.EndsWith("litellm.yml", ignored.Target);
        }

        [Fact]
        public void StrayScanSkipsHxLiteLLMsOwnFolders()
        {
            using var tree = new TempTree();
            var key = "sk-" + new string('a', 40);
            tree.Write("inventory/.rendered/gw1/litellm.env", "LITELLM_MASTER_KEY=" + key + "\n");
            tree.Write("inventory/stray.txt", "key: " + key + "\n");
            OwnedFolder.Ensure(tree.PathOf("inventory/.rendered"));
            var found = StrayVaultFinder.Find(tree.Root);
            Assert.Equal(new[] { "inventory/stray.txt" }, found.Select(f => f.RelativePath));
            Assert.Null(StrayVaultFinder.Inspect(tree.Root, tree.PathOf("inventory/.rendered/gw1/litellm.env")));
        }

        [Theory]
        [InlineData("/tmp/x")]
        [InlineData("../../..")]
        [InlineData("..")]
        [InlineData("gw1\nrm -rf")]
        [InlineData("")]
        public void RenderTargetsStayInsideTheRenderRoot(string host)
        {
            using var tree = new TempTree();
            var error = Assert.Throws<HxException>(() => RenderTarget.PerHost(tree.Root, new TemplateHost(host, null)));
            Assert.Equal("UnsafePathName", error.ErrorId);
            Assert.DoesNotContain("\n", error.Message);
        }

        [Fact]
        public void SettingsAreStrictAndKnowTheSeedNames()
        {
            using var tree = new TempTree();
            var typo = tree.Write("typo.yml", "continue_on_failur: true\n");
            var error = Assert.Throws<HxException>(() => PipelineSettings.Load(typo));
            Assert.Equal("SettingsUnknownKey", error.ErrorId);
            Assert.Contains("did you mean 'continue_on_failure'", error.Message);

            var wrongKind = tree.Write("kind.yml", "quarantine: sometimes\n");
            Assert.Equal("SettingsInvalidValue", Assert.Throws<HxException>(() => PipelineSettings.Load(wrongKind)).ErrorId);

            var seed = PipelineSettings.Load(tree.Write("seed.yml", "run_preflight: false\nskip_on_failure: true\ngroup_vars:\n  litellm_port: 4000\ninventory: inv/hosts.ini\n"));
            Assert.False(seed.Flag("run_preflight"));
            Assert.True(seed.Flag("skip_on_failure"));
            Assert.Null(seed.Flag("quarantine"));
            Assert.Equal(4000L, seed.Map("group_vars")!["litellm_port"]);
            Assert.Equal(tree.PathOf("inv/hosts.ini"), seed.Path("inventory"));
        }

        [Fact]
        public void EvidenceRootGetsAGitignoreAndTheArchiveSummaryFitsItsArea()
        {
            using var tree = new TempTree();
            var context = Context(tree.PathOf(".evidence"));
            var outcome = RoleStructureStep.Run(context, tree.Folder("roles/empty"), create: false);
            Assert.Equal("*", File.ReadAllLines(tree.PathOf(".evidence/.gitignore")).Last());
            Assert.All(outcome.Results, r => Assert.Equal(SeedTask.RoleStructure, r.Task));
            var run = EvidenceArchiveStep.RunFolderOf(outcome.ReportPath)!;
            var archive = EvidenceArchiveStep.Run(context, run, outcome.Results);
            Assert.True(File.Exists(archive.ReportPath));
            var summary = File.ReadAllText(Path.Combine(run, "summary.txt"));
            Assert.Contains("Task: TASK-3.03.01 (REQ-3.03)", summary);
            Assert.DoesNotContain("pre-flight", summary);
            Assert.Equal(SeedTask.Evidence, archive.Results.Single().Task);
        }
    }
}
