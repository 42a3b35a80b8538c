using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    /// <summary>Differential tests against the real ansible-vault / ansible (ansible-core 2.14), both directions.</summary>
    public class VaultPeerTests
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private const string DefaultPassword = "correct horse battery";
        private const string ProdPassword = "prød pässword ✓";

        private static readonly Dictionary<string, byte[]> Plaintexts = new Dictionary<string, byte[]>
        {
            ["multibyte.txt"] = Utf8.GetBytes("héllo wörld ✓ 😀\nzweite Zeile\n"),
            ["no-newline.txt"] = Utf8.GetBytes("no trailing newline"),
            ["empty.txt"] = Array.Empty<byte>(),
            ["crlf.txt"] = Utf8.GetBytes("a: 1\r\nb: 2\r\n"),
            ["one-block.txt"] = Utf8.GetBytes("0123456789abcdef"),
            ["large.yml"] = Utf8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => "key_" + i + ": value " + i + "\n"))),
        };

        private sealed class Setup : IDisposable
        {
            public Setup()
            {
                DefaultFile = Scratch.Write("pw-default", DefaultPassword + "\n");
                ProdFile = Scratch.Write("pw-prod", ProdPassword + "\n");
                Default = VaultSecret.FromFile(DefaultFile);
                Prod = VaultSecret.FromFile(ProdFile, "prod");
            }

            public VaultScratch Scratch { get; } = new VaultScratch();
            public string DefaultFile { get; }
            public string ProdFile { get; }
            public VaultSecret Default { get; }
            public VaultSecret Prod { get; }
            public VaultSecret[] Both => new[] { Default, Prod };

            public string[] VaultIds => new[] { "--vault-id", "default@" + DefaultFile, "--vault-id", "prod@" + ProdFile };

            public void Dispose()
            {
                Default.Dispose();
                Prod.Dispose();
                Scratch.Dispose();
            }
        }

        [PeerFact("ansible-vault")]
        public void FilesEncryptedByAnsibleVaultDecryptHere()
        {
            using var setup = new Setup();
            foreach (var (name, content) in Plaintexts)
            {
                setup.Scratch.Write("v11-" + name, content);
                setup.Scratch.Write("v12-" + name, content);
            }
            setup.Scratch.Run("ansible-vault", new[] { "encrypt", "--vault-password-file", setup.DefaultFile }.Concat(Plaintexts.Keys.Select(n => "v11-" + n)).ToArray());
            setup.Scratch.Run("ansible-vault", new[] { "encrypt", "--vault-id", "prod@" + setup.ProdFile }.Concat(Plaintexts.Keys.Select(n => "v12-" + n)).ToArray());

            foreach (var (name, content) in Plaintexts)
            {
                var v11 = File.ReadAllBytes(setup.Scratch.PathOf("v11-" + name));
                var v12 = File.ReadAllBytes(setup.Scratch.PathOf("v12-" + name));
                Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", Encoding.ASCII.GetString(v11));
                Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", Encoding.ASCII.GetString(v12));
                Assert.Equal(content, VaultCipher.Decrypt(v11, setup.Both, name));
                var opened = VaultCipher.DecryptWithDetails(v12, setup.Both, name);
                Assert.Equal(content, opened.Plaintext);
                Assert.Same(setup.Prod, opened.Secret);
                // What ansible-vault wrote is exactly what this writer would produce for the same salt.
                Assert.Equal(Encoding.ASCII.GetString(v12), VaultCipher.Encrypt(content, setup.Prod, null, opened.Envelope.Salt));
            }
        }

        [PeerFact("ansible-vault")]
        public void EncryptStringOutputDecryptsHere()
        {
            using var setup = new Setup();
            var values = new[] { "héllo ✓ 😀", "two\nlines", "trailing space " };
            var args = new List<string> { "encrypt_string", "--vault-password-file", setup.DefaultFile };
            for (var i = 0; i < values.Length; i++) args.AddRange(new[] { "--name", "s" + i });
            args.AddRange(values);
            var byArgs = setup.Scratch.Run("ansible-vault", args.ToArray()).StdOut;
            var byStdin = PeerProcess.Run("ansible-vault", new[] { "encrypt_string", "--vault-id", "prod@" + setup.ProdFile, "--stdin-name", "piped" },
                "echo'd value\n", setup.Scratch.Dir, setup.Scratch.Environment);
            Assert.True(byStdin.ExitCode == 0, byStdin.StdErr);

            var blocks = SplitBlocks(byArgs);
            Assert.Equal(values.Length, blocks.Count);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.StartsWith("s" + i + ": !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n", blocks[i]);
                Assert.Equal(values[i], Utf8.GetString(VaultString.Decrypt(blocks[i], setup.Both)));
                Assert.Equal(blocks[i], VaultString.Format("s" + i, VaultString.ExtractEnvelope(blocks[i])));
            }
            var piped = Assert.Single(SplitBlocks(byStdin.StdOut));
            Assert.StartsWith("piped: !vault |\n          $ANSIBLE_VAULT;1.2;AES256;prod\n", piped);
            var opened = VaultCipher.DecryptWithDetails(VaultString.ExtractEnvelope(piped), setup.Both);
            Assert.Equal("echo'd value\n", Utf8.GetString(opened.Plaintext));
            Assert.Same(setup.Prod, opened.Secret);
            Assert.Equal(piped, VaultString.Format("piped", opened.Envelope.ToString()));
        }

        [PeerFact("ansible-vault")]
        public void FilesEncryptedHereDecryptWithAnsibleVault()
        {
            using var setup = new Setup();
            foreach (var (name, content) in Plaintexts)
            {
                setup.Scratch.Write("v11-" + name, VaultCipher.Encrypt(content, setup.Default));
                setup.Scratch.Write("v12-" + name, VaultCipher.Encrypt(content, setup.Prod));
            }
            var document = VaultSecretsDocument.SetValue("# secrets\ndb_password: old\n", "db_password", "n3w: value #1");
            document = VaultSecretsDocument.SetValue(document, "api_key", "sk-123");
            setup.Scratch.Write("secrets.yml", VaultCipher.Encrypt(Utf8.GetBytes(document), setup.Prod));

            var files = Plaintexts.Keys.SelectMany(n => new[] { "v11-" + n, "v12-" + n }).ToArray();
            setup.Scratch.Run("ansible-vault", new[] { "decrypt" }.Concat(setup.VaultIds).Concat(files).ToArray());
            foreach (var (name, content) in Plaintexts)
            {
                Assert.Equal(content, File.ReadAllBytes(setup.Scratch.PathOf("v11-" + name)));
                Assert.Equal(content, File.ReadAllBytes(setup.Scratch.PathOf("v12-" + name)));
            }
            var view = setup.Scratch.Run("ansible-vault", "view", "--vault-id", "prod@" + setup.ProdFile, "secrets.yml");
            Assert.Equal("# secrets\ndb_password: \"n3w: value #1\"\napi_key: sk-123\n", view.StdOut);
        }

        [PeerFact("ansible", "ansible-vault")]
        public void AnsibleReadsInlineAndWholeFileVaultsWrittenHere()
        {
            using var setup = new Setup();
            var inline = new Dictionary<string, string> { ["s0"] = "héllo ✓ 😀", ["s1"] = "multi\nline\n", ["s2"] = "#not a comment" };
            var vars = new StringBuilder("---\n");
            vars.Append(VaultString.Encrypt("s0", inline["s0"], setup.Default)).Append('\n');
            vars.Append(VaultString.Encrypt("s1", inline["s1"], setup.Prod)).Append('\n');
            // The same block nested one level deeper, as it sits inside a mapping.
            vars.Append("nested:\n  ").Append(VaultString.Encrypt("s2", inline["s2"], setup.Default).Replace("\n", "\n  ")).Append('\n');
            setup.Scratch.Write("inline.yml", vars.ToString());

            // Values that would change type or break the line if written plain.
            var tricky = new[] { "yes", "0755", "1:20", "2024-01-01", "~", "null", "", " lead", "trail ", "a: b", "c #d", "- dash",
                "*star", "&amp", "!bang", "%pct", "@at", "`tick", "{x}", "[y]", "'q'", "\"dq\"", "back\\slash", "tab\tin", "nl\nin",
                "é ✓", "😀", "\u0085nel", "\u00a0nbsp", "\u2028ls" };
            var document = "# generated\nkeep_me: untouched\n";
            for (var i = 0; i < tricky.Length; i++) document = VaultSecretsDocument.SetValue(document, "t" + i, tricky[i]);
            setup.Scratch.Write("secrets.yml", VaultCipher.Encrypt(Utf8.GetBytes(document), setup.Default));

            var names = new[] { "s0", "s1", "nested.s2", "keep_me" }.Concat(tricky.Select((_, i) => "t" + i)).ToArray();
            var expected = new[] { inline["s0"], inline["s1"], inline["s2"], "untouched" }.Concat(tricky);
            var result = setup.Scratch.Run("ansible", new[] { "localhost", "-m", "debug", "-a", "msg={{ [" + string.Join(", ", names) + "] | map('b64encode') | join(',') }}",
                "-e", "@inline.yml", "-e", "@secrets.yml" }.Concat(setup.VaultIds).ToArray());
            Assert.Contains("\"msg\": \"" + string.Join(",", expected.Select(v => Convert.ToBase64String(Utf8.GetBytes(v)))) + "\"", result.StdOut);
        }

        /// <summary>encrypt_string output: each block starts at a line without indentation.</summary>
        private static List<string> SplitBlocks(string output)
        {
            var blocks = new List<string>();
            foreach (var line in output.TrimEnd('\n').Split('\n'))
            {
                if (line.StartsWith(' ')) blocks[^1] += "\n" + line;
                else blocks.Add(line);
            }
            return blocks;
        }
    }
}
