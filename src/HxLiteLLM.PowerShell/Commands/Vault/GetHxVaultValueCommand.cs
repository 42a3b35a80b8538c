using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Values;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Returns the variables of a vars file with their vault values decrypted, as `ansible -m debug -a var=name` shows them.</para>
    /// <para type="description">Reads a group_vars/host_vars file as Ansible does: inline `!vault |` values (as
    /// `ansible-vault encrypt_string` writes them) are decrypted, and a file that is itself a vault is decrypted whole.
    /// Each top-level variable comes out as one flat object: Name, Value (the plaintext string of a vault value, the
    /// YAML value otherwise), Source (the file) and Encrypted (whether the value was vault-encrypted). With -Name only the
    /// named variables come out; a name (or wildcard pattern) that matches no variable of the file is an error naming the
    /// closest variable. Decrypted values go to the output stream only: never to verbose output or error messages. The
    /// files are not changed. There is never a prompt.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Get-HxVaultValue -Path ./inventory/group_vars/litellm/vault.yml -Name litellm_master_key -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Shows the master key stored in the vault, with where it came from.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Protect-HxVaultString -Name litellm_ui_password -Value 'ui-example-only' -VaultPasswordFile ./.vault-pass | Add-Content ./inventory/group_vars/litellm/vars.yml; Get-HxVaultValue ./inventory/group_vars/litellm/vars.yml -VaultPasswordFile ./.vault-pass | Format-Table Name, Encrypted, Value</code>
    ///   <para>Adds an inline vault value to vars.yml, then lists every variable of the file, the inline value decrypted.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>$key = (Get-HxVaultValue ./inventory/group_vars/litellm/vault.yml litellm_master_key -VaultPasswordFile ./.vault-pass).Value</code>
    ///   <para>Keeps just the plaintext of one value.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "HxVaultValue")]
    [OutputType(typeof(HxVaultValue))]
    public sealed class GetHxVaultValueCommand : HxVaultCmdlet
    {
        /// <summary><para type="description">The vars files; paths or FileInfo objects from the pipeline.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = new string[0];

        /// <summary><para type="description">Only these variables (wildcards allowed); each must match a variable of every file read.</para></summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary><para type="description">The vault id label of the password: tried first on vaults with that label.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultIdCompleter))]
        public override string? VaultId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var given in Path)
            {
                var path = ResolvePath(given);
                try
                {
                    if (Directory.Exists(path)) throw HxFileError.IsFolder(path);
                    if (!File.Exists(path)) throw new HxException("VaultFileNotFound", path + ": the file does not exist.", path, kind: HxErrorKind.NotFound);
                    var secrets = ResolveSecrets(path, optional: true);
                    try
                    {
                        WriteValues(path, VaultVarsFile.Read(path, secrets, Redactor));
                    }
                    finally
                    {
                        foreach (var secret in secrets) secret.Dispose();
                    }
                }
                catch (HxException error)
                {
                    WriteHxError(error, path);
                }
            }
        }

        private void WriteValues(string path, IReadOnlyList<HxVaultValue> values)
        {
            if (Name == null)
            {
                WriteObject(values, enumerateCollection: true);
                return;
            }
            var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.CultureInvariant)).ToList();
            for (var i = 0; i < Name.Length; i++)
            {
                if (values.Any(v => patterns[i].IsMatch(v.Name))) continue;
                var suggestion = DidYouMean.Closest(Name[i], values.Select(v => v.Name));
                WriteHxError(new HxException("VaultValueNotFound",
                    path + ": no variable matches '" + Name[i] + "'." + DidYouMean.Sentence(suggestion), path, kind: HxErrorKind.NotFound), Name[i]);
            }
            foreach (var value in values)
            {
                if (patterns.Any(p => p.IsMatch(value.Name))) WriteObject(value);
            }
        }
    }
}
