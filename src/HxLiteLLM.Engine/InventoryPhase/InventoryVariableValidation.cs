using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using HxLiteLLM.Inventory;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Validates the LiteLLM variables of every host of a group as Ansible merges them, decrypting whole-file vaults
    /// and inline !vault values with the secrets given. Every decrypted value is registered with the redactor before
    /// anything is written.
    /// </summary>
    public static class InventoryVariableValidation
    {
        /// <param name="playbookDirectory">The playbook folder whose group_vars/ and host_vars/ apply too (null: the current directory).</param>
        /// <param name="limit">Ansible's --limit pattern narrowing the group's hosts; null for all of them.</param>
        /// <param name="sourceUsed">Told each inventory source and vars file read (<see cref="InventoryModel.SourcesUsed"/>).</param>
        public static List<HxCheckResult> Run(string inventoryPath, string group, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor,
            string? playbookDirectory = null,
            string? limit = null, Action<string>? sourceUsed = null)
        {
            // Nothing can be checked without an inventory: the same InventoryNotFound error as every command, not a result.
            InventorySelection.RequireSource(inventoryPath);
            var clock = Stopwatch.StartNew();
            var results = new List<HxCheckResult>();
            var vaultFiles = new List<PyDict>();
            var vaultFailed = false;
            InventoryModel model;
            try
            {
                model = InventoryLoader.Load(inventoryPath, new InventoryLoadOptions
                {
                    PlaybookDirectory = playbookDirectory,
                    DecryptVaultFile = (file, envelope) =>
                    {
                        var plaintext = DecryptVaultFile(file, envelope, secrets, redactor, vaultFiles, results);
                        vaultFailed |= plaintext == null;
                        return plaintext ?? "";
                    },
                    VaultedInventoryValues = redactor.RegisterStrings,
                });
            }
            catch (HxException e)
            {
                results.Add(Result("InventoryLoad", e.File ?? inventoryPath, HxStatus.Failed, HxCategory.Inventory, e.Message,
                    "Fix the inventory until ansible-inventory -i '" + inventoryPath + "' --list reads it.").At(e.File ?? inventoryPath, e.Line, e.Column));
                return Timed(results, clock);
            }
            foreach (var note in model.SourcesUsed) sourceUsed?.Invoke(note);
            var fix = new RemediationContext(inventoryPath, group);
            IReadOnlyList<InventoryHost> hosts;
            try
            {
                hosts = InventorySelection.Limit(model, InventorySelection.GroupHosts(model, group, inventoryPath), limit, inventoryPath);
            }
            catch (HxException e)
            {
                results.Add(Result("GroupHosts", group, HxStatus.Failed, HxCategory.Inventory, e.Message,
                    "Add-HxLiteLLMGroup -InventoryPath '" + inventoryPath + "' -Group " + group + " -HostName <host>"));
                return Timed(results, clock);
            }
            foreach (var host in hosts)
            {
                var vars = Resolve(host.Name, model.GetHostVars(host.Name), secrets, redactor, vaultFiles, vaultFailed);
                results.AddRange(LiteLLMVariableRules.Check(vars, fix));
            }
            results.AddRange(MultipleDefinitions(VaultedInventory.OriginsOf(model, inventoryPath, vaultFailed ? Array.Empty<VaultSecret>() : secrets, redactor),
                hosts));
            return Timed(results, clock);
        }

        /// <summary>
        /// One result per variable that the group's hosts get from more than one place, naming every place and the one Ansible
        /// uses: a Warning when the places disagree (the earlier values never take effect), Passed when they all agree.
        /// </summary>
        private static IEnumerable<HxCheckResult> MultipleDefinitions(VariableOrigins origins, IReadOnlyList<InventoryHost> hosts)
        {
            var seen = new Dictionary<string, (List<VariableDefinition> Definitions, List<string> Hosts)>(StringComparer.Ordinal);
            foreach (var host in hosts)
            {
                foreach (var kv in origins.Definitions(host.Name))
                {
                    if (kv.Value.Count < 2) continue;
                    var key = kv.Key + "\0" + string.Join("\0", kv.Value.Select(d => d.Where));
                    if (!seen.TryGetValue(key, out var entry)) seen[key] = entry = (kv.Value, new List<string>());
                    entry.Hosts.Add(host.Name);
                }
            }
            foreach (var entry in seen.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var name = entry.Key.Substring(0, entry.Key.IndexOf('\0'));
                var definitions = entry.Value.Definitions;
                var winner = definitions[definitions.Count - 1];
                var agree = definitions.All(d => PyJson.Dumps(d.Value) == PyJson.Dumps(winner.Value));
                var hostText = entry.Value.Hosts.Count <= 3 ? string.Join(", ", entry.Value.Hosts) : entry.Value.Hosts.Count + " hosts";
                yield return Result("MultipleDefinitions", winner.Layer.File, agree ? HxStatus.Passed : HxStatus.Warning, HxCategory.Inventory,
                    name + " is defined in " + definitions.Count + " places for " + hostText + ": " + string.Join(", ", definitions.Select(d => d.Where)) +
                    "; Ansible uses " + winner.Where + (agree ? " (all the same value)" : ", the others never take effect"),
                    agree ? "" : "Keep " + name + " in " + winner.Where + " only, or remove it there so the other value takes effect").At(winner.Layer.File,
                        winner.Line);
            }
        }

        private static string? DecryptVaultFile(string file, string envelope, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor,
            List<PyDict> vaultFiles, List<HxCheckResult> results)
        {
            try
            {
                if (secrets.Count == 0) throw VaultSecretFile.NoSecrets(file);
                var plaintext = new UTF8Encoding(false, false).GetString(VaultCipher.Decrypt(envelope, secrets, file));
                redactor.Register(plaintext.Trim());
                try
                {
                    if (AnsibleYamlReader.Load(plaintext, file) is PyDict dict)
                    {
                        redactor.RegisterStrings(dict);
                        vaultFiles.Add(dict);
                    }
                }
                catch (AnsibleYamlException)
                {
                    // The inventory load reports the broken YAML (by position only) when it parses the returned text.
                }
                results.Add(Result("VaultDecrypt", file, HxStatus.Passed, HxCategory.Vault, "The vault file was decrypted.", "").At(file));
                return plaintext;
            }
            catch (VaultException e)
            {
                results.Add(Result("VaultDecrypt", file, HxStatus.Failed, HxCategory.Vault, e.Message,
                    e.Kind == VaultErrorKind.NoSecrets
                        ? "Give the vault password: -VaultPassword <SecureString>, -VaultPasswordFile <file>, or set " + VaultSecret.PasswordFileVariable + "."
                        : "Give the password this vault was encrypted with (ansible-vault view '" + file + "' must open it).").At(file, e.Line, e.Column));
                return null;
            }
        }

        /// <summary>The host's variables with inline vaults decrypted, and where the secret-relevant ones came from.</summary>
        private static StoredHostVariables Resolve(string host, PyDict merged, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor,
            List<PyDict> vaultFiles, bool vaultFailed)
        {
            var vars = new PyDict();
            var storage = new Dictionary<string, VariableStorage>(StringComparer.Ordinal);
            foreach (var kv in merged)
            {
                var name = PyRepr.Str(kv.Key);
                if (kv.Value is VaultedString vaulted)
                {
                    try
                    {
                        if (secrets.Count == 0) throw VaultSecretFile.NoSecrets(null);
                        var plaintext = new UTF8Encoding(false, false).GetString(VaultCipher.Decrypt(vaulted.Envelope, secrets, name));
                        redactor.Register(plaintext);
                        vars[kv.Key] = plaintext;
                        storage[name] = VariableStorage.InlineVault;
                    }
                    catch (VaultException)
                    {
                        storage[name] = VariableStorage.Undecryptable;
                    }
                    continue;
                }
                vars[kv.Key] = kv.Value;
                if (vaultFiles.Any(f => f.TryGetValue(kv.Key, out var v)
                    && GroupVarsDocument.SameValue(v, kv.Value))) storage[name] = VariableStorage.VaultFile;
            }
            if (vaultFailed)
            {
                // A vault file that could not be opened may hold any secret that now looks missing.
                foreach (var secret in LiteLLMVariables.All.Where(v => v.Secret
                    && !vars.ContainsKey(v.Name))) storage[secret.Name] = VariableStorage.Undecryptable;
            }
            return new StoredHostVariables(host, vars, storage);
        }

        private static List<HxCheckResult> Timed(List<HxCheckResult> results, Stopwatch clock)
        {
            var each = results.Count == 0 ? 0 : clock.Elapsed.TotalMilliseconds / results.Count;
            foreach (var r in results) r.DurationMs = each;
            return results;
        }

        private static HxCheckResult Result(string check, string target, string status, string category, string message, string remediation) =>
            new HxCheckResult(LiteLLMVariableRules.Phase, check, target, status, message) { Category = category, Remediation = remediation };
    }
}
