using System;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Remote;
using HxLiteLLM.Secrets;
using HxLiteLLM.Templating;
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
        /// <summary>The playbook folder whose group_vars/ and host_vars/ apply after the inventory's (ansible's --playbook-dir); null: the current
        /// directory.</summary>
        public string? PlaybookDirectory { get; set; }
        public string? HostName { get; set; }
        /// <summary>Extra variables (-e): they win over everything.</summary>
        public IDictionary<object, object?>? ExtraVars { get; set; }
        /// <summary>Gathered facts: Ansible's jsonfile fact cache (a folder, one file per host) or a setup module JSON file (<see
        /// cref="HostFacts"/>).</summary>
        public string? FactsPath { get; set; }
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = Array.Empty<VaultSecret>();
        /// <summary>The group the play targets (its hosts: pattern); "all" when not given.</summary>
        public string PlayGroup { get; set; } = "all";
        /// <summary>The hosts selected within the play's group, as ansible-playbook's --limit; null: every host of the group.</summary>
        public IReadOnlyCollection<string>? Limit { get; set; }
        /// <summary>The ansible.cfg (with its ANSIBLE_* variables) the connection variables' defaults come from; null: the one Ansible would find from the
        /// current directory.</summary>
        public AnsibleConfig? AnsibleConfig { get; set; }
    }

    /// <summary>
    /// A host's variables merged the way a play applying the role (hosts: the play group, --limit the selected hosts)
    /// sees them, low to high: role defaults, inventory group vars and group_vars, host vars and host_vars (with the
    /// host's magic variables), the host's facts, role vars, extra vars, then the magic variables of the run, play and role
    /// (groups, hostvars, ansible_play_hosts, omit, ansible_version, playbook_dir, role_name, role_path...), which win as in
    /// Ansible; last the connection variables the task's play context adds where none is set (ansible_host...). Inline <c>!vault</c> values are
    /// decrypted when a vault password is given; every value that came out of a vault is registered with the redactor.
    /// Values are not templated yet: <see cref="VariableResolver"/> does that lazily, as Ansible does.
    /// </summary>
    public sealed class HostVariables
    {
        private readonly Dictionary<string, string> _origins = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _vaulted = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _magic = new HashSet<string>(StringComparer.Ordinal);

        private readonly string _omit = NewOmitToken();

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
        public IReadOnlyCollection<string> MagicNames => _magic;

        /// <summary>
        /// What a "did you mean" for an undefined variable offers, in template validation and in the render alike: every variable
        /// defined for the host (inventory, role defaults, extra variables) except the run's ansible_* magic variables, which
        /// are no suggestion for a gathered fact.
        /// </summary>
        public IEnumerable<string> SuggestionNames =>
            Values.Keys.Cast<string>().Where(n => !(_magic.Contains(n) && n.StartsWith("ansible_", StringComparison.Ordinal)));

        /// <summary>The ansible-core release whose template module this engine reproduces (ansible_version).</summary>
        public const string AnsibleVersion = "2.14.18";

        /// <summary>The vault secrets the variables were read with; they also open vault-encrypted templates.</summary>
        public IReadOnlyList<VaultSecret> VaultSecrets { get; private set; } = Array.Empty<VaultSecret>();

        public static HostVariables Load(VariableSources sources, SecretRedactor redactor)
        {
            if (sources.HostName != null && sources.InventoryPath == null)
            {
                throw new HxException("InventoryRequired", "A host name was given without an inventory: name the inventory that defines '" + sources.HostName
                    + "' (-InventoryPath).", kind: HxErrorKind.InvalidArgument);
            }
            var result = new HostVariables(redactor) { VaultSecrets = sources.VaultSecrets };
            var role = sources.RolePath == null ? null : Path.GetFullPath(sources.RolePath);
            if (role != null) result.Merge(LoadRoleFolder(role, "defaults", sources.VaultSecrets, redactor), "role defaults");
            InventoryModel? model = null;
            string? inventoryPath = null;
            if (sources.InventoryPath != null)
            {
                if (sources.HostName == null) throw new HxException("HostNameRequired",
                    "An inventory was given without a host: name the host whose variables to use (-HostName).", sources.InventoryPath,
                        kind: HxErrorKind.InvalidArgument);
                inventoryPath = Path.GetFullPath(sources.InventoryPath);
                var missing = InventorySelection.MissingSource(inventoryPath);
                if (missing != null) throw missing;
                model = VaultedInventory.Load(inventoryPath, sources.VaultSecrets, redactor, sources.PlaybookDirectory);
                InventorySelection.Host(model, sources.HostName, inventoryPath);
                result.Merge(model.GetHostVars(sources.HostName), "inventory");
                result.Merge(HostMagic(model, sources.HostName, inventoryPath), "magic");
            }
            result.Merge(HostFacts.Variables(FactsOf(sources.HostName ?? "localhost", sources)), "facts");
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
            result.Merge(result.RunMagic(model, inventoryPath, role, sources), "magic");
            result.DecryptInline(sources.VaultSecrets);
            if (model != null) result.AddPlayContext(sources);
            // Every vault plaintext (files, inline values, secret-shaped extra vars) is registered by now.
            foreach (var kv in result.Values)
            {
                if (!(kv.Value is InventoryHostVars) && HoldsSecret(kv.Value, redactor)) result._vaulted.Add((string)kv.Key);
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
                // Facts, like the magic variables, are Ansible's own: never reported as unused.
                if (origin == "magic" || origin == "facts") _magic.Add(name);
            }
        }

        /// <summary>
        /// The facts of a host from <see cref="VariableSources.FactsPath"/>: a fact-cache folder has them per host, a single
        /// file holds those of the host being loaded; none without a path.
        /// </summary>
        private static PyDict? FactsOf(string hostName, VariableSources sources)
        {
            if (sources.FactsPath == null) return null;
            var isFile = File.Exists(sources.FactsPath);
            if (isFile && hostName != (sources.HostName ?? "localhost")) return null;
            return HostFacts.Read(sources.FactsPath, hostName);
        }

        /// <summary>What Ansible sets on the host itself: its name, short name, groups, inventory file and folder.</summary>
        private static PyDict HostMagic(InventoryModel model, string hostName, string inventoryPath)
        {
            var host = model.GetHost(hostName)!;
            return new PyDict
            {
                ["inventory_file"] = inventoryPath,
                ["inventory_dir"] = Path.GetDirectoryName(inventoryPath),
                // The inventory's own name, AnsibleUnicode when read from a YAML inventory.
                ["inventory_hostname"] = host.Name,
                ["inventory_hostname_short"] = StrSubclass.Plain(host.Name.Split('.')[0]),
                ["group_names"] = InventoryHostRecord.GroupNames(host).Cast<object?>().ToList(),
            };
        }

        /// <summary>
        /// The magic variables of the run (options of a plain ansible-playbook run, omit, playbook_dir), of a play on
        /// every inventory host (groups, ansible_play_hosts, hostvars) and of the role's task (role_name, role_path).
        /// </summary>
        private PyDict RunMagic(InventoryModel? model, string? inventoryPath, string? role, VariableSources sources)
        {
            var magic = OptionMagic(inventoryPath, role);
            if (model != null && inventoryPath != null)
            {
                var groups = Groups(model);
                // The play's hosts in the order Ansible matches its group pattern; --limit keeps that order.
                var matched = groups.TryGetValue(sources.PlayGroup, out var members) ? ((List<object?>)members!).Cast<string>() : Enumerable.Empty<string>();
                var hosts = sources.Limit == null ? matched.ToList() : matched.Where(sources.Limit.Contains).ToList();
                magic["groups"] = groups;
                magic["ansible_play_hosts_all"] = hosts.Cast<object?>().ToList();
                magic["ansible_play_hosts"] = hosts.Cast<object?>().ToList();
                magic["ansible_play_batch"] = hosts.Cast<object?>().ToList();
                magic["play_hosts"] = hosts.Cast<object?>().ToList();
                magic["hostvars"] = new InventoryHostVars(model.Hosts.Select(h => h.Name).ToList(), host =>
                {
                    // What VariableManager.get_vars(host) gives outside a play: inventory, the host's magic, extra vars, run magic.
                    var raw = model.GetHostVars(host);
                    foreach (var kv in HostMagic(model, host, inventoryPath)) raw[kv.Key] = kv.Value;
                    foreach (var kv in HostFacts.Variables(FactsOf(host, sources))) raw[kv.Key] = kv.Value;
                    if (sources.ExtraVars != null) foreach (var kv in sources.ExtraVars) raw[kv.Key] = kv.Value;
                    foreach (var kv in OptionMagic(inventoryPath, role)) raw[kv.Key] = kv.Value;
                    raw["groups"] = groups;
                    foreach (var name in raw.Keys.ToList()) raw[name] = Decrypt(raw[name], sources.VaultSecrets);
                    return raw;
                });
            }
            if (role != null) AddRoleContext(magic, role);
            // Where a role task's lookups look (the template action adds the playbook folder and the template's folder).
            magic["ansible_search_path"] = (role != null ? new List<object?> { role, Path.Combine(role, "tasks") }
                : new List<object?>()).Concat(new[] { magic["playbook_dir"] }).ToList();
            return magic;
        }

        /// <summary>
        /// What VariableManager sets for a task of the role in a play that lists only this role (ansible-core 2.14): role_name,
        /// role_path, role_uuid, ansible_role_name and ansible_collection_name (None outside a collection), and the play's role
        /// lists, the role's dependencies (meta/main.yml) included.
        /// </summary>
        private static void AddRoleContext(PyDict magic, string role)
        {
            // The name is read from the playbook's YAML (roles: [name]), so it is AnsibleUnicode there.
            var name = StrSubclass.Create(Path.GetFileName(role.TrimEnd(Path.DirectorySeparatorChar)), StrSubclass.AnsibleUnicode);
            magic["role_name"] = name;
            // get_name() joins collection and name into a new str.
            magic["ansible_role_name"] = StrSubclass.Plain(name);
            magic["role_path"] = role;
            // A new id per run in Ansible too (8-4-4-4-12 hex), so no template can depend on its value.
            magic["role_uuid"] = Guid.NewGuid().ToString("D");
            magic["ansible_collection_name"] = null;
            var dependencies = RoleDependencies(role);
            magic["ansible_play_role_names"] = new List<object?> { name };
            magic["role_names"] = new List<object?> { name };
            magic["ansible_dependent_role_names"] = dependencies.Cast<object?>().ToList();
            magic["ansible_role_names"] = dependencies.Contains(name) ? dependencies.Cast<object?>().ToList()
                : dependencies.Append(name).Cast<object?>().ToList();
        }

        /// <summary>The names of the roles meta/main.yml lists under dependencies (a name, or a mapping with role: or name:).</summary>
        private static List<string> RoleDependencies(string role)
        {
            var names = new List<string>();
            foreach (var candidate in new[] { "main.yml", "main.yaml", "main" })
            {
                var meta = Path.Combine(role, "meta", candidate);
                if (!File.Exists(meta)) continue;
                if (AnsibleYamlReader.LoadFile(meta) is PyDict data && data.TryGetValue("dependencies", out var list) && list is List<object?> entries)
                {
                    foreach (var entry in entries)
                    {
                        var dependency = entry is PyDict d ? (d.TryGetValue("role", out var r) ? r : d.TryGetValue("name", out var n) ? n : null) : entry;
                        if (dependency is string text && !names.Contains(text)) names.Add(text);
                    }
                }
                break;
            }
            return names;
        }

        /// <summary>
        /// What the task's play context adds, as the connection plugin's update_vars does for ansible-core 2.14's
        /// COMMON_CONNECTION_VARS (passwords excepted): each variable only where none is set, none whose value is unknown.
        /// The address is the inventory name unless ansible_ssh_host names one; user, port, key file, timeout and
        /// pipelining fall back to their ansible_ssh_* variable, then to ansible.cfg's global settings.
        /// </summary>
        private void AddPlayContext(VariableSources sources)
        {
            var config = sources.AnsibleConfig ?? AnsibleConfig.Load(Directory.GetCurrentDirectory());
            object? Setting(string name)
            {
                try { return Lookups.Setting(config, name); }
                catch (TemplateException e) { throw new HxException("AnsibleConfigInvalid", e.Message, config.Path); }
            }
            object? Variable(string name) => Values.TryGetValue(name, out var value) ? value : null;
            var context = new (string Name, Func<object?> Value)[]
            {
                // "smart" picks ssh wherever an ssh client exists.
                ("ansible_connection", () => Setting("DEFAULT_TRANSPORT") is string transport && transport != "smart" ? transport : "ssh"),
                // The host's address: its inventory name, whatever a variable called inventory_hostname says.
                ("ansible_host", () => Variable("ansible_ssh_host") ?? StrSubclass.Plain(sources.HostName!)),
                ("ansible_user", () => Variable("ansible_ssh_user") ?? Setting("DEFAULT_REMOTE_USER")),
                ("ansible_port", () => Variable("ansible_ssh_port") ?? Setting("DEFAULT_REMOTE_PORT")),
                ("ansible_private_key_file", () => Variable("ansible_ssh_private_key_file") ?? Setting("DEFAULT_PRIVATE_KEY_FILE")),
                ("ansible_timeout", () => Variable("ansible_ssh_timeout") ?? Setting("DEFAULT_TIMEOUT")),
                ("ansible_pipelining", () => Variable("ansible_ssh_pipelining") ?? Setting("ANSIBLE_PIPELINING")),
                ("ansible_shell_executable", () => Setting("DEFAULT_EXECUTABLE")),
                ("ansible_shell_type", () => "sh"),
                ("ansible_module_compression", () => Setting("DEFAULT_MODULE_COMPRESSION")),
            };
            foreach (var (name, value) in context)
            {
                if (Values.ContainsKey(name) || !(value() is object known)) continue;
                Values[name] = known;
                _origins[name] = "play context";
                _magic.Add(name);
            }
        }

        /// <summary>Variables every template sees in a plain ansible-playbook run (no --check, --diff, tags or -v).</summary>
        private PyDict OptionMagic(string? inventoryPath, string? role)
        {
            var version = AnsibleVersion.Split('.');
            var magic = new PyDict
            {
                ["playbook_dir"] = PlaybookDirectory(role),
                ["ansible_version"] = new PyDict
                {
                    ["string"] = AnsibleVersion,
                    ["full"] = AnsibleVersion,
                    ["major"] = long.Parse(version[0], CultureInfo.InvariantCulture),
                    ["minor"] = long.Parse(version[1], CultureInfo.InvariantCulture),
                    ["revision"] = long.Parse(version[2], CultureInfo.InvariantCulture),
                },
                ["ansible_check_mode"] = false,
                ["ansible_diff_mode"] = false,
                ["ansible_forks"] = 5L,
                ["ansible_verbosity"] = 0L,
                ["ansible_run_tags"] = new List<object?> { "all" },
                ["ansible_skip_tags"] = new List<object?>(),
                ["omit"] = _omit,
            };
            if (inventoryPath != null) magic["ansible_inventory_sources"] = new List<object?> { inventoryPath };
            return magic;
        }

        /// <summary>Where a playbook applying the role would live: the folder holding roles/, else the current folder.</summary>
        private static string PlaybookDirectory(string? role)
        {
            var parent = role == null ? null : Path.GetDirectoryName(role.TrimEnd(Path.DirectorySeparatorChar));
            if (parent != null && Path.GetFileName(parent) == "roles") return Path.GetDirectoryName(parent)!;
            return Path.GetFullPath(Directory.GetCurrentDirectory());
        }

        /// <summary>Ansible's omit placeholder: one random token per run, so default(omit) drops a module option.</summary>
        private static string NewOmitToken()
        {
            var random = new byte[64];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(random);
            using (var sha1 = SHA1.Create())
            {
                return "__omit_place_holder__" + string.Concat(sha1.ComputeHash(random).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        private static PyDict Groups(InventoryModel model)
        {
            var groups = new PyDict();
            foreach (var g in model.Groups) groups[g.Name] = AllHosts(g).Cast<object?>().ToList();
            return groups;
        }

        /// <summary>
        /// A group's hosts including those of its descendants, each once, in Ansible's order (Group.get_hosts): the group,
        /// its children in order, then each further generation of descendants (Ansible walks those as sets; here in order).
        /// </summary>
        private static IEnumerable<string> AllHosts(InventoryGroup group)
        {
            var ordered = new List<InventoryGroup> { group };
            var seen = new HashSet<InventoryGroup> { group };
            var generation = new List<InventoryGroup> { group };
            while (generation.Count > 0)
            {
                var next = new List<InventoryGroup>();
                foreach (var child in generation.SelectMany(g => g.Children))
                {
                    if (seen.Add(child))
                    {
                        next.Add(child);
                        ordered.Add(child);
                    }
                }
                generation = next;
            }
            var hosts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in ordered)
            {
                foreach (var h in g.Hosts) if (hosts.Add(h.Name)) yield return h.Name;
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
                    if (secrets.Count == 0) throw new HxException("VaultPasswordRequired", file
                        + " is vault-encrypted: give -VaultPasswordFile or -VaultPassword.", file, kind: HxErrorKind.SecurityError);
                    text = Encoding.UTF8.GetString(VaultCipher.Decrypt(text, secrets, file));
                }
                object? data;
                try
                {
                    data = AnsibleYamlReader.Load(text, file, ansibleStrings: true);
                }
                catch (HxException e) when (encrypted)
                {
                    throw new HxException("YamlParseError", file + ": the decrypted content is not valid YAML (line " + e.Line
                        + "); view it with ansible-vault view.", file, e.Line, kind: HxErrorKind.ParseError);
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
                    var plain = StrSubclass.Create(Encoding.UTF8.GetString(VaultCipher.Decrypt(sealedValue.Envelope, secrets, null)),
                        StrSubclass.AnsibleVaultEncryptedUnicode);
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
