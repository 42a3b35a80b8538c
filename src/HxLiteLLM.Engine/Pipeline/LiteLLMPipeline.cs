using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Pipeline
{
    /// <summary>
    /// The whole job in the playbooks' order: Preflight, Inventory, RoleValidation. A phase does not start when the one
    /// before it failed, unless ContinueOnFailure. Results are handed out as they happen; the run ends with one summary per
    /// phase, an issue report and the orchestration log.
    /// </summary>
    public sealed class LiteLLMPipeline
    {
        private readonly PipelineOptions _options;
        private readonly SecretRedactor _redactor;
        private readonly EvidenceStore _evidence;
        private readonly List<HxCheckResult> _all = new List<HxCheckResult>();
        private readonly StringBuilder _log = new StringBuilder();

        public LiteLLMPipeline(PipelineOptions options, SecretRedactor redactor)
        {
            _options = options;
            _redactor = redactor;
            if (options.MasterKey != null) redactor.Register(options.MasterKey);
            _evidence = new EvidenceStore(options.EvidencePath, redactor);
        }

        public EvidenceStore Evidence => _evidence;

        /// <summary>Runs the selected phases. <paramref name="shouldProcess"/> asks before each file change (-WhatIf).</summary>
        public IReadOnlyList<HxPhaseSummary> Run(Action<HxCheckResult> emit, Func<string, string, bool> shouldProcess, CancellationToken cancellation)
        {
            var summaries = new List<HxPhaseSummary>();
            var earlierFailed = false;
            _log.Append("HxLiteLLM pipeline ").Append(_evidence.Stamp).Append("\ninventory: ").Append(_options.InventoryPath)
                .Append("\ngroup: ").Append(_options.Group).Append("\nrole: ").Append(_options.RolePath ?? "(none)").Append('\n');
            foreach (PipelinePhase phase in Enum.GetValues(typeof(PipelinePhase)))
            {
                var summary = new HxPhaseSummary(phase.ToString(), "Completed");
                if (!_options.Phases.Contains(phase)) summary.Outcome = "Skipped";
                else if (earlierFailed && !_options.ContinueOnFailure) summary.Outcome = "NotStarted";
                else
                {
                    cancellation.ThrowIfCancellationRequested();
                    var watch = Stopwatch.StartNew();
                    var results = new List<HxCheckResult>();
                    void Emit(HxCheckResult r)
                    {
                        results.Add(r);
                        _all.Add(r);
                        emit(r);
                    }
                    try
                    {
                        switch (phase)
                        {
                            case PipelinePhase.Preflight: RunPreflight(Emit, summary, cancellation); break;
                            case PipelinePhase.Inventory: RunInventory(Emit, summary, shouldProcess); break;
                            case PipelinePhase.RoleValidation: RunRoleValidation(Emit, summary, shouldProcess); break;
                        }
                    }
                    catch (HxException error)
                    {
                        // Bad input of one phase (an unreadable inventory, a wrong vault password) is that phase's failure.
                        Emit(new HxCheckResult(phase.ToString(), "Phase", _options.InventoryPath, HxStatus.Failed, _redactor.Redact(error.Message))
                        {
                            Category = HxCategory.Config,
                            Remediation = "Fix the input named in the message, then run the pipeline again",
                        });
                    }
                    summary.DurationMs = watch.Elapsed.TotalMilliseconds;
                    Count(summary, results);
                    if (summary.Failed > 0)
                    {
                        summary.Outcome = "Failed";
                        earlierFailed = true;
                    }
                }
                summaries.Add(summary);
                _log.Append(summary).Append('\n');
            }
            WriteIssueReport();
            _evidence.WriteResults(EvidenceArea.Orchestration, _all);
            _log.Append("evidence: ").Append(_evidence.Root).Append('\n');
            OrchestrationLog = _evidence.WriteOrchestrationLog(_log.ToString());
            return summaries;
        }

        /// <summary>Path of the orchestration log written at the end of <see cref="Run"/>.</summary>
        public string OrchestrationLog { get; private set; } = "";

        private static void Count(HxPhaseSummary summary, List<HxCheckResult> results)
        {
            summary.Passed = results.Count(r => r.Status == HxStatus.Passed);
            summary.Failed = results.Count(r => r.Status == HxStatus.Failed);
            summary.Warning = results.Count(r => r.Status == HxStatus.Warning);
            summary.Skipped = results.Count(r => r.Status == HxStatus.Skipped);
        }

        private List<InventoryHost> GroupHosts(InventoryModel model) =>
            model.Hosts.Where(h => InventoryHostRecord.GroupNames(h).Contains(_options.Group)).ToList();

        private void RunPreflight(Action<HxCheckResult> emit, HxPhaseSummary summary, CancellationToken cancellation)
        {
            var model = VaultedInventory.Load(_options.InventoryPath, _options.VaultSecrets, _redactor);
            var hosts = new List<PreflightHost>();
            var backends = new List<string>(_options.Preflight.Backends);
            foreach (var host in GroupHosts(model))
            {
                var record = InventoryHostRecord.From(model, host, _options.InventoryPath);
                var preflightHost = PreflightHost.FromInventory(record);
                _options.ConfigureConnection?.Invoke(preflightHost.Connection);
                hosts.Add(preflightHost);
                if (_options.Preflight.Backends.Count == 0) backends.AddRange(PreflightPlan.BackendUrls(model.GetHostVars(host.Name)).Except(backends));
            }
            if (hosts.Count == 0)
            {
                emit(new HxCheckResult("Preflight", "Hosts", _options.Group, HxStatus.Failed, "the inventory has no host in group '" + _options.Group + "'")
                {
                    Category = HxCategory.Inventory,
                    Remediation = "Add-HxLiteLLMGroup -Path " + _options.InventoryPath + " -HostName <gateway host>",
                });
                return;
            }
            var options = _options.Preflight;
            options.Backends = backends;
            var (checks, notRun) = PreflightPlan.WithoutMissingCa(options.Checks, options.CaCertificatePath, hosts);
            options.Checks = checks;
            foreach (var r in notRun) emit(r);
            var results = new List<HxCheckResult>(notRun);
            foreach (var r in new PreflightRunner(options, _evidence).RunResults(hosts, cancellation))
            {
                results.Add(r);
                emit(r);
            }
            summary.EvidencePath = PreflightReport.Write(_evidence, results);
        }

        private void RunInventory(Action<HxCheckResult> emit, HxPhaseSummary summary, Func<string, string, bool> shouldProcess)
        {
            const string phase = "Inventory";
            var inventory = _options.InventoryPath;
            if (_options.AddHosts.Count > 0)
            {
                var edit = IniInventoryEditor.AddGroup(FileText.ReadUtf8(inventory), inventory, _options.Group, _options.AddHosts.ToList());
                if (!edit.Changed)
                {
                    emit(new HxCheckResult(phase, "InventoryGroup", inventory, HxStatus.Passed, "[" + _options.Group + "] already lists " + string.Join(", ", _options.AddHosts)));
                }
                else if (shouldProcess(inventory, "Add group '" + _options.Group + "' hosts " + string.Join(", ", edit.HostsAdded)))
                {
                    var backup = AnsibleBackup.Create(inventory);
                    AtomicFile.WriteAllText(inventory, edit.Content);
                    emit(new HxCheckResult(phase, "InventoryGroup", inventory, HxStatus.Passed, "added " + string.Join(", ", edit.HostsAdded) + " to [" + _options.Group + "]; backup " + backup));
                }
                else
                {
                    emit(new HxCheckResult(phase, "InventoryGroup", inventory, HxStatus.Skipped, "would add " + string.Join(", ", edit.HostsAdded) + " to [" + _options.Group + "] (-WhatIf)"));
                }
            }
            if (_options.MasterKey != null) StoreMasterKey(emit, shouldProcess);

            var root = Path.GetDirectoryName(inventory)!;
            foreach (var stray in StrayVaultFinder.Find(root))
            {
                emit(new HxCheckResult(phase, "StrayVault", stray.RelativePath, stray.LoadedByAnsible ? HxStatus.Failed : HxStatus.Warning, stray.Reason)
                {
                    Category = HxCategory.Vault,
                    Remediation = "Find-HxStrayVault -Path " + root + " | Move-HxStrayVault",
                });
            }
            var validation = InventoryVariableValidation.Run(inventory, _options.Group, _options.VaultSecrets, _redactor);
            foreach (var r in validation) emit(r);
            summary.EvidencePath = _evidence.WriteText(EvidenceArea.InventoryValidation, "variable_validation.txt", InventoryVariableValidation.ReportText(inventory, _options.Group, validation));
            _evidence.WriteResults(EvidenceArea.InventoryValidation, validation);
        }

        private void StoreMasterKey(Action<HxCheckResult> emit, Func<string, string, bool> shouldProcess)
        {
            var vault = Path.Combine(Path.GetDirectoryName(_options.InventoryPath)!, "group_vars", _options.Group, "vault.yml");
            if (_options.VaultSecrets.Count == 0)
            {
                emit(new HxCheckResult("Inventory", "MasterKeyStored", vault, HxStatus.Failed, "a master key was given but no vault password to encrypt it with")
                {
                    Category = HxCategory.Vault,
                    Remediation = "Give -VaultPasswordFile (or set ANSIBLE_VAULT_PASSWORD_FILE) and run again",
                });
                return;
            }
            if (!shouldProcess(vault, "Store litellm_master_key in the vault"))
            {
                emit(new HxCheckResult("Inventory", "MasterKeyStored", vault, HxStatus.Skipped, "would store litellm_master_key (-WhatIf)"));
                return;
            }
            using (FileLock.Acquire(vault, TimeSpan.FromSeconds(30)))
            {
                var existing = File.Exists(vault) ? File.ReadAllBytes(vault) : null;
                var envelope = VaultSecretFile.SetSecret(existing, vault, _options.VaultSecrets, "litellm_master_key", _options.MasterKey!, null);
                if (envelope == null)
                {
                    emit(new HxCheckResult("Inventory", "MasterKeyStored", vault, HxStatus.Passed, "litellm_master_key already holds this key"));
                    return;
                }
                if (existing != null) AnsibleBackup.Create(vault);
                AtomicFile.WriteAllText(vault, envelope, TemplateRenderer.SecretFileMode);
            }
            emit(new HxCheckResult("Inventory", "MasterKeyStored", vault, HxStatus.Passed, "litellm_master_key stored in the vault"));
        }

        private void RunRoleValidation(Action<HxCheckResult> emit, HxPhaseSummary summary, Func<string, string, bool> shouldProcess)
        {
            const string phase = "RoleValidation";
            if (_options.RolePath == null)
            {
                emit(new HxCheckResult(phase, "Role", _options.InventoryPath, HxStatus.Failed, "no role to validate")
                {
                    Category = HxCategory.Role,
                    Remediation = "Invoke-HxLiteLLMPipeline -RolePath <roles/litellm>",
                });
                return;
            }
            foreach (var r in RoleLayout.Check(_options.RolePath)) emit(r);
            var templates = TemplateFile.Find(_options.RolePath);
            var model = VaultedInventory.Load(_options.InventoryPath, _options.VaultSecrets, _redactor);
            foreach (var host in GroupHosts(model))
            {
                var variables = HostVariables.Load(new VariableSources
                {
                    RolePath = _options.RolePath,
                    InventoryPath = _options.InventoryPath,
                    HostName = host.Name,
                    VaultSecrets = _options.VaultSecrets,
                }, _redactor);
                foreach (var r in TemplateCheck.Check(templates, variables)) emit(r);
                var output = Path.Combine(_options.RenderPath, host.Name);
                if (!shouldProcess(output, "Render " + templates.Count + " templates for " + host.Name)) continue;
                var renderer = new TemplateRenderer(variables);
                var rendered = new List<RenderedTemplate>();
                foreach (var template in templates)
                {
                    try
                    {
                        rendered.Add(renderer.Render(template, output, _evidence, true));
                    }
                    catch (HxException error)
                    {
                        emit(new HxCheckResult(phase, "Render", template.Path, HxStatus.Failed, _redactor.Redact(error.Message)) { Category = HxCategory.Template });
                    }
                }
                var config = rendered.FirstOrDefault(t => t.Template.EndsWith(".config.yaml.j2", StringComparison.Ordinal) || t.Template.EndsWith("config.yaml.j2", StringComparison.Ordinal));
                var env = rendered.FirstOrDefault(t => t.Template.EndsWith(".env.j2", StringComparison.Ordinal));
                if (config != null) foreach (var r in LiteLLMConfigCheck.Check(config.OutputPath, env?.OutputPath)) emit(r);
                if (rendered.Count > 0) summary.EvidencePath = _evidence.WriteText(EvidenceArea.RoleValidation, "rendered/" + host.Name + "/manifest.json", TemplateRenderer.ManifestJson(rendered));
            }
        }

        private void WriteIssueReport()
        {
            foreach (var file in IssueReportWriter.Write(_all, _redactor, DateTime.UtcNow))
            {
                _evidence.WriteText(EvidenceArea.RoleValidation, "issues/" + file.Key, file.Value);
            }
        }
    }
}
