using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Deploy;
using HxLiteLLM.Evidence;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Remote;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Pipeline
{
    /// <summary>How an option's value is read from each layer.</summary>
    public enum PipelineOptionKind
    {
        Text,
        /// <summary>A path to read: relative to the current location (parameter) or to the settings file.</summary>
        Path,
        /// <summary>A path the run writes: a settings file may only name one inside its own folder.</summary>
        OutputPath,
        Flag,
        List,
    }

    /// <summary>
    /// One option of the pipeline: its parameter, its settings keys (an inverted one means the opposite, as the seed's
    /// run_preflight: false means skip_preflight: true) and its default. The precedence itself is <see cref="PipelineOptionsBuilder.Layers"/>.
    /// </summary>
    public sealed class PipelineOption
    {
        public PipelineOption(string parameter, PipelineOptionKind kind, string? settingsKey, object? defaultValue = null, string? invertedSettingsKey = null,
            string? aliasSettingsKey = null)
        {
            Parameter = parameter;
            Kind = kind;
            SettingsKey = settingsKey;
            Default = defaultValue;
            InvertedSettingsKey = invertedSettingsKey;
            AliasSettingsKey = aliasSettingsKey;
        }

        public string Parameter { get; }
        public PipelineOptionKind Kind { get; }
        public string? SettingsKey { get; }
        /// <summary>A settings key whose true means this flag's false (the seed's run_* names).</summary>
        public string? InvertedSettingsKey { get; }
        /// <summary>A second settings key with the same meaning (the seed's skip_on_failure for continue_on_failure).</summary>
        public string? AliasSettingsKey { get; }
        public object? Default { get; }
    }

    /// <summary>One source of option values; <see cref="TryGet"/> is false when this source says nothing about the option.</summary>
    public interface IPipelineOptionLayer
    {
        /// <summary>How the source is named in messages: -Parameter, the settings file, ansible.cfg, the default.</summary>
        string Describe(PipelineOption option);

        bool TryGet(PipelineOption option, out object? value);
    }

    /// <summary>
    /// The pipeline's options from their sources in one order - the parameters the user gave, Ansible's environment (for the
    /// vault password only, as Ansible's ANSIBLE_VAULT_* variables win over its config), the settings file (hxlitellm.yml),
    /// ansible.cfg, the defaults: for each option the first layer that has a value wins. A parameter counts only when it was
    /// given (PowerShell's BoundParameters), so a switch given as -Switch:$false wins over the settings file too.
    /// </summary>
    public sealed class PipelineOptionsBuilder
    {
        public static readonly PipelineOption Inventory = new PipelineOption("InventoryPath", PipelineOptionKind.Path, "inventory");
        public static readonly PipelineOption Group = new PipelineOption("Group", PipelineOptionKind.Text, "group", "litellm");
        public static readonly PipelineOption Role = new PipelineOption("RolePath", PipelineOptionKind.Path, "role");
        public static readonly PipelineOption Evidence = new PipelineOption("EvidencePath", PipelineOptionKind.OutputPath, "evidence_path");
        public static readonly PipelineOption Render = new PipelineOption("RenderPath", PipelineOptionKind.OutputPath, "render_path");
        public static readonly PipelineOption JUnit = new PipelineOption("JUnitPath", PipelineOptionKind.OutputPath, "junit_path");
        public static readonly PipelineOption VaultPasswordFile = new PipelineOption("VaultPasswordFile", PipelineOptionKind.Path, "vault_password_file");
        public static readonly PipelineOption Phases = new PipelineOption("Phase", PipelineOptionKind.List, "phases",
            PipelineOptions.DefaultPhases.Select(p => p.ToString()).ToList());
        public static readonly PipelineOption Deploy = new PipelineOption("Deploy", PipelineOptionKind.Flag, "deploy", false);
        public static readonly PipelineOption SkipPreflight = new PipelineOption("SkipPreflight", PipelineOptionKind.Flag, "skip_preflight", false,
            invertedSettingsKey: "run_preflight");
        public static readonly PipelineOption SkipInventory = new PipelineOption("SkipInventory", PipelineOptionKind.Flag, "skip_inventory", false,
            invertedSettingsKey: "run_inventory");
        public static readonly PipelineOption SkipRoleValidation = new PipelineOption("SkipRoleValidation", PipelineOptionKind.Flag, "skip_role_validation",
            false, invertedSettingsKey: "run_role_validation");
        public static readonly PipelineOption ContinueOnFailure = new PipelineOption("ContinueOnFailure", PipelineOptionKind.Flag, "continue_on_failure", false,
            aliasSettingsKey: "skip_on_failure");
        public static readonly PipelineOption AddHosts = new PipelineOption("AddHostName", PipelineOptionKind.List, "hosts", new List<string>());
        public static readonly PipelineOption Quarantine = new PipelineOption("", PipelineOptionKind.Flag, "quarantine", true);
        public static readonly PipelineOption CreateRoleStructure = new PipelineOption("", PipelineOptionKind.Flag, "create_role_structure", true);
        public static readonly PipelineOption AllowFileWritingLookup = new PipelineOption("AllowFileWritingLookup", PipelineOptionKind.Flag, null, false);
        public static readonly PipelineOption KnownHosts = new PipelineOption("KnownHostsPath", PipelineOptionKind.Path, "known_hosts");
        public static readonly PipelineOption KeyFile = new PipelineOption("KeyFilePath", PipelineOptionKind.Path, "key_file");
        public static readonly PipelineOption AcceptNewHostKey = new PipelineOption("AcceptNewHostKey", PipelineOptionKind.Flag, "accept_new_host_key", false);
        /// <summary>Weak SSH algorithms only with the explicit switch: a settings file cannot turn them on.</summary>
        public static readonly PipelineOption AllowLegacySshAlgorithm = new PipelineOption("AllowLegacySshAlgorithm", PipelineOptionKind.Flag, null, false);
        public static readonly PipelineOption Certificate = new PipelineOption("CertificatePath", PipelineOptionKind.Path, "ca_certificate");
        public static readonly PipelineOption DnsServer = new PipelineOption("DnsServer", PipelineOptionKind.Text, "dns_server");
        public static readonly PipelineOption Backends = new PipelineOption("Backend", PipelineOptionKind.List, "backends", new List<string>());
        public static readonly PipelineOption Domain = new PipelineOption("Domain", PipelineOptionKind.Text, "domain");
        public static readonly PipelineOption Limit = new PipelineOption("Limit", PipelineOptionKind.List, "limit", new List<string>());
        public static readonly PipelineOption FailOnError = new PipelineOption("FailOnError", PipelineOptionKind.Flag, null, false);
        public static readonly PipelineOption FailOnWarning = new PipelineOption("FailOnWarning", PipelineOptionKind.Flag, null, false);

        /// <summary>The options whose parameter is a path, which the caller makes absolute before handing it over.</summary>
        public static readonly IReadOnlyList<string> PathParameters = new[] { Inventory, Role, Evidence, Render, JUnit, VaultPasswordFile, KnownHosts, KeyFile,
            Certificate }
            .Select(o => o.Parameter).ToList();

        /// <summary>Each phase that a skip switch leaves out, with that switch.</summary>
        private static readonly (PipelinePhase Phase, PipelineOption Skip)[] SkipSwitches =
        {
            (PipelinePhase.Preflight, SkipPreflight), (PipelinePhase.Inventory, SkipInventory), (PipelinePhase.RoleValidation, SkipRoleValidation),
        };

        private readonly IReadOnlyDictionary<string, object?> _given;
        private readonly PipelineSettings _settings;
        private readonly AnsibleConfig _config;

        /// <param name="given">The parameters given, by name: switches as bool, paths already made absolute, the master key as plain text.</param>
        /// <param name="settings">The settings file (or <see cref="PipelineSettings.None"/>).</param>
        /// <param name="config">The ansible.cfg Ansible uses, with the ANSIBLE_* variables.</param>
        public PipelineOptionsBuilder(IReadOnlyDictionary<string, object?> given, PipelineSettings settings, AnsibleConfig config)
        {
            _given = given;
            _settings = settings;
            _config = config;
            Layers = new IPipelineOptionLayer[]
            {
                new ParameterLayer(given), new AnsibleEnvironmentLayer(config), new SettingsLayer(settings), new AnsibleConfigLayer(config), new DefaultLayer(),
            };
        }

        /// <summary>The sources in precedence order, the first that has a value winning.</summary>
        public IReadOnlyList<IPipelineOptionLayer> Layers { get; }

        /// <summary>The module's ansible folder, for the Deploy phases.</summary>
        public string SupportFolder { get; set; } = "";

        /// <summary>The folder ansible-playbook runs in, for the Deploy phases.</summary>
        public string WorkingDirectory { get; set; } = "";

        /// <summary>The vault secrets for the vault password file chosen (null: the ones ansible.cfg and its variables name); the caller owns them.</summary>
        public Func<string?, IReadOnlyList<VaultSecret>> VaultSecrets { get; set; } = _ => new List<VaultSecret>();

        /// <summary>The value of the first layer that has one; null when none has.</summary>
        public object? Value(PipelineOption option) => Winner(option).Value;

        /// <summary>The first layer that has a value for <paramref name="option"/>, with that value.</summary>
        public (IPipelineOptionLayer? Layer, object? Value) Winner(PipelineOption option)
        {
            foreach (var layer in Layers)
            {
                if (layer.TryGet(option, out var value)) return (layer, value);
            }
            return (null, null);
        }

        public string? Text(PipelineOption option) => Value(option) as string;

        public bool Flag(PipelineOption option) => Value(option) as bool? ?? false;

        public IReadOnlyList<string> List(PipelineOption option) => Value(option) as IReadOnlyList<string> ?? new List<string>();

        private bool Given(string parameter) => _given.ContainsKey(parameter);

        /// <summary>The phases: named ones (-Phase, phases:, default) plus -Deploy's, less the skipped ones; a phase both named and skipped in one layer is an
        /// error.</summary>
        public IList<PipelinePhase> PhaseList()
        {
            var named = List(Phases).ToList();
            if (Flag(Deploy)) named.AddRange(new[] { nameof(PipelinePhase.Deploy), nameof(PipelinePhase.SmokeTest) });
            var phases = named
                .Select(p => Enum.TryParse<PipelinePhase>(p, true, out var parsed) ? parsed
                    : throw new HxException("SettingsInvalidValue", "phases: '" + p + "' is not a phase ("
                        + string.Join(", ", Enum.GetNames(typeof(PipelinePhase))) + ").", _settings.FilePath, kind: HxErrorKind.InvalidArgument))
                .Distinct()
                .ToList();
            var phaseLayer = Winner(Phases).Layer;
            foreach (var (phase, skip) in SkipSwitches)
            {
                var (skipLayer, skipped) = Winner(skip);
                if (!(skipped is true) || !phases.Contains(phase)) continue;
                // Both from one source is a contradiction; across sources the skip narrows what the other asked for.
                if (skipLayer == phaseLayer)
                {
                    throw new HxException("PhaseSkipConflict",
                        phaseLayer!.Describe(Phases) + " names " + phase + " and " + skipLayer!.Describe(skip) + " leaves it out: give one of them.",
                        skipLayer is SettingsLayer ? _settings.FilePath : null, kind: HxErrorKind.InvalidArgument);
                }
                phases.Remove(phase);
            }
            return phases;
        }

        /// <summary>
        /// The master key a run stores, checked by the MasterKeyFormat rule before anything is stored; -MasterKey with
        /// -GenerateMasterKey or -RotateMasterKey is an error naming both. Never says the key.
        /// </summary>
        private (string? Key, bool OnlyWhenMissing) MasterKeyToStore()
        {
            var given = _given.TryGetValue("MasterKey", out var key) ? key as string : null;
            var generate = _given.TryGetValue("GenerateMasterKey", out var g) && g is true;
            var rotate = _given.TryGetValue("RotateMasterKey", out var r) && r is true;
            if (given != null && (generate || rotate))
            {
                throw new HxException("MasterKeyConflict",
                    "-MasterKey and " + (rotate ? "-RotateMasterKey" : "-GenerateMasterKey")
                        + " contradict each other: give the key to store, or have one generated, not both.", kind: HxErrorKind.InvalidArgument);
            }
            if (given != null)
            {
                MasterKey.RequireUsable(given, "-MasterKey");
                return (given, false);
            }
            // A generated key fills a missing one; only -RotateMasterKey replaces a key the vault already has.
            return generate || rotate ? (new string(MasterKey.NewKeyCharacters()), !rotate) : (null, false);
        }

        /// <summary>The run's options; the caller disposes their VaultSecrets.</summary>
        public PipelineOptions Build()
        {
            // Contradictions and an unusable key first: nothing else is worth reporting before them.
            var phases = PhaseList();
            var (masterKey, onlyWhenMissing) = MasterKeyToStore();
            var inventory = Text(Inventory)
                ?? throw new HxException("InventoryPathMissing",
                    "No inventory: give -InventoryPath, set inventory: in the settings file or inventory in ansible.cfg.", kind: HxErrorKind.InvalidArgument);
            var missing = InventorySelection.MissingSource(inventory);
            if (missing != null) throw missing;
            var options = new PipelineOptions(inventory)
            {
                Group = Text(Group)!,
                RolePath = Text(Role),
                EvidencePath = EvidenceRoot.Resolve(Text(Evidence), _config),
                RenderPath = EvidenceRoot.RenderFolder(Text(Render), _config),
                JUnitPath = Text(JUnit),
                Phases = phases,
                ContinueOnFailure = Flag(ContinueOnFailure),
                AddHosts = List(AddHosts).ToList(),
                GroupVars = GroupVars(_settings),
                Quarantine = Flag(Quarantine),
                CreateRoleStructure = Flag(CreateRoleStructure),
                SettingsPath = _settings.FilePath,
                AllowFileWritingLookups = Flag(AllowFileWritingLookup),
                AnsibleConfig = _config,
            };
            options.MasterKey = masterKey;
            options.MasterKeyOnlyWhenMissing = onlyWhenMissing;
            options.VaultSecrets = VaultSecrets(Text(VaultPasswordFile));
            try
            {
                if (phases.Any(PipelineOptions.IsOptIn)) options.Deploy = DeployRequestOf(options);
            }
            catch
            {
                foreach (var secret in options.VaultSecrets) secret.Dispose();
                throw;
            }
            var knownHosts = Text(KnownHosts);
            var keyFile = Text(KeyFile);
            var acceptNew = Flag(AcceptNewHostKey);
            var allowLegacy = Flag(AllowLegacySshAlgorithm);
            var config = _config;
            options.ConfigureConnection = c =>
            {
                config.ApplyConnectionDefaults(c);
                if (knownHosts != null) c.KnownHostsPath = knownHosts;
                if (keyFile != null) c.KeyFilePath = keyFile;
                if (acceptNew) c.AcceptNewHostKey = true;
                if (allowLegacy) c.AllowLegacyAlgorithms = true;
            };
            var ca = Text(Certificate);
            options.Preflight = new Checks.PreflightOptions
            {
                ThrottleLimit = _given.TryGetValue("ThrottleLimit", out var throttle) && throttle is int t ? t : 32,
                DnsServer = Text(DnsServer),
                Backends = List(Backends).ToList(),
                CaCertificatePath = ca,
                ExpectedDomain = Text(Domain),
                ContinueOnFailure = options.ContinueOnFailure,
            };
            // Several patterns are one, comma-separated, as the playbook cmdlets hand -Limit to ansible-playbook.
            options.Limit = List(Limit).Count > 0 ? string.Join(",", List(Limit)) : null;
            if (options.Deploy != null && options.Limit != null) options.Deploy.Limit = new[] { options.Limit };
            options.KeepLast = _given.TryGetValue("KeepLast", out var keep) && keep is int last ? last : (int?)null;
            options.ManifestParameters = new Dictionary<string, object?>
            {
                ["inventory"] = inventory, ["group"] = options.Group, ["role"] = options.RolePath,
                    ["phases"] = phases.Select(p => (object?)p.ToString()).ToList(),
                ["continue_on_failure"] = options.ContinueOnFailure, ["fail_on_error"] = Flag(FailOnError), ["fail_on_warning"] = Flag(FailOnWarning),
                    ["hosts"] = options.AddHosts.Select(h => (object?)h).ToList(),
                ["group_vars"] = options.GroupVars.Select(v => (object?)v.Key).ToList(),
                ["master_key"] = Given("MasterKey") ? "given" : Given("RotateMasterKey") && _given["RotateMasterKey"] is true ? "rotate"
                    : options.MasterKey != null ? "generate if missing" : "not given",
                ["quarantine"] = options.Quarantine, ["create_role_structure"] = options.CreateRoleStructure, ["evidence_path"] = options.EvidencePath,
                ["render_path"] = options.RenderPath, ["settings"] = _settings.FilePath, ["vault_password"] = options.VaultSecrets.Count > 0 ? "given" : "none",
                ["keep_last"] = options.KeepLast, ["limit"] = options.Limit, ["dns_server"] = options.Preflight.DnsServer,
                    ["domain"] = options.Preflight.ExpectedDomain, ["ca_certificate"] = ca,
            };
            return options;
        }

        /// <summary>The Deploy and SmokeTest phases' request: the settings' playbooks, else the ones Deploy-HxLiteLLM would find.</summary>
        private DeployRequest DeployRequestOf(PipelineOptions options)
        {
            var projectRoot = EvidenceRoot.ProjectRoot(_config);
            var playbook = _settings.Path("deploy_playbook") ?? DeployPlaybooks.Find(DeployPlaybooks.Enforce, projectRoot, options.InventoryPath)
                ?? throw new HxException("DeployPlaybookNotFound", "No " + DeployPlaybooks.Enforce + " in (or under playbooks/Lite-LLM/ of) " +
                    string.Join(", ", DeployPlaybooks.Folders(projectRoot, options.InventoryPath)) + "; set deploy_playbook in the settings file.",
                        kind: HxErrorKind.NotFound);
            return new DeployRequest(options.InventoryPath, playbook, AnsiblePlaybookCommandLine.Locate(null, _config.Variable("PATH")), SupportFolder,
                WorkingDirectory)
            {
                Group = options.Group,
                SmokeTestPlaybookPath = _settings.Path("smoke_test_playbook")
                    ?? DeployPlaybooks.Find(DeployPlaybooks.SmokeTest, projectRoot, options.InventoryPath),
                VaultSecrets = options.VaultSecrets,
                HandOverVaultSecrets = Given("VaultPassword") || Given(VaultPasswordFile.Parameter) || _settings.Path("vault_password_file") != null,
                CallbackPlugins = _config.CallbackPlugins,
                EvidenceRoot = options.EvidencePath,
            };
        }

        private static IReadOnlyList<KeyValuePair<string, object?>> GroupVars(PipelineSettings settings)
        {
            var map = settings.Map("group_vars");
            if (map == null) return new List<KeyValuePair<string, object?>>();
            return map.Select(kv => new KeyValuePair<string, object?>(PyRepr.Str(kv.Key), kv.Value)).ToList();
        }

        /// <summary>The parameters given: a name present counts, whatever its value.</summary>
        private sealed class ParameterLayer : IPipelineOptionLayer
        {
            private readonly IReadOnlyDictionary<string, object?> _given;

            public ParameterLayer(IReadOnlyDictionary<string, object?> given) => _given = given;

            public string Describe(PipelineOption option) => "-" + option.Parameter;

            public bool TryGet(PipelineOption option, out object? value)
            {
                value = null;
                if (option.Parameter.Length == 0 || !_given.TryGetValue(option.Parameter, out var given)) return false;
                value = given is string[] list ? list.ToList() : given;
                return true;
            }
        }

        /// <summary>ANSIBLE_VAULT_PASSWORD_FILE or ANSIBLE_VAULT_IDENTITY_LIST: the vault secrets come from there, not from the settings file.</summary>
        private sealed class AnsibleEnvironmentLayer : IPipelineOptionLayer
        {
            private readonly AnsibleConfig _config;

            public AnsibleEnvironmentLayer(AnsibleConfig config) => _config = config;

            public string Describe(PipelineOption option) => "ANSIBLE_VAULT_PASSWORD_FILE";

            public bool TryGet(PipelineOption option, out object? value)
            {
                value = null;
                // null: the secrets ansible.cfg and its variables name.
                return option == VaultPasswordFile &&
                    (!string.IsNullOrEmpty(_config.Variable("ANSIBLE_VAULT_PASSWORD_FILE"))
                        || !string.IsNullOrEmpty(_config.Variable("ANSIBLE_VAULT_IDENTITY_LIST")));
            }
        }

        /// <summary>The settings file: relative paths against its folder, output paths inside it; an empty list says nothing.</summary>
        private sealed class SettingsLayer : IPipelineOptionLayer
        {
            private readonly PipelineSettings _settings;

            public SettingsLayer(PipelineSettings settings) => _settings = settings;

            public string Describe(PipelineOption option) =>
                (_settings.FilePath ?? "the settings file") + "'s " + option.SettingsKey
                    + (option.InvertedSettingsKey == null ? "" : " (or " + option.InvertedSettingsKey + ": false)");

            public bool TryGet(PipelineOption option, out object? value)
            {
                value = null;
                if (option.SettingsKey == null) return false;
                switch (option.Kind)
                {
                    case PipelineOptionKind.Flag:
                        // Either key asking for it decides, as the seed's variables did beside ours.
                        var flags = new[] { _settings.Flag(option.SettingsKey),
                            option.AliasSettingsKey == null ? null : _settings.Flag(option.AliasSettingsKey),
                            option.InvertedSettingsKey == null ? null : !_settings.Flag(option.InvertedSettingsKey) };
                        if (flags.All(f => f == null)) return false;
                        value = flags.Any(f => f == true);
                        return true;
                    case PipelineOptionKind.List:
                        var list = _settings.List(option.SettingsKey);
                        value = list;
                        return list.Count > 0;
                    case PipelineOptionKind.Path:
                        value = _settings.Path(option.SettingsKey);
                        return value != null;
                    case PipelineOptionKind.OutputPath:
                        value = _settings.OutputPath(option.SettingsKey);
                        return value != null;
                    default:
                        value = _settings.Text(option.SettingsKey);
                        return value != null;
                }
            }
        }

        /// <summary>ansible.cfg (and ANSIBLE_INVENTORY): the inventory, as ansible-inventory finds it.</summary>
        private sealed class AnsibleConfigLayer : IPipelineOptionLayer
        {
            private readonly AnsibleConfig _config;

            public AnsibleConfigLayer(AnsibleConfig config) => _config = config;

            public string Describe(PipelineOption option) => _config.Path ?? "ansible.cfg";

            public bool TryGet(PipelineOption option, out object? value)
            {
                value = option == Inventory ? _config.SingleInventory : null;
                return value != null;
            }
        }

        private sealed class DefaultLayer : IPipelineOptionLayer
        {
            public string Describe(PipelineOption option) => "the default";

            public bool TryGet(PipelineOption option, out object? value)
            {
                value = option.Default;
                return value != null;
            }
        }
    }
}
