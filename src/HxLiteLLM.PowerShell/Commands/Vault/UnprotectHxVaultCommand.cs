using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.PowerShell.Module;
using System.Security;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Decrypts Ansible Vault files in place, as `ansible-vault decrypt` does, or returns their plaintext.</para>
    /// <para type="description">Reads vaults of format 1.1 and 1.2 as Ansible reads them (CRLF, any line length). Each file
    /// is replaced atomically by its plaintext with mode 0600 on Unix; with -AsPlainText the files stay encrypted and their
    /// plaintext is returned as strings (the only way this module outputs decrypted text). A wrong password, or a file that is
    /// not encrypted, is an error for that file, which is left untouched; error messages never contain the password or any
    /// decrypted text. Many piped files are decrypted in parallel. There is never a prompt.</para>
    /// </summary>
    /// <example>
    ///   <code>Unprotect-HxVault -Path ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ~/.vault_pass</code>
    ///   <para>Decrypts the file in place.</para>
    /// </example>
    /// <example>
    ///   <code>$env:ANSIBLE_VAULT_PASSWORD_FILE = '~/.vault_pass'; Unprotect-HxVault ./vault.yml -AsPlainText | ConvertFrom-Yaml</code>
    ///   <para>Reads the vault's plaintext without writing it anywhere.</para>
    /// </example>
    [Cmdlet(VerbsSecurity.Unprotect, "HxVault", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange), typeof(string))]
    public sealed class UnprotectHxVaultCommand : HxVaultCmdlet
    {
        private readonly List<string> _paths = new List<string>();

        /// <summary><para type="description">The vault files; paths or FileInfo objects from the pipeline.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = new string[0];

        /// <summary><para type="description">The vault id label of the password: tried first on vaults with that label.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Return each file's plaintext as a string and leave the files encrypted.</para></summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <summary><para type="description">Return one change object per decrypted file.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var path in Path) _paths.Add(ResolvePath(path));
        }

        protected override void EndProcessing()
        {
            if (AsPlainText)
            {
                RunFileBatch(_paths, null, "ReadVault", false, (path, secrets) => VaultFiles.ReadPlaintext(path, secrets));
                return;
            }
            RunFileBatch(_paths, "Decrypt the Ansible Vault in place", "UnprotectVault", PassThru,
                (path, secrets) =>
                {
                    VaultFiles.DecryptInPlace(path, secrets);
                    return null;
                });
        }
    }
}
