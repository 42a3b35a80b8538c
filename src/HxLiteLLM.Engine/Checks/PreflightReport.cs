using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Evidence;
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
            return store.WriteText(EvidenceArea.Preflight, SummaryFile, Summary(results, store.Stamp));
        }

        public static string Summary(IReadOnlyCollection<HxCheckResult> results, string stamp)
        {
            var sb = new StringBuilder();
            // One pass to group: a lookup per host would make the summary quadratic in the hosts.
            var byHost = results.ToLookup(r => r.Target, StringComparer.Ordinal);
            var hosts = byHost.Select(g => g.Key).ToList();
            sb.Append("HxLiteLLM pre-flight ").Append(stamp).Append('\n');
            sb.Append(hosts.Count).Append(" hosts, ").Append(results.Count).Append(" checks: ")
                .Append(string.Join(", ", Enum.GetValues(typeof(HxStatus)).Cast<HxStatus>().Select(s => results.Count(r => r.Status == s) + " " + s.ToString().ToLowerInvariant())))
                .Append('\n');
            foreach (var host in hosts.OrderBy(h => h, StringComparer.Ordinal))
            {
                var own = byHost[host].ToList();
                var verdict = own.Any(r => r.Status == HxStatus.Failed) ? "FAILED" : own.Any(r => r.Status == HxStatus.Skipped) ? "INCOMPLETE" : "READY";
                sb.Append('\n').Append(host).Append(": ").Append(verdict).Append('\n');
                foreach (var r in own)
                {
                    sb.Append("  ").Append(r.Status.ToString().PadRight(8)).Append(r.Check.PadRight(14)).Append(r.Message).Append('\n');
                    if (r.Status != HxStatus.Passed && r.Remediation.Length > 0) sb.Append("  ").Append(' ', 22).Append("fix: ").Append(r.Remediation).Append('\n');
                }
            }
            return sb.ToString();
        }
    }
}
