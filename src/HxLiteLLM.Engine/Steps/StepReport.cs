using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Results;

namespace HxLiteLLM.Steps
{
    /// <summary>The plain-text report of one step for auditors: task, requirement, counts, then each result with its fix.</summary>
    public static class StepReport
    {
        public static string Text(string title, string task, string subject, IReadOnlyCollection<HxCheckResult> results)
        {
            var text = new StringBuilder();
            text.Append(title).Append('\n');
            text.Append("Task: ").Append(task).Append(" (").Append(SeedTask.RequirementOf(task)).Append(")\n");
            text.Append("Subject: ").Append(subject).Append('\n');
            text.Append("Summary: ").Append(Counts(results)).Append("\n\n");
            foreach (var r in results)
            {
                text.Append(r.Status.ToString().ToUpperInvariant().PadRight(8)).Append(r.Check.PadRight(18)).Append(r.Target).Append(": ").Append(r.Message).Append('\n');
                if (r.Status != HxStatus.Passed && r.Remediation.Length > 0) text.Append(' ', 8).Append("fix: ").Append(r.Remediation).Append('\n');
            }
            return text.ToString();
        }

        public static string Counts(IReadOnlyCollection<HxCheckResult> results) =>
            results.Count(r => r.Status == HxStatus.Passed) + " passed, " + results.Count(r => r.Status == HxStatus.Failed) + " failed, " +
            results.Count(r => r.Status == HxStatus.Warning) + " warning(s), " + results.Count(r => r.Status == HxStatus.Skipped) + " skipped";
    }
}
