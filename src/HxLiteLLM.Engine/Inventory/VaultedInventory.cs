using System.Collections.Generic;
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
        public static InventoryModel Load(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor)
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
            return InventoryLoader.Load(path, options);
        }
    }
}
