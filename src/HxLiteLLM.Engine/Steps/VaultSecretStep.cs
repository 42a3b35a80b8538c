using System.Collections.Generic;
using System.IO;
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
            using (FileLock.Acquire(path, context.LockTimeout, context.Cancellation))
            {
                var existing = File.Exists(path) ? VaultEnvelope.ReadFile(path) : null;
                var change = new HxFileChange(path, "SetVaultSecret") { Item = request.Name };
                outcome.Changes.Add(change);
                if (existing != null && request.OnlyWhenMissing && VaultSecretFile.HoldsKey(existing, request.Secrets, request.Name, path))
                {
                    outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Passed,
                        request.Name + " is already in the vault and was kept (replace it with -RotateMasterKey or Set-HxVaultSecret)"));
                    return outcome;
                }
                var envelope = VaultSecretFile.SetSecret(existing, path, request.Secrets, request.Name, request.Value, request.VaultId);
                if (envelope == null)
                {
                    outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Passed, request.Name + " already holds this value; nothing written"));
                    return outcome;
                }
                change.Changed = true;
                var what = (existing != null ? "Set " : "Create the vault with ") + request.Name;
                if (!context.ShouldProcess(path, what))
                {
                    change.WhatIf = true;
                    outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Skipped, "would " + what.ToLowerInvariant()[0] + what.Substring(1) + " (-WhatIf)"));
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
                AtomicFile.WriteAllText(path, envelope, VaultFiles.SecretFileMode);
                context.Verbose("Wrote " + request.Name + " into " + path + ".");
                outcome.Add(new HxCheckResult("Inventory", "VaultSecret", path, HxStatus.Passed,
                    request.Name + (existing == null ? " stored in a new vault" : " stored in the vault; backup " + change.BackupPath)));
            }
            return outcome;
        }
    }
}
