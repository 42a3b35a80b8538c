using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Templating;

namespace HxLiteLLM.Steps
{
    /// <summary>Where one host's rendered files go.</summary>
    public sealed class RenderTarget
    {
        public RenderTarget(TemplateHost host, string outputFolder)
        {
            Host = host;
            OutputFolder = outputFolder;
        }

        public TemplateHost Host { get; }
        public string OutputFolder { get; }
        /// <summary>HxLiteLLM's own render root above the folder (marked with a .gitignore of '*' when first written); null for a folder the user chose.</summary>
        public string? OwnedRoot { get; private set; }

        /// <summary>One folder per host below <paramref name="renderRoot"/>; a host name that is not a plain folder name is refused.</summary>
        public static RenderTarget PerHost(string renderRoot, TemplateHost host) =>
            new RenderTarget(host, ContainedPath.Child(renderRoot, host.Name, "host name")) { OwnedRoot = renderRoot };
    }

    /// <summary>What rendering produced, besides the step's results: one record per file.</summary>
    public sealed class RenderOutcome : StepOutcome
    {
        public RenderOutcome() : base(SeedTask.RenderTemplates)
        {
        }

        public List<RenderedTemplate> Rendered { get; } = new List<RenderedTemplate>();
    }

    /// <summary>
    /// Seed step 3.03.03: every template rendered per host exactly as Ansible would (env files 0600), a redacted copy per host in
    /// the evidence (rendered/&lt;host&gt;/), the LiteLLM config and env checked, and <see cref="ReportFile"/> written.
    /// </summary>
    public static class RenderStep
    {
        public const string ReportFile = "render_validation_report.txt";

        /// <param name="options">Template module defaults when null; opt-ins such as command lookups.</param>
        public static RenderOutcome Run(StepContext context, IReadOnlyList<TemplateFile> templates, IReadOnlyList<RenderTarget> targets, TemplateOptions? options = null)
        {
            var outcome = new RenderOutcome();
            foreach (var target in targets)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var host = target.Host;
                var renderer = new TemplateRenderer(host.Variables ?? throw new ArgumentException("a render target needs the host's variables", nameof(targets)), options);
                var evidenceFolder = host.Name.Length == 0 ? "rendered" : "rendered/" + Path.GetFileName(ContainedPath.Child(target.OutputFolder, host.Name, "host name"));
                var rendered = new List<RenderedTemplate>();
                foreach (var template in templates)
                {
                    var destination = Path.Combine(target.OutputFolder, template.OutputName);
                    var write = context.ShouldProcess(destination, "Render " + template.Name + (host.Name.Length > 0 ? " for " + host.Name : ""));
                    if (write && target.OwnedRoot != null) OwnedFolder.Ensure(target.OwnedRoot);
                    try
                    {
                        var result = renderer.Render(template, target.OutputFolder, write ? context.Evidence : null, write, evidenceFolder);
                        outcome.Rendered.Add(result);
                        rendered.Add(result);
                        outcome.Changes.Add(new HxFileChange(result.OutputPath, "Render") { Item = template.Name, Changed = true, WhatIf = !write });
                        outcome.Add(new HxCheckResult("RoleValidation", "Render", result.OutputPath, write ? HxStatus.Passed : HxStatus.Skipped,
                            (write ? "rendered " : "would render (-WhatIf) ") + template.Name + (host.Name.Length > 0 ? " for " + host.Name : "") + ": " + result.Bytes + " bytes, sha256 " + result.Sha256 +
                            (result.ContainsSecrets ? ", holds secrets (mode 0600)" : ""))
                        {
                            Category = HxCategory.Template,
                            EvidencePath = result.EvidencePath,
                        });
                    }
                    catch (HxException error)
                    {
                        outcome.Add(new HxCheckResult("RoleValidation", "Render", template.Path, HxStatus.Failed,
                            (host.Name.Length > 0 ? "host " + host.Name + ": " : "") + context.Redactor.Redact(error.Message))
                        {
                            Category = HxCategory.Template,
                            Remediation = "Fix the template or the variable named in the message, then render again",
                        });
                    }
                    catch (IOException error)
                    {
                        outcome.Add(new HxCheckResult("RoleValidation", "Render", template.Path, HxStatus.Failed, "could not write " + destination + ": " + error.Message)
                        {
                            Category = HxCategory.Template,
                        });
                    }
                }
                CheckConfig(outcome, rendered.Where(r => !r.WhatIf).ToList());
                if (context.Evidence != null && rendered.Count > 0)
                {
                    context.Evidence.WriteText(EvidenceArea.RoleValidation, evidenceFolder + "/manifest.json", TemplateRenderer.ManifestJson(rendered));
                }
            }
            if (context.Evidence != null && outcome.Results.Count > 0)
            {
                outcome.ReportPath = context.Evidence.WriteText(EvidenceArea.RoleValidation, ReportFile,
                    StepReport.Text("LiteLLM render validation", outcome.Task, string.Join(", ", targets.Select(t => t.Host.Name).Where(n => n.Length > 0)), outcome.Results));
                foreach (var r in outcome.Results.Where(r => r.EvidencePath.Length == 0)) r.EvidencePath = outcome.ReportPath;
            }
            return outcome;
        }

        /// <summary>The LiteLLM config (and env file) checks on what was just written.</summary>
        private static void CheckConfig(StepOutcome outcome, List<RenderedTemplate> rendered)
        {
            var config = rendered.FirstOrDefault(t => t.Template.EndsWith("config.yaml.j2", StringComparison.Ordinal));
            if (config == null) return;
            var env = rendered.FirstOrDefault(t => t.Template.EndsWith(".env.j2", StringComparison.Ordinal));
            outcome.AddRange(LiteLLMConfigCheck.Check(config.OutputPath, env?.OutputPath));
        }
    }
}
