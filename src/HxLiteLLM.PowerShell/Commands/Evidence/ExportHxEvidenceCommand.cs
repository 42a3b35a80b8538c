using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Evidence;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Evidence
{
    /// <summary>
    /// <para type="synopsis">Writes the summary and results.json of a run's evidence and packs it into a .zip.</para>
    /// <para type="description">Takes the results of a pre-flight (or any HxLiteLLM check) from the pipeline, finds their
    /// run folder (.evidence/&lt;area&gt;/&lt;stamp&gt;/) from the results' EvidencePath, writes a human summary and
    /// results.json for exactly these results there, and packs the folder into an archive beside it (or at
    /// -DestinationPath). Secrets are masked in everything written.</para>
    /// </summary>
    /// <example>
    ///   <code>Invoke-HxPreflight -InventoryPath ./inventory/hosts.ini | Export-HxEvidence -DestinationPath ./preflight-evidence.zip</code>
    ///   <para>Runs the pre-flight and hands its evidence over as one archive.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "HxEvidence", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
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
                .GroupBy(r => EvidenceExport.RunFolderOf(r.EvidencePath))
                .Where(g => g.Key != null).ToList();
            if (runs.Count == 0)
            {
                WriteWarning("None of the results has evidence in a run folder; nothing to export.");
                return;
            }
            if (DestinationPath != null && runs.Count > 1)
            {
                ThrowHxError(new HxException("EvidenceFromSeveralRuns", "The results come from " + runs.Count + " runs; -DestinationPath takes the results of one run. Leave it out to get one archive per run."), DestinationPath);
            }
            foreach (var run in runs)
            {
                var archive = DestinationPath == null ? run.Key! + ".zip" : ResolvePath(DestinationPath);
                var change = new HxFileChange(archive, "ExportEvidence") { Item = run.Key!, Added = new HxNameList(new[] { run.Count() + " results" }) };
                if (ShouldProcess(archive, "Write summary and results.json into " + run.Key + " and pack it"))
                {
                    // Results of one run share the run's exceptions: all results of the run, not only those with evidence files.
                    var all = _results.Where(r => r.EvidencePath.Length == 0 || EvidenceExport.RunFolderOf(r.EvidencePath) == run.Key).ToList();
                    EvidenceExport.Export(run.Key!, all, new SecretRedactor(), archive);
                    change.Changed = true;
                }
                else
                {
                    change.WhatIf = true;
                }
                WriteObject(change);
            }
        }
    }
}
