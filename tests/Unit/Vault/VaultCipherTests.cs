using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    public class VaultCipherTests
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        [Theory]
        [InlineData("password", "salt", 1, 80)]
        [InlineData("password", "salt", 2, 32)]
        [InlineData("", "", 3, 33)]
        [InlineData("pässwörd ✓", "0123456789abcdef0123456789abcdef", 10000, 80)]
        [InlineData("a-password-longer-than-one-sha256-block-of-sixty-four-bytes-0123456789", "s", 100, 80)]
        public void Pbkdf2MatchesTheRuntimeImplementation(string password, string salt, int iterations, int length)
        {
            var expected = Rfc2898DeriveBytes.Pbkdf2(Utf8.GetBytes(password), Utf8.GetBytes(salt), iterations, HashAlgorithmName.SHA256, length);
            Assert.Equal(expected, Pbkdf2HmacSha256.DeriveBytesManaged(Utf8.GetBytes(password), Utf8.GetBytes(salt), iterations, length));
        }

        [Fact]
        public void Pbkdf2MatchesThePublishedVector()
        {
            // RFC 7914 §11: PBKDF2-HMAC-SHA256 ("passwd", "salt", c=1, dkLen=64), first 16 bytes.
            var key = Pbkdf2HmacSha256.DeriveBytesManaged(Utf8.GetBytes("passwd"), Utf8.GetBytes("salt"), 1, 64);
            Assert.Equal("55ac046e56e3089fec1691c22544b605", Convert.ToHexString(key, 0, 16).ToLowerInvariant());
        }

        [Fact]
        public void CtrCounterCarriesAcrossAllSixteenBytes()
        {
            var key = new byte[32];
            var counter = Enumerable.Repeat((byte)0xff, 16).ToArray();
            var keystream = AesCtr.Transform(key, counter, new byte[48]);
            using var aes = Aes.Create();
            aes.Key = key;
            var expected = new List<byte>();
            foreach (var block in new[] { counter, new byte[16], Enumerable.Range(0, 16).Select(i => (byte)(i == 15 ? 1 : 0)).ToArray() })
                expected.AddRange(aes.EncryptEcb(block, PaddingMode.None));
            Assert.Equal(expected.ToArray(), keystream);
        }

        public static IEnumerable<object[]> FixedSaltCases()
        {
            using var index = JsonDocument.Parse(File.ReadAllText(VaultScratch.FixturePath("fixed-salt.json")));
            foreach (var item in index.RootElement.EnumerateArray())
                yield return new object[] { item.GetProperty("file").GetString()! };
        }

        [Theory]
        [MemberData(nameof(FixedSaltCases))]
        public void FixedSaltEncryptionIsByteExact(string file)
        {
            using var index = JsonDocument.Parse(File.ReadAllText(VaultScratch.FixturePath("fixed-salt.json")));
            var item = index.RootElement.EnumerateArray().Single(e => e.GetProperty("file").GetString() == file);
            var plaintext = Convert.FromHexString(item.GetProperty("plaintext_hex").GetString()!);
            var salt = Convert.FromHexString(item.GetProperty("salt_hex").GetString()!);
            var vaultId = item.GetProperty("vault_id").ValueKind == JsonValueKind.Null ? null : item.GetProperty("vault_id").GetString();
            using var secret = VaultSecret.FromBytes(Convert.FromHexString(item.GetProperty("password_hex").GetString()!), vaultId);
            var expected = File.ReadAllBytes(VaultScratch.FixturePath(file));

            Assert.Equal(expected, Utf8.GetBytes(VaultCipher.Encrypt(plaintext, secret, null, salt)));
            Assert.Equal(plaintext, VaultCipher.Decrypt(expected, new[] { secret }, file));
        }

        [Fact]
        public void EnvelopeHasAnsibleLayout()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var plaintext = Utf8.GetBytes(new string('x', 100));
            var envelope = VaultCipher.Encrypt(plaintext, secret);
            var lines = envelope.Split('\n');
            Assert.Equal("$ANSIBLE_VAULT;1.1;AES256", lines[0]);
            Assert.Equal("", lines[^1]);
            var body = lines.Skip(1).Take(lines.Length - 2).ToArray();
            Assert.All(body.Take(body.Length - 1), l => Assert.Equal(80, l.Length));
            Assert.All(body, l => Assert.Matches("^[0-9a-f]+$", l));
            Assert.Equal(260 + 4 * 112, string.Concat(body).Length);
        }

        [Fact]
        public void LabelsChooseTheHeaderVersion()
        {
            using var plain = VaultSecret.FromPassword("pw");
            using var prod = VaultSecret.FromPassword("pw", "prod");
            var data = Utf8.GetBytes("v");
            Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", VaultCipher.Encrypt(data, plain));
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", VaultCipher.Encrypt(data, prod));
            Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", VaultCipher.Encrypt(data, prod, "default"));
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;dev\n", VaultCipher.Encrypt(data, plain, "dev"));
            var error = Assert.Throws<VaultException>(() => VaultCipher.Encrypt(data, plain, "a;b"));
            Assert.Equal(VaultErrorKind.InvalidLabel, error.Kind);
        }

        [Fact]
        public void EachEncryptionUsesAFreshSalt()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var data = Utf8.GetBytes("same");
            Assert.NotEqual(VaultCipher.Encrypt(data, secret), VaultCipher.Encrypt(data, secret));
        }

        [Fact]
        public void DecryptTriesEverySecretLabelFirst()
        {
            using var wrong = VaultSecret.FromPassword("wrong", "dev");
            using var right = VaultSecret.FromPassword("right", "other");
            using var prod = VaultSecret.FromPassword("right", "prod");
            var envelope = VaultCipher.Encrypt(Utf8.GetBytes("payload"), prod);

            var opened = VaultCipher.DecryptWithDetails(envelope, new[] { wrong, right, prod });
            Assert.Same(prod, opened.Secret);
            Assert.Equal("prod", opened.Envelope.VaultId);

            // The label is only a hint: a secret with another label still opens it.
            Assert.Same(right, VaultCipher.DecryptWithDetails(envelope, new[] { wrong, right }).Secret);
        }

        [Fact]
        public void AlreadyEncryptedInputIsRefused()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var envelope = VaultCipher.Encrypt(Utf8.GetBytes("x"), secret);
            var error = Assert.Throws<VaultException>(() => VaultCipher.Encrypt(Utf8.GetBytes(envelope), secret));
            Assert.Equal(VaultErrorKind.AlreadyEncrypted, error.Kind);
        }

        [Fact]
        public void NoSecretsIsReported()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var envelope = VaultCipher.Encrypt(Utf8.GetBytes("x"), secret);
            var error = Assert.Throws<VaultException>(() => VaultCipher.Decrypt(envelope, Array.Empty<VaultSecret>(), "f.yml"));
            Assert.Equal(VaultErrorKind.NoSecrets, error.Kind);
            Assert.Equal("f.yml", error.File);
        }

        [Fact]
        public void KeysAreDerivedOncePerSalt()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var salt = new byte[32];
            var keys = secret.KeysFor(salt);
            Assert.Same(keys, secret.KeysFor((byte[])salt.Clone()));
            salt[0] = 1;
            Assert.NotSame(keys, secret.KeysFor(salt));
        }

        [Fact]
        public void DisposedSecretsCannotBeUsed()
        {
            var secret = VaultSecret.FromPassword("pw");
            secret.Dispose();
            Assert.Throws<ObjectDisposedException>(() => VaultCipher.Encrypt(Utf8.GetBytes("x"), secret));
        }
    }
}
