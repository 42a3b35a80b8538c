using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;

namespace HxLiteLLM.Steps
{
    /// <summary>One host whose variables templates are checked or rendered with; the host name is empty for variables given directly.</summary>
    public sealed class TemplateHost
    {
        public TemplateHost(string name, HostVariables? variables)
        {
            Name = name;
            Variables = variables;
        }

        public string Name { get; }
        public HostVariables? Variables { get; }
    }

    /// <summary>
    /// Seed step 3.03.02: template syntax, unknown filters and tests once, then undefined and unused variables per host.
    /// Writes <see cref="ReportFile"/> under litellm_role_validation/&lt;stamp&gt;/.
    /// </summary>
    public static class TemplateValidationStep
    {
        public const string ReportFile = "template_validation.txt";

        public static StepOutcome Run(StepContext context, IReadOnlyList<TemplateFile> templates, IReadOnlyList<TemplateHost> hosts)
        {
            var outcome = new StepOutcome(SeedTask.ValidateTemplates);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var host in hosts.Count == 0 ? new[] { new TemplateHost("", null) } : hosts.ToArray())
            {
                context.Cancellation.ThrowIfCancellationRequested();
                foreach (var r in TemplateCheck.Check(templates, host.Variables))
                {
                    var perHost = r.Check == "UndefinedVariable" || r.Check == "UnusedVariable";
                    if (perHost && host.Name.Length > 0 && hosts.Count > 1) r.Message = "host " + host.Name + ": " + r.Message;
                    if (seen.Add(r.Check + "\n" + r.Target + "\n" + r.Status + "\n" + r.Message)) outcome.Add(r);
                }
            }
            if (context.Evidence != null && templates.Count > 0)
            {
                outcome.ReportPath = context.Evidence.WriteText(EvidenceArea.RoleValidation, ReportFile,
                    ReportText.Report("LiteLLM template validation", outcome.Task, ReportText.Targets(hosts.Select(h => h.Name)), DateTime.UtcNow,
                        outcome.Results));
                foreach (var r in outcome.Results) r.EvidencePath = outcome.ReportPath;
            }
            return outcome;
        }
    }
}
