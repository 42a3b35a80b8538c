using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Reporting
{
    /// <summary>
    /// The issue report of a run: <c>full_report.txt</c> (every non-passing result), <c>analysis.txt</c> (counts by
    /// failure category) and the remediation scripts built from the results' Remediation commands:
    /// PowerShell commands go to <c>remediation.ps1</c>, shell commands to <c>remediation.sh</c> grouped by target.
    /// Everything passes through the redactor.
    /// </summary>
    public static class IssueReportWriter
    {
        private static readonly Regex PowerShellCommand = new Regex(@"^[A-Z][a-z]+-[A-Za-z]+\b", RegexOptions.CultureInvariant);

        /// <summary>The report the seed's troubleshooting reads: cat .evidence/litellm_role_validation/*/issues/full_report.txt.</summary>
        public const string FullReportFile = "full_report.txt";

        public static IReadOnlyDictionary<string, string> Write(IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor, DateTime generatedUtc)
        {
            var issues = results.Where(r => r.Status == HxStatus.Failed || r.Status == HxStatus.Warning).ToList();
            var stamp = ReportText.Time(generatedUtc);
            var files = new Dictionary<string, string>
            {
                [FullReportFile] = FullReport(results, issues, generatedUtc),
                ["analysis.txt"] = Analysis(issues, stamp),
                ["remediation.ps1"] = PowerShellScript(issues, stamp),
            };
            var shell = ShellScript(issues, stamp);
            if (shell != null) files["remediation.sh"] = shell;
            return files.ToDictionary(kv => kv.Key, kv => redactor.Redact(kv.Value));
        }

        private static string FullReport(IReadOnlyCollection<HxCheckResult> all, List<HxCheckResult> issues, DateTime generatedUtc)
        {
            var sb = ReportText.Header("HxLiteLLM issue report", SeedTask.DocumentIssues, ReportText.Targets(issues.Select(r => r.Target)), generatedUtc, all);
            if (issues.Count == 0) return sb.Append("\nNo issues.\n").ToString();
            foreach (var phase in issues.GroupBy(r => r.Phase))
            {
                sb.Append("\n== ").Append(phase.Key).Append(" ==\n");
                foreach (var r in phase)
                {
                    sb.Append('\n').Append(r.Status.ToString().ToUpperInvariant()).Append(' ').Append(r.Check).Append(" on ").Append(r.Target)
                      .Append(" [").Append(r.Category).Append("]\n  ").Append(r.Message.Replace("\n", "\n  ")).Append('\n');
                    if (r.Remediation.Length > 0) sb.Append("  Fix: ").Append(r.Remediation.Replace("\n", "\n       ")).Append('\n');
                    if (r.EvidencePath.Length > 0) sb.Append("  Evidence: ").Append(r.EvidencePath).Append('\n');
                }
            }
            return sb.ToString();
        }

        private static string Analysis(List<HxCheckResult> issues, string stamp)
        {
            var sb = new StringBuilder("HxLiteLLM issue analysis\nGenerated: ").Append(stamp).Append("\n\n");
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-12} {1,7} {2,8} {3}\n", "Category", "Failed", "Warning", "Targets"));
            foreach (var category in issues.GroupBy(r => r.Category).OrderByDescending(g => g.Count(r => r.Status == HxStatus.Failed)).ThenBy(g => g.Key.ToString()))
            {
                sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-12} {1,7} {2,8} {3}\n", category.Key,
                    category.Count(r => r.Status == HxStatus.Failed), category.Count(r => r.Status == HxStatus.Warning),
                    string.Join(", ", category.Select(r => r.Target).Distinct())));
            }
            if (issues.Count == 0) sb.Append("(none)\n");
            return sb.ToString();
        }

        private enum LineKind { PowerShell, Shell, Prose }

        /// <summary>One line of a result's remediation text, classified so only real commands become runnable.</summary>
        private sealed class RemediationLine
        {
            public RemediationLine(HxCheckResult result, string text)
            {
                Result = result;
                Text = text;
                Kind = PowerShellCommand.IsMatch(text) ? LineKind.PowerShell : ShellCommand.IsMatch(text) ? LineKind.Shell : LineKind.Prose;
            }

            public HxCheckResult Result { get; }
            public string Text { get; }
            public LineKind Kind { get; }

            /// <summary>Advice in prose follows the phase: pre-flight advice is for the target hosts, the rest for the controller.</summary>
            public bool ForShell => Kind == LineKind.Shell || (Kind == LineKind.Prose && Result.Phase == PreflightPhase);

            /// <summary>
            /// The line as it goes into a script: prose, and commands still holding a &lt;placeholder&gt; (which a shell
            /// would read as a redirection), are comments, so running the script never runs advice or half a command.
            /// </summary>
            public string ScriptLine =>
                Kind == LineKind.Prose ? "# " + Comment(Text)
                : Placeholder.IsMatch(Text) ? "# fill in the <placeholders>, then run: " + Comment(Text)
                : ActsOutsideSingleQuotes(Text, Kind) ? "# not run: outside single quotes it holds what a shell acts on ($ ` ; & | < > ( ) { }; review it): "
                    + Comment(Text)
                : Text;
        }

        private const string PreflightPhase = "Preflight";

        /// <summary>Commands a remediation names for a Linux target; anything else that is not a cmdlet call is advice in prose.</summary>
        private static readonly Regex ShellCommand = new Regex(
            @"^(sudo|apt-get|apt|dnf|yum|realm|kinit|update-ca-certificates|update-ca-trust|cp|install|mkdir|chmod|chown|ln|systemctl|python3[\d.]*|pip3?|openssl|ssh-keygen|ssh-keyscan|visudo|usermod|ansible[\w-]*)(\s|$)",
            RegexOptions.CultureInvariant);

        private static readonly Regex Placeholder = new Regex(@"<[^<>\s][^<>]*>", RegexOptions.CultureInvariant);

        private static IEnumerable<RemediationLine> Lines(List<HxCheckResult> issues) =>
            issues.Where(r => r.Status == HxStatus.Failed)
                .SelectMany(r => r.Remediation.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => new RemediationLine(r, l)));

        private static string PowerShellScript(List<HxCheckResult> issues, string stamp)
        {
            var sb = new StringBuilder("# HxLiteLLM remediation (PowerShell), generated ").Append(stamp).Append('\n')
                .Append("# Review every command before running it. Commands for the target hosts are in remediation.sh.\n")
                .Append("$ErrorActionPreference = 'Stop'\n");
            var lines = Lines(issues).Where(l => !l.ForShell).ToList();
            foreach (var result in lines.GroupBy(l => l.Result))
            {
                var r = result.Key;
                sb.Append("\n# ").Append(Comment(r.Phase + "/" + r.Check + " on " + r.Target + ": " + FirstLine(r.Message))).Append('\n');
                foreach (var line in result.Select(l => l.ScriptLine).Distinct()) sb.Append(line).Append('\n');
            }
            if (lines.Count == 0) sb.Append("\n# Nothing to run here.\n");
            return sb.ToString();
        }

        private static string? ShellScript(List<HxCheckResult> issues, string stamp)
        {
            var lines = Lines(issues).Where(l => l.ForShell).ToList();
            if (lines.Count == 0) return null;
            var sb = new StringBuilder("#!/bin/sh\n# HxLiteLLM remediation (shell), generated ").Append(stamp).Append('\n')
                .Append("# Run each block on the host it names. Review every command first.\nset -e\n");
            foreach (var target in lines.GroupBy(l => l.Result.Target))
            {
                sb.Append("\n# --- ").Append(Comment(target.Key)).Append(" ---\n");
                foreach (var check in target.GroupBy(l => l.Result.Check))
                {
                    sb.Append("# ").Append(Comment(check.Key)).Append('\n');
                    foreach (var line in check.Select(l => l.ScriptLine).Distinct()) sb.Append(line).Append('\n');
                }
            }
            return sb.ToString();
        }

        /// <summary>Text for a comment line: control characters (a newline in a host name) shown as \uXXXX, so nothing breaks out of the comment.</summary>
        private static string Comment(string text) => IO.ContainedPath.Printable(text);

        /// <summary>
        /// True when the command holds, outside single quotes, what the shell (or PowerShell) acts on beyond running
        /// the one command: <c>$</c> or a backtick (expansion), <c>; &amp; | &lt; &gt; ( ) { }</c> (another command, a
        /// redirection, a subshell), a control character. So a value from input that was not quoted cannot become a
        /// command. The forms the remediations themselves use stay runnable: " &amp;&amp; " between two commands, and in
        /// PowerShell a pipe into one of this module's cmdlets. Quoted values are inert.
        /// </summary>
        private static bool ActsOutsideSingleQuotes(string command, LineKind kind)
        {
            var quoted = false;
            for (var i = 0; i < command.Length; i++)
            {
                var c = command[i];
                if (c == '\'') quoted = !quoted; // PowerShell's '' inside quotes toggles twice: still quoted
                else if (char.IsControl(c)) return true;
                else if (quoted || ShellActs.IndexOf(c) < 0) continue;
                else if (c == '&' && i > 0 && string.CompareOrdinal(command, i - 1, " && ", 0, 4) == 0) i++;
                else if (!(c == '|' && kind == LineKind.PowerShell && PipeIntoModuleCmdlet.IsMatch(command.Substring(i)))) return true;
            }
            return quoted;
        }

        private const string ShellActs = "$`;&|<>(){}";

        private static readonly Regex PipeIntoModuleCmdlet = new Regex(@"^\| [A-Z][a-z]+-Hx[A-Za-z]+(\s|$)", RegexOptions.CultureInvariant);

        private static string FirstLine(string text)
        {
            var i = text.IndexOf('\n');
            return i < 0 ? text : text.Substring(0, i);
        }
    }
}
