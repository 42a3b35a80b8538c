using System.Collections.Generic;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// Outcome of one check on one target. Text constants rather than an enum, so ConvertTo-Json and Export-Csv
    /// write the name ("Failed") without switches, and scripts compare with -eq 'Failed' or [HxLiteLLM.Results.HxStatus]::Failed.
    /// </summary>
    public static class HxStatus
    {
        public const string Passed = "Passed";
        public const string Failed = "Failed";
        public const string Warning = "Warning";
        public const string Skipped = "Skipped";

        /// <summary>Every status, in the order reports count them.</summary>
        public static readonly IReadOnlyList<string> All = new[] { Passed, Failed, Warning, Skipped };

        /// <summary>How every report, log and summary spells its counts: "3 passed, 0 failed, 1 warning, 2 skipped".</summary>
        public static string CountText(int passed, int failed, int warnings, int skipped) =>
            passed + " passed, " + failed + " failed, " + warnings + (warnings == 1 ? " warning, " : " warnings, ") + skipped + " skipped";
    }

    /// <summary>Failure class of a result, for grouping in reports and remediation; text constants like <see cref="HxStatus"/>.</summary>
    public static class HxCategory
    {
        public const string None = "None";
        public const string Dns = "Dns";
        public const string Tcp = "Tcp";
        public const string Http = "Http";
        public const string Tls = "Tls";
        public const string Auth = "Auth";
        public const string HostKey = "HostKey";
        public const string Privilege = "Privilege";
        public const string Domain = "Domain";
        public const string Trust = "Trust";
        public const string Runtime = "Runtime";
        public const string Config = "Config";
        public const string Inventory = "Inventory";
        public const string Vault = "Vault";
        public const string Template = "Template";
        public const string Role = "Role";
        public const string Dependency = "Dependency";
        /// <summary>A task of a deploy playbook failed on a host.</summary>
        public const string Deploy = "Deploy";
        public const string Internal = "Internal";
    }
}
