using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Secrets;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class VaultFilesTests
    {
        [Fact]
        public void EncryptsAndDecryptsInPlaceWithMode0600()
        {
            using var t = new TempTree();
            var path = t.Write("v.yml", "k: v\n");
            using var secret = VaultSecret.FromPassword("pw");
            Assert.True(VaultFiles.EncryptInPlace(path, secret, "prod"));
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", File.ReadAllText(path));
            if (UnixPermissions.IsSupported) Assert.Equal(0x180, UnixPermissions.Get(path));
            Assert.Equal("k: v\n", VaultFiles.ReadPlaintext(path, new[] { secret }));
            VaultFiles.DecryptInPlace(path, new[] { secret });
            Assert.Equal("k: v\n", File.ReadAllText(path));
        }

        [Fact]
        public void LeavesFilesUntouchedOnErrors()
        {
            using var t = new TempTree();
            var path = t.Write("v.yml", "k: v\n");
            using var secret = VaultSecret.FromPassword("pw");
            using var wrong = VaultSecret.FromPassword("wrong");
            Assert.Equal(VaultErrorKind.NotVault, Assert.Throws<VaultException>(() => VaultFiles.DecryptInPlace(path, new[] { secret })).Kind);
            VaultFiles.EncryptInPlace(path, secret, null);
            var vault = File.ReadAllText(path);
            Assert.False(VaultFiles.EncryptInPlace(path, wrong, "other"));
            Assert.Equal(VaultErrorKind.WrongPassword, Assert.Throws<VaultException>(() => VaultFiles.DecryptInPlace(path, new[] { wrong })).Kind);
            Assert.Equal(vault, File.ReadAllText(path));
        }

        [Fact]
        public void RunsABatchInParallelReportingEveryFile()
        {
            using var t = new TempTree();
            var paths = Enumerable.Range(0, 20).Select(i => t.Write("f" + i + ".yml", "n: " + i + "\n")).ToList();
            paths.Add(t.PathOf("missing.yml"));
            using var secret = VaultSecret.FromPassword("pw");
            var outcomes = VaultFiles.ForEachParallel(paths, new[] { secret }, (p, s) => VaultFiles.EncryptInPlace(p, s[0], null) ? VaultFileResult.Written : VaultFileResult.Unchanged, CancellationToken.None).ToList();
            Assert.Equal(Enumerable.Range(0, 21), outcomes.Select(o => o.Index).OrderBy(i => i));
            Assert.Equal("VaultFileNotFound", Assert.Single(outcomes, o => o.Error != null).Error!.ErrorId);
            var read = VaultFiles.ForEachParallel(paths.Take(20).ToList(), new[] { secret }, VaultFiles.Read, CancellationToken.None).OrderBy(o => o.Index);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => "n: " + i + "\n"), read.Select(o => o.Text));
        }

        [Fact]
        public void RekeysWithANewSaltAndLabelKeepingModeAndBackup()
        {
            using var t = new TempTree();
            var path = t.Write("v.yml", "k: v\n");
            using var old = VaultSecret.FromPassword("old");
            using var fresh = VaultSecret.FromPassword("new", "prod");
            VaultFiles.EncryptInPlace(path, old, "lab");
            if (UnixPermissions.IsSupported) UnixPermissions.Set(path, 0x1a0);
            var before = File.ReadAllText(path);
            var backup = VaultFiles.RekeyInPlace(path, new[] { old }, fresh, "prod", backup: true);
            Assert.Equal(before, File.ReadAllText(backup));
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", File.ReadAllText(path));
            if (UnixPermissions.IsSupported) Assert.Equal(0x1a0, UnixPermissions.Get(path));
            Assert.Equal("k: v\n", VaultFiles.ReadPlaintext(path, new[] { fresh }));
            Assert.Equal(VaultErrorKind.WrongPassword, Assert.Throws<VaultException>(() => VaultFiles.ReadPlaintext(path, new[] { old })).Kind);
            Assert.Equal("", VaultFiles.RekeyInPlace(path, new[] { fresh }, old, null, backup: false));
            Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", File.ReadAllText(path));
            var rekeyed = File.ReadAllText(path);
            Assert.Equal(VaultErrorKind.WrongPassword, Assert.Throws<VaultException>(() => VaultFiles.RekeyInPlace(path, new[] { fresh }, old, null, backup: true)).Kind);
            Assert.Equal(rekeyed, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(t.Root, "v.yml.*~"));
        }

        [Fact]
        public void ReadsVarsFilesWithInlineAndWholeFileVaults()
        {
            using var t = new TempTree();
            using var secret = VaultSecret.FromPassword("pw");
            var inline = VaultString.Encrypt("token", "inline-secret", secret);
            var nested = VaultString.Encrypt(null, "nested-secret", secret).Replace("\n", "\n    ");
            var vars = t.Write("vars.yml", "a: 1\n" + inline + "\nlist:\n  - plain\n  - " + nested + "\n");
            var redactor = new SecretRedactor();
            var values = VaultVarsFile.Read(vars, new[] { secret }, redactor);
            Assert.Equal(new[] { "a", "token", "list" }, values.Select(v => v.Name));
            Assert.Equal(new[] { false, true, true }, values.Select(v => v.Encrypted));
            Assert.Equal("inline-secret", values[1].Value);
            Assert.Equal(new object[] { "plain", "nested-secret" }, (object[])values[2].Value!);
            Assert.All(values, v => Assert.Equal(vars, v.Source));
            Assert.Equal("x ******** ********", redactor.Redact("x inline-secret nested-secret"));

            var whole = t.Write("vault.yml", "api_key: whole-secret\n");
            VaultFiles.EncryptInPlace(whole, secret, null);
            var fromVault = Assert.Single(VaultVarsFile.Read(whole, new[] { secret }, new SecretRedactor()));
            Assert.Equal(("api_key", "whole-secret", true), (fromVault.Name, (string)fromVault.Value!, fromVault.Encrypted));

            var none = Assert.Throws<VaultException>(() => VaultVarsFile.Read(vars, Array.Empty<VaultSecret>(), new SecretRedactor()));
            Assert.Equal(VaultErrorKind.NoSecrets, none.Kind);
            using var wrong = VaultSecret.FromPassword("wrong");
            var bad = Assert.Throws<VaultException>(() => VaultVarsFile.Read(vars, new[] { wrong }, new SecretRedactor()));
            Assert.Equal(VaultErrorKind.WrongPassword, bad.Kind);
            Assert.Contains("(token)", bad.Message);
            Assert.DoesNotContain("inline-secret", bad.Message);
            Assert.DoesNotContain("nested-secret", bad.Message);
            Assert.Equal("VaultVarsNotMapping", Assert.Throws<HxException>(() => VaultVarsFile.Read(t.Write("list.yml", "- a\n"), new[] { secret }, new SecretRedactor())).ErrorId);
            Assert.Empty(VaultVarsFile.Read(t.Write("empty.yml", "# nothing\n"), new[] { secret }, new SecretRedactor()));
        }

        [Fact]
        public void SetsASecretOnlyWhenItChanges()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var created = VaultSecretFile.SetSecret(null, "v.yml", new[] { secret }, "k", "v1", "lab")!;
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;lab\n", created);
            Assert.Null(VaultSecretFile.SetSecret(Encoding.ASCII.GetBytes(created), "v.yml", new[] { secret }, "k", "v1", null));
            var changed = VaultSecretFile.SetSecret(Encoding.ASCII.GetBytes(created), "v.yml", new[] { secret }, "k", "v2", null)!;
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;lab\n", changed);
            Assert.Equal("k: v2\n", Encoding.UTF8.GetString(VaultCipher.Decrypt(changed, new[] { secret })));
            Assert.Equal(VaultErrorKind.NotVault, Assert.Throws<VaultException>(() => VaultSecretFile.SetSecret(Encoding.UTF8.GetBytes("k: v\n"), "v.yml", new[] { secret }, "k", "x", null)).Kind);
            var none = Assert.Throws<VaultException>(() => VaultSecretFile.SetSecret(null, "v.yml", Array.Empty<VaultSecret>(), "k", "x", null));
            Assert.Equal(VaultErrorKind.NoSecrets, none.Kind);
            Assert.Contains("ANSIBLE_VAULT_PASSWORD_FILE", none.Message);
        }
    }
}
