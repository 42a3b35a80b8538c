using System.Management.Automation;
using System.Security;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Re-encrypts Ansible Vault files with a new password, as `ansible-vault rekey` does.</para>
    /// <para type="description">Each file is decrypted in memory with the current password (-VaultPassword, -VaultPasswordFile
    /// or ANSIBLE_VAULT_PASSWORD_FILE) and encrypted again with a fresh salt and the new password, given with
    /// -NewVaultPassword or -NewVaultPasswordFile (one of them is required; there is never a prompt). As with
    /// `ansible-vault rekey --new-vault-id`, the header carries -NewVaultId (format 1.2) or no label at all (format 1.1).
    /// A file is replaced atomically, keeping its mode, and by default no copy of its previous content is kept: a password
    /// is usually changed because the old one leaked or its holder left, and a backup would keep every secret readable with
    /// that old password. -Backup keeps one anyway, as an Ansible-style &lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~ that Ansible's
    /// vars loaders skip (delete it once the new password is known to work). A file that the current password does not open,
    /// or that is not a vault, is an error for that file and left untouched; the other files are still re-keyed, in
    /// parallel. Neither password appears in any output, message or stream.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Set-Content ./.vault-pass-new 'hx-dev-rotated-example'; Update-HxVaultPassword -Path ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ./.vault-pass -NewVaultPasswordFile ./.vault-pass-new -PassThru</code>
    ///   <para>Re-keys the vault to the password in ./.vault-pass-new; no copy under the old password is kept.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Get-ChildItem ./inventory -Recurse -Filter vault.yml | Update-HxVaultPassword -VaultPasswordFile ./.vault-pass -NewVaultPassword (ConvertTo-SecureString 'hx-dev-rotated-example' -AsPlainText -Force) -NewVaultId dev -WhatIf</code>
    ///   <para>Shows which vaults would be re-keyed with the label dev, and writes nothing.</para>
    /// </example>
    [Cmdlet(VerbsData.Update, "HxVaultPassword", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class UpdateHxVaultPasswordCommand : HxVaultFilesCmdlet
    {
        /// <summary><para type="description">The vault id label of the current password: tried first on vaults with that label.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">The new vault password.</para></summary>
        [Parameter]
        public SecureString? NewVaultPassword { get; set; }

        /// <summary><para type="description">A file holding the new vault password, read as Ansible reads --new-vault-password-file (an executable file is run).</para></summary>
        [Parameter]
        public string? NewVaultPasswordFile { get; set; }

        /// <summary><para type="description">The vault id label written into the new header (format 1.2); without it the header is 1.1, as ansible-vault rekey writes it.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public string? NewVaultId { get; set; }

        /// <summary><para type="description">Keep a backup of each previous file (&lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~). Off by default: the backup opens with the old password, which is usually being changed because it is no longer safe.</para></summary>
        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary><para type="description">Return one change object per file, with the backup's path under -Backup.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (Paths.Count == 0) return;
            VaultSecret newSecret;
            try
            {
                newSecret = ResolveNewSecret();
            }
            catch (HxException error)
            {
                ThrowHxError(error, Paths[0]);
                return;
            }
            using (newSecret)
            {
                RunFileBatch(Paths, "Re-encrypt with the new vault password", "RekeyVault", PassThru,
                    (path, secrets) => VaultFileResult.WrittenWithBackup(VaultFiles.RekeyInPlace(path, secrets, newSecret, NewVaultId, Backup)));
            }
        }

        /// <summary>Exactly one of the two new-password parameters; ANSIBLE_VAULT_PASSWORD_FILE never stands in for the new password.</summary>
        private VaultSecret ResolveNewSecret()
        {
            if ((NewVaultPassword == null) == (NewVaultPasswordFile == null))
            {
                throw new VaultException(VaultErrorKind.NoSecrets,
                    "Give the new vault password with exactly one of -NewVaultPassword <SecureString> or -NewVaultPasswordFile <file> (HxLiteLLM never " +
                        "prompts).");
            }
            var secrets = ResolveVaultSecrets(NewVaultPassword, NewVaultPasswordFile, NewVaultId);
            return secrets[0];
        }
    }
}
