using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Checks;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Pipeline;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.PowerShell.Commands.Pipeline
{
    /// <summary>
    /// <para type="synopsis">Runs the whole job: pre-flight, inventory and role validation, with an evidence trail.</para>
    /// <para type="description">Runs the phases in the playbooks' order - Preflight, Inventory, RoleValidation - and streams
    /// every result as it happens, then one summary per phase. A phase does not start when the one before it failed,
    /// unless -ContinueOnFailure. Inputs come from parameters and, optionally, a settings file (hxlitellm.yml; parameters
    /// win). -WhatIf shows every file change of the inventory phase without making it. With -MasterKey or
    /// -GenerateMasterKey the master key is stored in group_vars/&lt;group&gt;/vault.yml; otherwise a missing key is
    /// reported with the command to run. In GitHub Actions and Azure DevOps failures are also written as the CI system's
    /// annotations; -FailOnError ends with a terminating error (a non-zero pwsh exit) when anything failed, after all
    /// results are written. Evidence: .evidence/ beside the inventory (or -EvidencePath), with
    /// litellm_orchestration_&lt;stamp&gt;.txt.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -ContinueOnFailure</code>
    ///   <para>Runs every phase on the example; checks that cannot pass on this machine are reported with their fix, and the run goes on to the end.</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxLiteLLMPipeline -SettingsPath ./hxlitellm.yml -FailOnError | Export-HxJUnitReport -Path results.xml</code>
    ///   <para>A CI step: settings from the file, JUnit for the test tab, a failing step when anything failed.</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -HostName gw1.hx.test -GenerateMasterKey -WhatIf</code>
    ///   <para>Shows what the inventory phase would change (the group, the vault) without changing anything.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "HxLiteLLMPipeline", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult), typeof(HxPhaseSummary))]
    public sealed class InvokeHxLiteLLMPipelineCommand : HxCmdlet
    {
        /// <summary><para type="description">The Ansible INI inventory (or set inventory: in the settings file).</para></summary>
        [Parameter(Position = 0)]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">Settings file (YAML); default ./hxlitellm.yml when it exists. Parameters override it.</para></summary>
        [Parameter]
        public string? SettingsPath { get; set; }

        /// <summary><para type="description">The gateway group (default litellm).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string? Group { get; set; }

        /// <summary><para type="description">The Ansible role to validate and render, e.g. ./roles/litellm.</para></summary>
        [Parameter]
        public string? RolePath { get; set; }

        /// <summary><para type="description">Phases to run (default all): Preflight, Inventory, RoleValidation.</para></summary>
        [Parameter]
        [ValidateSet("Preflight", "Inventory", "RoleValidation")]
        public string[]? Phase { get; set; }

        /// <summary><para type="description">Leave out the pre-flight phase (the playbooks' run_preflight=false).</para></summary>
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

        /// <summary><para type="description">End with a terminating error (non-zero exit of pwsh) when any result failed, after all results are written.</para></summary>
        [Parameter]
        public SwitchParameter FailOnError { get; set; }

        /// <summary><para type="description">Root of the evidence trail (default .evidence beside the inventory).</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        /// <summary><para type="description">Where the real rendered files go, one folder per host (default .rendered beside the inventory); env files get mode 0600.</para></summary>
        [Parameter]
        public string? RenderPath { get; set; }

        /// <summary><para type="description">Vault password (SecureString).</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">Vault password file; ANSIBLE_VAULT_PASSWORD_FILE is used when no vault parameter is given.</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        /// <summary><para type="description">Hosts to add to the group in the inventory (with an Ansible-style backup).</para></summary>
        [Parameter]
        public string[]? HostName { get; set; }

        /// <summary><para type="description">Master key to store in the group's vault (litellm_master_key).</para></summary>
        [Parameter]
        public SecureString? MasterKey { get; set; }

        /// <summary><para type="description">Generate a new master key (sk- and 64 hex characters) and store it in the group's vault.</para></summary>
        [Parameter]
        public SwitchParameter GenerateMasterKey { get; set; }

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
            IReadOnlyList<HxPhaseSummary> summaries;
            try
            {
                var options = BuildOptions(redactor);
                var pipeline = new LiteLLMPipeline(options, redactor);
                var progress = new ProgressRecord(2, "HxLiteLLM pipeline", "Starting");
                // Progress only for people: not when silenced (CI sets SilentlyContinue), and at most four updates a second.
                var showProgress = !Equals(GetVariableValue("ProgressPreference"), ActionPreference.SilentlyContinue);
                var lastProgress = System.Diagnostics.Stopwatch.StartNew();
                summaries = pipeline.Run(r =>
                {
                    results.Add(r);
                    WriteObject(r);
                    if (showProgress && lastProgress.ElapsedMilliseconds >= 250)
                    {
                        lastProgress.Restart();
                        progress.StatusDescription = r.Phase + ": " + r.Check + " " + r.Target;
                        WriteProgress(progress);
                    }
                }, (target, action) => ShouldProcess(target, action), Cancellation);
                if (showProgress)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
                WriteObject(summaries, true);
                WriteVerbose("Orchestration log: " + pipeline.OrchestrationLog);
                foreach (var secret in options.VaultSecrets) secret.Dispose();
            }
            catch (HxException error)
            {
                ThrowHxError(error, InventoryPath);
                return;
            }
            WriteCiOutput(results, redactor);
            var failed = results.Count(r => r.Status == HxStatus.Failed);
            if (FailOnError && failed > 0)
            {
                ThrowHxError(new HxException("PipelineFailed", failed + " check(s) failed; see the results above and the issue report in the evidence."), InventoryPath);
            }
        }

        /// <summary>Parameters over the settings file over defaults; relative paths in the file are relative to the file.</summary>
        private PipelineOptions BuildOptions(SecretRedactor redactor)
        {
            var settings = LoadSettings(out var settingsDir);
            string? FromFile(string key) => settings.TryGetValue(key, out var v) && v != null ? PyRepr.Str(v) : null;
            string? PathFromFile(string key) => FromFile(key) is string p ? System.IO.Path.GetFullPath(System.IO.Path.Combine(settingsDir, p)) : null;
            bool FlagFromFile(string key) => settings.TryGetValue(key, out var v) && v is bool b && b;
            IEnumerable<string> ListFromFile(string key) => settings.TryGetValue(key, out var v) && v is IEnumerable<object?> l ? l.Select(PyRepr.Str) : Enumerable.Empty<string>();

            var inventory = InventoryPath != null ? ResolvePath(InventoryPath) : PathFromFile("inventory")
                ?? throw new HxException("InventoryPathMissing", "No inventory: give -InventoryPath or set inventory: in the settings file.");
            var inventoryDir = System.IO.Path.GetDirectoryName(inventory)!;
            var vaultFile = VaultPasswordFile ?? PathFromFile("vault_password_file");
            var phases = (Phase ?? (ListFromFile("phases").Any() ? ListFromFile("phases").ToArray() : Enum.GetNames(typeof(PipelinePhase))))
                .Select(p => (PipelinePhase)Enum.Parse(typeof(PipelinePhase), p, true))
                .Where(p => !(p == PipelinePhase.Preflight && (SkipPreflight || FlagFromFile("skip_preflight"))))
                .Where(p => !(p == PipelinePhase.Inventory && (SkipInventory || FlagFromFile("skip_inventory"))))
                .Where(p => !(p == PipelinePhase.RoleValidation && (SkipRoleValidation || FlagFromFile("skip_role_validation"))))
                .ToList();
            var options = new PipelineOptions(inventory)
            {
                Group = Group ?? FromFile("group") ?? "litellm",
                RolePath = RolePath != null ? ResolvePath(RolePath) : PathFromFile("role"),
                EvidencePath = EvidencePath != null ? ResolvePath(EvidencePath) : PathFromFile("evidence_path") ?? System.IO.Path.Combine(inventoryDir, ".evidence"),
                RenderPath = RenderPath != null ? ResolvePath(RenderPath) : PathFromFile("render_path") ?? System.IO.Path.Combine(inventoryDir, ".rendered"),
                Phases = phases,
                ContinueOnFailure = ContinueOnFailure || FlagFromFile("continue_on_failure"),
                VaultSecrets = ResolveVaultSecrets(VaultPassword, vaultFile),
                AddHosts = (HostName ?? ListFromFile("hosts").ToArray()).ToList(),
            };
            if (MasterKey != null) options.MasterKey = SecureText.ToPlainString(MasterKey);
            else if (GenerateMasterKey) options.MasterKey = new string(HxLiteLLM.InventoryPhase.MasterKey.NewKeyCharacters());
            var knownHosts = KnownHostsPath != null ? ResolvePath(KnownHostsPath) : PathFromFile("known_hosts");
            var keyFile = KeyFilePath != null ? ResolvePath(KeyFilePath) : PathFromFile("key_file");
            var acceptNew = AcceptNewHostKey || FlagFromFile("accept_new_host_key");
            options.ConfigureConnection = c =>
            {
                if (knownHosts != null) c.KnownHostsPath = knownHosts;
                if (keyFile != null) c.KeyFilePath = keyFile;
                c.AcceptNewHostKey = acceptNew;
            };
            var ca = CertificatePath != null ? ResolvePath(CertificatePath) : PathFromFile("ca_certificate");
            options.Preflight = new PreflightOptions
            {
                ThrottleLimit = ThrottleLimit,
                DnsServer = DnsServer ?? FromFile("dns_server"),
                Backends = (Backend ?? ListFromFile("backends").ToArray()).ToList(),
                CaCertificatePath = ca,
                ExpectedDomain = Domain ?? FromFile("domain"),
                ContinueOnFailure = options.ContinueOnFailure,
            };
            return options;
        }

        private PyDict LoadSettings(out string directory)
        {
            var path = SettingsPath != null ? ResolvePath(SettingsPath) : ResolvePath("hxlitellm.yml");
            directory = System.IO.Path.GetDirectoryName(path)!;
            if (!File.Exists(path))
            {
                if (SettingsPath != null) throw new HxException("SettingsNotFound", "Settings file not found: " + path, path);
                return new PyDict();
            }
            WriteVerbose("Settings: " + path);
            return AnsibleYamlReader.LoadFile(path) as PyDict
                ?? throw new HxException("SettingsNotAMapping", path + ": the settings file must be a YAML mapping (key: value).", path);
        }

        /// <summary>Annotations and the step summary of the CI system the run is in; nothing elsewhere.</summary>
        private void WriteCiOutput(IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor)
        {
            var ci = CiAnnotationWriter.Detect(Environment.GetEnvironmentVariable);
            if (ci == CiSystem.None) return;
            foreach (var line in CiAnnotationWriter.Annotations(ci, results, redactor)) Host.UI.WriteLine(line);
            var summaryFile = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
            if (ci == CiSystem.GitHubActions && !string.IsNullOrEmpty(summaryFile))
            {
                File.AppendAllText(summaryFile, CiAnnotationWriter.StepSummary(results, redactor));
            }
        }
    }
}
