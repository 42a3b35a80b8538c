
namespace HxLiteLLM.Evidence
{
    /// <summary>Evidence areas of the audit trail, named as the playbooks name them.</summary>
    public static class EvidenceArea
    {
        public const string Preflight = "api-preflight";
        public const string RoleValidation = "litellm_role_validation";
        public const string InventoryValidation = "litellm_inventory";
        /// <summary>All results of a pipeline run, beside the phases' own areas.</summary>
        public const string Orchestration = "litellm_orchestration";
        /// <summary>Deploy-HxLiteLLM and the pipeline's Deploy and SmokeTest phases.</summary>
        public const string Deploy = "litellm_deploy";
        /// <summary>Inside the role-validation area: the redacted copies of what the render wrote, one folder per host.</summary>
        public const string RenderedFolder = "rendered";
    }
}
