using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Remote;
using Xunit;

namespace HxLiteLLM.Tests.Remote
{
    /// <summary>ansible.cfg found and read as Ansible does, with the ANSIBLE_* variables over it.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class AnsibleConfigTests : IDisposable
    {
        private readonly string _dir;
        private readonly string _home;
        private readonly string _work;

        public AnsibleConfigTests()
        {
            _dir = Path.Combine(Path.GetTempPath(), "hx-ansible-cfg-" + Guid.NewGuid().ToString("N"));
            _home = Path.Combine(_dir, "home");
            _work = Path.Combine(_dir, "work");
            Directory.CreateDirectory(_home);
            Directory.CreateDirectory(_work);
            File.SetUnixFileMode(_work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private AnsibleConfig Load(Dictionary<string, string>? env = null) =>
            AnsibleConfig.Load(_work, name => env != null && env.TryGetValue(name, out var v) ? v : null, _home);

        [Fact]
        public void TheFirstFoundFileWinsAndTheVariablesOverrideIt()
        {
            File.WriteAllText(Path.Combine(_home, ".ansible.cfg"), "[defaults]\nremote_user = homeuser\n");
            Assert.Equal("homeuser", Load().RemoteUser);
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\nREMOTE_USER: deploy ; the service account\nprivate_key_file = keys/id_ed25519\nhost_key_checking = False\ntimeout = 30\ninventory = inventory/hosts.ini, other.ini\nvault_identity_list = dev@~/.vault-dev, prod@prompt\n[ssh_connection]\npipelining = True\n");
            var config = Load();
            Assert.Equal(Path.Combine(_work, "ansible.cfg"), config.Path);
            Assert.Equal("deploy", config.RemoteUser);
            Assert.Equal(Path.Combine(_work, "keys", "id_ed25519"), config.PrivateKeyFile);
            Assert.False(config.HostKeyChecking);
            Assert.Equal(TimeSpan.FromSeconds(30), config.Timeout);
            Assert.Equal(new[] { Path.Combine(_work, "inventory", "hosts.ini"), Path.Combine(_work, "other.ini") }, config.Inventory);
            Assert.Equal(new[] { "dev@~/.vault-dev", "prod@prompt" }, config.VaultIdentityList);
            Assert.Null(config.VaultPasswordFile);

            var explicitFile = Path.Combine(_dir, "explicit.cfg");
            File.WriteAllText(explicitFile, "[defaults]\nremote_user = fromvariable\nvault_password_file = /secrets/vault-pass\n");
            var env = new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = explicitFile };
            Assert.Equal("fromvariable", Load(env).RemoteUser);
            env["ANSIBLE_REMOTE_USER"] = "override";
            env["ANSIBLE_HOST_KEY_CHECKING"] = "yes";
            env["ANSIBLE_TIMEOUT"] = "5";
            env["ANSIBLE_VAULT_PASSWORD_FILE"] = "/other/pass";
            env["ANSIBLE_PRIVATE_KEY_FILE"] = "/keys/k";
            var overridden = Load(env);
            Assert.Equal("override", overridden.RemoteUser);
            Assert.True(overridden.HostKeyChecking);
            Assert.Equal(TimeSpan.FromSeconds(5), overridden.Timeout);
            Assert.Equal("/other/pass", overridden.VaultPasswordFile);
            Assert.Equal("/keys/k", overridden.PrivateKeyFile);
        }

        [Fact]
        public void AConfigInAWorldWritableDirectoryIsIgnoredAsAnsibleDoes()
        {
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\nremote_user = planted\n");
            File.SetUnixFileMode(_work, (UnixFileMode)0x1FF);
            var config = Load();
            Assert.NotEqual(Path.Combine(_work, "ansible.cfg"), config.Path);
            Assert.NotEqual("planted", config.RemoteUser);
        }

        [Theory]
        [InlineData("[defaults]\nremote_user = a\nremote_user = b\n", "appears twice")]
        [InlineData("[defaults]\n[defaults]\n", "appears twice")]
        [InlineData("remote_user = a\n", "before any section")]
        [InlineData("[defaults\n", "without ']'")]
        [InlineData("[defaults]\nremote_user\n", "without '=' or ':'")]
        [InlineData("[defaults]\nhost_key_checking = maybe\n", "not a boolean")]
        [InlineData("[defaults]\ntimeout = soon\n", "not a positive number")]
        public void WhatAnsibleWouldRefuseIsRefused(string text, string reason)
        {
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), text);
            var e = Assert.Throws<HxException>(() =>
            {
                var config = Load();
                _ = config.HostKeyChecking;
                _ = config.Timeout;
            });
            Assert.Equal("AnsibleConfigInvalid", e.ErrorId);
            Assert.Contains(reason, e.Message);
        }

