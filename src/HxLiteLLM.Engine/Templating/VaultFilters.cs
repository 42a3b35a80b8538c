using System.Text;
using HxLiteLLM.Vault;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// Ansible's vault and unvault filters (filter/encryption.py). The password is an argument of the template and is
    /// never echoed; failures name the step only.
    /// </summary>
    internal static class VaultFilters
    {
        private const string DefaultVaultId = "filter_default";

        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(VaultFilter, "vault"),
            new FilterDefinition(Unvault, "unvault"),
        };

        /// <summary>
        /// An envelope with the vault id in a 1.2 header (format 1.1 for "default"); a given salt makes it reproducible,
        /// as in Ansible. wrap_object gives the same text (Ansible's wrapper prints as its envelope).
        /// </summary>
        public static object? VaultFilter(Interpreter it, object? v, CallArgs a)
        {
            var secret = Secret(a.Required(0, "secret"), "Secret passed is required to be a string, instead we got: ");
            if (!(Ops.Check(v) is string data)) throw new TemplateError("Can only vault strings, instead we got: " + Ops.TypeName(v));
            var salt = a.Get(1, "salt");
            var vaultId = Ops.Str(a.Get(2, "vaultid", DefaultVaultId));
            try
            {
                using (var vaultSecret = VaultSecret.FromBytes(Encoding.UTF8.GetBytes(secret), vaultId))
                {
                    var plaintext = Encoding.UTF8.GetBytes(data);
                    if (salt == null) return VaultCipher.Encrypt(plaintext, vaultSecret, vaultId);
                    var saltText = Ops.Str(salt);
                    if (saltText.Length == 0) throw new TemplateError("Unable to encrypt: Empty or invalid salt passed to encrypt()");
                    return VaultCipher.Encrypt(plaintext, vaultSecret, vaultId, Encoding.UTF8.GetBytes(saltText));
                }
            }
            catch (VaultException e)
            {
                throw new TemplateError("Unable to encrypt: " + e.Message);
            }
        }

        /// <summary>The plaintext of an envelope (a vaulted variable or its text); anything not encrypted comes back as it is.</summary>
        public static object? Unvault(Interpreter it, object? v, CallArgs a)
        {
            var secret = Secret(a.Required(0, "secret"), "Secret passed is required to be as string, instead we got: ");
            var vaultId = Ops.Str(a.Get(1, "vaultid", DefaultVaultId));
            string envelope;
            switch (Ops.Check(v))
            {
                case VaultedString vaulted: envelope = vaulted.Envelope; break;
                case string text when VaultEnvelope.IsEncrypted(text): envelope = text; break;
                case string text: return text;
                default: throw new TemplateError("Vault should be in the form of a string, instead we got: " + Ops.TypeName(v));
            }
            try
            {
                using (var vaultSecret = VaultSecret.FromBytes(Encoding.UTF8.GetBytes(secret), vaultId))
                    return Encoding.UTF8.GetString(VaultCipher.Decrypt(envelope, new[] { vaultSecret }));
            }
            catch (VaultException e)
            {
                throw new TemplateError("Unable to decrypt: " + e.Message);
            }
        }

        private static string Secret(object? secret, string message) =>
            Ops.Check(secret) as string ?? throw new TemplateError(message + Ops.TypeName(secret));
    }
}
