using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Deploy;
using HxLiteLLM.Evidence;
using HxLiteLLM.Results;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Deploy
{
    /// <summary>The deploy gate over run manifests, the playbook lookup rule, and how playbook rows become check results.</summary>
    public sealed class DeployGateTests : IDisposable
    {
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hx-gate-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private string Inventory => Path.Combine(_dir, "inventory", "hosts.ini");
        private string Evidence => Path.Combine(_dir, ".evidence");

        private string NewProject()
        {
            Directory.CreateDirectory(Path.Combine(_dir, "inventory", "group_vars", "litellm"));
            File.WriteAllText(Inventory, "[litellm]\nlocalhost\n");
            File.WriteAllText(Path.Combine(_dir, "inventory", "group_vars", "litellm", "main.yml"), "litellm_port: 4000\n");
            return Inventory;
        }

        /// <summary>A manifest as RunManifestWriter writes it, of today's files, with the given failed count per gate task.</summary>
        private void WriteManifest(string stamp, long failed = 0, IEnumerable<string>? tasks = null)
        {
            Directory.CreateDirectory(Evidence);
            var manifest = new PyDict
            {
                ["stamp"] = stamp,
                ["parameters"] = new PyDict { ["inventory"] = Inventory, ["role"] = null, ["settings"] = null },
                ["inputs"] = InputHashes.Of(Inventory, null, null).Select(i => (object?)new PyDict { ["path"] = i.Key, ["sha256"] = i.Value }).ToList(),
                ["tasks"] = (tasks ?? DeployGate.RequiredTasks).Aggregate(new PyDict(), (d, t) => { d["TASK-" + t] = new PyDict { ["passed"] = 1L, ["failed"] = failed }; return d; }),
            };
            File.WriteAllText(Path.Combine(Evidence, "run_manifest_" + stamp + ".json"), PyJson.Dumps(manifest));
        }

        [Fact]
        public void NoManifestNamesTheInventoryAsUnvalidated()
        {
            NewProject();
            var verdict = DeployGate.FromManifests(Evidence, Inventory);
            Assert.False(verdict.Validated);
            Assert.Equal(Inventory, verdict.File);
        }

        [Fact]
        public void AManifestOfTodaysFilesWithoutFailuresValidates()
        {
            NewProject();
            WriteManifest("20261207T100000Z");
            var verdict = DeployGate.FromManifests(Evidence, Inventory);
            Assert.True(verdict.Validated, verdict.Reason);
            Assert.Contains("run_manifest_20261207T100000Z.json", verdict.Reason);
        }

        [Fact]
        public void AnEditedOrNewFileAfterTheRunIsNamed()
        {
            NewProject();
            WriteManifest("20261207T100000Z");
            var vars = Path.Combine(_dir, "inventory", "group_vars", "litellm", "main.yml");
            File.AppendAllText(vars, "litellm_bind_host: 0.0.0.0\n");
            var verdict = DeployGate.FromManifests(Evidence, Inventory);
            Assert.False(verdict.Validated);
            Assert.Equal(vars, verdict.File);

            WriteManifest("20261207T110000Z");
            var added = Path.Combine(_dir, "inventory", "host_vars", "localhost.yml");
            Directory.CreateDirectory(Path.GetDirectoryName(added)!);
            File.WriteAllText(added, "litellm_port: 4001\n");
            Assert.Equal(added, DeployGate.FromManifests(Evidence, Inventory).File);
        }

        [Fact]
        public void TheNewestMatchingRunDecidesAndAFailureOrAMissingTaskStopsTheDeploy()
        {
            NewProject();
            WriteManifest("20261207T100000Z");
            WriteManifest("20261207T110000Z", failed: 2);
            var failed = DeployGate.FromManifests(Evidence, Inventory);
            Assert.False(failed.Validated);
            Assert.Contains("2 failed results in TASK-3.02.05", failed.Reason);

            WriteManifest("20261207T120000Z", tasks: new[] { SeedTask.ValidateVariables });
            var partial = DeployGate.FromManifests(Evidence, Inventory);
            Assert.False(partial.Validated);
            Assert.Contains("did not run TASK-3.03.02", partial.Reason);
        }

        [Fact]
        public void ResultsOfTheSameRunCountWhenTheyCoverEveryGateTask()
        {
            HxCheckResult Row(string task, string status) => new HxCheckResult("p", "c", "t", status, "m") { Task = task };
            Assert.Null(DeployGate.FromResults(new[] { Row(SeedTask.ValidateVariables, HxStatus.Passed) }));
            Assert.True(DeployGate.FromResults(DeployGate.RequiredTasks.Select(t => Row(t, HxStatus.Passed)).ToList())!.Validated);
            Assert.False(DeployGate.FromResults(DeployGate.RequiredTasks.Select(t => Row(t, t == SeedTask.RenderTemplates ? HxStatus.Failed : HxStatus.Passed)).ToList())!.Validated);
        }

        [Fact]
        public void PlaybooksAreFoundBesideTheInventoryOrUnderPlaybooksLiteLLM()
        {
            NewProject();
            var project = Path.Combine(_dir, "elsewhere");
            Directory.CreateDirectory(project);
            Assert.Null(DeployPlaybooks.Find(DeployPlaybooks.Enforce, project, Inventory));
            var seed = Path.Combine(_dir, "playbooks", "Lite-LLM", DeployPlaybooks.Enforce);
            Directory.CreateDirectory(Path.GetDirectoryName(seed)!);
            File.WriteAllText(seed, "---\n");
            Assert.Equal(seed, DeployPlaybooks.Find(DeployPlaybooks.Enforce, project, Inventory));
            var beside = Path.Combine(_dir, DeployPlaybooks.Enforce);
            File.WriteAllText(beside, "---\n");
            Assert.Equal(beside, DeployPlaybooks.Find(DeployPlaybooks.Enforce, project, Inventory));
            var inProject = Path.Combine(project, DeployPlaybooks.Enforce);
            File.WriteAllText(inProject, "---\n");
            Assert.Equal(inProject, DeployPlaybooks.Find(DeployPlaybooks.Enforce, project, Inventory));
        }

        [Theory]
        [InlineData("ok", "Passed", "ok", "Deploy")]
        [InlineData("changed", "Passed", "changed", "Deploy")]
        [InlineData("skipped", "Skipped", "skipped", "Deploy")]
        [InlineData("failed", "Failed", "failed (rc 1): boom", "Deploy")]
        [InlineData("unreachable", "Failed", "unreachable: boom", "Tcp")]
        [InlineData("ignored", "Warning", "failed (ignored): boom", "Deploy")]
        [InlineData("rescued", "Warning", "failed, handled by the block's rescue: boom", "Deploy")]
        public void PlaybookRowsMapToCheckResults(string status, string expected, string message, string category)
        {
            var request = new DeployRequest("/p/inventory/hosts.ini", "/p/litellm_enforce.yml", "/usr/bin/ansible-playbook", "/m/ansible", "/p");
            var row = new HxPlaybookTaskResult("gw1", "litellm : Start LiteLLM", status) { Message = "boom", ReturnCode = 1, DurationMs = 12 };
            var result = DeployStep.ToCheckResult(row, DeployStep.DeployPhase, request, request.PlaybookPath);
            Assert.Equal(("Deploy", "litellm : Start LiteLLM", "gw1", expected, category), (result.Phase, result.Check, result.Target, result.Status, result.Category));
            Assert.Equal(status == "ok" || status == "changed" || status == "skipped" ? status : message, result.Message);
            if (status == "failed")
            {
                Assert.Equal("Fix the cause the message names, then rerun from this task: ansible-playbook -i /p/inventory/hosts.ini /p/litellm_enforce.yml --limit gw1 --start-at-task 'litellm : Start LiteLLM'", result.Remediation);
            }
        }

        [Fact]
        public void TheRecapRowFailsWithAFailureOrAnUnreachableHost()
        {
            var request = new DeployRequest("/p/hosts.ini", "/p/site.yml", "/usr/bin/ansible-playbook", "/m", "/p") { Check = true };
            HxCheckResult Recap(int failed, int unreachable) => DeployStep.ToCheckResult(
                new HxPlaybookTaskResult("gw1", HxPlaybookTaskResult.RecapTask, HxPlaybookStatus.Recap) { FailedCount = failed, UnreachableCount = unreachable, Message = "ok=1" },
                DeployStep.DeployPhase, request, request.PlaybookPath);
            Assert.Equal(HxStatus.Passed, Recap(0, 0).Status);
            Assert.Equal((HxStatus.Failed, HxCategory.Deploy), (Recap(1, 0).Status, Recap(1, 0).Category));
            Assert.Equal((HxStatus.Failed, HxCategory.Tcp), (Recap(0, 1).Status, Recap(0, 1).Category));
            var changed = DeployStep.ToCheckResult(new HxPlaybookTaskResult("gw1", "t", HxPlaybookStatus.Changed), DeployStep.DeployPhase, request, request.PlaybookPath);
            Assert.Equal("would change", changed.Message);
        }
    }
}