        [Fact]
        public void AnOversizedFileIsRefused()
        {
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\n# " + new string('x', AnsibleConfig.MaxBytes) + "\n");
            Assert.Equal("AnsibleConfigInvalid", Assert.Throws<HxException>(() => Load()).ErrorId);
        }

        [Fact]
        public void VaultSourcesComeInAnsibleVaultsOrderAndPromptIsRefused()
        {
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\nvault_password_file = pass/default\nvault_identity_list = dev@pass/dev, /abs/plain\n");
            var sources = Load().VaultPasswordSources;
            Assert.Equal(new string?[] { null, "dev", null }, sources.Select(s => s.Key));
            Assert.Equal(new[] { Path.Combine(_work, "pass", "default"), Path.Combine(_work, "pass", "dev"), "/abs/plain" }, sources.Select(s => s.Value));

            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\nvault_identity_list = prod@prompt\n");
            var e = Assert.Throws<HxException>(() => Load().VaultPasswordSources);
            Assert.Equal("AnsibleConfigInvalid", e.ErrorId);
            Assert.Contains("never prompts", e.Message);
        }

        [Fact]
        public void OneInventoryIsTakenAndSeveralAreRefused()
        {
            Assert.Null(Load().SingleInventory);
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\ninventory = inventory/hosts.ini\n");
            Assert.Equal(Path.Combine(_work, "inventory", "hosts.ini"), Load().SingleInventory);
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\ninventory = a.ini,b.ini\n");
            var e = Assert.Throws<HxException>(() => Load().SingleInventory);
            Assert.Contains("works on one inventory", e.Message);
        }

        [Fact]
        public void ConnectionDefaultsFillOnlyWhatTheInventoryLeftOpen()
        {
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\nremote_user = deploy\nprivate_key_file = /keys/cfg\ntimeout = 25\nhost_key_checking = false\n");
            var config = Load();
            var open = new RemoteConnectionOptions("10.0.0.1");
            config.ApplyConnectionDefaults(open);
            Assert.Equal(("deploy", "/keys/cfg", TimeSpan.FromSeconds(25), true), (open.User, open.KeyFilePath, open.ConnectTimeout, open.AcceptNewHostKey));

            var fromInventory = new RemoteConnectionOptions("10.0.0.2") { User = "hostuser", KeyFilePath = "/keys/host" };
            config.ApplyConnectionDefaults(fromInventory);
            Assert.Equal(("hostuser", "/keys/host"), (fromInventory.User, fromInventory.KeyFilePath));

            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\n");
            var untouched = new RemoteConnectionOptions("10.0.0.3");
            Load().ApplyConnectionDefaults(untouched);
            Assert.Equal(("", "", TimeSpan.FromSeconds(10), false), (untouched.User, untouched.KeyFilePath, untouched.ConnectTimeout, untouched.AcceptNewHostKey));
        }

        [Fact]
        public void EverySectionIsReadAsConfigparserGivesItAndARelativeAnsibleConfigIsTheRunFoldersFile()
        {
            Directory.CreateDirectory(Path.Combine(_work, "conf"));
            File.WriteAllText(Path.Combine(_work, "conf", "site.cfg"), "[DEFAULT]\nbecome_method = su\n[defaults]\nremote_user =\n[privilege_escalation]\nBecome_User = admin\n");
            var config = Load(new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = "conf/site.cfg", ["ANSIBLE_EMPTY"] = "" });
            Assert.Equal(Path.Combine(_work, "conf", "site.cfg"), config.Path);
            Assert.Equal("admin", config.Setting("privilege_escalation", "become_user"));
            Assert.Equal("su", config.Setting("privilege_escalation", "become_method"));
            Assert.Equal("", config.Setting("defaults", "remote_user"));
            Assert.Null(config.Setting("diff", "always"));
            Assert.Null(config.Setting("diff", "become_method"));
            Assert.Equal("", config.Variable("ANSIBLE_EMPTY"));
            Assert.Null(config.Variable("ANSIBLE_UNSET"));
            Assert.Equal((_work, _home), (config.CurrentDirectory, config.Home));
        }
    }
}
