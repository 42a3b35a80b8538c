using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Remote;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// What every pre-flight cmdlet shares: hosts from the pipeline (Get-HxInventory output or CSV rows, by property
    /// name) or from an inventory, SSH connection settings, the parallel run off the pipeline thread with results and
    /// throttled progress written back on it, and the evidence trail. Each cmdlet only says which checks it runs.
    /// </summary>
    public abstract class PreflightCommandBase : HxCmdlet
    {
        protected const string HostSet = "Host";
        protected const string InventorySet = "Inventory";

        private readonly List<PreflightHost> _hosts = new List<PreflightHost>();
        private readonly List<string> _inventoryBackends = new List<string>();

        /// <summary><para type="description">Inventory names of the hosts (one or many, also from the pipeline); binds the Name of Get-HxInventory output or a CSV column.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = HostSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "ComputerName", "Host")]
        public string[] HostName { get; set; } = new string[0];

        /// <summary><para type="description">Address to connect to (ansible_host); the host name when not given.</para></summary>
        [Parameter(ParameterSetName = HostSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ansible_host", "IPAddress")]
        public string? Address { get; set; }

        /// <summary><para type="description">SSH port (default 22).</para></summary>
        [Parameter(ParameterSetName = HostSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ansible_port")]
        public int? Port { get; set; }

        /// <summary><para type="description">SSH user; -Credential's user name wins when given. Without either (and no ansible_user) the current user, as Ansible does.</para></summary>
        [Parameter(ParameterSetName = HostSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ansible_user", "UserName")]
        public string? User { get; set; }

        /// <summary><para type="description">OpenSSH private key file (ansible_ssh_private_key_file).</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ansible_ssh_private_key_file")]
        public string? KeyFilePath { get; set; }

        /// <summary><para type="description">ssh (default) or local (ansible_connection=local: run on this machine).</para></summary>
        [Parameter(ParameterSetName = HostSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ansible_connection")]
        [ValidateSet("ssh", "local", "smart", "paramiko")]
        public string? Connection { get; set; }

        /// <summary><para type="description">Variables of a piped inventory host; backends default from litellm_backends in them.</para></summary>
        [Parameter(ParameterSetName = HostSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        public IDictionary? Vars { get; set; }

        /// <summary><para type="description">Ansible inventory to take the hosts from (instead of the pipeline); default: the inventory of ansible.cfg or ANSIBLE_INVENTORY, as ansible-inventory finds it.</para></summary>
        [Parameter(ParameterSetName = InventorySet)]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">Group of the inventory whose hosts are checked (default litellm; all for every host). An unknown group, a group without hosts or an inventory that parsed no source (a hosts.ini inside an inventory directory, which Ansible skips) stops the command with an error naming it and the closest group.</para></summary>
        [Parameter(ParameterSetName = InventorySet)]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">Password of vault-encrypted vars files of the inventory.</para></summary>
        [Parameter(ParameterSetName = InventorySet)]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">File with the vault password; ANSIBLE_VAULT_PASSWORD_FILE is used when no vault parameter is given.</para></summary>
        [Parameter(ParameterSetName = InventorySet)]
        public string? VaultPasswordFile { get; set; }

        /// <summary><para type="description">SSH user and password (the password is tried after the key).</para></summary>
        [Parameter]
        public PSCredential? Credential { get; set; }

        /// <summary><para type="description">OpenSSH known_hosts file that host keys are verified against (default ~/.ssh/known_hosts).</para></summary>
        [Parameter]
        public string? KnownHostsPath { get; set; }

        /// <summary><para type="description">Record unknown host keys in known_hosts (like StrictHostKeyChecking=accept-new); a changed key still fails. host_key_checking = False in ansible.cfg (or ANSIBLE_HOST_KEY_CHECKING) turns this on: Ansible would not check at all, accept-new is the safest equivalent.</para></summary>
        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary><para type="description">Also use the SSH algorithms OpenSSH 9.2's ssh refuses by default as weak (diffie-hellman-group1-sha1, ssh-rsa host key and user key signatures with SHA-1, CBC ciphers, MD5 MACs). Without it a host that offers only such algorithms fails its Connection check naming them. Only for old hosts you cannot fix yet: these algorithms let an attacker on the network forge or read the session.</para></summary>
        [Parameter]
        public SwitchParameter AllowLegacySshAlgorithm { get; set; }

        /// <summary><para type="description">Hosts checked at the same time (default 32).</para></summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 32;

        /// <summary><para type="description">Time allowed to connect to a host (default: timeout of ansible.cfg, else 10 seconds).</para></summary>
        [Parameter]
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary><para type="description">Time allowed for the probe command on a host once connected (default 60 seconds); a host that goes silent fails after it.</para></summary>
        [Parameter]
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary><para type="description">Root of the evidence trail; default .evidence in the Ansible project root: the folder of the ansible.cfg Ansible uses when it is the project's (ANSIBLE_CONFIG or ./ansible.cfg), else the current directory. The inventory path never decides it.</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        /// <summary>Which checks this cmdlet runs and their settings.</summary>
        protected abstract void Configure(PreflightOptions options);

        /// <summary>Backends found in the hosts' litellm_backends variables, for the network check's default.</summary>
        protected IReadOnlyList<string> InventoryBackends => _inventoryBackends;

        protected override void ProcessRecord()
        {
            try
            {
                if (ParameterSetName == InventorySet)
                {
                    var path = InventoryOrConfigured(InventoryPath);
                    var missing = InventorySelection.MissingSource(path);
                    if (missing != null) throw missing;
                    var model = VaultedInventory.Load(path, ResolveVaultSecrets(VaultPassword, VaultPasswordFile), new SecretRedactor(), PlaybookFolder(null));
                    foreach (var host in InventorySelection.GroupHosts(model, Group, path))
                    {
                        var record = InventoryHostRecord.From(model, host, path);
                        AddHost(PreflightHost.FromInventory(record), record.Vars);
                    }
                    return;
                }
                if (!string.IsNullOrEmpty(Address) && HostName.Length > 1)
                {
                    throw new HxException("AddressForManyHosts", "-Address names one host's address; give one -HostName with it (got " + HostName.Length + ").",
                        kind: HxErrorKind.InvalidArgument);
                }
                foreach (var name in HostName)
                {
                    var options = new RemoteConnectionOptions(string.IsNullOrEmpty(Address) ? name : Address!)
                    {
                        Port = Port ?? 22,
                        User = User ?? "",
                        KeyFilePath = KeyFilePath ?? "",
                        Local = Connection == "local",
                    };
                    AddHost(new PreflightHost(name, options), Vars);
                }
            }
            catch (HxException error)
            {
                ThrowHxError(error, ParameterSetName == InventorySet ? (object?)InventoryPath ?? "ansible.cfg" : string.Join(", ", HostName));
            }
        }

        /// <summary>
        /// One host's connection settings: parameters first, then the inventory's ansible_* variables, then ansible.cfg
        /// (remote_user, private_key_file, timeout, host_key_checking), as Ansible ranks them.
        /// </summary>
        private void AddHost(PreflightHost host, IDictionary? vars)
        {
            var c = host.Connection;
            AnsibleConfig.ApplyConnectionDefaults(c);
            if (!string.IsNullOrEmpty(KeyFilePath)) c.KeyFilePath = ResolvePath(KeyFilePath!);
            else if (c.KeyFilePath.Length > 0) c.KeyFilePath = HomePath.Expand(c.KeyFilePath);
            if (Credential != null)
            {
                c.User = Credential.UserName;
                c.Password = SecureText.ToPlainString(Credential.Password).ToCharArray();
            }
            if (KnownHostsPath != null) c.KnownHostsPath = ResolvePath(KnownHostsPath);
            if (AcceptNewHostKey) c.AcceptNewHostKey = true;
            if (AllowLegacySshAlgorithm) c.AllowLegacyAlgorithms = true;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ConnectTimeout))) c.ConnectTimeout = ConnectTimeout;
            c.CommandTimeout = CommandTimeout;
            _hosts.Add(host);
            if (vars is HxVariableTable table)
            {
                foreach (var url in PreflightPlan.BackendUrls(table.ToPyDict())) if (!_inventoryBackends.Contains(url)) _inventoryBackends.Add(url);
            }
        }

        protected override void EndProcessing()
        {
            if (_hosts.Count == 0) return;
            var options = new PreflightOptions { ThrottleLimit = ThrottleLimit };
            Configure(options);
            var redactor = new SecretRedactor();
            var evidenceRoot = EvidenceRoot(EvidencePath);
            // Under -WhatIf the checks still run (they only read the hosts) but no evidence is written.
            var evidence = ShouldWriteEvidence(evidenceRoot) ? new EvidenceStore(evidenceRoot, redactor) : null;
            var results = new List<HxCheckResult>();
            const string activity = "HxLiteLLM pre-flight";
            var lastProgress = Stopwatch.StartNew();
            var showProgress = !Equals(GetVariableValue("ProgressPreference"), ActionPreference.SilentlyContinue);
            try
            {
                var (checks, notRun) = PreflightPlan.WithoutMissingCa(options.Checks, options.CaCertificatePath, _hosts);
                options.Checks = checks;
                foreach (var result in notRun)
                {
                    results.Add(result);
                    WriteObject(result);
                }
                var runner = new PreflightRunner(options, evidence);
                WriteVerbose($"Pre-flight of {ReportText.Count(_hosts.Count, "host")}, checks {options.Checks}, "
                    + (evidence == null ? "no evidence (-WhatIf)" : "evidence in " + evidence.AreaFolder(EvidenceArea.Preflight)));
                foreach (var item in runner.Run(_hosts, Cancellation))
                {
                    if (item.Result != null)
                    {
                        results.Add(item.Result);
                        WriteObject(item.Result);
                    }
                    else if (item.Progress != null && showProgress && lastProgress.ElapsedMilliseconds >= 250)
                    {
                        // Throttled: progress rendering must not slow a run of hundreds of hosts.
                        lastProgress.Restart();
                        WriteProgressUpdate(1, activity,
                            $"{item.Progress.CompletedHosts}/{item.Progress.TotalHosts} hosts done; {item.Progress.Host}: {item.Progress.Activity}",
                            item.Progress.PercentComplete);
                    }
                }
                if (evidence != null) PreflightReport.Write(evidence, results);
                Finish(evidence == null ? WouldBeRunFolder(evidenceRoot) : evidence.AreaFolder(EvidenceArea.Preflight),
                    new StepContext(redactor, evidence) { ShouldProcess = ShouldProcess }, results);
            }
            catch (HxException error)
            {
                // A file the run could not use (the CA certificate) is what to fix; otherwise the one host, if one.
                ThrowHxError(error, error.File ?? (_hosts.Count == 1 ? _hosts[0].Name : null));
            }
            finally
            {
                if (showProgress) WriteProgressCompleted(1, activity);
            }
        }

        /// <summary>The run folder a run starting now would get, named without creating it (-WhatIf).</summary>
        private static string WouldBeRunFolder(string evidenceRoot) =>
            System.IO.Path.Combine(System.IO.Path.GetFullPath(evidenceRoot), EvidenceArea.Preflight, EvidenceStore.FormatStamp(DateTime.UtcNow));

        /// <summary>After the run and its summary: what a cmdlet adds to the run folder (Invoke-HxPreflight packs an archive).</summary>
        protected virtual void Finish(string runFolder, StepContext context, IReadOnlyCollection<HxCheckResult> results) { }
    }
}
