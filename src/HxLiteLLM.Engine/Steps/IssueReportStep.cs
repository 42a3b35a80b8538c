using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Steps
{
    /// <summary>
    /// Seed step 3.03.04: issues/full_report.txt, analysis.txt, remediation.ps1 and (for fixes on the hosts) remediation.sh,
    /// executable (0755) as the seed runs it directly. Anything shaped like an API key is masked.
    /// </summary>
    public static class IssueReportStep
    {
        public const string Folder = "issues";
        private const int ExecutableMode = 0x1ED;

        /// <summary>Writes the report files into <paramref name="issuesFolder"/> (asking before each).</summary>
        public static StepOutcome Run(StepContext context, IReadOnlyCollection<HxCheckResult> results, string issuesFolder)
        {
            var outcome = new StepOutcome(SeedTask.DocumentIssues);
            var parent = Path.GetDirectoryName(issuesFolder);
            if (parent != null && File.Exists(parent)) throw HxFileError.IsFile(parent);
            foreach (var r in results)
            {
                foreach (var text in new[] { r.Message, r.Remediation, r.Target, r.EvidencePath })
                {
                    foreach (Match m in SecretPatterns.ApiKey.Matches(text ?? "")) context.Redactor.Register(m.Value);
                }
            }
            var files = IssueReportWriter.Write(results, context.Redactor, DateTime.UtcNow);
            foreach (var file in files)
            {
                var path = Path.Combine(issuesFolder, file.Key);
                var change = new HxFileChange(path, "WriteIssueReport") { Item = file.Key, Changed = true };
                outcome.Changes.Add(change);
                if (!context.ShouldProcess(path, "Write " + file.Key + " (" + ReportText.Count(results.Count, "result") + ")"))
                {
                    change.WhatIf = true;
                    continue;
                }
                try
                {
                    AtomicFile.WriteAllText(path, file.Value, file.Key.EndsWith(".sh", StringComparison.Ordinal) ? ExecutableMode : (int?)null);
                }
                catch (Exception error) when (HxFileError.IsFileSystemError(error))
                {
                    throw HxFileError.From("IssueReportIOError", path, error, writing: true);
                }
            }
            var issues = results.Count(r => r.Status == HxStatus.Failed || r.Status == HxStatus.Warning);
            var report = Path.Combine(issuesFolder, IssueReportWriter.FullReportFile);
            outcome.ReportPath = outcome.Changes.Any(c => !c.WhatIf) ? report : "";
            outcome.Add(new HxCheckResult("RoleValidation", "IssueReport", issuesFolder, HxStatus.Passed,
                ReportText.Count(issues, "issue") + " of " + ReportText.Count(results.Count, "result") + " documented"
                    + (files.ContainsKey("remediation.sh") ? "; remediation.sh for the hosts" : ""))
            {
                Category = HxCategory.Role,
                EvidencePath = outcome.ReportPath,
            });
            return outcome;
        }
    }
}
