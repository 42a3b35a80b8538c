using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HxLiteLLM.Endpoint;
using HxLiteLLM.Evidence;
using HxLiteLLM.Results;
using HxLiteLLM.Steps;
using HxLiteLLM.Values;

namespace HxLiteLLM.Deploy
{
    /// <summary>What a deploy left for its smoke test.</summary>
    public sealed class DeployOutcome
    {
        public DeployOutcome(IReadOnlyList<string> hosts, bool failed)
        {
            Hosts = hosts;
            Failed = failed;
        }

        /// <summary>The hosts the playbook ran on (those with a PLAY RECAP).</summary>
        public IReadOnlyList<string> Hosts { get; }
        /// <summary>Whether any row of the deploy failed: then nothing is smoke-tested.</summary>
        public bool Failed { get; }
    }

    /// <summary>
    /// The seed's next steps after validation, shared by Deploy-HxLiteLLM and the pipeline's Deploy and SmokeTest phases: the
    /// deploy playbook through the real ansible-playbook, behind the validation gate, its rows as check results (Phase Deploy,
    /// Check the task, Target the host); then the smoke-test playbook's rows (Phase SmokeTest) and the endpoint probe of
    /// every deployed host with the master key its vault gives it (Phase Endpoint). Evidence: litellm_deploy/&lt;stamp&gt;/.
    /// </summary>
    public static class DeployStep
    {
        public const string DeployPhase = "Deploy";
        public const string SmokeTestPhase = "SmokeTest";
        /// <summary>The Check of the row that says how ansible-playbook itself ended.</summary>
        public const string RunCheck = "ansible-playbook";

        /// <summary>The gate's verdict; a DeployNotValidated error naming the first changed or unvalidated file unless Force.</summary>
        public static DeployGateVerdict Gate(DeployRequest request)
        {
            var verdict = request.ValidatedInRun ?? DeployGate.FromManifests(request.EvidenceRoot, request.InventoryPath);
            if (!verdict.Validated && !request.Force)
            {
                throw new HxException("DeployNotValidated", "Not deploying " + request.InventoryPath + ": " + verdict.Reason
                    + ". (-Force deploys anyway and records it.)", verdict.File);
            }
            return verdict;
        }

        /// <summary>Runs the deploy playbook after the gate; null when ShouldProcess declined (-WhatIf): nothing ran anywhere.</summary>
        public static DeployOutcome? Deploy(StepContext context, DeployRequest request, Action<HxCheckResult> emit)
        {
            var verdict = Gate(request);
            if (!context.ShouldProcess(Targets(request), "Deploy with ansible-playbook " + request.PlaybookPath)) return null;
            var gateLine = verdict.Validated ? "gate: " + verdict.Reason : "gate: forced (-Force): " + verdict.Reason;
            if (!verdict.Validated) context.Warn("Deploying an inventory that is not validated (-Force): " + verdict.Reason);
            var report = RunPlaybook(context, request, request.PlaybookPath, DeployPhase, emit);
            if (context.Evidence is EvidenceStore evidence)
            {
                evidence.WriteText(EvidenceArea.Deploy, "command.txt", report.CommandLine + "\n" + gateLine + "\n");
                evidence.WriteText(EvidenceArea.Deploy, "ansible-playbook.log", report.Log);
                evidence.WriteText(EvidenceArea.Deploy, "recap.txt", report.Recap);
                evidence.WriteResults(EvidenceArea.Deploy, report.Rows);
            }
            context.Cancellation.ThrowIfCancellationRequested();
            return new DeployOutcome(report.Hosts, report.Rows.Any(r => r.Status == HxStatus.Failed));
        }

