using System.Management.Automation;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Decrypts Ansible Vault files in place, as `ansible-vault decrypt` does.</para>
    /// <para type="description">Reads vaults of format 1.1 and 1.2 as Ansible reads them (CRLF, any line length). Each file
    /// is replaced atomically by its plaintext with mode 0600 on Unix. Leaving secrets in plain text on disk is rarely
    /// meant, so the cmdlet asks for confirmation unless -Confirm:$false is given (ConfirmImpact High); to read a vault
    /// without writing its plaintext anywhere, use Get-HxVaultContent (or -AsPlainText, which returns each file's plaintext
    /// as one string and leaves the files encrypted). A wrong password, or a file that is not encrypted, is an error for
    /// that file, which is left untouched; error messages never contain the password or any decrypted text. Many piped
    /// files are decrypted in parallel. There is never a password prompt.</para>
    /// <para type="outputs">With -AsPlainText, each file's plaintext as one string.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Unprotect-HxVault -Path ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ./.vault-pass -Confirm:$false -PassThru</code>
    ///   <para>Decrypts the file in place without asking.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Unprotect-HxVault ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ./.vault-pass -WhatIf</code>
    ///   <para>Shows which file would be decrypted and writes nothing.</para>
    /// </example>
    [Cmdlet(VerbsSecurity.Unprotect, "HxVault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(HxFileChange), typeof(string))]
    public sealed class UnprotectHxVaultCommand : HxVaultFilesCmdlet
    {
        /// <summary><para type="description">The vault id label of the password: tried first on vaults with that label.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Return each file's plaintext as one string and leave the files encrypted (as Get-HxVaultContent -Raw does).</para></summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <summary><para type="description">Return one change object per decrypted file.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (AsPlainText)
            {
                RunFileBatch(Paths, null, "ReadVault", false, VaultFiles.Read);
                return;
            }
            RunFileBatch(Paths, "Decrypt the Ansible Vault in place", "UnprotectVault", PassThru,
                (path, secrets) =>
                {
                    VaultFiles.DecryptInPlace(path, secrets);
                    return VaultFileResult.Written;
                });
        }
    }
}
