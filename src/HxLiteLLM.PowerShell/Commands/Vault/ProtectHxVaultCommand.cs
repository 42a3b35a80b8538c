using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.PowerShell.Module;
using System.Security;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Encrypts files in place with Ansible Vault, as `ansible-vault encrypt` does.</para>
    /// <para type="description">Each file is replaced atomically by its vault (format 1.1, or 1.2 with -VaultId) with mode
    /// 0600 on Unix. A file that is already encrypted is reported as an error for that file and left untouched; the other
    /// files are still encrypted. Many piped files are encrypted in parallel. The password comes from -VaultPassword,
    /// -VaultPasswordFile or ANSIBLE_VAULT_PASSWORD_FILE; there is never a prompt.</para>
    /// </summary>
    /// <example>
    ///   <code>Protect-HxVault -Path ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ~/.vault_pass -PassThru</code>
    ///   <para>Encrypts the file so that ansible-vault view and ansible-playbook --vault-password-file read it.</para>
    /// </example>
    /// <example>
    ///   <code>Get-ChildItem ./secrets -Filter *.yml | Protect-HxVault -VaultPassword (Read-Host -AsSecureString) -VaultId prod</code>
    ///   <para>Encrypts every YAML file of a folder with the label prod ($ANSIBLE_VAULT;1.2;AES256;prod).</para>
    /// </example>
    [Cmdlet(VerbsSecurity.Protect, "HxVault", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class ProtectHxVaultCommand : HxVaultCmdlet
    {
        private readonly List<string> _paths = new List<string>();

        /// <summary><para type="description">The files to encrypt; paths or FileInfo objects from the pipeline.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = new string[0];

        /// <summary><para type="description">A vault id label to write into the header (format 1.2); without it the header is 1.1 as ansible-vault writes it.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Return one change object per encrypted file.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var path in Path) _paths.Add(ResolvePath(path));
        }

        protected override void EndProcessing() =>
            RunFileBatch(_paths, "Encrypt with Ansible Vault", "ProtectVault", PassThru,
                (path, secrets) =>
                {
                    VaultFiles.EncryptInPlace(path, secrets[0], VaultId);
                    return null;
                });
    }
}
