using System;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Messages.Connection;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// Opens an SSH <c>direct-tcpip</c> channel ("connect from the server to host:port") and hands back a stream.
    /// SSH.NET only exposes such channels through <see cref="ForwardedPortLocal"/>, which accepts the local socket
    /// first and cannot tell whether the server's connect succeeded; the check needs exactly that answer (refused,
    /// unreachable, or open). So the channel is opened the way ForwardedPortLocal does internally, bound to one end
    /// of a loopback socket pair; the other end is the caller's stream. The internal members are resolved once and
    /// their absence (another SSH.NET version) is reported plainly.
    /// </summary>
    internal static class DirectTcpipChannel
    {
        private static readonly Lazy<Members> Resolved = new Lazy<Members>(Resolve);

        /// <summary>
        /// RFC 4254 SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: the server's policy refused the channel (OpenSSH: AllowTcpForwarding,
        /// DisableForwarding, PermitOpen, a key's no-port-forwarding) before any connect; a failed connect is reason 2.
        /// </summary>
        private const uint AdministrativelyProhibited = 1;

        /// <summary>Opens the channel; throws <see cref="RemoteConnectionException"/> with the server's reason on failure.</summary>
        public static async Task<NetworkStream> OpenAsync(SshClient client, string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var members = Resolved.Value;
            var session = members.Session.GetValue(client)
                ?? throw new RemoteConnectionException(Results.HxCategory.Tcp, "the SSH session is not connected");
            var pair = SocketPair.Create();
            var closing = new ChannelOwner();
            object channel;
            try
            {
                channel = members.Create.Invoke(session, null)!;
            }
            catch (TargetInvocationException e)
            {
                pair.Dispose();
                throw Failure(host, port, e.InnerException ?? e);
            }
            // SSH.NET's Open returns quietly when the server refuses; the server's reason arrives as a session message,
            // whose handlers may still be running when Open returns, hence the short wait for it below.
            var number = (uint)members.ChannelNumber.GetValue(channel)!;
            var refusal = new TaskCompletionSource<ChannelOpenFailureMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            EventHandler<MessageEventArgs<ChannelOpenFailureMessage>> onFailure = (s, e) =>
            {
                if (e.Message.LocalChannelNumber == number) refusal.TrySetResult(e.Message);
            };
            var publicSession = session as Session;
            if (publicSession != null) publicSession.ChannelOpenFailureReceived += onFailure;
            var open = Task.Run(() =>
            {
                try
                {
                    members.Open.Invoke(channel, new object[] { host, (uint)port, closing, pair.Server });
                    if (!(bool)members.IsOpen.GetValue(channel)!)
                    {
                        var reason = refusal.Task.Wait(TimeSpan.FromSeconds(1)) ? refusal.Task.Result : null;
                        var description = string.IsNullOrEmpty(reason?.Description) ? "the server refused the channel" : reason!.Description;
                        var prohibited = reason?.ReasonCode == AdministrativelyProhibited;
                        throw new RemoteConnectionException(Results.HxCategory.Tcp, prohibited
                            ? "the target's sshd refused a TCP channel to " + host + ":" + port + " (administratively prohibited: " + description
                                + "): TCP forwarding is not allowed for this user"
                            : "connect from the target to " + host + ":" + port + " failed: " + description,
                            forwardingRefused: prohibited);
                    }
                }
                finally
                {
                    if (publicSession != null) publicSession.ChannelOpenFailureReceived -= onFailure;
                }
                // Pumps both directions until either side closes; ends the channel with it.
                Task.Run(() =>
                {
                    try
                    {
                        members.Bind.Invoke(channel, null);
                    }
                    catch (TargetInvocationException)
                    {
                        // the session or the caller closed the channel
                    }
                    finally
                    {
                        ((IDisposable)channel).Dispose();
                        pair.Server.Dispose();
                    }
                });
            });
            var delay = Task.Delay(timeout, cancellationToken);
            if (await Task.WhenAny(open, delay).ConfigureAwait(false) == delay)
            {
                closing.Close();
                pair.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw new RemoteConnectionException(Results.HxCategory.Tcp,
                    "connect from the target to " + host + ":" + port + " timed out after " + (int)timeout.TotalMilliseconds + " ms");
            }
            try
            {
                await open.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ((IDisposable)channel).Dispose();
                pair.Dispose();
                if (e is RemoteConnectionException) throw;
                throw Failure(host, port, e is TargetInvocationException t && t.InnerException != null ? t.InnerException : e);
            }
            return new OwnedStream(pair.Client, closing);
        }

        private static RemoteConnectionException Failure(string host, int port, Exception e) =>
            new RemoteConnectionException(Results.HxCategory.Tcp, "connect from the target to " + host + ":" + port + " failed: " + e.Message, inner: e);

        private static Members Resolve()
        {
            const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
            var assembly = typeof(BaseClient).Assembly;
            var session = typeof(BaseClient).GetProperty("Session", any);
            var sessionType = assembly.GetType("Renci.SshNet.ISession");
            var channelType = assembly.GetType("Renci.SshNet.Channels.IChannelDirectTcpip");
            var create = sessionType?.GetMethod("CreateChannelDirectTcpip");
            var open = channelType?.GetMethod("Open", new[] { typeof(string), typeof(uint), typeof(IForwardedPort), typeof(Socket) });
            var bind = channelType?.GetMethod("Bind");
            var isOpen = channelType?.GetProperty("IsOpen");
            var channelNumber = channelType?.GetProperty("LocalChannelNumber");
            if (session == null || create == null || open == null || bind == null || isOpen == null || channelNumber == null)
            {
                throw new HxException("SshNetUnsupported", "This SSH.NET build (" + assembly.GetName().Version
                    + ") does not offer direct-tcpip channels the way HxLiteLLM expects; use the SSH.NET version the module ships with.");
            }
            return new Members(session, create, open, bind, isOpen, channelNumber);
        }

        private sealed class Members
        {
            public Members(PropertyInfo session, MethodInfo create, MethodInfo open, MethodInfo bind, PropertyInfo isOpen, PropertyInfo channelNumber)
            {
                IsOpen = isOpen;
                ChannelNumber = channelNumber;
                Session = session;
                Create = create;
                Open = open;
                Bind = bind;
            }

            public PropertyInfo Session { get; }
            public MethodInfo Create { get; }
            public MethodInfo Open { get; }
            public MethodInfo Bind { get; }
            public PropertyInfo IsOpen { get; }
            public PropertyInfo ChannelNumber { get; }
        }

        /// <summary>The channel's owner: raising Closing makes SSH.NET close the channel.</summary>
        private sealed class ChannelOwner : IForwardedPort
        {
            public event EventHandler? Closing;

            public void Close() => Closing?.Invoke(this, EventArgs.Empty);

            public void Dispose() => Close();
        }

        /// <summary>The caller's end; disposing it also closes the channel.</summary>
        private sealed class OwnedStream : NetworkStream
        {
            private readonly ChannelOwner _owner;

            public OwnedStream(Socket socket, ChannelOwner owner) : base(socket, ownsSocket: true)
            {
                _owner = owner;
            }

            protected override void Dispose(bool disposing)
            {
                base.Dispose(disposing);
                if (disposing) _owner.Close();
            }
        }

        /// <summary>Two connected loopback sockets (netstandard2.0 has no socketpair).</summary>
        private sealed class SocketPair : IDisposable
        {
            private SocketPair(Socket client, Socket server)
            {
                Client = client;
                Server = server;
            }

            public Socket Client { get; }
            public Socket Server { get; }

            public static SocketPair Create()
            {
                var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    listener.Listen(1);
                    var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    client.Connect(listener.LocalEndPoint!);
                    // Only our own client may become the channel's end, not another local process racing for the port.
                    while (true)
                    {
                        var server = listener.Accept();
                        if (Equals(server.RemoteEndPoint, client.LocalEndPoint))
                        {
                            server.NoDelay = true;
                            return new SocketPair(client, server);
                        }
                        server.Dispose();
                    }
                }
                finally
                {
                    listener.Dispose();
                }
            }

            public void Dispose()
            {
                Client.Dispose();
                Server.Dispose();
            }
        }
    }
}
