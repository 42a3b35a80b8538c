using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Steps
{
    /// <summary>The non-secret variables to set for a group.</summary>
    public sealed class GroupVarsRequest
    {
        public GroupVarsRequest(string inventoryPath, string group, IReadOnlyList<KeyValuePair<string, object?>> variables)
        {
            InventoryPath = inventoryPath;
            Group = group;
            Variables = variables;
        }

        public string InventoryPath { get; }
        public string Group { get; }
        public IReadOnlyList<KeyValuePair<string, object?>> Variables { get; }
        /// <summary>The file inside the directory form group_vars/&lt;group&gt;/ (default main.yml).</summary>
        public string? FileName { get; set; }
        public string? BackupPath { get; set; }
    }

    /// <summary>
    /// Seed step 3.02.02: non-secret variables of the group in the group_vars file Ansible reads for it (one form per group),
    /// other content kept, under the file's lock with an Ansible-style backup; secrets are refused. Warns about files Ansible
    /// ignores or reads later (whose values win).
    /// </summary>
    public static class GroupVarsStep
    {
        public static StepOutcome Run(StepContext context, GroupVarsRequest request)
        {
            var outcome = new StepOutcome(SeedTask.GroupVars);
            foreach (var variable in request.Variables)
            {
                PlainVariables.CheckName(variable.Key);
                var secret = PlainVariables.FindSecret(variable.Key, variable.Value);
                if (secret != null) throw SecretRefused(request.Group, secret.Value.Where, secret.Value.Reason);
            }
            var varsDirectory = GroupVarsTarget.GroupVarsDirectoryOf(request.InventoryPath);
            var location = GroupVarsTarget.Resolve(varsDirectory, request.Group, request.FileName);
            // A linked vars file is written through to its target, which keeps the link.
            var target = RealPath.WriteTarget(location.Path);
            WarnWhenGroupUnknown(context, request.InventoryPath, request.Group);
            foreach (var ignored in GroupVarsTarget.IgnoredFiles(varsDirectory, request.Group))
            {
                context.Warn(ignored.Key + " is ignored by Ansible: " + ignored.Value + " holds the variables of '" + request.Group + "'. Move its variables there and delete it.");
            }
            using (FileLock.Acquire(target, context.LockTimeout, context.Cancellation))
            {
                var exists = File.Exists(target);
                var edit = GroupVarsDocument.SetVariables(exists ? FileText.ReadUtf8(target) : "", request.Variables, target);
                var change = new HxFileChange(target, "SetGroupVars")
                {
                    Item = request.Group,
                    Added = new HxNameList(edit.Added),
                    Updated = new HxNameList(edit.Updated),
                    Changed = edit.Changed,
                };
                outcome.Changes.Add(change);
                WarnWhenOverridden(context, location, request.Variables.Select(v => v.Key));
                var names = string.Join(", ", request.Variables.Select(v => v.Key));
                if (!edit.Changed)
                {
                    outcome.Add(new HxCheckResult("Inventory", "GroupVars", target, HxStatus.Passed, "already holds " + names));
                    return outcome;
                }
                var what = "Set " + string.Join(", ", edit.Added.Concat(edit.Updated)) + " of group '" + request.Group + "'";
                if (!context.ShouldProcess(target, what))
                {
                    change.WhatIf = true;
                    outcome.Add(new HxCheckResult("Inventory", "GroupVars", target, HxStatus.Skipped, "would s" + what.Substring(1) + " (-WhatIf)"));
                    return outcome;
                }
                if (exists) change.BackupPath = AnsibleBackup.Create(target, request.BackupPath);
                AtomicFile.WriteAllText(target, edit.Content);
                context.Verbose("Wrote " + target + " (" + what + ")");
                outcome.Add(new HxCheckResult("Inventory", "GroupVars", target, HxStatus.Passed, what + (change.BackupPath.Length > 0 ? "; backup " + change.BackupPath : "")));
            }
            return outcome;
        }

        private static HxException SecretRefused(string group, string where, string reason) =>
            new HxException("SecretInPlainVars",
                "Refusing to write '" + where + "' into the plain group_vars of '" + group + "': " + reason +
                ". Keep it in a vault: Set-HxVaultSecret -Path group_vars/" + group + "/vault.yml -Name <name> -Value <SecureString>, or Protect-HxVaultString for an inline value.");

        private static void WarnWhenGroupUnknown(StepContext context, string inventory, string group)
        {
            if (group == "all" || !File.Exists(inventory) && !Directory.Exists(inventory)) return;
            try
            {
                if (InventoryLoader.Load(inventory).GetGroup(group) == null)
                {
                    context.Warn("The inventory " + inventory + " has no group '" + group + "': Ansible ignores group_vars of groups that do not exist.");
                }
            }
            catch (HxException)
            {
                // The inventory cannot be read as is (e.g. a vaulted file without a password); that is not this step's check.
            }
        }

        private static void WarnWhenOverridden(StepContext context, GroupVarsTarget location, IEnumerable<string> names)
        {
            var wanted = new HashSet<string>(names, StringComparer.Ordinal);
            foreach (var later in location.FilesReadAfter())
            {
                if (VaultEnvelope.IsEncryptedFile(later)) continue;
                try
                {
                    if (AnsibleYamlReader.LoadFile(later) is IDictionary<object, object?> vars)
                    {
                        var overridden = vars.Keys.OfType<string>().Where(wanted.Contains).ToList();
                        if (overridden.Count > 0)
                        {
                            context.Warn(later + " is read after " + location.Path + " and sets " + string.Join(", ", overridden) + " too: its values win.");
                        }
                    }
                }
                catch (AnsibleYamlException)
                {
                    context.Warn(later + " is read after " + location.Path + " but is not valid YAML; ansible-inventory will fail on it.");
                }
            }
        }
    }
}
