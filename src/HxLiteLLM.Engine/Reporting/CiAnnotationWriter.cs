using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Reporting
{
    /// <summary>The CI system a run is in, from the variables the runners set.</summary>
    public enum CiSystem
    {
        None,
        GitHubActions,
        AzurePipelines,
    }

    /// <summary>
    /// Failures and warnings as the CI system's own annotations (GitHub workflow commands, Azure DevOps logging
    /// commands) and, for GitHub, a Markdown step summary.
    /// </summary>
    public static class CiAnnotationWriter
    {
        public static CiSystem Detect(Func<string, string?> environment)
        {
            if (string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)) return CiSystem.GitHubActions;
            if (string.Equals(environment("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase)) return CiSystem.AzurePipelines;
            return CiSystem.None;
        }

        /// <summary>One line per Failed or Warning result, in the system's syntax.</summary>
        public static IEnumerable<string> Annotations(CiSystem system, IEnumerable<HxCheckResult> results, SecretRedactor redactor)
        {
            foreach (var r in results.Where(r => r.Status == HxStatus.Failed || r.Status == HxStatus.Warning))
            {
                var level = r.Status == HxStatus.Failed ? "error" : "warning";
                var title = r.Phase + "/" + r.Check + " (" + r.Target + ")";
                var text = r.Message + (r.Remediation.Length > 0 ? " Remediation: " + r.Remediation : "");
                text = redactor.Redact(text);
                title = redactor.Redact(title);
                switch (system)
                {
                    case CiSystem.GitHubActions:
                        yield return "::" + level + " title=" + GitHubProperty(title) + "::" + GitHubData(text);
                        break;
                    case CiSystem.AzurePipelines:
                        yield return "##vso[task.logissue type=" + level + "]" + AzureData(title + ": " + text);
                        break;
                }
            }
        }

        /// <summary>Markdown for $GITHUB_STEP_SUMMARY: counts per phase, then every failure.</summary>
        public static string StepSummary(IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor)
        {
            var sb = new StringBuilder("## HxLiteLLM\n\n| Phase | Passed | Failed | Warning | Skipped |\n|---|---:|---:|---:|---:|\n");
            foreach (var phase in results.GroupBy(r => r.Phase))
            {
                sb.Append("| ").Append(phase.Key);
                foreach (var status in new[] { HxStatus.Passed, HxStatus.Failed, HxStatus.Warning, HxStatus.Skipped })
                {
                    sb.Append(" | ").Append(phase.Count(r => r.Status == status));
                }
                sb.Append(" |\n");
            }
            var failed = results.Where(r => r.Status == HxStatus.Failed).ToList();
            if (failed.Count > 0)
            {
                sb.Append("\n### Failed\n\n| Check | Target | Message | Remediation |\n|---|---|---|---|\n");
                foreach (var r in failed)
                {
                    sb.Append("| ").Append(Cell(r.Phase + "/" + r.Check)).Append(" | ").Append(Cell(redactor.Redact(r.Target)))
                      .Append(" | ").Append(Cell(redactor.Redact(r.Message))).Append(" | ").Append(Cell(redactor.Redact(r.Remediation))).Append(" |\n");
                }
            }
            return sb.ToString();
        }

        private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", "").Replace("\n", "<br>");

        private static string GitHubData(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        private static string GitHubProperty(string text) => GitHubData(text).Replace(":", "%3A").Replace(",", "%2C");

        private static string AzureData(string text) =>
            text.Replace("%", "%AZP25").Replace(";", "%3B").Replace("\r", "%0D").Replace("\n", "%0A").Replace("]", "%5D");
    }
}
