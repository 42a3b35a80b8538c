using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Checks Jinja2 templates of a role: syntax, unknown filters and tests, undefined and unused variables.</para>
    /// <para type="description">Parses every template the way Ansible's template module does (syntax errors with file:line:column) and
    /// reports filters and tests the engine does not know. Given a host of an inventory (-InventoryPath, -HostName) and/or -Variable,
    /// it also lists every variable a template reads, directly or through other variables, that is not defined for that host (with a
    /// did-you-mean), and every defined litellm_* variable that no template or task of the role uses. The role's defaults and vars
    /// count as defined. Names tested with `is defined` or given a `default` are optional. The report (template_validation.txt) goes to
    /// the evidence under litellm_role_validation/&lt;stamp&gt;/. Seed task 3.03.02.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Test-HxTemplate -Path ./roles/litellm -InventoryPath ./inventory/hosts.ini -HostName localhost -VaultPasswordFile ./.vault-pass | Where-Object Status -ne Passed</code>
    ///   <para>Checks the bundled role's templates against the variables of the host localhost.</para>
    /// </example>
    /// <example>
    ///   <code>Get-ChildItem ./roles/litellm/templates -Filter *.j2 | Test-HxTemplate</code>
    ///   <para>Checks only the syntax, filters and tests of the templates.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxTemplate", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxTemplateCommand : RoleTemplateCommandBase
    {
        protected override void EndProcessing()
        {
            if (Templates.Count == 0) return;
            var redactor = new SecretRedactor();
            IReadOnlyList<TemplateHost> hosts;
            try
            {
                hosts = LoadHosts(redactor);
            }
            catch (HxException error)
            {
                // As in every command that selects hosts: an unknown host or unreadable inventory ends the command.
                ThrowHxError(error, InventoryPath);
                return;
            }
            try
            {
                var outcome = TemplateValidationStep.Run(NewStepContext(redactor, EvidenceRoot(EvidencePath)), Templates, hosts);
                WriteObject(outcome.Results, true);
            }
            catch (HxException error)
            {
                WriteHxError(error, InventoryPath);
            }
        }
    }
}
