using System;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Remote;
using HxLiteLLM.Tests.Support;
using Renci.SshNet;
using Xunit;

namespace HxLiteLLM.Tests.Remote
{
    public sealed class KnownHostsTests : IDisposable
    {
        private static readonly byte[] KeyA = Encoding.ASCII.GetBytes("key-a-blob");
        private static readonly byte[] KeyB = Encoding.ASCII.GetBytes("key-b-blob");
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-kh-" + Guid.NewGuid().ToString("N"));

        public KnownHostsTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private static string B64(byte[] b) => Convert.ToBase64String(b);

        [Fact]
        public void MatchesPlainPortAndPatternEntriesAndSkipsNoise()
        {
            var text = "# comment\n\n"
                + "gw.example,10.0.0.1 ssh-ed25519 " + B64(KeyA) + " gw key\n"
                + "[gw.example]:2222 ssh-ed25519 " + B64(KeyB) + "\n"
                + "*.lab.example,!secret.lab.example ecdsa-sha2-nistp256 " + B64(KeyA) + "\n"
                + "broken-line-without-key\n"
                + "bad ssh-ed25519 !!notbase64!!\n";
            var kh = KnownHosts.Parse(text);
            Assert.Equal(3, kh.Entries.Count);
            Assert.Equal(HostKeyVerdict.Trusted, kh.Verify("gw.example", 22, "ssh-ed25519", KeyA));
            Assert.Equal(HostKeyVerdict.Trusted, kh.Verify("GW.EXAMPLE", 22, "ssh-ed25519", KeyA));
            Assert.Equal(HostKeyVerdict.Trusted, kh.Verify("10.0.0.1", 22, "ssh-ed25519", KeyA));
            Assert.Equal(HostKeyVerdict.Mismatch, kh.Verify("gw.example", 22, "ssh-ed25519", KeyB));
            Assert.Equal(HostKeyVerdict.Trusted, kh.Verify("gw.example", 2222, "ssh-ed25519", KeyB));
            Assert.Equal(HostKeyVerdict.Mismatch, kh.Verify("gw.example", 2222, "ssh-ed25519", KeyA));
            // Another key type for a known host is a changed identity, not a new host (ssh's accept-new refuses it too).
            Assert.Equal(HostKeyVerdict.Mismatch, kh.Verify("gw.example", 22, "ssh-rsa", KeyA));
            Assert.Equal(HostKeyVerdict.Unknown, kh.Verify("gw.example", 2200, "ssh-ed25519", KeyA));
            Assert.Equal(HostKeyVerdict.Trusted, kh.Verify("n1.lab.example", 22, "ecdsa-sha2-nistp256", KeyA));
            Assert.Equal(HostKeyVerdict.Unknown, kh.Verify("secret.lab.example", 22, "ecdsa-sha2-nistp256", KeyA));
            Assert.Equal(new[] { "ssh-ed25519" }, kh.KeyTypesFor("gw.example", 22));
        }

        [Fact]
        public void HonoursRevokedAndIgnoresCertAuthorityLines()
        {
            var kh = KnownHosts.Parse(
                "@revoked * ssh-ed25519 " + B64(KeyB) + "\n"
                + "@cert-authority *.example ssh-ed25519 " + B64(KeyA) + "\n"
                + "gw.example ssh-ed25519 " + B64(KeyB) + "\n");
            Assert.Equal(HostKeyVerdict.Revoked, kh.Verify("gw.example", 22, "ssh-ed25519", KeyB));
            // A CA key is not a host key: presenting it as a plain key is not trusted.
            Assert.Equal(HostKeyVerdict.Unknown, kh.Verify("other.example", 22, "ssh-ed25519", KeyA));
        }

        [Fact]
        public void HashedEntriesMatchOnlyTheirHostAndPort()
        {
            var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
            var line = "|1|" + B64(salt) + "|" + B64(KnownHosts.HashHost(salt, "[gw.example]:2222")) + " ssh-ed25519 " + B64(KeyA);
            var kh = KnownHosts.Parse(line);
            Assert.Equal(HostKeyVerdict.Trusted, kh.Verify("gw.example", 2222, "ssh-ed25519", KeyA));
            Assert.Equal(HostKeyVerdict.Unknown, kh.Verify("gw.example", 22, "ssh-ed25519", KeyA));
            Assert.Equal(HostKeyVerdict.Mismatch, kh.Verify("gw.example", 2222, "ssh-ed25519", KeyB));
        }

        [Fact]
        public void ForHostKeepsExactlyTheHostsLinesAndGivesTheSameVerdicts()
        {
            var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
            var text = "|1|" + B64(salt) + "|" + B64(KnownHosts.HashHost(salt, "gw.example")) + " ssh-ed25519 " + B64(KeyA) + "\n"
                + "|1|" + B64(salt) + "|" + B64(KnownHosts.HashHost(salt, "other.example")) + " ssh-ed25519 " + B64(KeyB) + "\n"
                + "|1|bad|salt ssh-ed25519 " + B64(KeyB) + "\n"
                + "*.example,!other.example ecdsa-sha2-nistp256 " + B64(KeyB) + "\n"
                + "@revoked * ssh-rsa " + B64(KeyB) + "\n"
                + "@cert-authority *.example ssh-ed25519 " + B64(KeyB) + "\n"
                + "[gw.example]:2222 ssh-ed25519 " + B64(KeyB) + "\n";
            var all = KnownHosts.Parse(text);
            var gw = all.ForHost("GW.example", 22);
            Assert.Equal(new[] { 1, 4, 5 }, gw.Entries.Select(e => e.Line));
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, gw.KeyTypesFor("gw.example", 22));
            foreach (var (type, key) in new[] { ("ssh-ed25519", KeyA), ("ssh-ed25519", KeyB), ("ecdsa-sha2-nistp256", KeyB), ("ssh-rsa", KeyB) })
            {
                Assert.Equal(all.Verify("gw.example", 22, type, key), gw.Verify("gw.example", 22, type, key));
            }
            // Only the revoked wildcard names [other.example]:2222.
            Assert.Equal(new[] { 5 }, all.ForHost("other.example", 2222).Entries.Select(e => e.Line));
        }

