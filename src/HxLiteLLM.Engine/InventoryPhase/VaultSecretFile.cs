using System;
using System.Collections.Generic;
using System.Text;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Setting one secret in a whole-file vault of key: value lines (group_vars/&lt;g&gt;/vault.yml): decrypted in memory
    /// only, re-encrypted with the secret and label that opened it, or a new vault when the file does not exist.
    /// </summary>
    public static class VaultSecretFile
    {
        /// <summary>
        /// The new envelope text, or null when the vault already holds exactly this string for the key (nothing to write).
        /// <paramref name="existing"/> is the current file content, null when there is no file.
        /// </summary>
        public static string? SetSecret(byte[]? existing, string path, IReadOnlyList<VaultSecret> secrets, string key, string value, string? vaultId)
        {
            if (secrets.Count == 0) throw NoSecrets(path);
            if (existing == null)
            {
                var plaintext = new UTF8Encoding(false).GetBytes(VaultSecretsDocument.SetValue("", key, value, path));
                try
                {
                    return VaultCipher.Encrypt(plaintext, secrets[0], vaultId);
                }
                finally
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
            }
            if (!VaultEnvelope.IsEncrypted(existing))
            {
                throw new VaultException(VaultErrorKind.NotVault,
                    "the file exists but is not vault-encrypted, so it may hold plaintext secrets; encrypt it first with Protect-HxVault -Path " + path + ".",
                        path);
            }
            var envelope = Encoding.ASCII.GetString(existing);
            if (HoldsValue(envelope, secrets, key, value, path)) return null;
            return VaultSecretsDocument.SetValueInVault(envelope, secrets, key, value, path);
        }

        /// <summary>True when the existing vault file holds <paramref name="key"/> with a non-empty value (decrypted in memory only).</summary>
        public static bool HoldsKey(byte[] existing, IReadOnlyList<VaultSecret> secrets, string key, string path)
        {
            if (secrets.Count == 0) throw NoSecrets(path);
            if (!VaultEnvelope.IsEncrypted(existing)) return false;
            var plaintext = VaultCipher.Decrypt(Encoding.ASCII.GetString(existing), secrets, path);
            try
            {
                var data = AnsibleYamlReader.Load(new UTF8Encoding(false, true).GetString(plaintext), path);
                return data is IDictionary<object, object?> dict && dict.TryGetValue(key, out var current) && current != null
                    && !(current is string text && text.Length == 0);
            }
            catch (Exception e) when (e is AnsibleYamlException || e is DecoderFallbackException)
            {
                return false;
            }
            finally
            {
                Array.Clear(plaintext, 0, plaintext.Length);
            }
        }

        /// <summary>The error when no password was given in any of the three ways; HxLiteLLM never prompts.</summary>
        public static VaultException NoSecrets(string? path) =>
            new VaultException(VaultErrorKind.NoSecrets,
                "No vault password was given. Give one with -VaultPassword <SecureString>, with -VaultPasswordFile <file>, or by setting " +
                VaultSecret.PasswordFileVariable + " to a password file (HxLiteLLM never prompts).", path);

        private static bool HoldsValue(string envelope, IReadOnlyList<VaultSecret> secrets, string key, string value, string path)
        {
            var plaintext = VaultCipher.Decrypt(envelope, secrets, path);
            try
            {
                var data = AnsibleYamlReader.Load(new UTF8Encoding(false, true).GetString(plaintext), path);
                return data is IDictionary<object, object?> dict && dict.TryGetValue(key, out var current) && current is string text &&
                    string.Equals(text, value, StringComparison.Ordinal);
            }
            catch (Exception e) when (e is AnsibleYamlException || e is DecoderFallbackException)
            {
                // Setting the value reports what is wrong with the plaintext without quoting it.
                return false;
            }
            finally
            {
                Array.Clear(plaintext, 0, plaintext.Length);
            }
        }
    }
}
