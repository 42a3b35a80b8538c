using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Writes the issue report of a run from the check results piped into it.</para>
    /// <para type="description">Collects HxCheckResult objects from any Hx cmdlet (other objects are skipped with a warning) and writes
    /// issues/full_report.txt (every failure and warning with its fix), issues/analysis.txt (counts by category), issues/remediation.ps1
    /// and, when some fixes are for the target hosts, issues/remediation.sh (by host, mode 0755), each atomically; only complete commands are runnable
    /// lines, advice and commands with &lt;placeholders&gt; stay as comments. Anything shaped like an API key (sk-…) is masked:
    /// the report never holds a secret. Seed task 3.03.04.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Test-HxRoleStructure -Path ./roles/litellm | New-HxIssueReport -Path ./report -PassThru</code>
    ///   <para>Writes ./report/issues/ from the role structure check and lists the files written.</para>
    /// </example>
    /// <example>
    ///   <code>@(Test-HxTemplate -Path ./roles/litellm -InventoryPath ./inventory/hosts.ini -HostName gw1; Test-HxLiteLLMConfig -Path ./rendered/litellm.config.yaml -EnvPath ./rendered/litellm.env) | New-HxIssueReport -Path ./report</code>
    ///   <para>One report over the template and config checks.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "HxIssueReport", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class NewHxIssueReportCommand : HxCmdlet
    {
        private readonly List<HxCheckResult> _results = new List<HxCheckResult>();

        /// <summary><para type="description">Folder the issues/ folder is written into (created when missing).</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = "";

        /// <summary><para type="description">Check results (HxCheckResult) from the pipeline; other objects are skipped with a warning.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary><para type="description">Return one change object per file written.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (InputObject.BaseObject is HxCheckResult result) _results.Add(result);
            else WriteWarning("Skipping an object of type " + InputObject.BaseObject.GetType().FullName
                + ": New-HxIssueReport takes check results (HxCheckResult).");
        }

        protected override void EndProcessing()
        {
            var folder = System.IO.Path.Combine(ResolvePath(Path), IssueReportStep.Folder);
            try
            {
                var outcome = IssueReportStep.Run(NewStepContext(new SecretRedactor(), null), _results, folder);
                if (PassThru) WriteObject(outcome.Changes, true);
            }
            catch (HxException error)
            {
                ThrowHxError(error, error.File ?? folder);
            }
        }
    }
}