        [Fact]
        public void WildcardsFollowOpenSshRules()
        {
            Assert.True(KnownHosts.WildcardMatch("*", "anything"));
            Assert.True(KnownHosts.WildcardMatch("10.0.0.?", "10.0.0.7"));
            Assert.False(KnownHosts.WildcardMatch("10.0.0.?", "10.0.0.17"));
            Assert.True(KnownHosts.WildcardMatch("*.a*.example", "x.abc.example"));
            Assert.False(KnownHosts.WildcardMatch("*.example", "example"));
        }

        [Fact]
        public void AppendIsIdempotentAndSafeUnderParallelWriters()
        {
            var path = Path.Combine(_dir, "sub", "known_hosts");
            System.Threading.Tasks.Parallel.For(0, 16, i => KnownHosts.Append(path, "h" + (i % 4), 2222, "ssh-ed25519", KeyA));
            var lines = File.ReadAllLines(path);
            Assert.Equal(4, lines.Length);
            Assert.Contains("[h0]:2222 ssh-ed25519 " + B64(KeyA), lines);
            File.WriteAllText(path, File.ReadAllText(path).TrimEnd('\n'));
            KnownHosts.Append(path, "h9", 22, "ssh-ed25519", KeyB);
            Assert.Equal("h9 ssh-ed25519 " + B64(KeyB), File.ReadAllLines(path).Last());
        }

        [PeerFact("ssh-keygen")]
        public void AgreesWithSshKeygenOnHashingAndFingerprints()
        {
            var key = Path.Combine(_dir, "host_key");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", key }).ExitCode);
            var pub = File.ReadAllText(key + ".pub").Split(' ');
            var blob = Convert.FromBase64String(pub[1]);
            var known = Path.Combine(_dir, "known_hosts");
            File.WriteAllText(known, "[gw.example]:2222 " + pub[0] + " " + pub[1] + "\nnode1.example " + pub[0] + " " + pub[1] + "\n");
            Assert.Equal(0, PeerProcess.Run("ssh-keygen", new[] { "-H", "-f", known }).ExitCode);
            var hashed = KnownHosts.Parse(File.ReadAllText(known));
            Assert.All(hashed.Entries, e => Assert.StartsWith("|1|", e.Hosts));
            Assert.Equal(HostKeyVerdict.Trusted, hashed.Verify("gw.example", 2222, pub[0], blob));
            Assert.Equal(HostKeyVerdict.Trusted, hashed.Verify("node1.example", 22, pub[0], blob));
            Assert.Equal(HostKeyVerdict.Unknown, hashed.Verify("node2.example", 22, pub[0], blob));

            var listing = PeerProcess.Run("ssh-keygen", new[] { "-l", "-E", "sha256", "-f", key + ".pub" }).StdOut;
            Assert.Equal(listing.Split(' ')[1], HostKeyFingerprint.Sha256(blob));

            // What Append writes, ssh-keygen finds.
            var appended = Path.Combine(_dir, "appended");
            KnownHosts.Append(appended, "127.0.0.1", 2200, pub[0], blob);
            Assert.Contains("[127.0.0.1]:2200", PeerProcess.Run("ssh-keygen", new[] { "-F", "[127.0.0.1]:2200", "-f", appended }).StdOut);
        }

        [Fact]
        public void KeyExchangeOrderPutsCurve25519FirstAndKeepsOrTrimsTheRest()
        {
            var info = new ConnectionInfo("h", "u", new NoneAuthenticationMethod("u"));
            var before = info.KeyExchangeAlgorithms.Keys.ToList();
            Assert.NotEqual("curve25519-sha256", before[0]);
            KeyExchangeOrder.Apply(info, KeyExchangeOrder.Default);
            var after = info.KeyExchangeAlgorithms.Keys.ToList();
            Assert.Equal(new[] { "curve25519-sha256", "curve25519-sha256@libssh.org" }, after.Take(2));
            Assert.Equal(before.OrderBy(k => k, StringComparer.Ordinal), after.OrderBy(k => k, StringComparer.Ordinal));

            KeyExchangeOrder.Apply(info, new[] { "no-such-kex", "ecdh-sha2-nistp256" }, trim: true);
            Assert.Equal(new[] { "ecdh-sha2-nistp256" }, info.KeyExchangeAlgorithms.Keys);
            var e = Assert.Throws<HxException>(() => KeyExchangeOrder.Apply(info, new[] { "no-such-kex" }));
            Assert.Contains("no-such-kex", e.Message);
        }
    }
}
