using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Deploy
{
    public enum PlaybookOutputKind
    {
        /// <summary>A host × task result or a recap row.</summary>
        Result,
        /// <summary>A line of Ansible's own log (the user's stdout callback, and stderr lines that are not warnings).</summary>
        Log,
        /// <summary>A [WARNING] or [DEPRECATION WARNING] line.</summary>
        Warning,
    }

    /// <summary>One thing a run produced, already redacted.</summary>
    public sealed class PlaybookOutput
    {
        public PlaybookOutput(PlaybookOutputKind kind, string text, HxPlaybookTaskResult? result = null)
        {
            Kind = kind;
            Text = text;
            Result = result;
        }

        public PlaybookOutputKind Kind { get; }
        public string Text { get; }
        public HxPlaybookTaskResult? Result { get; }
    }

    /// <summary>
    /// A running ansible-playbook under the module's supervisor (hx_supervise.py), which puts it in a session of its own,
    /// hands it the vault passwords as inherited pipes and the extra variables as a private file, and stops the whole
    /// process group when a line or end-of-file arrives on its stdin: Stop, Dispose, and the death of this process all
    /// end up there. Its results stream through <see cref="Read"/> as they happen; <see cref="Finish"/> says what the run meant.
    /// </summary>
    public sealed class AnsiblePlaybookRun : IDisposable
    {
        private const string EventPrefix = "E ";
        private const string LogPrefix = "L ";
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly AnsiblePlaybookOptions _options;
        private readonly SecretRedactor _redactor;
        private readonly PlaybookEvents _events;
        private readonly Process _process;
        private readonly BlockingCollection<PlaybookOutput> _queue = new BlockingCollection<PlaybookOutput>();
        private readonly List<string> _stderr = new List<string>();
        private int _openReaders = 2;
        private int _stopSent;
        private bool _cancelled;
        private bool _timedOut;

        private AnsiblePlaybookRun(AnsiblePlaybookOptions options, SecretRedactor redactor, Process process)
        {
            _options = options;
            _redactor = redactor;
            _events = new PlaybookEvents(redactor);
            _process = process;
        }

        /// <summary>The command line the supervisor is started with: no secret, no variable value (it is world-readable).</summary>
        public static IReadOnlyList<string> SupervisorArguments(AnsiblePlaybookOptions options) =>
            new[] { Path.Combine(options.SupportFolder, "hx_supervise.py"), options.StopGrace.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                options.AnsiblePlaybookPath }
                .Concat(AnsiblePlaybookCommandLine.Arguments(options)).ToList();

        /// <summary>Starts the run; the vault passwords are registered with <paramref name="redactor"/> before anything is read.</summary>
        public static AnsiblePlaybookRun Start(AnsiblePlaybookOptions options, SecretRedactor redactor)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                throw new HxException("AnsiblePlaybookUnsupported", "ansible-playbook runs on Linux and macOS only (Ansible has no Windows control node).");
            }
            foreach (var secret in options.VaultSecrets)
            {
                var password = Utf8.GetString(secret.Password);
                redactor.Register(password);
                redactor.Register(password.Trim());
            }
            var start = new ProcessStartInfo(AnsiblePlaybookCommandLine.Interpreter(options.AnsiblePlaybookPath))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Utf8,
                StandardErrorEncoding = Utf8,
                WorkingDirectory = options.WorkingDirectory,
            };
            var argumentList = ArgumentListOf(start);
            foreach (var argument in SupervisorArguments(options)) argumentList.Add(argument);
            start.Environment["ANSIBLE_CALLBACK_PLUGINS"] = string.Join(":", options.CallbackPlugins.Concat(new[] { Path.Combine(options.SupportFolder,
                "callback_plugins") }));
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception();
            }
            catch (Win32Exception e)
            {
                throw new HxException("AnsiblePlaybookNotStarted", "the Python of ansible-playbook (" + start.FileName + ") could not be started: " + e.Message,
                    options.AnsiblePlaybookPath);
            }
            var run = new AnsiblePlaybookRun(options, redactor, process);
            run.Begin();
            return run;
        }

        private void Begin()
        {
            new Thread(ReadStandardOutput) { IsBackground = true, Name = "ansible-playbook stdout" }.Start();
            new Thread(ReadStandardError) { IsBackground = true, Name = "ansible-playbook stderr" }.Start();
            try
            {
                var input = _process.StandardInput.BaseStream;
                if (_options.HandOverVaultSecrets) foreach (var secret in _options.VaultSecrets) Send(input, "vault " + secret.Label, secret.Password);
                if (_options.ExtraVariablesJson != null) Send(input, "extra", Utf8.GetBytes(_options.ExtraVariablesJson));
                var go = Encoding.ASCII.GetBytes("go\n");
                input.Write(go, 0, go.Length);
                input.Flush();
            }
            catch (IOException)
            {
                // The supervisor is gone already; its stderr says why, and Finish reports it.
            }
        }

        private static void Send(Stream input, string header, byte[] value)
        {
            var head = Encoding.ASCII.GetBytes(header + " " + value.Length.ToString(CultureInfo.InvariantCulture) + "\n");
            input.Write(head, 0, head.Length);
            input.Write(value, 0, value.Length);
        }

        /// <summary>
        /// Results, log lines and warnings in the order they come, until the run ends. Cancelling <paramref name="cancellation"/>
        /// or passing the timeout stops the run (the rest still drains, so Finish sees the exit).
        /// </summary>
        public IEnumerable<PlaybookOutput> Read(CancellationToken cancellation)
        {
            var clock = Stopwatch.StartNew();
            while (!_queue.IsCompleted)
            {
                if (_stopSent == 0 && cancellation.IsCancellationRequested)
                {
                    _cancelled = true;
                    Stop();
                }
                else if (_stopSent == 0 && _options.Timeout is TimeSpan limit && clock.Elapsed >= limit)
                {
                    _timedOut = true;
                    Stop();
                }
                if (_queue.TryTake(out var output, 100)) yield return output;
            }
        }

        /// <summary>Waits for the supervisor to end and interprets the exit.</summary>
        public PlaybookOutcome Finish()
        {
            _process.WaitForExit();
            List<string> stderr;
            lock (_stderr) stderr = _stderr.ToList();
            return PlaybookOutcome.Interpret(_process.ExitCode, _events.Started, stderr, _cancelled, _timedOut ? _options.Timeout : null);
        }

        /// <summary>Asks the supervisor to stop the run: SIGINT to the process group, SIGKILL after the grace time.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopSent, 1) != 0) return;
            try
            {
                var line = Encoding.ASCII.GetBytes("stop\n");
                _process.StandardInput.BaseStream.Write(line, 0, line.Length);
                _process.StandardInput.BaseStream.Flush();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                // It has ended.
            }
        }

        private void ReadStandardOutput()
        {
            try
            {
                string? line;
                while ((line = _process.StandardOutput.ReadLine()) != null)
                {
                    if (line.StartsWith(EventPrefix, StringComparison.Ordinal))
                    {
                        IReadOnlyList<HxPlaybookTaskResult> rows;
                        try
                        {
                            rows = _events.Read(line.Substring(EventPrefix.Length));
                        }
                        catch (HxException e)
                        {
                            _queue.Add(new PlaybookOutput(PlaybookOutputKind.Warning, "An event of the hxlitellm_events callback could not be read: "
                                + _redactor.Redact(e.Message)));
                            continue;
                        }
                        foreach (var row in rows) _queue.Add(new PlaybookOutput(PlaybookOutputKind.Result, row.ToString(), row));
                    }
                    else
                    {
                        var text = line.StartsWith(LogPrefix, StringComparison.Ordinal) ? line.Substring(LogPrefix.Length) : line;
                        _queue.Add(new PlaybookOutput(PlaybookOutputKind.Log, _redactor.Redact(text)));
                    }
                }
            }
            finally
            {
                ReaderDone();
            }
        }

        private void ReadStandardError()
        {
            try
            {
                string? line;
                while ((line = _process.StandardError.ReadLine()) != null)
                {
                    var text = _redactor.Redact(line);
                    lock (_stderr) _stderr.Add(text);
                    var warning = text.StartsWith("[WARNING]:", StringComparison.Ordinal)
                        || text.StartsWith("[DEPRECATION WARNING]:", StringComparison.Ordinal);
                    _queue.Add(new PlaybookOutput(warning ? PlaybookOutputKind.Warning : PlaybookOutputKind.Log, text));
                }
            }
            finally
            {
                ReaderDone();
            }
        }

        private void ReaderDone()
        {
            if (Interlocked.Decrement(ref _openReaders) == 0) _queue.CompleteAdding();
        }

        private static readonly System.Reflection.PropertyInfo? ArgumentListProperty = typeof(ProcessStartInfo).GetProperty("ArgumentList");

        /// <summary>
        /// ProcessStartInfo.ArgumentList (every runtime PowerShell 7 uses has it; netstandard2.0 does not): each argument
        /// reaches the process as given, spaces and quotes included, with no quoting rules to get wrong.
        /// </summary>
        private static ICollection<string> ArgumentListOf(ProcessStartInfo start) =>
            ArgumentListProperty?.GetValue(start) as ICollection<string>
            ?? throw new HxException("AnsiblePlaybookUnsupported", "running ansible-playbook needs PowerShell 7 (.NET's ProcessStartInfo.ArgumentList).");

        /// <summary>Stops a run still going and waits for the supervisor (grace time plus a margin) so nothing outlives the caller.</summary>
        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    Stop();
                    if (!_process.WaitForExit((int)(_options.StopGrace.TotalMilliseconds + 5000))) _process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
            _process.Dispose();
            _queue.Dispose();
        }
    }
}