        /// <summary>
        /// The smoke-test playbook (when there is one) and the endpoint probe of each deployed host (each host of the group when
        /// <paramref name="deployed"/> is null); one Skipped row when the deploy failed or ran in check mode.
        /// </summary>
        public static void SmokeTest(StepContext context, DeployRequest request, DeployOutcome? deployed, Action<HxCheckResult> emit)
        {
            var skipReason = deployed?.Failed == true ? "the deploy failed, so there is nothing to smoke-test"
                : request.Check ? "check mode (-Check) deployed nothing" : null;
            if (skipReason != null)
            {
                emit(new HxCheckResult(SmokeTestPhase, "Smoke test", request.Group, HxStatus.Skipped, skipReason) { Category = HxCategory.Dependency });
                return;
            }
            if (!context.ShouldProcess(Targets(request), "Smoke-test the gateway")) return;
            var rows = new List<HxCheckResult>();
            void Emit(HxCheckResult r)
            {
                rows.Add(r);
                emit(r);
            }
            var evidence = context.Evidence;
            if (request.SmokeTestPlaybookPath != null)
            {
                var report = RunPlaybook(context, request, request.SmokeTestPlaybookPath, SmokeTestPhase, Emit);
                evidence?.WriteText(EvidenceArea.Deploy, "smoke-test/command.txt", report.CommandLine + "\n");
                evidence?.WriteText(EvidenceArea.Deploy, "smoke-test/ansible-playbook.log", report.Log);
                evidence?.WriteText(EvidenceArea.Deploy, "smoke-test/recap.txt", report.Recap);
                context.Cancellation.ThrowIfCancellationRequested();
            }
            var endpointRows = new List<HxCheckResult>();
            try
            {
                var gateways = EndpointTargets.FromInventory(request.InventoryPath, request.Group, Array.Empty<string>(), request.VaultSecrets,
                    context.Redactor, request.ExtraVariables, context.PlaybookDirectory)
                    .Where(g => deployed == null ? request.Limit.Count == 0 || request.Limit.Contains(g.HostName)
                        : deployed.Hosts.Contains(g.HostName)).ToList();
                foreach (var gateway in gateways)
                {
                    var probe = new LiteLLMEndpointProbe(new EndpointProbeOptions(request.EndpointUri ?? gateway.BaseUri, gateway.MasterKey)
                    {
                        HostName = gateway.HostName,
                        ExpectedModels = gateway.Models,
                        RetryTimeout = request.RetryTimeout,
                    }, context.Redactor);
                    context.Verbose("Probing " + gateway.HostName + " at " + (request.EndpointUri ?? gateway.BaseUri));
                    foreach (var r in probe.RunAsync(context.Cancellation).GetAwaiter().GetResult())
                    {
                        endpointRows.Add(r);
                        Emit(r);
                    }
                }
            }
            catch (HxException error)
            {
                var row = new HxCheckResult(LiteLLMEndpointProbe.Phase, "Endpoint", request.Group, HxStatus.Failed, context.Redactor.Redact(error.Message))
                {
                    Category = HxCategory.Config,
                    Remediation = "Fix the inventory value the message names, then run Test-HxLiteLLMEndpoint -InventoryPath " + Quote(request.InventoryPath),
                };
                endpointRows.Add(row);
                Emit(row);
            }
            evidence?.WriteText(EvidenceArea.Deploy, "endpoint/results.json", EvidenceStore.ResultsJson(endpointRows));
            evidence?.WriteText(EvidenceArea.Deploy, "smoke-test/results.json", EvidenceStore.ResultsJson(rows));
        }

        private static string Targets(DeployRequest request) =>
            request.Limit.Count > 0 ? string.Join(",", request.Limit) : "the hosts of " + request.InventoryPath + " the playbook targets (group "
                + request.Group + ")";

        private sealed class PlaybookReport
        {
            public string CommandLine = "";
            public string Log = "";
            public string Recap = "";
            public List<HxCheckResult> Rows = new List<HxCheckResult>();
            public List<string> Hosts = new List<string>();
        }

