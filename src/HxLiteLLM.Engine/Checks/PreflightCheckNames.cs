using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>Names of the checks in results and of their evidence folders under api-preflight/&lt;stamp&gt;/.</summary>
    public static class PreflightCheckNames
    {
        public const string Phase = "Preflight";
        public const string Dns = "Dns";
        public const string DnsFromTarget = "DnsFromTarget";
        public const string Connection = "Connection";
        public const string NetworkConfig = "NetworkConfig";
        public const string Backend = "Backend";
        public const string DomainJoin = "DomainJoin";
        public const string Sudo = "Sudo";
        public const string CaTrust = "CaTrust";
        public const string TlsEndpoint = "TlsEndpoint";
        public const string PythonRuntime = "PythonRuntime";

        /// <summary>Evidence folder of a check, as the playbooks lay out the api-preflight area.</summary>
        public static string EvidenceFolder(string check) => check switch
        {
            Dns or DnsFromTarget => "dns",
            Connection or NetworkConfig or Backend => "network",
            DomainJoin or Sudo => "domain",
            CaTrust or TlsEndpoint => "ca-trust",
            _ => "python",
        };

        /// <summary>
        /// The checks a -Check value turns on: a result's Check name (NetworkConfig and Backend share the network probe,
        /// CaTrust and TlsEndpoint the trust step; Connection always runs), or one of the earlier names Network and Python.
        /// </summary>
        public static PreflightChecks Selection(string check) => check switch
        {
            Dns => PreflightChecks.Dns,
            DnsFromTarget => PreflightChecks.DnsFromTarget,
            NetworkConfig or Backend or "Network" => PreflightChecks.Network,
            DomainJoin => PreflightChecks.DomainJoin,
            Sudo => PreflightChecks.Sudo,
            CaTrust or TlsEndpoint => PreflightChecks.CaTrust,
            PythonRuntime or "Python" => PreflightChecks.Python,
            _ => throw new HxException("UnknownCheck", "'" + check + "' names no pre-flight check.", kind: HxErrorKind.InvalidArgument),
        };

        /// <summary>The seed task a check implements (TASK-3.01.0x of the execution guide).</summary>
        public static string TaskOf(string check) => check switch
        {
            Dns or DnsFromTarget => SeedTask.Dns,
            Connection or NetworkConfig or Backend => SeedTask.Network,
            DomainJoin or Sudo => SeedTask.Domain,
            CaTrust or TlsEndpoint => SeedTask.CaTrust,
            PythonRuntime => SeedTask.Python,
            _ => SeedTask.Evidence,
        };

        internal static HxCheckResult Result(string check, string target, string status, string category, string message, string remediation = "") =>
            new HxCheckResult(Phase, check, target, status, message) { Category = category, Remediation = remediation, Task = TaskOf(check) };
    }
}
