using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Pipeline;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>Symbolic links planted at the folders HxLiteLLM writes into: refused by name, nothing written through them.</summary>
    public sealed partial class HostileInputTests
    {
        /// <summary>A folder outside the project that a planted link points to; every case asserts it stays empty.</summary>
        private string Victim() => Directory.CreateDirectory(Path.Combine(_dir, "victim")).FullName;

        private static void AssertRefusedAt(string link, string message)
        {
            Assert.Contains(link + " is a symbolic link", message);
            Assert.Contains("does not write beyond a symbolic link", message);
        }

        [PeerTheory("ansible-inventory")]
        [InlineData(".rendered")]
        [InlineData(".rendered/localhost")]
        public void ALinkPlantedAtTheRenderFolderOrAHostFolderIsRefusedAndNothingIsRendered(string linked) => Attack(() =>
        {
            var victim = Victim();
            var project = ProjectWithHost("localhost");
            var inventory = Path.Combine(project, "inventory", "hosts.yml");
            var renderRoot = Path.Combine(project, "inventory", ".rendered");
            var link = Path.Combine(project, "inventory", linked.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            Directory.CreateSymbolicLink(link, victim);

            using var secret = VaultSecret.FromFile(Path.Combine(project, ".vault-pass"));
            var options = new PipelineOptions(inventory)
            {
                RolePath = Path.Combine(project, "roles", "litellm"),
                EvidencePath = Path.Combine(project, "inventory", ".evidence"),
                RenderPath = renderRoot,
                Phases = new List<PipelinePhase> { PipelinePhase.RoleValidation },
                VaultSecrets = new[] { secret },
            };
            var results = new List<HxCheckResult>();
            var redactor = new SecretRedactor();
            var summaries = new LiteLLMPipeline(options, new StepContext(redactor, new EvidenceStore(options.EvidencePath, redactor))).Run(results.Add);

            Assert.Equal("Failed", summaries.Single(x => x.Phase == "RoleValidation").Outcome);
            var refusal = Assert.Single(results, r => r.Message.Contains("is a symbolic link"));
            Assert.Equal(HxStatus.Failed, refusal.Status);
            AssertRefusedAt(link, refusal.Message);
            Assert.Empty(FilesUnder(victim));
            Assert.DoesNotContain(results, r => r.Check == "Render" && r.Status == HxStatus.Passed);
        });

        [Theory]
        [InlineData(".evidence")]
        [InlineData(".evidence/litellm_inventory")]
        [InlineData(".evidence/.stamps")]
        public void ALinkPlantedAtTheEvidenceRootOrAnAreaFolderIsRefusedAndNothingIsWrittenThere(string linked) => Attack(() =>
        {
            var victim = Victim();
            var project = Directory.CreateDirectory(Path.Combine(_dir, "project")).FullName;
            var link = Path.Combine(project, linked.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            Directory.CreateSymbolicLink(link, victim);

            var store = new EvidenceStore(Path.Combine(project, ".evidence"), new SecretRedactor());
            var refused = Assert.Throws<HxException>(() => store.WriteText(EvidenceArea.InventoryValidation, "hosts/report.txt", "evidence"));
            Assert.Equal("PathBeyondSymlink", refused.ErrorId);
            AssertRefusedAt(link, refused.Message);
            Assert.Equal("PathBeyondSymlink", Assert.Throws<HxException>(() => store.WriteNewText(EvidenceArea.InventoryValidation, "hosts/gw1.txt", "evidence")).ErrorId);
            Assert.Empty(FilesUnder(victim));
            Assert.Empty(Directory.GetDirectories(victim));
        });

        [Fact]
        public void ALinkPlantedBelowAnAreaFolderIsRefusedForTheFilesThatWouldGoThrough() => Attack(() =>
        {
            var victim = Victim();
            var store = new EvidenceStore(Path.Combine(_dir, "project", ".evidence"), new SecretRedactor());
            var area = store.AreaFolder(EvidenceArea.RoleValidation);
            var link = Path.Combine(area, "rendered");
            Directory.CreateSymbolicLink(link, victim);

            var refused = Assert.Throws<HxException>(() => store.WriteText(EvidenceArea.RoleValidation, "rendered/gw1/litellm.env", "KEY=masked"));
            AssertRefusedAt(link, refused.Message);
            Assert.Equal("PathBeyondSymlink", Assert.Throws<HxException>(() => store.WriteNewText(EvidenceArea.RoleValidation, "rendered/gw2.txt", "x")).ErrorId);
            // Files beside the link are written as always.
            Assert.True(File.Exists(store.WriteText(EvidenceArea.RoleValidation, "report.txt", "ok")));
            Assert.Empty(FilesUnder(victim));
        });

        [Theory]
        [InlineData("_quarantine")]
        [InlineData("_quarantine/STAMP")]
        [InlineData("_quarantine/STAMP/old")]
        public void ALinkPlantedAtTheQuarantineIsRefusedAndTheStrayStaysWhereItIs(string linked) => Attack(() =>
        {
            var victim = Victim();
            var root = Directory.CreateDirectory(Path.Combine(_dir, "repo")).FullName;
            using var secret = VaultSecret.FromPassword("pw");
            var stray = Path.Combine(root, "old", "vault.yml");
            Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
            File.WriteAllText(stray, VaultCipher.Encrypt(System.Text.Encoding.UTF8.GetBytes("a: 1\n"), secret));
            var quarantine = new StrayVaultQuarantine(root);
            var link = Path.Combine(root, linked.Replace("STAMP", quarantine.Stamp).Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            Directory.CreateSymbolicLink(link, victim);

            var found = Assert.Single(StrayVaultFinder.Find(root));
            var refused = Assert.Throws<HxException>(() => quarantine.Move(found));
            Assert.Equal("PathBeyondSymlink", refused.ErrorId);
            AssertRefusedAt(link, refused.Message);
            Assert.Null(quarantine.WriteReport());
            Assert.True(File.Exists(stray));
            Assert.Empty(FilesUnder(victim));
        });

        [Fact]
        public void ALinkPlantedAtARoleSubfolderIsRefusedAndNoStubIsCreatedThroughIt() => Attack(() =>
        {
            var victim = Victim();
            var role = Directory.CreateDirectory(Path.Combine(_dir, "roles", "litellm")).FullName;
            var link = Path.Combine(role, "handlers");
            Directory.CreateSymbolicLink(link, victim);

            var context = new StepContext(new SecretRedactor(), null);
            var refused = Assert.Throws<HxException>(() => RoleStructureStep.Run(context, role, create: true));
            Assert.Equal("PathBeyondSymlink", refused.ErrorId);
            AssertRefusedAt(link, refused.Message);
            Assert.Empty(FilesUnder(victim));
            Assert.Empty(Directory.GetDirectories(victim));
        });

        [Fact]
        public void ALinkPlantedInARunFolderIsLeftOutOfTheEvidenceArchive() => Attack(() =>
        {
            var victim = Victim();
            var secretFile = Path.Combine(victim, "id_ed25519");
            File.WriteAllText(secretFile, "-----BEGIN OPENSSH PRIVATE KEY-----\nplanted\n");
            var runFolder = Path.Combine(_dir, "evidence", EvidenceArea.Preflight, "20261207T120000Z");
            Directory.CreateDirectory(Path.Combine(runFolder, "dns"));
            File.WriteAllText(Path.Combine(runFolder, "dns", "gw1.txt"), "gw1 resolves\n");
            File.CreateSymbolicLink(Path.Combine(runFolder, "dns", "gw2.txt"), secretFile);
            Directory.CreateSymbolicLink(Path.Combine(runFolder, "python"), victim);

            var outcome = EvidenceArchiveStep.Run(new StepContext(new SecretRedactor(), null), runFolder, Array.Empty<HxCheckResult>());

            var result = Assert.Single(outcome.Results);
            Assert.Equal(HxStatus.Warning, result.Status);
            Assert.Contains(Path.Combine(runFolder, "dns", "gw2.txt"), result.Message);
            Assert.Contains(Path.Combine(runFolder, "python"), result.Message);
            using var zip = System.IO.Compression.ZipFile.OpenRead(runFolder + ".zip");
            var entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { "20261207T120000Z/dns/gw1.txt", "20261207T120000Z/preflight_summary.txt", "20261207T120000Z/results.json" }, entries);
            Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(runFolder + ".zip", System.Text.Encoding.Latin1));
        });
    }
}
