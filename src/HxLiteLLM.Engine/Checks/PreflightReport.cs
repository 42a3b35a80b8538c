using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
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
            var hosts = results.Select(r => r.Target).Distinct().ToList();
            sb.Append("HxLiteLLM pre-flight ").Append(stamp).Append('\n');
            sb.Append(hosts.Count).Append(" hosts, ").Append(results.Count).Append(" checks: ")
                .Append(string.Join(", ", HxStatus.All.Select(s => results.Count(r => r.Status == s) + " " + s.ToLowerInvariant())))
                .Append('\n');
            foreach (var host in hosts.OrderBy(h => h, StringComparer.Ordinal))
            {
                var own = results.Where(r => r.Target == host).ToList();
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

        /// <summary>Packs the run folder into <c>api-preflight/&lt;stamp&gt;.zip</c> next to it and returns the archive's path.</summary>
        public static string Pack(EvidenceStore store)
        {
            var folder = store.AreaFolder(EvidenceArea.Preflight);
            var zip = folder + ".zip";
            var temp = zip + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
            ZipFile.CreateFromDirectory(folder, temp, CompressionLevel.Optimal, includeBaseDirectory: true);
            if (File.Exists(zip)) File.Delete(zip);
            File.Move(temp, zip);
            return zip;
        }
    }
}
