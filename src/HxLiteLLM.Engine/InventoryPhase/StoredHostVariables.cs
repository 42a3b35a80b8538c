using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>Where a variable's value came from, as far as secrets are concerned.</summary>
    public enum VariableStorage
    {
        /// <summary>A plain (unencrypted) vars file or inventory line.</summary>
        Plain,
        /// <summary>A whole-file vault (group_vars/&lt;g&gt;/vault.yml …).</summary>
        VaultFile,
        /// <summary>An inline <c>!vault</c> value.</summary>
        InlineVault,
        /// <summary>A vault that could not be decrypted with the secrets given; its value is unknown.</summary>
        Undecryptable,
    }

    /// <summary>One host's merged variables with vaulted values decrypted, and where each value came from.</summary>
    public sealed class StoredHostVariables
    {
        public StoredHostVariables(string host, PyDict vars, IDictionary<string, VariableStorage> storage)
        {
            Host = host;
            Vars = vars;
            Storage = storage;
        }

        public string Host { get; }
        public PyDict Vars { get; }
        /// <summary>Storage of the variables that are not <see cref="VariableStorage.Plain"/>.</summary>
        public IDictionary<string, VariableStorage> Storage { get; }

        public VariableStorage StorageOf(string name) => Storage.TryGetValue(name, out var s) ? s : VariableStorage.Plain;
    }

    /// <summary>What remediation commands need to name concrete paths.</summary>
    public sealed class RemediationContext
    {
        public RemediationContext(string inventoryPath, string group)
        {
            InventoryPath = inventoryPath;
            Group = group;
            var groupVars = GroupVarsTarget.GroupVarsDirectoryOf(inventoryPath);
            VaultPath = System.IO.Path.Combine(groupVars, group, "vault.yml");
            var target = GroupVarsTarget.Resolve(groupVars, group);
            FileFormPath = target.DirectoryForm || !System.IO.File.Exists(target.Path) ? null : target.Path;
        }

        public string InventoryPath { get; }
        public string Group { get; }
        /// <summary>Where the group's vault belongs: group_vars/&lt;group&gt;/vault.yml.</summary>
        public string VaultPath { get; }
        /// <summary>group_vars/&lt;group&gt;.yml (or .yaml/.json) when the group's vars are a single file, which a vault directory would hide.</summary>
        public string? FileFormPath { get; }

        public string SetVaultSecret(string name, string valueExpression)
        {
            var directory = System.IO.Path.GetDirectoryName(VaultPath)!;
            var move = FileFormPath == null ? "" :
                "New-Item -ItemType Directory '" + directory + "' | Out-Null; Move-Item '" + FileFormPath + "' '" +
                System.IO.Path.Combine(directory, "main" + System.IO.Path.GetExtension(FileFormPath)) + "'; ";
            return move + "Set-HxVaultSecret -Path '" + VaultPath + "' -Name " + name + " -Value " + valueExpression;
        }

        public string SetGroupVars(string name, string valueExpression) =>
            "Set-HxGroupVars -InventoryPath '" + InventoryPath + "' -Group " + Group + " -Variable @{ " + name + " = " + valueExpression + " }";
    }
}
