using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HxLiteLLM.Deploy;
using HxLiteLLM.Remote;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Deploy
{
    /// <summary>The command line, and runs of the real ansible-playbook (ansible_connection=local) under the supervisor.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class AnsiblePlaybookRunTests : IDisposable
    {
        private const string Password = "hx-dev-example-only";
        private const string ExtraValue = "extra-value-7f3c";
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hx-deploy-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private AnsiblePlaybookOptions Options(string playbook, string? ansiblePlaybook = null) =>
            new AnsiblePlaybookOptions(Path.Combine(_dir, playbook), ansiblePlaybook ?? Peers.Find("ansible-playbook") ?? "/usr/bin/ansible-playbook",
                Path.Combine(Repository.Root, "src", "HxLiteLLM.Engine", "Deploy", "ansible"), _dir);

        [Fact]
        public void TheCommandLinesHoldNeitherThePasswordNorTheExtraVariables()
        {
            using (var secret = VaultSecret.FromPassword(Password, "dev"))
            {
                var options = Options("site.yml", "/usr/bin/ansible-playbook");
                options.InventoryPath = "/inv/hosts.ini";
                options.Limit = new[] { "gw1", "gw2" };
                options.Tags = new[] { "config" };
                options.SkipTags = new[] { "slow" };
                options.Check = true;
                options.Diff = true;
                options.Forks = 3;
                options.ExtraVariablesJson = "{\"token\": \"" + ExtraValue + "\"}";
                options.VaultSecrets = new[] { secret };
                options.HandOverVaultSecrets = true;
                var args = AnsiblePlaybookCommandLine.Arguments(options);
                Assert.Equal(new[] { "-i", "/inv/hosts.ini", "--limit", "gw1,gw2", "--tags", "config", "--skip-tags", "slow", "--check", "--diff", "--forks", "3", "--", options.PlaybookPath }, args);
                var supervisor = AnsiblePlaybookRun.SupervisorArguments(options);
                Assert.Equal("/usr/bin/ansible-playbook", supervisor[2]);
                foreach (var arg in supervisor)
                {
                    Assert.DoesNotContain(Password, arg);
                    Assert.DoesNotContain(ExtraValue, arg);
                }
            }
        }

        [Fact]
        public void AMissingAnsiblePlaybookIsNamed()
        {
            var onPath = Assert.Throws<HxException>(() => AnsiblePlaybookCommandLine.Locate(null, _dir));
            Assert.Equal("AnsiblePlaybookNotFound", onPath.ErrorId);
            Assert.Contains(_dir, onPath.Message);
            Assert.Equal("AnsiblePlaybookNotFound", Assert.Throws<HxException>(() => AnsiblePlaybookCommandLine.Locate(Path.Combine(_dir, "nope"), null)).ErrorId);
        }

        [Fact]
        public void TheSupervisorRunsUnderTheInterpreterOfTheShebang()
        {
            File.WriteAllText(Path.Combine(_dir, "direct"), "#! /usr/bin/python3\n");
            File.WriteAllText(Path.Combine(_dir, "env"), "#!/usr/bin/env python3.11 -u\n");
            Assert.Equal("/usr/bin/python3", AnsiblePlaybookCommandLine.Interpreter(Path.Combine(_dir, "direct")));
            Assert.Equal("python3.11", AnsiblePlaybookCommandLine.Interpreter(Path.Combine(_dir, "env")));
        }

        [Fact]
        public void TheCallbackPathIsTheUsersFirst()
        {
            File.WriteAllText(Path.Combine(_dir, "ansible.cfg"), "[defaults]\ncallback_plugins = ./cbx:/opt/site/callbacks\n");
            var fromFile = AnsibleConfig.Load(_dir, name => name == "ANSIBLE_CONFIG" ? Path.Combine(_dir, "ansible.cfg") : null, "/home/u");
            Assert.Equal(new[] { Path.Combine(_dir, "cbx"), "/opt/site/callbacks" }, fromFile.CallbackPlugins);
            var fromVariable = AnsibleConfig.Load(_dir, name => name == "ANSIBLE_CALLBACK_PLUGINS" ? "/a:/b" : null, "/home/u");
            Assert.Equal(new[] { "/a", "/b" }, fromVariable.CallbackPlugins);
            var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
            var byDefault = AnsibleConfig.Load(empty, name => name == "ANSIBLE_HOME" ? "/srv/ansible" : null, "/home/u");
            Assert.Equal(new[] { "/srv/ansible/plugins/callback", "/usr/share/ansible/plugins/callback" }, byDefault.CallbackPlugins);
        }

        private List<PlaybookOutput> RunToEnd(AnsiblePlaybookOptions options, SecretRedactor redactor, out PlaybookOutcome outcome)
        {
            using (var run = AnsiblePlaybookRun.Start(options, redactor))
            {
                var outputs = run.Read(CancellationToken.None).ToList();
                outcome = run.Finish();
                return outputs;
            }
        }

        [PeerFact("ansible-playbook")]
        public void EachHostAndTaskIsOneRowThenTheRecap()
        {
            File.WriteAllText(Path.Combine(_dir, "hosts.ini"), "localhost ansible_connection=local\n");
            File.WriteAllText(Path.Combine(_dir, "play.yml"), @"- name: statuses
  hosts: all
  gather_facts: false
  tasks:
    - name: ok
      ansible.builtin.debug: { msg: 'value {{ token }}' }
    - name: changed
      ansible.builtin.command: 'true'
    - name: skipped
      ansible.builtin.debug: { msg: never }
      when: false
    - name: ignored
      ansible.builtin.command: 'false'
      ignore_errors: true
    - name: extra vars file
      ansible.builtin.debug: { msg: ""{{ lookup('pipe', 'sh ' + playbook_dir + '/modes.sh') }}"" }
");
            // Run by the pipe lookup in an ansible-playbook worker: finds the -e @file among its ancestors' command lines.
            File.WriteAllText(Path.Combine(_dir, "modes.sh"), @"p=$$
while [ ""$p"" -gt 1 ]; do
  f=$(tr '\0' '\n' < /proc/$p/cmdline | sed -n 's/^@\(.*extra_vars.json\)$/\1/p')
  if [ -n ""$f"" ]; then stat -c '%a %n' ""$f"" ""$(dirname ""$f"")""; exit 0; fi
  p=$(awk '{print $4}' /proc/$p/stat)
done
");
            var options = Options("play.yml");
            options.InventoryPath = Path.Combine(_dir, "hosts.ini");
            options.ExtraVariablesJson = "{\"token\": \"" + ExtraValue + "\"}";
            var outputs = RunToEnd(options, new SecretRedactor(), out var outcome);
            Assert.Equal(PlaybookOutcomeKind.Succeeded, outcome.Kind);
            var rows = outputs.Where(o => o.Kind == PlaybookOutputKind.Result).Select(o => o.Result!).ToList();
            Assert.Equal(new[] { "ok", "changed", "skipped", "ignored", "ok", "recap" }, rows.Select(r => r.Status));
            Assert.Equal(new[] { "ok", "changed", "skipped", "ignored", "extra vars file", "PLAY RECAP" }, rows.Select(r => r.Task));
            Assert.All(rows, r => Assert.Equal("localhost", r.Host));
            Assert.Equal("value " + ExtraValue, rows[0].Message);
            Assert.Equal("statuses", rows[0].Play);
            // Ansible counts an ignored failure as ok (and changed, as the command reported) too.
            Assert.Equal((4, 2, 1, 1), (rows[5].OkCount!.Value, rows[5].ChangedCount!.Value, rows[5].SkippedCount!.Value, rows[5].IgnoredCount!.Value));
            Assert.Contains(outputs, o => o.Kind == PlaybookOutputKind.Log && o.Text.StartsWith("TASK [changed]", StringComparison.Ordinal));
            // The extra variables were a 0600 file in a 0700 folder, named on ansible-playbook's command line, and are gone now.
            var modes = rows.Single(r => r.Task == "extra vars file").Message.Split('\n');
            Assert.Matches("^600 /.*/extra_vars.json$", modes[0]);
            Assert.Matches("^700 /.*hxlitellm-run-", modes[1]);
            Assert.False(File.Exists(modes[0].Substring(4)));
            Assert.False(Directory.Exists(modes[1].Substring(4)));
        }

        [PeerFact("ansible-playbook")]
        public void TheVaultPasswordReachesAnsibleThroughAPipeAndIsMasked()
        {
            var example = Path.Combine(Repository.Root, "examples", "hx-dev", "inventory", "hosts.ini");
            File.WriteAllText(Path.Combine(_dir, "play.yml"), @"- hosts: litellm
  gather_facts: false
  tasks:
    - name: key
      ansible.builtin.debug: { msg: 'key {{ litellm_master_key }} and {{ lookup(""env"", ""HXLITELLM_EVENTS_FD"") }}' }
");
            using (var secret = VaultSecret.FromPassword(Password))
            {
                var options = Options("play.yml");
                options.InventoryPath = example;
                options.VaultSecrets = new[] { secret };
                options.HandOverVaultSecrets = true;
                var redactor = new SecretRedactor();
                HxLiteLLM.Inventory.VaultedInventory.Load(example, options.VaultSecrets, redactor);
                var outputs = RunToEnd(options, redactor, out var outcome);
                Assert.Equal(PlaybookOutcomeKind.Succeeded, outcome.Kind);
                var row = outputs.Single(o => o.Kind == PlaybookOutputKind.Result && o.Result!.Task == "key").Result!;
                Assert.StartsWith("key ******** and ", row.Message);
                Assert.DoesNotContain(outputs, o => o.Text.Contains("sk-") || o.Text.Contains(Password));
            }
        }

        [PeerFact("ansible-playbook")]
        public void AWrongVaultPasswordIsAVaultError()
        {
            var example = Path.Combine(Repository.Root, "examples", "hx-dev", "inventory", "hosts.ini");
            File.WriteAllText(Path.Combine(_dir, "play.yml"), "- hosts: litellm\n  gather_facts: false\n  tasks:\n    - ansible.builtin.debug: { msg: '{{ litellm_master_key }}' }\n");
            using (var secret = VaultSecret.FromPassword("not-the-password"))
            {
                var options = Options("play.yml");
                options.InventoryPath = example;
                options.VaultSecrets = new[] { secret };
                options.HandOverVaultSecrets = true;
                RunToEnd(options, new SecretRedactor(), out var outcome);
                Assert.Equal(PlaybookOutcomeKind.VaultFailed, outcome.Kind);
                Assert.Equal("VaultWrongPassword", outcome.Error!.ErrorId);
                Assert.Contains("Decryption failed", outcome.Error.Message);
            }
        }

        [PeerFact("ansible-playbook")]
        public void TheTimeoutStopsTheRun()
        {
            File.WriteAllText(Path.Combine(_dir, "play.yml"), "- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n    - ansible.builtin.command: sleep 60\n");
            var options = Options("play.yml");
            options.Timeout = TimeSpan.FromSeconds(2);
            options.StopGrace = TimeSpan.FromSeconds(5);
            RunToEnd(options, new SecretRedactor(), out var outcome);
            Assert.Equal(PlaybookOutcomeKind.TimedOut, outcome.Kind);
            Assert.Equal(99, outcome.ExitCode);
        }
    }
}
