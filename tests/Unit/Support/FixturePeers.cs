using System;
using System.Globalization;
using Xunit;

namespace HxLiteLLM.Tests.Support
{
    /// <summary>
    /// A fact that needs the loopback peer fixture (tests/Peers/Peers.psm1): "ssh" (sshd for user hxpeer) and/or
    /// "dns" (dnsmasq). Skipped with the reason when the HX_PEER_* variables are absent; under CI=true never
    /// skipped, so the test then fails on the missing variables.
    /// </summary>
    public sealed class FixtureFactAttribute : FactAttribute
    {
        public FixtureFactAttribute(params string[] peers)
        {
            var missing = FixturePeers.FirstMissing(peers);
            if (missing != null && !Peers.IsCI) Skip = "peer fixture not running: " + missing + " unset (build.ps1 -Task Test starts it; or Start-PeerFixture from tests/Peers/Peers.psm1)";
        }
    }

    /// <summary>The running fixture as the HX_PEER_* variables describe it.</summary>
    public static class FixturePeers
    {
        public static string Directory => Required("HX_PEER_DIR");
        public static int SshPort => int.Parse(Required("HX_PEER_SSH_PORT"), CultureInfo.InvariantCulture);
        public static string SshUser => Required("HX_PEER_SSH_USER");
        public static string SshKey => Required("HX_PEER_SSH_KEY");
        public static string SshKnownHosts => Required("HX_PEER_SSH_KNOWN_HOSTS");
        /// <summary>dnsmasq as address:port.</summary>
        public static string Dns => Required("HX_PEER_DNS");

        public static string? FirstMissing(string[] peers)
        {
            foreach (var peer in peers)
            {
                var names = peer == "dns"
                    ? new[] { "HX_PEER_DNS" }
                    : new[] { "HX_PEER_DIR", "HX_PEER_SSH_PORT", "HX_PEER_SSH_USER", "HX_PEER_SSH_KEY", "HX_PEER_SSH_KNOWN_HOSTS" };
                foreach (var name in names)
                {
                    if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return name;
                }
            }
            return null;
        }

        private static string Required(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(name + " is not set: start the peer fixture (tests/Peers/Peers.psm1 Start-PeerFixture)");
    }
}
