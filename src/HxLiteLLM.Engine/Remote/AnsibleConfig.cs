using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.IO;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// The [defaults] of the user's ansible.cfg that HxLiteLLM honours, found as Ansible finds it (ANSIBLE_CONFIG,
    /// ./ansible.cfg unless the directory is world-writable, ~/.ansible.cfg, /etc/ansible/ansible.cfg; the first found
    /// wins) and overridden by the ANSIBLE_* variables as Ansible does. Read strictly, as Python's configparser reads
    /// it: a duplicate section or option is an error, as is a file over <see cref="MaxBytes"/>.
    /// </summary>
    public sealed class AnsibleConfig
    {
        public const int MaxBytes = 1024 * 1024;

        private readonly Dictionary<string, Dictionary<string, string>> _sections;
        private readonly Dictionary<string, string> _defaults;
        private readonly Func<string, string?> _environment;

        private AnsibleConfig(string? path, bool projectConfig, Dictionary<string, Dictionary<string, string>> sections, Func<string, string?> environment,
            string currentDirectory, string home,
            IReadOnlyList<string> sourcesUsed)
        {
            Path = path;
            SourcesUsed = sourcesUsed;
            ProjectFolder = projectConfig ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path!)) : null;
            _sections = sections;
            _defaults = sections.TryGetValue("defaults", out var defaults) ? defaults : new Dictionary<string, string>(StringComparer.Ordinal);
            _environment = environment;
            CurrentDirectory = currentDirectory;
            Home = home;
        }

        /// <summary>The file read, or null when none was found.</summary>
        public string? Path { get; }

        /// <summary>
        /// For the operator, as `ansible -v` prints it: which file was used as the configuration (and through ANSIBLE_CONFIG when
        /// so), or that none was found; and a ./ansible.cfg that was ignored, with why.
        /// </summary>
        public IReadOnlyList<string> SourcesUsed { get; }

        /// <summary>Where a setting comes from, for messages: its ANSIBLE_* variable when set, else the option in the file read.</summary>
        public string Origin(string key, string variable) => FromEnvironment(variable) != null ? variable : key + " in " + (Path ?? "ansible.cfg");

        /// <summary>
        /// The folder of the file read when it is a project's configuration, found through ANSIBLE_CONFIG or as ./ansible.cfg;
        /// null when none was found or it is the user's ~/.ansible.cfg or /etc/ansible/ansible.cfg, which belong to no project.
        /// </summary>
        public string? ProjectFolder { get; }

        /// <summary>The folder Ansible would run in: relative paths of settings that do not come from the file resolve against it.</summary>
        public string CurrentDirectory { get; }

        /// <summary>The home folder ~ stands for.</summary>
        public string Home { get; }

        /// <summary>An environment variable as Ansible sees it: null when unset, "" when set empty (Ansible counts that as set).</summary>
        public string? Variable(string name) => _environment(name);

        /// <summary>
        /// An option as configparser's get(section, key, raw=True) gives it: null when the section is absent or has no
        /// such option (the [DEFAULT] section fills options every present section lacks); "" for an empty one.
        /// </summary>
        public string? Setting(string section, string key)
        {
            key = key.ToLowerInvariant();
            if (section != DefaultSection && !_sections.ContainsKey(section)) return null;
            if (_sections.TryGetValue(section, out var options) && options.TryGetValue(key, out var value)) return value;
            return _sections.TryGetValue(DefaultSection, out var fallback) && fallback.TryGetValue(key, out var shared) ? shared : null;
        }

        /// <summary>configparser's default_section, whose options every other section inherits.</summary>
        private const string DefaultSection = "DEFAULT";

        public string? RemoteUser => Text("remote_user", "ANSIBLE_REMOTE_USER");
        /// <summary>The default of ansible-inventory's --playbook-dir (PLAYBOOK_DIR); null when not set.</summary>
        public string? PlaybookDirectory => FilePath("playbook_dir", "ANSIBLE_PLAYBOOK_DIR");
        public string? PrivateKeyFile => FilePath("private_key_file", "ANSIBLE_PRIVATE_KEY_FILE");
        public string? VaultPasswordFile => FilePath("vault_password_file", "ANSIBLE_VAULT_PASSWORD_FILE");
        /// <summary>vault_identity_list entries (label@source), comma-separated as Ansible lists them.</summary>
        public IReadOnlyList<string> VaultIdentityList => List(Text("vault_identity_list", "ANSIBLE_VAULT_IDENTITY_LIST"));
        /// <summary>inventory sources, comma-separated; file paths resolved like Ansible's (relative to the config file).</summary>
        public IReadOnlyList<string> Inventory
            => List(Text("inventory", "ANSIBLE_INVENTORY")).Select(p => Resolve(p, FromEnvironment("ANSIBLE_INVENTORY"))).ToList();

        /// <summary>
        /// callback_plugins as Ansible resolves the pathspec (':'-separated, each entry a path setting), else its default
        /// ({{ ANSIBLE_HOME }}/plugins/callback:/usr/share/ansible/plugins/callback): a plugin folder is added after these,
        /// since the variable replaces the file's setting rather than adding to it.
        /// </summary>
        public IReadOnlyList<string> CallbackPlugins
        {
            get
            {
                var text = Text("callback_plugins", "ANSIBLE_CALLBACK_PLUGINS");
                var fromEnvironment = FromEnvironment("ANSIBLE_CALLBACK_PLUGINS");
                if (text == null)
                {
                    text = (Text("home", "ANSIBLE_HOME") ?? "~/.ansible") + "/plugins/callback:/usr/share/ansible/plugins/callback";
                    fromEnvironment = text; // a default is not relative to the file
                }
                return text.Split(':').Where(p => p.Length > 0).Select(p => Resolve(p, fromEnvironment)).ToList();
            }
        }

        /// <summary>host_key_checking (default true, as Ansible's); false turns checking off in Ansible.</summary>
        public bool HostKeyChecking
        {
            get
            {
                var text = Text("host_key_checking", "ANSIBLE_HOST_KEY_CHECKING");
                if (text == null) return true;
                return Boolean(text) ?? throw new HxException("AnsibleConfigInvalid", "host_key_checking is '" + text
                    + "', not a boolean (true/false, yes/no, on/off, 1/0)", Path);
            }
        }

        /// <summary>SSH connection timeout in seconds (Ansible's default 10).</summary>
        public TimeSpan? Timeout
        {
            get
            {
                var text = Text("timeout", "ANSIBLE_TIMEOUT");
                if (text == null) return null;
                if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    || seconds < 1)
                {
                    throw new HxException("AnsibleConfigInvalid", "timeout is '" + text + "', not a positive number of seconds", Path);
                }
                return TimeSpan.FromSeconds(seconds);
            }
        }

        /// <summary>
        /// The vault password sources ansible-vault takes when none is given on its command line: vault_password_file,
        /// then every vault_identity_list entry (label@file; an entry without '@' is a file with the default label).
        /// Ansible's "prompt" source is refused: HxLiteLLM never prompts.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string?, string>> VaultPasswordSources
        {
            get
            {
                var sources = new List<KeyValuePair<string?, string>>();
                if (VaultPasswordFile is string file) sources.Add(new KeyValuePair<string?, string>(null, file));
                foreach (var entry in VaultIdentityList)
                {
                    var at = entry.IndexOf('@');
                    var label = at < 0 ? null : entry.Substring(0, at);
                    var source = at < 0 ? entry : entry.Substring(at + 1);
                    if (source == "prompt" || source == "prompt_ask_vault_pass")
                    {
                        throw new HxException("AnsibleConfigInvalid", "vault_identity_list asks to prompt for '" + (label ?? "default")
                            + "'; HxLiteLLM never prompts: name a password file or give -VaultPasswordFile", Path);
                    }
                    sources.Add(new KeyValuePair<string?, string>(label, Resolve(source, FromEnvironment("ANSIBLE_VAULT_IDENTITY_LIST"))));
                }
                return sources;
            }
        }

        /// <summary>The one inventory ansible.cfg (or ANSIBLE_INVENTORY) names, or null; several sources are refused, as HxLiteLLM works on one.</summary>
        public string? SingleInventory
        {
            get
            {
                var sources = Inventory;
                if (sources.Count > 1)
                {
                    throw new HxException("AnsibleConfigInvalid", "inventory names " + sources.Count + " sources (" + string.Join(", ", sources)
                        + "); HxLiteLLM works on one inventory: give -InventoryPath", Path);
                }
                return sources.Count == 1 ? sources[0] : null;
            }
        }

        /// <summary>
        /// Fills what the inventory left open with ansible.cfg's connection defaults, as Ansible ranks them (the host's
        /// ansible_* variables first): remote_user, private_key_file and timeout. host_key_checking = False turns checking
        /// off in Ansible; the safest equivalent here is accept-new: an unknown key is recorded, a changed key still fails.
        /// Parameters the user gives are applied after this, so they win.
        /// </summary>
        public void ApplyConnectionDefaults(RemoteConnectionOptions connection)
        {
            if (connection.User.Length == 0 && RemoteUser != null) connection.User = RemoteUser;
            if (connection.KeyFilePath.Length == 0 && PrivateKeyFile != null) connection.KeyFilePath = PrivateKeyFile;
            if (Timeout is TimeSpan timeout) connection.ConnectTimeout = timeout;
            if (!HostKeyChecking) connection.AcceptNewHostKey = true;
        }

        /// <summary>Finds and reads the configuration as Ansible would from <paramref name="currentDirectory"/>.</summary>
        public static AnsibleConfig Load(string currentDirectory, Func<string, string?>? environment = null, string? home = null)
        {
            var env = environment ?? Environment.GetEnvironmentVariable;
            var homeFolder = home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var notes = new List<string>();
            var (path, projectConfig) = Find(currentDirectory, env, homeFolder, notes);
            notes.Insert(0, path == null ? "No config file found; using defaults"
                : "Using " + path + " as config file" + (string.IsNullOrEmpty(env("ANSIBLE_CONFIG")) ? "" : " (ANSIBLE_CONFIG)"));
            var sections = path == null ? new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal) : ReadSections(path);
            return new AnsibleConfig(path, projectConfig, sections, env, System.IO.Path.GetFullPath(currentDirectory), homeFolder, notes);
        }

        /// <summary>
        /// The file Ansible reads, and whether it is a project's (ANSIBLE_CONFIG or ./ansible.cfg) rather than the user's or the system's;
        /// a ./ansible.cfg passed over is noted in <paramref name="notes"/> with why.
        /// </summary>
        private static (string? Path, bool Project) Find(string currentDirectory, Func<string, string?> env, string home, List<string> notes)
        {
            var candidates = new List<string>();
            var variable = env("ANSIBLE_CONFIG");
            if (!string.IsNullOrEmpty(variable))
            {
                // Relative to the folder Ansible runs in (the PowerShell location here, not the process's directory).
                var expanded = System.IO.Path.GetFullPath(System.IO.Path.Combine(currentDirectory, HomePath.Expand(variable!, home.Length > 0 ? home : null)));
                candidates.Add(Directory.Exists(expanded) ? System.IO.Path.Combine(expanded, "ansible.cfg") : expanded);
            }
            // Ansible ignores ./ansible.cfg in a world-writable directory: anyone could have put it there.
            var local = System.IO.Path.Combine(currentDirectory, "ansible.cfg");
            if (!UntrustedLocation.WorldWritable(currentDirectory)) candidates.Add(local);
            else if (File.Exists(local)) notes.Add("Ignoring " + System.IO.Path.GetFullPath(local) + ": " + UntrustedLocation.Reason(local)
                + " (Ansible ignores it too)");
            var projectCandidates = candidates.Count;
            if (home.Length > 0) candidates.Add(System.IO.Path.Combine(home, ".ansible.cfg"));
            candidates.Add("/etc/ansible/ansible.cfg");
            var found = candidates.FindIndex(File.Exists);
            return found < 0 ? (null, false) : (candidates[found], found < projectCandidates);
        }

        /// <summary>
        /// Every section of the file by name (case-sensitive), configparser-style: keys lowercased, '=' or ':' (an option
        /// without either is refused, as configparser without allow_no_value does), '#'/';' comment lines, ' ;' inline
        /// comments, indented continuation lines.
        /// </summary>
        public static Dictionary<string, Dictionary<string, string>> ReadSections(string path)
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes) throw new HxException("AnsibleConfigInvalid", "ansible.cfg is larger than " + MaxBytes + " bytes", path);
            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            Dictionary<string, string>? current = null;
            var section = "";
            string? lastKey = null;
            var number = 0;
            foreach (var raw in File.ReadAllLines(path))
            {
                number++;
                var line = raw.TrimEnd();
                var trimmed = line.TrimStart();
                if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';')
                {
                    lastKey = trimmed.Length == 0 ? null : lastKey;
                    continue;
                }
                if (char.IsWhiteSpace(line[0]) && lastKey != null && current != null)
                {
                    current[lastKey] += "\n" + StripInlineComment(trimmed);
                    continue;
                }
                if (trimmed[0] == '[')
                {
                    var close = trimmed.IndexOf(']');
                    if (close < 0) throw Bad(path, number, "section header without ']'");
                    section = trimmed.Substring(1, close - 1);
                    if (sections.ContainsKey(section)) throw Bad(path, number, "section [" + section + "] appears twice");
                    current = sections[section] = new Dictionary<string, string>(StringComparer.Ordinal);
                    lastKey = null;
                    continue;
                }
                if (current == null) throw Bad(path, number, "an option before any section header");
                var separator = trimmed.IndexOfAny(new[] { '=', ':' });
                if (separator < 0) throw Bad(path, number, "option '" + trimmed + "' without '=' or ':'");
                var key = trimmed.Substring(0, separator).Trim().ToLowerInvariant();
                var value = StripInlineComment(trimmed.Substring(separator + 1).Trim());
                if (key.Length == 0) throw Bad(path, number, "an option without a name");
                if (current.ContainsKey(key)) throw Bad(path, number, "option '" + key + "' appears twice in [" + section + "]");
                current[key] = value;
                lastKey = key;
            }
            return sections;
        }

        private static string StripInlineComment(string value)
        {
            // configparser's inline_comment_prefixes=(';',) as Ansible sets it: only after whitespace.
            for (var i = 1; i < value.Length; i++)
            {
                if (value[i] == ';' && char.IsWhiteSpace(value[i - 1])) return value.Substring(0, i).TrimEnd();
            }
            return value;
        }

        private static HxException Bad(string path, int line, string what) =>
            new HxException("AnsibleConfigInvalid", "ansible.cfg line " + line + ": " + what + " (Ansible would refuse it too)", path);

        private string? FromEnvironment(string variable)
        {
            var value = _environment(variable);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private string? Text(string key, string variable) =>
            FromEnvironment(variable) ?? (_defaults.TryGetValue(key, out var value) && value.Length > 0 ? value : null);

        /// <summary>A path setting: ~ expanded; relative to the config file's folder when it came from the file, else to the current directory.</summary>
        private string? FilePath(string key, string variable)
        {
            var value = Text(key, variable);
            return value == null ? null : Resolve(value, FromEnvironment(variable));
        }

        private string Resolve(string value, string? fromEnvironment)
        {
            var expanded = HomePath.Expand(value);
            if (System.IO.Path.IsPathRooted(expanded) || fromEnvironment != null || Path == null || expanded.IndexOf(',') >= 0) return expanded;
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, expanded));
        }

        private static IReadOnlyList<string> List(string? text) =>
            text == null ? new string[0] : text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        private static bool? Boolean(string text)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "1": case "true": case "yes": case "on": case "y": case "t":
                    return true;
                case "0": case "false": case "no": case "off": case "n": case "f":
                    return false;
                default:
                    return null;
            }
        }
    }
}
