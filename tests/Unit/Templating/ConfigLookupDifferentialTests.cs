using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Remote;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// The config lookup through ansible-core's Templar and ours, byte for byte: an ansible.cfg in the project folder,
    /// ANSIBLE_* variables over it, and no file at all. The variables are given to the peer process and to our
    /// <see cref="AnsibleConfig"/> only; this process's environment is never changed.
    /// </summary>
    public sealed class ConfigLookupDifferentialTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-config-lookup-" + Guid.NewGuid().ToString("N"));
        private readonly string _project;
        private readonly string _home;

        public ConfigLookupDifferentialTests()
        {
            _project = Path.Combine(_dir, "project");
            _home = Path.Combine(_dir, "home");
            Directory.CreateDirectory(_project);
            Directory.CreateDirectory(_home);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private const string ProjectConfig =
            "[defaults]\n"
            + "remote_user = 'deploy'\n"
            + "private_key_file = keys/id_ed25519\n"
            + "timeout = 30\n"
            + "host_key_checking = maybe\n"
            + "vault_password_file = ~/vault-pass\n"
            + "vault_identity_list = dev@~/.vault-dev, prod@files/prod , \"quoted\"\n"
            + "inventory = inventory/hosts.ini, /srv/inv/../hosts.yml\n"
            + "roles_path = roles:$HX_CONFIG_ROOT/roles:${HX_CONFIG_UNSET}/r:~/roles:~root/r:~hx-no-such-user/r::/abs//r/./x\n"
            + "home = ./anshome\n"
            + "forks = 1_0\n"
            + "internal_poll_interval = 5e-1\n"
            + "ansible_managed = \"Managed by HxLiteLLM\" ; the header our templates print\n"
            + "gathering = smart\n"
            + "log_path = logs/../ansible.log\n"
            + "remote_port = 2222\n"
            + "jinja2_extensions = jinja2.ext.do,jinja2.ext.i18n\n"
            + "vault_id_match = True\n"
            + "callbacks_enabled = timer, profile_tasks\n"
            + "collections_path = ./collections\n"
            + "pipelining = false\n"
            + "module_name = shell\n"
            + "null_representation = ''\n"
            + "task_timeout = -5\n"
            + "hash_behaviour = merge\n"
            + "\n[connection]\npipelining = true\n"
            + "\n[privilege_escalation]\nbecome = yes\nbecome_user = admin\nbecome_flags = -H -S\n"
            + "\n[diff]\nalways = on\ncontext = 5\n"
            + "\n[inventory]\nenable_plugins = ini, yaml\nunparsed_is_failed = 1\n"
            + "\n[DEFAULT]\nbecome_method = su\n";

        /// <summary>The variables both sides see: PeerProcess's own, the home folder, the scenario's; our side falls back on this process's, as the child inherits them.</summary>
        private Dictionary<string, string> Variables(Dictionary<string, string> scenario)
        {
            var variables = new Dictionary<string, string> { ["ANSIBLE_NOCOLOR"] = "1", ["ANSIBLE_FORCE_COLOR"] = "0", ["HOME"] = _home, ["HX_CONFIG_ROOT"] = "/opt/hx" };
            foreach (var kv in scenario) variables[kv.Key] = kv.Value;
            return variables;
        }

        private AnsibleConfig OurConfig(Dictionary<string, string> variables, string currentDirectory) =>
            AnsibleConfig.Load(currentDirectory, name => variables.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name), _home);

        private static readonly string[] Settings =
        {
            "ANSIBLE_HOME", "CONFIG_FILE", "DEFAULT_REMOTE_USER", "DEFAULT_PRIVATE_KEY_FILE", "DEFAULT_TIMEOUT", "HOST_KEY_CHECKING", "DEFAULT_VAULT_PASSWORD_FILE",
            "DEFAULT_VAULT_IDENTITY_LIST", "DEFAULT_VAULT_IDENTITY", "DEFAULT_VAULT_ID_MATCH", "DEFAULT_VAULT_ENCRYPT_IDENTITY", "DEFAULT_HOST_LIST", "DEFAULT_ROLES_PATH",
            "COLLECTIONS_PATHS", "DEFAULT_FORKS", "DEFAULT_BECOME", "DEFAULT_BECOME_METHOD", "DEFAULT_BECOME_USER", "DEFAULT_BECOME_ASK_PASS", "DEFAULT_BECOME_EXE",
            "DEFAULT_BECOME_FLAGS", "BECOME_ALLOW_SAME_USER", "BECOME_PASSWORD_FILE", "CONNECTION_PASSWORD_FILE", "DEFAULT_ASK_PASS", "DEFAULT_ASK_VAULT_PASS",
            "DEFAULT_REMOTE_PORT", "DEFAULT_TRANSPORT", "DEFAULT_GATHERING", "DEFAULT_GATHER_TIMEOUT", "DEFAULT_GATHER_SUBSET", "DEFAULT_MANAGED_STR",
            "DEFAULT_JINJA2_NATIVE", "DEFAULT_JINJA2_EXTENSIONS", "DEFAULT_HASH_BEHAVIOUR", "DEFAULT_PRIVATE_ROLE_VARS", "DEFAULT_KEEP_REMOTE_FILES",
            "DEFAULT_POLL_INTERVAL", "DEFAULT_INTERNAL_POLL_INTERVAL", "DEFAULT_MODULE_NAME", "DEFAULT_LOG_PATH", "DEFAULT_NO_LOG", "DEFAULT_STDOUT_CALLBACK",
            "DEFAULT_NULL_REPRESENTATION", "DEFAULT_UNDEFINED_VAR_BEHAVIOR", "DEFAULT_VERBOSITY", "ANSIBLE_FORCE_COLOR", "ANSIBLE_NOCOLOR", "ANSIBLE_PIPELINING",
            "ANY_ERRORS_FATAL", "DEPRECATION_WARNINGS", "SYSTEM_WARNINGS", "CALLBACKS_ENABLED", "INVENTORY_ENABLED", "INVENTORY_UNPARSED_IS_FAILED",
            "RETRY_FILES_ENABLED", "DISPLAY_SKIPPED_HOSTS", "DIFF_ALWAYS", "DIFF_CONTEXT", "INTERPRETER_PYTHON", "TASK_TIMEOUT", "DEFAULT_MODULE_PATH",
            "DEFAULT_FILTER_PLUGIN_PATH", "DEFAULT_LOOKUP_PLUGIN_PATH", "WORKER_SHUTDOWN_POLL_DELAY", "STRING_CONVERSION_ACTION", "DUPLICATE_YAML_DICT_KEY",
            "DEFAULT_SYSLOG_FACILITY",
        };

        /// <summary>The options and shapes of the lookup; the names are the cases both must fail.</summary>
        private static readonly (string Name, string Template)[] OptionCases =
        {
            ("missing-error", "{{ lookup('config', 'HX_NO_SUCH_SETTING') }}"),
            ("missing-warn", "[{{ lookup('config', 'HX_NO_SUCH_SETTING', on_missing='warn') }}]"),
            ("missing-skip", "{{ query('config', 'DEFAULT_FORKS', 'HX_NO_SUCH_SETTING', 'DEFAULT_BECOME_USER', on_missing='skip') }}"),
            ("missing-ignored", "[{{ lookup('config', 'HX_NO_SUCH_SETTING', errors='ignore') }}]"),
            ("strings-joined", "{{ lookup('config', 'DEFAULT_BECOME_USER', 'DEFAULT_BECOME_METHOD', 'DEFAULT_TRANSPORT') }}"),
            ("mixed-not-joined", "{{ lookup('config', 'DEFAULT_BECOME_USER', 'DEFAULT_TIMEOUT') }}"),
            ("wantlist", "{{ lookup('config', 'DEFAULT_TIMEOUT', wantlist=True) }}|{{ q('ansible.builtin.config', 'HOST_KEY_CHECKING') }}"),
            ("bad-on-missing", "{{ lookup('config', 'DEFAULT_TIMEOUT', on_missing='ignore') }}"),
            ("bad-on-missing-not-ignored", "{{ lookup('config', 'DEFAULT_TIMEOUT', on_missing='ignore', errors='ignore') }}"),
            ("plugin-type-alone", "{{ lookup('config', 'remote_user', plugin_type='connection') }}"),
            ("term-not-a-string", "{{ lookup('config', 5) }}"),
        };

        private static readonly string[] FailingOptionCases = { "missing-error", "bad-on-missing", "bad-on-missing-not-ignored", "plugin-type-alone", "term-not-a-string" };

        private static List<TemplateCase> Cases(string scenario) =>
            Settings.Select(s => new TemplateCase(scenario + "/" + s, "{{ lookup('config', '" + s + "') | to_json }}"))
                .Concat(OptionCases.Select(c => new TemplateCase(scenario + "/" + c.Name, c.Template)))
                .ToList();

        private void AssertRendersLikeAnsible(string scenario, Dictionary<string, string> variables, string currentDirectory)
        {
            var cases = Cases(scenario);
            var peer = AnsiblePeer.RenderAll(cases, variables, currentDirectory);
            var options = new TemplateOptions { AnsibleConfig = OurConfig(variables, currentDirectory) };
            var failures = new List<string>();
            foreach (var c in cases)
            {
                var expected = peer[c.Name];
                var shouldFail = FailingOptionCases.Contains(c.Name.Substring(scenario.Length + 1));
                if (expected.Ok == shouldFail) failures.Add(c.Name + "\n  ansible " + (expected.Ok ? "renders it, expected to fail: " + expected.Output : "fails, expected to render: " + expected.Error));
                string ours;
                bool ok;
                try
                {
                    ours = AnsibleTemplate.Render(c.Template, new PyDict(), c.Name, options, currentDirectory);
                    ok = true;
                }
                catch (TemplateException e)
                {
                    ours = e.Message;
                    ok = false;
                }
                if (ok != expected.Ok || (ok && ours != expected.Output))
                    failures.Add(c.Name + "\n  ansible: " + (expected.Ok ? expected.Output : "ERROR " + expected.Error) + "\n  ours:    " + (ok ? ours : "ERROR " + ours));
            }
            Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " cases differ:\n" + string.Join("\n\n", failures));
        }

        [PeerFact("jinja2", "ansible")]
        public void TheProjectFoldersAnsibleCfgResolvesLikeAnsible()
        {
            File.WriteAllText(Path.Combine(_project, "ansible.cfg"), ProjectConfig);
            // ANSIBLE_CONFIG naming no file: both go on to ./ansible.cfg.
            AssertRendersLikeAnsible("project-cfg", Variables(new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = Path.Combine(_dir, "absent.cfg") }), _project);
        }

        [PeerFact("jinja2", "ansible")]
        public void AnsibleVariablesOverTheFileResolveLikeAnsible()
        {
            File.WriteAllText(Path.Combine(_project, "ansible.cfg"), ProjectConfig);
            var variables = Variables(new Dictionary<string, string>
            {
                // A folder: Ansible reads its ansible.cfg.
                ["ANSIBLE_CONFIG"] = _project,
                ["ANSIBLE_REMOTE_USER"] = "envuser",
                ["ANSIBLE_TIMEOUT"] = "",
                ["ANSIBLE_REMOTE_PORT"] = "",
                ["ANSIBLE_FORKS"] = " 7 ",
                ["ANSIBLE_HOST_KEY_CHECKING"] = "False",
                ["ANSIBLE_ROLES_PATH"] = "rel/roles:/abs/roles",
                ["ANSIBLE_INVENTORY"] = "a.ini, b.ini",
                ["ANSIBLE_BECOME"] = "1.0",
                ["ANSIBLE_BECOME_USER"] = "\"quoted\"",
                ["ANSIBLE_VAULT_IDENTITY_LIST"] = "ops@/x",
                ["ANSIBLE_HOME"] = "~/h2",
                ["ANSIBLE_WORKER_SHUTDOWN_POLL_DELAY"] = "1e-2",
                ["ANSIBLE_GATHERING"] = "explicit",
                ["ANSIBLE_PRIVATE_KEY_FILE"] = "keys/env_key",
                ["ANSIBLE_BECOME_PASSWORD_FILE"] = "",
                ["ANSIBLE_COLLECTIONS_PATHS"] = "/first",
                ["ANSIBLE_COLLECTIONS_PATH"] = "/second",
                ["ANSIBLE_CALLBACKS_ENABLED"] = "",
                ["ANSIBLE_VERBOSITY"] = "+2",
            });
            AssertRendersLikeAnsible("environment", variables, _project);
        }

        [PeerFact("jinja2", "ansible")]
        public void WithoutAnyFileTheDefaultsResolveLikeAnsible()
        {
            var empty = Path.Combine(_dir, "empty");
            Directory.CreateDirectory(empty);
            AssertRendersLikeAnsible("defaults", Variables(new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = Path.Combine(_dir, "absent.cfg") }), empty);
        }

        /// <summary>A value Ansible refuses stops Ansible from starting at all; ours fails the lookup of that setting, with Ansible's words.</summary>
        [PeerTheory("ansible")]
        [InlineData("[defaults]\ntimeout = soon\n", "DEFAULT_TIMEOUT", "Invalid type for configuration option")]
        [InlineData("[defaults]\ngathering = sometimes\n", "DEFAULT_GATHERING", "Invalid value \"sometimes\" for configuration option")]
        [InlineData("[defaults]\nremote_user\n", "DEFAULT_REMOTE_USER", "ansible.cfg line 2")]
        public void ValuesAnsibleRefusesAreRefused(string file, string setting, string ours)
        {
            File.WriteAllText(Path.Combine(_project, "ansible.cfg"), file);
            var variables = Variables(new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = Path.Combine(_project, "ansible.cfg") });
            var peer = PeerProcess.Run(Peers.Python, new[] { "-c", "import ansible.constants" }, workingDirectory: _project, environment: variables);
            Assert.NotEqual(0, peer.ExitCode);
            Assert.Contains(ours.StartsWith("ansible.cfg", StringComparison.Ordinal) ? "Error reading config file" : ours, peer.StdErr);
            string message;
            try
            {
                var config = OurConfig(variables, _project);
                message = Assert.ThrowsAny<TemplateException>(() => Render("{{ lookup('config', '" + setting + "') }}", config)).Message;
            }
            catch (HxException e) when (!(e is TemplateException))
            {
                // configparser's refusals: our AnsibleConfig refuses the file when it reads it.
                message = e.Message;
            }
            Assert.Contains(ours, message);
        }

        private string Render(string template, AnsibleConfig config) =>
            AnsibleTemplate.Render(template, new PyDict(), "config", new TemplateOptions { AnsibleConfig = config }, _project);

        /// <summary>Settings Ansible has and this engine does not resolve fail by name, even where Ansible's missing-setting handling would skip.</summary>
        [Theory]
        [InlineData("{{ lookup('config', 'ANSIBLE_COW_PATH') }}", "setting ANSIBLE_COW_PATH exists in ansible-core but this engine does not resolve it")]
        [InlineData("{{ lookup('config', 'ANSIBLE_COW_PATH', on_missing='skip') }}", "setting ANSIBLE_COW_PATH exists in ansible-core")]
        [InlineData("{{ lookup('config', 'COLOR_CODES', errors='ignore') }}", "setting COLOR_CODES exists in ansible-core")]
        [InlineData("{{ lookup('config', '_ACTION_DEBUG', on_missing='warn') }}", "setting _ACTION_DEBUG exists in ansible-core")]
        [InlineData("{{ lookup('config', 'DEFAULT_LOCAL_TMP') }}", "DEFAULT_LOCAL_TMP is a temporary folder Ansible creates afresh for each run")]
        [InlineData("{{ lookup('config', 'remote_user', plugin_type='connection', plugin_name='ssh') }}", "the settings of plugins (plugin_type=connection, plugin_name=ssh) are not resolved by this engine")]
        public void WhatThisEngineDoesNotResolveIsRefusedByName(string template, string expected)
        {
            var config = OurConfig(Variables(new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = Path.Combine(_dir, "absent.cfg") }), _project);
            var error = Assert.ThrowsAny<TemplateException>(() => Render(template, config));
            Assert.Contains(expected, error.Message);
        }
    }
}
