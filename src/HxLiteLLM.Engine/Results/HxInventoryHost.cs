using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.Values;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// One inventory host as the later cmdlets bind it by property name (Name, Address, Port, User, Connection).
    /// Connection data comes from the merged variables exactly as Ansible resolves them for that host.
    /// </summary>
    public sealed class HxInventoryHost
    {
        public HxInventoryHost(string name, PyDict mergedVars, IEnumerable<string> groups, string inventoryPath, SecretRedactor? redactor = null)
        {
            Name = name;
            Address = Text(mergedVars, "ansible_host") ?? name;
            Connection = Text(mergedVars, "ansible_connection") ?? "ssh";
            Port = Number(mergedVars, "ansible_port") ?? (Connection == "local" ? (int?)null : 22);
            User = Text(mergedVars, "ansible_user") ?? "";
            KeyFilePath = Text(mergedVars, "ansible_ssh_private_key_file") ?? Text(mergedVars, "ansible_private_key_file") ?? "";
            Groups = string.Join(",", groups);
            Vars = HxVariableTable.From(mergedVars, redactor);
            InventoryPath = inventoryPath;
        }

        public string Name { get; }
        /// <summary>ansible_host, else the inventory name.</summary>
        public string Address { get; }
        /// <summary>ansible_port, else 22 for SSH; empty for local connections.</summary>
        public int? Port { get; }
        public string User { get; }
        /// <summary>ansible_connection, else ssh.</summary>
        public string Connection { get; }
        public string KeyFilePath { get; }
        /// <summary>Every group the host belongs to (directly or through children), comma-separated, without 'all'.</summary>
        public string Groups { get; }
        /// <summary>The host's merged variables (inventory, group_vars, host_vars) as Ansible resolves them; vault values masked.</summary>
        public HxVariableTable Vars { get; }
        public string InventoryPath { get; }

        /// <summary>The record of one host of a loaded inventory; values that came from a vault are masked.</summary>
        public static HxInventoryHost From(InventoryModel model, InventoryHost host, string inventoryPath, SecretRedactor? redactor = null) =>
            new HxInventoryHost(host.Name, model.GetHostVars(host.Name), GroupNames(host), inventoryPath, redactor);

        /// <summary>The host's groups and all their ancestors, without 'all', sorted as Ansible's group_names.</summary>
        public static IReadOnlyList<string> GroupNames(InventoryHost host) =>
            host.Groups.SelectMany(g => g.GetAncestors().Append(g)).Select(g => g.Name)
                .Where(n => n != "all").Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();

        public override string ToString() => Name;

        private static string? Text(PyDict vars, string key) =>
            vars.TryGetValue(key, out var v) && v != null ? PyRepr.Str(v) : null;

        private static int? Number(PyDict vars, string key) =>
            vars.TryGetValue(key, out var v) && v != null && int.TryParse(PyRepr.Str(v), out var n) ? n : (int?)null;
    }
}
