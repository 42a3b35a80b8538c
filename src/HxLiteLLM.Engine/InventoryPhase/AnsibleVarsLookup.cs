using System;
using System.Collections.Generic;
using System.IO;
using HxLiteLLM.Inventory;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Whether Ansible's host_group_vars plugin reads a given file (ansible.md §1.7): under group_vars/ or host_vars/,
    /// as the first existing candidate of a name (name, .yml, .yaml, .json), or inside such a candidate directory where
    /// neither the file nor a folder on the way is skipped (leading '.', trailing '~', other extensions).
    /// </summary>
    internal static class AnsibleVarsLookup
    {
        private static readonly string[] Extensions = { "", ".yml", ".yaml", ".json" };

        /// <summary>"group_vars of 'name'" / "host_vars of 'name'" when Ansible reads the file, else null.</summary>
        public static string? LoadedAs(string root, IReadOnlyList<string> segments)
        {
            var at = -1;
            for (var i = segments.Count - 2; i >= 0 && at < 0; i--)
            {
                if (segments[i] == "group_vars" || segments[i] == "host_vars") at = i;
            }
            if (at < 0) return null;
            var varsDirectory = Path.Combine(root, string.Join(Path.DirectorySeparatorChar.ToString(), Slice(segments, 0, at + 1)));
            var entry = segments[at + 1];
            var fileName = segments[segments.Count - 1];
            if (segments.Count - at - 1 > 1)
            {
                for (var i = at + 2; i < segments.Count - 1; i++)
                {
                    if (Skipped(segments[i]) || VarsFiles.PythonExtension(segments[i]).Length > 0) return null;
                }
                if (Skipped(fileName) || Array.IndexOf(Extensions, VarsFiles.PythonExtension(fileName)) < 0) return null;
            }
            foreach (var name in NamesFor(entry))
            {
                if (string.Equals(FirstCandidate(varsDirectory, name), entry, StringComparison.Ordinal)) return segments[at] + " of '" + name + "'";
            }
            return null;
        }

        /// <summary>
        /// Extensions of the files Ansible's inventory plugins read (ini, yaml, toml; JSON through yaml), and none.
        /// </summary>
        private static readonly string[] InventoryExtensions = { "", ".ini", ".yml", ".yaml", ".json", ".toml" };

        /// <summary>
        /// "the inventory" when the file is one of <paramref name="inventories"/> (full paths), or sits where an inventory
        /// sits, beside a group_vars/ or host_vars/ folder, with an inventory plugin's extension and not hidden or a backup;
        /// else null.
        /// </summary>
        public static string? InventoryRole(string path, ICollection<string> inventories)
        {
            if (inventories.Contains(path)) return "the inventory";
            var name = Path.GetFileName(path);
            var folder = Path.GetDirectoryName(path);
            if (folder == null || Skipped(name) || Array.IndexOf(InventoryExtensions, VarsFiles.PythonExtension(name)) < 0) return null;
            return Directory.Exists(Path.Combine(folder, "group_vars")) || Directory.Exists(Path.Combine(folder, "host_vars")) ? "the inventory" : null;
        }

        private static bool Skipped(string name) => name.StartsWith(".", StringComparison.Ordinal) || name.EndsWith("~", StringComparison.Ordinal);

        /// <summary>
        /// The group or host name whose candidates include <paramref name="entry"/>. Names with other extensions or
        /// skipped spellings would need group names Ansible warns about; they are not counted.
        /// </summary>
        private static IEnumerable<string> NamesFor(string entry)
        {
            if (Skipped(entry)) yield break;
            var ext = VarsFiles.PythonExtension(entry);
            if (ext.Length == 0) yield return entry;
            else if (Array.IndexOf(Extensions, ext) >= 0) yield return entry.Substring(0, entry.Length - ext.Length);
        }

        private static string? FirstCandidate(string varsDirectory, string name)
        {
            foreach (var ext in Extensions)
            {
                var candidate = Path.Combine(varsDirectory, name + ext);
                if (Directory.Exists(candidate) || File.Exists(candidate)) return name + ext;
            }
            return null;
        }

        private static IEnumerable<string> Slice(IReadOnlyList<string> list, int start, int count)
        {
            for (var i = start; i < start + count; i++) yield return list[i];
        }
    }
}
