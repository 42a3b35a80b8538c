using System;
using System.Collections.Generic;
using System.Threading;
using HxLiteLLM.Evidence;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Steps
{
    /// <summary>
    /// What a seed step needs from whoever runs it (a cmdlet or the pipeline): the redactor, the run's evidence store,
    /// the -WhatIf/-Confirm decision, and where warnings and progress notes go. The same step code runs either way.
    /// </summary>
    public sealed class StepContext
    {
        public StepContext(SecretRedactor redactor, EvidenceStore? evidence)
        {
            Redactor = redactor;
            Evidence = evidence;
        }

        public SecretRedactor Redactor { get; }
        /// <summary>The run's evidence; null when nothing may be written (-WhatIf): steps then write no evidence at all.</summary>
        public EvidenceStore? Evidence { get; }
        /// <summary>Asked before each file change with (target, action); false leaves the file as it is (-WhatIf, a declined -Confirm).</summary>
        public Func<string, string, bool> ShouldProcess { get; set; } = (target, action) => true;
        public Action<string> Warn { get; set; } = _ => { };
        public Action<string> Verbose { get; set; } = _ => { };
        /// <summary>A source the run read (inventory source, vars file), named once for the operator as `ansible -v` names them.</summary>
        public Action<string> SourceUsed { get; set; } = _ => { };
        public CancellationToken Cancellation { get; set; }
        /// <summary>
        /// The playbook folder whose group_vars/ and host_vars/ apply after the inventory's, as ansible's --playbook-dir (a cmdlet
        /// passes ansible.cfg's playbook_dir, else its current location); null: the process's current directory.
        /// </summary>
        public string? PlaybookDirectory { get; set; }
        /// <summary>How long a step waits for another run's lock on a file it changes.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>What one seed step did: its check results and the file changes it made (or, under -WhatIf, would make).</summary>
    public class StepOutcome
    {
        public StepOutcome(string task)
        {
            Task = task;
        }

        /// <summary>The seed task id (<see cref="SeedTask"/>) every result of the step carries.</summary>
        public string Task { get; }
        public List<HxCheckResult> Results { get; } = new List<HxCheckResult>();
        public List<HxFileChange> Changes { get; } = new List<HxFileChange>();
        /// <summary>The step's report file in the evidence; empty when none was written.</summary>
        public string ReportPath { get; set; } = "";

        public HxCheckResult Add(HxCheckResult result)
        {
            result.Task = Task;
            Results.Add(result);
            return result;
        }

        public void AddRange(IEnumerable<HxCheckResult> results)
        {
            foreach (var r in results) Add(r);
        }
    }
}
