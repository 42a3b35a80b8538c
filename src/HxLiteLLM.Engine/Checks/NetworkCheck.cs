using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// The target's network as it reports it (addresses, routes, resolvers: evidence), and each backend reached
    /// from the target itself through the connection's TCP channel, so nothing needs to be installed there; when the
    /// target's sshd refuses such channels, through a tool found in its shell instead.
    /// </summary>
    public static class NetworkCheck
    {
        public static (HxCheckResult Result, string Evidence) Configuration(string target, ProbeOutput probe)
        {
            var addr = probe[ProbeSections.Addresses];
            var route = probe[ProbeSections.Routes];
            var resolv = probe[ProbeSections.Resolver];
            var evidence = Evidence.Sections(addr, route, resolv);
            if (addr == null || !addr.Succeeded)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.NetworkConfig, target, HxStatus.Failed, HxCategory.Config,
                    "could not read the network configuration: " + Evidence.Brief(addr)), evidence);
            }
            var addresses = ParseAddresses(addr.Output);
            var defaultRoute = route?.Output.Split('\n').FirstOrDefault(l => l.StartsWith("default", StringComparison.Ordinal))?.Trim();
            var nameservers = resolv == null ? new List<string>() : ParseNameservers(resolv.Output);
            var message = "addresses " + (addresses.Count > 0 ? string.Join(", ", addresses) : "none")
                + "; " + (defaultRoute != null ? defaultRoute : "no default route")
                + "; nameservers " + (nameservers.Count > 0 ? string.Join(", ", nameservers) : "none");
            var status = defaultRoute == null || nameservers.Count == 0 ? HxStatus.Warning : HxStatus.Passed;
            var remediation = defaultRoute == null ? "configure a default gateway (e.g. in /etc/network/interfaces or netplan)"
                : nameservers.Count == 0 ? "configure a nameserver in /etc/resolv.conf" : "";
            return (PreflightCheckNames.Result(PreflightCheckNames.NetworkConfig, target, status, HxCategory.Config, message, remediation), evidence);
        }

        /// <summary>"address/prefix dev" of every non-loopback-scope line of <c>ip -o addr show</c>.</summary>
        public static IReadOnlyList<string> ParseAddresses(string ipOutput)
        {
            var result = new List<string>();
            foreach (var line in ipOutput.Split('\n'))
            {
                var f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 4 || (f[2] != "inet" && f[2] != "inet6")) continue;
                result.Add(f[3] + " " + f[1].TrimEnd(':'));
            }
            return result;
        }

        public static List<string> ParseNameservers(string resolvConf) =>
            resolvConf.Split('\n').Select(l => l.Trim())
                .Where(l => l.StartsWith("nameserver", StringComparison.Ordinal))
                .Select(l => l.Substring("nameserver".Length).Trim())
                .Where(s => s.Length > 0).ToList();

        /// <summary>Connects from the target to the backend; for URLs also sends a GET and reports the status line.</summary>
        public static async Task<HxCheckResult> BackendAsync(string target, IRemoteConnection connection, BackendEndpoint backend,
            X509Certificate2? trustedRoot,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            HxCheckResult Result(string status, string category, string message, string remediation = "") =>
                PreflightCheckNames.Result(PreflightCheckNames.Backend, target, status, category, backend + ": " + message, remediation);
            Stream stream;
            try
            {
                stream = await connection.OpenTcpAsync(backend.Host, backend.Port, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteConnectionException e) when (e.ForwardingRefused)
            {
                return await FromShellAsync(target, connection, backend, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteConnectionException e)
            {
                return Result(HxStatus.Failed, HxCategory.Tcp, e.Message,
                    "open " + backend.Host + ":" + backend.Port + " from " + target + " (firewall, security group, service listening)");
            }
            var connected = watch.ElapsedMilliseconds;
            try
            {
                if (!backend.IsHttp) return Result(HxStatus.Passed, HxCategory.Tcp, "TCP connect from the target in " + connected + " ms");
                var tls = "";
                if (backend.Scheme == "https")
                {
                    var outcome = await TlsProbe.HandshakeAsync(stream, backend.Host, trustedRoot, timeout, cancellationToken).ConfigureAwait(false);
                    stream = outcome.Stream;
                    if (!outcome.Valid)
                    {
                        return Result(HxStatus.Failed, HxCategory.Tls, "TLS validation failed: " + string.Join("; ", outcome.Problems) + " (" + outcome.Details
                            + ")",
                            "install a certificate for " + backend.Host + " issued by the trusted CA, valid now");
                    }
                    tls = "; TLS ok (" + outcome.Details + ")";
                }
                var status = await HttpStatusLineAsync(stream, backend, timeout, cancellationToken).ConfigureAwait(false);
                var code = StatusCode(status);
                var text = "TCP connect from the target in " + connected + " ms" + tls + "; " + status;
                if (code >= 500) return Result(HxStatus.Failed, HxCategory.Http, text, "check the backend service's health and logs");
                if (code >= 400) return Result(HxStatus.Warning, HxCategory.Http, text, "reachable, but " + backend.PathAndQuery + " answers " + code
                    + "; check the path and authentication");
                return Result(HxStatus.Passed, HxCategory.Http, text);
            }
            catch (ProbeException e)
            {
                return Result(HxStatus.Failed, e.Category, e.Message, e.Category == HxCategory.Tls ? "check that " + backend + " speaks TLS on that port"
                    : "check that " + backend + " speaks HTTP on that port");
            }
            finally
            {
                stream.Dispose();
            }
        }

        /// <summary>
        /// The backend reached from the target's own shell (<see cref="ShellTcpProbe"/>), for an sshd that refuses TCP
        /// channels: only the TCP connect is tried, so for a URL the result says the HTTP answer was not checked.
        /// </summary>
        private static async Task<HxCheckResult> FromShellAsync(string target, IRemoteConnection connection, BackendEndpoint backend, TimeSpan timeout,
            CancellationToken cancellationToken)
        {
            HxCheckResult Result(string status, string category, string message, string remediation = "") =>
                PreflightCheckNames.Result(PreflightCheckNames.Backend, target, status, category, backend + ": " + message, remediation);
            const string Refusal = "TCP forwarding is refused by the target's sshd";
            var allowForwarding = "allow TCP forwarding for the Ansible user in the target's sshd_config (Match User <user> / AllowTcpForwarding local)";
            var endpoint = backend.Host + ":" + backend.Port;
            if (!ShellTcpProbe.IsProbeableHost(backend.Host))
            {
                return Result(HxStatus.Failed, HxCategory.Config, Refusal + ", and the host '" + backend.Host
                    + "' is neither a host name nor an IP address, so it is not probed from the target's shell",
                    "correct the backend's host");
            }
            var probe = await ShellTcpProbe.ConnectAsync(connection, backend.Host, backend.Port, timeout, cancellationToken).ConfigureAwait(false);
            var via = " (via " + probe.Method + "; " + Refusal + ")";
            var said = probe.Detail.Length > 0 ? ": " + probe.Detail : "";
            switch (probe.Outcome)
            {
                case ShellTcpOutcome.Open:
                    // Reachability is what this check promises; the HTTP answer needs the channel the sshd refuses.
                    return backend.IsHttp
                        ? Result(HxStatus.Passed, HxCategory.Http, "reachable from the target" + via + "; only the TCP connect was tried, the "
                            + backend.Scheme.ToUpperInvariant() + " answer was not checked",
                            allowForwarding + " to have the " + backend.Scheme.ToUpperInvariant() + " answer checked too")
                        : Result(HxStatus.Passed, HxCategory.Tcp, "reachable from the target" + via);
                case ShellTcpOutcome.Refused:
                    return Result(HxStatus.Failed, HxCategory.Tcp, "connection refused from the target" + via + said,
                        "the backend is not listening on " + endpoint + ": start it there or correct the port");
                case ShellTcpOutcome.TimedOut:
                    return Result(HxStatus.Failed, HxCategory.Tcp, "no answer from " + endpoint + " at the target" + via + said,
                        "check the firewall and routing between " + target + " and " + endpoint + " (security group, route, the host being up)");
                case ShellTcpOutcome.NoTool:
                    return Result(HxStatus.Failed, HxCategory.Tcp, Refusal
                        + " and the target has none of bash with timeout, curl, python3 to try the connect from its shell",
                        allowForwarding + ", or install curl or python3 on the target");
                default:
                    return Result(HxStatus.Failed, HxCategory.Tcp, "connect from the target failed" + via + said,
                        "check that " + backend.Host + " resolves on " + target + ", is routable from it, and that the backend listens on port "
                            + backend.Port);
            }
        }

        /// <summary>Sends a minimal HTTP/1.1 GET and returns the response's status line.</summary>
        public static async Task<string> HttpStatusLineAsync(Stream stream, BackendEndpoint backend, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var hostHeader = backend.Host.IndexOf(':') >= 0 ? "[" + backend.Host + "]" : backend.Host;
            var defaultPort = backend.Scheme == "https" ? 443 : 80;
            if (backend.Port != defaultPort) hostHeader += ":" + backend.Port;
            var request = Encoding.ASCII.GetBytes("GET " + backend.PathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nUser-Agent: HxLiteLLM-preflight\r\nAccept: */*\r\nConnection: close\r\n\r\n");
            using var timer = new CancellationTokenSource(timeout);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            using (both.Token.Register(stream.Dispose))
            {
                try
                {
                    await stream.WriteAsync(request, 0, request.Length, both.Token).ConfigureAwait(false);
                    var buffer = new byte[4096];
                    var line = new StringBuilder();
                    while (line.Length < 8192)
                    {
                        var n = await stream.ReadAsync(buffer, 0, buffer.Length, both.Token).ConfigureAwait(false);
                        if (n == 0) break;
                        line.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        var end = line.ToString().IndexOf("\r\n", StringComparison.Ordinal);
                        if (end >= 0) return Checked(line.ToString(0, end));
                    }
                    if (line.Length == 0) throw new ProbeException(HxCategory.Http, "connection closed without an HTTP response");
                    return Checked(line.ToString().Split('\n')[0].TrimEnd('\r'));
                }
                catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new ProbeException(HxCategory.Http, timer.IsCancellationRequested
                        ? "no HTTP response within " + (int)timeout.TotalMilliseconds + " ms"
                        : "HTTP exchange failed: " + e.Message);
                }
            }
        }

        private static string Checked(string statusLine) =>
            StatusCode(statusLine) > 0 ? statusLine : throw new ProbeException(HxCategory.Http, "not an HTTP response: " + Shorten(statusLine));

        private static int StatusCode(string statusLine)
        {
            var parts = statusLine.Split(' ');
            return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], out var code) ? code : 0;
        }

        private static string Shorten(string text) => text.Length > 80 ? text.Substring(0, 80) + "…" : text;
    }
}
