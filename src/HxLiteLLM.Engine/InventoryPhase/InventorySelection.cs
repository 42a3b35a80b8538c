using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.Values;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// The one rule for choosing hosts of an inventory, so that no command silently works on nothing: a missing source, an
    /// inventory that parsed no source, an unknown group or host and a group without hosts are errors that name it, with the
    /// closest name the inventory has.
    /// </summary>
    public static partial class InventorySelection
    {
        /// <summary>An InventoryNotFound error when neither a file nor a directory is at <paramref name="fullPath"/>; null when one is.</summary>
        public static HxException? MissingSource(string fullPath)
        {
            if (File.Exists(fullPath) || Directory.Exists(fullPath)) return null;
            var folder = Path.GetDirectoryName(fullPath);
            var suggestion = folder != null && Directory.Exists(folder)
                ? DidYouMean.Closest(Path.GetFileName(fullPath), Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>())
                : null;
            return new HxException("InventoryNotFound",
                "The inventory " + fullPath + " does not exist" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)") +
                "; give the inventory file or directory as ansible-inventory -i takes it.", fullPath, kind: HxErrorKind.NotFound);
        }

        /// <summary>Throws the InventoryNotFound error of <see cref="MissingSource"/> when nothing is at <paramref name="fullPath"/>.</summary>
        public static void RequireSource(string fullPath)
        {
            var missing = MissingSource(fullPath);
            if (missing != null) throw missing;
        }

        /// <summary>
        /// An InventoryNoSource error when the load parsed no inventory file (Ansible then sees only the implicit localhost),
        /// naming the files of an inventory directory that Ansible skipped by their extension; null when a source was parsed.
        /// </summary>
        public static HxException? NoSourceParsed(InventoryModel model, string fullPath)
        {
            if (model.Sources.Count > 0) return null;
            var skipped = model.SkippedFiles.Select(f => Path.GetFileName(f)).ToList();
            var why = skipped.Count > 0
                ? "Ansible skips " + string.Join(", ", skipped)
                    + " inside an inventory directory (*.ini, *.cfg, *.txt, *.md and the like are ignored there); give that file itself as the inventory, or "
                    + "rename it without the extension"
                : "the directory holds no file Ansible reads as an inventory";
            return new HxException("InventoryNoSource", "No inventory source was parsed from " + fullPath + ": " + why + ".", fullPath);
        }

        /// <summary>An error for a -Name or -Group value that matches no host or group of the inventory, with the closest name.</summary>
        /// <param name="kind">"host" or "group": the ErrorId is InventoryHostNotFound or InventoryGroupNotFound.</param>
        public static HxException NotFound(string kind, string pattern, IEnumerable<string> names, string inventoryPath)
        {
            var suggestion = DidYouMean.Closest(pattern, names);
            var id = kind == "group" ? "InventoryGroupNotFound" : "InventoryHostNotFound";
            return new HxException(id,
                "No " + kind + " of " + inventoryPath + " matches '" + pattern + "'" + (suggestion == null ? "." : "; did you mean '" + suggestion + "'?"),
                inventoryPath, kind: HxErrorKind.NotFound);
        }

        /// <summary>
        /// The hosts of <paramref name="group"/> ('all' for every host), in inventory order; never empty: an inventory without
        /// a parsed source, an unknown group (InventoryGroupNotFound) and a group without hosts (InventoryGroupEmpty) throw.
        /// </summary>
        public static IReadOnlyList<InventoryHost> GroupHosts(InventoryModel model, string group, string inventoryPath)
        {
            var noSource = NoSourceParsed(model, inventoryPath);
            if (noSource != null) throw noSource;
            if (group != "all" && model.GetGroup(group) == null) throw NotFound("group", group, model.Groups.Select(g => g.Name), inventoryPath);
            var hosts = Members(model, group);
            if (hosts.Count > 0) return hosts;
            var withHosts = model.Groups.Where(g => g.Name != group
                && model.Hosts.Any(h => InventoryHostRecord.GroupNames(h).Contains(g.Name))).Select(g => g.Name);
            var suggestion = DidYouMean.Closest(group, withHosts);
            throw new HxException("InventoryGroupEmpty",
                "The group '" + group + "' of " + inventoryPath + " has no host" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?") +
                " Add one: Add-HxLiteLLMGroup -InventoryPath '" + inventoryPath.Replace("'", "''") + "' -Group '" + group.Replace("'", "''")
                    + "' -HostName <host>.", inventoryPath);
        }

        /// <summary>The hosts of <paramref name="group"/> ('all' for every host) in inventory order, directly or through child groups; may be empty.</summary>
        public static IReadOnlyList<InventoryHost> Members(InventoryModel model, string group) =>
            model.Hosts.Where(h => group == "all" || InventoryHostRecord.GroupNames(h).Contains(group)).ToList();

        /// <summary>The host named <paramref name="name"/>; an inventory without a parsed source or an unknown host (InventoryHostNotFound) throws.</summary>
        public static InventoryHost Host(InventoryModel model, string name, string inventoryPath)
        {
            var noSource = NoSourceParsed(model, inventoryPath);
            if (noSource != null) throw noSource;
            return model.GetHost(name) ?? throw NotFound("host", name, model.Hosts.Select(h => h.Name), inventoryPath);
        }
    }
}
