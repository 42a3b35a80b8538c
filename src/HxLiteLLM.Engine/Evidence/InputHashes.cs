using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using HxLiteLLM.IO;

namespace HxLiteLLM.Evidence
{
    /// <summary>
    /// The files a validation run reads, each with its SHA-256: the inventory, its group_vars and host_vars, the role and the
    /// settings file. The run manifest records them; the deploy gate compares them with today's files, so both hash one set
    /// the same way.
    /// </summary>
    public static class InputHashes
    {
        private const long MaxHashedBytes = 64L * 1024 * 1024;

        /// <summary>Path and SHA-256 of every input file, sorted by path.</summary>
        public static List<KeyValuePair<string, string>> Of(string inventoryPath, string? rolePath, string? settingsPath)
        {
            var files = new SortedSet<string>(StringComparer.Ordinal);
            var inventory = Path.GetFullPath(inventoryPath);
            var inventoryDir = Directory.Exists(inventory) ? inventory : Path.GetDirectoryName(inventory)!;
            if (File.Exists(inventory)) files.Add(inventory);
            else if (Directory.Exists(inventory)) AddTree(files, inventory);
            foreach (var vars in new[] { "group_vars", "host_vars" }) AddTree(files, Path.Combine(inventoryDir, vars));
            if (rolePath != null) AddTree(files, rolePath);
            if (settingsPath != null && File.Exists(settingsPath)) files.Add(Path.GetFullPath(settingsPath));
            return files.Select(f => new KeyValuePair<string, string>(f, Hash(f))).ToList();
        }

        private static void AddTree(SortedSet<string> files, string folder)
        {
            if (!Directory.Exists(folder) || OwnedFolder.IsOwned(folder)) return;
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            {
                if ((File.GetAttributes(entry) & FileAttributes.ReparsePoint) != 0) continue;
                if (Directory.Exists(entry)) AddTree(files, entry);
                else if (!entry.EndsWith("~", StringComparison.Ordinal)) files.Add(Path.GetFullPath(entry));
            }
        }

        private static string Hash(string file)
        {
            var info = new FileInfo(file);
            if (info.Length > MaxHashedBytes) return "not hashed: larger than 64 MiB";
            using var sha = SHA256.Create();
            using var stream = File.OpenRead(file);
            return string.Concat(sha.ComputeHash(stream).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
