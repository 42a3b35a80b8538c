using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Tests.InventoryPhase;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Steps
{
    /// <summary>
    /// The inventory steps that write (3.02.02 group_vars, 3.02.03 the master key) are judged by what ansible-inventory
    /// resolves for every host afterwards, not by the file they wrote.
    /// </summary>
    public sealed class EffectiveWriteTests
    {
        private const string Password = "effective-truth";

        private static StepContext Context(List<string>? warnings = null, bool whatIf = false)
        {
            var context = new StepContext(new SecretRedactor(), null) { ShouldProcess = (_, _) => !whatIf };
            if (warnings != null) context.Warn = warnings.Add;
            return context;
        }

        private static KeyValuePair<string, object?>[] Vars(params (string Name, object? Value)[] vars) =>
            vars.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)).ToArray();

        /// <summary>What ansible-inventory --host prints for the host, run from a folder with no group_vars of its own.</summary>
        private static JsonElement AnsibleHost(TempTree tree, string inventory, string host)
        {
            var passwordFile = tree.Write(".pw/vault-pass", Password + "\n");
            var cwd = tree.Folder(".cwd");
            var run = PeerProcess.Run("ansible-inventory", new[] { "-i", inventory, "--host", host, "--vault-password-file", passwordFile }, workingDirectory: cwd);
            Assert.True(run.ExitCode == 0, run.StdErr);
            return JsonDocument.Parse(run.StdOut).RootElement;
        }

        private static string Encrypt(string plaintext)
        {
            using var secret = VaultSecret.FromPassword(Password);
            return VaultCipher.Encrypt(Encoding.UTF8.GetBytes(plaintext), secret, null);
        }

        [PeerFact("ansible-inventory")]
        public void AVariableIsWrittenWhereTheGroupAlreadyDefinesItAndAnsibleSeesIt()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("inventory/hosts.ini", "[litellm]\ngw1\ngw2\n");
            tree.Write("inventory/group_vars/litellm/vars.yml", "---\n# the example's layout\nlitellm_port: 4000\n");
            tree.Write("inventory/group_vars/litellm/vault.yml", Encrypt("litellm_master_key: sk-" + new string('a', 40) + "\n"));

            var outcome = GroupVarsStep.Run(Context(), new GroupVarsRequest(inventory, "litellm", Vars(("litellm_port", 4100L), ("litellm_log_level", "DEBUG"))));

            // Both go into vars.yml: the file that holds litellm_port, and the plain file Ansible reads last for the group.
            Assert.False(File.Exists(tree.PathOf("inventory/group_vars/litellm/main.yml")));
            var result = outcome.Results.Single();
            Assert.Equal(HxStatus.Passed, result.Status);
            Assert.EndsWith("vars.yml", result.Target);
            Assert.Contains("is what Ansible resolves for gw1, gw2", result.Message);
            Assert.Contains("not checked against the vault-encrypted", result.Message);
            foreach (var host in new[] { "gw1", "gw2" })
            {
                var vars = AnsibleHost(tree, inventory, host);
                Assert.Equal(4100, vars.GetProperty("litellm_port").GetInt32());
                Assert.Equal("DEBUG", vars.GetProperty("litellm_log_level").GetString());
            }
        }

        [PeerFact("ansible-inventory")]
        public void AValueAHostOverridesFailsTheStepNamingTheFileThatWins()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("inventory/hosts.ini", "[litellm]\ngw1\ngw2\n");
            tree.Write("inventory/group_vars/litellm/main.yml", "litellm_port: 4000\n");
            tree.Write("inventory/host_vars/gw2.yml", "---\nlitellm_port: 5000\n");

            var result = GroupVarsStep.Run(Context(), new GroupVarsRequest(inventory, "litellm", Vars(("litellm_port", 4100L)))).Results.Single();

            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains("litellm_port: " + tree.PathOf("inventory/host_vars/gw2.yml") + ":2 (host 'gw2') wins for gw2", result.Message);
            Assert.NotEmpty(result.Remediation);
            // The verdict is Ansible's: gw1 got the new value, gw2 keeps the host_vars one.
            Assert.Equal(4100, AnsibleHost(tree, inventory, "gw1").GetProperty("litellm_port").GetInt32());
            Assert.Equal(5000, AnsibleHost(tree, inventory, "gw2").GetProperty("litellm_port").GetInt32());
        }

        [Fact]
        public void UnderWhatIfAnOverrideIsForeseenAndNothingIsWritten()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("hosts.ini", "[litellm]\ngw1\n\n[litellm:children]\nedge\n\n[edge]\ngw9\n");
            tree.Write("group_vars/edge.yml", "litellm_port: 5000\n");

            var result = GroupVarsStep.Run(Context(whatIf: true), new GroupVarsRequest(inventory, "litellm", Vars(("litellm_port", 4100L)))).Results.Single();

            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains("once written, Ansible would still take another value: litellm_port: " + tree.PathOf("group_vars/edge.yml") + ":1 (group 'edge') wins for gw9", result.Message);
            Assert.False(Directory.Exists(tree.PathOf("group_vars/litellm")));
        }

        [Fact]
        public void AnUnknownGroupIsAnErrorWithTheClosestNameUnlessForced()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("hosts.ini", "[litellm]\ngw1\n");
            var error = Assert.Throws<HxException>(() => GroupVarsStep.Run(Context(), new GroupVarsRequest(inventory, "litelm", Vars(("litellm_port", 4100L)))));
            Assert.Equal("InventoryGroupNotFound", error.ErrorId);
            Assert.Contains("did you mean 'litellm'?", error.Message);
            Assert.False(Directory.Exists(tree.PathOf("group_vars")));

            var warnings = new List<string>();
            var forced = GroupVarsStep.Run(Context(warnings), new GroupVarsRequest(inventory, "litelm", Vars(("litellm_port", 4100L))) { Force = true });
            Assert.Contains(warnings, w => w.Contains("has no group 'litelm'"));
            Assert.Equal(HxStatus.Warning, forced.Results.Single().Status);
            Assert.True(File.Exists(tree.PathOf("group_vars/litelm/main.yml")));
        }

        [PeerFact("ansible-inventory", "ansible-vault")]
        public void AGeneratedKeyKeepsTheOneTheSeedLayoutDefinesInGroupVarsAll()
        {
            using var tree = new TempTree();
            var seedKey = "sk-" + new string('b', 48);
            var inventory = tree.Write("inventories/dev.ini", "[litellm]\nhx-api-server ansible_host=127.0.0.1\n");
            var allVault = tree.Write("inventories/group_vars/all/vault.yml", Encrypt("litellm_master_key: \"" + seedKey + "\"\n"));
            using var secret = VaultSecret.FromPassword(Password);

            var kept = VaultSecretStep.RunForGroup(Context(), new GroupSecretRequest(inventory, "litellm", "litellm_master_key", "sk-" + new string('c', 64), new[] { secret })
            {
                OnlyWhenMissing = true,
            }).Results.Single();

            Assert.Equal(HxStatus.Passed, kept.Status);
            Assert.Contains("already defined (" + allVault + ":1 (group 'all')) and was kept", kept.Message);
            Assert.False(Directory.Exists(tree.PathOf("inventories/group_vars/litellm")));
            Assert.Equal(seedKey, AnsibleHost(tree, inventory, "hx-api-server").GetProperty("litellm_master_key").GetString());

            // Rotation replaces it where it is defined: still one definition, and Ansible resolves the new key.
            var rotatedKey = "sk-" + new string('d', 64);
            var rotated = VaultSecretStep.RunForGroup(Context(), new GroupSecretRequest(inventory, "litellm", "litellm_master_key", rotatedKey, new[] { secret })).Results.Single();
            Assert.Equal(HxStatus.Passed, rotated.Status);
            Assert.Equal(allVault, rotated.Target);
            Assert.DoesNotContain(rotatedKey, rotated.Message);
            Assert.False(Directory.Exists(tree.PathOf("inventories/group_vars/litellm")));
            Assert.Equal(rotatedKey, AnsibleHost(tree, inventory, "hx-api-server").GetProperty("litellm_master_key").GetString());
            var view = PeerProcess.Run("ansible-vault", new[] { "view", allVault, "--vault-password-file", tree.Write(".pw/p2", Password) }, workingDirectory: tree.Folder(".cwd"));
            Assert.Equal("litellm_master_key: " + rotatedKey + "\n", view.StdOut.Replace("\"", ""));
        }

        [Fact]
        public void AKeyOnlySomeHostsResolveIsAFailureNotASecondDefinition()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("hosts.ini", "[litellm]\ngw1\ngw2\n");
            tree.Write("host_vars/gw1/vault.yml", Encrypt("litellm_master_key: sk-" + new string('e', 40) + "\n"));
            using var secret = VaultSecret.FromPassword(Password);

            var result = VaultSecretStep.RunForGroup(Context(), new GroupSecretRequest(inventory, "litellm", "litellm_master_key", "sk-" + new string('f', 64), new[] { secret })
            {
                OnlyWhenMissing = true,
            }).Results.Single();

            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains("hosts gw2 do not resolve litellm_master_key while gw1 take it from", result.Message);
            Assert.False(Directory.Exists(tree.PathOf("group_vars")));
        }

        [Fact]
        public void VariableValidationNamesEveryPlaceAVariableIsDefinedAndTheOneThatWins()
        {
            using var tree = new TempTree();
            var inventory = tree.Write("hosts.ini", "[litellm]\ngw1\n\n[litellm:vars]\nlitellm_port=4000\n");
            tree.Write("group_vars/all.yml", "litellm_log_level: INFO\n");
            tree.Write("group_vars/litellm/vars.yml", "litellm_port: 4100\nlitellm_log_level: INFO\n");

            var results = VariableValidationStep.Run(Context(), inventory, "litellm", Array.Empty<VaultSecret>()).Results.Where(r => r.Check == "MultipleDefinitions").ToList();

            var port = results.Single(r => r.Message.StartsWith("litellm_port", StringComparison.Ordinal));
            Assert.Equal(HxStatus.Warning, port.Status);
            Assert.Equal("litellm_port is defined in 2 places for gw1: " + inventory + " (group 'litellm'), " + tree.PathOf("group_vars/litellm/vars.yml") + ":1 (group 'litellm'); Ansible uses " +
                tree.PathOf("group_vars/litellm/vars.yml") + ":1 (group 'litellm'), the others never take effect", port.Message);
            var level = results.Single(r => r.Message.StartsWith("litellm_log_level", StringComparison.Ordinal));
            Assert.Equal(HxStatus.Passed, level.Status);
            Assert.EndsWith("(all the same value)", level.Message);
        }
    }
}
