using System;
using System.Linq;
using System.Text;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    public class VaultEnvelopeTests
    {
        private const string Password = "Pa55-w0rd-never-shown";
        private const string Plaintext = "api_key: sk-plaintext-never-shown\n";
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private static readonly VaultSecret Secret = VaultSecret.FromPassword(Password);
        private static readonly string Envelope = VaultCipher.Encrypt(Utf8.GetBytes(Plaintext), Secret);

        private static string Open(string envelope) => Utf8.GetString(VaultCipher.Decrypt(envelope, new[] { Secret }, "vault.yml"));

        private static VaultException Fails(Func<object> action, VaultErrorKind kind)
        {
            var error = Assert.Throws<VaultException>(() => action());
            Assert.Equal(kind, error.Kind);
            Assert.DoesNotContain(Password, error.Message);
            Assert.DoesNotContain("plaintext-never-shown", error.ToString());
            return error;
        }

        [Fact]
        public void ReadingIsAsTolerantAsAnsible()
        {
            var lines = Envelope.TrimEnd('\n').Split('\n');
            Assert.Equal(Plaintext, Open(Envelope.Replace("\n", "\r\n")));
            Assert.Equal(Plaintext, Open(Envelope.Replace("\n", "\r")));
            Assert.Equal(Plaintext, Open(Envelope + "\n\n\r\n"));
            Assert.Equal(Plaintext, Open(lines[0] + "\n" + string.Concat(lines.Skip(1)).ToUpperInvariant()));
            Assert.Equal(Plaintext, Open(lines[0] + "\n" + string.Join("\n", Chunks(string.Concat(lines.Skip(1)), 7))));
            Assert.Equal(Plaintext, Open("$ANSIBLE_VAULT ; 1.1 ;AES256  \n" + string.Join("\n", lines.Skip(1))));
            Assert.Equal(Plaintext, Utf8.GetString(VaultCipher.Decrypt(Utf8.GetBytes(Envelope.Replace("\n", "\r\n")), new[] { Secret })));
        }

        [Fact]
        public void HeaderLabelIsUnauthenticated()
        {
            var relabelled = Envelope.Replace("$ANSIBLE_VAULT;1.1;AES256", "$ANSIBLE_VAULT;1.2;AES256;other");
            Assert.Equal(Plaintext, Open(relabelled));
            Assert.Equal("other", VaultEnvelope.Parse(relabelled).VaultId);
            Assert.Equal("1.2", VaultEnvelope.Parse(relabelled).Version);
            Assert.Null(VaultEnvelope.Parse(Envelope).VaultId);
        }

        [Fact]
        public void WrittenEnvelopeRoundTripsThroughParse()
        {
            var lines = Envelope.TrimEnd('\n').Split('\n');
            var sloppy = lines[0] + "\r\n" + string.Join("\r\n", lines.Skip(1)).ToUpperInvariant() + "\r\n\r\n";
            Assert.Equal(Envelope, VaultEnvelope.Parse(sloppy).ToString());
        }

        [Fact]
        public void WrongPasswordNamesTheLabelsTried()
        {
            using var dev = VaultSecret.FromPassword("wrong-one", "dev");
            using var prod = VaultSecret.FromPassword("wrong-two", "prod");
            var labelled = Envelope.Replace(";AES256\n", ";AES256;prod\n").Replace(";1.1;", ";1.2;");
            var error = Fails(() => VaultCipher.Decrypt(labelled, new[] { dev, prod }, "group_vars/all/vault.yml"), VaultErrorKind.WrongPassword);
            Assert.Equal("group_vars/all/vault.yml", error.File);
            Assert.Contains("Decryption failed", error.Message);
            Assert.Contains("labels: prod, dev", error.Message);
            Assert.DoesNotContain("wrong-one", error.Message);
            Assert.DoesNotContain("wrong-two", error.Message);
        }

        [Fact]
        public void TamperingIsDetectedBeforeDecryption()
        {
            var envelope = VaultEnvelope.Parse(Envelope);
            string Rebuild(Action<byte[], byte[]> change)
            {
                var hmac = (byte[])envelope.Hmac.Clone();
                var ciphertext = (byte[])envelope.Ciphertext.Clone();
                change(hmac, ciphertext);
                return new VaultEnvelope(envelope.Version, envelope.Cipher, envelope.VaultId, envelope.Salt, hmac, ciphertext).ToString();
            }
            Fails(() => Open(Rebuild((h, c) => h[31] ^= 1)), VaultErrorKind.WrongPassword);
            Fails(() => Open(Rebuild((h, c) => c[0] ^= 0x80)), VaultErrorKind.WrongPassword);
            Fails(() => Open(Rebuild((h, c) => c[c.Length - 1] ^= 1)), VaultErrorKind.WrongPassword);
        }

        [Fact]
        public void NonVaultInputIsNamed()
        {
            var error = Fails(() => Open(Plaintext), VaultErrorKind.NotVault);
            Assert.Equal("vault.yml", error.File);
            Assert.Contains("not vault encrypted", error.Message);
            Fails(() => Open(" " + Envelope), VaultErrorKind.NotVault);
            Fails(() => Open(""), VaultErrorKind.NotVault);
            Assert.False(VaultEnvelope.IsEncrypted(Plaintext));
            Assert.True(VaultEnvelope.IsEncrypted(Envelope));
        }

        [Fact]
        public void ByteOrderMarkMakesItNotAVault()
        {
            var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8.GetBytes(Envelope)).ToArray();
            Assert.False(VaultEnvelope.IsEncrypted(withBom));
            var error = Fails(() => VaultCipher.Decrypt(withBom, new[] { Secret }, "vault.yml"), VaultErrorKind.NotVault);
            Assert.Contains("byte order mark", error.Message);
            Fails(() => Open("\uFEFF" + Envelope), VaultErrorKind.NotVault);
        }

        [Fact]
        public void NonAsciiAnywhereMakesItNotAVault()
        {
            Assert.False(VaultEnvelope.IsEncrypted(Envelope + "é"));
            Fails(() => Open(Envelope + "é"), VaultErrorKind.NotVault);
        }

        [Fact]
        public void SpacesInALineAreFormatErrorsWithPosition()
        {
            var lines = Envelope.Split('\n');
            lines[2] = lines[2] + " ";
            var error = Fails(() => Open(string.Join("\n", lines)), VaultErrorKind.BadFormat);
            Assert.Equal(3, error.Line);
            Assert.Equal(81, error.Column);
            Assert.Contains("vault.yml:3:81:", error.Message);
            lines = Envelope.Split('\n');
            lines[1] = "  " + lines[1];
            Assert.Equal(1, Fails(() => Open(string.Join("\n", lines)), VaultErrorKind.BadFormat).Column);
        }

        [Fact]
        public void DamagedEnvelopesAreFormatErrors()
        {
            var lines = Envelope.TrimEnd('\n').Split('\n');
            var body = string.Concat(lines.Skip(1));
            Fails(() => Open("$ANSIBLE_VAULT;1.1\n" + body), VaultErrorKind.BadFormat);
            Fails(() => Open(lines[0] + "\n" + body.Substring(1)), VaultErrorKind.BadFormat);
            Fails(() => Open(lines[0] + "\n" + body.Substring(0, 100)), VaultErrorKind.BadFormat);
            Fails(() => Open(lines[0] + "\n"), VaultErrorKind.BadFormat);
            Fails(() => Open(lines[0] + "\n" + Convert.ToHexString(Encoding.ASCII.GetBytes("zz\n00\n00"))), VaultErrorKind.BadFormat);
            var error = Fails(() => Open("$ANSIBLE_VAULT;1.1;AES128\n" + body), VaultErrorKind.UnsupportedCipher);
            Assert.Contains("AES128", error.Message);
        }

        [Fact]
        public void BadPaddingIsAFormatErrorEvenWithAValidHmac()
        {
            // A ciphertext whose HMAC verifies but whose padding is wrong can only come from a broken writer.
            var envelope = VaultEnvelope.Parse(Envelope);
            var keys = Secret.KeysFor(envelope.Salt);
            var ciphertext = AesCtr.Transform(keys.AesKey, keys.InitialCounter, new byte[16]);
            using var hmac = new System.Security.Cryptography.HMACSHA256(keys.HmacKey);
            var forged = new VaultEnvelope("1.1", "AES256", null, envelope.Salt, hmac.ComputeHash(ciphertext), ciphertext).ToString();
            Fails(() => Open(forged), VaultErrorKind.BadFormat);
        }

        private static string[] Chunks(string text, int size) =>
            Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - i * size))).ToArray();
    }
}
