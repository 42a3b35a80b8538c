using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Inventory;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Steps
{
    /// <summary>What to add: the group, its hosts, their inline variables and an optional parent group.</summary>
    public sealed class AddGroupRequest
    {
        public AddGroupRequest(string inventoryPath, string group, IReadOnlyList<string> hosts)
        {
            InventoryPath = inventoryPath;
            Group = group;
            Hosts = hosts;
        }

        public string InventoryPath { get; }
        public string Group { get; }
        public IReadOnlyList<string> Hosts { get; }
        public IDictionary<string, object?> HostVars { get; set; } = new Dictionary<string, object?>();
        public string? ParentGroup { get; set; }
        /// <summary>Where the backup goes instead of Ansible's name beside the file.</summary>
        public string? BackupPath { get; set; }
        /// <summary>Create the inventory when it does not exist; otherwise a missing file is an error (a typo must not make a new inventory).</summary>
        public bool CreateMissing { get; set; }
    }

    /// <summary>
    /// Seed step 3.02.01: the [litellm] group with its hosts in an INI inventory, under the file's lock, with an Ansible-style
    /// backup and an atomic write; nothing is written when the group already lists the hosts.
    /// </summary>
    public static class AddGroupStep
    {
        private static readonly Regex YamlTopKey = new Regex(@"^[A-Za-z0-9_.-]+:\s*(#.*)?$", RegexOptions.CultureInvariant);

        public static StepOutcome Run(StepContext context, AddGroupRequest request)
        {
            var outcome = new StepOutcome(SeedTask.AddGroup);
            // A linked inventory is written through to its target, which keeps the link.
            var path = RealPath.WriteTarget(request.InventoryPath);
            foreach (var variable in request.HostVars)
            {
                var reason = SecretPatterns.ReasonToVault(variable.Key, variable.Value);
                if (reason != null)
                {
                    throw new HxException("SecretInPlainVars",
                        $"Refusing to write host variable '{variable.Key}' into {path}: {reason}. Keep it in a vault: Set-HxVaultSecret -Path <vault.yml> -Name {variable.Key}.", path, kind: HxErrorKind.SecurityError);
                }
            }
            using (FileLock.Acquire(path, context.LockTimeout, context.Cancellation))
            {
                var exists = File.Exists(path);
                if (!exists && !request.CreateMissing)
                {
                    throw new HxException("InventoryNotFound",
                        "The inventory " + path + " does not exist. Check the path, or give -Force to create a new inventory there.", path,
                            kind: HxErrorKind.NotFound);
                }
                var content = exists ? FileText.ReadUtf8(path) : "";
                RefuseYaml(path, content);
                var edit = IniInventoryEditor.AddGroup(content, path, request.Group, request.Hosts, request.HostVars, request.ParentGroup);
                var change = new HxFileChange(path, "AddGroup")
                {
                    Item = request.Group,
                    Added = new HxNameList(edit.HostsAdded),
                    Updated = new HxNameList(edit.HostsUpdated),
                    Changed = edit.Changed,
                };
                outcome.Changes.Add(change);
                if (!edit.Changed)
                {
                    outcome.Add(new HxCheckResult("Inventory", "InventoryGroup", path, HxStatus.Passed,
                        "[" + request.Group + "] already lists " + string.Join(", ", request.Hosts)) { Category = HxCategory.Inventory });
                    return outcome;
                }
                var what = "Add group '" + request.Group + "'" + (edit.HostsAdded.Count > 0 ? " hosts " + change.Added : "")
                    + (edit.HostsUpdated.Count > 0 ? ", update " + change.Updated : "")
                    + (edit.ParentLinked ? ", as child of '" + request.ParentGroup + "'" : "");
                if (!context.ShouldProcess(path, what))
                {
                    change.WhatIf = true;
                    outcome.Add(new HxCheckResult("Inventory", "InventoryGroup", path, HxStatus.Skipped, "would " + char.ToLowerInvariant(what[0])
                        + what.Substring(1) + " (-WhatIf)") { Category = HxCategory.Inventory });
                    return outcome;
                }
                if (exists) change.BackupPath = AnsibleBackup.Create(path, request.BackupPath);
                AtomicFile.WriteAllText(path, edit.Content);
                outcome.Add(new HxCheckResult("Inventory", "InventoryGroup", path, HxStatus.Passed,
                    what + (change.BackupPath.Length > 0 ? "; backup " + change.BackupPath : "")) { Category = HxCategory.Inventory });
            }
            return outcome;
        }

        /// <summary>The editor writes INI: a YAML inventory is refused instead of being misread as INI.</summary>
        private static void RefuseYaml(string path, string content)
        {
            var ext = Path.GetExtension(path).ToLowerInvariant();
            var firstLine = content.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)
                && !l.StartsWith(";", StringComparison.Ordinal) && l != "---");
            if (ext == ".yml" || ext == ".yaml" || ext == ".json" || firstLine != null && YamlTopKey.IsMatch(firstLine))
            {
                throw new HxException("InventoryNotIni",
                    path + " is a YAML inventory; this command edits INI inventories only. Add the group to the YAML file by hand (all: children: " +
                    "litellm: hosts: ...) or keep the gateway group in an INI file of the inventory directory.", path);
            }
        }
    }
}
