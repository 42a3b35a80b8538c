using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using HxLiteLLM.Evidence;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Checks that an Ansible role has the layout Ansible loads, and optionally creates what is missing.</para>
    /// <para type="description">Reports one result per folder (tasks, handlers, templates, defaults, vars, meta, files), per entry file
    /// (main.yml, main.yaml, main.json, then main — first wins; vars/ and defaults/ may be a main/ directory) and per YAML file, whose
    /// parse errors name file, line and column. With -Create the missing folders and stub files are created the way
    /// `ansible-galaxy role init` lays them out; nothing existing is overwritten. The structure report and results are written as
    /// evidence under litellm_role_validation.</para>
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

        /// <summary><para type="description">Root of the evidence trail (default: .evidence in the current directory).</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        protected override void ProcessRecord()
        {
            var role = ResolvePath(Path);
            try
            {
                if (Create)
                {
                    var missing = RoleSkeleton.Missing(role);
                    foreach (var item in missing)
                    {
                        if (!ShouldProcess(item.Path, item.IsFolder ? "Create folder" : "Create file")) continue;
                        foreach (var created in RoleSkeleton.Create(new[] { item })) WriteVerbose("Created " + created);
                    }
                }
                var results = RoleLayout.Check(role);
                var store = new EvidenceStore(EvidencePath == null ? ResolvePath(".evidence") : ResolvePath(EvidencePath), new SecretRedactor());
                var report = store.WriteText(EvidenceArea.RoleValidation, "role_structure_" + System.IO.Path.GetFileName(role) + ".txt", Report(role, results));
                foreach (var r in results) r.EvidencePath = report;
                store.WriteText(EvidenceArea.RoleValidation, "role_structure_" + System.IO.Path.GetFileName(role) + ".json", EvidenceStore.ResultsJson(results));
                WriteObject(results, true);
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

        private static string Report(string role, IReadOnlyList<HxCheckResult> results)
        {
            var sb = new StringBuilder("Role structure of ").Append(role).Append('\n');
            foreach (var r in results) sb.Append(r.Status.ToString().ToUpperInvariant().PadRight(8)).Append(r.Check.PadRight(15)).Append(r.Target).Append(": ").Append(r.Message).Append('\n');
            sb.Append(results.Count(r => r.Status == HxStatus.Failed)).Append(" failed, ").Append(results.Count(r => r.Status == HxStatus.Warning)).Append(" warning(s)\n");
            return sb.ToString();
        }
    }
}
