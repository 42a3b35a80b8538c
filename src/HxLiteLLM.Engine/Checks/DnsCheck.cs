using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// Forward (A/AAAA) and reverse (PTR) resolution of a host name from the controller, against a given server
    /// or the system's. NXDOMAIN, SERVFAIL, no answer (timeout), no address records, missing PTR and a PTR naming
    /// another host are distinct failures. The reverse lookup must name the host itself (Kerberos and TLS name
    /// checks compare exactly that), so a PTR pointing at an alias counts as a mismatch.
    /// </summary>
    public sealed class DnsCheck
    {
        private readonly LookupClient _client;
        private readonly string _serverText;
        private readonly TimeSpan _timeout;

        public DnsCheck(string? server, TimeSpan timeout)
        {
            _timeout = timeout;
            var options = server == null ? new LookupClientOptions() : new LookupClientOptions(ParseServer(server));
            options.Timeout = timeout;
            options.Retries = 0;
            options.UseCache = false;
            options.ThrowDnsErrors = false;
            options.ContinueOnDnsError = false;
            options.ContinueOnEmptyResponse = false;
            _client = new LookupClient(options);
            _serverText = server ?? "the system resolver (" + string.Join(", ", _client.NameServers.Select(n => n.ToString())) + ")";
        }

        /// <summary>Parses address, address:port or [IPv6]:port; the port defaults to 53.</summary>
        public static NameServer ParseServer(string server)
        {
            var text = server.Trim();
            var port = 53;
            string address = text;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                var close = text.IndexOf(']');
                if (close < 0) throw BadServer(server);
                address = text.Substring(1, close - 1);
                var rest = text.Substring(close + 1);
                if (rest.Length > 0 && (!rest.StartsWith(":", StringComparison.Ordinal)
                    || !int.TryParse(rest.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out port))) throw BadServer(server);
            }
            else if (text.Count(c => c == ':') == 1)
            {
                var colon = text.IndexOf(':');
                address = text.Substring(0, colon);
                if (!int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)) throw BadServer(server);
            }
            if (!IPAddress.TryParse(address, out var ip) || port < 1 || port > 65535) throw BadServer(server);
            return new NameServer(ip, port);
        }

        private static HxException BadServer(string server) =>
            new HxException("DnsServerInvalid", "DNS server '" + server
                + "' is not an IP address with an optional port (192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53).", kind: HxErrorKind.InvalidArgument);

        /// <summary>Checks one host; the evidence text records every query and answer.</summary>
        public async Task<(HxCheckResult Result, string Evidence)> RunAsync(string target, string? name, CancellationToken cancellationToken)
        {
            var evidence = new StringBuilder();
            evidence.Append("server: ").Append(_serverText).Append('\n');
            var watch = Stopwatch.StartNew();
            HxCheckResult result;
            if (name == null)
            {
                result = PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Skipped, HxCategory.Dns,
                    "no host name to resolve: the inventory name and ansible_host are both addresses");
            }
            else
            {
                result = await CheckAsync(target, name.TrimEnd('.'), evidence, cancellationToken).ConfigureAwait(false);
            }
            result.DurationMs = watch.Elapsed.TotalMilliseconds;
            if (result.Status == HxStatus.Passed) result.Message += " (" + Math.Round(result.DurationMs) + " ms)";
            evidence.Append("result: ").Append(result.Status).Append(": ").Append(result.Message).Append('\n');
            return (result, evidence.ToString());
        }

        private async Task<HxCheckResult> CheckAsync(string target, string name, StringBuilder evidence, CancellationToken cancellationToken)
        {
            var addresses = new List<IPAddress>();
            (DnsFailure Failure, string Detail)? firstFailure = null;
            var forward = Stopwatch.StartNew();
            var unanswered = new List<string>();
            foreach (var type in new[] { QueryType.A, QueryType.AAAA })
            {
                var (response, failure, detail) = await QueryAsync(() => _client.QueryAsync(name, type, QueryClass.IN, cancellationToken), type + " " + name,
                    evidence).ConfigureAwait(false);
                if (failure == DnsFailure.Timeout) unanswered.Add(type.ToString());
                if (failure != null)
                {
                    // Some servers (dnsmasq with --address) answer AAAA with NXDOMAIN for a name that has an A record:
                    // a failure counts only when no query gave an address.
                    firstFailure ??= (failure.Value, detail);
                    continue;
                }
                addresses.AddRange(response!.Answers.ARecords().Select(r => r.Address));
                addresses.AddRange(response.Answers.AaaaRecords().Select(r => r.Address));
            }
            if (addresses.Count == 0 && firstFailure != null)
            {
                return Failure(target, name, firstFailure.Value.Failure, firstFailure.Value.Detail, "forward lookup of " + name,
                    Waited(unanswered, forward.Elapsed));
            }
            if (addresses.Count == 0)
            {
                return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                    name + " exists but has no A or AAAA record at " + _serverText, "add an A record for " + name + " to its DNS zone");
            }
            var reverse = new List<string>();
            foreach (var address in addresses)
            {
                var reverseStarted = Stopwatch.StartNew();
                var (response, failure, detail) = await QueryAsync(() => _client.QueryReverseAsync(address, cancellationToken), "PTR " + address,
                    evidence).ConfigureAwait(false);
                if (failure == DnsFailure.NxDomain || (failure == null && !response!.Answers.PtrRecords().Any()))
                {
                    return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                        name + " resolves to " + Join(addresses) + " but " + address + " has no PTR record (reverse lookup missing) at " + _serverText,
                        "add the PTR record " + ReverseName(address) + " -> " + name + ".");
                }
                if (failure != null) return Failure(target, name, failure.Value, detail, "reverse lookup of " + address,
                    Waited(new[] { "PTR" }, reverseStarted.Elapsed));
                var names = response!.Answers.PtrRecords().Select(p => p.PtrDomainName.Value.TrimEnd('.')).ToList();
                if (!names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
                {
                    return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                        "forward/reverse mismatch: " + name + " resolves to " + address + " but the PTR of " + address + " is " + string.Join(", ", names)
                            + ", not " + name,
                        "set the PTR record " + ReverseName(address) + " to " + name + ". (or use " + names[0] + " as the host name)");
                }
                reverse.Add(address + " -> " + string.Join(", ", names));
            }
            return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Passed, HxCategory.Dns,
                name + " resolves to " + Join(addresses) + "; reverse matches (" + string.Join("; ", reverse) + ")");
        }

        private enum DnsFailure
        {
            NxDomain,
            ServFail,
            Timeout,
            Other,
        }

        private static async Task<(IDnsQueryResponse? Response, DnsFailure? Failure, string Detail)> QueryAsync(Func<Task<IDnsQueryResponse>> query,
            string question, StringBuilder evidence)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await query().ConfigureAwait(false);
                evidence.Append(question).Append(": ").Append(response.Header.ResponseCode).Append(" in ").Append(watch.ElapsedMilliseconds).Append(" ms");
                foreach (var answer in response.Answers) evidence.Append("\n  ").Append(answer);
                evidence.Append('\n');
                switch (response.Header.ResponseCode)
                {
                    case DnsHeaderResponseCode.NoError:
                        return (response, null, "");
                    case DnsHeaderResponseCode.NotExistentDomain:
                        return (response, DnsFailure.NxDomain, "");
                    case DnsHeaderResponseCode.ServerFailure:
                        return (response, DnsFailure.ServFail, "");
                    default:
                        return (response, DnsFailure.Other, response.Header.ResponseCode.ToString());
                }
            }
            catch (DnsResponseException e)
            {
                evidence.Append(question).Append(": ").Append(e.Code).Append(" after ").Append(watch.ElapsedMilliseconds).Append(" ms: ").Append(e.Message).Append('\n');
                return (null, e.Code == DnsResponseCode.ConnectionTimeout ? DnsFailure.Timeout : DnsFailure.Other, e.Message);
            }
        }

        /// <summary>What a timeout really cost: the queries left unanswered and the measured wait, besides the per-query timeout.</summary>
        private string Waited(IReadOnlyCollection<string> unanswered, TimeSpan elapsed) =>
            unanswered.Count + (unanswered.Count == 1 ? " query (" : " queries (") + string.Join(", ", unanswered) + ") went unanswered; waited "
            + Math.Round(elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms in all, up to " + (int)_timeout.TotalMilliseconds
                + " ms per query";

        /// <param name="waited">For a timeout: <see cref="Waited"/>.</param>
        private HxCheckResult Failure(string target, string name, DnsFailure failure, string detail, string what, string waited)
        {
            switch (failure)
            {
                case DnsFailure.NxDomain:
                    return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                        what + ": " + name + " does not exist (NXDOMAIN) at " + _serverText,
                        "add an A record for " + name + " to its DNS zone, or correct the host name in the inventory");
                case DnsFailure.ServFail:
                    return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                        what + ": server failure (SERVFAIL) at " + _serverText + "; the server could not answer for " + name,
                        "check the DNS server's zone and forwarders (e.g. dig @server " + name + ")");
                case DnsFailure.Timeout:
                    return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                        what + ": no answer from " + _serverText + " (timeout): " + waited,
                        "check the DNS server address and that UDP/TCP port 53 is reachable from this machine");
                default:
                    return PreflightCheckNames.Result(PreflightCheckNames.Dns, target, HxStatus.Failed, HxCategory.Dns,
                        what + " failed at " + _serverText + ": " + detail, "check the DNS server configuration");
            }
        }

        private static string Join(IEnumerable<IPAddress> addresses) => string.Join(", ", addresses.Select(a => a.ToString()));

        private static string ReverseName(IPAddress address) => address.GetArpaName();
    }
}
