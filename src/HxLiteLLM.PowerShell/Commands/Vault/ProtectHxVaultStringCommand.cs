using System.Management.Automation;
using System.Security;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Encrypts one value into the inline form `ansible-vault encrypt_string` prints.</para>
    /// <para type="description">Returns `name: !vault |` followed by the vault indented by 10 spaces (or just `!vault |`
    /// without -Name), byte for byte as encrypt_string prints it, ready to paste into a vars file. The value is taken as it
    /// is: no newline is added (unlike `echo value | ansible-vault encrypt_string`). The block (which holds no plaintext)
    /// is the output; the value appears in no message or stream.</para>
    /// <para type="outputs">The inline vault block, one string with LF line ends and no final newline.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Protect-HxVaultString -Name litellm_salt_key -Value 'salt-example-only' -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Prints the inline vault block for the salt key, as `ansible-vault encrypt_string --name litellm_salt_key` does.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>New-HxMasterKey | Protect-HxVaultString -Name litellm_ui_password -VaultPasswordFile ./.vault-pass -VaultId dev | Add-Content ./inventory/group_vars/litellm/vars.yml</code>
    ///   <para>Appends a new random value as an inline vault labelled dev; Get-HxVaultValue reads it back.</para>
    /// </example>
    [Cmdlet(VerbsSecurity.Protect, "HxVaultString")]
    [OutputType(typeof(string))]
    public sealed class ProtectHxVaultStringCommand : HxVaultCmdlet
    {
        /// <summary><para type="description">The variable name written before !vault; without it only the !vault block is returned.</para></summary>
        [Parameter(Position = 0)]
        public string? Name { get; set; }

        /// <summary><para type="description">The value: a SecureString (New-HxMasterKey output binds from the pipeline) or a string.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object? Value { get; set; }

        /// <summary><para type="description">A vault id label to write into the header (format 1.2).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var value = Value is PSObject pso ? pso.BaseObject : Value;
                string text = value switch
                {
                    SecureString secure => SecureText.ToPlainString(secure),
                    string plain => plain,
                    _ => throw new HxException("VaultValueType", "-Value must be a SecureString or a string."),
                };
                Redactor.Register(text);
                var secrets = ResolveSecrets(null);
                try
                {
                    WriteObject(VaultString.Encrypt(Name, text, secrets[0], VaultId));
                }
                finally
                {
                    foreach (var secret in secrets) secret.Dispose();
                }
            }
            catch (HxException error)
            {
                ThrowHxError(error, Name);
            }
        }
    }
}
