using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    public sealed class LiteLLMConfigCheckTests : IDisposable
    {
        private const string GoodKey = "sk-0123456789abcdef0123456789abcdef";
        private const string Models = "model_list:\n  - model_name: llama\n    litellm_params:\n      model: ollama_chat/llama3:8b\n      api_base: http://gpu1:11434\n";
        private const string General = "general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n";
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-config-" + Guid.NewGuid().ToString("N"));

        public LiteLLMConfigCheckTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private List<HxCheckResult> Check(string config, string? env = "LITELLM_MASTER_KEY=" + GoodKey + "\n")
        {
            var path = Path.Combine(_dir, "config.yaml");
            File.WriteAllText(path, config);
            string? envPath = null;
            if (env != null)
            {
                envPath = Path.Combine(_dir, "litellm.env");
                File.WriteAllText(envPath, env);
            }
            var results = LiteLLMConfigCheck.Check(path, envPath).ToList();
            Assert.All(results, r => Assert.Equal(HxCategory.Config, r.Category));
            return results;
        }

        private static HxCheckResult One(List<HxCheckResult> results, string check, string status) =>
            Assert.Single(results, r => r.Check == check && r.Status == status);

        [Fact]
        public void A_good_config_passes()
        {
            var results = Check(Models + General);
            Assert.All(results, r => Assert.True(r.Status == HxStatus.Passed, r.ToString()));
            Assert.Contains(results, r => r.Check == "MasterKeyValue");
        }

        [Fact]
        public void Broken_yaml_fails_with_position()
        {
            var r = One(Check("model_list:\n  - [1, 2\n"), "ConfigYaml", HxStatus.Failed);
            Assert.Matches(@"config\.yaml:\d+:\d+: ", r.Message);
        }

        [Fact]
        public void A_top_level_that_is_not_a_mapping_fails() => One(Check("- a\n- b\n"), "ConfigYaml", HxStatus.Failed);

        [Fact]
        public void Duplicate_keys_are_found_at_any_depth()
        {
            var results = Check(Models + "    model_info:\n      mode: chat\n      mode: embedding\n" + General + "general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n");
            var dups = results.Where(r => r.Check == "ConfigDuplicateKey" && r.Status == HxStatus.Failed).ToList();
            Assert.Equal(2, dups.Count);
            Assert.Contains(dups, d => d.Message.Contains(":8:7: key 'mode' in model_list[0].model_info") && d.Message.Contains("first on line 7"));
            Assert.Contains(dups, d => d.Message.Contains("key 'general_settings' at the top level"));
        }

        [Fact]
        public void Unknown_top_level_keys_warn_with_a_suggestion()
        {
            var r = One(Check(Models + General + "router_setings:\n  num_retries: 2\n"), "ConfigUnknownKey", HxStatus.Warning);
            Assert.Contains("Did you mean 'router_settings'?", r.Message);
        }

        [Fact]
        public void Entries_need_model_name_and_litellm_params_model()
        {
            var results = Check("model_list:\n  - litellm_params:\n      api_base: http://x:11434\n  - model_name: b\n    litellm_params: {}\n" + General);
            var failed = results.Where(r => r.Check == "ModelEntry" && r.Status == HxStatus.Failed).ToList();
            Assert.Equal(2, failed.Count);
            Assert.Contains("model_name and litellm_params.model", failed[0].Message);
            Assert.Contains("model_list[1] (b) has no litellm_params.model", failed[1].Message);
            One(Check("litellm_settings: {}\n" + General), "ModelList", HxStatus.Failed);
        }

        [Theory]
        [InlineData("ollama_chat/llama3", "http://gpu1:11434", HxStatus.Passed)]
        [InlineData("ollama/llama3", "http://gpu1:11434/v1", HxStatus.Failed)]
        [InlineData("ollama_chat/llama3", "http://gpu1:11434/v1/", HxStatus.Failed)]
        [InlineData("hosted_vllm/Qwen/Qwen2.5", "http://gpu1:8000/v1", HxStatus.Passed)]
        [InlineData("hosted_vllm/Qwen/Qwen2.5", "http://gpu1:8000", HxStatus.Failed)]
        [InlineData("hosted_vllm/Qwen/Qwen2.5", "gpu1:8000/v1", HxStatus.Failed)]
        [InlineData("anthropic/claude", "http://whatever", HxStatus.Passed)]
        public void Provider_prefix_and_api_base_shape_must_fit(string model, string apiBase, string expected)
        {
            var results = Check("model_list:\n  - model_name: m\n    litellm_params:\n      model: " + model + "\n      api_base: " + apiBase + "\n" + General);
            Assert.Equal(expected, results.Single(r => r.Check == "ModelApiBase").Status);
        }

        [Fact]
        public void Api_base_from_the_environment_is_checked_through_the_env_file()
        {
            var config = "model_list:\n  - model_name: m\n    litellm_params:\n      model: ollama_chat/x\n      api_base: os.environ/OLLAMA_BASE\n" + General;
            Assert.Equal(HxStatus.Failed, Check(config, "LITELLM_MASTER_KEY=" + GoodKey + "\nOLLAMA_BASE=\"http://g:11434/v1\"\n").Single(r => r.Check == "ModelApiBase").Status);
            Assert.Equal(HxStatus.Skipped, Check(config, null).Single(r => r.Check == "ModelApiBase").Status);
        }

        [Fact]
        public void Openai_needs_a_non_empty_api_key()
        {
            var config = "model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/x\n      api_base: http://v:8000/v1\n      api_key: os.environ/KEY\n" + General;
            Assert.Equal(HxStatus.Failed, Check(config, "LITELLM_MASTER_KEY=" + GoodKey + "\nKEY=\n").Single(r => r.Check == "ModelApiKey").Status);
            Assert.Equal(HxStatus.Passed, Check(config, "LITELLM_MASTER_KEY=" + GoodKey + "\nKEY=none\n").Single(r => r.Check == "ModelApiKey").Status);
            Assert.Equal(HxStatus.Failed, Check(config.Replace("      api_key: os.environ/KEY\n", "")).Single(r => r.Check == "ModelApiKey").Status);
        }

        [Fact]
        public void Every_environment_reference_must_be_in_the_env_file()
        {
            var config = Models + "    model_info:\n      id: os.environ/MODEL_ID\n" + General + "  database_url: os.environ/DATABASE_URL\n";
            var results = Check(config, "LITELLM_MASTER_KEY=" + GoodKey + "\n# DATABASE_URL=commented\nMODEL_ID=\n");
            var r = Assert.Single(results, x => x.Check == "EnvReference" && x.Message.Contains("DATABASE_URL"));
            Assert.Equal(HxStatus.Failed, r.Status);
            Assert.Contains("general_settings.database_url", r.Message);
            Assert.Equal(HxStatus.Failed, results.Single(x => x.Check == "EnvReference" && x.Message.Contains("MODEL_ID")).Status);
            Assert.Equal(HxStatus.Passed, results.Single(x => x.Check == "EnvReference" && x.Message.Contains("LITELLM_MASTER_KEY")).Status);
            Assert.Equal(HxStatus.Skipped, Check(config, null).Single(x => x.Check == "EnvReference").Status);
        }

        [Fact]
        public void A_master_key_under_litellm_settings_fails_as_an_open_gateway()
        {
            var results = Check(Models + "litellm_settings:\n  master_key: " + GoodKey + "\n  database_url: postgres://x\n", "A=1\n");
            var r = One(results, "MasterKeyLocation", HxStatus.Failed);
            Assert.Contains("without authentication", r.Message);
            One(results, "DatabaseUrlLocation", HxStatus.Failed);
            Assert.All(results, x => Assert.DoesNotContain(GoodKey, x.Message + x.Remediation));
        }

        [Fact]
        public void A_missing_master_key_fails_unless_the_env_file_sets_it()
        {
            One(Check(Models, "A=1\n"), "MasterKeyLocation", HxStatus.Failed);
            One(Check(Models), "MasterKeyLocation", HxStatus.Passed);
        }

        [Theory]
        [InlineData("sk-1234", HxStatus.Failed)]
        [InlineData("1234567890abcdef1234567890", HxStatus.Failed)]
        [InlineData("", HxStatus.Failed)]
        [InlineData("sk-short", HxStatus.Warning)]
        [InlineData(GoodKey, HxStatus.Passed)]
        public void The_master_key_must_be_sk_shaped_and_not_an_example(string key, string expected)
        {
            var inline = Check(Models + "general_settings:\n  master_key: \"" + key + "\"\n", null);
            Assert.Equal(expected, inline.Single(r => r.Check == "MasterKeyValue").Status);
            var fromEnv = Check(Models + General, "LITELLM_MASTER_KEY=" + key + "\n");
            Assert.Equal(expected, fromEnv.Single(r => r.Check == "MasterKeyValue").Status);
            if (key.Length > 0) Assert.All(inline.Concat(fromEnv), r => Assert.DoesNotContain(key, r.Message + r.Remediation));
        }
    }
}
