using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;

namespace HxLiteLLM.Reporting
{
    /// <summary>
    /// Finishes and packs the evidence of results that already ran: finds each result's run folder
    /// (&lt;root&gt;/&lt;area&gt;/&lt;stamp&gt;/) from its EvidencePath, writes the human summary and results.json there, and zips it.
    /// </summary>
    public static class EvidenceExport
    {
        private static readonly string[] Areas = { EvidenceArea.Preflight, EvidenceArea.RoleValidation, EvidenceArea.InventoryValidation };

        /// <summary>The run folder an evidence file belongs to, or null when it is not inside one.</summary>
        public static string? RunFolderOf(string evidencePath)
        {
            var dir = new DirectoryInfo(Directory.Exists(evidencePath) ? evidencePath : Path.GetDirectoryName(evidencePath) ?? evidencePath);
            for (; dir?.Parent != null; dir = dir.Parent)
            {
                if (Areas.Contains(dir.Parent.Name, StringComparer.Ordinal)) return dir.FullName;
            }
            return null;
        }

        /// <summary>Writes summary and results.json into the run folder, packs it, returns the archive path.</summary>
        public static string Export(string runFolder, IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor, string? archivePath = null)
        {
            var stamp = Path.GetFileName(runFolder);
            var area = Path.GetFileName(Path.GetDirectoryName(runFolder)!);
            var summaryName = area == EvidenceArea.Preflight ? PreflightReport.SummaryFile : "summary.txt";
            AtomicFile.WriteAllText(Path.Combine(runFolder, "results.json"), redactor.Redact(EvidenceStore.ResultsJson(results)));
            AtomicFile.WriteAllText(Path.Combine(runFolder, summaryName), redactor.Redact(PreflightReport.Summary(results, stamp)));
            var zip = archivePath ?? runFolder + ".zip";
            var temp = zip + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
            ZipFile.CreateFromDirectory(runFolder, temp, CompressionLevel.Optimal, includeBaseDirectory: true);
            if (File.Exists(zip)) File.Delete(zip);
            File.Move(temp, zip);
            return zip;
        }
    }
}
