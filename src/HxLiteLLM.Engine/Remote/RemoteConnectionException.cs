using System;

namespace HxLiteLLM.Remote
{
    /// <summary>A connection or channel could not be established; <see cref="Category"/> says which layer refused.</summary>
    public sealed class RemoteConnectionException : HxException
    {
        public RemoteConnectionException(string category, string message, string remediation = "", Exception? inner = null, bool forwardingRefused = false)
            : base("Remote" + category + "Failure", message, inner: inner, kind: category == "Auth" ? HxErrorKind.AuthenticationError
                : HxErrorKind.ConnectionError)
        {
            Category = category;
            Remediation = remediation;
            ForwardingRefused = forwardingRefused;
        }

        /// <summary>Tcp (unreachable, refused, timeout), HostKey, Auth, or Config (bad key file).</summary>
        public string Category { get; }
        public string Remediation { get; }

        /// <summary>The class of a failed SSH connection (<see cref="ConnectionFailure"/>); Other for channel and probe failures.</summary>
        public ConnectionFailureKind Kind { get; internal set; }

        /// <summary>
        /// The SSH server refused the TCP channel by policy (reason "administratively prohibited", e.g. sshd's
        /// AllowTcpForwarding no), so nothing was tried towards the destination: its reachability is unknown.
        /// </summary>
        public bool ForwardingRefused { get; }
    }
}
