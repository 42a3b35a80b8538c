using System.Management.Automation;
using System.Text.RegularExpressions;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Returns the plaintext of Ansible Vault files, as `ansible-vault view` shows it; the files stay encrypted.</para>
    /// <para type="description">Like Get-Content, each file's plaintext comes out as lines (without line ends), or with -Raw
    /// as one string holding the whole plaintext byte for byte. The plaintext goes to the output stream only, which is what
    /// was asked for: it never appears in verbose output or in error messages, and nothing is written to disk. Files are
    /// decrypted in parallel and their plaintext written in input order. Vaults of format 1.1 and 1.2 are read as Ansible
    /// reads them; a wrong password or a file that is not a vault is an error for that file. There is never a prompt.</para>
    /// <para type="outputs">The plaintext: one string per line, or with -Raw one string per file.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Get-HxVaultContent -Path ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Shows the decrypted lines of the vault, as `ansible-vault view --vault-password-file ./.vault-pass` does.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Get-ChildItem ./inventory -Recurse -Filter vault.yml | Get-HxVaultContent -VaultPasswordFile ./.vault-pass | Select-String '^litellm_master_key:'</code>
    ///   <para>Finds the master key line in every vault.yml of the inventory.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>$yaml = Get-HxVaultContent ./inventory/group_vars/litellm/vault.yml -VaultPasswordFile ./.vault-pass -Raw</code>
    ///   <para>Keeps the whole plaintext as one string, e.g. for a YAML parser.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "HxVaultContent")]
    [OutputType(typeof(string))]
    public sealed class GetHxVaultContentCommand : HxVaultFilesCmdlet
    {
        private static readonly Regex LineEnd = new Regex("\r\n|\n|\r", RegexOptions.CultureInvariant);
        /// <summary><para type="description">The vault id label of the password: tried first on vaults with that label.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        /// <summary><para type="description">Return each file's plaintext as one string instead of one string per line.</para></summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override void EndProcessing() =>
            RunFileBatch(Paths, null, "ReadVault", false, VaultFiles.Read);

        protected override void WritePlaintext(string text)
        {
            if (Raw)
            {
                WriteObject(text);
                return;
            }
            var lines = LineEnd.Split(text);
            // A final line end ends the last line; it does not start an empty one (as Get-Content reads).
            var count = lines.Length > 0 && lines[lines.Length - 1].Length == 0 ? lines.Length - 1 : lines.Length;
            for (var i = 0; i < count; i++) WriteObject(lines[i]);
        }
    }
}
