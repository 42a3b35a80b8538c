using System;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Secrets
{
    /// <summary>
    /// What counts as a secret that must never land in a plain vars file or an inventory line: LiteLLM keys
    /// (<c>sk-…</c>), vault envelopes, and values of variables whose name says they are secret.
    /// </summary>
    public static class SecretPatterns
    {
        /// <summary>A LiteLLM/OpenAI-style key: sk- followed by at least 16 key characters.</summary>
        public static readonly Regex ApiKey = new Regex(@"\bsk-[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant);

        private static readonly Regex SecretName = new Regex(@"(password|passwd|secret|token|master_key|api_key|private_key)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>True when a variable's name marks it as a secret (…password, …token, …master_key, …).</summary>
        public static bool IsSecretName(string name) => SecretName.IsMatch(name);

        public static bool IsVaultEnvelope(string text) => text.TrimStart().StartsWith("$ANSIBLE_VAULT;", StringComparison.Ordinal);

        /// <summary>Why the value must go to a vault instead of a plain file, or null when it may be written in plain text.</summary>
        public static string? ReasonToVault(string name, object? value)
        {
            if (!(value is string text) || text.Length == 0) return null;
            if (IsVaultEnvelope(text)) return null;
            if (ApiKey.IsMatch(text)) return "its value looks like an API key (sk-…)";
            if (IsSecretName(name) && !text.Contains("{{")) return "its name marks it as a secret";
            return null;
        }
    }
}
