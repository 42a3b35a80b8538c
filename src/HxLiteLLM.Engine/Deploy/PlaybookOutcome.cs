using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Deploy
{
    public enum PlaybookOutcomeKind
    {
        Succeeded,
        HostsFailed,
        HostsUnreachable,
        /// <summary>Stopped before any play ran: ansible-playbook missing a file, a syntax error, a bad option, no host matched.</summary>
        NotStarted,
        /// <summary>The vault could not be opened (wrong or missing password).</summary>
        VaultFailed,
        /// <summary>Stopped by the caller (Ctrl+C).</summary>
        Cancelled,
        TimedOut,
        /// <summary>Interrupted by a SIGINT from elsewhere (exit 99).</summary>
        Interrupted,
        AnsibleError,
    }

    /// <summary>
    /// What a finished run means. ansible-playbook 2.14's exit code alone is ambiguous (2 is failed hosts and also a
    /// command-line error; 4 is unreachable hosts and also a parse or vault error), so it is read together with whether
    /// the playbook's first event came and with stderr's ERROR! text.
    /// </summary>
    public sealed class PlaybookOutcome
    {
        private PlaybookOutcome(int exitCode, PlaybookOutcomeKind kind, HxException? error)
        {
            ExitCode = exitCode;
            Kind = kind;
            Error = error;
        }

        public int ExitCode { get; }
        public PlaybookOutcomeKind Kind { get; }
        /// <summary>Null when the run succeeded; its message names the reason and never holds a secret (stderr is redacted before it gets here).</summary>
        public HxException? Error { get; }
        /// <summary>Nothing ran, so there is nothing to report but the reason: the cmdlet stops with a terminating error.</summary>
        public bool CouldNotStart => Kind == PlaybookOutcomeKind.NotStarted || Kind == PlaybookOutcomeKind.VaultFailed;

        /// <param name="exitCode">ansible-playbook's (through the supervisor: 128+n for a signal n).</param>
        /// <param name="started">Whether playbook_on_start or a host result arrived.</param>
        /// <param name="stderr">ansible-playbook's standard error, redacted, line by line.</param>
        public static PlaybookOutcome Interpret(int exitCode, bool started, IReadOnlyList<string> stderr, bool cancelled, TimeSpan? timedOutAfter)
        {
            var reason = ErrorText(stderr);
            var code = " (exit " + exitCode.ToString(CultureInfo.InvariantCulture) + ")";
            if (timedOutAfter is TimeSpan limit)
            {
                return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.TimedOut, new HxException("AnsiblePlaybookTimedOut",
                    "ansible-playbook was stopped after the -Timeout of " + limit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s" + code + ".",
                        kind: HxErrorKind.OperationTimeout));
            }
            if (cancelled) return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.Cancelled, new HxException("AnsiblePlaybookStopped",
                "ansible-playbook was stopped" + code + ".", kind: HxErrorKind.OperationStopped));
            if (exitCode == 0)
            {
                return started ? new PlaybookOutcome(0, PlaybookOutcomeKind.Succeeded, null)
                    : new PlaybookOutcome(0, PlaybookOutcomeKind.AnsibleError, new HxException("AnsibleEventsMissing",
                        "ansible-playbook succeeded but the hxlitellm_events callback sent nothing: it did not load (check callback_plugins and the " +
                            "ansible-core version)."));
            }
            if (stderr.Any(IsVaultFailure))
            {
                var kind = stderr.Any(l => l.IndexOf("no vault secrets found", StringComparison.Ordinal) >= 0
                    && l.IndexOf("Decryption failed", StringComparison.Ordinal) < 0)
                    ? VaultErrorKind.NoSecrets : VaultErrorKind.WrongPassword;
                return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.VaultFailed,
                    new VaultException(kind, "ansible-playbook could not open the vault" + code + ": " + reason));
            }
            if (!started)
            {
                var what = exitCode == 2 && stderr.Any(l => l.StartsWith("usage:", StringComparison.Ordinal))
                    ? "ansible-playbook refused its command line" : "ansible-playbook could not start the run";
                return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.NotStarted, new HxException("AnsiblePlaybookNotStarted", what + code + ": " + reason));
            }
            switch (exitCode)
            {
                case 2:
                    return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.HostsFailed, new HxException("AnsiblePlaybookHostsFailed",
                        "ansible-playbook: a task failed on at least one host" + code + "."));
                case 4:
                    return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.HostsUnreachable, new HxException("AnsiblePlaybookHostsUnreachable",
                        "ansible-playbook: at least one host was unreachable" + code + "."));
                case 99:
                    return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.Interrupted, new HxException("AnsiblePlaybookInterrupted",
                        "ansible-playbook was interrupted by a signal from outside" + code + ".", kind: HxErrorKind.OperationStopped));
                default:
                    return new PlaybookOutcome(exitCode, PlaybookOutcomeKind.AnsibleError,
                        new HxException("AnsiblePlaybookFailed", "ansible-playbook failed" + code + ": " + reason));
            }
        }

        private static bool IsVaultFailure(string line) =>
            line.IndexOf("Decryption failed", StringComparison.Ordinal) >= 0 ||
            line.IndexOf("Attempting to decrypt but no vault secrets found", StringComparison.Ordinal) >= 0;

        /// <summary>Ansible's ERROR! message (it may span lines up to a blank one), else the last line stderr had.</summary>
        private static string ErrorText(IReadOnlyList<string> stderr)
        {
            var start = -1;
            for (var i = 0; i < stderr.Count; i++)
            {
                if (stderr[i].StartsWith("ERROR!", StringComparison.Ordinal)) { start = i; break; }
            }
            if (start < 0) return stderr.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no message on stderr";
            var lines = stderr.Skip(start).TakeWhile((l, i) => i == 0 || l.Trim().Length > 0).Take(6).Select(l => l.Trim());
            return string.Join(" ", lines);
        }
    }
}
