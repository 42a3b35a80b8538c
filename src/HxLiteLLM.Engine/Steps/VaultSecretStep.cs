using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Steps
{
    /// <summary>One secret to keep in a whole-file vault (group_vars/&lt;group&gt;/vault.yml).</summary>
    public sealed class VaultSecretRequest
    {
        public VaultSecretRequest(string vaultPath, string name, string value, IReadOnlyList<VaultSecret> secrets)
        {
            VaultPath = vaultPath;
            Name = name;
            Value = value;
            Secrets = secrets;
        }

        public string VaultPath { get; }
        public string Name { get; }
        public string Value { get; }
        public IReadOnlyList<VaultSecret> Secrets { get; }
        /// <summary>The vault id label of a new vault's header.</summary>
        public string? VaultId { get; set; }
        public string? BackupPath { get; set; }
        /// <summary>Keep a value the vault already holds for the name (a generated key is stored only when missing).</summary>
        public bool OnlyWhenMissing { get; set; }
    }

    /// <summary>One secret every host of a group must resolve (the master key), wherever the inventory defines it.</summary>
    public sealed class GroupSecretRequest
    {
        public GroupSecretRequest(string inventoryPath, string group, string name, string value, IReadOnlyList<VaultSecret> secrets)
        {
            InventoryPath = inventoryPath;
            Group = group;
            Name = name;
            Value = value;
            Secrets = secrets;
        }

        public string InventoryPath { get; }
        public string Group { get; }
        public string Name { get; }
        public string Value { get; }
        public IReadOnlyList<VaultSecret> Secrets { get; }
        /// <summary>Keep the value the group's hosts already resolve (a generated key is stored only when missing).</summary>
        public bool OnlyWhenMissing { get; set; }
    }

    /// <summary>
    /// Seed step 3.02.03, which the seed leaves manual: the secret set in the vault, decrypted in memory only, re-encrypted with
    /// the secret that opened it, under the file's lock with an Ansible-style backup and mode 0600. Nothing is written when the
    /// vault already holds the value (or any value, with <see cref="VaultSecretRequest.OnlyWhenMissing"/>).
    /// </summary>
    public static class VaultSecretStep
    {
        public static StepOutcome Run(StepContext context, VaultSecretRequest request)
        {
            var outcome = new StepOutcome(SeedTask.Vault);
            // A linked vault is written through to its target (as ansible-vault does), which keeps the link.
            var path = RealPath.WriteTarget(request.VaultPath);
            context.Redactor.Register(request.Value);
            PlainVariables.CheckName(request.Name);
            if (request.Secrets.Count == 0) throw VaultSecretFile.NoSecrets(path);
            if (Directory.Exists(path)) throw HxFileError.IsFolder(path);
            using (FileLock.Acquire(path, context.LockTimeout, context.Cancellation))
            {
                var existing = File.Exists(path) ? VaultEnvelope.ReadFile(path) : null;
                var change = new HxFileChange(path, "SetVaultSecret") { Item = request.Name };
                outcome.Changes.Add(change);
                if (existing != null && request.OnlyWhenMissing && VaultSecretFile.HoldsKey(existing, request.Secrets, request.Name, path))
                {
                    outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Passed,
                        request.Name + " is already in the vault and was kept (replace it with -RotateMasterKey or "
                            + "Set-HxVaultSecret)") { Category = HxCategory.Vault });
                    return outcome;
                }
                var envelope = VaultSecretFile.SetSecret(existing, path, request.Secrets, request.Name, request.Value, request.VaultId);
                if (envelope == null)
                {
                    outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Passed, request.Name
                        + " already holds this value; nothing written") { Category = HxCategory.Vault });
                    return outcome;
                }
                change.Changed = true;
                var what = (existing != null ? "Set " : "Create the vault with ") + request.Name;
                if (!context.ShouldProcess(path, what))
                {
                    change.WhatIf = true;
                    outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Skipped, "would " + what.ToLowerInvariant()[0] + what.Substring(1)
                        + " (-WhatIf)") { Category = HxCategory.Vault });
                    return outcome;
                }
                if (existing == null)
                {
                    var hidden = GroupVarsTarget.FileHiddenBy(path);
                    if (hidden != null)
                    {
                        context.Warn("Creating " + path + " makes Ansible read the directory " + Path.GetDirectoryName(path) + "/ instead of " + hidden +
                            ", whose variables it then ignores. Move " + hidden + " into that directory (e.g. as main.yml).");
                    }
                }
                else
                {
                    change.BackupPath = AnsibleBackup.Create(path, request.BackupPath);
                    if (!request.OnlyWhenMissing && VaultSecretFile.HoldsKey(existing, request.Secrets, request.Name, path))
                    {
                        context.Warn(request.Name + " in " + path + " is replaced by a new value; the old vault is kept as " + change.BackupPath + ".");
                    }
                }
                try
                {
                    AtomicFile.WriteAllText(path, envelope, VaultFiles.SecretFileMode);
                }
                catch (Exception e) when (HxFileError.IsFileSystemError(e))
                {
                    throw HxFileError.From("VaultFileIO", path, e, writing: true);
                }
                context.Verbose("Wrote " + request.Name + " into " + path + ".");
                outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Passed,
                    request.Name + (existing == null ? " stored in a new vault" : " stored in the vault; backup "
                        + change.BackupPath)) { Category = HxCategory.Vault });
            }
            return outcome;
        }

        /// <summary>
        /// The secret as the group's hosts resolve it (ansible-inventory's merge of group_vars/all, parent and child groups,
        /// host_vars, inline !vault): when every host resolves it and <see cref="GroupSecretRequest.OnlyWhenMissing"/>, it is kept
        /// and the result says where it is; a new value replaces it in the whole-file vault that defines it; when no host
        /// resolves it, it goes to group_vars/&lt;group&gt;/vault.yml. Afterwards every host must resolve it from the file written,
        /// otherwise the step fails naming the definition that wins. Never more than one definition is created.
        /// </summary>
        public static StepOutcome RunForGroup(StepContext context, GroupSecretRequest request)
        {
            context.Redactor.Register(request.Value);
            var origins = VaultedInventory.LoadWithOrigins(request.InventoryPath, request.Secrets, context.Redactor, out _, context.PlaybookDirectory);
            var hosts = InventorySelection.Members(origins.Model, request.Group).Select(h => h.Name).ToList();
            var winners = hosts.Select(h => (Host: h, Definition: origins.DefinitionsOf(h, request.Name).LastOrDefault(d => HasValue(d.Value)))).ToList();
            var defined = winners.Where(w => w.Definition != null).ToList();
            var groupVault = Path.Combine(GroupVarsTarget.GroupVarsDirectoryOf(request.InventoryPath), request.Group, "vault.yml");
            if (defined.Count > 0 && defined.Count < winners.Count)
            {
                return Failed(request, groupVault, "hosts " + string.Join(", ", winners.Where(w => w.Definition == null).Select(w => w.Host))
                    + " do not resolve " + request.Name +
                    " while " + string.Join(", ", defined.Select(w => w.Host)) + " take it from "
                        + string.Join(", ", defined.Select(w => w.Definition!.Where).Distinct()),
                    "Define " + request.Name + " once for the whole group (e.g. in the vault that already holds it, at group level), then run again");
            }
            if (defined.Count > 0 && request.OnlyWhenMissing)
            {
                var kept = new StepOutcome(SeedTask.Vault);
                kept.Add(new HxCheckResult("Inventory", "VaultSecret", defined[0].Definition!.Layer.File, HxStatus.Passed,
                    request.Name + " is already defined (" + string.Join(", ", defined.Select(w => w.Definition!.Where).Distinct()) + ") and was kept for " +
                    string.Join(", ", hosts) + " (replace it with -RotateMasterKey or Set-HxVaultSecret)") { Category = HxCategory.Vault });
                return kept;
            }
            var target = groupVault;
            if (defined.Count > 0)
            {
                var files = defined.Select(w => w.Definition!.Layer.File).Distinct().ToList();
                if (files.Count > 1)
                {
                    return Failed(request, files[0], "the hosts take " + request.Name + " from different files ("
                        + string.Join(", ", defined.Select(w => w.Definition!.Where).Distinct()) + ")",
                        "Keep one definition for the group, then run again");
                }
                if (!VaultEnvelope.IsEncryptedFile(files[0]))
                {
                    return Failed(request, files[0], request.Name + " is defined in " + defined[0].Definition!.Where + ", which is not a whole-file vault",
                        "Move it into a vault file (Set-HxVaultSecret -Path <group_vars/...>/vault.yml -Name " + request.Name
                            + "), remove the plain or inline definition, then run again");
                }
                target = files[0];
            }
            var outcome = Run(context, new VaultSecretRequest(target, request.Name, request.Value,
                request.Secrets) { OnlyWhenMissing = request.OnlyWhenMissing });
            if (outcome.Results.Any(r => r.Status != HxStatus.Passed)) return outcome;
            var after = VaultedInventory.LoadWithOrigins(request.InventoryPath, request.Secrets, context.Redactor, out _, context.PlaybookDirectory);
            var wrong = hosts.Select(h => (Host: h, Definition: after.DefinitionsOf(h, request.Name).LastOrDefault()))
                .Where(w => w.Definition == null
                    || !(w.Definition.Value is string text && string.Equals(text, request.Value, StringComparison.Ordinal))).ToList();
            var result = outcome.Results[outcome.Results.Count - 1];
            if (wrong.Count > 0)
            {
                result.Status = HxStatus.Failed;
                result.Category = HxCategory.Vault;
                result.Message += "; but Ansible takes another value for "
                    + string.Join(", ", wrong.Select(w => w.Host + (w.Definition == null ? " (none)" : " (from " + w.Definition.Where + ")")));
                result.Remediation = "Remove the definition that wins, or set the key there, then check with ansible-inventory --host <host>";
            }
            else if (hosts.Count > 0)
            {
                result.Message += "; Ansible resolves it from there for " + string.Join(", ", hosts);
            }
            return outcome;
        }

        private static bool HasValue(object? value) => value != null && !(value is string text && text.Length == 0);

        private static StepOutcome Failed(GroupSecretRequest request, string target, string message, string remediation)
        {
            var outcome = new StepOutcome(SeedTask.Vault);
            outcome.Add(new HxCheckResult("Inventory", "VaultSecret", target, HxStatus.Failed, message)
            {
                Category = HxCategory.Vault,
                Remediation = remediation,
            });
            return outcome;
        }
    }
}