using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>Builds the public <see cref="HxInventoryHost"/> record of one host of a loaded inventory.</summary>
    public static class InventoryHostRecord
    {
        /// <summary>The record of one host of a loaded inventory; values that came from a vault are masked.</summary>
        public static HxInventoryHost From(InventoryModel model, InventoryHost host, string inventoryPath, SecretRedactor? redactor = null)
        {
            var vars = model.GetHostVars(host.Name);
            var connection = Text(vars, "ansible_connection") ?? "ssh";
            return new HxInventoryHost(
                host.Name,
                address: Text(vars, "ansible_host") ?? host.Name,
                port: Number(vars, "ansible_port") ?? (connection == "local" ? (int?)null : 22),
                user: Text(vars, "ansible_user") ?? "",
                connection: connection,
                keyFilePath: Text(vars, "ansible_ssh_private_key_file") ?? Text(vars, "ansible_private_key_file") ?? "",
                groups: GroupNames(host),
                vars: VariableTables.From(vars, redactor),
                inventoryPath: inventoryPath);
        }

        /// <summary>The host's groups and all their ancestors, without 'all', sorted as Ansible's group_names.</summary>
        public static IReadOnlyList<string> GroupNames(InventoryHost host) =>
            host.Groups.SelectMany(g => g.GetAncestors().Append(g)).Select(g => g.Name)
                .Where(n => n != "all").Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();

        private static string? Text(PyDict vars, string key) =>
            vars.TryGetValue(key, out var v) && v != null ? PyRepr.Str(v) : null;

        private static int? Number(PyDict vars, string key) =>
            vars.TryGetValue(key, out var v) && v != null && int.TryParse(PyRepr.Str(v), out var n) ? n : (int?)null;
    }
}
