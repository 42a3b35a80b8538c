using System;
using HxLiteLLM.Deploy;
using Xunit;

namespace HxLiteLLM.Tests.Deploy
{
    /// <summary>
    /// ansible-playbook 2.14's exit codes read with the events and stderr (observed: 2 is also an argparse usage error, 4 is
    /// also a YAML or vault error, 1 a missing playbook or no host matching --limit, 99 SIGINT; 8 is folded into 2 by the
    /// playbook executor, so it never arrives).
    /// </summary>
    public sealed class PlaybookOutcomeTests
    {
        private static PlaybookOutcome Interpret(int code, bool started, params string[] stderr) =>
            PlaybookOutcome.Interpret(code, started, stderr, cancelled: false, timedOutAfter: null);

        [Fact]
        public void ZeroWithEventsSucceeded()
        {
            var outcome = Interpret(0, true);
            Assert.Equal(PlaybookOutcomeKind.Succeeded, outcome.Kind);
            Assert.Null(outcome.Error);
        }

        [Fact]
        public void ZeroWithoutEventsMeansTheCallbackDidNotLoad()
        {
            Assert.Equal("AnsibleEventsMissing", Interpret(0, false).Error!.ErrorId);
        }

        [Theory]
        [InlineData(1, "ERROR! the playbook: /x/nosuch.yml could not be found", "the playbook: /x/nosuch.yml could not be found")]
        [InlineData(4, "ERROR! We were unable to read either as JSON nor YAML, these are the errors we got from each:", "unable to read either as JSON nor YAML")]
        [InlineData(1, "ERROR! Specified inventory, host pattern and/or --limit leaves us with no hosts to target.", "--limit leaves us with no hosts")]
        public void AnyExitWithoutEventsCouldNotStartAndNamesAnsiblesError(int code, string stderr, string named)
        {
            var outcome = Interpret(code, false, "[WARNING]: something first", stderr, "", "later noise");
            Assert.Equal(PlaybookOutcomeKind.NotStarted, outcome.Kind);
            Assert.True(outcome.CouldNotStart);
            Assert.Equal("AnsiblePlaybookNotStarted", outcome.Error!.ErrorId);
            Assert.Contains(named, outcome.Error.Message);
            Assert.DoesNotContain("later noise", outcome.Error.Message);
        }

        [Fact]
        public void TwoWithAUsageLineIsARefusedCommandLine()
        {
            var outcome = Interpret(2, false, "usage: ansible-playbook [-h] [--version]", "ansible-playbook: error: unrecognized arguments: --bogus");
            Assert.True(outcome.CouldNotStart);
            Assert.Contains("refused its command line", outcome.Error!.Message);
            Assert.Contains("unrecognized arguments: --bogus", outcome.Error.Message);
        }

        [Theory]
        [InlineData(2, PlaybookOutcomeKind.HostsFailed, "AnsiblePlaybookHostsFailed")]
        [InlineData(4, PlaybookOutcomeKind.HostsUnreachable, "AnsiblePlaybookHostsUnreachable")]
        [InlineData(99, PlaybookOutcomeKind.Interrupted, "AnsiblePlaybookInterrupted")]
        [InlineData(250, PlaybookOutcomeKind.AnsibleError, "AnsiblePlaybookFailed")]
        [InlineData(5, PlaybookOutcomeKind.AnsibleError, "AnsiblePlaybookFailed")]
        public void WithEventsTheCodeSaysWhatHappenedToTheHosts(int code, PlaybookOutcomeKind kind, string errorId)
        {
            var outcome = Interpret(code, true);
            Assert.Equal(kind, outcome.Kind);
            Assert.False(outcome.CouldNotStart);
            Assert.Equal(errorId, outcome.Error!.ErrorId);
            Assert.Contains("(exit " + code + ")", outcome.Error.Message);
        }

        [Theory]
        [InlineData(true, "ERROR! Decryption failed (no vault secrets were found that could decrypt) on /inv/group_vars/all/vault.yml", "VaultWrongPassword")]
        [InlineData(false, "ERROR! Attempting to decrypt but no vault secrets found", "VaultNoSecrets")]
        public void AVaultFailureIsAVaultErrorWhetherOrNotPlaysStarted(bool started, string stderr, string errorId)
        {
            var outcome = Interpret(4, started, stderr);
            Assert.Equal(PlaybookOutcomeKind.VaultFailed, outcome.Kind);
            Assert.True(outcome.CouldNotStart);
            Assert.Equal(errorId, outcome.Error!.ErrorId);
        }

        [Fact]
        public void AStopByTheCallerOrTheTimeoutWinsOverTheCode()
        {
            Assert.Equal(PlaybookOutcomeKind.Cancelled, PlaybookOutcome.Interpret(99, true, Array.Empty<string>(), true, null).Kind);
            var timedOut = PlaybookOutcome.Interpret(99, true, Array.Empty<string>(), false, TimeSpan.FromSeconds(3));
            Assert.Equal(PlaybookOutcomeKind.TimedOut, timedOut.Kind);
            Assert.Contains("-Timeout of 3 s (exit 99)", timedOut.Error!.Message);
        }
    }
}
