using System;
using System.Collections.Generic;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>Suggestions for misspelt names by Damerau-Levenshtein distance (optimal string alignment: one edit per substring).</summary>
    public static class DidYouMean
    {
        /// <summary>The nearest candidate within a distance that still reads as a typo (1 for short names, up to 3), or null.</summary>
        public static string? Closest(string name, IEnumerable<string> candidates)
        {
            var limit = Math.Max(1, Math.Min(3, name.Length / 4));
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate, name, StringComparison.Ordinal)) return null;
                var distance = Distance(name, candidate);
                if (distance <= limit && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best;
        }

        /// <summary>Insertions, deletions, substitutions and transpositions of adjacent characters, each counting 1.</summary>
        public static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (var j = 0; j <= b.Length; j++) d[0, j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
