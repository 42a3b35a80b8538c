using System;
using System.Management.Automation;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// <para type="synopsis">Moves stray vault files and files with plaintext keys into the repository's quarantine folder.</para>
    /// <para type="description">Each file goes to &lt;root&gt;/_quarantine/&lt;stamp&gt;/ under its path relative to the root, which takes
    /// it out of every group_vars/host_vars tree Ansible reads. Nothing is ever overwritten or deleted: a file whose target
    /// exists is reported and left in place. Each file is checked again before it moves, so only files that are still strays
    /// move. A file Ansible loads (the inventory, a group_vars or host_vars file) is configuration: it is refused by name
    /// (ConfigurationNotMoved) with the fix, e.g. Set-HxVaultSecret into the group's vault.yml and then removing the plain line.
    /// The run writes _quarantine/quarantine_report_&lt;stamp&gt;.txt with each file's reason; keys appear there only masked. Seed task 3.02.04.</para>
    /// </summary>
    /// <example>
    ///   <code>Find-HxStrayVault -Path . | Move-HxStrayVault -PassThru | Format-Table RelativePath, QuarantinePath</code>
    ///   <para>Quarantines every stray of the repository and lists where each went.</para>
    /// </example>
    /// <example>
    ///   <code>Move-HxStrayVault -Root . -Path ./backup/old_vault.yml -Confirm</code>
    ///   <para>Quarantines one file after confirmation.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Move, "HxStrayVault", SupportsShouldProcess = true)]
    [OutputType(typeof(HxStrayVault))]
    public sealed class MoveHxStrayVaultCommand : HxCmdlet
    {
        private readonly StepOutcome _outcome = new StepOutcome(SeedTask.Quarantine);
        private StrayVaultQuarantine? _quarantine;
        private StepContext? _context;

        /// <summary><para type="description">The file to quarantine; binds the Path of Find-HxStrayVault output.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string Path { get; set; } = "";

        /// <summary><para type="description">The repository root the quarantine folder is made in; binds the Root of Find-HxStrayVault output.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string Root { get; set; } = "";

        /// <summary><para type="description">Return each moved file's record with its QuarantinePath.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var root = ResolvePath(Root);
            var path = ResolvePath(Path);
            try
            {
                if (_quarantine == null) _quarantine = new StrayVaultQuarantine(root);
                else if (!string.Equals(_quarantine.Root, System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar),
                    StringComparison.Ordinal))
                {
                    throw new HxException("QuarantineRootChanged", "All files of one run must come from one root (" + _quarantine.Root
                        + "); run Move-HxStrayVault once per root.", path);
                }
                if (System.IO.Directory.Exists(path)) throw HxFileError.IsFolder(path);
                if (!System.IO.File.Exists(path)) throw new HxException("StrayVaultNotFound", path + " does not exist; it was not moved.", path,
                    kind: HxErrorKind.NotFound);
                var stray = StrayVaultFinder.Inspect(root, path);
                if (stray == null)
                {
                    throw new HxException("NotAStrayVault", path
                        + " is no longer a stray (not a vault outside the allowed places, no plaintext key); it was not moved.", path,
                        kind: HxErrorKind.InvalidArgument);
                }
                var refused = QuarantineStep.Move(_context ??= NewStepContext(new SecretRedactor(), null), _outcome, _quarantine, stray);
                if (refused != null) WriteHxError(refused, path);
                else if (PassThru && stray.QuarantinePath.Length > 0) WriteObject(stray);
            }
            catch (HxException error)
            {
                WriteHxError(error, path);
            }
        }

        protected override void EndProcessing()
        {
            if (_quarantine != null && _context != null) QuarantineStep.Finish(_context, _outcome, _quarantine);
        }
    }
}
