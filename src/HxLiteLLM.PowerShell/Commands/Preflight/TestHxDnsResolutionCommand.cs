using System;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Checks forward (A/AAAA) and reverse (PTR) DNS of every host name. Seed task 3.01.01.</para>
    /// <para type="description">Resolves each host name from this machine through the given DNS server (or the system's
    /// resolvers), reports the addresses, whether the reverse lookup leads back to the name, and the resolution time.
    /// NXDOMAIN, SERVFAIL, a timeout and a forward/reverse mismatch are distinct failures. With -FromTarget it also
    /// connects to each host and resolves its name and the -Backend names there with the host's own resolver
    /// (getent ahosts), which fails a host whose /etc/resolv.conf does not lead to the internal DNS. Evidence goes to
    /// .evidence/api-preflight/&lt;stamp&gt;/dns/.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Test-HxDnsResolution -DnsServer 10.0.0.53 | Export-Csv dns.csv</code>
    ///   <para>Checks the gateway hosts against the internal DNS server and writes the results to CSV.</para>
    /// </example>
    /// <example>
    ///   <code>'gw1.hx.test', 'gw2.hx.test' | Test-HxDnsResolution | Where-Object Status -eq Failed</code>
    ///   <para>Checks two names with the system's resolvers and shows only the failures.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxDnsResolution", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxDnsResolutionCommand : PreflightCommandBase
    {
        /// <summary><para type="description">DNS server as address or address:port; the system's resolvers when not given.</para></summary>
        [Parameter]
        public string? DnsServer { get; set; }

        /// <summary><para type="description">Time allowed for each query (default 2 seconds).</para></summary>
        [Parameter]
        public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary><para type="description">Also resolve the names on each host with its own resolver (over SSH): the host's name and the -Backend names.</para></summary>
        [Parameter]
        public SwitchParameter FromTarget { get; set; }

        /// <summary><para type="description">Backends (URLs or host:port) whose names -FromTarget resolves on the hosts; default: litellm_backends of the inventory.</para></summary>
        [Parameter]
        public string[]? Backend { get; set; }

        protected override void Configure(PreflightOptions options)
        {
            options.Checks = FromTarget ? PreflightChecks.Dns | PreflightChecks.DnsFromTarget : PreflightChecks.Dns;
            if (FromTarget) options.Backends = (Backend ?? InventoryBackends.ToArray()).ToList();
            options.DnsServer = DnsServer;
            options.DnsTimeout = DnsTimeout;
        }
    }
}
