using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Results;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Runs every pre-flight check on every host, in order, in parallel over hosts.</para>
    /// <para type="description">Per host, in the playbooks' order: DNS, connection, network configuration and backends,
    /// domain join, sudo, CA trust, Python. One SSH connection per host serves all its checks. The order rule: a failed
    /// connection makes the remote checks Skipped ("dependency Connection failed"); a failed DNS lookup skips the
    /// connection only when the connection goes to that name (not to an ansible_host address), unless -ContinueOnFailure;
    /// the remote checks do not depend on each other, so all of them run and report even when one fails. -StrictOrder
    /// follows the seed guide's chain instead: TASK-3.01.01 to 3.01.05 in order, each check run only when no earlier check
    /// of the host failed, the later ones Skipped naming the failed one. Each step's evidence
    /// goes to .evidence/api-preflight/&lt;stamp&gt;/&lt;step&gt;/, with preflight_summary.txt and results.json; -Archive
    /// packs the run into a .zip. Without -CertificatePath the CA trust check is reported as Warning, not silently left out.</para>
    /// </summary>
    /// <example>
    ///   <code>Invoke-HxPreflight -InventoryPath ./inventory/hosts.ini -DnsServer 10.0.0.53 -CertificatePath ./hx-root-ca.pem -Archive</code>
    ///   <para>Checks the litellm group's hosts and packs the evidence into an archive for the change record.</para>
    /// </example>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Invoke-HxPreflight -Check Dns, PythonRuntime -ThrottleLimit 64 | Where-Object Status -ne Passed</code>
    ///   <para>Runs only the DNS and Python checks, 64 hosts at a time, and shows what did not pass.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "HxPreflight", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class InvokeHxPreflightCommand : PreflightCommandBase
    {
        /// <summary><para type="description">Checks to run (default all), by the Check names of the results: Dns, DnsFromTarget (the host's and the backends' names resolved with the target's own resolver), NetworkConfig and Backend (one probe reports both), DomainJoin, Sudo, CaTrust and TlsEndpoint (one step reports both), PythonRuntime; the Connection check always runs. The earlier names Network and Python are accepted too.</para></summary>
        [Parameter]
        [ValidateSet("Dns", "DnsFromTarget", "NetworkConfig", "Backend", "DomainJoin", "Sudo", "CaTrust", "TlsEndpoint", "PythonRuntime", "Network", "Python")]
        public string[]? Check { get; set; }

        /// <summary><para type="description">Run a host's later steps even when an earlier one failed (a failed connection still stops the remote steps).</para></summary>
        [Parameter]
        public SwitchParameter ContinueOnFailure { get; set; }

        /// <summary><para type="description">The seed's strict chain: a check runs only when no earlier check of the host failed (wins over -ContinueOnFailure).</para></summary>
        [Parameter]
        public SwitchParameter StrictOrder { get; set; }

        /// <summary><para type="description">DNS server as address or address:port; the system's resolvers when not given.</para></summary>
        [Parameter]
        public string? DnsServer { get; set; }

        /// <summary><para type="description">Time allowed for each DNS query (default 2 seconds).</para></summary>
        [Parameter]
        public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary><para type="description">Backends to reach from the targets (URLs or host:port); default: litellm_backends of the inventory.</para></summary>
        [Parameter]
        public string[]? Backend { get; set; }

        /// <summary><para type="description">Time allowed for each backend probe from a target (default 5 seconds).</para></summary>
        [Parameter]
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary><para type="description">Domain the hosts must be joined to; any domain passes when not given.</para></summary>
        [Parameter]
        public string? Domain { get; set; }

        /// <summary><para type="description">PEM file of the root CA the targets must trust.</para></summary>
        [Parameter]
        public string? CertificatePath { get; set; }

        /// <summary><para type="description">Trust bundle on the target; the first existing system bundle when not given.</para></summary>
        [Parameter]
        public string? BundlePath { get; set; }

        /// <summary><para type="description">TLS endpoint validated from the targets against the root CA.</para></summary>
        [Parameter]
        public string? TlsEndpoint { get; set; }

        /// <summary><para type="description">Lowest acceptable Python version (default 3.11).</para></summary>
        [Parameter]
        public Version MinimumPythonVersion { get; set; } = new Version(3, 11);

        /// <summary><para type="description">Pack the run's evidence folder into a .zip beside it (seed task 3.01.06); an EvidenceArchive result names the archive.</para></summary>
        [Parameter]
        public SwitchParameter Archive { get; set; }

        /// <summary><para type="description">After the run, keep only the newest N run folders of api-preflight/ in the evidence root; older ones are removed, never the current run's, never through a symbolic link, never a folder not named as a stamp. -WhatIf names what would be removed (the checks still run and write their evidence: they change nothing on the hosts).</para></summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int KeepLast { get; set; }

        private PreflightChecks Selected =>
            Check == null ? PreflightChecks.All : Check.Aggregate(PreflightChecks.None, (all, c) => all | PreflightCheckNames.Selection(c));

        protected override void Configure(PreflightOptions options)
        {
            options.Checks = Selected;
            options.ContinueOnFailure = ContinueOnFailure;
            options.StrictOrder = StrictOrder;
            options.DnsServer = DnsServer;
            options.DnsTimeout = DnsTimeout;
            options.ProbeTimeout = ProbeTimeout;
            options.Backends = (Backend ?? InventoryBackends.ToArray()).ToList();
            options.ExpectedDomain = Domain;
            options.CaCertificatePath = CertificatePath == null ? null : ResolvePath(CertificatePath);
            options.CaBundlePath = BundlePath;
            options.TlsEndpoint = TlsEndpoint;
            options.MinimumPythonVersion = MinimumPythonVersion;
        }

        protected override void Finish(string runFolder, StepContext context, IReadOnlyCollection<HxCheckResult> results)
        {
            if (Archive)
            {
                var archive = EvidenceArchiveStep.Run(context, runFolder, results);
                WriteObject(archive.Results, true);
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(KeepLast)))
            {
                // Under -WhatIf there is no run folder of this run to spare: the older folders are only named.
                foreach (var removed in EvidenceRetention.Prune(EvidenceRoot(EvidencePath), new[] { EvidenceArea.Preflight }, KeepLast, context.Evidence?.Stamp,
                    ShouldProcess))
                {
                    WriteVerbose("Removed older evidence (-KeepLast " + KeepLast + "): " + removed);
                }
            }
        }
    }
}
