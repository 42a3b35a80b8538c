using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Results;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// An SSH connection through SSH.NET: host key checked against known_hosts before authentication,
    /// key exchange in the configured order, never a prompt.
    /// </summary>
    public sealed class SshConnection : IRemoteConnection
    {
        private readonly SshClient _client;
        private readonly RemoteConnectionOptions _options;
        private HostKeyCheck? _hostKey;

        private SshConnection(SshClient client, RemoteConnectionOptions options)
        {
            _client = client;
            _options = options;
        }

        public string Description => _options.Describe();

        /// <summary>True when the host named no user and the current one was taken, as Ansible does: failures then say so.</summary>
        private bool _userDefaulted;

        public string Details { get; private set; } = "";

        /// <summary>Attempts at most per connect when the server resets or closes it before the SSH handshake.</summary>
        public const int ConnectAttempts = 5;

        /// <summary>
        /// Connects and authenticates; failures are <see cref="RemoteConnectionException"/> with their category.
        /// A connection the server resets or closes before it presents a host key (sshd's MaxStartups drops
        /// unauthenticated connections beyond its limit when many hosts connect at once) is tried again, at most
        /// <see cref="ConnectAttempts"/> times, waiting longer each time; nothing after the host key is ever retried
        /// (a host key mismatch, an authentication failure).
        /// </summary>
        public static async Task<SshConnection> ConnectAsync(RemoteConnectionOptions options, CancellationToken cancellationToken)
        {
            var userDefaulted = options.User.Length == 0;
            if (userDefaulted) options.User = CurrentUser();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var connection = await ConnectOnceAsync(options, userDefaulted, cancellationToken).ConfigureAwait(false);
                    if (attempt > 1) connection.Details += "; connected on attempt " + attempt + ": the server reset "
                        + (attempt == 2 ? "the first attempt" : "the " + (attempt - 1) + " earlier attempts") + " before the SSH handshake";
                    return connection;
                }
                catch (ResetBeforeHandshakeException reset)
                {
                    if (attempt == ConnectAttempts)
                    {
                        var failure = reset.Failure;
                        throw new RemoteConnectionException(failure.Category,
                            failure.Message + " (reset before the SSH handshake on all " + ConnectAttempts + " attempts)",
                            (failure.Remediation.Length > 0 ? failure.Remediation + "; " : "") +
                                "sshd may be dropping connections beyond its MaxStartups while many hosts connect at once: " +
                                "give a lower -ThrottleLimit, or raise MaxStartups in the host's sshd_config", failure) { Kind = failure.Kind };
                    }
                    // 250 ms, 500 ms, 1 s, 2 s, each with up to half again at random so parallel hosts do not return together.
                    var wait = 250 * (1 << (attempt - 1));
                    await Task.Delay(wait + Jitter(wait / 2), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static int Jitter(int most)
        {
            lock (JitterSource) return JitterSource.Next(most + 1);
        }

        private static readonly Random JitterSource = new Random();

        private static async Task<SshConnection> ConnectOnceAsync(RemoteConnectionOptions options, bool userDefaulted, CancellationToken cancellationToken)
        {
            var stage = PreflightProfile.Start();
            var info = new ConnectionInfo(options.Address, options.Port, options.User, AuthenticationMethods(options).ToArray())
            {
                Timeout = options.ConnectTimeout,
            };
            SshAlgorithms.Restrict(info, options.AllowLegacyAlgorithms);
            KeyExchangeOrder.Apply(info, options.KeyExchangeAlgorithms, options.KeyExchangeOnlyListed);
            var known = KnownHosts.Load(options.KnownHostsPath).ForHost(options.Address, options.Port);
            PreferKnownHostKeyTypes(info, known.KeyTypesFor(options.Address, options.Port));
            var client = new SshClient(info);
            var connection = new SshConnection(client, options) { _userDefaulted = userDefaulted };
            stage = PreflightProfile.End("ssh: client set-up (key, known_hosts, algorithms)", stage);
            client.HostKeyReceived += (s, e) =>
            {
                e.CanTrust = connection.Verify(known, e);
                stage = PreflightProfile.End("ssh: TCP, versions, key exchange, host key check", stage);
            };
            using var timer = new CancellationTokenSource(options.ConnectTimeout);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            try
            {
                await client.ConnectAsync(both.Token).ConfigureAwait(false);
                PreflightProfile.End("ssh: new keys, authentication", stage);
                connection.Details = "kex " + info.CurrentKeyExchangeAlgorithm + ", host key " + connection._hostKey?.Type + " "
                    + connection._hostKey?.Fingerprint
                    + (connection._hostKey?.Recorded == true ? " (recorded in " + options.KnownHostsPath + ")" : "");
                return connection;
            }
            catch (Exception e)
            {
                client.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                var failure = connection.Translate(e, timer.IsCancellationRequested);
                if (connection._hostKey == null && !timer.IsCancellationRequested && IsReset(e)) throw new ResetBeforeHandshakeException(failure);
                throw failure;
            }
        }

        /// <summary>The server reset or closed the TCP connection (not a refusal: something listened and let go).</summary>
        private static bool IsReset(Exception e)
        {
            for (var inner = (Exception?)e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException s
                    && (s.SocketErrorCode == SocketError.ConnectionReset || s.SocketErrorCode == SocketError.ConnectionAborted
                    || s.SocketErrorCode == SocketError.Shutdown)) return true;
                if (inner is SshConnectionException c && c.DisconnectReason == Renci.SshNet.Messages.Transport.DisconnectReason.ConnectionLost) return true;
            }
            return false;
        }

        private sealed class ResetBeforeHandshakeException : Exception
        {
            public ResetBeforeHandshakeException(RemoteConnectionException failure)
                : base(failure.Message, failure)
            {
                Failure = failure;
            }

            public RemoteConnectionException Failure { get; }
        }

        public async Task<CommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var stdout = CommandResult.Capture();
            var result = await RunAsync(command, stdout, timeout, cancellationToken).ConfigureAwait(false);
            return new CommandResult(result.ExitCode, stdout.ToString(), result.StdErr, result.TimedOut);
        }

        public async Task<CommandResult> RunAsync(string command, TextWriter stdout, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var cmd = _client.CreateCommand(command, new UTF8Encoding(false));
            using var timer = new CancellationTokenSource(timeout);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            var stderr = CommandResult.Capture();
            var output = new Utf8WriterStream(stdout);
            var error = new Utf8WriterStream(stderr);
            CommandOutput.Redirect(cmd, output, error);
            Task execute;
            try
            {
                execute = cmd.ExecuteAsync(both.Token);
            }
            catch (SshConnectionException e)
            {
                throw Lost(e);
            }
            try
            {
                await execute.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A timed-out answer is not read; finishing the streams keeps a late delivery out of the caller's writer.
                cmd.Dispose();
                output.Finish();
                error.Finish();
                return new CommandResult(-1, "", "", timedOut: true);
            }
            catch (SshConnectionException e)
            {
                throw Lost(e);
            }
            finally
            {
                if (!execute.IsCompleted || execute.IsFaulted || execute.IsCanceled) cmd.Dispose();
            }
            // The session delivers all data before the channel's close completes the command.
            output.Finish();
            error.Finish();
            return new CommandResult(cmd.ExitStatus ?? -1, "", stderr.ToString());
        }

        /// <summary>The connection died under the command (reset, closed by a middlebox): say so, with where and why.</summary>
        private RemoteConnectionException Lost(SshConnectionException e) =>
            new RemoteConnectionException(HxCategory.Tcp, "SSH connection to " + KnownHosts.HostPattern(_options.Address, _options.Port)
                + " was lost while a command ran: " + e.Message,
                "check the network path to the host (a firewall or NAT idle timeout may cut connections) and sshd's log there", e);

        public async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
        {
            var result = await RunAsync("cat -- " + ShellQuote(path), _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 ? result.StdOut : null;
        }

        public async Task<Stream> OpenTcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
            await DirectTcpipChannel.OpenAsync(_client, host, port, timeout, cancellationToken).ConfigureAwait(false);

        public void Dispose() => _client.Dispose();

        /// <summary>
        /// The user Ansible connects as when the host names none (no ansible_user): the one running this process.
        /// </summary>
        internal static string CurrentUser()
        {
            string name;
            try
            {
                name = Environment.UserName;
            }
            catch (Exception e) when (e is InvalidOperationException || e is PlatformNotSupportedException)
            {
                name = "";
            }
            if (name.Length == 0)
            {
                throw new RemoteConnectionException(HxCategory.Config,
                    "no SSH user: the host has no ansible_user and the user running this session has no name",
                    "set ansible_user for the host (or -User / -Credential)");
            }
            return name;
        }

        /// <summary>Single-quotes a word for a POSIX shell.</summary>
        public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";

        /// <summary>The word as it goes into a shell command: bare when it holds only characters no shell interprets, else single-quoted.</summary>
        public static string ShellWord(string word) =>
            word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) && c < 128 || "_./:=@%+,-".IndexOf(c) >= 0) ? word : ShellQuote(word);

        private bool Verify(KnownHosts known, HostKeyEventArgs e)
        {
            var check = new HostKeyCheck(e.HostKeyName, HostKeyFingerprint.Sha256(e.HostKey),
                known.Verify(_options.Address, _options.Port, e.HostKeyName, e.HostKey));
            _hostKey = check;
            check.RecordedTypes = known.KeyTypesFor(_options.Address, _options.Port);
            if (check.Verdict == HostKeyVerdict.Unknown && _options.AcceptNewHostKey)
            {
                KnownHosts.Append(_options.KnownHostsPath, _options.Address, _options.Port, e.HostKeyName, e.HostKey);
                check.Recorded = true;
                return true;
            }
            return check.Verdict == HostKeyVerdict.Trusted;
        }

        private RemoteConnectionException Translate(Exception e, bool timedOut)
        {
            var where = KnownHosts.HostPattern(_options.Address, _options.Port);
            if (_hostKey != null && _hostKey.Verdict != HostKeyVerdict.Trusted && !_hostKey.Recorded)
            {
                return HostKeyFailure(_hostKey, where);
            }
            var weak = SshAlgorithms.LegacyOnly(e, where) ?? SshAlgorithms.LegacyUserKeyOnly(e, where, _options.User);
            if (weak != null) return weak;
            var kind = ConnectionFailure.Classify(e, timedOut);
            var remediation = ConnectionFailure.Remediation(kind, _options.Address, _options.Port, _options.User, _options.KeyFilePath,
                _options.ConnectTimeout);
            string message;
            if (kind == ConnectionFailureKind.Timeout) message = "SSH connection to " + where + " timed out after "
                + (int)_options.ConnectTimeout.TotalMilliseconds + " ms";
            else if (kind == ConnectionFailureKind.AuthenticationFailed)
            {
                message = "SSH authentication as '" + _options.User + "'" + (_userDefaulted ? " (the current user: the host has no ansible_user)" : "") + " on "
                    + where + " failed: " + e.Message;
                if (_userDefaulted) remediation = "set ansible_user for the host (or remote_user in ansible.cfg), or " + remediation;
            }
            else message = "SSH connection to " + where + " failed: " + (e is SocketException || e is SshException ? "" : e.GetType().Name + ": ") + e.Message;
            return new RemoteConnectionException(ConnectionFailure.CategoryOf(kind), message, remediation, e) { Kind = kind };
        }

        private RemoteConnectionException HostKeyFailure(HostKeyCheck key, string where)
        {
            var file = _options.KnownHostsPath;
            switch (key.Verdict)
            {
                case HostKeyVerdict.Mismatch:
                    return new RemoteConnectionException(HxCategory.HostKey,
                        "REMOTE HOST IDENTIFICATION HAS CHANGED: host key of " + where + " does not match " + file + ": server presented " + key.Type + " "
                            + key.Fingerprint
                        + ", recorded are " + string.Join(", ", key.RecordedTypes) + "; not authenticating (possible man-in-the-middle)",
                        "if the host was reinstalled, verify the new key out of band, then: ssh-keygen -R '" + where + "' -f "
                            + file) { Kind = ConnectionFailureKind.HostKeyMismatch };
                case HostKeyVerdict.Revoked:
                    return new RemoteConnectionException(HxCategory.HostKey,
                        "host key of " + where + " (" + key.Type + " " + key.Fingerprint + ") is marked @revoked in " + file,
                            "replace the host key on the server") { Kind = ConnectionFailureKind.HostKeyMismatch };
                default:
                    return new RemoteConnectionException(HxCategory.HostKey,
                        "host key of " + where + " is not in " + file + ": " + key.Type + " " + key.Fingerprint,
                        "verify the fingerprint, then record it: ssh-keyscan -p " + _options.Port + " " + _options.Address + " >> " + file
                            + " (or use AcceptNewHostKey)") { Kind = ConnectionFailureKind.HostKeyUnknown };
            }
        }

        private static IEnumerable<AuthenticationMethod> AuthenticationMethods(RemoteConnectionOptions options)
        {
            if (options.KeyFilePath.Length > 0)
            {
                PrivateKeyFile key;
                try
                {
                    key = options.KeyPassphrase == null
                        ? ParsedKey(options.KeyFilePath)
                        : new PrivateKeyFile(options.KeyFilePath, new string(options.KeyPassphrase));
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new RemoteConnectionException(HxCategory.Config, "private key file '" + options.KeyFilePath + "' cannot be read: " + e.Message,
                        ConnectionFailure.Remediation(ConnectionFailureKind.PermissionDenied, options.Address, options.Port, options.User, options.KeyFilePath,
                            options.ConnectTimeout), e)
                    { Kind = ConnectionFailureKind.PermissionDenied };
                }
                catch (Exception e) when (e is IOException || e is SshException || e is ArgumentException || e is FormatException)
                {
                    throw new RemoteConnectionException(HxCategory.Config, "private key file '" + options.KeyFilePath + "' cannot be used: " + e.Message,
                        "point ansible_ssh_private_key_file at a readable OpenSSH private key (ed25519, RSA or ECDSA)", e);
                }
                yield return new PrivateKeyAuthenticationMethod(options.User, SshAlgorithms.UserKey(key, options.AllowLegacyAlgorithms));
            }
            if (options.Password != null)
            {
                yield return new PasswordAuthenticationMethod(options.User, Encoding.UTF8.GetBytes(options.Password));
            }
            if (options.KeyFilePath.Length == 0 && options.Password == null)
            {
                yield return new NoneAuthenticationMethod(options.User);
            }
        }

        /// <summary>
        /// Key files without a passphrase, parsed once and reused while the file is unchanged: parsing an ed25519 key
        /// costs about 2 ms of CPU, which a pre-flight would otherwise pay for every host. Signing with a shared key is
        /// safe from several connections at once (SSH.NET signs statelessly).
        /// </summary>
        private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, PrivateKeyFile Key)> ParsedKeys =
            new ConcurrentDictionary<string, (DateTime, long, PrivateKeyFile)>(StringComparer.Ordinal);

        private static PrivateKeyFile ParsedKey(string path)
        {
            var file = new FileInfo(path);
            if (!file.Exists) return new PrivateKeyFile(path); // throws the error the caller reports
            var full = file.FullName;
            if (ParsedKeys.TryGetValue(full, out var known) && known.Written == file.LastWriteTimeUtc && known.Length == file.Length) return known.Key;
            var key = new PrivateKeyFile(full);
            ParsedKeys[full] = (file.LastWriteTimeUtc, file.Length, key);
            return key;
        }

        /// <summary>Offers the host key types known_hosts already holds first, as OpenSSH does, so a known host is not "unknown".</summary>
        private static void PreferKnownHostKeyTypes(ConnectionInfo info, IReadOnlyList<string> knownTypes)
        {
            if (knownTypes.Count == 0) return;
            bool Known(string algorithm) => knownTypes.Any(t => algorithm == t
                || (t == "ssh-rsa" && algorithm.StartsWith("rsa-sha2-", StringComparison.Ordinal)));
            var all = info.HostKeyAlgorithms.ToList();
            info.HostKeyAlgorithms.Clear();
            foreach (var kv in all.Where(kv => Known(kv.Key)).Concat(all.Where(kv => !Known(kv.Key)))) info.HostKeyAlgorithms.Add(kv.Key, kv.Value);
        }

        private sealed class HostKeyCheck
        {
            public HostKeyCheck(string type, string fingerprint, HostKeyVerdict verdict)
            {
                Type = type;
                Fingerprint = fingerprint;
                Verdict = verdict;
            }

            public string Type { get; }
            public string Fingerprint { get; }
            public HostKeyVerdict Verdict { get; }
            public bool Recorded { get; set; }
            /// <summary>Key types known_hosts holds for the host (shown when the presented one is not among its keys).</summary>
            public IReadOnlyList<string> RecordedTypes { get; set; } = Array.Empty<string>();
        }
    }
}
