using System.Management.Automation;
using System.Security;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Sets one secret in an encrypted vault file of key: value lines, such as group_vars/litellm/vault.yml.</para>
    /// <para type="description">The vault is decrypted in memory only, the key set (other keys, order and comments kept) and
    /// the file encrypted again with the password and label that opened it, after an Ansible-style backup of the previous
    /// file; it is written atomically with mode 0600. A missing file is created as a new vault. When the vault already holds
    /// the value nothing is written; replacing another value says so in a warning, and -NoClobber keeps it instead. Seed task 3.02.03. The value is a SecureString and appears in no output, message or stream.</para>
    /// </summary>
    /// <example>
    ///   <code>New-HxMasterKey | Set-HxVaultSecret -Path ./inventory/group_vars/litellm/vault.yml -Name litellm_master_key -VaultPasswordFile ~/.vault_pass</code>
    ///   <para>Stores a new master key in the group's vault, creating the vault if needed.</para>
    /// </example>
    /// <example>
    ///   <code>New-HxMasterKey | Set-HxVaultSecret -Path ./inventory/group_vars/litellm/vault.yml -Name litellm_master_key -VaultPasswordFile ./.vault-pass -NoClobber -PassThru</code>
    ///   <para>Stores a master key only when the vault holds none; the example's key is kept and Changed is False. Runs as is in a copy of examples/hx-dev.</para>
    /// </example>
    /// <example>
    ///   <code>Set-HxVaultSecret -Path ./group_vars/litellm/vault.yml -Name litellm_salt_key -Value (Read-Host -AsSecureString) -PassThru</code>
    ///   <para>Sets the salt key with the password file named by ANSIBLE_VAULT_PASSWORD_FILE and reports the change and backup.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "HxVaultSecret", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class SetHxVaultSecretCommand : HxVaultCmdlet
    {
        /// <summary><para type="description">The vault file; created (encrypted) when it does not exist.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = "";

        /// <summary><para type="description">The variable name of the secret, e.g. litellm_master_key.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        public string Name { get; set; } = "";

        /// <summary><para type="description">The secret value; New-HxMasterKey output binds here from the pipeline. A master key (litellm_master_key, vault_litellm_master_key) must pass the MasterKeyFormat rule, or nothing is stored.</para></summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true)]
        public SecureString? Value { get; set; }

        /// <summary><para type="description">The vault id label for a new vault's header (format 1.2); an existing vault keeps its own label.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Where to put the backup instead of Ansible's &lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~ name.</para></summary>
        [Parameter]
        public string? BackupPath { get; set; }

        /// <summary><para type="description">Keep a value the vault already holds for -Name: nothing is written (Changed is False) and the verbose stream says it was kept; only a missing key is stored. Makes a script that stores a new master key safe to run again.</para></summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary><para type="description">Return the change object.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var path = ResolvePath(Path);
            try
            {
                var secrets = ResolveSecrets(path);
                try
                {
                    var value = SecureText.ToPlainString(Value ?? new SecureString());
                    if (HxLiteLLM.InventoryPhase.MasterKey.IsMasterKeyName(Name)) HxLiteLLM.InventoryPhase.MasterKey.RequireUsable(value, "-Value for " + Name);
                    var outcome = VaultSecretStep.Run(NewStepContext(Redactor, null), new VaultSecretRequest(path, Name, value, secrets)
                    {
                        VaultId = VaultId,
                        BackupPath = BackupPath == null ? null : ResolvePath(BackupPath),
                        OnlyWhenMissing = NoClobber,
                    });
                    if (NoClobber) foreach (var result in outcome.Results) WriteRedactedVerbose(result.Message);
                    if (PassThru) WriteObject(outcome.Changes, true);
                }
                finally
                {
                    foreach (var secret in secrets) secret.Dispose();
                }
            }
            catch (HxException error)
            {
                ThrowHxError(error, path);
            }
        }
    }
}
