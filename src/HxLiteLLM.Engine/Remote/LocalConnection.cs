using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Results;

namespace HxLiteLLM.Remote
{
    /// <summary><c>ansible_connection=local</c>: the same operations on this machine with a shell process and sockets.</summary>
    public sealed class LocalConnection : IRemoteConnection
    {
        public string Description => "local";
        public string Details => "";

        public async Task<CommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var stdout = CommandResult.Capture();
            var result = await RunAsync(command, stdout, timeout, cancellationToken).ConfigureAwait(false);
            return new CommandResult(result.ExitCode, stdout.ToString(), result.StdErr, result.TimedOut);
        }

        public async Task<CommandResult> RunAsync(string command, TextWriter stdout, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var psi = new ProcessStartInfo("/bin/sh")
            {
                Arguments = "-s",
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (s, e) => exited.TrySetResult(true);
            process.Start();
            var stderr = CommandResult.Capture();
            // Read as bytes and decoded here, into writers that keep what they choose: the output may have no end.
            var output = new Utf8WriterStream(stdout).CopyFromAsync(process.StandardOutput.BaseStream);
            var error = new Utf8WriterStream(stderr).CopyFromAsync(process.StandardError.BaseStream);
            // The script goes in on stdin, so no quoting of arguments is needed.
            await process.StandardInput.WriteAsync(command).ConfigureAwait(false);
            process.StandardInput.Close();
            using var timer = new CancellationTokenSource(timeout);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            var cancelled = new TaskCompletionSource<bool>();
            using (both.Token.Register(() => cancelled.TrySetResult(true)))
            {
                await Task.WhenAny(exited.Task, cancelled.Task).ConfigureAwait(false);
            }
            if (!process.HasExited)
            {
                Kill(process);
                cancellationToken.ThrowIfCancellationRequested();
                await Task.WhenAll(output, error).ConfigureAwait(false);
                return new CommandResult(-1, "", stderr.ToString(), timedOut: true);
            }
            process.WaitForExit();
            await Task.WhenAll(output, error).ConfigureAwait(false);
            return new CommandResult(process.ExitCode, "", stderr.ToString());
        }

        public Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
        {
            try
            {
                return Task.FromResult<string?>(File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Task.FromResult<string?>(null);
            }
        }

        public async Task<Stream> OpenTcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var client = new TcpClient();
            try
            {
                var connect = client.ConnectAsync(host, port);
                var delay = Task.Delay(timeout, cancellationToken);
                if (await Task.WhenAny(connect, delay).ConfigureAwait(false) == delay)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new RemoteConnectionException(HxCategory.Tcp, "connect to " + host + ":" + port + " timed out after " + (int)timeout.TotalMilliseconds
                        + " ms");
                }
                await connect.ConfigureAwait(false);
                return client.GetStream();
            }
            catch (SocketException e)
            {
                client.Dispose();
                throw new RemoteConnectionException(HxCategory.Tcp, "connect to " + host + ":" + port + " failed: " + e.Message, inner: e);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
        }

        /// <summary>
        /// Kills the shell and what it started: a child left running would hold the output pipes open and the
        /// timeout would wait for it. Process.Kill(entireProcessTree) exists on every runtime PowerShell 7 uses but
        /// not in netstandard2.0, hence the lookup.
        /// </summary>
        private static void Kill(Process process)
        {
            try
            {
                if (KillTree != null) KillTree.Invoke(process, new object[] { true });
                else process.Kill();
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.Reflection.TargetInvocationException)
            {
                // exited meanwhile
            }
        }

        private static readonly System.Reflection.MethodInfo? KillTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
    }
}
