using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Checks Jinja2 templates of a role: syntax, unknown filters and tests, undefined and unused variables.</para>
    /// <para type="description">Parses every template the way Ansible's template module does (syntax errors with file:line:column) and
    /// reports filters and tests the engine does not know. Given a host of an inventory (-InventoryPath, -HostName) and/or -Variable,
    /// it also lists every variable a template reads, directly or through other variables, that is not defined for that host (with a
    /// did-you-mean), and every defined litellm_* variable that no template or task of the role uses. The role's defaults and vars
    /// count as defined. Names tested with `is defined` or given a `default` are optional.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Test-HxTemplate -Path ./roles/litellm -InventoryPath ./inventory/hosts.ini -HostName localhost | Where-Object Status -ne Passed</code>
    ///   <para>Checks the bundled role's templates against the variables of the host localhost.</para>
    /// </example>
    /// <example>
    ///   <code>Get-ChildItem ./roles/litellm/templates -Filter *.j2 | Test-HxTemplate</code>
    ///   <para>Checks only the syntax, filters and tests of the templates.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxTemplate")]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxTemplateCommand : HxCmdlet
    {
        private readonly List<TemplateFile> _templates = new List<TemplateFile>();

        /// <summary><para type="description">A role, a folder of templates or .j2 files; binds FullName of Get-ChildItem output.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">Inventory whose host variables the templates are checked against.</para></summary>
        [Parameter]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">The inventory host whose variables apply (needed with -InventoryPath).</para></summary>
        [Parameter]
        [Alias("Name")]
        public string? HostName { get; set; }

        /// <summary><para type="description">Extra variables, as ansible's -e: they win over every other source.</para></summary>
        [Parameter]
        public IDictionary? Variable { get; set; }

        /// <summary><para type="description">Password of vault-encrypted vars files of the inventory.</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">File holding the vault password; ANSIBLE_VAULT_PASSWORD_FILE is used when neither vault parameter is given.</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var p in Path)
            {
                var full = ResolvePath(p);
                try
                {
                    _templates.AddRange(TemplateFile.Find(full));
                }
                catch (HxException error)
                {
                    WriteHxError(error, full);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_templates.Count == 0) return;
            try
            {
                HostVariables? variables = null;
                if (InventoryPath != null || Variable != null)
                {
                    variables = RoleVariableInput.Load(_templates, InventoryPath == null ? null : ResolvePath(InventoryPath), HostName, Variable,
                        ResolveVaultSecrets(VaultPassword, VaultPasswordFile), new SecretRedactor());
                }
                WriteObject(TemplateCheck.Check(_templates, variables), true);
            }
            catch (HxException error)
            {
                WriteHxError(error, InventoryPath);
            }
        }
    }
}
