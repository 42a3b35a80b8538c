using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Pipeline;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.PowerShell.Commands.Pipeline
{
    /// <summary>
    /// <para type="synopsis">Runs the whole job: pre-flight, inventory and role validation, with an evidence trail.</para>
    /// <para type="description">Runs the seed's steps in its order - Preflight (3.01.01-06), Inventory (3.02.01-05), RoleValidation
    /// (3.03.01-04) - with the same step operations the single cmdlets run, and streams every result (HxCheckResult, with its Task
    /// and Requirement) as it happens; one summary per phase goes to the information stream. A phase does not start when the one
    /// before it failed, unless -ContinueOnFailure. -Deploy (or -Phase ...,Deploy,SmokeTest) adds the seed's next steps as Deploy-HxLiteLLM runs
    /// them, behind its validation gate (this run's own validation counts); they never start after a failed phase. Inputs come from parameters and, optionally, a settings file (hxlitellm.yml;
    /// parameters win; unknown keys are errors; the seed's run_preflight, run_inventory, run_role_validation and skip_on_failure are
    /// understood). The inventory phase adds -AddHostName to the group, sets group_vars: from the settings file, stores the master key
    /// (-MasterKey; -GenerateMasterKey only when no host of the group resolves one; -RotateMasterKey replaces it where it is defined), quarantines stray vault files
    /// (quarantine: false only reports them) and validates the variables. The role phase creates missing role folders
    /// (create_role_structure: false only checks), validates the templates and renders them per host into .rendered/&lt;host&gt;/.
    /// A second identical run changes no file. -WhatIf writes nothing at all, evidence included. For CI: -JUnitPath writes the JUnit
    /// file, GitHub Actions and Azure DevOps get annotations and a step summary, and -FailOnError makes pwsh exit 1 at the end of
    /// the script when anything failed, after everything is written. Evidence: .evidence/ in the Ansible project root (the folder of ./ansible.cfg or ANSIBLE_CONFIG, else the current directory; or -EvidencePath):
    /// api-preflight/, litellm_inventory/, litellm_role_validation/ per stamp, litellm_orchestration_&lt;stamp&gt;.txt and
    /// run_manifest_&lt;stamp&gt;.json.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -ContinueOnFailure</code>
    ///   <para>Runs every phase on the example; checks that cannot pass on this machine are reported with their fix, and the run goes on to the end.</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxLiteLLMPipeline -SettingsPath ./hxlitellm.yml -ContinueOnFailure -JUnitPath results.xml -FailOnError</code>
    ///   <para>A CI step: settings from the file, JUnit for the test tab, annotations, and a failing step when anything failed.</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -AddHostName gw1.hx.test -GenerateMasterKey -VaultPasswordFile ./.vault-pass -WhatIf</code>
    ///   <para>Shows what the inventory phase would change (the group, the vault) without writing anything.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "HxLiteLLMPipeline", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class InvokeHxLiteLLMPipelineCommand : HxCmdlet
    {
        /// <summary><para type="description">The Ansible INI inventory (or set inventory: in the settings file).</para></summary>
        [Parameter(Position = 0)]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">Settings file (YAML); default ./hxlitellm.yml when it exists, unless its folder is world-writable or another user (not root) owns it: then it is ignored with a warning, as Ansible ignores ./ansible.cfg in a world-writable folder. Parameters override it; junit_path, evidence_path and render_path in it must stay inside its folder.</para></summary>
        [Parameter]
        public string? SettingsPath { get; set; }

        /// <summary><para type="description">The gateway group (default litellm).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string? Group { get; set; }

        /// <summary><para type="description">The Ansible role to validate and render, e.g. ./roles/litellm.</para></summary>
        [Parameter]
        public string? RolePath { get; set; }

        /// <summary><para type="description">Phases to run (default Preflight, Inventory, RoleValidation). Deploy (the deploy playbook, as Deploy-HxLiteLLM runs it, behind the same validation gate, which this run's own validation satisfies) and SmokeTest (the smoke-test playbook and the endpoint probe) run only when named here, with -Deploy or in the settings file, and never after a failed phase, even with -ContinueOnFailure.</para></summary>
        [Parameter]
        [ValidateSet("Preflight", "Inventory", "RoleValidation", "Deploy", "SmokeTest")]
        public string[]? Phase { get; set; }

        /// <summary><para type="description">Narrow the hosts of every phase as Ansible's --limit does (also limit: in the settings file): host and group names, wildcards (*, ?, [..]), ~regex, [n] and [n:m] subscripts, separated by commas; !pattern excludes and &amp;pattern intersects. Several values are one comma-separated pattern; the Deploy phases hand it to ansible-playbook --limit. A limit that leaves none of the group's hosts is that phase's failure.</para></summary>
        [Parameter]
        public string[]? Limit { get; set; }

        /// <summary><para type="description">Add the Deploy and SmokeTest phases (also deploy: true in the settings file). Playbooks: deploy_playbook and smoke_test_playbook in the settings file, else litellm_enforce.yml and litellm_smoke_test.yml found as Deploy-HxLiteLLM finds them.</para></summary>
        [Parameter]
        public SwitchParameter Deploy { get; set; }

        /// <summary><para type="description">Leave out the pre-flight phase (the playbooks' run_preflight=false). Together with -Phase Preflight it is an error naming both (so are the other phase and skip pairs).</para></summary>
        [Parameter]
        public SwitchParameter SkipPreflight { get; set; }

        /// <summary><para type="description">Leave out the inventory phase.</para></summary>
        [Parameter]
        public SwitchParameter SkipInventory { get; set; }

        /// <summary><para type="description">Leave out the role validation phase.</para></summary>
        [Parameter]
        public SwitchParameter SkipRoleValidation { get; set; }

        /// <summary><para type="description">Start each phase even when the one before failed (skip_on_failure=true).</para></summary>
        [Parameter]
        public SwitchParameter ContinueOnFailure { get; set; }

        /// <summary><para type="description">Lets the role's templates use the password lookup, which creates a missing password file (mode 0600) on this machine, also under -WhatIf as in Ansible's check mode; without it such a template fails to render with a clear error.</para></summary>
        [Parameter]
        public SwitchParameter AllowFileWritingLookup { get; set; }

        /// <summary><para type="description">For CI: when any result failed, pwsh exits with code 1 once the script ends, after every result, the JUnit file, annotations and step summary are written (like Pester's -CI). No error is thrown, so assignments and later commands still run.</para></summary>
        [Parameter]
        public SwitchParameter FailOnError { get; set; }

        /// <summary><para type="description">For CI, stricter than -FailOnError: when any result warned or failed, pwsh exits with code 1 once the script ends, after every result, the JUnit file, annotations and step summary are written. No error is thrown.</para></summary>
        [Parameter]
        public SwitchParameter FailOnWarning { get; set; }

        /// <summary><para type="description">Root of the evidence trail (also evidence_path: in the settings file); default .evidence in the Ansible project root: the folder of the ansible.cfg Ansible uses when it is the project's (ANSIBLE_CONFIG or ./ansible.cfg), else the current directory. The inventory path never decides it.</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        /// <summary><para type="description">After the run, keep only the newest N run folders (stamp folders) in each evidence area; older ones are removed, never the current run's, never through a symbolic link, never a folder not named as a stamp. -WhatIf names what would be removed.</para></summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int KeepLast { get; set; }

        /// <summary><para type="description">Where the real rendered files go, one folder per host (also render_path: in the settings file); default .rendered in the Ansible project root, beside .evidence. Env files get mode 0600.</para></summary>
        [Parameter]
        [Alias("OutputPath")]
        public string? RenderPath { get; set; }

        /// <summary><para type="description">Vault password (SecureString).</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">Vault password file; when no vault parameter is given, ANSIBLE_VAULT_PASSWORD_FILE (or ANSIBLE_VAULT_IDENTITY_LIST) wins over the settings file's vault_password_file, as Ansible's environment wins over ansible.cfg.</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        /// <summary><para type="description">Hosts to add to the group in the inventory (with an Ansible-style backup), as Add-HxLiteLLMGroup -HostName. Not -HostName: on every other cmdlet that selects hosts of the inventory, and a run limited to some hosts is not what this does.</para></summary>
        [Parameter]
        public string[]? AddHostName { get; set; }

        /// <summary><para type="description">Master key to store as litellm_master_key: in the vault file that defines it for the group's hosts, else in group_vars/&lt;group&gt;/vault.yml. It must pass the MasterKeyFormat rule before anything is stored; not together with -GenerateMasterKey or -RotateMasterKey.</para></summary>
        [Parameter]
        public SecureString? MasterKey { get; set; }

        /// <summary><para type="description">Generate a master key (sk- and 64 hex characters) and store it in group_vars/&lt;group&gt;/vault.yml when no host of the group resolves one; a key the hosts resolve (from group_vars/all/vault.yml, a parent group, host_vars) is kept.</para></summary>
        [Parameter]
        public SwitchParameter GenerateMasterKey { get; set; }

        /// <summary><para type="description">Generate a new master key and replace the one in the vault file that defines it (the old vault is backed up; a warning says so).</para></summary>
        [Parameter]
        public SwitchParameter RotateMasterKey { get; set; }

        /// <summary><para type="description">Write the results as JUnit XML to this file before the run ends (also junit_path: in the settings file).</para></summary>
        [Parameter]
        public string? JUnitPath { get; set; }

        /// <summary><para type="description">DNS server for the pre-flight (address[:port]); the system's resolvers when not given.</para></summary>
        [Parameter]
        public string? DnsServer { get; set; }

        /// <summary><para type="description">Backends to reach from the hosts; default: litellm_backends of the inventory.</para></summary>
        [Parameter]
        public string[]? Backend { get; set; }

        /// <summary><para type="description">PEM of the internal root CA the hosts must trust.</para></summary>
        [Parameter]
        public string? CertificatePath { get; set; }

        /// <summary><para type="description">Domain the hosts must be joined to.</para></summary>
        [Parameter]
        public string? Domain { get; set; }

        /// <summary><para type="description">OpenSSH known_hosts file for host key verification (default ~/.ssh/known_hosts).</para></summary>
        [Parameter]
        public string? KnownHostsPath { get; set; }

        /// <summary><para type="description">Record unknown host keys (StrictHostKeyChecking=accept-new).</para></summary>
        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary><para type="description">Also use the SSH algorithms OpenSSH 9.2's ssh refuses by default as weak (diffie-hellman-group1-sha1, ssh-rsa host key and user key signatures with SHA-1, CBC ciphers, MD5 MACs); only for old hosts you cannot fix yet.</para></summary>
        [Parameter]
        public SwitchParameter AllowLegacySshAlgorithm { get; set; }

        /// <summary><para type="description">SSH private key for every host (instead of ansible_ssh_private_key_file).</para></summary>
        [Parameter]
        public string? KeyFilePath { get; set; }

        /// <summary><para type="description">Hosts checked at the same time in the pre-flight (default 32).</para></summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 32;

        protected override void EndProcessing()
        {
            var redactor = new SecretRedactor();
            var results = new List<HxCheckResult>();
            PipelineOptions options;
            try
            {
                options = BuildOptions();
            }
            catch (HxException error)
            {
                // Nothing ran: under -FailOnError a CI step must still fail, whatever $ErrorActionPreference says.
                if (FailOnError || FailOnWarning) MarkRunFailed("the run did not start (see the error)");
                ThrowHxError(error, InventoryPath);
                return;
            }
            var completed = true;
            try
            {
                var context = NewStepContext(redactor, options.EvidencePath);
                var pipeline = new LiteLLMPipeline(options, context);
                const string activity = "HxLiteLLM pipeline";
                // Progress only for people: not when silenced (CI sets SilentlyContinue), and at most four updates a second.
                var showProgress = !Equals(GetVariableValue("ProgressPreference"), ActionPreference.SilentlyContinue);
                var lastProgress = System.Diagnostics.Stopwatch.StartNew();
                // Done so far = the phases before the one reporting, of those this run takes.
                var phases = options.Phases.Select(p => p.ToString()).ToList();
                var percent = 0;
                var summaries = pipeline.Run(r =>
                {
                    results.Add(r);
                    WriteObject(r);
                    var phase = phases.IndexOf(r.Phase);
                    if (phase >= 0) percent = Math.Max(percent, phase * 100 / phases.Count);
                    if (showProgress && lastProgress.ElapsedMilliseconds >= 250)
                    {
                        lastProgress.Restart();
                        WriteProgressUpdate(2, activity, r.Phase + ": " + r.Check + " " + r.Target, percent);
                    }
                });
                if (showProgress) WriteProgressCompleted(2, activity);
                // Phase summaries are for people and logs, not result rows: the information stream (6>&1 or -InformationVariable).
                foreach (var summary in summaries) WriteInformation(summary, new[] { "HxLiteLLM", "PhaseSummary" });
                WriteRecap(ReportText.Recap(summaries, pipeline.OrchestrationLog.Length > 0 ? options.EvidencePath : ""));
                if (pipeline.OrchestrationLog.Length > 0) WriteVerbose("Orchestration log: " + pipeline.OrchestrationLog + "; run manifest: "
                    + pipeline.RunManifest);
            }
            catch (HxException error)
            {
                completed = false;
                WriteHxError(error, InventoryPath);
            }
            finally
            {
                foreach (var secret in options.VaultSecrets) secret.Dispose();
            }
            WriteCiReports(results, redactor, options.JUnitPath, FailOnError, completed, FailOnWarning);
        }

        /// <summary>
        /// The engine's precedence (<see cref="PipelineOptionsBuilder"/>) over what was given: only the parameters bound, switches
        /// as bool, paths made absolute, the master key as text for the engine's format check.
        /// </summary>
        private PipelineOptions BuildOptions()
        {
            var given = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var bound in MyInvocation.BoundParameters)
            {
                object? value = bound.Value;
                if (value is SwitchParameter flag) value = flag.IsPresent;
                else if (value is SecureString key && bound.Key == nameof(MasterKey)) value = SecureText.ToPlainString(key);
                else if (value is string path && PipelineOptionsBuilder.PathParameters.Contains(bound.Key)) value = ResolvePath(path);
                given[bound.Key] = value;
            }
            var builder = new PipelineOptionsBuilder(given, LoadSettings(), AnsibleConfig)
            {
                SupportFolder = AnsibleSupportFolder,
                WorkingDirectory = SessionState.Path.CurrentFileSystemLocation.Path,
                VaultSecrets = file => ResolveVaultSecrets(VaultPassword, file),
            };
            return builder.Build();
        }

        private PipelineSettings LoadSettings()
        {
            if (SettingsPath != null) return PipelineSettings.Load(ResolvePath(SettingsPath));
            var settings = PipelineSettings.FindInCurrentFolder(ResolvePath("."), WriteWarning);
            if (settings.FilePath != null) WriteVerbose("Settings: " + settings.FilePath);
            return settings;
        }
    }
}
