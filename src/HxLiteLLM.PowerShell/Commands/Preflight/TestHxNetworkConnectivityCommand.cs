using System;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Captures each target's network configuration and proves it reaches the inference backends. Seed task 3.01.02.</para>
    /// <para type="description">On each target: interfaces and addresses, default route and resolv.conf are captured as
    /// evidence; every backend is reached from the target itself through the SSH connection (no tool needed there), and a
    /// backend given as URL also gets an HTTP(S) request. Where the target's sshd refuses TCP forwarding, the connect is
    /// tried from the target's shell instead (bash /dev/tcp, curl or python3, the first found; TCP only), and the result
    /// names the tool. Backends default to the api_base values of litellm_backends in the inventory.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Test-HxNetworkConnectivity -KnownHostsPath ./known_hosts</code>
    ///   <para>Checks that each gateway host reaches the backends named in its litellm_backends variable.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxNetworkConnectivity -InventoryPath ./inventory/hosts.ini -Backend http://ollama.hx.test:11434, vllm.hx.test:8000</code>
    ///   <para>Checks the litellm group's hosts against an Ollama URL (with an HTTP probe) and a vLLM host:port (TCP only).</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxNetworkConnectivity", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxNetworkConnectivityCommand : PreflightCommandBase
    {
        /// <summary><para type="description">Backends to reach from the targets: URLs (probed with HTTP GET) or host:port.</para></summary>
        [Parameter]
        public string[]? Backend { get; set; }

        /// <summary><para type="description">Time allowed for each probe from a target (default 5 seconds).</para></summary>
        [Parameter]
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

        protected override void Configure(PreflightOptions options)
        {
            options.Checks = PreflightChecks.Network;
            options.Backends = (Backend ?? InventoryBackends.ToArray()).ToList();
            options.ProbeTimeout = ProbeTimeout;
        }
    }
}
