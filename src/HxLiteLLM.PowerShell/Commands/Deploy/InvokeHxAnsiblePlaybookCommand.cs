using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HxLiteLLM.Deploy;
using HxLiteLLM.Inventory;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands.Deploy
{
    /// <summary>
    /// <para type="synopsis">Runs a playbook with the real ansible-playbook and streams one object per host and task as each finishes.</para>
    /// <para type="description">Starts ansible-playbook (from PATH, or -AnsiblePlaybookPath) with Ansible's own options
    /// (-InventoryPath, -Limit, -Tags, -SkipTags, -Check, -Diff, -Forks) in a process session of its own, and writes an
    /// HxPlaybookTaskResult for every host × task the moment Ansible reports it, then one recap row per host (Status
    /// recap, Task PLAY RECAP, with Ansible's counts). The rows come from a small notification callback shipped with the
    /// module, found through ANSIBLE_CALLBACK_PLUGINS (added after the user's callback_plugins); the user's stdout callback
    /// and ansible.cfg are left as they are, and Ansible's own log goes to the verbose stream, warnings to the warning
    /// stream. -ExtraVariable never reaches a command line: it is written as JSON to a 0600 file in a private 0700 folder
    /// (passed as -e @file, removed afterwards). The vault password (-VaultPassword or -VaultPasswordFile) reaches
    /// ansible-playbook only through an inherited pipe (--vault-id label@/dev/fd/N); without either, ansible-playbook
    /// reads ansible.cfg's vault_password_file and vault_identity_list itself. The password and every value of the
    /// inventory's vaults are masked as ******** in every object, verbose line, warning and error. Ctrl+C, -Timeout and
    /// the end of this PowerShell process stop the whole ansible-playbook process group (SIGINT, then SIGKILL after 10
    /// seconds): nothing keeps running. A run that cannot start (no ansible-playbook, a missing playbook, a syntax error,
    /// no host matching -Limit, a wrong vault password) is a terminating error naming the reason; failed or unreachable
    /// hosts give one error after all rows. -WhatIf runs nothing at all (-Check still runs modules on the targets).</para>
    /// </summary>
    /// <example>
    ///   <code>Invoke-HxAnsiblePlaybook ./site.yml -InventoryPath ./inventory/hosts.ini -Limit litellm -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Runs site.yml on the litellm group and shows a row per host and task as it finishes, then the recap.</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxAnsiblePlaybook ./site.yml -Check -Diff -ExtraVariable @{ litellm_port = 4001 } | Where-Object Status -eq changed</code>
    ///   <para>A dry run in check mode with an extra variable, keeping only the tasks that would change something.</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxAnsiblePlaybook ./site.yml -Timeout 00:10:00 -Verbose | Export-Csv deploy.csv</code>
    ///   <para>Stops the whole run after ten minutes, shows Ansible's own log on the verbose stream and keeps the rows as CSV.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "HxAnsiblePlaybook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HxPlaybookTaskResult))]
    public sealed class InvokeHxAnsiblePlaybookCommand : PlaybookCmdlet
    {
        /// <summary><para type="description">The playbook to run.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string PlaybookPath { get; set; } = null!;

        /// <summary><para type="description">Inventory file or folder (ansible-playbook -i); without it, ansible.cfg's inventory (or ANSIBLE_INVENTORY), as ansible-playbook does.</para></summary>
        [Parameter]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">Host patterns the run is limited to (--limit).</para></summary>
        [Parameter]
        public string[] Limit { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">Only tasks with these tags (--tags).</para></summary>
        [Parameter]
        public string[] Tags { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">No tasks with these tags (--skip-tags).</para></summary>
        [Parameter]
        public string[] SkipTags { get; set; } = Array.Empty<string>();




        /// <summary><para type="description">Parallel processes (--forks); Ansible's forks setting when not given.</para></summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int? Forks { get; set; }

        /// <summary><para type="description">Stop the whole run, as Ctrl+C does, after this long (e.g. 00:10:00; a bare number would be ticks, so under a second is refused); zero for no limit.</para></summary>
        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.Zero;

        /// <summary><para type="description">The ansible-playbook to run; the first one on PATH when not given.</para></summary>
        [Parameter]
        public string? AnsiblePlaybookPath { get; set; }




        protected override void ProcessRecord()
        {
            if (Timeout > TimeSpan.Zero && Timeout < TimeSpan.FromSeconds(1))
            {
                // -Timeout 3 binds as 3 ticks: say so rather than stop the run at once.
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Timeout is a time span under one second (" + Timeout
                    + "); give e.g. 00:00:30, or [timespan]::FromSeconds(30)."),
                    "InvalidTimeout", ErrorCategory.InvalidArgument, Timeout));
            }
            var redactor = new SecretRedactor();
            var playbook = ResolvePath(PlaybookPath);
            if (System.IO.Directory.Exists(playbook)) ThrowHxError(HxFileError.IsFolder(playbook), playbook);
            string? extraVariables;
            try
            {
                var extra = ExtraVariables();
                extraVariables = extra == null ? null : PyJson.Dumps(extra);
            }
            catch (HxException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, error.ErrorId, ErrorCategory.InvalidArgument, ExtraVariable));
                return;
            }
            IReadOnlyList<VaultSecret> secrets = Array.Empty<VaultSecret>();
            try
            {
                var ansiblePlaybook = AnsiblePlaybookCommandLine.Locate(AnsiblePlaybookPath == null ? null : ResolvePath(AnsiblePlaybookPath),
                    Environment.GetEnvironmentVariable("PATH"));
                secrets = ResolveVaultSecrets(VaultPassword, VaultPasswordFile, VaultId);
                var inventory = InventoryPath != null ? ResolvePath(InventoryPath) : AnsibleConfig.SingleInventory;
                // Every value the inventory's vaults hold is registered before anything is read, so every row and line masks it.
                if (secrets.Count > 0 && inventory != null && (File.Exists(inventory) || Directory.Exists(inventory))) VaultedInventory.Load(inventory, secrets,
                    redactor);
                var options = new AnsiblePlaybookOptions(playbook, ansiblePlaybook, AnsibleSupportFolder, SessionState.Path.CurrentFileSystemLocation.Path)
                {
                    InventoryPath = InventoryPath == null ? null : inventory,
                    Limit = Limit,
                    Tags = Tags,
                    SkipTags = SkipTags,
                    Check = Check,
                    Diff = Diff,
                    Forks = Forks,
                    ExtraVariablesJson = extraVariables,
                    VaultSecrets = secrets,
                    HandOverVaultSecrets = HandsOverVaultSecrets,
                    Timeout = Timeout > TimeSpan.Zero ? Timeout : (TimeSpan?)null,
                    CallbackPlugins = AnsibleConfig.CallbackPlugins,
                };
                var target = PlaybookPath + (Limit.Length > 0 ? " on " + string.Join(",", Limit) : " on the inventory's hosts");
                if (!ShouldProcess(target, "Run ansible-playbook")) return;
                Run(options, redactor, playbook);
            }
            catch (HxException error)
            {
                ThrowHxError(error, PlaybookPath);
            }
            finally
            {
                foreach (var secret in secrets) secret.Dispose();
            }
        }

        private void Run(AnsiblePlaybookOptions options, SecretRedactor redactor, string playbook)
        {
            using (var run = AnsiblePlaybookRun.Start(options, redactor))
            {
                WriteVerbose(redactor.Redact("ansible-playbook " + string.Join(" ", AnsiblePlaybookCommandLine.Arguments(options))));
                foreach (var output in run.Read(Cancellation))
                {
                    switch (output.Kind)
                    {
                        case PlaybookOutputKind.Result: WriteObject(output.Result); break;
                        case PlaybookOutputKind.Warning: WriteWarning(output.Text); break;
                        default: WriteVerbose(output.Text); break;
                    }
                }
                var outcome = run.Finish();
                if (outcome.Error == null || outcome.Kind == PlaybookOutcomeKind.Cancelled) return;
                if (outcome.CouldNotStart) ThrowHxError(outcome.Error, playbook);
                WriteHxError(outcome.Error, playbook);
            }
        }
    }
}
