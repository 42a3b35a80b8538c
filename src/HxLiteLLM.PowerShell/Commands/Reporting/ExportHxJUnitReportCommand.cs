using System;
using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.PowerShell.Commands.Reporting
{
    /// <summary>
    /// <para type="synopsis">Writes results as JUnit XML for Azure DevOps and GitHub test reporting.</para>
    /// <para type="description">One testsuite per phase, one testcase per check and target: Failed results are failures
    /// (with the remediation in the text), Skipped are skipped, Warnings pass with their text in system-out. Azure DevOps
    /// PublishTestResults (testResultsFormat JUnit) and the GitHub test reporters read the file. With -PassThru the results
    /// continue down the pipeline.</para>
    /// </summary>
    /// <example>
    ///   <code>Invoke-HxPreflight -InventoryPath ./inventory/hosts.ini | Export-HxJUnitReport -Path ./results.xml</code>
    ///   <para>Writes the pre-flight results for the CI system's test tab.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Test-HxPythonRuntime -HostName localhost -Connection local -MinimumVersion 3.0 | Export-HxJUnitReport -Path ./junit.xml -PassThru | Format-Table</code>
    ///   <para>Writes the report and still shows the results.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "HxJUnitReport", SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult), typeof(HxFileChange))]
    public sealed class ExportHxJUnitReportCommand : HxCmdlet
    {
        private readonly List<HxCheckResult> _results = new List<HxCheckResult>();

        /// <summary><para type="description">Results to report (from the pipeline).</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public HxCheckResult[] InputObject { get; set; } = new HxCheckResult[0];

        /// <summary><para type="description">The JUnit XML file to write.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = "";

        /// <summary><para type="description">Pass the results on down the pipeline instead of returning the file change.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            _results.AddRange(InputObject);
            if (PassThru) WriteObject(InputObject, true);
        }

        protected override void EndProcessing()
        {
            var path = ResolvePath(Path);
            var change = new HxFileChange(path, "ExportJUnitReport") { Added = new HxNameList(new[] { _results.Count + " results" }) };
            if (ShouldProcess(path, "Write JUnit XML of " + _results.Count + " results"))
            {
                try
                {
                    AtomicFile.WriteAllText(path, JUnitReportWriter.Write(_results, new SecretRedactor()));
                }
                catch (Exception error) when (HxFileError.IsFileSystemError(error))
                {
                    // Not an unnamed exception: the report's path is what the user fixes (a folder there, no write access).
                    ThrowHxError(HxFileError.From("JUnitReportWriteFailed", path, error, writing: true), path);
                }
                change.Changed = true;
            }
            else
            {
                change.WhatIf = true;
            }
            if (!PassThru) WriteObject(change);
        }
    }
}
