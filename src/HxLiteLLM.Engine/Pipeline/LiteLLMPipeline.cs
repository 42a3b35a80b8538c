using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Checks;
using HxLiteLLM.Deploy;
using HxLiteLLM.Evidence;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Steps;
using HxLiteLLM.Templating;

namespace HxLiteLLM.Pipeline
{
    /// <summary>
    /// The whole job in the seed's order, composed of the same step operations the cmdlets run: Preflight (3.01.01–06),
    /// Inventory (3.02.01–05), RoleValidation (3.03.01–04). A phase does not start when the one before it failed, unless
    /// ContinueOnFailure. Results are handed out as they happen; the run ends with one summary per phase, the issue report, the
    /// orchestration log and the run manifest. Under -WhatIf (no evidence store) nothing at all is written.
    /// </summary>
    public sealed class LiteLLMPipeline
    {
        private readonly PipelineOptions _options;
        private readonly StepContext _context;
        private readonly List<HxCheckResult> _all = new List<HxCheckResult>();
        private readonly List<HxFileChange> _changes = new List<HxFileChange>();
        private readonly StringBuilder _log = new StringBuilder();

        public LiteLLMPipeline(PipelineOptions options, StepContext context)
        {
            _options = options;
            _context = context;
            if (options.MasterKey != null) context.Redactor.Register(options.MasterKey);
        }

        /// <summary>Every file change the run made (or, under -WhatIf, would make).</summary>
        public IReadOnlyList<HxFileChange> Changes => _changes;

        /// <summary>Path of the orchestration log written at the end of <see cref="Run"/>; empty under -WhatIf.</summary>
        public string OrchestrationLog { get; private set; } = "";

        /// <summary>Path of the run manifest (who, where, parameters, input hashes, changes); empty under -WhatIf.</summary>
        public string RunManifest { get; private set; } = "";

