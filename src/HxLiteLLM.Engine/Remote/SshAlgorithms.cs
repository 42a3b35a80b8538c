using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Results;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// The algorithms a connection offers: those OpenSSH 9.2's client offers by default (ssh -G), so a server that
    /// ssh refuses (diffie-hellman-group1-sha1, ssh-rsa host key and user key signatures with SHA-1, CBC ciphers, MD5 MACs) is refused
    /// here too. SSH.NET's weaker ones are offered only when the caller allows legacy algorithms, after the strong ones.
    /// </summary>
    public static class SshAlgorithms
    {
        /// <summary>The switch that allows them, as the cmdlets name it.</summary>
        public const string LegacySwitch = "-AllowLegacySshAlgorithm";

        private static readonly HashSet<string> KeyExchange = Names(
            "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
            + "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256");

        private static readonly HashSet<string> HostKey = Names(
            "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,"
            + "sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,"
            + "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256");

        private static readonly HashSet<string> Cipher = Names(
            "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com");

        private static readonly HashSet<string> Mac = Names(
            "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,"
            + "umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1");

        /// <summary>Drops from the connection every algorithm OpenSSH 9.2's client does not offer by default, unless legacy ones are allowed.</summary>
        public static void Restrict(ConnectionInfo info, bool allowLegacy)
        {
            if (allowLegacy) return;
            Keep(info.KeyExchangeAlgorithms, KeyExchange);
            Keep(info.HostKeyAlgorithms, HostKey);
            Keep(info.Encryptions, Cipher);
            Keep(info.HmacAlgorithms, Mac);
        }

        /// <summary>
        /// SSH.NET's "No matching ... algorithm (server offers a,b)" when the server offers only algorithms left out
        /// as legacy: the failure names them and the switch. Null for any other failure.
        /// </summary>
        public static RemoteConnectionException? LegacyOnly(Exception e, string where)
        {
            var match = Regex.Match(e.Message, @"^No matching (?<what>.+?) algorithm \(server offers (?<offers>[^)]*)\)");
            if (!match.Success) return null;
            var what = match.Groups["what"].Value;
            var (kind, allowed, supported) = what == "key exchange" ? ("key exchange", KeyExchange, Supported.Value.KeyExchangeAlgorithms.Keys)
                : what == "host key" ? ("host key", HostKey, Supported.Value.HostKeyAlgorithms.Keys)
                : what.EndsWith("encryption", StringComparison.Ordinal) ? ("cipher", Cipher, Supported.Value.Encryptions.Keys)
                : what.EndsWith("MAC", StringComparison.Ordinal) ? ("MAC", Mac, Supported.Value.HmacAlgorithms.Keys)
                : ("", new HashSet<string>(), (ICollection<string>)Array.Empty<string>());
            var offered = match.Groups["offers"].Value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList();
            var legacy = offered.Where(o => supported.Contains(o) && !allowed.Contains(o)).ToList();
            if (legacy.Count == 0) return null;
            return new RemoteConnectionException(HxCategory.Config,
                "SSH connection to " + where + " refused: the server offers only " + string.Join(", ", offered) + " for " + kind
                + "; " + string.Join(", ", legacy) + " is weak and not used by default (as OpenSSH 9.2's ssh refuses it)",
                "configure stronger " + kind + " algorithms in the host's sshd_config, or give " + LegacySwitch + " to allow " + string.Join(", ", legacy)
                    + " for this run", e);
        }

        /// <summary>
        /// The user key's signature algorithms in the order OpenSSH 9.2's ssh offers them (its PubkeyAcceptedAlgorithms
        /// default: rsa-sha2-512 and rsa-sha2-256 for an RSA key, never ssh-rsa with SHA-1), legacy ones after them and
        /// only when allowed. Otherwise the server is still asked, last and without a signature, whether it would take
        /// a legacy one: if it would, authentication stops with a failure that names it and the switch.
        /// </summary>
        public static IPrivateKeySource UserKey(IPrivateKeySource key, bool allowLegacy)
        {
            var strong = key.HostKeyAlgorithms.Where(a => HostKey.Contains(a.Name));
            var legacy = key.HostKeyAlgorithms.Where(a => !HostKey.Contains(a.Name));
            return new OrderedKey(strong.Concat(allowLegacy ? legacy : legacy.Select(a => (HostAlgorithm)new UnsignedQuery(a))).ToList());
        }

        /// <summary>The failure when the server would take the user key only with a legacy signature; null for any other failure.</summary>
        public static RemoteConnectionException? LegacyUserKeyOnly(Exception e, string where, string user)
        {
            for (var inner = (Exception?)e; inner != null; inner = inner.InnerException)
            {
                if (!(inner is LegacySignatureWanted wanted)) continue;
                return new RemoteConnectionException(HxCategory.Auth,
                    "SSH authentication as '" + user + "' on " + where + " refused: the server accepts the key only with " + wanted.Algorithm
                    + " signatures; " + wanted.Algorithm + " is weak and not used by default (as OpenSSH 9.2's ssh refuses it)",
                    "allow rsa-sha2-512 and rsa-sha2-256 in the host's PubkeyAcceptedAlgorithms (sshd_config), or give " + LegacySwitch + " to allow "
                        + wanted.Algorithm + " for this run", e);
            }
            return null;
        }

        private sealed class OrderedKey : IPrivateKeySource
        {
            public OrderedKey(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

            public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }
        }

        /// <summary>
        /// Asks the server whether it would accept the key with a legacy algorithm and never signs with it: SSH.NET
        /// signs only once the server said yes (SSH_MSG_USERAUTH_PK_OK) when a key offers more than one algorithm.
        /// </summary>
        private sealed class UnsignedQuery : HostAlgorithm
        {
            private readonly HostAlgorithm _legacy;

            public UnsignedQuery(HostAlgorithm legacy)
                : base(legacy.Name) => _legacy = legacy;

            public override byte[] Data => _legacy.Data;

            public override byte[] Sign(byte[] data) => throw new LegacySignatureWanted(Name);

            public override bool VerifySignature(byte[] data, byte[] signature) => false;
        }

        private sealed class LegacySignatureWanted : Exception
        {
            public LegacySignatureWanted(string algorithm)
                : base("the server accepts the key only with " + algorithm) => Algorithm = algorithm;

            public string Algorithm { get; }
        }

        /// <summary>Every algorithm SSH.NET supports, to tell a weak offer from one it cannot use at all.</summary>
        private static readonly Lazy<ConnectionInfo> Supported = new Lazy<ConnectionInfo>(() => new ConnectionInfo("localhost", "-",
            new NoneAuthenticationMethod("-")));

        private static void Keep<T>(IDictionary<string, T> algorithms, HashSet<string> allowed)
        {
            foreach (var name in algorithms.Keys.Where(k => !allowed.Contains(k)).ToList()) algorithms.Remove(name);
        }

        private static HashSet<string> Names(string list) => new HashSet<string>(list.Split(','), StringComparer.Ordinal);
    }
}
