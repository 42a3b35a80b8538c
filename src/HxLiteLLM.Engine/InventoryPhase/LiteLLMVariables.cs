using System;
using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>One inventory variable the LiteLLM role knows.</summary>
    public sealed class LiteLLMVariable
    {
        internal LiteLLMVariable(string name, bool required, bool secret, string example, string description)
        {
            Name = name;
            Required = required;
            Secret = secret;
            Example = example;
            Description = description;
        }

        public string Name { get; }
        public bool Required { get; }
        /// <summary>Must live in an encrypted vault, never in plain vars.</summary>
        public bool Secret { get; }
        /// <summary>A PowerShell literal of a typical value, for remediation commands.</summary>
        public string Example { get; }
        public string Description { get; }
    }

    /// <summary>
    /// The variables the LiteLLM deployment reads: those of the bundled example (examples/hx-dev/inventory/group_vars/
    /// litellm.yml) plus the secrets and settings litellm.md names (master key, salt key, database URL, workers, mode).
    /// The one list both validation and did-you-mean suggestions use.
    /// </summary>
    public static class LiteLLMVariables
    {
        public static readonly IReadOnlyList<LiteLLMVariable> All = new[]
        {
            new LiteLLMVariable("litellm_bind_host", true, false, "'127.0.0.1'", "address the proxy listens on (HOST); an IP address or host name"),
            new LiteLLMVariable("litellm_port", true, false, "4000", "port the proxy listens on (PORT), an integer 1-65535"),
            new LiteLLMVariable("litellm_backends", true, false, "@{ ollama = @{ api_base = 'http://127.0.0.1:11434' } }",
                "backends by name, each with an api_base URL"),
            new LiteLLMVariable("litellm_models", true, false, "@(@{ model_name = 'llama3-8b'; backend = 'ollama'; model = 'ollama_chat/llama3:8b' })",
                "model_list entries: model_name, model (<provider>/<model>), backend"),
            new LiteLLMVariable("litellm_master_key", true, true, "(New-HxMasterKey)", "admin key (LITELLM_MASTER_KEY): sk-…, in an encrypted vault"),
            new LiteLLMVariable("litellm_salt_key", false, true, "(New-HxMasterKey)",
                "encrypts credentials stored in the database (LITELLM_SALT_KEY); set before the first DB write, never change"),
            new LiteLLMVariable("litellm_database_url", false, true, "(Read-Host -AsSecureString)",
                "Postgres URL for virtual keys and spend (DATABASE_URL); holds a password"),
            new LiteLLMVariable("litellm_version", false, false, "'1.55.8'", "pinned litellm[proxy] version"),
            new LiteLLMVariable("litellm_install_dir", false, false, "'/opt/litellm'", "installation folder"),
            new LiteLLMVariable("litellm_venv_dir", false, false, "'/opt/litellm/venv'", "Python virtual environment of the proxy"),
            new LiteLLMVariable("litellm_config_dir", false, false, "'/etc/litellm'", "folder of config.yaml and the environment file"),
            new LiteLLMVariable("litellm_log_level", false, false, "'INFO'", "LITELLM_LOG: INFO, DEBUG or ERROR"),
            new LiteLLMVariable("litellm_num_workers", false, false, "2", "NUM_WORKERS, about the number of vCPUs"),
            new LiteLLMVariable("litellm_mode", false, false, "'PRODUCTION'", "LITELLM_MODE: PRODUCTION does not load a stray .env"),
        };

        /// <summary>Provider prefixes of <c>model</c> LiteLLM routes (the self-hosted ones first).</summary>
        public static readonly IReadOnlyList<string> KnownProviders = new[]
        {
            "ollama_chat", "ollama", "hosted_vllm", "openai", "vllm", "lm_studio", "llamafile", "text-completion-openai",
            "azure", "azure_ai", "anthropic", "bedrock", "vertex_ai", "gemini", "groq", "mistral", "huggingface", "together_ai",
            "openrouter", "deepseek", "cohere", "xai", "fireworks_ai", "databricks", "sagemaker", "watsonx", "perplexity",
            "nvidia_nim", "cerebras",
        };

        /// <summary>Providers whose api_base is the Ollama server itself, without /v1.</summary>
        public static readonly IReadOnlyList<string> OllamaProviders = new[] { "ollama_chat", "ollama" };

        /// <summary>Providers that speak the OpenAI API and need an api_base ending in /v1.</summary>
        public static readonly IReadOnlyList<string> OpenAICompatibleProviders = new[] { "hosted_vllm", "openai", "vllm", "lm_studio", "llamafile",
            "text-completion-openai" };

        public static LiteLLMVariable? Get(string name) => All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));

        public static IEnumerable<string> Names => All.Select(v => v.Name);
    }
}
