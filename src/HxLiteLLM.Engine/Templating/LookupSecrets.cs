using System;
using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// What lookups read from secret sources (password files, vault-encrypted files) during the renders on this thread
    /// inside the scope: collected, so the caller can redact them and treat the output as secret, or replaced by a mask,
    /// for a copy that must not hold them.
    /// </summary>
    internal sealed class LookupSecrets : IDisposable
    {
        [ThreadStatic] private static LookupSecrets? _current;
        private readonly LookupSecrets? _outer;
        private readonly string? _mask;

        private LookupSecrets(string? mask)
        {
            _mask = mask;
            _outer = _current;
            _current = this;
        }

        /// <summary>Collects the secret values lookups read until disposed.</summary>
        public static LookupSecrets Collect() => new LookupSecrets(null);

        /// <summary>Makes lookups give <paramref name="mask"/> instead of a secret value until disposed.</summary>
        public static LookupSecrets MaskWith(string mask) => new LookupSecrets(mask);

        public List<string> Values { get; } = new List<string>();

        /// <summary>A secret value a lookup is about to return: reported to the scope, or its mask when the scope masks.</summary>
        internal static string Read(string value)
        {
            var scope = _current;
            if (scope == null) return value;
            if (scope._mask != null) return scope._mask;
            scope.Values.Add(value);
            return value;
        }

        public void Dispose() => _current = _outer;
    }
}