        private static PlaybookReport RunPlaybook(StepContext context, DeployRequest request, string playbook, string phase, Action<HxCheckResult> emit)
        {
            var options = new AnsiblePlaybookOptions(playbook, request.AnsiblePlaybookPath, request.SupportFolder, request.WorkingDirectory)
            {
                InventoryPath = request.InventoryPath,
                Limit = request.Limit,
                Check = request.Check && phase == DeployPhase,
                Diff = request.Diff && phase == DeployPhase,
                ExtraVariablesJson = request.ExtraVariables == null ? null : PyJson.Dumps(request.ExtraVariables),
                VaultSecrets = request.VaultSecrets,
                HandOverVaultSecrets = request.HandOverVaultSecrets,
                CallbackPlugins = request.CallbackPlugins,
            };
            var report = new PlaybookReport();
            var command = new StringBuilder(Quote(request.AnsiblePlaybookPath)).Append(' ').Append(string.Join(" ",
                AnsiblePlaybookCommandLine.Arguments(options).Select(Quote)));
            if (options.ExtraVariablesJson != null) command.Append("\nextra variables: given (a private -e @file, removed after the run)");
            if (options.HandOverVaultSecrets) command.Append("\nvault passwords: ").Append(options.VaultSecrets.Count).Append(" (--vault-id label@/dev/fd/N " +
                "pipes)");
            command.Append("\nenvironment set: ANSIBLE_CALLBACK_PLUGINS, HXLITELLM_EVENTS_FD, PYTHONUNBUFFERED\nworking directory: "
                + "").Append(request.WorkingDirectory);
            report.CommandLine = context.Redactor.Redact(command.ToString());
            var log = new StringBuilder();
            var recap = new StringBuilder();
            var evidencePath = context.Evidence?.AreaFolder(EvidenceArea.Deploy) ?? "";
            void Emit(HxCheckResult row)
            {
                row.EvidencePath = evidencePath;
                report.Rows.Add(row);
                emit(row);
            }
            PlaybookOutcome outcome;
            using (var run = AnsiblePlaybookRun.Start(options, context.Redactor))
            {
                foreach (var output in run.Read(context.Cancellation))
                {
                    switch (output.Kind)
                    {
                        case PlaybookOutputKind.Result when output.Result != null:
                            if (output.Result.Status == HxPlaybookStatus.Recap)
                            {
                                report.Hosts.Add(output.Result.Host);
                                recap.Append(output.Result.Host).Append(" : ").Append(output.Result.Message).Append('\n');
                            }
                            Emit(ToCheckResult(output.Result, phase, request, playbook));
                            break;
                        case PlaybookOutputKind.Warning:
                            log.Append(output.Text).Append('\n');
                            context.Warn(output.Text);
                            break;
                        default:
                            log.Append(output.Text).Append('\n');
                            context.Verbose(output.Text);
                            break;
                    }
                }
                outcome = run.Finish();
            }
            var exitRow = ExitRow(outcome, phase, playbook, log.ToString(), request.Check && phase == DeployPhase);
            recap.Append(exitRow.Message).Append('\n');
            Emit(exitRow);
            report.Log = log.ToString();
            report.Recap = recap.ToString();
            return report;
        }

