using System.Collections.Generic;
using System.IO;
using System.Text;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// Loads an inventory whose sources and group_vars/host_vars may be vault-encrypted files, as ansible-inventory does with a
    /// vault password, and registers every string that came out of a vault with the redactor, so whatever shows the
    /// variables afterwards masks them.
    /// </summary>
    public static class VaultedInventory
    {
        public static InventoryModel Load(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor) =>
            InventoryLoader.Load(path, Options(secrets, redactor));

        /// <summary>The load options that decrypt with <paramref name="secrets"/> (none: a vaulted file fails the load, as in Ansible).</summary>
        public static InventoryLoadOptions Options(IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor)
        {
            var options = new InventoryLoadOptions();
            if (secrets.Count > 0)
            {
                options.DecryptVaultFile = (file, envelope) =>
                {
                    var plaintext = Encoding.UTF8.GetString(VaultCipher.Decrypt(envelope, secrets, file));
                    try
                    {
                        redactor.RegisterStrings(AnsibleYamlReader.Load(plaintext, file));
                    }
                    catch (AnsibleYamlException)
                    {
                        // An INI inventory source: its values come through VaultedInventoryValues; broken YAML is reported by the load.
                    }
                    return plaintext;
                };
                options.VaultedInventoryValues = redactor.RegisterStrings;
            }
            return options;
        }

        /// <summary>
        /// The inventory with every variable definition traced to its file (see <see cref="VariableOrigins"/>). Without a vault
        /// password, vault-encrypted group_vars/host_vars files are read as empty and listed in <paramref name="unopened"/>, so a
        /// check can say what it could not see; a vaulted inventory source still needs the password.
        /// </summary>
        public static VariableOrigins LoadWithOrigins(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor, out IReadOnlyList<string> unopened)
        {
            var options = OriginOptions(path, secrets, redactor, out unopened);
            return new VariableOrigins(InventoryLoader.Load(path, options), path, options);
        }

        /// <summary>The origins of an inventory already loaded (its vars files are read again, one by one, as <see cref="LoadWithOrigins"/> reads them).</summary>
        public static VariableOrigins OriginsOf(InventoryModel model, string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor) =>
            new VariableOrigins(model, path, OriginOptions(path, secrets, redactor, out _));

        private static InventoryLoadOptions OriginOptions(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor, out IReadOnlyList<string> unopened)
        {
            var options = Options(secrets, redactor);
            var closed = new List<string>();
            unopened = closed;
            if (secrets.Count > 0) return options;
            var varsRoot = InventoryLoader.VarsBaseDirectory(path);
            options.DecryptVaultFile = (file, envelope) =>
            {
                var full = Path.GetFullPath(file);
                if (!IsUnder(full, Path.Combine(varsRoot, "group_vars")) && !IsUnder(full, Path.Combine(varsRoot, "host_vars")))
                {
                    throw new InventoryException(file, 1, "Attempting to decrypt but no vault secrets found",
                        "the inventory file is vault-encrypted; give the vault password (-VaultPassword or -VaultPasswordFile)");
                }
                if (!closed.Contains(full)) closed.Add(full);
                return "";
            };
            return options;
        }

        private static bool IsUnder(string file, string folder) =>
            file.StartsWith(folder + Path.DirectorySeparatorChar, System.StringComparison.Ordinal);
    }
}
