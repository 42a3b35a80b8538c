using System;
using System.Collections.Generic;
using HxLiteLLM.Values;

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
                var distance = EditDistance.Damerau(name, candidate);
                if (distance <= limit && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best;
        }
    }
}
