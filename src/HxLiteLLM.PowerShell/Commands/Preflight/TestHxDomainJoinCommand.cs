using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Checks that each target is joined to the (expected) domain. Seed task 3.01.03.</para>
    /// <para type="description">Reads the membership as the host reports it (realm list, sssd, the default realm of
    /// /etc/krb5.conf) and keeps that as evidence. A host that is not joined, or joined elsewhere than -Domain, fails
    /// with the reason and the realm join command to run.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Test-HxDomainJoin -Domain HX.TEST</code>
    ///   <para>Checks that every gateway host is joined to HX.TEST.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxDomainJoin", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxDomainJoinCommand : PreflightCommandBase
    {
        /// <summary><para type="description">Domain (realm) the hosts must be joined to; any domain passes when not given.</para></summary>
        [Parameter]
        public string? Domain { get; set; }

        protected override void Configure(PreflightOptions options)
        {
            options.Checks = PreflightChecks.DomainJoin;
            options.ExpectedDomain = Domain;
        }
    }
}
