using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// The gateway's own name and every backend name resolved on the target with its own resolver
    /// (<c>getent ahosts</c>, so /etc/hosts, nsswitch and /etc/resolv.conf count as they will for LiteLLM): the seed's
    /// troubleshooting step "check /etc/resolv.conf on the target", done for every host.
    /// </summary>
    public static class TargetDnsCheck
    {
        /// <summary>Shell variable holding the host's own name, set per host in front of the shared probe script.</summary>
        public const string SelfVariable = "hx_self";
        private const string NameMarker = "#hx-name ";
        private const string ExitMarker = "#hx-exit ";

        /// <summary>The names every host resolves: backend and TLS endpoint hosts that are not addresses, each once.</summary>
        public static IReadOnlyList<string> SharedNames(IEnumerable<BackendEndpoint> endpoints) =>
            endpoints.Select(e => e.Host).Where(h => !IPAddress.TryParse(h, out _) && IsHostName(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Letters, digits, '.', '-', '_': a name that can neither be an option nor forge the section's marker lines.</summary>
        internal static bool IsHostName(string name) =>
            name.Length > 0 && name.Length <= 253 && name[0] != '-'
                && name.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');

        /// <summary>The section's command: each name (all quoted, they come from input) through getent, with its exit code.</summary>
        public static string Command(IReadOnlyList<string> sharedNames) =>
            "command -v getent >/dev/null 2>&1 || exit 127; for n in \"$" + SelfVariable + "\""
                + string.Concat(sharedNames.Select(n => " " + SshConnection.ShellQuote(n)))
            + "; do [ -n \"$n\" ] || continue; printf '" + NameMarker + "%s\\n' \"$n\"; getent ahosts -- \"$n\"; printf '" + ExitMarker + "%s\\n' \"$?\"; done";

        /// <summary>The line that sets the host's own name in front of the script (empty name: none to check).</summary>
        public static string SelfAssignment(string? name) => SelfVariable + "=" + SshConnection.ShellQuote(name != null && IsHostName(name) ? name : "") + "\n";

        public static HxCheckResult Evaluate(string target, ProbeSection? section, string? dnsServer)
        {
            if (section == null || section.CommandMissing || (!section.Succeeded && !section.Output.Contains(NameMarker)))
            {
                return Result(target, HxStatus.Failed, "could not resolve names on the target: " + Evidence.Brief(section), "install getent (libc-bin) on "
                    + target);
            }
            var answers = Read(section.Output);
            if (answers.Count == 0) return Result(target, HxStatus.Skipped,
                "no names to resolve on the target: the host and its backends are given as addresses");
            var unresolved = answers.Where(a => a.Addresses.Count == 0).ToList();
            var resolved = string.Join("; ", answers.Where(a => a.Addresses.Count > 0).Select(a => a.Name + " -> " + string.Join(", ", a.Addresses)));
            if (unresolved.Count == 0) return Result(target, HxStatus.Passed, "the target's resolver resolves " + resolved);
            var names = string.Join(", ", unresolved.Select(a => a.Name + " (getent exit " + a.Exit + ")"));
            var nameserver = dnsServer == null ? "the internal DNS servers" : "the internal DNS server (" + dnsServer + ")";
            return Result(target, HxStatus.Failed,
                "the target's own resolver does not resolve " + names + (resolved.Length > 0 ? "; it does resolve " + resolved : ""),
                "check /etc/resolv.conf on " + target + ": its nameserver lines must point at " + nameserver
                    + " that resolve the internal domains; verify with: getent ahosts " + unresolved[0].Name);
        }

        private static List<(string Name, List<string> Addresses, string Exit)> Read(string output)
        {
            var answers = new List<(string Name, List<string> Addresses, string Exit)>();
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith(NameMarker, StringComparison.Ordinal)) answers.Add((line.Substring(NameMarker.Length), new List<string>(), "?"));
                else if (answers.Count == 0) continue;
                else if (line.StartsWith(ExitMarker, StringComparison.Ordinal))
                {
                    var last = answers[answers.Count - 1];
                    var exit = line.Substring(ExitMarker.Length).Trim();
                    if (exit != "0") last.Addresses.Clear();
                    answers[answers.Count - 1] = (last.Name, last.Addresses, exit);
                }
                else
                {
                    // getent ahosts: "ADDRESS STREAM name" lines; each address is listed per socket type, kept once.
                    var address = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                    var addresses = answers[answers.Count - 1].Addresses;
                    if (address != null && IPAddress.TryParse(address, out _) && !addresses.Contains(address)) addresses.Add(address);
                }
            }
            return answers;
        }

        private static HxCheckResult Result(string target, string status, string message, string remediation = "") =>
            PreflightCheckNames.Result(PreflightCheckNames.DnsFromTarget, target, status, HxCategory.Dns, message, remediation);
    }
}
