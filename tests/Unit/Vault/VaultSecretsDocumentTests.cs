using System.Text;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    public class VaultSecretsDocumentTests
    {
        [Theory]
        [InlineData("# header\na: 1\nb: old # note\nc: [1, 2]\n", "b", "# header\na: 1\nb: new\nc: [1, 2]\n")]
        [InlineData("a: 1\n", "k2", "a: 1\nk2: new\n")]
        [InlineData("a: 1", "k2", "a: 1\nk2: new\n")]
        [InlineData("", "k2", "k2: new\n")]
        [InlineData("---\n", "k2", "---\nk2: new\n")]
        [InlineData("# only a comment\n", "k2", "# only a comment\nk2: new\n")]
        [InlineData("---\n...\n", "k2", "---\nk2: new\n...\n")]
        [InlineData("a:\n  x: 1\n  y: [2]\n\n# about b\nb: 2\n", "a", "a: new\n\n# about b\nb: 2\n")]
        [InlineData("a: |\n  line\n  # not a comment\nb: 2\n", "a", "a: new\nb: 2\n")]
        [InlineData("a: {x: 1,\n  y: 2}\nb: 2\n", "a", "a: new\nb: 2\n")]
        [InlineData("a:\n- 1\n- 2\nb: 2\n", "a", "a: new\nb: 2\n")]
        [InlineData("\"my key\": x\n", "my key", "\"my key\": new\n")]
        [InlineData("a: 1\r\nb: 2\r\n", "c", "a: 1\r\nb: 2\r\nc: new\r\n")]
        [InlineData("a: 1\r\nb: 2\r\n", "a", "a: new\r\nb: 2\r\n")]
        [InlineData("  a: 1\n  b: 2\n", "c", "  a: 1\n  b: 2\n  c: new\n")]
        [InlineData("\uFEFFa: 1\n", "a", "\uFEFFa: new\n")]
        [InlineData("a: 1\nb: 2\na: 3\n", "a", "a: new\nb: 2\na: new\n")]
        [InlineData("a: 1\n# trailing\n", "z", "a: 1\n# trailing\nz: new\n")]
        [InlineData("a:\nb: 2\n", "a", "a: new\nb: 2\n")]
        public void SetValueRewritesOnlyThatEntry(string before, string key, string after) =>
            Assert.Equal(after, VaultSecretsDocument.SetValue(before, key, "new"));

        [Theory]
        [InlineData("s3cr3t", "s3cr3t")]
        [InlineData("sk-abc_DEF.1/2+3@x", "sk-abc_DEF.1/2+3@x")]
        [InlineData("yes", "\"yes\"")]
        [InlineData("123", "\"123\"")]
        [InlineData("", "\"\"")]
        [InlineData("a: b", "\"a: b\"")]
        [InlineData("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"")]
        [InlineData("l1\nl2\ttab", "\"l1\\nl2\\ttab\"")]
        [InlineData("é ✓ 😀", "\"é ✓ 😀\"")]
        [InlineData("\u0085\u2028\uFEFF\u0001", "\"\\x85\\u2028\\uFEFF\\x01\"")]
        public void ValuesAreQuotedOnlyWhenNeeded(string value, string written) =>
            Assert.Equal("k: " + written + "\n", VaultSecretsDocument.SetValue("", "k", value));

        [Theory]
        [InlineData("- a\n- b\n")]
        [InlineData("{a: 1}\n")]
        [InlineData("just a string\n")]
        [InlineData("a: 1\n---\nb: 2\n")]
        [InlineData("a: [1, secret-text\nb: 2\n")]
        [InlineData("a: 1\n b: secret-text\n")]
        public void NonMappingsAreRefusedWithoutQuotingThem(string plaintext)
        {
            var error = Assert.Throws<VaultException>(() => VaultSecretsDocument.SetValue(plaintext, "k", "v", "vault.yml"));
            Assert.Equal(VaultErrorKind.NotAMapping, error.Kind);
            Assert.Equal("vault.yml", error.File);
            Assert.True(error.Line > 0);
            Assert.DoesNotContain("secret-text", error.ToString());
        }

        [Fact]
        public void SetValueInVaultKeepsSecretAndLabel()
        {
            var utf8 = new UTF8Encoding(false);
            using var dev = VaultSecret.FromPassword("dev-pw", "dev");
            using var prod = VaultSecret.FromPassword("prod-pw", "prod");
            var envelope = VaultCipher.Encrypt(utf8.GetBytes("# secrets\ndb: old\n"), prod);
            var updated = VaultSecretsDocument.SetValueInVault(envelope, new[] { dev, prod }, "api", "k-1");
            Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", updated);
            var opened = VaultCipher.DecryptWithDetails(updated, new[] { dev, prod });
            Assert.Same(prod, opened.Secret);
            Assert.Equal("# secrets\ndb: old\napi: k-1\n", utf8.GetString(opened.Plaintext));
        }
    }
}
