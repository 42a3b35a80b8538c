namespace HxLiteLLM.Results
{
    /// <summary>
    /// The seed's task ids (the execution guide's TASK-3.0x.yy), so every result, report and evidence file can be traced
    /// to the requirement it implements.
    /// </summary>
    public static class SeedTask
    {
        public const string Dns = "3.01.01";
        public const string Network = "3.01.02";
        public const string Domain = "3.01.03";
        public const string CaTrust = "3.01.04";
        public const string Python = "3.01.05";
        public const string Evidence = "3.01.06";
        public const string AddGroup = "3.02.01";
        public const string GroupVars = "3.02.02";
        public const string Vault = "3.02.03";
        public const string Quarantine = "3.02.04";
        public const string ValidateVariables = "3.02.05";
        public const string RoleStructure = "3.03.01";
        public const string ValidateTemplates = "3.03.02";
        public const string RenderTemplates = "3.03.03";
        public const string DocumentIssues = "3.03.04";

        /// <summary>REQ-3.01 for 3.01.xx; empty for an empty or unknown task.</summary>
        public static string RequirementOf(string task) =>
            task.Length >= 4 && task.StartsWith("3.0", System.StringComparison.Ordinal) ? "REQ-" + task.Substring(0, 4) : "";
    }
}
