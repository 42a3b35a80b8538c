using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Remote;

namespace HxLiteLLM.Checks
{
    /// <summary>How a TCP connect tried from the target's shell ended.</summary>
    public enum ShellTcpOutcome
    {
        Open,
        /// <summary>The backend's host answered that nothing listens on the port.</summary>
        Refused,
        /// <summary>No answer in time: dropped on the way (firewall, route) or the host is down.</summary>
        TimedOut,
        /// <summary>Any other failure (name not resolved, no route, or a refusal curl does not tell apart).</summary>
        Failed,
        /// <summary>None of the tools the probe uses exists on the target.</summary>
        NoTool,
    }

    /// <summary>What <see cref="ShellTcpProbe"/> found: the tool that answered, the outcome, and the tool's own words.</summary>
    public sealed class ShellTcpResult
    {
        public ShellTcpResult(string method, ShellTcpOutcome outcome, string detail)
        {
            Method = method;
            Outcome = outcome;
            Detail = detail;
        }

        /// <summary>"bash /dev/tcp", "curl", "python3", or "" when none exists.</summary>
        public string Method { get; }
        public ShellTcpOutcome Outcome { get; }
        /// <summary>The tool's message, one line, shortened.</summary>
        public string Detail { get; }
    }

    /// <summary>
    /// A TCP connect from the target's own shell, for targets whose sshd refuses direct-tcpip channels: the first of
    /// bash's /dev/tcp (under timeout), curl, python3 that exists there tries it. Host and port come from input, so
    /// they are checked (a host name or an IP literal; a port number) and single-quoted, never spliced in raw.
    /// </summary>
    public static class ShellTcpProbe
    {
        public const string Bash = "bash /dev/tcp";
        public const string Curl = "curl";
        public const string Python = "python3";
        /// <summary>Printed instead of a method when none exists.</summary>
        private const string None = "none";
        private const int DetailLimit = 240;
        /// <summary>Start-up of the shell and the tool, and name resolution, which the connect timeout does not cover.</summary>
        private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

        /// <summary>Connect with nothing sent; exit 0 open, 111 refused, 124 timed out (as timeout(1) does).</summary>
        private const string PythonProgram = @"import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), float(sys.argv[3])).close()
except socket.timeout:
    print(""timed out""); sys.exit(124)
except ConnectionRefusedError as e:
    print(e); sys.exit(111)
except OSError as e:
    print(e); sys.exit(1)
";

        /// <summary>True when the host can go to the target's shell: a host name (the rule the DNS check uses) or an IP literal.</summary>
        public static bool IsProbeableHost(string host) => TargetDnsCheck.IsHostName(host) || IPAddress.TryParse(host, out _);

        /// <summary>
        /// The script: prints the method it uses on the first line, then the tool's output; exits with the tool's status
        /// (127 and "none" when no tool exists).
        /// </summary>
        public static string Script(string host, int port, int connectSeconds)
        {
            if (!IsProbeableHost(host)) throw new ArgumentException("not a host name or IP literal", nameof(host));
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port));
            var urlHost = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
            return "h=" + SshConnection.ShellQuote(host) + "; p=" + SshConnection.ShellQuote(port.ToString(CultureInfo.InvariantCulture))
                + "; u=" + SshConnection.ShellQuote("telnet://" + urlHost + ":" + port.ToString(CultureInfo.InvariantCulture))
                + "; t=" + SshConnection.ShellQuote(connectSeconds.ToString(CultureInfo.InvariantCulture)) + "\n"
                + "if command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then\n"
                + "  echo '" + Bash + "'; timeout \"$t\" bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' hx \"$h\" \"$p\" </dev/null 2>&1; exit $?\n"
                + "elif command -v curl >/dev/null 2>&1; then\n"
                // telnet:// connects and sends nothing; it then waits for the server, so success shows as time_connect > 0.
                // Only the verbose lines name the connect's errno ("Connection refused"); exit 7 does not tell it apart.
                + "  echo '" + Curl + "'; curl -gsSv -o /dev/null -w 'connected %{time_connect}\\n' --connect-timeout \"$t\" --max-time \"$t\" \"$u\" "
                    + "</dev/null 2>&1; exit $?\n"
                + "elif command -v python3 >/dev/null 2>&1; then\n"
                + "  echo '" + Python + "'; python3 -c " + SshConnection.ShellQuote(PythonProgram) + " \"$h\" \"$p\" \"$t\" </dev/null 2>&1; exit $?\n"
                + "fi\necho '" + None + "'; exit 127\n";
        }

        /// <summary>Runs the script on the target within the connect timeout (whole seconds, at least one) plus a margin.</summary>
        public static async Task<ShellTcpResult> ConnectAsync(IRemoteConnection connection, string host, int port, TimeSpan timeout,
            CancellationToken cancellationToken)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
            var output = new BoundedText(4096, 0);
            var run = await connection.RunAsync(Script(host, port, seconds), output, TimeSpan.FromSeconds(seconds) + Margin,
                cancellationToken).ConfigureAwait(false);
            return Classify(output.ToString(), run.ExitCode, run.TimedOut, seconds);
        }

        /// <summary>Reads the script's output: the method line, then each tool's way of saying open, refused or timed out.</summary>
        public static ShellTcpResult Classify(string output, int exitCode, bool timedOut, int connectSeconds)
        {
            var lines = output.Replace("\r", "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            var method = lines.Length > 0 ? lines[0].Trim() : "";
            var said = string.Join("; ", lines.Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("connected ", StringComparison.Ordinal)
                && (!IsCurlTrace(l) || l.IndexOf("failed:", StringComparison.Ordinal) >= 0)));
            var detail = said.Length > DetailLimit ? said.Substring(0, DetailLimit) + "…" : said;
            if (method == None) return new ShellTcpResult("", ShellTcpOutcome.NoTool, "");
            if (method != Bash && method != Curl && method != Python) method = "";
            var noAnswer = "no answer within " + connectSeconds + " s";
            if (timedOut) return new ShellTcpResult(method, ShellTcpOutcome.TimedOut, noAnswer);
            if (method == Curl)
            {
                var connectTime = lines.Where(l => l.StartsWith("connected ", StringComparison.Ordinal))
                    .Select(l => double.TryParse(l.Substring("connected ".Length), NumberStyles.Float, CultureInfo.InvariantCulture,
                        out var s) ? s : 0).FirstOrDefault();
                if (connectTime > 0) return new ShellTcpResult(method, ShellTcpOutcome.Open, "");
                if (exitCode == 28) return new ShellTcpResult(method, ShellTcpOutcome.TimedOut, noAnswer);
            }
            else
            {
                if (exitCode == 0) return new ShellTcpResult(method, ShellTcpOutcome.Open, "");
                if (exitCode == 124) return new ShellTcpResult(method, ShellTcpOutcome.TimedOut, noAnswer);
                if (exitCode == 111) return new ShellTcpResult(method, ShellTcpOutcome.Refused, detail);
            }
            var refused = output.IndexOf("Connection refused", StringComparison.OrdinalIgnoreCase) >= 0;
            return new ShellTcpResult(method, refused ? ShellTcpOutcome.Refused : ShellTcpOutcome.Failed, detail.Length > 0 ? detail : "exit status "
                + exitCode);
        }

        /// <summary>curl -v's own lines (progress, headers, data), of which only a failed connect is worth repeating.</summary>
        private static bool IsCurlTrace(string line) => line.Length > 0 && "*<>{}".IndexOf(line[0]) >= 0;
    }
}
