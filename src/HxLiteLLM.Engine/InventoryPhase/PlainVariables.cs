using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>What may be written into a plain (unencrypted) vars file.</summary>
    public static class PlainVariables
    {
        private static readonly Regex Identifier = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private static readonly HashSet<string> PythonKeywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
            "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        };

        /// <summary>A name plays accept as a variable: an ASCII identifier that is not a Python keyword.</summary>
        public static bool IsValidName(string name) => Identifier.IsMatch(name) && !PythonKeywords.Contains(name);

        /// <summary>Throws InvalidVariableName, with the rule, unless <see cref="IsValidName"/>.</summary>
        public static void CheckName(string name)
        {
            if (!IsValidName(name))
            {
                throw new HxException("InvalidVariableName",
                    "'" + name + "' is not a valid Ansible variable name: use letters, digits and '_', not starting with a digit, not a Python keyword.",
                        kind: HxErrorKind.InvalidArgument);
            }
        }

        /// <summary>
        /// Where in the value (e.g. <c>litellm_backends.vllm.api_key</c>) a secret sits and why it is one, or null.
        /// Nested mappings are searched too: an api_key inside a backend is as secret as a top-level one.
        /// </summary>
        public static (string Where, string Reason)? FindSecret(string name, object? value)
        {
            switch (value)
            {
                case IDictionary<object, object?> dict:
                    foreach (var kv in dict)
                    {
                        var found = FindSecret(PyRepr.Str(kv.Key), kv.Value);
                        if (found != null) return (name + "." + found.Value.Where, found.Value.Reason);
                    }
                    return null;
                case IList<object?> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        var found = FindSecret(LastSegment(name), list[i]);
                        if (found != null) return (name + "[" + i + "]" + Suffix(found.Value.Where, LastSegment(name)), found.Value.Reason);
                    }
                    return null;
                default:
                    var reason = SecretPatterns.ReasonToVault(name, value) ?? DatabaseUrlReason(value);
                    return reason == null ? ((string, string)?)null : (name, reason);
            }
        }

        /// <summary>A connection URL with a password in it (postgresql://user:pw@host/db) is a secret whatever its name.</summary>
        private static string? DatabaseUrlReason(object? value) =>
            value is string text && Regex.IsMatch(text, @"^[A-Za-z][A-Za-z0-9+.-]*://[^/@:\s]+:[^/@\s]+@", RegexOptions.CultureInvariant)
                && !text.Contains("{{")
                ? "it is a URL with a password in it"
                : null;

        private static string LastSegment(string name)
        {
            var dot = name.LastIndexOf('.');
            return dot < 0 ? name : name.Substring(dot + 1);
        }

        private static string Suffix(string where, string segment) => where.Length > segment.Length ? where.Substring(segment.Length) : "";
    }
}
