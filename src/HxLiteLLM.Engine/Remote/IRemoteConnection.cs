using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// One open connection to one host, reused by every check of that host. Operations run one at a time
    /// per connection; parallelism is across hosts.
    /// </summary>
    public interface IRemoteConnection : IDisposable
    {
        /// <summary>How the connection is described in results (user@host:port or local).</summary>
        string Description { get; }

        /// <summary>Negotiated details worth reporting (key exchange, host key), empty for local.</summary>
        string Details { get; }

        /// <summary>
        /// Runs a POSIX shell command; a timeout gives <see cref="CommandResult.TimedOut"/>, cancellation throws, a connection
        /// lost meanwhile throws <see cref="RemoteConnectionException"/> (Tcp).
        /// </summary>
        Task<CommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>
        /// As <see cref="RunAsync(string, TimeSpan, CancellationToken)"/>, but the standard output is written to
        /// <paramref name="stdout"/> as it arrives and not kept (<see cref="CommandResult.StdOut"/> is empty): a target
        /// that prints without end costs only what the writer keeps.
        /// </summary>
        Task<CommandResult> RunAsync(string command, TextWriter stdout, TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>Reads a text file on the target; null when it does not exist or is unreadable.</summary>
        Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken);

        /// <summary>
        /// Opens a TCP stream from the target to host:port (SSH direct-tcpip; local: a socket). Failure to
        /// connect throws <see cref="RemoteConnectionException"/> with the target's reason.
        /// </summary>
        Task<Stream> OpenTcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken);
    }

    /// <summary>What a command printed and how it ended.</summary>
    public sealed class CommandResult
    {
        /// <summary>Characters of each output stream kept from its start (and <see cref="KeptTail"/> from its end); the rest is cut.</summary>
        public const int KeptHead = 4 * 1024 * 1024;
        public const int KeptTail = 256 * 1024;

        public CommandResult(int exitCode, string stdOut, string stdErr, bool timedOut = false)
        {
            ExitCode = exitCode;
            StdOut = stdOut;
            StdErr = stdErr;
            TimedOut = timedOut;
        }

        /// <summary>Streams of any length, kept within <see cref="KeptHead"/> and <see cref="KeptTail"/>.</summary>
        internal static BoundedText Capture() => new BoundedText(KeptHead, KeptTail);

        /// <summary>Exit status; -1 when the command was killed or timed out.</summary>
        public int ExitCode { get; }
        public string StdOut { get; }
        public string StdErr { get; }
        public bool TimedOut { get; }
    }
}
