using System;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Makes a new LiteLLM master key: sk- and 64 random lowercase hex characters.</para>
    /// <para type="description">The 32 random bytes come from the operating system's cryptographic random generator (as
    /// `openssl rand -hex 32`). The key is returned as a SecureString, ready to pipe into Set-HxVaultSecret, so it never
    /// appears on screen or in a transcript; -AsPlainText returns it as a string instead.</para>
    /// </summary>
    /// <example>
    ///   <code>New-HxMasterKey | Set-HxVaultSecret -Path ./inventory/group_vars/litellm/vault.yml -Name litellm_master_key -VaultPasswordFile ~/.vault_pass</code>
    ///   <para>Puts a fresh master key into the group's encrypted vault without ever showing it.</para>
    /// </example>
    /// <example>
    ///   <code>$key = New-HxMasterKey -AsPlainText</code>
    ///   <para>Returns the key as a plain string, for a tool that cannot take a SecureString.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "HxMasterKey")]
    [OutputType(typeof(SecureString), typeof(string))]
    public sealed class NewHxMasterKeyCommand : HxCmdlet
    {
        /// <summary><para type="description">Return the key as a plain string instead of a SecureString.</para></summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void EndProcessing()
        {
            var key = MasterKey.NewKeyCharacters();
            if (AsPlainText)
            {
                WriteObject(new string(key));
                Array.Clear(key, 0, key.Length);
            }
            else
            {
                WriteObject(SecureText.FromChars(key));
            }
        }
    }
}
