using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Pipeline;
using HxLiteLLM.Remote;
using Xunit;

namespace HxLiteLLM.Tests.Pipeline
{
    /// <summary>The pipeline's precedence: a parameter given over the settings file over ansible.cfg over the default, for each kind of option.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class PipelineOptionsBuilderTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-pipeline-options-" + Guid.NewGuid().ToString("N"));
        private readonly string _home;
        private readonly string _project;
        private readonly Dictionary<string, string> _env = new Dictionary<string, string>();

        public PipelineOptionsBuilderTests()
        {
            _home = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
            _project = Directory.CreateDirectory(Path.Combine(_dir, "project")).FullName;
            // Ansible ignores ./ansible.cfg in a world-writable folder; this one is the user's own.
            File.SetUnixFileMode(_project, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (var name in new[] { "cfg.ini", "settings.ini", "given.ini" }) File.WriteAllText(Path.Combine(_project, name), "[litellm]\nlocalhost\n");
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private PipelineOptionsBuilder Builder(Dictionary<string, object?> given, string? settings = null, string? ansibleCfg = null)
        {
            if (ansibleCfg != null) File.WriteAllText(Path.Combine(_project, "ansible.cfg"), ansibleCfg);
            var settingsFile = Path.Combine(_project, "hxlitellm.yml");
            if (settings != null) File.WriteAllText(settingsFile, settings);
            var config = AnsibleConfig.Load(_project, name => _env.TryGetValue(name, out var v) ? v : null, _home);
            return new PipelineOptionsBuilder(given, settings != null ? PipelineSettings.Load(settingsFile) : PipelineSettings.None(_project), config);
        }

        private static Dictionary<string, object?> Given(params (string Name, object? Value)[] parameters) =>
            parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);

        private string InProject(string name) => Path.Combine(_project, name);

        [Fact]
        public void APathParameterWinsOverTheSettingsFileOverAnsibleCfg()
        {
            const string cfg = "[defaults]\ninventory = cfg.ini\n";
            Assert.Equal(InProject("given.ini"), Builder(Given(("InventoryPath", InProject("given.ini"))), "inventory: settings.ini\n", cfg).Build().InventoryPath);
            Assert.Equal(InProject("settings.ini"), Builder(Given(), "inventory: settings.ini\n", cfg).Build().InventoryPath);
            Assert.Equal(InProject("cfg.ini"), Builder(Given(), null, cfg).Build().InventoryPath);
            File.Delete(InProject("ansible.cfg"));
            var none = Assert.Throws<HxException>(() => Builder(Given()).Build());
            Assert.Equal("InventoryPathMissing", none.ErrorId);
        }

        [Fact]
        public void AnOptionalPathFallsBackToItsDefault()
        {
            var inventory = ("InventoryPath", (object?)InProject("given.ini"));
            Assert.Equal(InProject("given-role"), Builder(Given(inventory, ("RolePath", InProject("given-role"))), "role: roles/litellm\n").Build().RolePath);
            Assert.Equal(InProject("roles/litellm"), Builder(Given(inventory), "role: roles/litellm\n").Build().RolePath);
            Assert.Null(Builder(Given(inventory)).Build().RolePath);
            // The evidence root: given, settings, then the project of ansible.cfg.
            File.WriteAllText(InProject("ansible.cfg"), "[defaults]\n");
            Assert.Equal(InProject("ev"), Builder(Given(inventory, ("EvidencePath", InProject("ev"))), "evidence_path: out\n").Build().EvidencePath);
            Assert.Equal(InProject("out"), Builder(Given(inventory), "evidence_path: out\n").Build().EvidencePath);
            Assert.Equal(InProject(".evidence"), Builder(Given(inventory)).Build().EvidencePath);
        }

        [Fact]
        public void ASwitchGivenWinsOverTheSettingsFileEvenWhenFalse()
        {
            var inventory = ("InventoryPath", (object?)InProject("given.ini"));
            Assert.False(Builder(Given(inventory, ("ContinueOnFailure", false)), "continue_on_failure: true\n").Build().ContinueOnFailure);
            Assert.True(Builder(Given(inventory, ("ContinueOnFailure", true)), "continue_on_failure: false\n").Build().ContinueOnFailure);
            Assert.True(Builder(Given(inventory), "skip_on_failure: true\n").Build().ContinueOnFailure);
            Assert.False(Builder(Given(inventory)).Build().ContinueOnFailure);
            // A settings-only switch: its default is on.
            Assert.False(Builder(Given(inventory), "quarantine: false\n").Build().Quarantine);
            Assert.True(Builder(Given(inventory)).Build().Quarantine);
        }

        [Fact]
        public void ASkipSwitchFromAnyLayerLeavesThePhaseOut()
        {
            var inventory = ("InventoryPath", (object?)InProject("given.ini"));
            var all = new[] { PipelinePhase.Preflight, PipelinePhase.Inventory, PipelinePhase.RoleValidation };
            Assert.Equal(all.Skip(1), Builder(Given(inventory, ("SkipPreflight", true))).Build().Phases);
            Assert.Equal(all.Skip(1), Builder(Given(inventory), "run_preflight: false\n").Build().Phases);
            Assert.Equal(all, Builder(Given(inventory, ("SkipPreflight", false)), "skip_preflight: true\n").Build().Phases);
            Assert.Equal(all, Builder(Given(inventory)).Build().Phases);
        }

        [Fact]
        public void AListParameterWinsOverTheSettingsFileOverTheDefault()
        {
            var inventory = ("InventoryPath", (object?)InProject("given.ini"));
            Assert.Equal(new[] { "a.hx.test" }, Builder(Given(inventory, ("AddHostName", new[] { "a.hx.test" })), "hosts: [b.hx.test]\n").Build().AddHosts);
            Assert.Equal(new[] { "b.hx.test" }, Builder(Given(inventory), "hosts: [b.hx.test]\n").Build().AddHosts);
            Assert.Empty(Builder(Given(inventory)).Build().AddHosts);
            Assert.Equal(new[] { PipelinePhase.Inventory }, Builder(Given(inventory, ("Phase", new[] { "Inventory" })), "phases: [Preflight]\n").Build().Phases);
            Assert.Equal(new[] { PipelinePhase.Preflight }, Builder(Given(inventory), "phases: [Preflight]\n").Build().Phases);
            Assert.Equal("litellm,!gw2", Builder(Given(inventory, ("Limit", new[] { "litellm", "!gw2" })), "limit: [staging]\n").Build().Limit);
            Assert.Equal("staging", Builder(Given(inventory), "limit: [staging]\n").Build().Limit);
            Assert.Null(Builder(Given(inventory)).Build().Limit);
        }

        [Fact]
        public void TheVaultPasswordFileOfAnsiblesEnvironmentWinsOverTheSettingsFileNotOverTheParameter()
        {
            var inventory = ("InventoryPath", (object?)InProject("given.ini"));
            string? chosen = "unset";
            PipelineOptions Build(PipelineOptionsBuilder builder)
            {
                builder.VaultSecrets = file => { chosen = file; return new List<HxLiteLLM.Vault.VaultSecret>(); };
                return builder.Build();
            }
            Build(Builder(Given(inventory), "vault_password_file: pass\n"));
            Assert.Equal(InProject("pass"), chosen);
            _env["ANSIBLE_VAULT_PASSWORD_FILE"] = InProject("env-pass");
            Build(Builder(Given(inventory), "vault_password_file: pass\n"));
            Assert.Null(chosen);
            Build(Builder(Given(inventory, ("VaultPasswordFile", InProject("given-pass"))), "vault_password_file: pass\n"));
            Assert.Equal(InProject("given-pass"), chosen);
        }

        [Theory]
        [InlineData("Preflight", "SkipPreflight")]
        [InlineData("Inventory", "SkipInventory")]
        [InlineData("RoleValidation", "SkipRoleValidation")]
        public void APhaseNamedAndSkippedInOneLayerIsAnErrorNamingBoth(string phase, string skip)
        {
            var error = Assert.Throws<HxException>(() => Builder(Given(("InventoryPath", InProject("given.ini")), ("Phase", new[] { phase }), (skip, true))).Build());
            Assert.Equal("PhaseSkipConflict", error.ErrorId);
            Assert.Contains("-Phase", error.Message);
            Assert.Contains("-" + skip, error.Message);
        }

        [Fact]
        public void AGivenMasterKeyIsCheckedBeforeAnythingAndNeverEchoed()
        {
            var inventory = ("InventoryPath", (object?)InProject("given.ini"));
            const string bad = "not-a-key-but-secret-text";
            var format = Assert.Throws<HxException>(() => Builder(Given(inventory, ("MasterKey", bad))).Build());
            Assert.Equal("MasterKeyFormat", format.ErrorId);
            Assert.DoesNotContain(bad, format.Message);
            const string good = "sk-0123456789abcdef0123456789abcdef";
            var conflict = Assert.Throws<HxException>(() => Builder(Given(inventory, ("MasterKey", good), ("RotateMasterKey", true))).Build());
            Assert.Equal("MasterKeyConflict", conflict.ErrorId);
            Assert.Contains("-MasterKey", conflict.Message);
            Assert.Contains("-RotateMasterKey", conflict.Message);
            Assert.DoesNotContain(good, conflict.Message);
            Assert.Equal("MasterKeyConflict", Assert.Throws<HxException>(() => Builder(Given(inventory, ("MasterKey", good), ("GenerateMasterKey", true))).Build()).ErrorId);
            Assert.Equal(good, Builder(Given(inventory, ("MasterKey", good))).Build().MasterKey);
        }
    }
}
