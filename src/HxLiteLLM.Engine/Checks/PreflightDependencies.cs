using System.Collections.Generic;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// The dependency graph of the pre-flight steps of one host:
    /// <code>
    /// Dns ──► Connection ──► DnsFromTarget, NetworkConfig, Backend, DomainJoin, Sudo, CaTrust, TlsEndpoint, PythonRuntime
    /// </code>
    /// Dns → Connection is soft, and holds only when the connection goes to the name DNS checked: a name that does
    /// not resolve (or resolves wrongly) makes the rest of the host Skipped, unless ContinueOnFailure; a host reached
    /// at an ansible_host address is connected to whatever its inventory name's DNS says. Connection → the remote
    /// checks is hard: without a connection they cannot run, so they are Skipped even with ContinueOnFailure. The
    /// remote checks do not depend on each other (they read independent sections of the one probe script), so all of
    /// them run and report even when one fails. A Warning never blocks.
    /// <para>The strict order (<see cref="PreflightOptions.StrictOrder"/>) is the seed's chain instead, 3.01.01 → 3.01.05
    /// in report order: a check runs only when no earlier check of the host failed.</para>
    /// </summary>
    public static class PreflightDependencies
    {
        private static readonly Dictionary<string, string> Parent = new Dictionary<string, string>
        {
            [PreflightCheckNames.Connection] = PreflightCheckNames.Dns,
            [PreflightCheckNames.DnsFromTarget] = PreflightCheckNames.Connection,
            [PreflightCheckNames.NetworkConfig] = PreflightCheckNames.Connection,
            [PreflightCheckNames.Backend] = PreflightCheckNames.Connection,
            [PreflightCheckNames.DomainJoin] = PreflightCheckNames.Connection,
            [PreflightCheckNames.Sudo] = PreflightCheckNames.Connection,
            [PreflightCheckNames.CaTrust] = PreflightCheckNames.Connection,
            [PreflightCheckNames.TlsEndpoint] = PreflightCheckNames.Connection,
            [PreflightCheckNames.PythonRuntime] = PreflightCheckNames.Connection,
        };

        /// <summary>The step a check waits for, or null for the root (Dns).</summary>
        public static string? DependsOn(string check) => Parent.TryGetValue(check, out var p) ? p : null;

        /// <summary>
        /// The failed step that blocks <paramref name="check"/>, walking up the graph; null when it may run.
        /// Soft edges (into Connection) are ignored with <paramref name="continueOnFailure"/>.
        /// </summary>
        public static string? BlockedBy(string check, ISet<string> failed, bool continueOnFailure)
        {
            for (var current = DependsOn(check); current != null; current = DependsOn(current))
            {
                var hard = current == PreflightCheckNames.Connection;
                if (failed.Contains(current) && (hard || !continueOnFailure)) return current;
            }
            return null;
        }

        /// <summary>The message of a result skipped because of a failed step.</summary>
        public static string SkipMessage(string failedCheck) => "dependency " + failedCheck + " failed";

        /// <summary>The message of a result skipped by the strict order.</summary>
        public static string StrictSkipMessage(string failedCheck) =>
            "not run (strict order): " + failedCheck + " (TASK-" + PreflightCheckNames.TaskOf(failedCheck) + ") failed before it";
    }
}
