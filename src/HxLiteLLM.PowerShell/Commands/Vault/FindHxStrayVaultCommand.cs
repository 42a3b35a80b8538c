using System.Management.Automation;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Finds vault-encrypted files outside the places vaults belong, and plaintext API keys, in a repository. Seed task 3.02.04.</para>
    /// <para type="description">A file whose content starts with the $ANSIBLE_VAULT header is a stray unless it matches an allowed
    /// location: by default a file named vault, vault.yml or vault.yaml directly in a group's or host's vars directory
    /// (**/group_vars/*/vault.yml, **/host_vars/*/vault.yml, …, at any depth), and Ansible-style backups (…~) of such files.
    /// -AllowedPath adds more locations (globs relative to the root: * within a folder, **/ any folders). A plaintext key
    /// (sk- and 16 or more key characters) is reported wherever it is, shown masked only. Each result says whether Ansible
    /// loads the file (as the inventory, or as group_vars/host_vars of some name): such a file is configuration, which
    /// Move-HxStrayVault never moves; its Remediation says how to fix it in place. A file beside a group_vars/ or host_vars/
    /// folder with an inventory plugin's extension (none, .ini, .yml, .yaml, .json, .toml) counts as an inventory. Symbolic links are not followed, so nothing outside the root is read; .git/ and the root's _quarantine/
    /// are skipped.</para>
    /// </summary>
    /// <example>
    ///   <code>Find-HxStrayVault -Path . | Format-Table RelativePath, Kind, LoadedByAnsible, Reason, Remediation</code>
    ///   <para>Lists the strays of the current repository.</para>
    /// </example>
    /// <example>
    ///   <code>Find-HxStrayVault -Path . -AllowedPath 'secrets/*.vault' | Move-HxStrayVault -WhatIf</code>
    ///   <para>Also allows vaults in secrets/, and shows what the quarantine would move.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Find, "HxStrayVault")]
    [OutputType(typeof(HxStrayVault))]
    public sealed class FindHxStrayVaultCommand : HxCmdlet
    {
        /// <summary><para type="description">The repository root to search.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "Root")]
        public string Path { get; set; } = ".";

        /// <summary><para type="description">More places where vault-encrypted files are allowed, as globs relative to the root (added to the defaults).</para></summary>
        [Parameter]
        public string[]? AllowedPath { get; set; }

        protected override void ProcessRecord()
        {
            var root = ResolvePath(Path);
            try
            {
                foreach (var stray in StrayVaultFinder.Find(root, AllowedPath, WriteWarning))
                {
                    Cancellation.ThrowIfCancellationRequested();
                    WriteObject(stray);
                }
            }
            catch (HxException error)
            {
                WriteHxError(error, root);
            }
        }
    }
}
