using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HxLiteLLM.Results;

namespace HxLiteLLM.Reporting
{
    /// <summary>
    /// The one text layout of every report in the evidence (pre-flight summary, step reports, variable validation, issue
    /// report): the same header, the same counts, the same line per result, so an auditor reads and greps them alike.
    /// </summary>
    public static class ReportText
    {
        /// <summary>How many targets the header names before it only counts them.</summary>
        private const int NamedTargets = 5;

        /// <summary>
        /// The header: the title, then <c>Task: TASK-3.03.02 (REQ-3.03)</c>, <c>Target: …</c>, <c>Generated: 2026-11-25T12:00:00Z</c>
        /// and <c>Results: 5 (3 passed, 1 failed, 1 warning, 0 skipped)</c>.
        /// </summary>
        public static StringBuilder Header(string title, string task, string target, DateTime generatedUtc, IReadOnlyCollection<HxCheckResult> results)
        {
            var text = new StringBuilder();
            text.Append(title).Append('\n');
            text.Append("Task: ").Append(task.Length == 0 ? "(none)" : "TASK-" + task + " (" + SeedTask.RequirementOf(task) + ")").Append('\n');
            text.Append("Target: ").Append(target).Append('\n');
            text.Append("Generated: ").Append(Time(generatedUtc)).Append('\n');
            text.Append("Results: ").Append(results.Count).Append(" (").Append(Counts(results)).Append(")\n");
            return text;
        }

        /// <summary>A report of results: the header, a blank line, then one line per result with its fix when it did not pass.</summary>
        public static string Report(string title, string task, string target, DateTime generatedUtc, IReadOnlyCollection<HxCheckResult> results)
        {
            var text = Header(title, task, target, generatedUtc, results).Append('\n');
            foreach (var r in results)
            {
                text.Append(r.Status.ToUpperInvariant().PadRight(8)).Append(r.Check.PadRight(18)).Append(r.Target).Append(": ").Append(r.Message).Append('\n');
                if (r.Status != HxStatus.Passed && r.Remediation.Length > 0) text.Append(' ', 8).Append("fix: ").Append(r.Remediation).Append('\n');
            }
            return text.ToString();
        }

        /// <summary>"3 passed, 0 failed, 1 warning, 2 skipped".</summary>
        public static string Counts(IReadOnlyCollection<HxCheckResult> results) =>
            HxStatus.CountText(Count(results, HxStatus.Passed), Count(results, HxStatus.Failed), Count(results, HxStatus.Warning),
                Count(results, HxStatus.Skipped));

        /// <summary>
        /// The recap a person reads at the end of a run, as ansible-playbook ends with PLAY RECAP: one line per phase with its
        /// outcome and counts, then where the evidence is.
        /// </summary>
        public static IReadOnlyList<string> Recap(IEnumerable<HxPhaseSummary> phases, string evidencePath)
        {
            var lines = new List<string> { "RECAP" };
            lines.AddRange(phases.Select(p => "  " + p));
            if (evidencePath.Length > 0) lines.Add("  evidence: " + evidencePath);
            return lines;
        }

        /// <summary>A count with its noun, singular for one: "1 issue", "2 issues", "0 issues".</summary>
        public static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

        /// <summary>The targets a report is about: all of them up to five, else the first five and how many in all; (none) for none.</summary>
        public static string Targets(IEnumerable<string> names)
        {
            var distinct = names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            return distinct.Count == 0 ? "(none)"
                : distinct.Count <= NamedTargets ? string.Join(", ", distinct)
                : string.Join(", ", distinct.Take(NamedTargets)) + ", … (" + distinct.Count + " in all)";
        }

        /// <summary>A report's time, ISO 8601 in UTC to the second: 2026-11-25T12:00:00Z.</summary>
        public static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static int Count(IReadOnlyCollection<HxCheckResult> results, string status) => results.Count(r => r.Status == status);
    }
}
