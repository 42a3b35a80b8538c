using System.Collections.Generic;
using System.IO;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Results;

namespace HxLiteLLM.Steps
{
    /// <summary>
    /// Seed step 3.02.04: stray vault files and plaintext keys moved into &lt;root&gt;/_quarantine/&lt;stamp&gt;/ with a
    /// quarantine_report_&lt;stamp&gt;.txt; nothing is overwritten or deleted. A file Ansible loads (the inventory, group_vars,
    /// host_vars) is configuration: it is never moved, and a stray found in one fails with the fix. Move-HxStrayVault moves
    /// what it is given one file at a time (<see cref="Move"/>, then <see cref="Finish"/>); the pipeline finds and moves in
    /// one go (<see cref="Run"/>).
    /// </summary>
    public static class QuarantineStep
    {
        /// <summary>Finds the strays below <paramref name="root"/> and, when <paramref name="quarantine"/>, moves those that are no configuration.</summary>
        /// <param name="inventories">The inventory files in use: configuration even where no group_vars/host_vars folder is beside them.</param>
        public static StepOutcome Run(StepContext context, string root, bool quarantine, IEnumerable<string>? allowedPaths = null,
            IEnumerable<string>? inventories = null)
        {
            var outcome = new StepOutcome(SeedTask.Quarantine);
            var mover = new StrayVaultQuarantine(root);
            var strays = StrayVaultFinder.Find(root, allowedPaths, context.Warn, inventories);
            foreach (var stray in strays)
            {
                if (quarantine && StrayVaultQuarantine.Refusal(stray) == null) Move(context, outcome, mover, stray);
                else Report(outcome, stray, root);
            }
            Finish(context, outcome, mover);
            if (strays.Count == 0) outcome.Add(new HxCheckResult("Inventory", "StrayVault", root, HxStatus.Passed, "no stray vault file or plaintext key below "
                + root) { Category = HxCategory.Vault });
            return outcome;
        }

        /// <summary>
        /// Moves one stray (asking first); a refusal or a failure to move is a Failed result, not an exception, and is
        /// returned (null when the file moved or -WhatIf held it back).
        /// </summary>
        public static HxException? Move(StepContext context, StepOutcome outcome, StrayVaultQuarantine mover, HxStrayVault stray)
        {
            if (StrayVaultQuarantine.Refusal(stray) is HxException refused)
            {
                Report(outcome, stray, mover.Root);
                return refused;
            }
            var destination = mover.DestinationOf(stray);
            var change = new HxFileChange(stray.Path, "Quarantine") { Item = stray.RelativePath, Changed = true };
            outcome.Changes.Add(change);
            if (!context.ShouldProcess(stray.Path, "Quarantine to " + destination))
            {
                change.WhatIf = true;
                outcome.Add(new HxCheckResult("Inventory", "StrayVault", stray.RelativePath, HxStatus.Skipped, "would quarantine to " + destination
                    + " (-WhatIf): " + stray.Reason) { Category = HxCategory.Vault });
                return null;
            }
            HxException? failure;
            try
            {
                mover.Move(stray);
                failure = null;
            }
            catch (HxException error)
            {
                failure = error;
            }
            catch (IOException error)
            {
                failure = new HxException("QuarantineMoveFailed", "could not move: " + error.Message, stray.Path, kind: HxErrorKind.WriteError);
            }
            if (failure != null)
            {
                change.Changed = false;
                outcome.Add(new HxCheckResult("Inventory", "StrayVault", stray.RelativePath, HxStatus.Failed, failure.Message) { Category = HxCategory.Vault });
                return failure;
            }
            context.Verbose("Moved " + stray.RelativePath + " to " + destination);
            outcome.Add(new HxCheckResult("Inventory", "StrayVault", stray.RelativePath, HxStatus.Passed, "quarantined to " + destination + ": " + stray.Reason)
            {
                Category = HxCategory.Vault,
            });
            return null;
        }

        /// <summary>Writes the quarantine report of what was moved; the report becomes the outcome's report path.</summary>
        public static void Finish(StepContext context, StepOutcome outcome, StrayVaultQuarantine mover)
        {
            var report = mover.WriteReport();
            if (report == null) return;
            outcome.ReportPath = report;
            foreach (var r in outcome.Results) if (r.Status == HxStatus.Passed && r.EvidencePath.Length == 0) r.EvidencePath = report;
            context.Verbose("Quarantine report: " + report);
        }

        private static void Report(StepOutcome outcome, HxStrayVault stray, string root)
        {
            outcome.Add(new HxCheckResult("Inventory", "StrayVault", stray.RelativePath, stray.LoadedByAnsible ? HxStatus.Failed : HxStatus.Warning,
                stray.Reason)
            {
                Category = HxCategory.Vault,
                Remediation = stray.Remediation.Length > 0 ? stray.Remediation : "Find-HxStrayVault -Path '" + root.Replace("'", "''")
                    + "' | Move-HxStrayVault",
            });
        }
    }
}
