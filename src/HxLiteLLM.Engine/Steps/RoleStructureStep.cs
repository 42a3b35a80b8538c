using System;
using System.IO;
using HxLiteLLM.Evidence;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;

namespace HxLiteLLM.Steps
{
    /// <summary>
    /// Seed step 3.03.01: the role has the layout Ansible loads; with <c>create</c> the missing folders and stubs are made as
    /// ansible-galaxy role init lays them out (never overwriting). Writes role_structure_&lt;role&gt;.txt under
    /// litellm_role_validation/&lt;stamp&gt;/ (one per role, so several roles checked in one run keep their own report).
    /// </summary>
    public static class RoleStructureStep
    {
        public static string ReportFileOf(string rolePath) =>
            "role_structure_" + Path.GetFileName(Path.GetFullPath(rolePath).TrimEnd(Path.DirectorySeparatorChar)) + ".txt";

        public static StepOutcome Run(StepContext context, string rolePath, bool create)
        {
            var outcome = new StepOutcome(SeedTask.RoleStructure);
            if (create)
            {
                foreach (var item in RoleSkeleton.Missing(rolePath))
                {
                    var change = new HxFileChange(item.Path, item.IsFolder ? "CreateFolder" : "CreateFile") { Item = Path.GetFileName(rolePath),
                        Changed = true };
                    outcome.Changes.Add(change);
                    if (!context.ShouldProcess(item.Path, item.IsFolder ? "Create folder" : "Create file"))
                    {
                        change.WhatIf = true;
                        continue;
                    }
                    foreach (var created in RoleSkeleton.Create(rolePath, new[] { item })) context.Verbose("Created " + created);
                }
            }
            outcome.AddRange(RoleLayout.Check(rolePath));
            if (context.Evidence != null)
            {
                outcome.ReportPath = context.Evidence.WriteText(EvidenceArea.RoleValidation, ReportFileOf(rolePath),
                    ReportText.Report("LiteLLM role structure", outcome.Task, rolePath, DateTime.UtcNow, outcome.Results));
                foreach (var r in outcome.Results) r.EvidencePath = outcome.ReportPath;
            }
            return outcome;
        }
    }
}
