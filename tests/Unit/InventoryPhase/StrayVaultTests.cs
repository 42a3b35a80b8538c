using System;
using System.IO;
using System.Linq;
using HxLiteLLM.InventoryPhase;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class StrayVaultTests
    {
        private const string Vault = "$ANSIBLE_VAULT;1.1;AES256\n6161\n";
        private static readonly string Key = "sk-" + new string('7', 60) + "beef";

        [Fact]
        public void FindsVaultsOutsideTheAllowedPlacesAndSaysWhetherAnsibleLoadsThem()
        {
            using var t = new TempTree();
            t.Write("inventory/group_vars/litellm/vault.yml", Vault);
            t.Write("inventory/group_vars/litellm/vault.yml.123.2026-01-02@03:04:05~", Vault);
            t.Write("inventory/host_vars/gw1/vault.yaml", Vault);
            t.Write("inventory/group_vars/litellm/old_vault.yml", Vault);
            t.Write("inventory/group_vars/litellm/notes.txt", Vault);
            t.Write("inventory/group_vars/all.yml", "$ANSIBLE_VAULT;1.2;AES256;prod\n6161\n");
            t.Write("inventory/group_vars/all.yaml", Vault);
            t.Write("secrets/prod.vault", Vault);
            t.Write("_quarantine/20260101T000000Z/x.yml", Vault);
            t.Write(".git/objects/x", Vault);
            var found = StrayVaultFinder.Find(t.Root).ToDictionary(s => s.RelativePath);
            Assert.Equal(new[] { "inventory/group_vars/all.yaml", "inventory/group_vars/all.yml", "inventory/group_vars/litellm/notes.txt",
                "inventory/group_vars/litellm/old_vault.yml", "secrets/prod.vault" }, found.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.True(found["inventory/group_vars/litellm/old_vault.yml"].LoadedByAnsible);
            Assert.Equal("group_vars of 'litellm'", found["inventory/group_vars/litellm/old_vault.yml"].LoadedAs);
            Assert.Contains("fails without the vault password", found["inventory/group_vars/litellm/old_vault.yml"].Reason);
            Assert.True(found["inventory/group_vars/all.yml"].LoadedByAnsible);
            Assert.Equal("prod", found["inventory/group_vars/all.yml"].VaultId);
            Assert.False(found["inventory/group_vars/all.yaml"].LoadedByAnsible);
            Assert.False(found["inventory/group_vars/litellm/notes.txt"].LoadedByAnsible);
            Assert.False(found["secrets/prod.vault"].LoadedByAnsible);
            Assert.All(found.Values, s => Assert.Equal(StrayVaultFinder.EncryptedFile, s.Kind));
        }

        [Fact]
        public void AllowsExtraPlacesByGlob()
        {
            using var t = new TempTree();
            t.Write("secrets/a/prod.vault", Vault);
            t.Write("secrets/b.vault", Vault);
            Assert.Equal(new[] { "secrets/b.vault" }, StrayVaultFinder.Find(t.Root, new[] { "secrets/*/*.vault" }).Select(s => s.RelativePath));
            Assert.Empty(StrayVaultFinder.Find(t.Root, new[] { "secrets/**" }));
            Assert.Empty(StrayVaultFinder.Find(t.Root, new[] { "**/*.vault" }));
        }

        [Fact]
        public void FindsPlaintextKeysAnywhereAndOnlyShowsThemMasked()
        {
            using var t = new TempTree();
            t.Write("inventory/group_vars/litellm/vault.yml", "# not encrypted\nlitellm_master_key: " + Key + "\n");
            t.Write("docs/readme.md", "use sk-1234 or sk-$(openssl rand -hex 32)\n");
            var stray = Assert.Single(StrayVaultFinder.Find(t.Root));
            Assert.Equal(StrayVaultFinder.PlaintextKey, stray.Kind);
            Assert.Equal(2, stray.Line);
            Assert.True(stray.LoadedByAnsible);
            Assert.Equal("sk-********beef (67 characters)", stray.MaskedSecret);
            Assert.DoesNotContain(Key, stray.Reason);
        }

        [Fact]
        public void NeverFollowsSymbolicLinks()
        {
            using var outside = new TempTree();
            using var t = new TempTree();
            outside.Write("stolen.yml", Vault);
            outside.Write("dir/key.txt", Key);
            File.CreateSymbolicLink(t.PathOf("link.yml"), outside.PathOf("stolen.yml"));
            Directory.CreateSymbolicLink(t.PathOf("linkdir"), outside.PathOf("dir"));
            Assert.Empty(StrayVaultFinder.Find(t.Root));
        }

        [Fact]
        public void QuarantineMovesUnderTheRelativePathNeverOverwritesAndReportsWithoutSecrets()
        {
            using var t = new TempTree();
            t.Write("inv/group_vars/litellm/vars.yml", "x: 1\n");
            t.Write("inv/backup/old.yml", Vault);
            t.Write("inv/notes.txt", "key " + Key + "\n");
            var quarantine = new StrayVaultQuarantine(t.Root, new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc));
            foreach (var stray in StrayVaultFinder.Find(t.Root)) quarantine.Move(stray);
            Assert.True(File.Exists(t.PathOf("_quarantine/20261125T120000Z/inv/backup/old.yml")));
            Assert.True(File.Exists(t.PathOf("_quarantine/20261125T120000Z/inv/notes.txt")));
            Assert.False(File.Exists(t.PathOf("inv/notes.txt")));
            var report = File.ReadAllText(quarantine.WriteReport()!);
            Assert.Equal(t.PathOf("_quarantine/quarantine_report_20261125T120000Z.txt"), quarantine.ReportPath);
            Assert.Contains("inv/backup/old.yml", report);
            Assert.Contains("loaded by Ansible: no", report);
            Assert.Contains("sk-********beef", report);
            Assert.DoesNotContain(Key, report);
            Assert.Empty(StrayVaultFinder.Find(t.Root));

            t.Write("inv/notes.txt", "again " + Key);
            var again = StrayVaultFinder.Inspect(t.Root, t.PathOf("inv/notes.txt"))!;
            Assert.Equal("QuarantineTargetExists", Assert.Throws<HxException>(() => quarantine.Move(again)).ErrorId);
            Assert.True(File.Exists(t.PathOf("inv/notes.txt")));
        }
    }
}
