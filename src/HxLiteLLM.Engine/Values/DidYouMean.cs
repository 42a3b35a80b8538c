using System;
using System.Collections.Generic;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// The one "did you mean" rule of every report and error: the nearest candidate by Damerau-Levenshtein distance
    /// (optimal string alignment), within a distance that still reads as a typo. What the candidates are is the caller's
    /// context (the host's variables, the inventory's groups, the known filters); the rule is the same everywhere.
    /// </summary>
    public static class DidYouMean
    {
        /// <summary>
        /// The nearest candidate within a quarter of the name's length (at least 1, at most 3 edits), a candidate differing
        /// only in case first; null when none is that close or when the name itself is a candidate.
        /// </summary>
        public static string? Closest(string name, IEnumerable<string> candidates)
        {
            var limit = Math.Max(1, Math.Min(3, name.Length / 4));
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate, name, StringComparison.Ordinal)) return null;
                // The length difference alone is a lower bound of the distance: most candidates need no table.
                var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0
                    : Math.Abs(candidate.Length - name.Length) > limit ? int.MaxValue
                    : EditDistance.Damerau(name, candidate);
                if (distance <= limit && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best;
        }

        /// <summary>The sentence that ends a message: " Did you mean 'x'?", or nothing without a suggestion.</summary>
        public static string Sentence(string? suggestion) => suggestion == null ? "" : " Did you mean '" + suggestion + "'?";
    }
}
