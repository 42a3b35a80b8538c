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

        /// <summary>
        /// The folder annotation paths are relative to, as the CI system maps them onto the repository: GITHUB_WORKSPACE
        /// (GitHub) or BUILD_SOURCESDIRECTORY (Azure), else the git work tree holding <paramref name="currentDirectory"/>,
        /// else <paramref name="currentDirectory"/>.
        /// </summary>
        public static string RepositoryRoot(Func<string, string?> environment, string currentDirectory)
        {
            foreach (var variable in new[] { "GITHUB_WORKSPACE", "BUILD_SOURCESDIRECTORY" })
            {
                var value = environment(variable);
                if (!string.IsNullOrEmpty(value) && System.IO.Path.IsPathRooted(value)) return Trim(System.IO.Path.GetFullPath(value));
            }
            var current = Trim(System.IO.Path.GetFullPath(currentDirectory));
            for (var folder = current; folder != null; folder = System.IO.Path.GetDirectoryName(folder))
            {
                // .git is a folder in a clone and a file in a worktree or submodule.
                var git = System.IO.Path.Combine(folder, ".git");
                if (System.IO.Directory.Exists(git) || System.IO.File.Exists(git)) return folder;
            }
            return current;
        }

        private static string Trim(string folder) => folder.Length > 1 ? folder.TrimEnd('/', '\\') : folder;

        /// <summary>
        /// <paramref name="path"/> relative to <paramref name="root"/> with '/' separators, as annotations name files; null when it
        /// is not below the root (a file outside the repository cannot be annotated).
        /// </summary>
        public static string? RelativePath(string root, string path)
        {
            if (path.Length == 0 || !System.IO.Path.IsPathRooted(path)) return path.Length == 0 ? null : path.Replace('\\', '/');
            var full = System.IO.Path.GetFullPath(path);
            var prefix = root.EndsWith("/", StringComparison.Ordinal) || root.EndsWith("\\", StringComparison.Ordinal) ? root : root
                + System.IO.Path.DirectorySeparatorChar;
            return full.StartsWith(prefix, StringComparison.Ordinal) ? full.Substring(prefix.Length).Replace('\\', '/') : null;
        }

        /// <summary>
        /// One line per Failed or Warning result, in the system's syntax. A result that names a file (<see cref="HxCheckResult.File"/>)
        /// is annotated on it, with its line and column when known; paths below <paramref name="repositoryRoot"/> are written relative
        /// to it, in the title and the text too, so no runner's absolute path shows.
        /// </summary>
        public static IEnumerable<string> Annotations(CiSystem system, IEnumerable<HxCheckResult> results, SecretRedactor redactor,
            string? repositoryRoot = null)
        {
            var rootPrefix = repositoryRoot == null ? null : Trim(repositoryRoot) + "/";
            string Relative(string text) => rootPrefix == null || rootPrefix == "/" ? text : text.Replace(rootPrefix, "");
            foreach (var r in results.Where(r => r.Status == HxStatus.Failed || r.Status == HxStatus.Warning))
            {
                var level = r.Status == HxStatus.Failed ? "error" : "warning";
                var title = Relative(redactor.Redact(r.Phase + "/" + r.Check + " (" + r.Target + ")"));
                var text = Relative(redactor.Redact(r.Message + (r.Remediation.Length > 0 ? " Remediation: " + r.Remediation : "")));
                var file = r.File.Length == 0 ? null : repositoryRoot == null ? r.File : RelativePath(Trim(repositoryRoot), r.File);
                switch (system)
                {
                    case CiSystem.GitHubActions:
                        var properties = file == null ? "" : "file=" + GitHubProperty(file) + (r.Line > 0 ? ",line=" + r.Line : "")
                            + (r.Line > 0 && r.Column > 0 ? ",col=" + r.Column : "") + ",";
                        yield return "::" + level + " " + properties + "title=" + GitHubProperty(title) + "::" + GitHubData(text);
                        break;
                    case CiSystem.AzurePipelines:
                        var location = file == null ? "" : ";sourcepath=" + AzureData(file) + (r.Line > 0 ? ";linenumber=" + r.Line : "")
                            + (r.Line > 0 && r.Column > 0 ? ";columnnumber=" + r.Column : "");
                        yield return "##vso[task.logissue type=" + level + location + "]" + AzureData(title + ": " + text);
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
