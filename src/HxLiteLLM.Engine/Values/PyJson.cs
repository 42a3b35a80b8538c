using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;

namespace HxLiteLLM.Values
{
    /// <summary>Options of Python's <c>json.dumps</c> that Ansible's outputs use.</summary>
    public sealed class PyJsonOptions
    {
        /// <summary>Spaces per level; null writes one line (json.dumps indent=None).</summary>
        public int? Indent { get; set; }
        public bool SortKeys { get; set; }
        public bool EnsureAscii { get; set; } = true;
        /// <summary>Item separator; null takes Python's default (", " on one line, "," when indented).</summary>
        public string? ItemSeparator { get; set; }
        public string KeySeparator { get; set; } = ": ";

        /// <summary>What <c>ansible-inventory --list</c> prints.</summary>
        public static PyJsonOptions AnsibleInventory => new PyJsonOptions { Indent = 4, SortKeys = true, EnsureAscii = false };
    }

    /// <summary>Python's <c>json.dumps</c> over the engine's value model, byte for byte.</summary>
    public static class PyJson
    {
        public static string Dumps(object? value, PyJsonOptions? options = null)
        {
            options ??= new PyJsonOptions();
            var sb = new StringBuilder();
            Write(sb, value, options, 0);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, object? value, PyJsonOptions o, int level)
        {
            switch (value)
            {
                case null: sb.Append("null"); return;
                case bool b: sb.Append(b ? "true" : "false"); return;
                case string s: WriteString(sb, s, o.EnsureAscii); return;
                case double d: sb.Append(FloatLiteral(d)); return;
                case long _:
                case int _:
                case BigInteger _:
                    sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); return;
                case IDictionary<object, object?> dict: WriteObject(sb, dict, o, level); return;
                case IEnumerable e when !(value is string): WriteArray(sb, e.Cast<object?>().ToList(), o, level); return;
                default:
                    throw new ArgumentException("Object of type " + value.GetType().Name + " is not JSON serializable");
            }
        }

        private static void WriteArray(StringBuilder sb, List<object?> items, PyJsonOptions o, int level)
        {
            if (items.Count == 0) { sb.Append("[]"); return; }
            sb.Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(ItemSeparator(o));
                NewLine(sb, o, level + 1);
                Write(sb, items[i], o, level + 1);
            }
            NewLine(sb, o, level);
            sb.Append(']');
        }

        private static void WriteObject(StringBuilder sb, IDictionary<object, object?> dict, PyJsonOptions o, int level)
        {
            if (dict.Count == 0) { sb.Append("{}"); return; }
            var entries = dict.Select(kv => new KeyValuePair<string, object?>(KeyString(kv.Key), kv.Value)).ToList();
            if (o.SortKeys) entries.Sort((a, b) => CompareCodePoints(a.Key, b.Key));
            sb.Append('{');
            for (var i = 0; i < entries.Count; i++)
            {
                if (i > 0) sb.Append(ItemSeparator(o));
                NewLine(sb, o, level + 1);
                WriteString(sb, entries[i].Key, o.EnsureAscii);
                sb.Append(o.KeySeparator);
                Write(sb, entries[i].Value, o, level + 1);
            }
            NewLine(sb, o, level);
            sb.Append('}');
        }

        private static string ItemSeparator(PyJsonOptions o) => o.ItemSeparator ?? (o.Indent.HasValue ? "," : ", ");

        private static void NewLine(StringBuilder sb, PyJsonOptions o, int level)
        {
            if (o.Indent.HasValue) sb.Append('\n').Append(' ', o.Indent.Value * level);
        }

        /// <summary>How json.dumps turns a non-string key into a string.</summary>
        private static string KeyString(object key) => key switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            double d => FloatLiteral(d),
            _ when PyNumber.IsNumber(key) => Convert.ToString(key, CultureInfo.InvariantCulture)!,
            _ => throw new ArgumentException("keys must be str, int, float, bool or None, not " + key.GetType().Name),
        };

        private static string FloatLiteral(double d) =>
            double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyRepr.Float(d);

        /// <summary>Python orders strings by code point; UTF-16 ordinal order differs above U+FFFF.</summary>
        public static int CompareCodePoints(string a, string b)
        {
            var i = 0;
            var j = 0;
            while (i < a.Length && j < b.Length)
            {
                var ca = CodePointAt(a, i);
                var cb = CodePointAt(b, j);
                if (ca != cb) return ca.CompareTo(cb);
                i += ca > 0xffff ? 2 : 1;
                j += cb > 0xffff ? 2 : 1;
            }
            return (a.Length - i).CompareTo(b.Length - j);
        }

        private static int CodePointAt(string s, int index) =>
            char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1])
                ? char.ConvertToUtf32(s[index], s[index + 1])
                : s[index];

        public static void WriteString(StringBuilder sb, string s, bool ensureAscii)
        {
            sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20 || (ensureAscii && c > 0x7e))
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
            sb.Append('"');
        }
    }
}
