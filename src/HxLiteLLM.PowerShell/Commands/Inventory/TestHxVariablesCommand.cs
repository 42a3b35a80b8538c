using System.Management.Automation;
using HxLiteLLM.PowerShell.Commands.Vault;
using HxLiteLLM.Results;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Inventory
{
    /// <summary>
    /// <para type="synopsis">Checks that every host of the LiteLLM group has all required variables, valid and with secrets in a vault.</para>
    /// <para type="description">Reads the inventory as Ansible merges it (inventory lines, group_vars, host_vars), decrypting
    /// vaulted vars files and inline !vault values with the password given. Per host it checks: litellm_bind_host (IP address or
    /// host name), litellm_port (integer 1-65535), every backend URL (http/https, host, port; Ollama without /v1, vLLM and other
    /// OpenAI-compatible servers with /v1), each model entry (model_name, model with a known provider prefix, an existing
    /// backend), the master key (in an encrypted vault, sk- shaped, not an example value such as sk-1234), the salt key when a
    /// database is used, no secret in plain vars, and unknown litellm_* names (with a did-you-mean). Each check is one result
    /// with a concrete remediation command. The report (variable_validation.txt and results.json) is written to the evidence
    /// folder litellm_inventory/&lt;stamp&gt;/, with every secret masked. A vault that cannot be opened is a failed result,
    /// never a prompt. Vars files Ansible ignores (group_vars/&lt;group&gt;.yml beside group_vars/&lt;group&gt;/) are named. Seed task 3.02.05.</para>
    /// </summary>
    /// <example>
    ///   <code>Test-HxVariables -InventoryPath ./inventory/hosts.ini -VaultPasswordFile ~/.vault_pass | Where-Object Status -ne Passed</code>
    ///   <para>Lists what is missing or wrong, with the command that fixes each.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxVariables -InventoryPath ./inventory/hosts.ini -Group litellm -EvidencePath ./evidence | Export-Csv checks.csv</code>
    ///   <para>Writes the results to CSV and the report to ./evidence/litellm_inventory/&lt;stamp&gt;/variable_validation.txt.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxVariables", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxVariablesCommand : HxVaultCmdlet
    {
        /// <summary><para type="description">The inventory (file or directory), as given to ansible-inventory -i; default: the inventory of ansible.cfg or ANSIBLE_INVENTORY, as ansible-inventory finds it.</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">The group whose hosts are checked (default litellm).</para></summary>
        [Parameter(Position = 1)]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">The vault id label of the password, tried first on vaults with that label.</para></summary>
        [Parameter]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Root of the evidence trail; default .evidence in the Ansible project root: the folder of the ansible.cfg Ansible uses when it is the project's (ANSIBLE_CONFIG or ./ansible.cfg), else the current directory. The inventory path never decides it.</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        protected override void ProcessRecord()
        {
            var inventory = InventoryPath ?? "ansible.cfg";
            try
            {
                inventory = InventoryOrConfigured(InventoryPath);
                var secrets = ResolveSecrets(inventory, optional: true);
                try
                {
                    var outcome = VariableValidationStep.Run(NewStepContext(Redactor, EvidenceRoot(EvidencePath)), inventory, Group, secrets);
                    if (outcome.ReportPath.Length > 0) WriteRedactedVerbose("Report: " + outcome.ReportPath);
                    WriteObject(outcome.Results, true);
                }
                finally
                {
                    foreach (var secret in secrets) secret.Dispose();
                }
            }
            catch (HxException error)
            {
                ThrowHxError(error, inventory);
            }
        }
    }
}
