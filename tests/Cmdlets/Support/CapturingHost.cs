using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace HxLiteLLM.Cmdlets.Tests.Support
{
    /// <summary>
    /// A non-interactive host that keeps every line written to it: ShouldProcess writes its "What if:" lines to the host,
    /// not to a stream. It never prompts: like pwsh -NonInteractive, a prompt fails with PSInvalidOperationException, so a
    /// missing mandatory parameter is a ParameterBindingException and a test can never hang on input.
    /// </summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly CapturingHostUI _ui = new CapturingHostUI();

        public IReadOnlyList<string> Lines => _ui.Lines;

        public void Clear() => _ui.Lines.Clear();

        public override string Name => "HxCmdletTestHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
        public int? ExitCode { get; private set; }
        public override void EnterNestedPrompt() => throw NonInteractive("nested prompt");
        public override void ExitNestedPrompt() => throw NonInteractive("nested prompt");
        public override void NotifyBeginApplication() { }

        internal static PSInvalidOperationException NonInteractive(string what) =>
            new PSInvalidOperationException("The test host is non-interactive: " + what + " is not available.");
        public override void NotifyEndApplication() { }
    }

    internal sealed class CapturingHostUI : PSHostUserInterface
    {
        private readonly StringBuilder _partial = new StringBuilder();

        public List<string> Lines { get; } = new List<string>();

        public override PSHostRawUserInterface? RawUI => null;

        private void Add(string text)
        {
            lock (Lines)
            {
                _partial.Append(text);
                var all = _partial.ToString();
                var parts = all.Split('\n');
                for (var i = 0; i < parts.Length - 1; i++) Lines.Add(parts[i].TrimEnd('\r'));
                _partial.Clear().Append(parts[parts.Length - 1]);
            }
        }

        public override void Write(string value) => Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Add(value);
        public override void WriteLine(string value) => Add(value + "\n");
        public override void WriteErrorLine(string value) => Add(value + "\n");
        public override void WriteDebugLine(string message) => Add("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Add("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Add("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        public override string ReadLine() => throw CapturingHost.NonInteractive("ReadLine");
        public override SecureString ReadLineAsSecureString() => throw CapturingHost.NonInteractive("ReadLineAsSecureString");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw CapturingHost.NonInteractive("Prompt: " + message);
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw CapturingHost.NonInteractive("PromptForChoice: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw CapturingHost.NonInteractive("PromptForCredential");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw CapturingHost.NonInteractive("PromptForCredential");
    }
}
