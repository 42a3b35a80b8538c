using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Tests.RoleValidation;
using Xunit;

namespace HxLiteLLM.Tests.Steps
{
    /// <summary>Every report in the evidence starts with the same header and spells its counts the same way.</summary>
    public sealed class ReportHeaderTests
    {
        private static readonly Regex Header = new Regex(
            @"\A[^\n]+\nTask: TASK-(3\.0\d\.\d\d) \(REQ-3\.0\d\)\nTarget: [^\n]+\nGenerated: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\nResults: (\d+) \((\d+) passed, (\d+) failed, (\d+) (warning|warnings), (\d+) skipped\)\n");

        /// <summary>The report's seed task, after asserting the header, the total and the singular or plural of "warning".</summary>
        private static string AssertHeader(string report)
        {
            var m = Header.Match(report);
            Assert.True(m.Success, "no shared header in:\n" + report);
            var counts = new[] { 3, 4, 5, 7 }.Select(i => int.Parse(m.Groups[i].Value)).ToArray();
            Assert.Equal(int.Parse(m.Groups[2].Value), counts.Sum());
            Assert.Equal(counts[2] == 1 ? "warning" : "warnings", m.Groups[6].Value);
            return m.Groups[1].Value;
        }

        [Fact]
        public void Every_report_kind_has_the_shared_header_and_counts()
        {
            using var tree = new RoleTree().Complete();
            tree.Write("templates/typo.j2", "port={{ litellm_prot }}\n");
            var inventory = tree.Write("inventory/hosts.ini", "[litellm]\ngw1\n", tree.Root);
            tree.Write("inventory/group_vars/litellm.yml", "litellm_prot: 4001\nlitellm_port: 4000\n", tree.Root);
            var redactor = new SecretRedactor();
            var context = new StepContext(redactor, new EvidenceStore(Path.Combine(tree.Root, ".evidence"), redactor));

            var reports = new Dictionary<string, string>();
            var variables = VariableValidationStep.Run(context, inventory, "litellm", Array.Empty<HxLiteLLM.Vault.VaultSecret>());
            reports[variables.ReportPath] = SeedTask.ValidateVariables;
            var structure = RoleStructureStep.Run(context, tree.Role, create: false);
            reports[structure.ReportPath] = SeedTask.RoleStructure;
            var host = new TemplateHost("gw1", HostVariables.Load(new VariableSources { RolePath = tree.Role, InventoryPath = inventory, HostName = "gw1" }, redactor));
            var templates = TemplateFile.Find(tree.Role);
            var validation = TemplateValidationStep.Run(context, templates, new[] { host });
            reports[validation.ReportPath] = SeedTask.ValidateTemplates;
            var render = RenderStep.Run(context, templates, new[] { RenderTarget.PerHost(Path.Combine(tree.Root, ".rendered"), host) });
            reports[render.ReportPath] = SeedTask.RenderTemplates;
            var all = variables.Results.Concat(structure.Results).Concat(validation.Results).Concat(render.Results).ToList();
            var run = context.Evidence!.AreaFolder(EvidenceArea.RoleValidation);
            IssueReportStep.Run(context, all, Path.Combine(run, IssueReportStep.Folder));
            reports[Path.Combine(run, IssueReportStep.Folder, IssueReportWriter.FullReportFile)] = SeedTask.DocumentIssues;
            var preflight = new List<HxCheckResult>
            {
                new HxCheckResult("Preflight", "Dns", "gw1", HxStatus.Passed, "resolves") { Task = SeedTask.Dns },
                new HxCheckResult("Preflight", "Sudo", "gw1", HxStatus.Warning, "asks for a password") { Task = SeedTask.Domain },
            };
            reports[PreflightReport.Write(context.Evidence, preflight)] = SeedTask.Evidence;

            Assert.Equal(6, reports.Count);
            foreach (var report in reports)
            {
                Assert.True(File.Exists(report.Key), report.Key);
                Assert.Equal(report.Value, AssertHeader(File.ReadAllText(report.Key)));
            }
            Assert.Contains("Results: 2 (1 passed, 0 failed, 1 warning, 0 skipped)\n", File.ReadAllText(reports.Keys.Last()));
            Assert.Contains("Target: group litellm of " + inventory + "\n", File.ReadAllText(variables.ReportPath));
            Assert.Contains("Target: gw1\n", File.ReadAllText(validation.ReportPath));
        }

        [Theory]
        [InlineData(0, "0 passed, 0 failed, 0 warnings, 0 skipped")]
        [InlineData(1, "1 passed, 1 failed, 1 warning, 1 skipped")]
        [InlineData(2, "2 passed, 2 failed, 2 warnings, 2 skipped")]
        public void Counts_are_spelt_one_way_with_the_right_plural(int each, string expected)
        {
            var results = HxStatus.All.SelectMany(s => Enumerable.Range(0, each).Select(_ => new HxCheckResult("P", "C", "t", s, "m"))).ToList();
            Assert.Equal(expected, ReportText.Counts(results));
            Assert.Equal("Inventory: Completed (" + expected + ")",
                new HxPhaseSummary("Inventory", "Completed") { Passed = each, Failed = each, Warning = each, Skipped = each }.ToString());
        }

        [Fact]
        public void Many_targets_are_counted_after_the_first_five() =>
            Assert.Equal("a, b, c, d, e, … (7 in all)", ReportText.Targets(new[] { "a", "b", "c", "d", "e", "f", "g", "a", "" }));
    }
}
