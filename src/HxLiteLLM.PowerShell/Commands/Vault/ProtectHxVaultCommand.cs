using System.Management.Automation;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Encrypts files in place with Ansible Vault, as `ansible-vault encrypt` does.</para>
    /// <para type="description">Each file is replaced atomically by its vault (format 1.1, or 1.2 with -VaultId) with mode
    /// 0600 on Unix. A file that is already encrypted is left untouched and reported with Changed = False (unlike
    /// `ansible-vault encrypt`, which fails), whatever password it was encrypted with: Update-HxVaultPassword changes that.
    /// Many piped files are encrypted in parallel. The password comes from -VaultPassword, -VaultPasswordFile or
    /// ANSIBLE_VAULT_PASSWORD_FILE; there is never a prompt.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Protect-HxVault -Path ./inventory/group_vars/all.yml -VaultPasswordFile ./.vault-pass -PassThru</code>
    ///   <para>Encrypts the file so that ansible-vault view and ansible-playbook --vault-password-file read it.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Get-ChildItem ./inventory/group_vars -Recurse -Filter *.yml | Protect-HxVault -VaultPasswordFile ./.vault-pass -VaultId dev -PassThru</code>
    ///   <para>Encrypts every YAML file of group_vars with the label dev ($ANSIBLE_VAULT;1.2;AES256;dev); vault.yml, already encrypted, is reported with Changed = False.</para>
    /// </example>
    [Cmdlet(VerbsSecurity.Protect, "HxVault", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class ProtectHxVaultCommand : HxVaultFilesCmdlet
    {
        /// <summary><para type="description">A vault id label to write into the header (format 1.2); without it the header is 1.1 as ansible-vault writes it.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Return one change object per file: Changed = True when it was encrypted, False when it already was a vault.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing() =>
            RunFileBatch(Paths, "Encrypt with Ansible Vault", "ProtectVault", PassThru,
                (path, secrets) => VaultFiles.EncryptInPlace(path, secrets[0], VaultId) ? VaultFileResult.Written : VaultFileResult.Unchanged);
    }
}
