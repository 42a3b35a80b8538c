using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HxLiteLLM.Deploy;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands.Deploy
{
    /// <summary>
    /// <para type="synopsis">Deploys the validated gateway with the seed's litellm_enforce.yml, then smoke-tests it: one HxCheckResult per host and task.</para>
    /// <para type="description">The seed's next steps after validation, in one command. First the gate: the deploy goes ahead only when
    /// the newest run_manifest_&lt;stamp&gt;.json under the evidence root whose input hashes (inventory, group_vars, host_vars, role,
    /// settings file) equal today's files recorded no Failed result in TASK-3.02.05, 3.03.02 and 3.03.03 (run
    /// Invoke-HxLiteLLMPipeline -Phase Inventory,RoleValidation); otherwise a DeployNotValidated error names the first changed or
    /// unvalidated file, unless -Force, which deploys and records "forced" in the evidence. Then the deploy playbook runs through the
    /// real ansible-playbook (as Invoke-HxAnsiblePlaybook runs it: extra variables and vault passwords never on a command line, Ctrl+C
    /// stops the whole run), and every host x task becomes a result as it finishes: Phase Deploy, Check the task, Target the host;
    /// ok and changed are Passed (Message ok, changed, or would change under -Check), skipped is Skipped, failed is Failed (Category
    /// Deploy, with the command that reruns from that task), unreachable is Failed (Category Tcp), ignored and rescued failures are
    /// Warnings. One PLAY RECAP row per host (Failed when a task failed or the host was unreachable) and one ansible-playbook row
    /// with the exit code, its meaning and stderr's ERROR! line follow. Then the smoke test, unless -SkipSmokeTest, -Check or the deploy
    /// failed: the smoke-test playbook's rows (Phase SmokeTest), and Test-HxLiteLLMEndpoint's probe of each deployed host (Phase
    /// Endpoint) with the master key the vault gives that host and the address the inventory gives it (-EndpointUri wins), retried
    /// until the gateway answers or -RetryTimeout ends. Playbooks, when not given, are found in the project root (the folder of
    /// ansible.cfg, else the current directory), then in the inventory's folder and each folder above it: the first
    /// litellm_enforce.yml (litellm_smoke_test.yml) there or in its playbooks/Lite-LLM/. Evidence: litellm_deploy/&lt;stamp&gt;/ under
    /// the evidence root (command.txt without secrets, ansible-playbook.log, recap.txt, results.json, smoke-test/, endpoint/). The
    /// master key and the vault password appear in no result, stream or evidence file. -WhatIf runs nothing on any target.
    /// -JUnitPath and -FailOnError work as in Invoke-HxLiteLLMPipeline (annotations and step summary in GitHub Actions and Azure DevOps).</para>
    /// </summary>
    /// <example>
    ///   <code>Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -Phase Inventory,RoleValidation -VaultPasswordFile ./.vault-pass
    /// Deploy-HxLiteLLM -InventoryPath ./inventory/hosts.ini -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Validates, then deploys litellm_enforce.yml to the litellm group and smoke-tests each gateway with the key from the vault.</para>
    /// </example>
    /// <example>
    ///   <code>Deploy-HxLiteLLM -Limit gw1 -Check -Diff -VaultPasswordFile ./.vault-pass | Where-Object Message -eq 'would change'</code>
    ///   <para>A dry run on one host (inventory from ansible.cfg): the tasks that would change something.</para>
    /// </example>
    /// <example>
    ///   <code>Deploy-HxLiteLLM -InventoryPath ./inventory/hosts.ini -VaultPassword $env:VAULT_PASS_SECURE -JUnitPath deploy.xml -FailOnError</code>
    ///   <para>A CI step: JUnit for the test tab, annotations, and exit code 1 when any row failed.</para>
    /// </example>
    [Cmdlet("Deploy", "HxLiteLLM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HxCheckResult))]
    public sealed class DeployHxLiteLLMCommand : PlaybookCmdlet
    {
        /// <summary><para type="description">The inventory (file or folder); ansible.cfg's inventory when not given.</para></summary>
        [Parameter(Position = 0)]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">The gateway group whose hosts are smoke-tested (default litellm).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">Host patterns the deploy is limited to (--limit).</para></summary>
        [Parameter]
        public string[] Limit { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">The deploy playbook; default litellm_enforce.yml found by the rule in the description.</para></summary>
        [Parameter]
        public string? PlaybookPath { get; set; }

        /// <summary><para type="description">The smoke-test playbook; default litellm_smoke_test.yml found by the same rule (none found: only the endpoint probe runs).</para></summary>
        [Parameter]
        public string? SmokeTestPlaybookPath { get; set; }

        /// <summary><para type="description">Deploy only: no smoke-test playbook, no endpoint probe.</para></summary>
        [Parameter]
        public SwitchParameter SkipSmokeTest { get; set; }

        /// <summary><para type="description">The gateway address the probe asks (e.g. through a load balancer) instead of the one the inventory gives each host.</para></summary>
        [Parameter]
        public Uri? EndpointUri { get; set; }

        /// <summary><para type="description">How long the endpoint probe retries until the gateway answers (default 2 minutes).</para></summary>
        [Parameter]
        public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromMinutes(2);







        /// <summary><para type="description">Deploy although no validation run covers today's files; the evidence records "forced".</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Root of the evidence trail, also where the gate looks for run manifests; default .evidence in the Ansible project root.</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        /// <summary><para type="description">Write the results as JUnit XML to this file.</para></summary>
        [Parameter]
        public string? JUnitPath { get; set; }

        /// <summary><para type="description">For CI: when any result failed, pwsh exits with code 1 once the script ends, after the results, JUnit file, annotations and step summary are written.</para></summary>
        [Parameter]
        public SwitchParameter FailOnError { get; set; }

        /// <summary><para type="description">For CI, stricter than -FailOnError: when any result warned or failed, pwsh exits with code 1 once the script ends, after every result, the JUnit file, annotations and step summary are written. No error is thrown.</para></summary>
        [Parameter]
        public SwitchParameter FailOnWarning { get; set; }

        protected override void EndProcessing()
        {
            var redactor = new SecretRedactor();
            var results = new List<HxCheckResult>();
            IReadOnlyList<VaultSecret> secrets = Array.Empty<VaultSecret>();
            HxException? stopped = null;
            try
            {
                var inventory = InventoryPath != null ? ResolvePath(InventoryPath) : AnsibleConfig.SingleInventory
                    ?? throw new HxException("InventoryPathMissing", "No inventory: give -InventoryPath or set inventory in ansible.cfg.",
                        kind: HxErrorKind.InvalidArgument);
                var missing = InventorySelection.MissingSource(inventory);
                if (missing != null) throw missing;
                var projectRoot = HxLiteLLM.Evidence.EvidenceRoot.ProjectRoot(AnsibleConfig);
                var playbook = PlaybookPath != null ? ResolvePath(PlaybookPath) : DeployPlaybooks.Find(DeployPlaybooks.Enforce, projectRoot, inventory)
                    ?? throw new HxException("DeployPlaybookNotFound", "No " + DeployPlaybooks.Enforce + " in (or under playbooks/Lite-LLM/ of) " +
                        string.Join(", ", DeployPlaybooks.Folders(projectRoot, inventory)) + "; give -PlaybookPath.", kind: HxErrorKind.NotFound);
                if (!File.Exists(playbook)) throw new HxException("DeployPlaybookNotFound", "The playbook " + playbook + " does not exist.", playbook,
                    kind: HxErrorKind.NotFound);
                var smoke = SkipSmokeTest ? null : SmokeTestPlaybookPath != null ? ResolvePath(SmokeTestPlaybookPath)
                    : DeployPlaybooks.Find(DeployPlaybooks.SmokeTest, projectRoot, inventory);
                var extraVariables = ExtraVariables();
                secrets = ResolveVaultSecrets(VaultPassword, VaultPasswordFile, VaultId);
                // Every vault value (the master keys among them) is registered before anything runs, so every row, line and file masks it;
                // a wrong password stops here with the vault's own error.
                VaultedInventory.Load(inventory, secrets, redactor, PlaybookFolder(null));
                var evidenceRoot = EvidenceRoot(EvidencePath);
                var request = new DeployRequest(inventory, playbook, AnsiblePlaybookCommandLine.Locate(null, Environment.GetEnvironmentVariable("PATH")),
                    AnsibleSupportFolder,
                    SessionState.Path.CurrentFileSystemLocation.Path)
                {
                    Group = Group,
                    Limit = Limit,
                    SmokeTestPlaybookPath = smoke,
                    EndpointUri = EndpointUri,
                    RetryTimeout = RetryTimeout,
                    ExtraVariables = extraVariables,
                    Check = Check,
                    Diff = Diff,
                    VaultSecrets = secrets,
                    HandOverVaultSecrets = HandsOverVaultSecrets,
                    CallbackPlugins = AnsibleConfig.CallbackPlugins,
                    EvidenceRoot = evidenceRoot,
                    Force = Force,
                };
                var context = NewStepContext(redactor, evidenceRoot);
                const string activity = "Deploy-HxLiteLLM";
                // How much of a playbook is done is not known before it ends: the updates say -1, the end 100.
                void Emit(HxCheckResult r)
                {
                    results.Add(r);
                    WriteObject(r);
                    WriteProgressUpdate(3, activity, r.Phase + ": " + r.Check + " (" + r.Target + ")", -1);
                }
                var deployed = DeployStep.Deploy(context, request, Emit);
                if (deployed != null && !SkipSmokeTest) DeployStep.SmokeTest(context, request, deployed, Emit);
                WriteProgressCompleted(3, activity);
            }
            catch (HxException error)
            {
                stopped = new HxException(error.ErrorId, redactor.Redact(error.Message), error.File, error.Line, error.Column, kind: error.ErrorKind);
            }
            finally
            {
                foreach (var secret in secrets) secret.Dispose();
            }
            // The reports and -FailOnError's verdict come first, so a run an error stopped still fails its CI step.
            WriteCiReports(results, redactor, JUnitPath == null ? null : ResolvePath(JUnitPath), FailOnError, stopped == null, FailOnWarning);
            if (stopped != null) ThrowHxError(stopped, InventoryPath);
        }
    }
}
