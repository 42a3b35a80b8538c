using HxLiteLLM.Results;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>Results of the role validation phase share one phase name.</summary>
    internal static class RoleCheck
    {
        public const string Phase = "RoleValidation";

        public static HxCheckResult Result(string check, string target, string status, string category, string message, string remediation = "") =>
            new HxCheckResult(Phase, check, target, status, message) { Category = category, Remediation = remediation };
    }
}
