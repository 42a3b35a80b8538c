using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
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
            VaultFiles.EncryptInPlace(path, secret, "prod");
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
            Assert.Equal(VaultErrorKind.AlreadyEncrypted, Assert.Throws<VaultException>(() => VaultFiles.EncryptInPlace(path, secret, null)).Kind);
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
            var outcomes = VaultFiles.ForEachParallel(paths, new[] { secret }, (p, s) => { VaultFiles.EncryptInPlace(p, s[0], null); return null; }, CancellationToken.None).ToList();
            Assert.Equal(Enumerable.Range(0, 21), outcomes.Select(o => o.Index).OrderBy(i => i));
            Assert.Equal("VaultFileNotFound", Assert.Single(outcomes, o => o.Error != null).Error!.ErrorId);
            var read = VaultFiles.ForEachParallel(paths.Take(20).ToList(), new[] { secret }, VaultFiles.ReadPlaintext, CancellationToken.None).OrderBy(o => o.Index);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => "n: " + i + "\n"), read.Select(o => o.Text));
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
