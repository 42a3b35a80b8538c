using System.Collections.Generic;
using System.Management.Automation;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// The whole-file vault cmdlets: they gather every path from the pipeline first and then work on the files as one
    /// batch (<see cref="HxVaultCmdlet.RunFileBatch"/>), in parallel, in EndProcessing.
    /// </summary>
    public abstract class HxVaultFilesCmdlet : HxVaultCmdlet
    {
        private readonly List<string> _paths = new List<string>();

        /// <summary><para type="description">The files; paths or FileInfo objects from the pipeline.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Every path given so far, made absolute.</summary>
        protected IReadOnlyList<string> Paths => _paths;

        protected override void ProcessRecord()
        {
            foreach (var path in Path) _paths.Add(ResolvePath(path));
        }
    }
}
