using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>The run's summary files and its archive, in the api-preflight run folder.</summary>
    public static class PreflightReport
    {
        public const string SummaryFile = "preflight_summary.txt";

        /// <summary>Writes <c>preflight_summary.txt</c> (for people) and <c>results.json</c> (for machines); returns the summary's path.</summary>
        public static string Write(EvidenceStore store, IReadOnlyCollection<HxCheckResult> results)
        {
            store.WriteResults(EvidenceArea.Preflight, results);
            return store.WriteText(EvidenceArea.Preflight, SummaryFile, Summary(results, store.Stamp, DateTime.UtcNow));
        }

        /// <summary>The seed's pre-flight tasks in order, with their titles and evidence folders.</summary>
        private static readonly (string Task, string Title, string Folder)[] Tasks =
        {
            (SeedTask.Dns, "DNS resolution", "dns/"),
            (SeedTask.Network, "network validation", "network/"),
            (SeedTask.Domain, "domain join and sudo", "domain/"),
            (SeedTask.CaTrust, "CA trust", "ca-trust/"),
            (SeedTask.Python, "Python runtime", "python/"),
        };

        /// <summary>
        /// One section per seed task (TASK-3.01.01 … 05, each of REQ-3.01) with every host's result of it, then each
        /// host's verdict; this file itself is TASK-3.01.06.
        /// </summary>
        public static string Summary(IReadOnlyCollection<HxCheckResult> results, string stamp, DateTime generatedUtc)
        {
            // One pass to group: a lookup per host would make the summary quadratic in the hosts.
            var byHost = results.ToLookup(r => r.Target, StringComparer.Ordinal);
            var hosts = byHost.Select(g => g.Key).OrderBy(h => h, StringComparer.Ordinal).ToList();
            var requirement = SeedTask.RequirementOf(SeedTask.Evidence);
            var sb = ReportText.Header("HxLiteLLM pre-flight " + stamp + " (" + requirement + ": pre-flight checks and environment validation)",
                SeedTask.Evidence, hosts.Count + (hosts.Count == 1 ? " host: " : " hosts: ") + ReportText.Targets(hosts), generatedUtc, results);
            foreach (var (task, title, folder) in Tasks)
            {
                var own = results.Where(r => r.Task == task).ToList();
                if (own.Count == 0) continue;
                sb.Append("\nTASK-").Append(task).Append(' ').Append(title).Append(" (").Append(requirement).Append("), evidence ").Append(folder).Append(": ").Append(ReportText.Counts(own)).Append('\n');
                foreach (var r in own.OrderBy(r => r.Target, StringComparer.Ordinal))
                {
                    sb.Append("  ").Append(r.Status.ToString().PadRight(8)).Append(r.Target).Append(' ').Append(r.Check.PadRight(14)).Append(r.Message).Append('\n');
                    if (r.Status != HxStatus.Passed && r.Remediation.Length > 0) sb.Append("  ").Append(' ',
                        8).Append("fix: ").Append(r.Remediation).Append('\n');
                }
            }
            sb.Append("\nTASK-").Append(SeedTask.Evidence).Append(" evidence collection (").Append(requirement).Append("): verdict per host\n");
            foreach (var host in hosts)
            {
                var own = byHost[host].ToList();
                var verdict = own.Any(r => r.Status == HxStatus.Failed) ? "FAILED" : own.Any(r => r.Status == HxStatus.Skipped) ? "INCOMPLETE" : "READY";
                sb.Append("  ").Append(host).Append(": ").Append(verdict).Append('\n');
            }
            return sb.ToString();
        }
    }
}
