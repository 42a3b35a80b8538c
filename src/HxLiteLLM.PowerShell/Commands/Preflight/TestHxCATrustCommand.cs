using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Checks that each target trusts the internal root CA. Seed task 3.01.04.</para>
    /// <para type="description">Looks for the CA certificate in the target's trust bundle by its SHA-256 fingerprint, not
    /// by file name. With -TlsEndpoint it also makes a TLS handshake from the target and validates the endpoint's chain,
    /// expiry and name against that CA only.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Test-HxCATrust -CertificatePath ./hx-root-ca.pem</code>
    ///   <para>Checks that the HX root CA is in every gateway host's system trust bundle.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxCATrust -InventoryPath ./inventory/hosts.ini -CertificatePath ./hx-root-ca.pem -TlsEndpoint https://vllm.hx.test:8443</code>
    ///   <para>Also validates the vLLM endpoint's certificate against the HX root CA from each host.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxCATrust", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxCATrustCommand : PreflightCommandBase
    {
        /// <summary><para type="description">PEM file (on this machine) of the root CA the targets must trust.</para></summary>
        [Parameter(Mandatory = true)]
        public string CertificatePath { get; set; } = "";

        /// <summary><para type="description">Trust bundle on the target; the first existing system bundle when not given.</para></summary>
        [Parameter]
        public string? BundlePath { get; set; }

        /// <summary><para type="description">TLS endpoint (URL or host:port) validated from the target against the CA only.</para></summary>
        [Parameter]
        public string? TlsEndpoint { get; set; }

        protected override void Configure(PreflightOptions options)
        {
            options.Checks = PreflightChecks.CaTrust;
            options.CaCertificatePath = ResolvePath(CertificatePath);
            options.CaBundlePath = BundlePath;
            options.TlsEndpoint = TlsEndpoint;
        }
    }
}
