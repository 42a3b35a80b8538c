using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Inventory;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Vault;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>Where a host's variables come from; every part is optional.</summary>
    public sealed class VariableSources
    {
        /// <summary>The role whose defaults/ and vars/ take part (and whose templates are rendered).</summary>
        public string? RolePath { get; set; }
        public string? InventoryPath { get; set; }
        public string? HostName { get; set; }
        /// <summary>Extra variables (-e): they win over everything.</summary>
        public IDictionary<object, object?>? ExtraVars { get; set; }
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = Array.Empty<VaultSecret>();
    }

    /// <summary>
    /// A host's variables merged the way a play applying the role sees them, low to high: role defaults,
    /// inventory group vars and group_vars, host vars and host_vars, role vars, extra vars; plus the magic
    /// variables (inventory_hostname, group_names, groups, role_name, role_path). Inline <c>!vault</c> values are
    /// decrypted when a vault password is given; every value that came out of a vault is registered with the redactor.
    /// Values are not templated yet: <see cref="VariableResolver"/> does that lazily, as Ansible does.
    /// </summary>
    public sealed class HostVariables
    {
        private readonly Dictionary<string, string> _origins = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _vaulted = new HashSet<string>(StringComparer.Ordinal);

        private HostVariables(SecretRedactor redactor)
        {
            Redactor = redactor;
        }

        /// <summary>The merged, untemplated values.</summary>
        public PyDict Values { get; } = new PyDict();
        public SecretRedactor Redactor { get; }
        /// <summary>Per variable, the layer its value came from (e.g. "role defaults", "inventory", "extra vars").</summary>
        public IReadOnlyDictionary<string, string> Origins => _origins;
        /// <summary>Variables whose value holds something that came out of a vault (or a secret-shaped extra variable).</summary>
        public IReadOnlyCollection<string> VaultedNames => _vaulted;
        /// <summary>Variables Ansible itself provides; never reported as unused.</summary>
        public IReadOnlyCollection<string> MagicNames { get; private set; } = Array.Empty<string>();

        public static HostVariables Load(VariableSources sources, SecretRedactor redactor)
        {
            if (sources.HostName != null && sources.InventoryPath == null)
            {
                throw new HxException("InventoryRequired", "A host name was given without an inventory: name the inventory that defines '" + sources.HostName + "' (-InventoryPath).");
            }
            var result = new HostVariables(redactor);
            var role = sources.RolePath == null ? null : Path.GetFullPath(sources.RolePath);
            if (role != null) result.Merge(LoadRoleFolder(role, "defaults", sources.VaultSecrets, redactor), "role defaults");
            if (sources.InventoryPath != null)
            {
                if (sources.HostName == null) throw new HxException("HostNameRequired", "An inventory was given without a host: name the host whose variables to use (-HostName).", sources.InventoryPath);
                var inventoryPath = Path.GetFullPath(sources.InventoryPath);
                var model = VaultedInventory.Load(inventoryPath, sources.VaultSecrets, redactor);
                if (model.GetHost(sources.HostName) == null)
                {
                    var suggestion = Suggestions.Closest(sources.HostName, model.Hosts.Select(h => h.Name));
                    throw new HxException("HostNotFound", "No host named '" + sources.HostName + "' in " + inventoryPath + "." + Suggestions.DidYouMean(suggestion), inventoryPath);
                }
                result.Merge(model.GetHostVars(sources.HostName), "inventory");
                result.AddMagic(model, sources.HostName, inventoryPath, role);
            }
            else if (role != null)
            {
                result.AddMagic(null, null, null, role);
            }
            if (role != null) result.Merge(LoadRoleFolder(role, "vars", sources.VaultSecrets, redactor), "role vars");
            if (sources.ExtraVars != null)
            {
                var extra = new PyDict();
                foreach (var kv in sources.ExtraVars)
                {
                    extra[kv.Key] = kv.Value;
                    // A secret given on the command line must not reach evidence either.
                    if (kv.Key is string name && kv.Value is string text && SecretPatterns.ReasonToVault(name, text) != null) redactor.Register(text);
                }
                result.Merge(extra, "extra vars");
            }
            result.DecryptInline(sources.VaultSecrets);
            // Every vault plaintext (files, inline values, secret-shaped extra vars) is registered by now.
            foreach (var kv in result.Values)
            {
                if (HoldsSecret(kv.Value, redactor)) result._vaulted.Add((string)kv.Key);
            }
            return result;
        }

        private void Merge(PyDict layer, string origin)
        {
            foreach (var kv in layer)
            {
                if (!(kv.Key is string name)) continue;
                Values[name] = kv.Value;
                _origins[name] = origin;
            }
        }

        private void AddMagic(InventoryModel? model, string? hostName, string? inventoryPath, string? role)
        {
            var magic = new PyDict();
            if (model != null && hostName != null)
            {
                var host = model.GetHost(hostName)!;
                magic["inventory_hostname"] = hostName;
                magic["inventory_hostname_short"] = hostName.Split('.')[0];
                magic["group_names"] = InventoryHostRecord.GroupNames(host).Cast<object?>().ToList();
                var groups = new PyDict();
                foreach (var g in model.Groups) groups[g.Name] = AllHosts(g).Cast<object?>().ToList();
                magic["groups"] = groups;
                magic["inventory_file"] = inventoryPath;
                magic["inventory_dir"] = Path.GetDirectoryName(inventoryPath);
            }
            if (role != null)
            {
                magic["role_name"] = Path.GetFileName(role.TrimEnd(Path.DirectorySeparatorChar));
                magic["role_path"] = role;
            }
            MagicNames = magic.Keys.Cast<string>().ToList();
            Merge(magic, "magic");
        }

        /// <summary>A group's hosts including those of its descendants, each once, in Ansible's order.</summary>
        private static IEnumerable<string> AllHosts(InventoryGroup group)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<InventoryGroup>();
            var order = new List<InventoryGroup>();
            var visited = new HashSet<InventoryGroup>();
            stack.Push(group);
            while (stack.Count > 0)
            {
                var g = stack.Pop();
                if (!visited.Add(g)) continue;
                order.Add(g);
                for (var i = g.Children.Count - 1; i >= 0; i--) stack.Push(g.Children[i]);
            }
            foreach (var g in order)
            {
                foreach (var h in g.Hosts) if (seen.Add(h.Name)) yield return h.Name;
            }
        }

        /// <summary>A role's defaults/ or vars/ entry (files merged in order); a vault-encrypted file is decrypted.</summary>
        internal static PyDict LoadRoleFolder(string role, string folder, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor)
        {
            var merged = new PyDict();
            foreach (var file in RoleLayout.EntryFiles(role, folder))
            {
                var text = FileText.ReadUtf8(file);
                var encrypted = SecretPatterns.IsVaultEnvelope(text);
                if (encrypted)
                {
                    if (secrets.Count == 0) throw new HxException("VaultPasswordRequired", file + " is vault-encrypted: give -VaultPasswordFile or -VaultPassword.", file);
                    text = Encoding.UTF8.GetString(VaultCipher.Decrypt(text, secrets, file));
                }
                object? data;
                try
                {
                    data = AnsibleYamlReader.Load(text, file);
                }
                catch (HxException e) when (encrypted)
                {
                    throw new HxException("YamlParseError", file + ": the decrypted content is not valid YAML (line " + e.Line + "); view it with ansible-vault view.", file, e.Line);
                }
                if (data == null) continue;
                if (!(data is PyDict dict)) throw new HxException("RoleVarsNotMapping", file + ": " + folder + " must be a mapping of name: value.", file);
                if (encrypted) redactor.RegisterStrings(dict);
                foreach (var kv in dict) merged[kv.Key] = kv.Value;
            }
            return merged;
        }

        /// <summary>Replaces inline !vault values by their plaintext (registered as secrets); without a password they stay sealed.</summary>
        private void DecryptInline(IReadOnlyList<VaultSecret> secrets)
        {
            foreach (var name in Values.Keys.Cast<string>().ToList()) Values[name] = Decrypt(Values[name], secrets);
        }

        private object? Decrypt(object? value, IReadOnlyList<VaultSecret> secrets)
        {
            switch (value)
            {
                case VaultedString sealedValue:
                    if (secrets.Count == 0) return sealedValue;
                    var plain = Encoding.UTF8.GetString(VaultCipher.Decrypt(sealedValue.Envelope, secrets, null));
                    Redactor.Register(plain);
                    return plain;
                case PyDict d:
                    var copy = new PyDict();
                    foreach (var kv in d) copy[kv.Key] = Decrypt(kv.Value, secrets);
                    return copy;
                case List<object?> l:
                    var list = new List<object?>(l.Count);
                    foreach (var item in l) list.Add(Decrypt(item, secrets));
                    return list;
                default:
                    return value;
            }
        }

        private static bool HoldsSecret(object? value, SecretRedactor redactor) => value switch
        {
            VaultedString _ => true,
            string s => redactor.ContainsSecret(s),
            IDictionary<object, object?> d => d.Values.Any(v => HoldsSecret(v, redactor)),
            IEnumerable<object?> l => l.Any(v => HoldsSecret(v, redactor)),
            _ => false,
        };
    }
}
