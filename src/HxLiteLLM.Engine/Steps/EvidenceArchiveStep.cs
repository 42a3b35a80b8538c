using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;

namespace HxLiteLLM.Steps
{
    /// <summary>
    /// Seed step 3.01.06: a run folder's summary and results.json written for exactly the given results, and the folder packed
    /// into an archive (&lt;run folder&gt;.zip by default). The summary is the pre-flight one for api-preflight runs and the
    /// generic step report for the other areas.
    /// </summary>
    public static class EvidenceArchiveStep
    {
        private static readonly string[] Areas = { EvidenceArea.Preflight, EvidenceArea.RoleValidation, EvidenceArea.InventoryValidation };

        /// <summary>The run folder (&lt;root&gt;/&lt;area&gt;/&lt;stamp&gt;) an evidence file belongs to, or null when it is not inside one.</summary>
        public static string? RunFolderOf(string evidencePath)
        {
            var dir = new DirectoryInfo(Directory.Exists(evidencePath) ? evidencePath : Path.GetDirectoryName(evidencePath) ?? evidencePath);
            for (; dir?.Parent != null; dir = dir.Parent)
            {
                if (Areas.Contains(dir.Parent.Name, StringComparer.Ordinal)) return dir.FullName;
            }
            return null;
        }

        public static StepOutcome Run(StepContext context, string runFolder, IReadOnlyCollection<HxCheckResult> results, string? archivePath = null)
        {
            var outcome = new StepOutcome(SeedTask.Evidence);
            var stamp = Path.GetFileName(runFolder);
            var area = Path.GetFileName(Path.GetDirectoryName(runFolder)!);
            if (archivePath != null && Directory.Exists(archivePath)) throw HxFileError.IsFolder(archivePath);
            var zip = archivePath ?? runFolder + ".zip";
            var change = new HxFileChange(zip, "ExportEvidence") { Item = runFolder, Added = new HxNameList(new[] { results.Count + " results" }),
                Changed = true };
            outcome.Changes.Add(change);
            if (!context.ShouldProcess(zip, "Write the summary and results.json into " + runFolder + " and pack it"))
            {
                change.WhatIf = true;
                outcome.Add(new HxCheckResult(PhaseOf(area), "EvidenceArchive", zip, HxStatus.Skipped, "would pack " + runFolder
                    + " (-WhatIf)") { Category = HxCategory.Config });
                return outcome;
            }
            var summaryName = area == EvidenceArea.Preflight ? PreflightReport.SummaryFile : "summary.txt";
            var summary = area == EvidenceArea.Preflight
                ? PreflightReport.Summary(results, stamp, DateTime.UtcNow)
                : ReportText.Report("HxLiteLLM " + area + " " + stamp, results.Select(r => r.Task).FirstOrDefault(t => t.Length > 0) ?? "", runFolder,
                    DateTime.UtcNow, results);
            var temp = zip + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
            List<string> leftOut;
            try
            {
                AtomicFile.WriteAllText(Path.Combine(runFolder, EvidenceStore.ResultsFile), context.Redactor.Redact(EvidenceStore.ResultsJson(results)));
                AtomicFile.WriteAllText(Path.Combine(runFolder, summaryName), context.Redactor.Redact(summary));
                leftOut = Pack(runFolder, temp);
                if (File.Exists(zip)) File.Delete(zip);
                File.Move(temp, zip);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is HxException)
            {
                // The run's results stand; only the archive is missing, and the message names the file that stopped it.
                if (File.Exists(temp)) File.Delete(temp);
                change.Changed = false;
                outcome.Add(new HxCheckResult(PhaseOf(area), "EvidenceArchive", zip, HxStatus.Failed, "could not pack " + runFolder + ": " + e.Message)
                {
                    Category = HxCategory.Internal,
                    Remediation = "Check the file named, free space and permissions of " + runFolder + ", then Export-HxEvidence",
                });
                return outcome;
            }
            outcome.ReportPath = zip;
            var packed = "summary, results.json and the evidence of " + results.Count + " results packed into " + zip;
            outcome.Add(leftOut.Count == 0
                ? new HxCheckResult(PhaseOf(area), "EvidenceArchive", zip, HxStatus.Passed, packed) { Category = HxCategory.Config, EvidencePath = zip }
                : new HxCheckResult(PhaseOf(area), "EvidenceArchive", zip, HxStatus.Warning, packed + "; left out, as symbolic links HxLiteLLM never wrote: "
                    + string.Join(", ", leftOut))
                {
                    EvidencePath = zip,
                    Category = HxCategory.Config,
                    Remediation = "Find out who planted the links in " + runFolder + " and remove them",
                });
            return outcome;
        }

        /// <summary>
        /// The run folder packed as ZipFile.CreateFromDirectory(includeBaseDirectory) packs it (files, and entries for empty
        /// folders), except that no symbolic link is followed: a linked file or folder is left out, so nothing from outside
        /// the run folder reaches the archive. Returns what was left out.
        /// </summary>
        private static List<string> Pack(string runFolder, string zipPath)
        {
            var leftOut = new List<string>();
            using (var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                void Add(DirectoryInfo folder, string entryPrefix)
                {
                    var any = false;
                    foreach (var item in folder.EnumerateFileSystemInfos())
                    {
                        any = true;
                        var name = entryPrefix + "/" + item.Name;
                        if ((item.Attributes & FileAttributes.ReparsePoint) != 0) leftOut.Add(item.FullName);
                        else if (item is DirectoryInfo sub) Add(sub, name);
                        else archive.CreateEntryFromFile(item.FullName, name, CompressionLevel.Optimal);
                    }
                    if (!any) archive.CreateEntry(entryPrefix + "/");
                }
                Add(new DirectoryInfo(runFolder), Path.GetFileName(runFolder));
            }
            return leftOut;
        }

        private static string PhaseOf(string area) =>
            area == EvidenceArea.Preflight ? "Preflight" : area == EvidenceArea.InventoryValidation ? "Inventory" : "RoleValidation";
    }
}
