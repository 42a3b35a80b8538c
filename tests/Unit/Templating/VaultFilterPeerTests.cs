using System.IO;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>The vault filter's unsalted (random) envelopes, opened by the real ansible-vault.</summary>
    public class VaultFilterPeerTests
    {
        [PeerTheory("ansible-vault")]
        [InlineData("filter_default", "token: s3cr\u00e9t\nsecond line")]
        [InlineData("prod", "x")]
        [InlineData("default", "")]
        public void AnsibleVaultDecryptsTheFiltersEnvelope(string vaultId, string plaintext)
        {
            var work = Path.Combine(Path.GetTempPath(), "hx-vault-filter-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                var vars = new PyDict { ["text"] = plaintext, ["password"] = "correct horse", ["id"] = vaultId };
                var envelope = AnsibleTemplate.Render("{{ text | vault(password, vaultid=id) }}", vars, "vault.j2", new TemplateOptions(), work);
                Assert.StartsWith(vaultId == "default" ? "$ANSIBLE_VAULT;1.1;AES256\n" : "$ANSIBLE_VAULT;1.2;AES256;" + vaultId + "\n", envelope);
                File.WriteAllText(Path.Combine(work, "vaulted.txt"), envelope);
                File.WriteAllText(Path.Combine(work, "password.txt"), "correct horse\n");
                var result = PeerProcess.Run("ansible-vault", new[] { "decrypt", "--vault-password-file", "password.txt", "--output", "-", "vaulted.txt" }, workingDirectory: work);
                Assert.True(result.ExitCode == 0, result.StdErr);
                Assert.Equal(plaintext, result.StdOut);
            }
            finally
            {
                Directory.Delete(work, true);
            }
        }
    }
}
