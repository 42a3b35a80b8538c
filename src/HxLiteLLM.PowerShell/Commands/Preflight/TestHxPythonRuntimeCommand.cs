using System;
using System.Management.Automation;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Commands.Preflight
{
    /// <summary>
    /// <para type="synopsis">Checks Python, pip and venv on each target. Seed task 3.01.05.</para>
    /// <para type="description">Requires python3 of at least -MinimumVersion (default 3.11), a working pip, and a venv
    /// that can really be created (a throw-away one in a temp folder, removed again). Versions are reported.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Test-HxPythonRuntime</code>
    ///   <para>Checks the gateway hosts for Python 3.11 or later with pip and venv.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Test-HxPythonRuntime -HostName localhost -Connection local -MinimumVersion 3.0 -EvidencePath ./.evidence</code>
    ///   <para>Checks this machine itself, as an inventory host with ansible_connection=local would be.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxPythonRuntime", DefaultParameterSetName = InventorySet, SupportsShouldProcess = true)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxPythonRuntimeCommand : PreflightCommandBase
    {
        /// <summary><para type="description">Lowest acceptable Python version (default 3.11).</para></summary>
        [Parameter]
        public Version MinimumVersion { get; set; } = new Version(3, 11);

        /// <summary><para type="description">Interpreter to check, as the connecting user's PATH finds it (default python3).</para></summary>
        [Parameter]
        public string PythonCommand { get; set; } = "python3";

        protected override void Configure(PreflightOptions options)
        {
            options.Checks = PreflightChecks.Python;
            options.MinimumPythonVersion = MinimumVersion;
            options.PythonCommand = PythonCommand;
        }
    }
}
