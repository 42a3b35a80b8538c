using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// ansible-inventory's JSON dump: json.dumps(indent=4, sort_keys=True, ensure_ascii=False) through
    /// Ansible's encoder (vaulted values as {"__ansible_vault": …}). Keys sort the Python way (numbers by
    /// value, strings by code point), which PyJson's string-key sort does not do; and when keys of one
    /// dict cannot be compared (a YAML key `on:` read as a bool beside strings) Ansible prints everything
    /// unsorted and warns, and so does this. Written directly, without copies: it runs over every host.
    /// </summary>
    internal static class AnsibleJsonOutput
    {
        private sealed class UnsortableKeys : Exception { }

        public static string Dump(object? value, Action<string> warn)
        {
            var sb = new StringBuilder(1 << 16);
            try
            {
                Write(sb, value, 0, sortKeys: true);
            }
            catch (UnsortableKeys)
            {
                warn("Could not sort JSON output due to issues while sorting keys: keys of different types (for example a YAML key `on:` read as a boolean " +
                    "beside strings)");
                sb.Clear();
                Write(sb, value, 0, sortKeys: false);
            }
            return sb.Append('\n').ToString();
        }

        [MethodImpl(HotPath.Optimize)]

        private static void Write(StringBuilder sb, object? value, int level, bool sortKeys)
        {
            switch (value)
            {
                case null: sb.Append("null"); return;
                case string s: WriteString(sb, s); return;
                case bool b: sb.Append(b ? "true" : "false"); return;
                case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); return;
                case BigInteger big: sb.Append(big.ToString(CultureInfo.InvariantCulture)); return;
                case double d: sb.Append(FloatText(d)); return;
                case VaultedString v: Write(sb, v.ToJsonObject(), level, sortKeys); return;
                case PyDict dict: WriteObject(sb, dict, level, sortKeys); return;
                case List<object?> list: WriteArray(sb, list, level, sortKeys); return;
                case PyTuple tuple: WriteArray(sb, new List<object?>(tuple), level, sortKeys); return;
                default: throw new ArgumentException("Object of type " + value.GetType().Name + " is not JSON serializable");
            }
        }

        [MethodImpl(HotPath.Optimize)]

        private static void WriteArray(StringBuilder sb, List<object?> items, int level, bool sortKeys)
        {
            if (items.Count == 0) { sb.Append("[]"); return; }
            sb.Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(',');
                NewLine(sb, level + 1);
                Write(sb, items[i], level + 1, sortKeys);
            }
            NewLine(sb, level);
            sb.Append(']');
        }

        [MethodImpl(HotPath.Optimize)]

        private static void WriteObject(StringBuilder sb, PyDict dict, int level, bool sortKeys)
        {
            if (dict.Count == 0) { sb.Append("{}"); return; }
            var entries = new KeyValuePair<object, object?>[dict.Count];
            dict.CopyTo(entries, 0);
            if (sortKeys && entries.Length > 1) SortKeys(entries);
            sb.Append('{');
            for (var i = 0; i < entries.Length; i++)
            {
                if (i > 0) sb.Append(',');
                NewLine(sb, level + 1);
                WriteString(sb, KeyText(entries[i].Key));
                sb.Append(": ");
                Write(sb, entries[i].Value, level + 1, sortKeys);
            }
            NewLine(sb, level);
            sb.Append('}');
        }

        private static void NewLine(StringBuilder sb, int level) => sb.Append('\n').Append(' ', 4 * level);

        /// <summary>Python's sorted() over dict keys: all strings (by code point) or all numbers; a mix is Python's TypeError.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static void SortKeys(KeyValuePair<object, object?>[] entries)
        {
            var strings = 0;
            foreach (var e in entries) if (e.Key is string) strings++;
            if (strings == entries.Length)
            {
                Array.Sort(entries, (a, b) => CompareCodePoints((string)a.Key, (string)b.Key));
                return;
            }
            if (strings > 0) throw new UnsortableKeys();
            foreach (var e in entries) if (!PyNumber.IsNumber(e.Key)) throw new UnsortableKeys();
            Array.Sort(entries, (a, b) => PyNumber.Compare(a.Key, b.Key));
        }

        /// <summary>Python's str order (by code point); UTF-16 order differs only where a surrogate meets U+E000..U+FFFF.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static int CompareCodePoints(string a, string b)
        {
            var n = Math.Min(a.Length, b.Length);
            for (var i = 0; i < n; i++)
            {
                var ca = a[i];
                var cb = b[i];
                if (ca == cb) continue;
                if (ca < 0xd800 && cb < 0xd800) return ca - cb;
                return PyJson.CompareCodePoints(a.Substring(i), b.Substring(i));
            }
            return a.Length - b.Length;
        }

        /// <summary>json.dumps string escaping with ensure_ascii=False; strings needing none are appended whole.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static void WriteString(StringBuilder sb, string s)
        {
            foreach (var c in s)
            {
                if (c < 0x20 || c == '"' || c == '\\')
                {
                    PyJson.WriteString(sb, s, false);
                    return;
                }
            }
            sb.Append('"').Append(s).Append('"');
        }

        /// <summary>How json.dumps turns a key into a string.</summary>
        private static string KeyText(object key) => key switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            double d => FloatText(d),
            _ => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        };

        private static string FloatText(double d) =>
            double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyRepr.Float(d);
    }
}
