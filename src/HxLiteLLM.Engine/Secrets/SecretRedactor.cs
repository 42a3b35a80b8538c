using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Secrets
{
    /// <summary>
    /// Every writer of files and streams passes its text through one redactor. A secret registered once
    /// (vault password, master key, any vault value) is replaced by <see cref="Mask"/> wherever it appears,
    /// also in the escaped spellings JSON and Python repr would give it.
    /// </summary>
    public sealed class SecretRedactor
    {
        public const string Mask = "********";
        private readonly object _gate = new object();
        private string[] _needles = Array.Empty<string>();

        public void Register(string? secret)
        {
            if (string.IsNullOrEmpty(secret)) return;
            var spellings = new[]
            {
                secret!,
                Inner(PyJson.Dumps(secret)),
                Inner(PyJson.Dumps(secret, new PyJsonOptions { EnsureAscii = false })),
                Inner(PyRepr.Repr(secret)),
            };
            lock (_gate)
            {
                // Longest first, so a secret containing another is masked whole.
                _needles = _needles.Concat(spellings).Distinct(StringComparer.Ordinal)
                    .OrderByDescending(n => n.Length).ToArray();
            }
        }

        /// <summary>Registers every string inside a value (a decrypted vars file, a vault value): all of it is secret.</summary>
        public void RegisterStrings(object? value)
        {
            switch (value)
            {
                case string s: Register(s); break;
                case IDictionary<object, object?> d:
                    foreach (var kv in d) RegisterStrings(kv.Value);
                    break;
                case IEnumerable<object?> list:
                    foreach (var item in list) RegisterStrings(item);
                    break;
            }
        }

        public bool HasSecrets => _needles.Length > 0;

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            var needles = _needles;
            if (needles.Length == 0) return text!;
            var sb = new StringBuilder(text);
            foreach (var needle in needles) sb.Replace(needle, Mask);
            return sb.ToString();
        }

        /// <summary>True when the text contains any registered secret.</summary>
        public bool ContainsSecret(string? text) =>
            !string.IsNullOrEmpty(text) && _needles.Any(n => text!.IndexOf(n, StringComparison.Ordinal) >= 0);

        private static string Inner(string quoted) => quoted.Substring(1, quoted.Length - 2);
    }
}