        /// <summary>Runs the selected phases, handing each result to <paramref name="emit"/> as it is made.</summary>
        public IReadOnlyList<HxPhaseSummary> Run(Action<HxCheckResult> emit)
        {
            var evidence = _context.Evidence;
            var summaries = new List<HxPhaseSummary>();
            var earlierFailed = false;
            var inputs = RunManifestWriter.HashInputs(_options);
            _log.Append("HxLiteLLM pipeline ").Append(evidence?.Stamp ?? "(-WhatIf)").Append("\ninventory: ").Append(_options.InventoryPath)
                .Append("\ngroup: ").Append(_options.Group).Append("\nrole: ").Append(_options.RolePath ?? "(none)").Append('\n');
            DeployOutcome? deployed = null;
            foreach (PipelinePhase phase in Enum.GetValues(typeof(PipelinePhase)))
            {
                if (PipelineOptions.IsOptIn(phase) && !_options.Phases.Contains(phase)) continue;
                var summary = new HxPhaseSummary(phase.ToString(), "Completed");
                if (!_options.Phases.Contains(phase)) summary.Outcome = "Skipped";
                else if (earlierFailed && PipelineOptions.IsOptIn(phase))
                {
                    // The seed deploys "once all tasks complete successfully": never after a failed phase, -ContinueOnFailure or not.
                    summary.Outcome = "NotStarted";
                    var why = new HxCheckResult(phase.ToString(), "Phase", _options.InventoryPath, HxStatus.Skipped,
                        "not started: an earlier phase failed, and nothing is deployed or smoke-tested after a failure")
                    {
                        Category = HxCategory.Dependency,
                        Remediation = "Fix the Failed results of the earlier phases, then run the pipeline again",
                    };
                    _all.Add(why);
                    emit(why);
                    summary.Skipped = 1;
                }
                else if (earlierFailed && !_options.ContinueOnFailure) summary.Outcome = "NotStarted";
                else
                {
                    _context.Cancellation.ThrowIfCancellationRequested();
                    var watch = Stopwatch.StartNew();
                    var results = new List<HxCheckResult>();
                    void Emit(HxCheckResult r)
                    {
                        results.Add(r);
                        _all.Add(r);
                        emit(r);
                    }
                    void Step(StepOutcome outcome)
                    {
                        _changes.AddRange(outcome.Changes);
                        foreach (var r in outcome.Results) Emit(r);
                        if (outcome.ReportPath.Length > 0) summary.EvidencePath = outcome.ReportPath;
                    }
                    try
                    {
                        switch (phase)
                        {
                            case PipelinePhase.Preflight: RunPreflight(Emit, Step); break;
                            case PipelinePhase.Inventory: RunInventory(Step); break;
                            case PipelinePhase.RoleValidation: RunRoleValidation(Emit, Step); break;
                            case PipelinePhase.Deploy: deployed = RunDeploy(Emit); break;
                            case PipelinePhase.SmokeTest: DeployStep.SmokeTest(_context, DeployRequest, deployed, Emit); break;
                        }
                    }
                    catch (HxException error)
                    {
                        // Bad input of one phase (an unreadable inventory, a wrong vault password) is that phase's failure.
                        Emit(new HxCheckResult(phase.ToString(), "Phase", _options.InventoryPath, HxStatus.Failed, _context.Redactor.Redact(error.Message))
                        {
                            Category = HxCategory.Config,
                            Remediation = "Fix the input named in the message, then run the pipeline again",
                            Task = phase == PipelinePhase.Preflight ? SeedTask.Dns : phase == PipelinePhase.Inventory ? SeedTask.AddGroup
                                : phase == PipelinePhase.RoleValidation ? SeedTask.RoleStructure : "",
                        }.At(error.File, error.Line, error.Column));
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
            }
            if (evidence == null)
            {
                KeepLast(null);
                return summaries;
            }
            if (_options.Phases.Contains(PipelinePhase.RoleValidation))
            {
                // 3.03.04 documents the issues of the whole run (also when an earlier phase stopped it), so it comes last; it
                // counts with the role phase when that phase ran.
                var issues = IssueReportStep.Run(_context, _all, Path.Combine(evidence.AreaFolder(EvidenceArea.RoleValidation), IssueReportStep.Folder));
                _changes.AddRange(issues.Changes);
                foreach (var r in issues.Results)
                {
                    _all.Add(r);
                    emit(r);
                }
                var roleSummary = summaries.Single(s => s.Phase == PipelinePhase.RoleValidation.ToString());
                if (roleSummary.Outcome != "NotStarted") roleSummary.Passed += issues.Results.Count(r => r.Status == HxStatus.Passed);
            }
            foreach (var summary in summaries) _log.Append(summary).Append('\n');
            evidence.WriteResults(EvidenceArea.Orchestration, _all);
            _log.Append("evidence: ").Append(evidence.Root).Append('\n');
            foreach (var task in _all.GroupBy(r => r.Task).Where(g => g.Key.Length > 0).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                _log.Append("TASK-").Append(task.Key).Append(" (").Append(SeedTask.RequirementOf(task.Key)).Append("): ").Append(ReportText.Counts(task.ToList())).Append('\n');
            }
            foreach (var phase in _all.Where(r => r.Task.Length == 0).GroupBy(r => r.Phase).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                _log.Append(phase.Key).Append(": ").Append(ReportText.Counts(phase.ToList())).Append('\n');
                foreach (var recap in phase.Where(r => r.Check == "PLAY RECAP")) _log.Append("  ").Append(recap.Target).Append(": ").Append(recap.Message).Append('\n');
            }
            OrchestrationLog = evidence.WriteOrchestrationLog(_log.ToString());
            RunManifest = RunManifestWriter.Write(evidence, _options, inputs, _changes, _all);
            KeepLast(evidence.Stamp);
            return summaries;
        }

        /// <summary>Every area the pipeline writes to.</summary>
        private static readonly string[] EvidenceAreas =
        {
            EvidenceArea.Preflight, EvidenceArea.InventoryValidation, EvidenceArea.RoleValidation, EvidenceArea.Orchestration, EvidenceArea.Deploy,
        };

        /// <summary>-KeepLast: the older run folders of each area go once this run's evidence is complete (under -WhatIf: named only).</summary>
        private void KeepLast(string? currentStamp)
        {
            if (!(_options.KeepLast is int keep)) return;
            foreach (var removed in EvidenceRetention.Prune(_options.EvidencePath, EvidenceAreas, keep, currentStamp, _context.ShouldProcess))
            {
                _context.Verbose("Removed older evidence (-KeepLast " + keep + "): " + removed);
            }
        }

        private DeployRequest DeployRequest => _options.Deploy
            ?? throw new HxException("DeployNotConfigured", "The Deploy and SmokeTest phases need a deploy playbook.");

        /// <summary>The deploy behind the gate; this run's own validation, when it covered the gate's tasks, counts for it.</summary>
        private DeployOutcome? RunDeploy(Action<HxCheckResult> emit)
        {
            var request = DeployRequest;
            request.ValidatedInRun = DeployGate.FromResults(_all);
            return DeployStep.Deploy(_context, request, emit);
        }

        private static void Count(HxPhaseSummary summary, List<HxCheckResult> results)
        {
            summary.Passed = results.Count(r => r.Status == HxStatus.Passed);
            summary.Failed = results.Count(r => r.Status == HxStatus.Failed);
            summary.Warning = results.Count(r => r.Status == HxStatus.Warning);
            summary.Skipped = results.Count(r => r.Status == HxStatus.Skipped);
        }

        /// <summary>The group's hosts, narrowed by -Limit, by the one selection rule; its error (no source, no such group, no host, none left by the limit) is
        /// this phase's Failed result.</summary>
        private IReadOnlyList<InventoryHost>? GroupHosts(InventoryModel model, string phase, string task, Action<HxCheckResult> emit)
        {
            try
            {
                return InventorySelection.Limit(model, InventorySelection.GroupHosts(model, _options.Group, _options.InventoryPath), _options.Limit,
                    _options.InventoryPath);
            }
            catch (HxException error)
            {
                emit(new HxCheckResult(phase, "Hosts", _options.Group, HxStatus.Failed, error.Message)
                {
                    Category = HxCategory.Inventory,
                    Remediation = "Add-HxLiteLLMGroup -InventoryPath '" + _options.InventoryPath.Replace("'", "''") + "' -HostName <gateway host>",
                    Task = task,
                });
                return null;
            }
        }

        /// <summary>The inventory as Ansible reads it now, its sources named to the operator.</summary>
        private InventoryModel LoadInventory()
        {
            var model = VaultedInventory.Load(_options.InventoryPath, _options.VaultSecrets, _context.Redactor, _context.PlaybookDirectory);
            foreach (var note in model.SourcesUsed) _context.SourceUsed(note);
            return model;
        }

        private void RunPreflight(Action<HxCheckResult> emit, Action<StepOutcome> step)
        {
            var model = LoadInventory();
            var notReachable = new List<HxCheckResult>();
            var groupHosts = PreflightTargets(model, r =>
            {
                notReachable.Add(r);
                emit(r);
            });
            if (groupHosts == null) return;
            var hosts = new List<PreflightHost>();
            var backends = new List<string>(_options.Preflight.Backends);
            foreach (var host in groupHosts)
            {
                var record = InventoryHostRecord.From(model, host, _options.InventoryPath);
                var preflightHost = PreflightHost.FromInventory(record);
                _options.ConfigureConnection?.Invoke(preflightHost.Connection);
                hosts.Add(preflightHost);
                if (_options.Preflight.Backends.Count == 0) backends.AddRange(PreflightPlan.BackendUrls(model.GetHostVars(host.Name)).Except(backends));
            }
            var options = _options.Preflight;
            options.Backends = backends;
            var (checks, notRun) = PreflightPlan.WithoutMissingCa(options.Checks, options.CaCertificatePath, hosts);
            options.Checks = checks;
            foreach (var r in notRun) emit(r);
            var results = new List<HxCheckResult>(notReachable.Concat(notRun));
            // Pre-flight only reads the hosts, so it runs under -WhatIf too, without evidence.
            foreach (var r in new PreflightRunner(options, _context.Evidence).RunResults(hosts, _context.Cancellation))
            {
                results.Add(r);
                emit(r);
            }
            if (_context.Evidence == null) return;
            PreflightReport.Write(_context.Evidence, results);
            step(EvidenceArchiveStep.Run(_context, _context.Evidence.AreaFolder(EvidenceArea.Preflight), results));
        }

        /// <summary>
        /// The hosts pre-flight checks: the group's, plus the hosts this run's Inventory phase will add to it (it runs after
        /// pre-flight), so a host is checked in the run that adds it. An added host the inventory already has (in another
        /// group, with its connection variables) is checked as the inventory gives it now; one it does not have yet is a
        /// Skipped result saying why, since nothing says how to reach it before it is written.
        /// </summary>
        private IReadOnlyList<InventoryHost>? PreflightTargets(InventoryModel model, Action<HxCheckResult> emit)
        {
            var adding = _options.Phases.Contains(PipelinePhase.Inventory)
                ? _options.AddHosts.SelectMany(h => HostPattern.Expand(h, out _)).Distinct(StringComparer.Ordinal).ToList()
                : new List<string>();
            if (adding.Count == 0) return GroupHosts(model, "Preflight", SeedTask.Dns, emit);
            var noSource = InventorySelection.NoSourceParsed(model, _options.InventoryPath);
            if (noSource != null) return GroupHosts(model, "Preflight", SeedTask.Dns, emit);
            var targets = InventorySelection.Members(model, _options.Group).ToList();
            foreach (var name in adding.Where(n => targets.All(t => t.Name != n)))
            {
                var known = model.GetHost(name);
                if (known != null)
                {
                    targets.Add(known);
                    continue;
                }
                // As for Ansible, -Limit selects from the inventory as it is: a host it does not define yet is outside any limit.
                if (_options.Limit != null) continue;
                emit(new HxCheckResult(PreflightCheckNames.Phase, PreflightCheckNames.Connection, name, HxStatus.Skipped,
                    "not checked: the Inventory phase of this run adds it to [" + _options.Group
                        + "] after pre-flight, and the inventory does not define it yet, so its address and connection variables are unknown")
                {
                    Category = HxCategory.Dependency,
                    Remediation = "Run the pipeline again (or Invoke-HxPreflight -HostName " + name
                        + ") once it is in the inventory; or define it (with ansible_host) in another group first",
                    Task = SeedTask.Network,
                });
            }
            try
            {
                return InventorySelection.Limit(model, targets, _options.Limit, _options.InventoryPath);
            }
            catch (HxException error)
            {
                emit(new HxCheckResult("Preflight", "Hosts", _options.Group, HxStatus.Failed, error.Message) { Category = HxCategory.Inventory,
                    Task = SeedTask.Dns });
                return null;
            }
        }

        private void RunInventory(Action<StepOutcome> step)
        {
            var inventory = _options.InventoryPath;
            if (_options.AddHosts.Count > 0)
            {
                step(AddGroupStep.Run(_context, new AddGroupRequest(inventory, _options.Group, _options.AddHosts.ToList())));
            }
            if (_options.GroupVars.Count > 0)
            {
                step(GroupVarsStep.Run(_context, new GroupVarsRequest(inventory, _options.Group, _options.GroupVars)
                {
                    VaultSecrets = _options.VaultSecrets,
                    // Hosts added in this run create the group (under -WhatIf only on paper).
                    Force = _options.AddHosts.Count > 0,
                }));
            }
            if (_options.MasterKey != null) step(StoreMasterKey());
            step(QuarantineStep.Run(_context, Path.GetDirectoryName(inventory)!, _options.Quarantine, inventories: new[] { inventory }));
            step(VariableValidationStep.Run(_context, inventory, _options.Group, _options.VaultSecrets, _options.Limit));
        }

        private StepOutcome StoreMasterKey()
        {
            var vault = Path.Combine(GroupVarsTarget.GroupVarsDirectoryOf(_options.InventoryPath), _options.Group, "vault.yml");
            if (_options.VaultSecrets.Count == 0)
            {
                var outcome = new StepOutcome(SeedTask.Vault);
                outcome.Add(new HxCheckResult("Inventory", "VaultSecret", vault, HxStatus.Failed,
                    "a master key was given but no vault password to encrypt it with")
                {
                    Category = HxCategory.Vault,
                    Remediation = "Give -VaultPasswordFile (or set ANSIBLE_VAULT_PASSWORD_FILE) and run again",
                });
                return outcome;
            }
            return VaultSecretStep.RunForGroup(_context,
                new GroupSecretRequest(_options.InventoryPath, _options.Group, "litellm_master_key", _options.MasterKey!, _options.VaultSecrets)
            {
                OnlyWhenMissing = _options.MasterKeyOnlyWhenMissing,
            });
        }

        private void RunRoleValidation(Action<HxCheckResult> emit, Action<StepOutcome> step)
        {
            const string phase = "RoleValidation";
            if (_options.RolePath == null)
            {
                emit(new HxCheckResult(phase, "Role", _options.InventoryPath, HxStatus.Failed, "no role to validate")
                {
                    Category = HxCategory.Role,
                    Remediation = "Invoke-HxLiteLLMPipeline -RolePath <roles/litellm>",
                    Task = SeedTask.RoleStructure,
                });
                return;
            }
            step(RoleStructureStep.Run(_context, _options.RolePath, _options.CreateRoleStructure));
            var templates = TemplateFile.Find(_options.RolePath);
            var model = LoadInventory();
            var groupHosts = GroupHosts(model, phase, SeedTask.ValidateTemplates, emit);
            if (groupHosts == null) return;
            var hosts = groupHosts.Select(host => new TemplateHost(host.Name, HostVariables.Load(new VariableSources
            {
                RolePath = _options.RolePath,
                InventoryPath = _options.InventoryPath,
                HostName = host.Name,
                VaultSecrets = _options.VaultSecrets,
                PlayGroup = _options.Group,
                AnsibleConfig = _options.AnsibleConfig,
                PlaybookDirectory = _context.PlaybookDirectory,
            }, _context.Redactor))).ToList();
            step(TemplateValidationStep.Run(_context, templates, hosts));
            var targets = new List<RenderTarget>();
            foreach (var host in hosts)
            {
                try
                {
                    targets.Add(RenderTarget.PerHost(_options.RenderPath, host));
                }
                catch (HxException error)
                {
                    emit(new HxCheckResult(phase, "Render", host.Name, HxStatus.Failed, error.Message)
                    {
                        Category = HxCategory.Inventory,
                        Remediation = "Rename the host in the inventory (and set ansible_host to its address)",
                        Task = SeedTask.RenderTemplates,
                    });
                }
            }
            step(RenderStep.Run(_context, templates, targets,
                new TemplateOptions { AllowFileWritingLookups = _options.AllowFileWritingLookups, AnsibleConfig = _options.AnsibleConfig }));
        }
    }
}
