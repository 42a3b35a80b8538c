using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class LiteLLMVariableRulesTests
    {
        private const string Example = "litellm_bind_host: 127.0.0.1\nlitellm_port: 4000\nlitellm_backends:\n  ollama:\n    api_base: http://127.0.0.1:11434\n" +
            "  vllm:\n    api_base: http://10.0.0.9:8000/v1\nlitellm_models:\n  - model_name: llama3-8b\n    backend: ollama\n    model: ollama_chat/llama3:8b\n" +
            "  - model_name: qwen\n    backend: vllm\n    model: hosted_vllm/Qwen/Qwen2.5-Coder-7B-Instruct\n";

        private static readonly string GoodKey = "sk-" + new string('5', 60) + "0b0e";

        [Theory]
        [InlineData("http://h:11434", "ollama_chat", null)]
        [InlineData("http://h:11434/v1", "ollama_chat", "without /v1")]
        [InlineData("http://h:11434/api", "ollama", "without /v1 or /api")]
        [InlineData("http://h:8000/v1", "hosted_vllm", null)]
        [InlineData("https://h/v1/", "openai", null)]
        [InlineData("http://h:8000", "hosted_vllm", "ending in /v1")]
        [InlineData("ftp://h/v1", "openai", "http or https")]
        [InlineData("h:8000/v1", "openai", "")]
        [InlineData("http://h:99999/v1", "openai", "")]
        [InlineData("http://h:8000/v1?x=1", "openai", "query")]
        public void ChecksBackendUrlsPerProvider(string url, string provider, string? problem)
        {
            var actual = LiteLLMVariableRules.UrlProblem(url, new[] { provider });
            if (problem == null) Assert.Null(actual);
            else Assert.Contains(problem, actual);
        }

        [Fact]
        public void PassesTheExampleWithAVaultedKeyAndNamesEachCheck()
        {
            using var t = Inventory(Example, vault: "litellm_master_key: " + GoodKey + "\n");
            var results = Run(t);
            Assert.All(results, r => Assert.True(r.Status == HxStatus.Passed, r.ToString()));
            Assert.Equal(new[] { "BackendUrl", "BindHost", "MasterKeyFormat", "MasterKeyVaulted", "ModelEntry", "Port", "SecretInPlainVars", "VaultDecrypt" },
                results.Select(r => r.Check).Distinct().OrderBy(c => c, StringComparer.Ordinal));
            Assert.All(results, r => Assert.Equal("Inventory", r.Phase));
            Assert.Contains(results, r => r.Target == "gw1/litellm_backends.vllm.api_base");
        }

        [Fact]
        public void ReportsEachProblemWithAConcreteRemediation()
        {
            var vars = "litellm_bind_host: 'not a host!'\nlitellm_port: 70000\nlitellm_master_key: sk-1234\nlitellm_prot: 1\n" +
                "litellm_backends:\n  ollama:\n    api_base: http://127.0.0.1:11434/v1\n" +
                "litellm_models:\n  - model_name: a\n    backend: ollama\n    model: olama_chat/x\n  - model: ollama_chat/y\n    backend: nope\n  - just a string\n" +
                "other_token: abc\n";
            using var t = Inventory(vars);
            var results = Run(t);
            HxCheckResult One(string check, string target) => Assert.Single(results, r => r.Check == check && r.Target == "gw1/" + target);
            Assert.Equal(HxStatus.Failed, One("BindHost", "litellm_bind_host").Status);
            Assert.StartsWith("Set-HxGroupVars -InventoryPath '" + t.PathOf("hosts.ini") + "' -Group litellm -Variable @{ litellm_port = 4000 }", One("Port", "litellm_port").Remediation);
            Assert.Contains("/v1", One("BackendUrl", "litellm_backends.ollama.api_base").Message);
            Assert.Contains("did you mean 'ollama_chat/'", One("ModelEntry", "litellm_models[0]").Message);
            Assert.Contains("model_name", One("ModelEntry", "litellm_models[1]").Message);
            Assert.Contains("'nope'", One("ModelEntry", "litellm_models[1]").Message);
            Assert.Contains("not a mapping", One("ModelEntry", "litellm_models[2]").Message);
            var vaulted = One("MasterKeyVaulted", "litellm_master_key");
            Assert.Equal(HxStatus.Failed, vaulted.Status);
            Assert.Equal(HxCategory.Vault, vaulted.Category);
            Assert.StartsWith("New-Item -ItemType Directory '" + t.PathOf("group_vars/litellm") + "' | Out-Null; Move-Item '" + t.PathOf("group_vars/litellm.yml") + "'", vaulted.Remediation);
            Assert.Contains("Set-HxVaultSecret -Path '" + t.PathOf("group_vars/litellm/vault.yml") + "' -Name litellm_master_key -Value (New-HxMasterKey)", vaulted.Remediation);
            Assert.Equal(HxStatus.Failed, One("MasterKeyFormat", "litellm_master_key").Status);
            Assert.DoesNotContain("sk-1234", One("MasterKeyFormat", "litellm_master_key").Message);
            Assert.Equal(HxStatus.Failed, One("SecretInPlainVars", "other_token").Status);
            Assert.Contains("did you mean litellm_port?", One("UnknownVariable", "litellm_prot").Message);
        }

        [Fact]
        public void ReportsMissingVariablesAndTheSaltKeyForADatabase()
        {
            using var t = Inventory("litellm_port: 4000\n", vault: "litellm_database_url: postgresql://u:p@db/l\n");
            var results = Run(t);
            Assert.Equal(new[] { "litellm_backends", "litellm_bind_host", "litellm_master_key", "litellm_models" },
                results.Where(r => r.Check == "RequiredVariable").Select(r => r.Target.Split('/')[1]).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Single(results, r => r.Check == "SaltKey" && r.Status == HxStatus.Warning);
            Assert.DoesNotContain(results, r => r.Check == "SecretInPlainVars" && r.Status == HxStatus.Failed);
        }

        [Fact]
        public void DecryptsInlineVaultsAndSkipsWhatItCannotOpen()
        {
            using var secret = VaultSecret.FromPassword("pw");
            var inline = VaultString.Encrypt("litellm_master_key", GoodKey, secret);
            using var t = Inventory(Example + inline + "\n");
            var opened = Run(t);
            Assert.Equal(HxStatus.Passed, Assert.Single(opened, r => r.Check == "MasterKeyVaulted").Status);
            Assert.Contains("inline", Assert.Single(opened, r => r.Check == "MasterKeyVaulted").Message);
            Assert.Equal(HxStatus.Passed, Assert.Single(opened, r => r.Check == "MasterKeyFormat").Status);
            var closed = InventoryVariableValidation.Run(t.PathOf("hosts.ini"), "litellm", Array.Empty<VaultSecret>(), new SecretRedactor());
            Assert.Equal(HxStatus.Skipped, Assert.Single(closed, r => r.Check == "MasterKeyVaulted").Status);
            Assert.DoesNotContain(closed, r => r.Check == "RequiredVariable");
        }

        [Fact]
        public void AnUnopenedVaultFileIsAFailedResultNotAnError()
        {
            using var t = Inventory(Example, vault: "litellm_master_key: " + GoodKey + "\n");
            using var wrong = VaultSecret.FromPassword("wrong");
            var results = InventoryVariableValidation.Run(t.PathOf("hosts.ini"), "litellm", new[] { wrong }, new SecretRedactor());
            var decrypt = Assert.Single(results, r => r.Check == "VaultDecrypt");
            Assert.Equal(HxStatus.Failed, decrypt.Status);
            Assert.Contains("Decryption failed", decrypt.Message);
            Assert.Equal(HxStatus.Skipped, Assert.Single(results, r => r.Check == "MasterKeyVaulted").Status);
        }

        [Fact]
        public void RegistersEveryDecryptedValueAndNamesItInNoResult()
        {
            using var t = Inventory(Example, vault: "litellm_master_key: " + GoodKey + "\n");
            var redactor = new SecretRedactor();
            var results = Run(t, redactor);
            Assert.True(redactor.ContainsSecret("x " + GoodKey));
            Assert.DoesNotContain(results, r => r.Message.Contains(GoodKey) || r.Remediation.Contains(GoodKey));
        }

        [Fact]
        public void ReportsAMissingGroupAndAnUnreadableInventory()
        {
            using var t = Inventory(Example);
            Assert.Equal("GroupHosts", Assert.Single(InventoryVariableValidation.Run(t.PathOf("hosts.ini"), "nope", Array.Empty<VaultSecret>(), new SecretRedactor())).Check);
            t.Write("hosts.ini", "[litellm\n");
            Assert.Equal("InventoryLoad", Assert.Single(InventoryVariableValidation.Run(t.PathOf("hosts.ini"), "litellm", Array.Empty<VaultSecret>(), new SecretRedactor())).Check);
            // Without an inventory nothing is checked: the InventoryNotFound error of every command, not a result.
            var missing = Assert.Throws<HxException>(() => InventoryVariableValidation.Run(t.PathOf("missing.ini"), "litellm", Array.Empty<VaultSecret>(), new SecretRedactor()));
            Assert.Equal(("InventoryNotFound", HxErrorKind.NotFound), (missing.ErrorId, missing.ErrorKind));
        }

        private static List<HxCheckResult> Run(TempTree t, SecretRedactor? redactor = null)
        {
            using var secret = VaultSecret.FromPassword("pw");
            return InventoryVariableValidation.Run(t.PathOf("hosts.ini"), "litellm", new[] { secret }, redactor ?? new SecretRedactor());
        }

        /// <summary>hosts.ini with gw1 in litellm; the plain vars as group_vars/litellm.yml, or in main.yml beside a vault.yml.</summary>
        private static TempTree Inventory(string plainVars, string? vault = null)
        {
            var t = new TempTree();
            t.Write("hosts.ini", "[litellm]\ngw1\n");
            if (vault == null)
            {
                t.Write("group_vars/litellm.yml", plainVars);
                return t;
            }
            t.Write("group_vars/litellm/main.yml", plainVars);
            using var secret = VaultSecret.FromPassword("pw");
            t.Write("group_vars/litellm/vault.yml", VaultCipher.Encrypt(Encoding.UTF8.GetBytes(vault), secret));
            return t;
        }
    }
}