        /// <summary>One task row, or a host's PLAY RECAP, as a check result.</summary>
        public static HxCheckResult ToCheckResult(HxPlaybookTaskResult row, string phase, DeployRequest request, string playbook)
        {
            string status, message, category = HxCategory.Deploy, remediation = "";
            var detail = row.Message.Length > 0 ? ": " + row.Message : "";
            var rerun = "ansible-playbook -i " + Quote(request.InventoryPath) + " " + Quote(playbook) + " --limit " + Quote(row.Host) + " --start-at-task "
                + Quote(row.Task);
            switch (row.Status)
            {
                case HxPlaybookStatus.Ok:
                    status = HxStatus.Passed;
                    message = "ok";
                    break;
                case HxPlaybookStatus.Changed:
                    status = HxStatus.Passed;
                    message = request.Check && phase == DeployPhase ? "would change" : "changed";
                    break;
                case HxPlaybookStatus.Skipped:
                    status = HxStatus.Skipped;
                    message = "skipped";
                    break;
                case HxPlaybookStatus.Ignored:
                    status = HxStatus.Warning;
                    message = "failed (ignored)" + detail;
                    break;
                case HxPlaybookStatus.Rescued:
                    status = HxStatus.Warning;
                    message = "failed, handled by the block's rescue" + detail;
                    break;
                case HxPlaybookStatus.Unreachable:
                    status = HxStatus.Failed;
                    category = row.Message.IndexOf("Permission denied", StringComparison.Ordinal) >= 0 ? HxCategory.Auth : HxCategory.Tcp;
                    message = "unreachable" + detail;
                    remediation = "Check that " + row.Host + " answers on its ansible_host/ansible_port with the user and key the inventory gives it, then: "
                        + rerun;
                    break;
                case HxPlaybookStatus.Recap:
                    var broken = (row.FailedCount ?? 0) > 0 || (row.UnreachableCount ?? 0) > 0;
                    status = broken ? HxStatus.Failed : HxStatus.Passed;
                    category = !broken || (row.FailedCount ?? 0) > 0 ? HxCategory.Deploy : HxCategory.Tcp;
                    message = row.Message;
                    if (broken) remediation = "See the Failed rows of " + row.Host + " above; each names the command that reruns from its task";
                    break;
                default:
                    status = HxStatus.Failed;
                    category = HxCategory.Deploy;
                    message = "failed" + (row.ReturnCode is int rc ? " (rc " + rc.ToString(CultureInfo.InvariantCulture) + ")" : "") + detail;
                    remediation = "Fix the cause the message names, then rerun from this task: " + rerun;
                    break;
            }
            return new HxCheckResult(phase, row.Task, row.Host, status, message)
            {
                Category = category,
                Remediation = remediation,
                DurationMs = row.DurationMs,
            };
        }

        /// <summary>How ansible-playbook ended: its exit code and meaning, with stderr's ERROR! line when it printed one.</summary>
        private static HxCheckResult ExitRow(PlaybookOutcome outcome, string phase, string playbook, string log, bool checkMode)
        {
            var code = "exit " + outcome.ExitCode.ToString(CultureInfo.InvariantCulture);
            if (outcome.Error == null)
            {
                return new HxCheckResult(phase, RunCheck, playbook, HxStatus.Passed, code + (checkMode ? " (check mode)" : "")
                    + ": no host failed or was unreachable")
                {
                    Category = HxCategory.Deploy,
                };
            }
            var message = outcome.Error.Message;
            var errorLine = log.Split('\n').FirstOrDefault(l => l.StartsWith("ERROR!", StringComparison.Ordinal));
            if (errorLine != null && message.IndexOf(errorLine.Trim(), StringComparison.Ordinal) < 0) message += " " + errorLine.Trim();
            var category = outcome.Kind == PlaybookOutcomeKind.VaultFailed ? HxCategory.Vault
                : outcome.Kind == PlaybookOutcomeKind.HostsUnreachable ? HxCategory.Tcp : HxCategory.Deploy;
            var remediation = outcome.Kind == PlaybookOutcomeKind.HostsFailed || outcome.Kind == PlaybookOutcomeKind.HostsUnreachable
                ? "See the Failed rows; each names the command that reruns from its task"
                : "Fix what ansible-playbook names, then deploy again";
            return new HxCheckResult(phase, RunCheck, playbook, HxStatus.Failed, message) { Category = category, Remediation = remediation };
        }

        /// <summary>POSIX shell quoting for the commands shown in evidence and remediations.</summary>
        private static string Quote(string word) =>
            word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".IndexOf(c) >= 0) ? word : "'" + word.Replace("'", "'\\''") + "'";
    }
}
