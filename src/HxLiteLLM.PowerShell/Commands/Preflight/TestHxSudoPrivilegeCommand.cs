using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Checks that the connecting user has passwordless sudo on each target. Seed task 3.01.03.</para>
    /// <para type="description">Runs sudo -n true as the SSH user, which is what Ansible's become needs without a
    /// become password.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Test-HxSudoPrivilege -User deploy</code>
    ///   <para>Checks that the deploy user may run sudo without a password on every gateway host.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxSudoPrivilege", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxSudoPrivilegeCommand : PreflightCommandBase
    {
        protected override void Configure(PreflightOptions options) => options.Checks = PreflightChecks.Sudo;
    }
}
