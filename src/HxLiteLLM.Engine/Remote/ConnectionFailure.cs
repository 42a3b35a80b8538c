using System;
using System.IO;
using System.Net.Sockets;
using HxLiteLLM.Results;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace HxLiteLLM.Remote
{
    /// <summary>Why an SSH connection could not be made, as far as this side can tell; each has its own remediation.</summary>
    public enum ConnectionFailureKind
    {
        Other,
        /// <summary>The host name does not resolve on this machine.</summary>
        NameResolution,
        /// <summary>The host answered with a TCP reset: nothing listens on the port.</summary>
        ConnectionRefused,
        /// <summary>No answer within the connect timeout (host down, packets dropped, or no SSH banner).</summary>
        Timeout,
        /// <summary>The TCP connection was accepted, then reset or closed before SSH was set up.</summary>
        ConnectionReset,
        /// <summary>The host's key differs from known_hosts, or known_hosts marks it @revoked.</summary>
        HostKeyMismatch,
        /// <summary>The host's key is not in known_hosts yet.</summary>
        HostKeyUnknown,
        /// <summary>The server accepted none of the credentials offered.</summary>
        AuthenticationFailed,
        /// <summary>This machine may not read the private key file, or its policy refused the outgoing connection.</summary>
        PermissionDenied,
    }

    /// <summary>
    /// Sorts a failed connection into its <see cref="ConnectionFailureKind"/> and says what to do about that class, so a name that
    /// does not resolve is not told to check sshd, and a reset is not told to open a port that is open.
    /// </summary>
    public static class ConnectionFailure
    {
        /// <summary>The class of <paramref name="error"/>; <paramref name="timedOut"/> when the connect timeout ended the attempt.</summary>
        public static ConnectionFailureKind Classify(Exception error, bool timedOut)
        {
            if (timedOut) return ConnectionFailureKind.Timeout;
            switch (error)
            {
                case SocketException s:
                    return OfSocketError(s.SocketErrorCode);
                case SshAuthenticationException _:
                    return ConnectionFailureKind.AuthenticationFailed;
                case UnauthorizedAccessException _:
                    return ConnectionFailureKind.PermissionDenied;
                case SshOperationTimeoutException _:
                    return ConnectionFailureKind.Timeout;
                case SshConnectionException c when c.DisconnectReason == DisconnectReason.ConnectionLost || ClosedByPeer(c.Message):
                    return ConnectionFailureKind.ConnectionReset;
                case IOException _ when error.InnerException is SocketException inner:
                    return OfSocketError(inner.SocketErrorCode);
                default:
                    return error.InnerException != null ? Classify(error.InnerException, false) : ConnectionFailureKind.Other;
            }
        }

        private static ConnectionFailureKind OfSocketError(SocketError code)
        {
            switch (code)
            {
                case SocketError.HostNotFound:
                case SocketError.TryAgain:
                case SocketError.NoData:
                case SocketError.NoRecovery:
                    return ConnectionFailureKind.NameResolution;
                case SocketError.ConnectionRefused:
                    return ConnectionFailureKind.ConnectionRefused;
                case SocketError.TimedOut:
                case SocketError.HostUnreachable:
                case SocketError.NetworkUnreachable:
                case SocketError.HostDown:
                    return ConnectionFailureKind.Timeout;
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                case SocketError.Disconnecting:
                    return ConnectionFailureKind.ConnectionReset;
                case SocketError.AccessDenied:
                    return ConnectionFailureKind.PermissionDenied;
                default:
                    return ConnectionFailureKind.Other;
            }
        }

        /// <summary>SSH.NET's words for a server that closed the connection before SSH was set up (no banner, aborted session).</summary>
        private static bool ClosedByPeer(string message) =>
            message.IndexOf("protocol identification", StringComparison.OrdinalIgnoreCase) >= 0
            || message.IndexOf("aborted by the server", StringComparison.OrdinalIgnoreCase) >= 0
            || message.IndexOf("closed", StringComparison.OrdinalIgnoreCase) >= 0
            || message.IndexOf("reset", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The result category of a class: the layer that refused.</summary>
        public static string CategoryOf(ConnectionFailureKind kind)
        {
            switch (kind)
            {
                case ConnectionFailureKind.NameResolution: return HxCategory.Dns;
                case ConnectionFailureKind.HostKeyMismatch:
                case ConnectionFailureKind.HostKeyUnknown: return HxCategory.HostKey;
                case ConnectionFailureKind.AuthenticationFailed: return HxCategory.Auth;
                case ConnectionFailureKind.PermissionDenied: return HxCategory.Config;
                default: return HxCategory.Tcp;
            }
        }

        /// <summary>
        /// What to do about a class of failure towards <paramref name="address"/>:<paramref name="port"/> as <paramref name="user"/>,
        /// with <paramref name="keyFile"/> (empty when none) and a connect timeout of <paramref name="timeout"/>. The host key classes
        /// are not classified from an exception but from the key check, whose remediation names the key and the known_hosts file
        /// (<see cref="SshConnection"/>).
        /// </summary>
        public static string Remediation(ConnectionFailureKind kind, string address, int port, string user, string keyFile, TimeSpan timeout)
        {
            switch (kind)
            {
                case ConnectionFailureKind.NameResolution:
                    return "'" + address + "' does not resolve on this machine: check the name (ansible_host), this machine's DNS servers and /etc/hosts, or "
                        + "set ansible_host to the host's IP address";
                case ConnectionFailureKind.ConnectionRefused:
                    return address + " answered but nothing listens on port " + port
                        + ": start sshd there (systemctl status sshd) or set ansible_port to the port sshd listens on";
                case ConnectionFailureKind.Timeout:
                    return "no answer from " + address + ":" + port + " within " + (int)timeout.TotalMilliseconds
                        + " ms: check that the host is up and that no firewall drops port " + port
                        + " between here and there (or raise timeout in ansible.cfg on a slow link)";
                case ConnectionFailureKind.ConnectionReset:
                    return address + ":" + port + " accepted the connection, then closed it before SSH was set up: read sshd's log there (MaxStartups, "
                        + "AllowUsers/DenyUsers, "
                        + "tcp_wrappers, fail2ban) and check that no proxy or load balancer in between cuts SSH";
                case ConnectionFailureKind.AuthenticationFailed:
                    return keyFile.Length == 0
                        ? "no key or password was offered for '" + user
                            + "': set ansible_ssh_private_key_file (or private_key_file in ansible.cfg, or -KeyFilePath)"
                        : "authorize the key for '" + user + "': ssh-copy-id -i " + keyFile + " -p " + port + " " + user + "@" + address;
                case ConnectionFailureKind.PermissionDenied:
                    return keyFile.Length > 0
                        ? "this user may not read the private key " + keyFile + ": make it yours and private (chown, chmod 600)"
                        : "this machine's policy (firewall, SELinux/AppArmor) refused the outgoing connection to " + address + ":" + port;
                default:
                    return "check that " + address + " is reachable on port " + port + " and sshd's log there";
            }
        }
    }
}
