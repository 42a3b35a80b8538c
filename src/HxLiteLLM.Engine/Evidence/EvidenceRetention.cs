using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Evidence
{
    /// <summary>
    /// -KeepLast: in each evidence area only the newest N run folders stay. Only real folders named as <see cref="EvidenceStore"/>
    /// names them (20261125T120620Z, or with a -2 suffix) are counted and removed: a symbolic link is never followed or removed,
    /// anything else in the area (a note, an archive, a folder of another name) is left alone, and the current run's folder
    /// always stays.
    /// </summary>
    public static class EvidenceRetention
    {
        private static readonly Regex StampName = new Regex(@"^(\d{8}T\d{6}Z)(?:-([2-9]|[1-9]\d{1,8}))?$", RegexOptions.CultureInvariant);

        /// <summary>The folders of <paramref name="area"/> under <paramref name="root"/> that -KeepLast <paramref name="keepLast"/> removes, oldest
        /// first.</summary>
        /// <param name="currentStamp">The running run's stamp, whose folder is never removed; null when none (-WhatIf).</param>
        public static IReadOnlyList<string> Surplus(string root, string area, int keepLast, string? currentStamp)
        {
            if (keepLast < 1) throw new ArgumentOutOfRangeException(nameof(keepLast), "at least 1: the newest run's evidence always stays");
            var folder = Path.Combine(root, area);
            // An area that is itself a link is not ours to prune.
            if (!Directory.Exists(folder) || IsLink(folder)) return Array.Empty<string>();
            var runs = new DirectoryInfo(folder).EnumerateDirectories()
                .Where(d => !IsLink(d.FullName) && StampName.IsMatch(d.Name))
                .OrderByDescending(d => Order(d.Name))
                .ToList();
            return runs.Skip(keepLast).Where(d => d.Name != currentStamp).Reverse().Select(d => d.FullName).ToList();
        }

        /// <summary>
        /// Removes the surplus folders of each area, each only when <paramref name="shouldRemove"/> (ShouldProcess: -WhatIf says
        /// what would be removed) agrees; returns the folders removed.
        /// </summary>
        public static IReadOnlyList<string> Prune(string root, IEnumerable<string> areas, int keepLast, string? currentStamp,
            Func<string, string, bool> shouldRemove)
        {
            var removed = new List<string>();
            foreach (var area in areas)
            {
                foreach (var folder in Surplus(root, area, keepLast, currentStamp))
                {
                    if (!shouldRemove(folder, "Remove evidence folder (-KeepLast " + keepLast.ToString(CultureInfo.InvariantCulture) + ")")) continue;
                    // Recursive delete unlinks a link found inside without following it.
                    Directory.Delete(folder, true);
                    removed.Add(folder);
                }
            }
            return removed;
        }

        /// <summary>Time first, then the same-second suffix (-2 after the plain stamp, -10 after -9).</summary>
        private static (string Time, long Suffix) Order(string name)
        {
            var match = StampName.Match(name);
            return (match.Groups[1].Value, match.Groups[2].Success ? long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1);
        }

        private static bool IsLink(string path) => (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
    }
}
