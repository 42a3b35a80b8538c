using System;
using System.Collections.Generic;
using System.IO;
using HxLiteLLM.Results;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// How to reach one host: filled by the cmdlets from the inventory (<c>ansible_host</c>, <c>ansible_port</c>,
    /// <c>ansible_user</c>, <c>ansible_ssh_private_key_file</c>, <c>ansible_connection</c>).
    /// The password is held as characters so callers can clear it; it is never logged.
    /// </summary>
    public sealed class RemoteConnectionOptions
    {
        public RemoteConnectionOptions(string address)
        {
            Address = address;
        }

        /// <summary>Host name or IP address to connect to (ansible_host).</summary>
        public string Address { get; set; }
        public int Port { get; set; } = 22;
        public string User { get; set; } = "";
        /// <summary>OpenSSH private key file (ed25519, RSA or ECDSA); empty for none.</summary>
        public string KeyFilePath { get; set; } = "";
        /// <summary>Passphrase of the key file, when it has one.</summary>
        public char[]? KeyPassphrase { get; set; }
        /// <summary>Password authentication, tried after the key.</summary>
        public char[]? Password { get; set; }
        /// <summary>True for <c>ansible_connection=local</c>: commands run on this machine, no SSH.</summary>
        public bool Local { get; set; }
        /// <summary>OpenSSH known_hosts file checked (and, with <see cref="AcceptNewHostKey"/>, appended to).</summary>
        public string KnownHostsPath { get; set; } = DefaultKnownHostsPath;
        /// <summary>Like StrictHostKeyChecking=accept-new: an unknown host key is recorded; a changed one still fails.</summary>
        public bool AcceptNewHostKey { get; set; }
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>Key exchange algorithms in order of preference; see <see cref="KeyExchangeOrder"/>.</summary>
        public IList<string> KeyExchangeAlgorithms { get; set; } = new List<string>(KeyExchangeOrder.Default);
        /// <summary>Offer only <see cref="KeyExchangeAlgorithms"/>; otherwise SSH.NET's other algorithms follow them.</summary>
        public bool KeyExchangeOnlyListed { get; set; }
        /// <summary>Also offer the algorithms OpenSSH 9.2's client leaves out by default (see <see cref="SshAlgorithms"/>).</summary>
        public bool AllowLegacyAlgorithms { get; set; }

        public static string DefaultKnownHostsPath =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

        /// <summary>Connection data of an inventory host as Ansible would use it.</summary>
        public static RemoteConnectionOptions FromInventory(HxInventoryHost host) => new RemoteConnectionOptions(host.Address)
        {
            Port = host.Port ?? 22,
            User = host.User,
            KeyFilePath = host.KeyFilePath,
            Local = host.Connection == "local",
        };

        /// <summary>Where results name the connection: user@address:port, or "local".</summary>
        public string Describe() => Local ? "local" : (User.Length > 0 ? User + "@" : "") + KnownHosts.HostPattern(Address, Port);
    }
}
