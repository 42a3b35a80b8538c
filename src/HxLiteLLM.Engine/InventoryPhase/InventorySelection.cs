using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>The errors that keep a read of an inventory from silently returning nothing: no such source, no such host or group.</summary>
    public static class InventorySelection
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
                "; give the inventory file or directory as ansible-inventory -i takes it.", fullPath);
        }

        /// <summary>An error for a -Name or -Group value that matches no host or group of the inventory, with the closest name.</summary>
        /// <param name="kind">"host" or "group": the ErrorId is InventoryHostNotFound or InventoryGroupNotFound.</param>
        public static HxException NotFound(string kind, string pattern, IEnumerable<string> names, string inventoryPath)
        {
            var suggestion = DidYouMean.Closest(pattern, names);
            var id = kind == "group" ? "InventoryGroupNotFound" : "InventoryHostNotFound";
            return new HxException(id,
                "No " + kind + " of " + inventoryPath + " matches '" + pattern + "'" + (suggestion == null ? "." : "; did you mean '" + suggestion + "'?"),
                inventoryPath);
        }
    }
}
