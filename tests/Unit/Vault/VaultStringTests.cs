using System.Text;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    public class VaultStringTests
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        [Fact]
        public void FormatIndentsTenSpacesWithoutFinalNewline()
        {
            var envelope = "$ANSIBLE_VAULT;1.1;AES256\n6162\n6364\n";
            Assert.Equal("db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          6162\n          6364", VaultString.Format("db_password", envelope));
            Assert.Equal("!vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          6162\n          6364", VaultString.Format(null, envelope));
            Assert.StartsWith("\"two words: yes\": !vault |\n", VaultString.Format("two words: yes", envelope));
        }

        [Theory]
        [InlineData("")]
        [InlineData("    ")]
        [InlineData("  ")]
        public void ExtractAcceptsTheBlockWithAnyConsistentIndent(string outerIndent)
        {
            using var secret = VaultSecret.FromPassword("pw", "prod");
            var block = VaultString.Encrypt("token", "välue", secret);
            var envelope = VaultCipher.Encrypt(Utf8.GetBytes("välue"), secret);
            Assert.Equal("välue", Utf8.GetString(VaultString.Decrypt(block, new[] { secret })));

            // As found inside a YAML file (indented by some amount), with CRLF line ends.
            var nested = outerIndent + block.Replace("\n          ", "\n" + outerIndent + "    ").Replace("\n", "\r\n") + "\r\n\r\n";
            Assert.Equal("välue", Utf8.GetString(VaultString.Decrypt(nested, new[] { secret })));

            // As a YAML loader returns the scalar: indentation removed, one trailing newline.
            var scalar = string.Join("\n", block.Split('\n')[1..]).Replace("          ", "") + "\n";
            Assert.Equal(envelope.Split('\n')[0], VaultString.ExtractEnvelope(scalar).Split('\n')[0]);
            Assert.Equal("välue", Utf8.GetString(VaultString.Decrypt(scalar, new[] { secret })));
            Assert.Equal("välue", Utf8.GetString(VaultString.Decrypt("  " + scalar.Replace("\n", "\n  "), new[] { secret })));
            Assert.Equal("välue", Utf8.GetString(VaultString.Decrypt("- " + block.Replace("\n", "\n  "), new[] { secret })));
        }

        [Fact]
        public void InconsistentIndentIsAFormatError()
        {
            var error = Assert.Throws<VaultException>(() => VaultString.ExtractEnvelope("x: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n  6162\n", "vars.yml"));
            Assert.Equal(VaultErrorKind.BadFormat, error.Kind);
            Assert.Equal(3, error.Line);
            Assert.Equal("vars.yml", error.File);
        }
    }
}
