using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands
{
    /// <summary>
    /// What every HxLiteLLM cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, and one way
    /// of turning engine errors into ErrorRecords with a stable ErrorId, a real category and the offending item.
    /// </summary>
    public abstract class HxCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken Cancellation => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        private HxLiteLLM.Remote.AnsibleConfig? _ansibleConfig;

        /// <summary>The user's ansible.cfg as Ansible finds it from the current location (with the ANSIBLE_* overrides), read once and named under -Verbose.</summary>
        protected HxLiteLLM.Remote.AnsibleConfig AnsibleConfig
        {
            get
            {
                if (_ansibleConfig == null)
                {
                    _ansibleConfig = HxLiteLLM.Remote.AnsibleConfig.Load(SessionState.Path.CurrentFileSystemLocation.Path);
                    WriteSourcesUsed(_ansibleConfig.SourcesUsed);
                }
                return _ansibleConfig;
            }
        }

        private readonly HashSet<string> _sourcesNamed = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// The operator's view of what a run read, as `ansible -v` gives it: the config file (or why ./ansible.cfg was ignored), the
        /// inventory sources, the vars files and where the vault password came from (never the password), each once, on the verbose stream.
        /// </summary>
        protected void WriteSourcesUsed(IEnumerable<string> notes)
        {
            foreach (var note in notes)
            {
                if (_sourcesNamed.Add(note)) WriteVerbose(note);
            }
        }

        /// <summary>
        /// The playbook folder whose group_vars/ and host_vars/ apply to an inventory after its own, as ansible-inventory's
        /// --playbook-dir: the one given, else ansible.cfg's playbook_dir (ANSIBLE_PLAYBOOK_DIR), else the current location.
        /// </summary>
        protected string PlaybookFolder(string? given) => ResolvePath(given ?? AnsibleConfig.PlaybookDirectory ?? ".");

        /// <summary>
        /// The inventory a cmdlet reads: -InventoryPath when given, else the one inventory of ansible.cfg (or
        /// ANSIBLE_INVENTORY) as ansible-inventory finds it; neither is an InventoryPathMissing error saying what to give.
        /// </summary>
        protected string InventoryOrConfigured(string? given) =>
            given != null ? ResolvePath(given) : AnsibleConfig.SingleInventory
                ?? throw new HxException("InventoryPathMissing",
                    "No inventory: give -InventoryPath, or set inventory in ansible.cfg (or ANSIBLE_INVENTORY) as for ansible-inventory.");

        /// <summary>
        /// One progress update as a record of its own (a host may keep the records it is given, so one reused record
        /// would change under it); percent is what is done so far, -1 when not known.
        /// </summary>
        protected void WriteProgressUpdate(int activityId, string activity, string status, int percent) =>
            WriteProgress(new ProgressRecord(activityId, activity, status) { PercentComplete = percent });

        /// <summary>The end of an activity's progress: a record of its own, at 100%.</summary>
        protected void WriteProgressCompleted(int activityId, string activity) =>
            WriteProgress(new ProgressRecord(activityId, activity, "Done") { PercentComplete = 100, RecordType = ProgressRecordType.Completed });

        /// <summary>A path as the user gave it (relative to the current location, PSDrives allowed) made absolute.</summary>
        protected string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>
        /// The vault secrets a command was given: -VaultPassword and -VaultPasswordFile, else the file named by
        /// ansible.cfg's vault_password_file and vault_identity_list (with their ANSIBLE_* variables), as ansible-vault.
        /// Never prompts; an empty list when there is none.
        /// The caller disposes them.
        /// </summary>
        protected IReadOnlyList<VaultSecret> ResolveVaultSecrets(SecureString? password, string? passwordFile, string? vaultId = null)
        {
            var given = new List<VaultSecret>();
            try
            {
                if (password != null)
                {
                    var chars = SecureText.ToChars(password);
                    try
                    {
                        given.Add(VaultSecret.FromPassword(chars, vaultId));
                    }
                    finally
                    {
                        Array.Clear(chars, 0, chars.Length);
                    }
                }
                if (passwordFile != null) given.Add(VaultSecret.FromFile(ResolvePath(passwordFile), vaultId));
                else if (password == null)
                {
                    var fromFileSetting = AnsibleConfig.VaultPasswordFile != null;
                    foreach (var source in AnsibleConfig.VaultPasswordSources)
                    {
                        var secret = VaultSecret.FromFile(source.Value, source.Key ?? vaultId);
                        given.Add(secret);
                        WriteSourcesUsed(new[] { "Vault password (" + secret.Label + ") from " + secret.Source + ", named by "
                            + (fromFileSetting ? AnsibleConfig.Origin("vault_password_file", VaultSecret.PasswordFileVariable)
                                : AnsibleConfig.Origin("vault_identity_list", "ANSIBLE_VAULT_IDENTITY_LIST")) });
                        fromFileSetting = false;
                    }
                    return given;
                }
                WriteSourcesUsed(given.Select(secret => "Vault password (" + secret.Label + ") from "
                    + (password != null && secret == given[0] ? "-VaultPassword" : secret.Source)));
            }
            catch
            {
                foreach (var secret in given) secret.Dispose();
                throw;
            }
            return given;
        }

        /// <summary>
        /// The recap for a person who typed the command (invoked by the host, as a line at the prompt or pwsh -Command is; not
        /// from a script file or function), on the host and never on the output stream; not when the information stream shows
        /// the same lines already (-InformationAction Continue).
        /// </summary>
        protected void WriteRecap(IReadOnlyList<string> lines)
        {
            if (MyInvocation.CommandOrigin != CommandOrigin.Runspace) return;
            var information = MyInvocation.BoundParameters.TryGetValue("InformationAction", out var given) ? given : GetVariableValue("InformationPreference");
            if (Equals(information, ActionPreference.Continue)) return;
            foreach (var line in lines) Host.UI.WriteLine(line);
        }

        /// <summary>True under -WhatIf (given, or $WhatIfPreference): nothing may be written, evidence included.</summary>
        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given) ? ((SwitchParameter)given).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// Whether this run writes its evidence: false under -WhatIf, which then says where the evidence would have gone, as
        /// every other write says what it would do.
        /// </summary>
        protected bool ShouldWriteEvidence(string evidenceRoot) =>
            ShouldProcess(System.IO.Path.GetFullPath(evidenceRoot), "Write this run's evidence");

        /// <summary>
        /// The one evidence root of a run (<see cref="HxLiteLLM.Evidence.EvidenceRoot"/>): -EvidencePath when given, else .evidence
        /// in the folder of the project's ansible.cfg (ANSIBLE_CONFIG or ./ansible.cfg), else .evidence in the current location.
        /// </summary>
        protected string EvidenceRoot(string? evidencePath) =>
            HxLiteLLM.Evidence.EvidenceRoot.Resolve(evidencePath == null ? null : ResolvePath(evidencePath), AnsibleConfig);

        /// <summary>
        /// A step context wired to this cmdlet: -WhatIf/-Confirm, warnings, verbose notes and Ctrl+C. Under -WhatIf the step gets
        /// no evidence store, so it writes nothing.
        /// </summary>
        protected StepContext NewStepContext(SecretRedactor redactor, string? evidenceRoot) =>
            new StepContext(redactor, evidenceRoot == null || !ShouldWriteEvidence(evidenceRoot) ? null : new EvidenceStore(evidenceRoot, redactor))
            {
                ShouldProcess = (target, action) => ShouldProcess(target, action),
                Warn = message => WriteWarning(redactor.Redact(message)),
                Verbose = message => WriteVerbose(redactor.Redact(message)),
                SourceUsed = note => WriteSourcesUsed(new[] { note }),
                Cancellation = Cancellation,
                PlaybookDirectory = PlaybookFolder(null),
            };

        /// <summary>
        /// Every consumer gets the results before the run fails: the JUnit file, the CI system's annotations and step summary. Then,
        /// with -FailOnError and a failure, -FailOnWarning and a failure or a warning, or a run an error stopped (<paramref name="completed"/> false), the run is marked failed
        /// (<see cref="MarkRunFailed"/>): no error record from here, so `$r = ...` keeps the results and later pipeline commands
        /// still finish under any $ErrorActionPreference.
        /// </summary>
        protected void WriteCiReports(IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor, string? junitPath, bool failOnError,
            bool completed = true, bool failOnWarning = false)
        {
            if (junitPath != null && ShouldProcess(junitPath, "Write the JUnit report"))
            {
                try
                {
                    AtomicFile.WriteAllText(junitPath, JUnitReportWriter.Write(results, redactor));
                    WriteVerbose("JUnit: " + junitPath);
                }
                catch (Exception error) when (HxFileError.IsFileSystemError(error))
                {
                    // The annotations and the step summary still get the results; the run counts as not completed.
                    WriteHxError(HxFileError.From("JUnitReportWriteFailed", junitPath, error, writing: true), junitPath);
                    completed = false;
                }
            }
            WriteCiOutput(results, redactor);
            var failed = results.Count(r => r.Status == HxStatus.Failed);
            // -FailOnWarning is the stricter verdict: a warning fails the run, and so does anything -FailOnError fails it for.
            var warned = failOnWarning ? results.Count(r => r.Status == HxStatus.Warning) : 0;
            if ((failOnError || failOnWarning) && (failed > 0 || warned > 0 || !completed))
            {
                MarkRunFailed(!completed ? "the run did not complete (see the error)"
                    : failed > 0 ? ReportText.Count(failed, "check") + " failed" + (warned > 0 ? ", " + warned + " warned (-FailOnWarning)" : "")
                    : ReportText.Count(warned, "check") + " warned (-FailOnWarning)");
            }
        }

        /// <summary>
        /// -FailOnError's verdict, as Pester's -CI gives it: in a script or a CI step pwsh exits with code 1 once the script ends
        /// ($LASTEXITCODE is 1 too, for wrappers that end with `exit $LASTEXITCODE`); at an interactive prompt only $LASTEXITCODE
        /// is set, so the operator's session stays open.
        /// </summary>
        protected void MarkRunFailed(string why)
        {
            SessionState.PSVariable.Set("global:LASTEXITCODE", 1);
            if (AtInteractivePrompt)
            {
                WriteWarning(why + "; $LASTEXITCODE is 1 (-FailOnError, -FailOnWarning). At an interactive prompt the session stays open.");
                return;
            }
            WriteWarning(why + "; pwsh will exit with code 1 when the script ends (-FailOnError, -FailOnWarning). See the results and the evidence.");
            Host.SetShouldExit(1);
        }

        /// <summary>
        /// True when a person typed the command at pwsh's own prompt: the console host, no script around the command, and pwsh
        /// started without -Command, -File, -EncodedCommand, -CommandWithArgs, -NonInteractive or a script path.
        /// </summary>
        private bool AtInteractivePrompt =>
            Host.Name == "ConsoleHost" && string.IsNullOrEmpty(MyInvocation.ScriptName) && !StartedNonInteractive(Environment.GetCommandLineArgs());

        /// <summary>pwsh's arguments (after its own path) name a command, a file or -NonInteractive; a first bare argument is a script file.</summary>
        internal static bool StartedNonInteractive(IReadOnlyList<string> arguments)
        {
            for (var i = 1; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                if (!argument.StartsWith("-", StringComparison.Ordinal) && !argument.StartsWith("/", StringComparison.Ordinal)) return true;
                var name = argument.TrimStart('-', '/').ToLowerInvariant();
                if (name.Length == 0) continue;
                if ("command".StartsWith(name, StringComparison.Ordinal) || "file".StartsWith(name, StringComparison.Ordinal) || name == "e" || name == "ec" ||
                    name.Length >= 2 && "encodedcommand".StartsWith(name, StringComparison.Ordinal) || name == "cwa"
                        || name.StartsWith("commandwith", StringComparison.Ordinal) ||
                    name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal))
                {
                    return true;
                }
                // Parameters that take a value: skip it, so a value is never read as a script path.
                if (name.Length >= 2 && ("executionpolicy".StartsWith(name, StringComparison.Ordinal) || name == "ep"
                    || "workingdirectory".StartsWith(name, StringComparison.Ordinal) ||
                    name == "wd" || "configurationname".StartsWith(name, StringComparison.Ordinal)
                        || "inputformat".StartsWith(name, StringComparison.Ordinal) ||
                    "outputformat".StartsWith(name, StringComparison.Ordinal) || "settingsfile".StartsWith(name, StringComparison.Ordinal)
                        || "windowstyle".StartsWith(name, StringComparison.Ordinal) ||
                    "custompipename".StartsWith(name, StringComparison.Ordinal) || "configurationfile".StartsWith(name, StringComparison.Ordinal)))
                {
                    i++;
                }
            }
            return false;
        }

        /// <summary>Annotations and the step summary of the CI system the run is in; nothing elsewhere.</summary>
        private void WriteCiOutput(IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor)
        {
            var ci = CiAnnotationWriter.Detect(Environment.GetEnvironmentVariable);
            if (ci == CiSystem.None) return;
            var root = CiAnnotationWriter.RepositoryRoot(Environment.GetEnvironmentVariable, SessionState.Path.CurrentFileSystemLocation.Path);
            foreach (var line in CiAnnotationWriter.Annotations(ci, results, redactor, root)) Host.UI.WriteLine(line);
            var summaryFile = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
            if (ci == CiSystem.GitHubActions && !string.IsNullOrEmpty(summaryFile) && !IsWhatIf)
            {
                System.IO.File.AppendAllText(summaryFile, CiAnnotationWriter.StepSummary(results, redactor));
            }
        }

        /// <summary>The module's ansible folder (the supervisor and the callback plugin), beside HxLiteLLM.dll.</summary>
        protected static string AnsibleSupportFolder => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(HxCmdlet).Assembly.Location)!, "ansible");

        protected ErrorRecord ToErrorRecord(HxException error, object? target) =>
            new ErrorRecord(error, error.ErrorId, CategoryOf(error), target ?? error.File);

        protected void WriteHxError(HxException error, object? target) => WriteError(ToErrorRecord(error, target));

        protected void ThrowHxError(HxException error, object? target) => ThrowTerminatingError(ToErrorRecord(error, target));

        /// <summary>The one ErrorCategory of each kind of engine failure, the same in every cmdlet.</summary>
        private static ErrorCategory CategoryOf(HxException error)
        {
            switch (error.ErrorKind)
            {
                case HxErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case HxErrorKind.ParseError: return ErrorCategory.ParserError;
                case HxErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case HxErrorKind.ReadError: return ErrorCategory.ReadError;
                case HxErrorKind.WriteError: return ErrorCategory.WriteError;
                case HxErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case HxErrorKind.AuthenticationError: return ErrorCategory.AuthenticationError;
                case HxErrorKind.SecurityError: return ErrorCategory.SecurityError;
                case HxErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case HxErrorKind.ResourceBusy: return ErrorCategory.ResourceBusy;
                case HxErrorKind.OperationTimeout: return ErrorCategory.OperationTimeout;
                case HxErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                default: return ErrorCategory.InvalidData;
            }
        }
    }
}
