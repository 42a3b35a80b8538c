namespace HxLiteLLM.Results
{
    /// <summary>Outcome of one check on one target.</summary>
    public enum HxStatus
    {
        Passed,
        Failed,
        Warning,
        Skipped,
    }

    /// <summary>Failure class of a result, for grouping in reports and remediation.</summary>
    public enum HxCategory
    {
        None,
        Dns,
        Tcp,
        Http,
        Tls,
        Auth,
        HostKey,
        Privilege,
        Domain,
        Trust,
        Runtime,
        Config,
        Inventory,
        Vault,
        Template,
        Role,
        Dependency,
        Internal,
    }
}
