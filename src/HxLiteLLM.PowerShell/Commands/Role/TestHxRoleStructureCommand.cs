using System.IO;
using System.Management.Automation;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Checks that an Ansible role has the layout Ansible loads, and optionally creates what is missing.</para>
    /// <para type="description">Reports one result per folder (tasks, handlers, templates, defaults, vars, meta, files), per entry file
    /// (main.yml, main.yaml, main.json, then main — first wins; vars/ and defaults/ may be a main/ directory) and per YAML file, whose
    /// parse errors name file, line and column. With -Create the missing folders and stub files are created the way
    /// `ansible-galaxy role init` lays them out; nothing existing is overwritten. The structure report (role_structure_&lt;role&gt;.txt) is written as
    /// evidence under litellm_role_validation/&lt;stamp&gt;/. Seed task 3.03.01.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Test-HxRoleStructure -Path ./roles/litellm | Where-Object Status -ne Passed</code>
    ///   <para>Shows only what is missing or broken in the bundled LiteLLM role.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxRoleStructure -Path ./roles/newrole -Create -WhatIf</code>
    ///   <para>Lists the folders and files ansible-galaxy role init would create for a new role, without creating them.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxRoleStructure", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxRoleStructureCommand : HxCmdlet
    {
        /// <summary><para type="description">The role directory (e.g. ./roles/litellm); binds FullName of Get-ChildItem output.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "RolePath")]
        public string Path { get; set; } = "";

        /// <summary><para type="description">Create the missing folders and main.yml stubs (never overwrites).</para></summary>
        [Parameter]
        public SwitchParameter Create { get; set; }

        /// <summary><para type="description">Root of the evidence trail; default .evidence in the Ansible project root: the folder of the ansible.cfg Ansible uses when it is the project's (ANSIBLE_CONFIG or ./ansible.cfg), else the current directory. The inventory path never decides it.</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        protected override void ProcessRecord()
        {
            var role = ResolvePath(Path);
            try
            {
                var outcome = RoleStructureStep.Run(NewStepContext(new SecretRedactor(), EvidenceRoot(EvidencePath)), role, Create);
                WriteObject(outcome.Results, true);
            }
            catch (HxException error)
            {
                WriteHxError(error, role);
            }
            catch (IOException error)
            {
                WriteHxError(new HxException("RoleIOError", role + ": " + error.Message, role, 0, 0, error), role);
            }
        }
    }
}
