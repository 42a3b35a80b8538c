using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Secrets;
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
        /// <param name="playbookDirectory">The playbook folder whose group_vars/ and host_vars/ apply too (null: the current directory).</param>
        public static InventoryModel Load(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor, string? playbookDirectory = null) =>
            InventoryLoader.Load(path, Options(secrets, redactor, playbookDirectory));

        /// <summary>The load options that decrypt with <paramref name="secrets"/> (none: a vaulted file fails the load, as in Ansible).</summary>
        public static InventoryLoadOptions Options(IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor, string? playbookDirectory = null)
        {
            var options = new InventoryLoadOptions { PlaybookDirectory = playbookDirectory };
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
        public static VariableOrigins LoadWithOrigins(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor,
            out IReadOnlyList<string> unopened,
            string? playbookDirectory = null)
        {
            var options = OriginOptions(path, secrets, redactor, out unopened, playbookDirectory);
            return new VariableOrigins(InventoryLoader.Load(path, options), path, options);
        }

        /// <summary>The origins of an inventory already loaded (its vars files are read again, one by one, as <see cref="LoadWithOrigins"/> reads
        /// them).</summary>
        public static VariableOrigins OriginsOf(InventoryModel model, string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor) =>
            new VariableOrigins(model, path, OriginOptions(path, secrets, redactor, out _, model.PlaybookVarsDirectory));

        private static InventoryLoadOptions OriginOptions(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor,
            out IReadOnlyList<string> unopened,
            string? playbookDirectory)
        {
            var options = Options(secrets, redactor, playbookDirectory);
            var closed = new List<string>();
            unopened = closed;
            if (secrets.Count > 0) return options;
            var varsRoot = InventoryLoader.VarsBaseDirectory(path);
            var playbookRoot = InventoryLoader.PlaybookVarsDirectory(varsRoot, playbookDirectory) ?? varsRoot;
            options.DecryptVaultFile = (file, envelope) =>
            {
                var full = Path.GetFullPath(file);
                if (!new[] { varsRoot, playbookRoot }.Any(root => IsUnder(full, Path.Combine(root, "group_vars")) || IsUnder(full, Path.Combine(root,
                    "host_vars"))))
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
