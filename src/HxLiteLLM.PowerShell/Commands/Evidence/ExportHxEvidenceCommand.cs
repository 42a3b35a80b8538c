using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Evidence
{
    /// <summary>
    /// <para type="synopsis">Writes the summary and results.json of a run's evidence and packs it into a .zip (seed task 3.01.06).</para>
    /// <para type="description">Takes the results of any HxLiteLLM check from the pipeline, finds their run folder
    /// (.evidence/&lt;area&gt;/&lt;stamp&gt;/) from the results' EvidencePath, writes a summary (preflight_summary.txt for a
    /// pre-flight run, summary.txt for the inventory and role areas) and results.json for exactly these results there, and packs
    /// the folder into an archive beside it (or at -DestinationPath). Returns one EvidenceArchive result per archive. Secrets are
    /// masked in everything written.</para>
    /// </summary>
    /// <example>
    ///   <code>Invoke-HxPreflight -InventoryPath ./inventory/hosts.ini | Export-HxEvidence -DestinationPath ./preflight-evidence.zip</code>
    ///   <para>Runs the pre-flight and hands its evidence over as one archive.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "HxEvidence", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class ExportHxEvidenceCommand : HxCmdlet
    {
        private readonly List<HxCheckResult> _results = new List<HxCheckResult>();

        /// <summary><para type="description">Results whose evidence to export (from the pipeline).</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public HxCheckResult[] InputObject { get; set; } = new HxCheckResult[0];

        /// <summary><para type="description">Archive to write; default: &lt;run folder&gt;.zip. Only for results of one run.</para></summary>
        [Parameter]
        public string? DestinationPath { get; set; }

        protected override void ProcessRecord() => _results.AddRange(InputObject);

        protected override void EndProcessing()
        {
            var runs = _results.Where(r => r.EvidencePath.Length > 0)
                .GroupBy(r => EvidenceArchiveStep.RunFolderOf(r.EvidencePath))
                .Where(g => g.Key != null).ToList();
            if (runs.Count == 0)
            {
                WriteWarning("None of the results has evidence in a run folder; nothing to export.");
                return;
            }
            if (DestinationPath != null && runs.Count > 1)
            {
                ThrowHxError(new HxException("EvidenceFromSeveralRuns", "The results come from " + runs.Count
                    + " runs; -DestinationPath takes the results of one run. Leave it out to get one archive per run."), DestinationPath);
            }
            var context = NewStepContext(new SecretRedactor(), null);
            foreach (var run in runs)
            {
                // Results of one run share the run's exceptions: all results of the run, not only those with evidence files.
                var all = _results.Where(r => r.EvidencePath.Length == 0 || EvidenceArchiveStep.RunFolderOf(r.EvidencePath) == run.Key).ToList();
                try
                {
                    WriteObject(EvidenceArchiveStep.Run(context, run.Key!, all, DestinationPath == null ? null : ResolvePath(DestinationPath)).Results, true);
                }
                catch (HxException error)
                {
                    ThrowHxError(error, error.File);
                }
            }
        }
    }
}
