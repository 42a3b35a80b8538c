using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// Runs the pre-flight over many hosts in parallel (at most <see cref="PreflightOptions.ThrottleLimit"/> at once)
    /// and streams results and progress as they happen. Per host, in order: Dns, Connection, one probe script, then
    /// NetworkConfig, Backend (one per backend), DomainJoin, Sudo, CaTrust, TlsEndpoint, PythonRuntime; skipping follows
    /// <see cref="PreflightDependencies"/>, or with <see cref="PreflightOptions.StrictOrder"/> the seed's chain (a check
    /// runs only while every earlier one has not failed). Hosts are independent: an unreachable host only costs its own timeouts.
    /// The enumeration is meant for the caller's own thread (a cmdlet writes each item as it arrives); the work
    /// happens on pool threads. Abandoning the enumeration cancels the remaining work.
    /// </summary>
    public sealed class PreflightRunner
    {
        private readonly PreflightOptions _options;
        private readonly EvidenceStore? _evidence;
        /// <summary>The run's pre-flight evidence folder, made once rather than for every result.</summary>
        private readonly string? _evidenceFolder;
        private readonly X509Certificate2? _ca;
        private readonly IReadOnlyList<BackendEndpoint> _backends;
        private readonly BackendEndpoint? _tlsEndpoint;
        private readonly DnsCheck? _dns;
        private readonly string _probeScript;
        private readonly IReadOnlyDictionary<string, string> _probeQuestions;

        /// <summary>Validates the options up front (bad backend, CA file, DNS server) so no host starts on bad input.</summary>
        public PreflightRunner(PreflightOptions options, EvidenceStore? evidence = null)
        {
            _options = options;
            _evidence = evidence;
            _evidenceFolder = evidence?.AreaFolder(EvidenceArea.Preflight);
            if (options.ThrottleLimit < 1) throw new HxException("ThrottleLimitInvalid", "ThrottleLimit must be at least 1 (was " + options.ThrottleLimit
                + ").", kind: HxErrorKind.InvalidArgument);
            _backends = options.Backends.Select(BackendEndpoint.Parse).ToList();
            _tlsEndpoint = string.IsNullOrEmpty(options.TlsEndpoint) ? null : AsTls(BackendEndpoint.Parse(options.TlsEndpoint!));
            if (!string.IsNullOrEmpty(options.CaCertificatePath)) _ca = CaTrustCheck.LoadCertificate(options.CaCertificatePath!);
            if (Enabled(PreflightChecks.CaTrust) && _ca == null)
            {
                throw new HxException("CaCertificateMissing",
                    "The CaTrust check needs CaCertificatePath (the root CA PEM to look for); set it or leave CaTrust out of Checks.",
                        kind: HxErrorKind.InvalidArgument);
            }
            if (Enabled(PreflightChecks.Dns)) _dns = new DnsCheck(options.DnsServer, options.DnsTimeout);
            _probeScript = ProbeScript.Build(options.Checks, options, _ca);
            _probeQuestions = ProbeScript.Questions(options.Checks, options, _ca);
        }

        /// <summary>Streams every result and progress item; completes when every host is done.</summary>
        public IEnumerable<PreflightEvent> Run(IEnumerable<PreflightHost> hosts, CancellationToken cancellationToken)
        {
            var list = hosts.ToList();
            var profile = PreflightProfile.Start();
            ReservePoolThreads(Math.Min(_options.ThrottleLimit, list.Count));
            using var queue = new BlockingCollection<PreflightEvent>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var progress = new HostCounter(list.Count);
            var producer = Task.Run(async () =>
            {
                using var throttle = new SemaphoreSlim(_options.ThrottleLimit);
                try
                {
                    await Task.WhenAll(list.Select(async host =>
                    {
                        await throttle.WaitAsync(stop.Token).ConfigureAwait(false);
                        try
                        {
                            await RunHostAsync(host, e => queue.Add(e), progress, stop.Token).ConfigureAwait(false);
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    })).ConfigureAwait(false);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            });
            try
            {
                foreach (var item in queue.GetConsumingEnumerable(cancellationToken))
                {
                    var handed = PreflightProfile.Start();
                    yield return item;
                    PreflightProfile.End(item.Result != null ? "results: caller's pipeline" : "progress: caller", handed);
                }
                // Surfaces a cancellation or an engine fault of the producer on the caller's thread.
                producer.GetAwaiter().GetResult();
                PreflightProfile.Flush(list.Count, profile);
            }
            finally
            {
                stop.Cancel();
                try
                {
                    producer.Wait();
                }
                catch (AggregateException)
                {
                    // already surfaced above, or the caller stopped listening
                }
            }
        }

        /// <summary>Only the results of <see cref="Run"/>, for callers that show no progress.</summary>
        public IEnumerable<HxCheckResult> RunResults(IEnumerable<PreflightHost> hosts, CancellationToken cancellationToken) =>
            Run(hosts, cancellationToken).Where(e => e.Result != null).Select(e => e.Result!);

        /// <summary>
        /// SSH.NET authenticates synchronously inside ConnectAsync, so every host that is connecting holds a pool
        /// thread. The pool adds threads only about twice a second beyond its minimum (the core count), and until it
        /// has, the other hosts' DNS answers and probe output wait in its queue and run into their timeouts. The
        /// minimum is raised (never lowered) to the hosts checked at once plus the cores.
        /// </summary>
        private static void ReservePoolThreads(int concurrentHosts)
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            var wanted = concurrentHosts + Environment.ProcessorCount;
            if (workers < wanted) ThreadPool.SetMinThreads(wanted, completionPorts);
        }

        private bool Enabled(PreflightChecks check) => (_options.Checks & check) != 0;

        private async Task RunHostAsync(PreflightHost host, Action<PreflightEvent> emit, HostCounter counter, CancellationToken cancellationToken)
        {
            var run = new HostRun(this, host, emit, counter);
            try
            {
                await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // One host's surprise (a dropped connection, a resolver fault) is that host's failed step, not the run's end.
                run.Fail(e);
            }
            finally
            {
                run.Finish();
                counter.Complete(done => emit(PreflightEvent.Of(new PreflightProgress(host.Name, "Done", done, counter.Total))));
            }
        }

        private static BackendEndpoint AsTls(BackendEndpoint endpoint) =>
            endpoint.Scheme == "tcp" ? BackendEndpoint.Parse("https://" + (endpoint.Host.IndexOf(':') >= 0 ? "[" + endpoint.Host + "]" : endpoint.Host) + ":"
                + endpoint.Port + "/") : endpoint;

        private sealed class HostCounter
        {
            private readonly object _gate = new object();
            private int _completed;

            public HostCounter(int total)
            {
                Total = total;
            }

            public int Total { get; }
            public int Completed => Volatile.Read(ref _completed);

            /// <summary>Counts a finished host and reports it under one lock, so "Done" counts arrive in order.</summary>
            public void Complete(Action<int> report)
            {
                lock (_gate)
                {
                    report(++_completed);
                }
            }
        }

        /// <summary>The steps of one host, with the state that decides skipping and the evidence gathered so far.</summary>
        private sealed class HostRun
        {
            /// <summary>Characters of a result's message; longer ones keep their start and end.</summary>
            private const int MessageLimit = 4000;

            private readonly PreflightRunner _runner;
            private readonly PreflightHost _host;
            private readonly Action<PreflightEvent> _emit;
            private readonly HostCounter _counter;
            private readonly HashSet<string> _failed = new HashSet<string>(StringComparer.Ordinal);
            /// <summary>The host's first failed check: under the strict order it stops every later one.</summary>
            private string? _firstFailed;
            private readonly Dictionary<string, StringBuilder> _evidence = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
            /// <summary>Results held back until the host's evidence files exist (only when there is an evidence store).</summary>
            private readonly List<HxCheckResult> _held = new List<HxCheckResult>();
            /// <summary>Checks not reported yet, in order; every host reports each of them exactly once.</summary>
            private readonly List<string> _pending = new List<string>();

            public HostRun(PreflightRunner runner, PreflightHost host, Action<PreflightEvent> emit, HostCounter counter)
            {
                _runner = runner;
                _host = host;
                _emit = emit;
                _counter = counter;
            }

            private PreflightOptions Options => _runner._options;

            /// <summary>
            /// A step threw (e.g. the connection dropped mid-probe): that step fails with the reason and the host's
            /// remaining checks are skipped, so the host still reports every check.
            /// </summary>
            public void Fail(Exception e)
            {
                if (_pending.Count == 0) return;
                var step = _pending[0];
                var category = e is RemoteConnectionException r ? r.Category
                    : e is ProbeException p ? p.Category
                    : e is Renci.SshNet.Common.SshException || e is System.Net.Sockets.SocketException || e is IOException ? HxCategory.Tcp
                    : HxCategory.Internal;
                var reason = e is HxException ? e.Message : e.GetType().Name + ": " + e.Message;
                Report(PreflightCheckNames.Result(step, _host.Name, HxStatus.Failed, category, step + " stopped: " + reason, e is RemoteConnectionException lost
                    ? lost.Remediation : ""),
                    "asked: " + step + " of " + _host.Connection.Describe() + "\nanswered: nothing complete; stopped: " + reason + "\n");
                SkipPending(step);
            }

            private void SkipPending(string failedCheck)
            {
                foreach (var check in _pending.ToList()) Report(Skipped(check, failedCheck), null);
            }

            public async Task ExecuteAsync(CancellationToken cancellationToken)
            {
                var remote = RemoteChecks();
                if (_runner._dns != null) _pending.Add(PreflightCheckNames.Dns);
                if (remote.Count > 0) _pending.Add(PreflightCheckNames.Connection);
                _pending.AddRange(remote);
                if (_runner._evidence != null && _pending.Count > 0 && !ContainedPath.IsPlainSegment(_host.Name))
                {
                    // The name names the host's evidence file: a name that is not one plain path segment is refused, not mapped.
                    var first = _pending[0];
                    Report(PreflightCheckNames.Result(first, _host.Name, HxStatus.Failed, HxCategory.Inventory,
                        "host name '" + ContainedPath.Printable(_host.Name)
                            + "' cannot name its evidence file (it must be one path segment without '/', '\\', control characters, '.' or '..'): the host was "
                            + "not checked",
                        "rename the host in the inventory; ansible_host can keep its address"), null);
                    SkipPending(first);
                    return;
                }
                if (_runner._dns != null && _host.Connection.Local)
                {
                    // ansible_connection=local: the host is this machine, reached without its name.
                    Report(PreflightCheckNames.Result(PreflightCheckNames.Dns, _host.Name, HxStatus.Skipped, HxCategory.Dns,
                        "local connection (ansible_connection=local): the host is this machine, no name to resolve"),
                            "asked: nothing (local connection, no name to resolve)\n");
                }
                else if (_runner._dns != null)
                {
                    Progress(PreflightCheckNames.Dns);
                    var dns = PreflightProfile.Start();
                    var (result, evidence) = await _runner._dns.RunAsync(_host.Name, _host.DnsName, cancellationToken).ConfigureAwait(false);
                    Report(result, evidence);
                    PreflightProfile.End("dns: query, answer, result", dns);
                }
                if (remote.Count == 0) return;
                // The Dns -> Connection edge holds only when the connection goes to the name DNS checked: a failed lookup
                // of the inventory name says nothing about reaching an ansible_host address.
                var dnsBlocksConnection = !Options.ContinueOnFailure && _host.DnsName == _host.Connection.Address;
                var blocked = Options.StrictOrder ? _firstFailed
                    : PreflightDependencies.BlockedBy(PreflightCheckNames.Connection, _failed, !dnsBlocksConnection);
                if (blocked != null)
                {
                    SkipPending(blocked);
                    return;
                }
                Progress(PreflightCheckNames.Connection);
                var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (connection == null)
                {
                    SkipPending(PreflightCheckNames.Connection);
                    return;
                }
                try
                {
                    await RemoteAsync(connection, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    var close = PreflightProfile.Start();
                    connection.Dispose();
                    PreflightProfile.End("ssh: close", close);
                }
            }

            /// <summary>The remote checks this run will report, in report order.</summary>
            private List<string> RemoteChecks()
            {
                var checks = new List<string>();
                if (_runner.Enabled(PreflightChecks.DnsFromTarget)) checks.Add(PreflightCheckNames.DnsFromTarget);
                if (_runner.Enabled(PreflightChecks.Network))
                {
                    checks.Add(PreflightCheckNames.NetworkConfig);
                    checks.AddRange(_runner._backends.Select(_ => PreflightCheckNames.Backend));
                }
                if (_runner.Enabled(PreflightChecks.DomainJoin)) checks.Add(PreflightCheckNames.DomainJoin);
                if (_runner.Enabled(PreflightChecks.Sudo)) checks.Add(PreflightCheckNames.Sudo);
                if (_runner.Enabled(PreflightChecks.CaTrust))
                {
                    checks.Add(PreflightCheckNames.CaTrust);
                    if (_runner._tlsEndpoint != null) checks.Add(PreflightCheckNames.TlsEndpoint);
                }
                if (_runner.Enabled(PreflightChecks.Python)) checks.Add(PreflightCheckNames.PythonRuntime);
                return checks;
            }

            private async Task<IRemoteConnection?> ConnectAsync(CancellationToken cancellationToken)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    var connection = await RemoteConnector.ConnectAsync(_host.Connection, cancellationToken).ConfigureAwait(false);
                    var message = "connected to " + connection.Description + (connection.Details.Length > 0 ? " (" + connection.Details + ")" : "");
                    var result = PreflightCheckNames.Result(PreflightCheckNames.Connection, _host.Name, HxStatus.Passed, HxCategory.Tcp, message);
                    result.DurationMs = watch.Elapsed.TotalMilliseconds;
                    Report(result, Asked() + "answered: " + message + "\n");
                    return connection;
                }
                catch (RemoteConnectionException e)
                {
                    var result = PreflightCheckNames.Result(PreflightCheckNames.Connection, _host.Name, HxStatus.Failed, e.Category, e.Message, e.Remediation);
                    result.DurationMs = watch.Elapsed.TotalMilliseconds;
                    Report(result, Asked() + "answered: failed: " + e.Message + "\n");
                    return null;
                }
            }

            private async Task RemoteAsync(IRemoteConnection connection, CancellationToken cancellationToken)
            {
                var name = _host.Name;
                var timeout = _host.Connection.CommandTimeout;
                var script = _runner.Enabled(PreflightChecks.DnsFromTarget) ? TargetDnsCheck.SelfAssignment(_host.Connection.Local ? null : _host.DnsName)
                    + _runner._probeScript : _runner._probeScript;
                // A target that prints past the limit is stopped there: the reader cancels the command (from the pool,
                // not from the connection's receive thread that delivers the output).
                using var flood = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var reader = new ProbeOutputReader(Options.ProbeOutputLimit, () => ThreadPool.QueueUserWorkItem(_ =>
                {
                    try
                    {
                        flood.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // the command ended meanwhile
                    }
                }));
                var stage = PreflightProfile.Start();
                ProbeException OverLimit() => new ProbeException(HxCategory.Runtime, "the probe on " + name + " printed more than "
                    + Options.ProbeOutputLimit.ToString(CultureInfo.InvariantCulture)
                        + " characters: output over the limit, so it was stopped (a command on the host prints without end)");
                CommandResult run;
                try
                {
                    run = await connection.RunAsync(script, reader, timeout, flood.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (reader.OverLimit && !cancellationToken.IsCancellationRequested)
                {
                    throw OverLimit();
                }
                if (reader.OverLimit) throw OverLimit();
                stage = PreflightProfile.End("probe: channel, exec, output", stage);
                if (run.TimedOut)
                {
                    // Half an answer would read as a host without routes, sudo or python: fail the step that waited instead.
                    throw new RemoteConnectionException(HxCategory.Tcp, "no complete answer from " + name + " to the probe within "
                        + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) +
                        " s: the connection stalled or the host is overloaded",
                            "check the network path to the host and its load; give a longer -CommandTimeout if it is only slow");
                }
                var probe = reader.Complete();
                stage = PreflightProfile.End("probe: parsing", stage);
                if (_runner.Enabled(PreflightChecks.DnsFromTarget) && !SkippedByStrictOrder(PreflightCheckNames.DnsFromTarget))
                {
                    Progress(PreflightCheckNames.DnsFromTarget);
                    var evaluation = Stopwatch.StartNew();
                    var section = probe[ProbeSections.TargetDns];
                    Report(FromProbe(TargetDnsCheck.Evaluate(name, section, Options.DnsServer), probe, evaluation), AskedOf(PreflightCheckNames.DnsFromTarget)
                        + Evidence.Sections(section));
                }
                if (_runner.Enabled(PreflightChecks.Network))
                {
                    if (!SkippedByStrictOrder(PreflightCheckNames.NetworkConfig))
                    {
                        Progress(PreflightCheckNames.NetworkConfig);
                        var evaluation = Stopwatch.StartNew();
                        var (config, evidence) = NetworkCheck.Configuration(name, probe);
                        Report(FromProbe(config, probe, evaluation), AskedOf(config.Check) + evidence);
                        stage = PreflightProfile.End("check NetworkConfig", stage);
                    }
                    foreach (var backend in _runner._backends)
                    {
                        if (SkippedByStrictOrder(PreflightCheckNames.Backend)) continue;
                        var step = Stopwatch.StartNew();
                        var result = await NetworkCheck.BackendAsync(name, connection, backend, _runner._ca, Options.ProbeTimeout,
                            cancellationToken).ConfigureAwait(false);
                        result.DurationMs = step.Elapsed.TotalMilliseconds;
                        Report(result, "asked: from " + name + ", " + (backend.Scheme == "tcp" ? "a TCP connection to " : "GET ") + backend + "\nanswered: "
                            + result.Status + ": " + result.Message + "\n");
                        stage = PreflightProfile.End("check Backend: direct-tcpip channel, HTTP", stage);
                    }
                }
                if (_runner.Enabled(PreflightChecks.DomainJoin) && !SkippedByStrictOrder(PreflightCheckNames.DomainJoin))
                {
                    Progress(PreflightCheckNames.DomainJoin);
                    var evaluation = Stopwatch.StartNew();
                    var (result, evidence) = DomainJoinCheck.Evaluate(name, probe, Options.ExpectedDomain);
                    Report(FromProbe(result, probe, evaluation), AskedOf(result.Check) + evidence);
                    stage = PreflightProfile.End("check DomainJoin", stage);
                }
                if (_runner.Enabled(PreflightChecks.Sudo) && !SkippedByStrictOrder(PreflightCheckNames.Sudo))
                {
                    Progress(PreflightCheckNames.Sudo);
                    var evaluation = Stopwatch.StartNew();
                    var (result, evidence) = SudoCheck.Evaluate(name, _host.Connection.Local ? Environment.UserName : _host.Connection.User,
                        probe[ProbeSections.Sudo]);
                    Report(FromProbe(result, probe, evaluation), AskedOf(result.Check) + evidence);
                    stage = PreflightProfile.End("check Sudo", stage);
                }
                if (_runner.Enabled(PreflightChecks.CaTrust) && !SkippedByStrictOrder(PreflightCheckNames.CaTrust))
                {
                    Progress(PreflightCheckNames.CaTrust);
                    var evaluation = Stopwatch.StartNew();
                    var (result, evidence) = CaTrustCheck.Evaluate(name, probe[ProbeSections.CaBundle], _runner._ca!, Options.CaCertificatePath!);
                    Report(FromProbe(result, probe, evaluation), AskedOf(result.Check) + evidence);
                    stage = PreflightProfile.End("check CaTrust: bundle parse, CA match", stage);
                    if (_runner._tlsEndpoint != null && !SkippedByStrictOrder(PreflightCheckNames.TlsEndpoint)) await TlsEndpointAsync(connection,
                        _runner._tlsEndpoint, cancellationToken).ConfigureAwait(false);
                    stage = PreflightProfile.End("check TlsEndpoint", stage);
                }
                if (_runner.Enabled(PreflightChecks.Python) && !SkippedByStrictOrder(PreflightCheckNames.PythonRuntime))
                {
                    Progress(PreflightCheckNames.PythonRuntime);
                    var evaluation = Stopwatch.StartNew();
                    var (result, evidence) = PythonCheck.Evaluate(name, probe, Options.MinimumPythonVersion, Options.PythonCommand);
                    Report(FromProbe(result, probe, evaluation), AskedOf(result.Check) + evidence);
                    PreflightProfile.End("check PythonRuntime", stage);
                }
            }

            private async Task TlsEndpointAsync(IRemoteConnection connection, BackendEndpoint endpoint, CancellationToken cancellationToken)
            {
                Progress(PreflightCheckNames.TlsEndpoint);
                var watch = Stopwatch.StartNew();
                HxCheckResult result;
                try
                {
                    using var stream = await connection.OpenTcpAsync(endpoint.Host, endpoint.Port, Options.ProbeTimeout,
                        cancellationToken).ConfigureAwait(false);
                    var outcome = await TlsProbe.HandshakeAsync(stream, endpoint.Host, _runner._ca, Options.ProbeTimeout,
                        cancellationToken).ConfigureAwait(false);
                    using (outcome.Stream)
                    {
                        result = outcome.Valid
                            ? PreflightCheckNames.Result(PreflightCheckNames.TlsEndpoint, _host.Name, HxStatus.Passed, HxCategory.Tls, endpoint.Host + ":"
                                + endpoint.Port + " validates against the CA: " + outcome.Details)
                            : PreflightCheckNames.Result(PreflightCheckNames.TlsEndpoint, _host.Name, HxStatus.Failed, HxCategory.Tls,
                                endpoint.Host + ":" + endpoint.Port + " does not validate against the CA: " + string.Join("; ", outcome.Problems) + " ("
                                    + outcome.Details + ")",
                                "serve a certificate for " + endpoint.Host + " issued under the CA, currently valid, with the full chain");
                    }
                }
                catch (Exception e) when (e is RemoteConnectionException || e is ProbeException)
                {
                    var category = e is ProbeException p ? p.Category : HxCategory.Tcp;
                    result = PreflightCheckNames.Result(PreflightCheckNames.TlsEndpoint, _host.Name, HxStatus.Failed, category, e.Message,
                        "check that " + endpoint.Host + ":" + endpoint.Port + " serves TLS and is reachable from " + _host.Name);
                }
                result.DurationMs = watch.Elapsed.TotalMilliseconds;
                Report(result, "asked: from " + _host.Name + ", a TLS handshake with " + endpoint + " validated against " + _runner._ca!.Subject
                    + " only\nanswered: " + result.Status + ": " + result.Message + "\n");
            }

            private string Asked() =>
                "asked: " + (_host.Connection.Local ? "a local shell" : "SSH to " + _host.Connection.Describe() + ", host key checked against "
                    + _host.Connection.KnownHostsPath
                    + (_host.Connection.AcceptNewHostKey ? " (new keys recorded)" : "")) + "\n";

            /// <summary>The commands the probe ran for a check, before what they answered.</summary>
            private string AskedOf(string check)
            {
                var sb = new StringBuilder("asked (one probe script over the connection):\n");
                foreach (var section in ProbeSections.Of(check))
                {
                    if (_runner._probeQuestions.TryGetValue(section,
                        out var command)) sb.Append("  ").Append(section).Append(": ").Append(command).Append('\n');
                }
                return sb.Append("answered:\n").ToString();
            }

            /// <summary>
            /// A check that read the probe: its own time (its sections' share of the probe plus its evaluation), and the
            /// sections the target printed too much into, named in the message with how much was cut.
            /// </summary>
            private static HxCheckResult FromProbe(HxCheckResult result, ProbeOutput probe, Stopwatch evaluation)
            {
                var sections = ProbeSections.Of(result.Check).Select(n => probe[n]).Where(s => s != null).Select(s => s!).ToList();
                result.DurationMs = sections.Sum(s => s.DurationMs) + evaluation.Elapsed.TotalMilliseconds;
                var cut = sections.Where(s => s.CutCharacters > 0).ToList();
                if (cut.Count > 0)
                {
                    result.Message += " (target output cut: "
                        + string.Join("; ", cut.Select(s => s.Name + " printed " + (s.Output.Length + s.CutCharacters) + " characters, "
                        + s.CutCharacters + " of them not kept (the first " + ProbeOutputReader.SectionHead + " and last " + ProbeOutputReader.SectionTail
                            + " are)")) + ")";
                }
                return result;
            }

            private HxCheckResult Skipped(string check, string failed) =>
                PreflightCheckNames.Result(check, _host.Name, HxStatus.Skipped, HxCategory.Dependency,
                    Options.StrictOrder ? PreflightDependencies.StrictSkipMessage(failed) : PreflightDependencies.SkipMessage(failed));

            /// <summary>Under the strict order, reports the check Skipped when an earlier one failed; true then.</summary>
            private bool SkippedByStrictOrder(string check)
            {
                if (!Options.StrictOrder || _firstFailed == null) return false;
                Report(Skipped(check, _firstFailed), null);
                return true;
            }

            private void Progress(string activity)
            {
                _emit(PreflightEvent.Of(new PreflightProgress(_host.Name, activity, _counter.Completed, _counter.Total)));
            }

            /// <summary>
            /// Records the outcome, adds the step's evidence to its folder's file (when there is evidence and a store)
            /// and emits the result, or holds it until the host is done when there is a store: the files are written once
            /// then (<see cref="Finish"/>), as a file per step and rewrite would cost a new file for every step of every host.
            /// </summary>
            private void Report(HxCheckResult result, string? evidence)
            {
                if (result.Message.Length > MessageLimit)
                {
                    // Messages quote what targets print; the evidence file has the rest.
                    var cut = result.Message.Length - MessageLimit;
                    result.Message = result.Message.Substring(0, MessageLimit - 300) + " [... " + cut + " characters cut ...] "
                        + result.Message.Substring(result.Message.Length - 300);
                }
                _pending.Remove(result.Check);
                if (result.Status == HxStatus.Failed)
                {
                    _failed.Add(result.Check);
                    _firstFailed ??= result.Check;
                }
                if (evidence != null && _runner._evidence != null)
                {
                    var file = Path.Combine(PreflightCheckNames.EvidenceFolder(result.Check), FileName(_host.Name) + ".txt");
                    if (!_evidence.TryGetValue(file, out var text)) _evidence[file] = text = new StringBuilder();
                    text.Append("## ").Append(result.Check).Append(' ').Append(result.Status).Append('\n').Append(evidence);
                    if (evidence.Length > 0 && evidence[evidence.Length - 1] != '\n') text.Append('\n');
                    result.EvidencePath = Path.Combine(_runner._evidenceFolder!, file);
                }
                if (_runner._evidence != null) _held.Add(result);
                else _emit(PreflightEvent.Of(result));
            }

            /// <summary>
            /// Writes the host's evidence files, at the paths its results already name, then emits the results held
            /// for them: whoever reads a result's EvidencePath finds the file. A file that cannot be written is a Failed
            /// Evidence result naming it (its results then name no evidence), never an exception out of the run.
            /// </summary>
            public void Finish()
            {
                if (_runner._evidence == null) return;
                var stage = PreflightProfile.Start();
                foreach (var file in _evidence)
                {
                    try
                    {
                        _runner._evidence.WriteNewText(EvidenceArea.Preflight, file.Key, file.Value.ToString());
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is HxException)
                    {
                        var path = Path.Combine(_runner._evidenceFolder!, file.Key);
                        foreach (var result in _held) if (result.EvidencePath == path) result.EvidencePath = "";
                        _held.Add(new HxCheckResult("Preflight", "Evidence", _host.Name, HxStatus.Failed, "the evidence file " + path
                            + " could not be written: " + e.Message)
                        {
                            Category = HxCategory.Internal,
                            Remediation = "Check free space and permissions of " + _runner._evidenceFolder,
                            Task = SeedTask.Evidence,
                        });
                    }
                }
                stage = PreflightProfile.End("evidence: host files written", stage);
                foreach (var result in _held) _emit(PreflightEvent.Of(result));
                PreflightProfile.End("results: queued for the caller", stage);
            }

            private static readonly char[] InvalidFileNameChars = Path.GetInvalidFileNameChars().Concat(new[] { ':', '*', '?', '"', '<', '>', '|', '/',
                '\\' }).ToArray();

            /// <summary>
            /// The host's evidence file name: the name itself, or, when it holds characters some file systems refuse
            /// (':' of an IPv6 address on Windows), those replaced and a hash of the name added, so two hosts never share a file.
            /// </summary>
            private static string FileName(string host)
            {
                if (host.IndexOfAny(InvalidFileNameChars) < 0) return host;
                var chars = host.Select(c => InvalidFileNameChars.Contains(c) ? '_' : c).ToArray();
                using var sha = System.Security.Cryptography.SHA256.Create();
                return new string(chars) + "~" + BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(host)), 0, 4).Replace("-", "").ToLowerInvariant();
            }
        }
    }
}
