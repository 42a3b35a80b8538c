using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.PowerShell.Commands.Vault;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Inventory
{
    /// <summary>
    /// <para type="synopsis">Writes non-secret variables of a group into its group_vars file, keeping everything else in it.</para>
    /// <para type="description">Seed task 3.02.02. Writes each variable where Ansible takes it from: into the group's vars file that
    /// defines it already (the last one Ansible reads, when several do), else into the group's vars file Ansible reads last (a
    /// vault-encrypted file never), else into the directory form group_vars/&lt;group&gt;/main.yml (or -FileName inside it), so the
    /// group's vault.yml sits beside it. -FileName writes every variable into that file of the directory form. Afterwards every host
    /// of the group is resolved as ansible-inventory resolves it: when a file merged later (a child group, host_vars, inline host
    /// variables) still gives a host another value, the command writes an error (GroupVarsOverridden) naming the file and line that
    /// wins; vault-encrypted vars files take part when a vault password is given (-VaultPasswordFile, -VaultPassword or your
    /// ansible.cfg). A group the inventory does not have is an error with the closest name, unless -Force. Files Ansible ignores (a
    /// group_vars/&lt;group&gt;.yml beside the directory) are named in a warning. Top-level variables given are replaced or added, written as PyYAML writes
    /// them, so types survive (int, bool, lists, mappings, strings such as 'yes' or '0755'); other variables, comments, order,
    /// BOM and line ends are kept. The old file is backed up the Ansible way and the new one written atomically under a lock;
    /// when nothing changes nothing is written. Values that look like secrets are refused (use Set-HxVaultSecret), and so is
    /// a vault-encrypted target file.</para>
    /// </summary>
    /// <example>
    ///   <code>Set-HxGroupVars -InventoryPath ./inventory/hosts.ini -Group litellm -Variable ([ordered]@{ litellm_bind_host = '0.0.0.0'; litellm_port = 4000 }) -PassThru</code>
    ///   <para>Sets the bind address and port of the litellm group where Ansible takes them from (group_vars/litellm/main.yml in a new inventory) and returns what changed.</para>
    /// </example>
    /// <example>
    ///   <code>Set-HxGroupVars -InventoryPath ./inventory/hosts.ini -Group litellm -FileName litellm.yml -Variable @{ litellm_models = @(@{ model_name = 'llama3-8b'; backend = 'ollama'; model = 'ollama_chat/llama3:8b' }) } -WhatIf</code>
    ///   <para>Shows which file of the directory form group_vars/litellm/ would get the model list, without writing.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "HxGroupVars", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class SetHxGroupVarsCommand : HxVaultCmdlet
    {
        /// <summary><para type="description">The inventory (file or directory) whose group_vars folder is written; default: the inventory of ansible.cfg or ANSIBLE_INVENTORY, as ansible-inventory finds it.</para></summary>
        [Parameter(Position = 0)]
        [Alias("Path")]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">The group whose variables are set (default litellm).</para></summary>
        [Parameter(Position = 1)]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">The variables to set: top-level names and values (strings, numbers, booleans, lists, hashtables).</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public IDictionary Variable { get; set; } = new Hashtable();

        /// <summary><para type="description">The file to write inside the directory form group_vars/&lt;group&gt;/ (default main.yml); giving it creates that form.</para></summary>
        [Parameter]
        public string? FileName { get; set; }

        /// <summary><para type="description">Where to put the backup instead of Ansible's &lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~ name.</para></summary>
        [Parameter]
        public string? BackupPath { get; set; }

        /// <summary><para type="description">Write group_vars for a group the inventory does not have yet (Ansible ignores them until it does).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">The vault id label of the password, tried first on vaults with that label.</para></summary>
        [Parameter]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Return the change object.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var inventory = InventoryPath ?? "ansible.cfg";
            try
            {
                inventory = InventoryOrConfigured(InventoryPath);
                var secrets = ResolveSecrets(inventory, optional: true);
                try
                {
                    var outcome = GroupVarsStep.Run(NewStepContext(Redactor, null), new GroupVarsRequest(inventory, Group, ToVariables(Variable))
                    {
                        FileName = FileName,
                        BackupPath = BackupPath == null ? null : ResolvePath(BackupPath),
                        VaultSecrets = secrets,
                        Force = Force,
                    });
                    foreach (var result in outcome.Results)
                    {
                        WriteVerbose(Redactor.Redact(result.Message));
                        if (result.Status == HxStatus.Warning) WriteWarning(Redactor.Redact(result.Message));
                        if (result.Status == HxStatus.Failed)
                        {
                            WriteHxError(new HxException("GroupVarsOverridden", Redactor.Redact(result.Message + ". " + result.Remediation), result.Target),
                                result.Target);
                        }
                    }
                    if (PassThru) WriteObject(outcome.Changes, true);
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

        private List<KeyValuePair<string, object?>> ToVariables(IDictionary dictionary)
        {
            var variables = new List<KeyValuePair<string, object?>>();
            foreach (DictionaryEntry e in dictionary)
            {
                var name = Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                try
                {
                    variables.Add(new KeyValuePair<string, object?>(name, PowerShellValues.ToValue(e.Value)));
                }
                catch (ArgumentException)
                {
                    throw new HxException("SecretInPlainVars",
                        "Refusing to write '" + name + "' into the plain group_vars of '" + Group
                            + "': it is a SecureString. Keep it in a vault: Set-HxVaultSecret -Path group_vars/" + Group + "/vault.yml -Name " + name + ".",
                            kind: HxErrorKind.SecurityError);
                }
            }
            return variables;
        }
    }
}
