using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.IO;
using HxLiteLLM.Remote;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>How a setting's text becomes its value (ansible.config.manager.ensure_type's kinds).</summary>
    internal enum ConfigType
    {
        /// <summary>No declared type (or "raw"): text loses one pair of surrounding quotes; other defaults stay as they are.</summary>
        Text,
        /// <summary>"string": as Text, and a boolean or number default becomes its Python text.</summary>
        String,
        /// <summary>Lenient: yes/true/on/1/y/t (any case) are true, anything else false.</summary>
        Boolean,
        /// <summary>Python int() of the text.</summary>
        Integer,
        /// <summary>Python float() of the text.</summary>
        Float,
        /// <summary>Comma-separated, each item trimmed and unquoted.</summary>
        List,
        /// <summary>$VAR and ~ expanded, made absolute (against the config file's folder when it came from the file) and normalised.</summary>
        Path,
        /// <summary>Colon-separated paths, each a <see cref="Path"/>.</summary>
        PathSpec,
        /// <summary>Comma-separated paths, each trimmed and a <see cref="Path"/>.</summary>
        PathList,
        /// <summary>A fresh temporary folder Ansible creates below the path for each run: not reproducible offline.</summary>
        TempPath,
    }

    /// <summary>A default that ansible-core writes as a template over ANSIBLE_HOME: that setting's value followed by <see cref="Suffix"/>.</summary>
    internal sealed class AnsibleHomeDefault
    {
        public AnsibleHomeDefault(string suffix) => Suffix = suffix;

        public string Suffix { get; }
    }

    /// <summary>One ansible-core 2.14 setting (ansible/config/base.yml): its environment variables and ansible.cfg options, last found wins.</summary>
    internal sealed class ConfigSetting
    {
        public ConfigSetting(string name, ConfigType type, object? fallback, string variables, string options, string? choices)
        {
            Name = name;
            Type = type;
            Default = fallback;
            Variables = variables.Split(new[] { '|' }, StringSplitOptions.RemoveEmptyEntries);
            Options = options.Split(new[] { '|' },
                StringSplitOptions.RemoveEmptyEntries).Select(o => (o.Substring(0, o.IndexOf('.')), o.Substring(o.IndexOf('.') + 1))).ToArray();
            Choices = choices?.Split('|');
        }

        public string Name { get; }
        public ConfigType Type { get; }
        /// <summary>null, bool, long, double, string, string[] (a list) or <see cref="AnsibleHomeDefault"/>.</summary>
        public object? Default { get; }
        public string[] Variables { get; }
        public (string Section, string Key)[] Options { get; }
        public string[]? Choices { get; }
    }

    internal static partial class Lookups
    {
        private static ConfigSetting Row(string name, ConfigType type, object? fallback, string variables, string options, string? choices = null) =>
            new ConfigSetting(name, type, fallback, variables, options, choices);

        /// <summary>
        /// The settings the config lookup resolves: name, type, default, environment variables and "section.key" options,
        /// as ansible-core 2.14 declares them. Connection, vault, inventory, roles and become settings, and the common
        /// behaviour switches operators read in templates.
        /// </summary>
        private static readonly Dictionary<string, ConfigSetting> ConfigSettings = new[]
        {
            Row("ANSIBLE_HOME", ConfigType.Path, "~/.ansible", "ANSIBLE_HOME", "defaults.home"),
            Row("DEFAULT_REMOTE_USER", ConfigType.Text, null, "ANSIBLE_REMOTE_USER", "defaults.remote_user"),
            Row("DEFAULT_PRIVATE_KEY_FILE", ConfigType.Path, null, "ANSIBLE_PRIVATE_KEY_FILE", "defaults.private_key_file"),
            Row("DEFAULT_TIMEOUT", ConfigType.Integer, 10L, "ANSIBLE_TIMEOUT", "defaults.timeout"),
            Row("HOST_KEY_CHECKING", ConfigType.Boolean, true, "ANSIBLE_HOST_KEY_CHECKING", "defaults.host_key_checking"),
            Row("DEFAULT_VAULT_PASSWORD_FILE", ConfigType.Path, null, "ANSIBLE_VAULT_PASSWORD_FILE", "defaults.vault_password_file"),
            Row("DEFAULT_VAULT_IDENTITY_LIST", ConfigType.List, new string[0], "ANSIBLE_VAULT_IDENTITY_LIST", "defaults.vault_identity_list"),
            Row("DEFAULT_VAULT_IDENTITY", ConfigType.Text, "default", "ANSIBLE_VAULT_IDENTITY", "defaults.vault_identity"),
            Row("DEFAULT_VAULT_ID_MATCH", ConfigType.Text, false, "ANSIBLE_VAULT_ID_MATCH", "defaults.vault_id_match"),
            Row("DEFAULT_VAULT_ENCRYPT_IDENTITY", ConfigType.Text, null, "ANSIBLE_VAULT_ENCRYPT_IDENTITY", "defaults.vault_encrypt_identity"),
            Row("DEFAULT_HOST_LIST", ConfigType.PathList, "/etc/ansible/hosts", "ANSIBLE_INVENTORY", "defaults.inventory"),
            Row("DEFAULT_ROLES_PATH", ConfigType.PathSpec, new AnsibleHomeDefault("/roles:/usr/share/ansible/roles:/etc/ansible/roles"), "ANSIBLE_ROLES_PATH",
                "defaults.roles_path"),
            Row("COLLECTIONS_PATHS", ConfigType.PathSpec, new AnsibleHomeDefault("/collections:/usr/share/ansible/collections"),
                "ANSIBLE_COLLECTIONS_PATHS|ANSIBLE_COLLECTIONS_PATH", "defaults.collections_paths|defaults.collections_path"),
            Row("DEFAULT_FORKS", ConfigType.Integer, 5L, "ANSIBLE_FORKS", "defaults.forks"),
            Row("DEFAULT_BECOME", ConfigType.Boolean, false, "ANSIBLE_BECOME", "privilege_escalation.become"),
            Row("DEFAULT_BECOME_METHOD", ConfigType.Text, "sudo", "ANSIBLE_BECOME_METHOD", "privilege_escalation.become_method"),
            Row("DEFAULT_BECOME_USER", ConfigType.Text, "root", "ANSIBLE_BECOME_USER", "privilege_escalation.become_user"),
            Row("DEFAULT_BECOME_ASK_PASS", ConfigType.Boolean, false, "ANSIBLE_BECOME_ASK_PASS", "privilege_escalation.become_ask_pass"),
            Row("DEFAULT_BECOME_EXE", ConfigType.Text, null, "ANSIBLE_BECOME_EXE", "privilege_escalation.become_exe"),
            Row("DEFAULT_BECOME_FLAGS", ConfigType.Text, null, "ANSIBLE_BECOME_FLAGS", "privilege_escalation.become_flags"),
            Row("BECOME_ALLOW_SAME_USER", ConfigType.Boolean, false, "ANSIBLE_BECOME_ALLOW_SAME_USER", "privilege_escalation.become_allow_same_user"),
            Row("BECOME_PASSWORD_FILE", ConfigType.Path, null, "ANSIBLE_BECOME_PASSWORD_FILE", "defaults.become_password_file"),
            Row("CONNECTION_PASSWORD_FILE", ConfigType.Path, null, "ANSIBLE_CONNECTION_PASSWORD_FILE", "defaults.connection_password_file"),
            Row("DEFAULT_ASK_PASS", ConfigType.Boolean, false, "ANSIBLE_ASK_PASS", "defaults.ask_pass"),
            Row("DEFAULT_ASK_VAULT_PASS", ConfigType.Boolean, false, "ANSIBLE_ASK_VAULT_PASS", "defaults.ask_vault_pass"),
            Row("DEFAULT_REMOTE_PORT", ConfigType.Integer, null, "ANSIBLE_REMOTE_PORT", "defaults.remote_port"),
            Row("DEFAULT_TRANSPORT", ConfigType.Text, "smart", "ANSIBLE_TRANSPORT", "defaults.transport"),
            Row("DEFAULT_EXECUTABLE", ConfigType.Text, "/bin/sh", "ANSIBLE_EXECUTABLE", "defaults.executable"),
            Row("DEFAULT_MODULE_COMPRESSION", ConfigType.Text, "ZIP_DEFLATED", "", "defaults.module_compression"),
            Row("DEFAULT_GATHERING", ConfigType.Text, "implicit", "ANSIBLE_GATHERING", "defaults.gathering", choices: "implicit|explicit|smart"),
            Row("DEFAULT_GATHER_TIMEOUT", ConfigType.Integer, null, "ANSIBLE_GATHER_TIMEOUT", "defaults.gather_timeout"),
            Row("DEFAULT_GATHER_SUBSET", ConfigType.List, null, "ANSIBLE_GATHER_SUBSET", "defaults.gather_subset"),
            Row("DEFAULT_MANAGED_STR", ConfigType.Text, "Ansible managed", "", "defaults.ansible_managed"),
            Row("DEFAULT_JINJA2_NATIVE", ConfigType.Boolean, false, "ANSIBLE_JINJA2_NATIVE", "defaults.jinja2_native"),
            Row("DEFAULT_JINJA2_EXTENSIONS", ConfigType.Text, new string[0], "ANSIBLE_JINJA2_EXTENSIONS", "defaults.jinja2_extensions"),
            Row("DEFAULT_HASH_BEHAVIOUR", ConfigType.String, "replace", "ANSIBLE_HASH_BEHAVIOUR", "defaults.hash_behaviour", choices: "replace|merge"),
            Row("DEFAULT_PRIVATE_ROLE_VARS", ConfigType.Boolean, false, "ANSIBLE_PRIVATE_ROLE_VARS", "defaults.private_role_vars"),
            Row("DEFAULT_KEEP_REMOTE_FILES", ConfigType.Boolean, false, "ANSIBLE_KEEP_REMOTE_FILES", "defaults.keep_remote_files"),
            Row("DEFAULT_POLL_INTERVAL", ConfigType.Integer, 15L, "ANSIBLE_POLL_INTERVAL", "defaults.poll_interval"),
            Row("DEFAULT_INTERNAL_POLL_INTERVAL", ConfigType.Float, 0.001, "", "defaults.internal_poll_interval"),
            Row("DEFAULT_MODULE_NAME", ConfigType.Text, "command", "", "defaults.module_name"),
            Row("DEFAULT_LOG_PATH", ConfigType.Path, null, "ANSIBLE_LOG_PATH", "defaults.log_path"),
            Row("DEFAULT_NO_LOG", ConfigType.Boolean, false, "ANSIBLE_NO_LOG", "defaults.no_log"),
            Row("DEFAULT_STDOUT_CALLBACK", ConfigType.Text, "default", "ANSIBLE_STDOUT_CALLBACK", "defaults.stdout_callback"),
            Row("DEFAULT_NULL_REPRESENTATION", ConfigType.Text, null, "ANSIBLE_NULL_REPRESENTATION", "defaults.null_representation"),
            Row("DEFAULT_UNDEFINED_VAR_BEHAVIOR", ConfigType.Boolean, true, "ANSIBLE_ERROR_ON_UNDEFINED_VARS", "defaults.error_on_undefined_vars"),
            Row("DEFAULT_LOCAL_TMP", ConfigType.TempPath, new AnsibleHomeDefault("/tmp"), "ANSIBLE_LOCAL_TEMP", "defaults.local_tmp"),
            Row("DEFAULT_VERBOSITY", ConfigType.Integer, 0L, "ANSIBLE_VERBOSITY", "defaults.verbosity"),
            Row("ANSIBLE_FORCE_COLOR", ConfigType.Boolean, false, "ANSIBLE_FORCE_COLOR", "defaults.force_color"),
            Row("ANSIBLE_NOCOLOR", ConfigType.Boolean, false, "ANSIBLE_NOCOLOR|NO_COLOR", "defaults.nocolor"),
            Row("ANSIBLE_PIPELINING", ConfigType.Boolean, false, "ANSIBLE_PIPELINING", "defaults.pipelining|connection.pipelining"),
            Row("ANY_ERRORS_FATAL", ConfigType.Boolean, false, "ANSIBLE_ANY_ERRORS_FATAL", "defaults.any_errors_fatal"),
            Row("DEPRECATION_WARNINGS", ConfigType.Boolean, true, "ANSIBLE_DEPRECATION_WARNINGS", "defaults.deprecation_warnings"),
            Row("SYSTEM_WARNINGS", ConfigType.Boolean, true, "ANSIBLE_SYSTEM_WARNINGS", "defaults.system_warnings"),
            Row("CALLBACKS_ENABLED", ConfigType.List, new string[0], "ANSIBLE_CALLBACK_WHITELIST|ANSIBLE_CALLBACKS_ENABLED",
                "defaults.callback_whitelist|defaults.callbacks_enabled"),
            Row("INVENTORY_ENABLED", ConfigType.List, new[] { "host_list", "script", "auto", "yaml", "ini", "toml" }, "ANSIBLE_INVENTORY_ENABLED",
                "inventory.enable_plugins"),
            Row("INVENTORY_UNPARSED_IS_FAILED", ConfigType.Boolean, false, "ANSIBLE_INVENTORY_UNPARSED_FAILED", "inventory.unparsed_is_failed"),
            Row("RETRY_FILES_ENABLED", ConfigType.Boolean, false, "ANSIBLE_RETRY_FILES_ENABLED", "defaults.retry_files_enabled"),
            Row("DISPLAY_SKIPPED_HOSTS", ConfigType.Boolean, true, "ANSIBLE_DISPLAY_SKIPPED_HOSTS", "defaults.display_skipped_hosts"),
            Row("DIFF_ALWAYS", ConfigType.Boolean, false, "ANSIBLE_DIFF_ALWAYS", "diff.always"),
            Row("DIFF_CONTEXT", ConfigType.Integer, 3L, "ANSIBLE_DIFF_CONTEXT", "diff.context"),
            Row("INTERPRETER_PYTHON", ConfigType.Text, "auto", "ANSIBLE_PYTHON_INTERPRETER", "defaults.interpreter_python"),
            Row("TASK_TIMEOUT", ConfigType.Integer, 0L, "ANSIBLE_TASK_TIMEOUT", "defaults.task_timeout"),
            Row("DEFAULT_MODULE_PATH", ConfigType.PathSpec, new AnsibleHomeDefault("/plugins/modules:/usr/share/ansible/plugins/modules"), "ANSIBLE_LIBRARY",
                "defaults.library"),
            Row("DEFAULT_FILTER_PLUGIN_PATH", ConfigType.PathSpec, new AnsibleHomeDefault("/plugins/filter:/usr/share/ansible/plugins/filter"),
                "ANSIBLE_FILTER_PLUGINS", "defaults.filter_plugins"),
            Row("DEFAULT_LOOKUP_PLUGIN_PATH", ConfigType.PathSpec, new AnsibleHomeDefault("/plugins/lookup:/usr/share/ansible/plugins/lookup"),
                "ANSIBLE_LOOKUP_PLUGINS", "defaults.lookup_plugins"),
            Row("WORKER_SHUTDOWN_POLL_DELAY", ConfigType.Float, 0.1, "ANSIBLE_WORKER_SHUTDOWN_POLL_DELAY", ""),
            Row("STRING_CONVERSION_ACTION", ConfigType.String, "warn", "ANSIBLE_STRING_CONVERSION_ACTION", "defaults.string_conversion_action"),
            Row("DUPLICATE_YAML_DICT_KEY", ConfigType.String, "warn", "ANSIBLE_DUPLICATE_YAML_DICT_KEY", "defaults.duplicate_dict_key", choices:
                "error|warn|ignore"),
            Row("DEFAULT_SYSLOG_FACILITY", ConfigType.Text, "LOG_USER", "ANSIBLE_SYSLOG_FACILITY", "defaults.syslog_facility"),
        }.ToDictionary(s => s.Name, StringComparer.Ordinal);

        /// <summary>
        /// The other names ansible.constants has in 2.14 (settings and module attributes). Asked for, they fail by name
        /// rather than count as missing: Ansible has a value for them, and this engine does not know it.
        /// </summary>
        private static readonly HashSet<string> UnresolvedAnsibleConstants = new HashSet<string>((
            "ACTION_WARNINGS AGNOSTIC_BECOME_PROMPT ANSIBLE_CONNECTION_PATH ANSIBLE_COW_ACCEPTLIST ANSIBLE_COW_PATH ANSIBLE_COW_SELECTION ANSIBLE_NOCOWS " +
            "BECOME_PLUGIN_PATH BOOLEANS_TRUE BOOL_TRUE CACHE_PLUGIN CACHE_PLUGIN_CONNECTION CACHE_PLUGIN_PREFIX CACHE_PLUGIN_TIMEOUT " +
            "COLLECTIONS_ON_ANSIBLE_VERSION_MISMATCH COLLECTIONS_SCAN_SYS_PATH COLLECTION_PTYPE_COMPAT COLOR_CHANGED COLOR_CODES COLOR_CONSOLE_PROMPT " +
            "COLOR_DEBUG COLOR_DEPRECATE COLOR_DIFF_ADD COLOR_DIFF_LINES COLOR_DIFF_REMOVE COLOR_ERROR COLOR_HIGHLIGHT COLOR_OK COLOR_SKIP " +
            "COLOR_UNREACHABLE COLOR_VERBOSE COLOR_WARN COMMON_CONNECTION_VARS CONFIGURABLE_PLUGINS CONNECTION_FACTS_MODULES COVERAGE_REMOTE_OUTPUT " +
            "COVERAGE_REMOTE_PATHS ConfigManager DEFAULT_ACTION_PLUGIN_PATH DEFAULT_ALLOW_UNSAFE_LOOKUPS DEFAULT_BECOME_PASS DEFAULT_CACHE_PLUGIN_PATH " +
            "DEFAULT_CALLBACK_PLUGIN_PATH DEFAULT_CLICONF_PLUGIN_PATH DEFAULT_CONNECTION_PLUGIN_PATH DEFAULT_DEBUG DEFAULT_FACT_PATH " +
            "DEFAULT_FORCE_HANDLERS DEFAULT_HTTPAPI_PLUGIN_PATH DEFAULT_INVENTORY_PLUGIN_PATH DEFAULT_LIBVIRT_LXC_NOSECLABEL " +
            "DEFAULT_LOAD_CALLBACK_PLUGINS DEFAULT_LOG_FILTER DEFAULT_MODULE_ARGS DEFAULT_MODULE_UTILS_PATH " +
            "DEFAULT_NETCONF_PLUGIN_PATH DEFAULT_NO_TARGET_SYSLOG DEFAULT_PASSWORD_CHARS DEFAULT_REMOTE_PASS DEFAULT_SELINUX_SPECIAL_FS DEFAULT_STRATEGY " +
            "DEFAULT_STRATEGY_PLUGIN_PATH DEFAULT_SU DEFAULT_SUBSET DEFAULT_TERMINAL_PLUGIN_PATH DEFAULT_TEST_PLUGIN_PATH DEFAULT_VARS_PLUGIN_PATH " +
            "DEVEL_WARNING DISPLAY_ARGS_TO_STDOUT DOCSITE_ROOT_URL DOCUMENTABLE_PLUGINS DOC_EXTENSIONS DOC_FRAGMENT_PLUGIN_PATH ENABLE_TASK_DEBUGGER " +
            "ERROR_ON_MISSING_HANDLER FACTS_MODULES GALAXY_CACHE_DIR GALAXY_COLLECTION_SKELETON GALAXY_COLLECTION_SKELETON_IGNORE " +
            "GALAXY_DISABLE_GPG_VERIFY GALAXY_DISPLAY_PROGRESS GALAXY_GPG_KEYRING GALAXY_IGNORE_CERTS GALAXY_IGNORE_INVALID_SIGNATURE_STATUS_CODES " +
            "GALAXY_REQUIRED_VALID_SIGNATURE_COUNT GALAXY_ROLE_SKELETON GALAXY_ROLE_SKELETON_IGNORE GALAXY_SERVER GALAXY_SERVER_LIST GALAXY_TOKEN_PATH " +
            "HOST_PATTERN_MISMATCH IGNORE_FILES INJECT_FACTS_AS_VARS INTERNAL_RESULT_KEYS INTERPRETER_PYTHON_FALLBACK INVALID_TASK_ATTRIBUTE_FAILED " +
            "INVALID_VARIABLE_NAMES INVENTORY_ANY_UNPARSED_IS_FAILED INVENTORY_CACHE_ENABLED INVENTORY_CACHE_PLUGIN INVENTORY_CACHE_PLUGIN_CONNECTION " +
            "INVENTORY_CACHE_PLUGIN_PREFIX INVENTORY_CACHE_TIMEOUT INVENTORY_EXPORT INVENTORY_IGNORE_EXTS INVENTORY_IGNORE_PATTERNS " +
            "INVENTORY_UNPARSED_WARNING JINJA2_NATIVE_WARNING LOCALHOST LOCALHOST_WARNING MAGIC_VARIABLE_MAPPING MAX_FILE_SIZE_FOR_DIFF " +
            "MODULE_IGNORE_EXTS MODULE_NO_JSON MODULE_REQUIRE_ARGS NETCONF_SSH_CONFIG NETWORK_GROUP_MODULES OLD_PLUGIN_CACHE_CLEARING " +
            "PARAMIKO_HOST_KEY_AUTO_ADD PARAMIKO_LOOK_FOR_KEYS PERSISTENT_COMMAND_TIMEOUT PERSISTENT_CONNECT_RETRY_TIMEOUT PERSISTENT_CONNECT_TIMEOUT " +
            "PERSISTENT_CONTROL_PATH_DIR PLAYBOOK_DIR PLAYBOOK_VARS_ROOT PLUGIN_FILTERS_CFG PYTHON_DOC_EXTENSIONS PYTHON_MODULE_RLIMIT_NOFILE REJECT_EXTS " +
            "RESTRICTED_RESULT_KEYS RETRY_FILES_SAVE_PATH RUN_VARS_PLUGINS SHOW_CUSTOM_STATS STRING_TYPE_FILTERS SYNTHETIC_COLLECTIONS Sequence TAGS_RUN " +
            "TAGS_SKIP TASK_DEBUGGER_IGNORE_ERRORS TRANSFORM_INVALID_GROUP_CHARS TREE_DIR USE_PERSISTENT_CONNECTIONS VALIDATE_ACTION_GROUP_METADATA " +
            "VARIABLE_PLUGINS_ENABLED VARIABLE_PRECEDENCE VAULT_VERSION_MAX VAULT_VERSION_MIN VERBOSE_TO_STDERR WIN_ASYNC_STARTUP_TIMEOUT " +
            "WORKER_SHUTDOWN_POLL_COUNT YAML_DOC_EXTENSIONS YAML_FILENAME_EXTENSIONS _ACTION_ALLOWS_RAW_ARGS _ACTION_ALL_INCLUDES " +
            "_ACTION_ALL_INCLUDE_IMPORT_TASKS _ACTION_ALL_INCLUDE_ROLE_TASKS _ACTION_ALL_INCLUDE_TASKS _ACTION_ALL_PROPER_INCLUDE_IMPORT_ROLES " +
            "_ACTION_ALL_PROPER_INCLUDE_IMPORT_TASKS _ACTION_DEBUG _ACTION_FACT_GATHERING _ACTION_HAS_CMD _ACTION_IMPORT_PLAYBOOK _ACTION_IMPORT_ROLE " +
            "_ACTION_IMPORT_TASKS _ACTION_INCLUDE _ACTION_INCLUDE_ROLE _ACTION_INCLUDE_TASKS _ACTION_INCLUDE_VARS _ACTION_INVENTORY_TASKS _ACTION_META " +
            "_ACTION_SETUP _ACTION_SET_FACT _ACTION_WITH_CLEAN_FACTS _COLOR_DEFAULTS _DeprecatedSequenceConstant _INTERPRETER_PYTHON_DISTRO_MAP " +
            "_deprecated _warning absolute_import add_internal_fqcns ascii_letters config digits division print_function re set_constant setting to_text"
            ).Split(' '), StringComparer.Ordinal);

        /// <summary>
        /// The config lookup (ansible.builtin.config): each term names a setting, whose value comes from its environment
        /// variable, else ansible.cfg, else its default, converted by its type. Read from
        /// <see cref="TemplateOptions.AnsibleConfig"/>, else from the configuration Ansible would find in the current
        /// directory. Plugin settings (plugin_type/plugin_name) are refused.
        /// </summary>
        private static List<object?> ConfigLookup(LookupContext c, List<object?> terms, CallArgs o)
        {
            var onMissing = o.Get(-1, "on_missing", "error");
            var pluginType = o.Get(-1, "plugin_type");
            var pluginName = o.Get(-1, "plugin_name");
            if (!(onMissing is string missing) || (missing != "error" && missing != "warn" && missing != "skip"))
                throw new LookupOptionsError("\"on_missing\" must be a string and one of \"error\", \"warn\" or \"skip\", not " + Ops.Str(onMissing));
            var hasType = pluginType != null && Ops.Truthy(pluginType);
            var hasName = pluginName != null && Ops.Truthy(pluginName);
            if (hasType != hasName) throw new LookupOptionsError("Both plugin_type and plugin_name are required, cannot use one without the other");
            if (hasType)
                throw new LookupOptionsError("lookup plugin (config): the settings of plugins (plugin_type=" + Ops.Str(pluginType) + ", plugin_name="
                    + Ops.Str(pluginName) + ") are not resolved by this engine; pass the value as a variable");
            AnsibleConfig config;
            try
            {
                config = c.Options.AnsibleConfig ?? AnsibleConfig.Load(Directory.GetCurrentDirectory());
            }
            catch (HxException e)
            {
                throw new LookupOptionsError("lookup plugin (config): " + e.Message + (e.File != null ? " (" + e.File + ")" : ""));
            }
            var result = new List<object?>();
            foreach (var term in terms)
            {
                if (!(term is string name)) throw new LookupOptionsError("Invalid setting identifier, \"" + Ops.Str(term) + "\" is not a string, its a "
                    + Ops.TypeName(term));
                if (name == "CONFIG_FILE") result.Add(config.Path == null ? null : FullConfigPath(config));
                else if (ConfigSettings.TryGetValue(name, out var setting)) result.Add(SettingValue(config, setting));
                else if (UnresolvedAnsibleConstants.Contains(name) || name.StartsWith("_", StringComparison.Ordinal))
                    throw new LookupOptionsError("lookup plugin (config): setting " + name
                        + " exists in ansible-core but this engine does not resolve it; pass its value as a variable");
                // Ansible has no such setting: on_missing decides (warn's warning goes to Ansible's display; the term is skipped).
                else if (missing == "error") throw new TemplateError("Unable to find setting " + name);
            }
            return result;
        }

        /// <summary>A global setting as ansible.constants holds it (e.g. DEFAULT_REMOTE_PORT), for what the play context derives from them.</summary>
        internal static object? Setting(AnsibleConfig config, string name) => SettingValue(config, ConfigSettings[name]);

        /// <summary>ConfigManager.get_config_value_and_origin for a global setting, as ansible.constants holds it.</summary>
        private static object? SettingValue(AnsibleConfig config, ConfigSetting setting)
        {
            if (setting.Type == ConfigType.TempPath)
                throw new LookupOptionsError("lookup plugin (config): " + setting.Name
                    + " is a temporary folder Ansible creates afresh for each run; an offline render has none");
            string? text = null;
            string? origin = null;
            foreach (var variable in setting.Variables)
            {
                var value = config.Variable(variable);
                if (value != null) { text = value; origin = "env: " + variable; }
            }
            if (text == null)
            {
                foreach (var (section, key) in setting.Options)
                {
                    var value = config.Setting(section, key);
                    if (value != null) { text = value; origin = FullConfigPath(config); }
                }
            }
            try
            {
                return text != null ? Convert(config, setting, text, origin) : Convert(config, setting, DefaultValue(config, setting), null);
            }
            catch (FormatException e)
            {
                // An empty variable of a non-text setting stands for the default, as in Ansible.
                if (text == "" && origin!.StartsWith("env:", StringComparison.Ordinal)) return Convert(config, setting, DefaultValue(config, setting), null);
                throw new LookupOptionsError("Invalid type for configuration option setting: " + setting.Name + " (from " + (origin ?? "default") + "): "
                    + e.Message);
            }
        }

        private static string FullConfigPath(AnsibleConfig config) => Path.GetFullPath(Path.Combine(config.CurrentDirectory, config.Path!));

        private static object? DefaultValue(AnsibleConfig config, ConfigSetting setting) => setting.Default switch
        {
            AnsibleHomeDefault home => Ops.Str(SettingValue(config, ConfigSettings["ANSIBLE_HOME"])) + home.Suffix,
            string[] list => list.Select(x => (object?)x).ToList(),
            var other => other,
        };

        /// <summary>
        /// ensure_type, then the choices check. <paramref name="origin"/>: the config file the value came from (relative
        /// paths resolve against its folder), "env: NAME", or null for the default (both resolve against the run's folder).
        /// </summary>
        private static object? Convert(AnsibleConfig config, ConfigSetting setting, object? value, string? origin)
        {
            var fromFile = origin != null && !origin.StartsWith("env:", StringComparison.Ordinal);
            var converted = ConvertType(config, setting.Type, value, fromFile ? Path.GetDirectoryName(origin)! : config.CurrentDirectory);
            if (converted != null && setting.Choices != null)
            {
                var valid = converted is List<object?> items ? items.All(i => i is string s && setting.Choices.Contains(s)) : converted is string one
                    && setting.Choices.Contains(one);
                if (!valid)
                    throw new LookupOptionsError("Invalid value \"" + Ops.Str(converted) + "\" for configuration option \"setting: " + setting.Name
                        + "\", valid values are: " + string.Join(", ", setting.Choices));
            }
            return converted;
        }

        private static object? ConvertType(AnsibleConfig config, ConfigType type, object? value, string baseDirectory)
        {
            if (value == null) return null;
            var text = value as string;
            switch (type)
            {
                case ConfigType.Boolean:
                    return value is bool b ? b : text != null && TrueWords.Contains(text.Trim().ToLowerInvariant());
                case ConfigType.Integer:
                    return value is long l ? l : PythonInt(text!);
                case ConfigType.Float:
                    return value is double d ? d : PythonFloat(text!);
                case ConfigType.List:
                    return text != null ? text.Split(',').Select(x => (object?)UnquoteSetting(x.Trim())).ToList() : value;
                case ConfigType.Path:
                    return ResolveConfigPath(config, text!, baseDirectory);
                case ConfigType.PathSpec:
                    return text!.Split(':').Select(p => (object?)ResolveConfigPath(config, p, baseDirectory)).ToList();
                case ConfigType.PathList:
                    return text!.Split(',').Select(p => (object?)ResolveConfigPath(config, p.Trim(), baseDirectory)).ToList();
                case ConfigType.String:
                    return text != null ? UnquoteSetting(text) : UnquoteSetting(Ops.Str(value));
                default:
                    return text != null ? UnquoteSetting(text) : value;
            }
        }

        private static readonly HashSet<string> TrueWords = new HashSet<string>(StringComparer.Ordinal) { "y", "yes", "on", "1", "true", "t" };

        /// <summary>ansible.parsing.quoting.unquote: one pair of matching surrounding quotes goes, unless the closing one is escaped.</summary>
        private static string UnquoteSetting(string text) =>
            text.Length > 1 && text[0] == text[text.Length - 1] && (text[0] == '"' || text[0] == '\'') && text[text.Length - 2] != '\\'
                ? text.Substring(1, text.Length - 2) : text;

        private static long PythonInt(string text)
        {
            if (!Filters.TryParseInt(text, 10, out var number)) throw new FormatException("invalid literal for int() with base 10: " + PyRepr.Repr(text));
            return number as long? ?? throw new LookupOptionsError("lookup plugin (config): " + text + " is beyond the integers this engine holds");
        }

        private static double PythonFloat(string text) =>
            Filters.TryParseFloat(text, out var number) ? number : throw new FormatException("could not convert string to float: " + PyRepr.Repr(text));

        /// <summary>
        /// ansible.config.manager.resolve_path: {{CWD}} replaced, then os.path.expandvars, os.path.expanduser, joined
        /// to <paramref name="baseDirectory"/> when relative, and os.path.normpath (symbolic links are not followed).
        /// </summary>
        private static string ResolveConfigPath(AnsibleConfig config, string path, string baseDirectory)
        {
            path = path.Replace("{{CWD}}", config.CurrentDirectory);
            path = PathFilters.ExpandVariables(path, config.Variable);
            path = HomePath.Expand(path, config.Home);
            if (!path.StartsWith("/", StringComparison.Ordinal)) path = baseDirectory.TrimEnd('/') + "/" + path;
            return PathFilters.Normpath(path);
        }
    }
}
