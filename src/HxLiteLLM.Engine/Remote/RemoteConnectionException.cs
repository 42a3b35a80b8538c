using System;
using HxLiteLLM.Results;

namespace HxLiteLLM.Remote
{
    /// <summary>A connection or channel could not be established; <see cref="Category"/> says which layer refused.</summary>
    public sealed class RemoteConnectionException : HxException
    {
        public RemoteConnectionException(string category, string message, string remediation = "", Exception? inner = null)
            : base("Remote" + category + "Failure", message, inner: inner)
        {
            Category = category;
            Remediation = remediation;
        }

        /// <summary>Tcp (unreachable, refused, timeout), HostKey, Auth, or Config (bad key file).</summary>
        public string Category { get; }
        public string Remediation { get; }
    }
}
