using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
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
        /// <summary>HxLiteLLM's own render root above the folder (marked with a .gitignore of '*' when first written); null for a folder the user
        /// chose.</summary>
        public string? OwnedRoot { get; private set; }

        /// <summary>One folder per host below <paramref name="renderRoot"/>; a host name that is not a plain folder name is refused.</summary>
        public static RenderTarget PerHost(string renderRoot, TemplateHost host) =>
            new RenderTarget(host, ContainedPath.Child(renderRoot, host.Name, "host name")) { OwnedRoot = renderRoot };

        /// <summary>
        /// Refuses (PathBeyondSymlink) a symbolic link at the render root or the host's folder, which would send the host's
        /// files, and the removal of a failed host's previous ones, to the link's target.
        /// </summary>
        public void RefuseLinks()
        {
            var owned = OwnedRoot == null ? null : Path.GetFullPath(OwnedRoot);
            ContainedPath.RefuseLinksBelow(owned == null ? OutputFolder : Path.GetDirectoryName(owned) ?? owned, OutputFolder);
        }
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
    /// A host's files are written only when all its templates render; otherwise its previous ones are removed.
    /// </summary>
    public static class RenderStep
    {
        public const string ReportFile = "render_validation_report.txt";

        /// <param name="options">Template module defaults when null; opt-ins such as command lookups.</param>
        public static RenderOutcome Run(StepContext context, IReadOnlyList<TemplateFile> templates, IReadOnlyList<RenderTarget> targets,
            TemplateOptions? options = null)
        {
            var outcome = new RenderOutcome();
            foreach (var target in targets)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var host = target.Host;
                var renderer = new TemplateRenderer(host.Variables
                    ?? throw new ArgumentException("a render target needs the host's variables", nameof(targets)), options);
                var evidenceFolder = host.Name.Length == 0 ? EvidenceArea.RenderedFolder : EvidenceArea.RenderedFolder + "/"
                    + Path.GetFileName(ContainedPath.Child(target.OutputFolder, host.Name, "host name"));
                var forHost = host.Name.Length > 0 ? " for " + host.Name : "";
                try
                {
                    target.RefuseLinks();
                }
                catch (HxException error)
                {
                    outcome.Add(new HxCheckResult("RoleValidation", "Render", target.OutputFolder, HxStatus.Failed,
                        (host.Name.Length > 0 ? "host " + host.Name + ": " : "") + "nothing rendered: " + error.Message)
                    {
                        Category = HxCategory.Template,
                        Remediation = "Replace the symbolic link with a real folder (or choose another render folder), then render again",
                    });
                    continue;
                }
                // Every template of the host is rendered before any is written: a host's files are replaced as a set or not at all.
                var pending = new List<PendingRender>();
                var failed = 0;
                foreach (var template in templates)
                {
                    try
                    {
                        pending.Add(renderer.Prepare(template, target.OutputFolder));
                    }
                    catch (HxException error)
                    {
                        failed++;
                        outcome.Add(new HxCheckResult("RoleValidation", "Render", template.Path, HxStatus.Failed,
                            (host.Name.Length > 0 ? "host " + host.Name + ": " : "") + context.Redactor.Redact(error.Message))
                        {
                            Category = HxCategory.Template,
                            Remediation = "Fix the template or the variable named in the message, then render again",
                        }.At(error.File ?? template.Path, error.Line, error.Column));
                    }
                    catch (IOException error)
                    {
                        failed++;
                        outcome.Add(new HxCheckResult("RoleValidation", "Render", template.Path, HxStatus.Failed, "could not render " + template.Name + forHost
                            + ": " + error.Message)
                        {
                            Category = HxCategory.Template,
                        });
                    }
                }
                var rendered = new List<RenderedTemplate>();
                var written = new List<HxCheckResult>();
                var changes = new List<HxFileChange>();
                string? writeError = null;
                if (failed == 0)
                {
                    foreach (var item in pending)
                    {
                        var write = context.ShouldProcess(item.OutputPath, "Render " + item.Template.Name + forHost);
                        if (write && target.OwnedRoot != null) ContainedPath.Folder(OwnedFolder.Ensure(target.OwnedRoot), target.OutputFolder);
                        try
                        {
                            var result = renderer.Write(item, write ? context.Evidence : null, write, evidenceFolder);
                            rendered.Add(result);
                            changes.Add(new HxFileChange(result.OutputPath, "Render") { Item = item.Template.Name, Changed = true, WhatIf = !write });
                            written.Add(new HxCheckResult("RoleValidation", "Render", result.OutputPath, write ? HxStatus.Passed : HxStatus.Skipped,
                                (write ? "rendered " : "would render (-WhatIf) ") + item.Template.Name + forHost + ": " + result.Bytes + " bytes, sha256 "
                                    + result.Sha256 +
                                (result.ContainsSecrets ? ", holds secrets (mode 0600)" : ""))
                            {
                                Category = HxCategory.Template,
                                EvidencePath = result.EvidencePath,
                            });
                        }
                        catch (IOException error)
                        {
                            writeError = "could not write " + item.OutputPath + ": " + error.Message;
                            break;
                        }
                    }
                }
                if (failed > 0 || writeError != null)
                {
                    outcome.Add(NotRendered(context, outcome, templates, target, failed > 0 ? failed + " of " + templates.Count + " templates failed"
                        : writeError!));
                    continue;
                }
                outcome.Rendered.AddRange(rendered);
                outcome.Changes.AddRange(changes);
                outcome.AddRange(written);
                CheckConfig(outcome, rendered.Where(r => !r.WhatIf).ToList());
                if (context.Evidence != null && rendered.Count > 0)
                {
                    context.Evidence.WriteText(EvidenceArea.RoleValidation, evidenceFolder + "/manifest.json", TemplateRenderer.ManifestJson(rendered));
                }
            }
            if (context.Evidence != null && outcome.Results.Count > 0)
            {
                outcome.ReportPath = context.Evidence.WriteText(EvidenceArea.RoleValidation, ReportFile,
                    ReportText.Report("LiteLLM render validation", outcome.Task, ReportText.Targets(targets.Select(t => t.Host.Name)), DateTime.UtcNow,
                        outcome.Results));
                foreach (var r in outcome.Results.Where(r => r.EvidencePath.Length == 0)) r.EvidencePath = outcome.ReportPath;
            }
            return outcome;
        }

        /// <summary>
        /// A host whose set could not be rendered whole: its previously rendered files are removed, so nothing deploying
        /// from the render folder takes an old render for a current one. -WhatIf removes nothing.
        /// </summary>
        private static HxCheckResult NotRendered(StepContext context, StepOutcome outcome, IReadOnlyList<TemplateFile> templates, RenderTarget target,
            string reason)
        {
            var host = target.Host.Name;
            var removed = new List<string>();
            var kept = new List<string>();
            foreach (var path in templates.Select(t => TemplateRenderer.OutputPath(t, target.OutputFolder)).Distinct().Where(File.Exists))
            {
                if (!context.ShouldProcess(path, "Remove the previous render" + (host.Length > 0 ? " of " + host : "") + " (the new one failed)"))
                {
                    kept.Add(path);
                    outcome.Changes.Add(new HxFileChange(path, "Remove") { Item = Path.GetFileName(path), Changed = true, WhatIf = true });
                    continue;
                }
                try
                {
                    ContainedPath.RefuseLinksBelow(target.OutputFolder, path);
                    File.Delete(path);
                    removed.Add(path);
                    outcome.Changes.Add(new HxFileChange(path, "Remove") { Item = Path.GetFileName(path), Changed = true });
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is HxException)
                {
                    kept.Add(path + " (" + e.Message + ")");
                }
            }
            var status = removed.Count == 0 && kept.Count == 0 ? "no previous rendered file"
                : (removed.Count > 0 ? "previous rendered files removed: " + string.Join(", ", removed) : "")
                  + (removed.Count > 0 && kept.Count > 0 ? "; " : "")
                  + (kept.Count > 0 ? "previous rendered files left in place (not current): " + string.Join(", ", kept) : "");
            return new HxCheckResult("RoleValidation", "Render", target.OutputFolder, HxStatus.Failed,
                (host.Length > 0 ? "host " + host + ": " : "") + "nothing written (" + reason + "); " + status)
            {
                Category = HxCategory.Template,
                Remediation = "Fix the failing template or variable and render again; deploy nothing from " + target.OutputFolder + " until then",
            };
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
