using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>Lock folders of others, host names that cannot name a file, endless output, endless lines, same-second runs.</summary>
    public sealed partial class HostileInputTests
    {
        // ---- 9. ownership, names, floods, stamps ----

        /// <summary>Needs root (to give the folder away) and a second user: the fixture's, hence its attribute.</summary>
        [FixtureFact("ssh")]
        public void ALockFolderAnotherUserCreatedInAWorldWritableRuntimeFolderIsRefusedEvenForRoot() => Attack(() =>
        {
            var runtime = Directory.CreateDirectory(Path.Combine(_dir, "runtime")).FullName;
            UnixPermissions.Set(runtime, 0x3FF); // 1777, as a shared XDG_RUNTIME_DIR
            var planted = Directory.CreateDirectory(Path.Combine(runtime, "hxlitellm-locks")).FullName;
            Assert.Equal(0, PeerProcess.Run("chown", new[] { FixturePeers.SshUser, planted }).ExitCode);

            var refused = Assert.Throws<HxException>(() => FileLock.PrivateFolderIn(runtime, "hxlitellm-locks"));
            Assert.Equal("LockFolderUnsafe", refused.ErrorId);
            Assert.Contains("belongs to another user", refused.Message);
            Assert.Contains(planted, refused.Message);
        });

        [Fact]
        public void PreflightRefusesHostNamesThatCannotNameAnEvidenceFileAndKeepsSimilarNamesApart() => Attack(() =>
        {
            var evidenceRoot = Path.Combine(_dir, "project", ".evidence");
            var store = new EvidenceStore(evidenceRoot, new SecretRedactor());
            PreflightHost Local(string name) => new PreflightHost(name, new RemoteConnectionOptions("localhost") { Local = true });
            var hosts = new[] { "../../escaped", "a/b", "..", "node:1", "node_1" }.Select(Local).ToList();
            var results = new PreflightRunner(new PreflightOptions { Checks = PreflightChecks.Sudo }, store).RunResults(hosts, CancellationToken.None).ToList();

            foreach (var name in new[] { "../../escaped", "a/b", ".." })
            {
                var refused = Assert.Single(results, r => r.Target == name && r.Status == HxStatus.Failed);
                Assert.Equal(PreflightCheckNames.Connection, refused.Check);
                Assert.Equal(HxCategory.Inventory, refused.Category);
                Assert.Contains("host name '" + name + "' cannot name its evidence file", refused.Message);
                Assert.Contains("not checked", refused.Message);
                Assert.Equal("", refused.EvidencePath);
                Assert.All(results.Where(r => r.Target == name && r != refused), r => Assert.Equal(HxStatus.Skipped, r.Status));
            }
            Assert.False(Directory.Exists(Path.Combine(_dir, "escaped")));
            Assert.False(Directory.Exists(Path.Combine(_dir, "project", "escaped")));
            // Two names that differ only in a character some file systems refuse get a file each.
            var colon = Assert.Single(results, r => r.Target == "node:1" && r.Check == PreflightCheckNames.Connection);
            var underscore = Assert.Single(results, r => r.Target == "node_1" && r.Check == PreflightCheckNames.Connection);
            Assert.NotEqual(colon.EvidencePath, underscore.EvidencePath);
            Assert.True(File.Exists(colon.EvidencePath));
            Assert.True(File.Exists(underscore.EvidencePath));
            Assert.All(new[] { colon.EvidencePath, underscore.EvidencePath }, p => Assert.StartsWith(store.AreaFolder(EvidenceArea.Preflight), p));
        });

        [Fact]
        public void ATargetPrintingWithoutEndFailsAsOutputOverTheLimitNotAsAStall() => Attack(() =>
        {
            // The target's trust bundle is a pipe that repeats the CA for ever: the probe's filter prints it without end.
            var system = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt");
            var start = system.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
            var end = system.IndexOf("-----END CERTIFICATE-----", start, StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
            var pem = system.Substring(start, end - start) + "\n";
            var ca = Path.Combine(_dir, "root.pem");
            File.WriteAllText(ca, pem);
            var fifo = Path.Combine(_dir, "endless-bundle.pem");
            Assert.Equal(0, PeerProcess.Run("mkfifo", new[] { fifo }).ExitCode);
            var writer = new Thread(() =>
            {
                try
                {
                    using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                    var bytes = Encoding.ASCII.GetBytes(pem);
                    while (true) pipe.Write(bytes, 0, bytes.Length);
                }
                catch (IOException)
                {
                    // the probe was stopped and the reading end closed
                }
            }) { IsBackground = true };
            writer.Start();

            const long limit = 4L * 1024 * 1024;
            var options = new PreflightOptions { Checks = PreflightChecks.CaTrust, CaCertificatePath = ca, CaBundlePath = fifo, ProbeOutputLimit = limit };
            var host = new PreflightHost("flooding", new RemoteConnectionOptions("localhost") { Local = true, CommandTimeout = TimeSpan.FromMinutes(30) });
            var result = Assert.Single(new PreflightRunner(options).RunResults(new[] { host }, CancellationToken.None), r => r.Check == PreflightCheckNames.CaTrust);

            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Equal(HxCategory.Runtime, result.Category);
            Assert.Contains("printed more than " + limit + " characters: output over the limit", result.Message);
            Assert.DoesNotContain("stalled", result.Message);
        });

        [Fact]
        public void AnIniInventoryLineLongerThanTheLimitIsRefusedNamingTheLine() => Attack(() =>
        {
            var path = Path.Combine(_dir, "hosts.ini");
            File.WriteAllText(path, "[litellm]\ngw1 ansible_host=127.0.0.1\ngw2 note=" + new string('x', IniInventoryParser.MaxLineLength) + "\ngw3\n");
            var refused = Assert.Throws<InventoryException>(() => InventoryLoader.Load(path));
            Assert.Equal(3, refused.Line);
            Assert.Contains("line 3 is " + (IniInventoryParser.MaxLineLength + "gw2 note=".Length) + " characters long", refused.Message);
            Assert.Contains("at most " + IniInventoryParser.MaxLineLength + " characters", refused.Message);

            // A line at the limit is still read.
            File.WriteAllText(path, "[litellm]\ngw2 note=" + new string('x', IniInventoryParser.MaxLineLength - "gw2 note=".Length) + "\n");
            Assert.NotNull(InventoryLoader.Load(path).GetGroup("litellm"));
        });

        [Fact]
        public void TwoQuarantinesStartedInTheSameSecondGetTheirOwnStamps() => Attack(() =>
        {
            var root = Directory.CreateDirectory(Path.Combine(_dir, "repo")).FullName;
            using var secret = VaultSecret.FromPassword("pw");
            var stray = Path.Combine(root, "old", "vault.yml");
            Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
            var second = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
            var moved = new System.Collections.Generic.List<string>();
            foreach (var run in new[] { "first", "second" })
            {
                File.WriteAllText(stray, VaultCipher.Encrypt(Encoding.UTF8.GetBytes("run: " + run + "\n"), secret));
                var quarantine = new StrayVaultQuarantine(root, second);
                quarantine.Move(Assert.Single(StrayVaultFinder.Find(root)));
                Assert.NotNull(quarantine.WriteReport());
                moved.Add(quarantine.Stamp);
            }
            Assert.Equal(new[] { "20261125T120000Z", "20261125T120000Z-2" }, moved);
            foreach (var (stamp, run) in moved.Zip(new[] { "first", "second" }))
            {
                var kept = Path.Combine(root, "_quarantine", stamp, "old", "vault.yml");
                Assert.Equal("run: " + run + "\n", Encoding.UTF8.GetString(VaultCipher.Decrypt(File.ReadAllText(kept), new[] { secret })));
                Assert.True(File.Exists(Path.Combine(root, "_quarantine", "quarantine_report_" + stamp + ".txt")));
            }
        });
    }
}
