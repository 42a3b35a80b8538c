using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Steps
{
    /// <summary>
    /// Seed step 3.02.05: every host of the group has the required variables, valid, with secrets in a vault; vars files Ansible
    /// ignores are named. Writes <see cref="ReportFile"/> and results.json under litellm_inventory/&lt;stamp&gt;/.
    /// </summary>
    public static class VariableValidationStep
    {
        public const string ReportFile = "variable_validation.txt";

        /// <param name="limit">Ansible's --limit pattern narrowing the group's hosts; null for all of them.</param>
        public static StepOutcome Run(StepContext context, string inventoryPath, string group, IReadOnlyList<VaultSecret> secrets, string? limit = null)
        {
            var outcome = new StepOutcome(SeedTask.ValidateVariables);
            var varsDirectory = GroupVarsTarget.GroupVarsDirectoryOf(inventoryPath);
            foreach (var ignored in GroupVarsTarget.IgnoredFiles(varsDirectory, group))
            {
                outcome.Add(new HxCheckResult("Inventory", "IgnoredVarsFile", ignored.Key, HxStatus.Warning,
                    "Ansible never reads this file: " + ignored.Value + " holds the variables of '" + group
                        + "', so every variable set here is \"not set\" for Ansible.")
                {
                    Category = HxCategory.Inventory,
                    Remediation = "Move the variables of " + ignored.Key + " into " + ignored.Value + " and delete the file",
                });
            }
            outcome.AddRange(InventoryVariableValidation.Run(inventoryPath, group, secrets, context.Redactor, context.PlaybookDirectory, limit,
                context.SourceUsed));
            foreach (var r in outcome.Results)
            {
                r.Message = context.Redactor.Redact(r.Message);
                r.Remediation = context.Redactor.Redact(r.Remediation);
            }
            if (context.Evidence != null)
            {
                outcome.ReportPath = context.Evidence.WriteText(EvidenceArea.InventoryValidation, ReportFile,
                    ReportText.Report("LiteLLM inventory variable validation", outcome.Task, "group " + group + " of " + inventoryPath, DateTime.UtcNow,
                    outcome.Results));
                context.Evidence.WriteResults(EvidenceArea.InventoryValidation, outcome.Results);
                foreach (var r in outcome.Results.Where(r => r.EvidencePath.Length == 0)) r.EvidencePath = outcome.ReportPath;
            }
            return outcome;
        }
    }
}
