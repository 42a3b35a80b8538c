using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;

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
        /// <summary>Opens the vault-encrypted vars files, so the check of what each host ends up with sees into them too.</summary>
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = Array.Empty<VaultSecret>();
        /// <summary>Write group_vars for a group the inventory does not have (yet); otherwise that is an error.</summary>
        public bool Force { get; set; }
    }

    /// <summary>
    /// Seed step 3.02.02: non-secret variables of the group written where Ansible takes them from (the group's file that
    /// defines each one already, else the group's file Ansible reads last), other content kept, under the file's lock with an
    /// Ansible-style backup; secrets are refused. Then every host of the group is resolved as ansible-inventory resolves it:
    /// a variable that a later file (a child group, host_vars, inline host vars) overrides for any host fails the step,
    /// naming the file and line that wins.
    /// </summary>
    public static class GroupVarsStep
    {
        public static StepOutcome Run(StepContext context, GroupVarsRequest request)
        {
            var outcome = new StepOutcome(SeedTask.GroupVars);
            InventorySelection.RequireSource(request.InventoryPath);
            foreach (var variable in request.Variables)
            {
                PlainVariables.CheckName(variable.Key);
                var secret = PlainVariables.FindSecret(variable.Key, variable.Value);
                if (secret != null) throw SecretRefused(request.Group, secret.Value.Where, secret.Value.Reason);
            }
            var varsDirectory = GroupVarsTarget.GroupVarsDirectoryOf(request.InventoryPath);
            CheckGroupKnown(context, request);
            foreach (var ignored in GroupVarsTarget.IgnoredFiles(varsDirectory, request.Group))
            {
                context.Warn(ignored.Key + " is ignored by Ansible: " + ignored.Value + " holds the variables of '" + request.Group
                    + "'. Move its variables there and delete it.");
            }
            var byFile = new List<KeyValuePair<string, List<KeyValuePair<string, object?>>>>();
            foreach (var variable in request.Variables)
            {
                var location = request.FileName != null ? GroupVarsTarget.Resolve(varsDirectory, request.Group, request.FileName)
                    : GroupVarsTarget.ForVariable(varsDirectory, request.Group, variable.Key);
                var file = System.IO.Path.GetFullPath(location.Path);
                var index = byFile.FindIndex(f => f.Key == file);
                if (index < 0) byFile.Add(new KeyValuePair<string, List<KeyValuePair<string, object?>>>(file,
                    new List<KeyValuePair<string, object?>> { variable }));
                else byFile[index].Value.Add(variable);
            }
            var results = byFile.Select(file => WriteFile(context, request, file.Key, file.Value, outcome)).ToList();
            var origins = VaultedInventory.LoadWithOrigins(request.InventoryPath, request.VaultSecrets, context.Redactor, out var unopened,
                context.PlaybookDirectory);
            for (var i = 0; i < byFile.Count; i++)
            {
                VerifyEffective(origins, unopened, request, byFile[i].Key, results[i], byFile[i].Value.Select(v => v.Key).ToList());
            }
            return outcome;
        }

        /// <summary>Sets the variables in one file; the result says what was (or would be) written.</summary>
        private static HxCheckResult WriteFile(StepContext context, GroupVarsRequest request, string file, List<KeyValuePair<string, object?>> variables,
            StepOutcome outcome)
        {
            // A linked vars file is written through to its target, which keeps the link.
            var target = RealPath.WriteTarget(file);
            using (FileLock.Acquire(target, context.LockTimeout, context.Cancellation))
            {
                var exists = File.Exists(target);
                var edit = GroupVarsDocument.SetVariables(exists ? FileText.ReadUtf8(target) : "", variables, target);
                var change = new HxFileChange(target, "SetGroupVars")
                {
                    Item = request.Group,
                    Added = new HxNameList(edit.Added),
                    Updated = new HxNameList(edit.Updated),
                    Changed = edit.Changed,
                };
                outcome.Changes.Add(change);
                var names = string.Join(", ", variables.Select(v => v.Key));
                if (!edit.Changed)
                {
                    return outcome.Add(new HxCheckResult("Inventory", "GroupVars", target, HxStatus.Passed, "already holds "
                        + names) { Category = HxCategory.Inventory });
                }
                var what = "Set " + string.Join(", ", edit.Added.Concat(edit.Updated)) + " of group '" + request.Group + "'";
                if (!context.ShouldProcess(target,
                    context.Redactor.Redact("Set " + string.Join("; ", edit.Changes.Select(c => c.Describe())) + " for group '" + request.Group + "'")))
                {
                    change.WhatIf = true;
                    return outcome.Add(new HxCheckResult("Inventory", "GroupVars", target, HxStatus.Skipped, "would s" + what.Substring(1)
                        + " (-WhatIf)") { Category = HxCategory.Inventory });
                }
                if (exists) change.BackupPath = AnsibleBackup.Create(target, request.BackupPath);
                AtomicFile.WriteAllText(target, edit.Content);
                context.Verbose("Wrote " + target + " (" + what + ")");
                return outcome.Add(new HxCheckResult("Inventory", "GroupVars", target, HxStatus.Passed, what
                    + (change.BackupPath.Length > 0 ? "; backup " + change.BackupPath : "")) { Category = HxCategory.Inventory });
            }
        }

        /// <summary>
        /// Resolves every host of the group as ansible-inventory does and fails the file's result when a definition merged after
        /// the file wins for some host (under -WhatIf: would win once written); the result then names each winner and the fix.
        /// </summary>
        private static void VerifyEffective(VariableOrigins origins, IReadOnlyList<string> unopened, GroupVarsRequest request, string file,
            HxCheckResult result, IReadOnlyList<string> names)
        {
            var hosts = InventorySelection.Members(origins.Model, request.Group);
            var overridden = new List<string>();
            foreach (var name in names)
            {
                var winners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var host in hosts)
                {
                    var position = origins.PositionOf(host.Name, request.Group, file);
                    var winner = origins.DefinitionsOf(host.Name, name).LastOrDefault();
                    if (winner == null || winner.Position <= position) continue;
                    if (!winners.TryGetValue(winner.Where, out var list)) winners[winner.Where] = list = new List<string>();
                    list.Add(host.Name);
                }
                foreach (var w in winners) overridden.Add(name + ": " + w.Key + " wins for " + HostList(w.Value));
            }
            var notSeen = unopened.Count == 0 ? "" : "; not checked against the vault-encrypted " + string.Join(", ", unopened) + " (give the vault password)";
            if (overridden.Count > 0)
            {
                result.Message += (result.Status == HxStatus.Skipped ? "; once written, Ansible would still take" : "; but Ansible takes") + " another value: "
                    + string.Join("; ", overridden) + notSeen;
                result.Status = HxStatus.Failed;
                result.Category = HxCategory.Inventory;
                result.Remediation = "Change or remove the variable in the file that wins (or set it there), then check with ansible-inventory --host <host>";
                return;
            }
            if (hosts.Count == 0)
            {
                result.Status = result.Status == HxStatus.Skipped ? HxStatus.Skipped : HxStatus.Warning;
                result.Message += "; no host of group '" + request.Group + "' uses it yet";
                result.Remediation = "Add-HxLiteLLMGroup -InventoryPath '" + request.InventoryPath.Replace("'", "''") + "' -HostName <gateway host>";
                return;
            }
            result.Message += "; " + (result.Status == HxStatus.Skipped ? "would be what" : "is what") + " Ansible resolves for "
                + HostList(hosts.Select(h => h.Name).ToList()) + notSeen;
        }

        private static string HostList(IReadOnlyList<string> hosts) =>
            hosts.Count <= 3 ? string.Join(", ", hosts) : string.Join(", ", hosts.Take(3)) + " and " + ReportText.Count(hosts.Count - 3, "more host");

        private static HxException SecretRefused(string group, string where, string reason) =>
            new HxException("SecretInPlainVars",
                "Refusing to write '" + where + "' into the plain group_vars of '" + group + "': " + reason +
                ". Keep it in a vault: Set-HxVaultSecret -Path group_vars/" + group
                    + "/vault.yml -Name <name> -Value <SecureString>, or Protect-HxVaultString for an inline value.", kind: HxErrorKind.SecurityError);

        /// <summary>Ansible ignores group_vars of a group the inventory does not have: an error naming the closest group, unless forced.</summary>
        private static void CheckGroupKnown(StepContext context, GroupVarsRequest request)
        {
            if (request.Group == "all") return;
            var model = VaultedInventory.LoadWithOrigins(request.InventoryPath, request.VaultSecrets, context.Redactor, out _, context.PlaybookDirectory).Model;
            var noSource = InventorySelection.NoSourceParsed(model, request.InventoryPath);
            if (noSource != null) throw noSource;
            if (model.GetGroup(request.Group) != null) return;
            if (!request.Force) throw InventorySelection.NotFound("group", request.Group, model.Groups.Select(g => g.Name), request.InventoryPath);
            context.Warn("The inventory " + request.InventoryPath + " has no group '" + request.Group + "' yet: Ansible ignores its group_vars until it does.");
        }
    }
}
