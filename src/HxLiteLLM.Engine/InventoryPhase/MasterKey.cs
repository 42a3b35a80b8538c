using System;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>LiteLLM master keys: how a strong one is made and what a usable one looks like.</summary>
    public static class MasterKey
    {
        /// <summary>Random bytes behind a new key: 32 bytes = 64 hex characters, as <c>openssl rand -hex 32</c>.</summary>
        public const int RandomBytes = 32;

        private static readonly Regex Shape = new Regex("^sk-[A-Za-z0-9_-]{16,}$", RegexOptions.CultureInvariant);

        /// <summary>Values copied from docs and tutorials, which LiteLLM itself refuses (sk-1234) or everyone knows.</summary>
        private static readonly Regex Example = new Regex(
            @"^sk-(?:1234\d*|x+|0+|(?:test|example|change-?me|your|my|master|secret|admin|dummy|demo|sample|fake)[\w-]*|(.)\1*)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// A new key <c>sk-</c> + 64 lowercase hex characters from the operating system's CSPRNG, as characters the
        /// caller copies into a SecureString and clears; no string is ever made of it here.
        /// </summary>
        public static char[] NewKeyCharacters()
        {
            var random = new byte[RandomBytes];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(random);
            var key = new char[3 + 2 * RandomBytes];
            key[0] = 's';
            key[1] = 'k';
            key[2] = '-';
            const string hex = "0123456789abcdef";
            for (var i = 0; i < random.Length; i++)
            {
                key[3 + 2 * i] = hex[random[i] >> 4];
                key[4 + 2 * i] = hex[random[i] & 0xF];
            }
            Array.Clear(random, 0, random.Length);
            return key;
        }

        /// <summary>Why the key is not usable by LiteLLM as a master key, or null when it is. Never quotes the key.</summary>
        public static string? Problem(string key)
        {
            if (string.IsNullOrWhiteSpace(key)) return "it is empty";
            if (key.Contains("{{")) return null;
            if (!key.StartsWith("sk-", StringComparison.Ordinal)) return "it does not start with 'sk-' (LiteLLM answers 401 to such keys)";
            if (Example.IsMatch(key)) return "it is a well-known example value, which LiteLLM refuses to start with or anyone can guess";
            if (!Shape.IsMatch(key)) return "it is shorter than 16 characters after 'sk-' or holds characters other than letters, digits, '-' and '_'";
            return null;
        }

        /// <summary>The variable names a master key is stored under (the seed's, and the vault_ indirection).</summary>
        public static bool IsMasterKeyName(string name) => name == "litellm_master_key" || name == "vault_litellm_master_key";

        /// <summary>
        /// A key about to be stored must pass the MasterKeyFormat rule first: otherwise a MasterKeyFormat error naming
        /// <paramref name="source"/> and why, never the key, and nothing is stored.
        /// </summary>
        public static void RequireUsable(string key, string source)
        {
            var problem = Problem(key);
            if (problem != null)
            {
                throw new HxException("MasterKeyFormat",
                    source + " is unusable as a master key and was not stored: " + problem + ". Give a key like New-HxMasterKey makes.",
                        kind: HxErrorKind.InvalidArgument);
            }
        }

        /// <summary>A key shown without giving it away: the prefix, the last four characters and the length.</summary>
        public static string Mask(string key) =>
            key.Length <= 12 ? "sk-******** (" + key.Length + " characters)" : key.Substring(0, 3) + "********" + key.Substring(key.Length - 4) + " ("
                + key.Length + " characters)";
    }
}
