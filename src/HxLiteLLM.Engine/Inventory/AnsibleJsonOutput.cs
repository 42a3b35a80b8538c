using System;
using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// ansible-inventory's JSON dump: json.dumps(indent=4, sort_keys=True, ensure_ascii=False) through
    /// Ansible's encoder (vaulted values as {"__ansible_vault": …}). Keys sort the Python way (numbers by
    /// value, strings by code point); when keys of one dict cannot be compared (a YAML key `on:` read as
    /// a bool beside strings) Ansible prints everything unsorted and warns, and so does this.
    /// </summary>
    internal static class AnsibleJsonOutput
    {
        public static string Dump(object? value, Action<string> warn)
        {
            var converted = Convert(value);
            if (!TrySortKeys(converted, out var sorted))
            {
                warn("Could not sort JSON output due to issues while sorting keys: keys of different types (for example a YAML key `on:` read as a boolean beside strings)");
                sorted = converted;
            }
            var options = new PyJsonOptions { Indent = 4, SortKeys = false, EnsureAscii = false };
            return PyJson.Dumps(sorted, options) + "\n";
        }

        private static object? Convert(object? value)
        {
            switch (value)
            {
                case VaultedString v: return v.ToJsonObject();
                case PyDict d:
                    var copy = new PyDict();
                    foreach (var kv in d) copy[kv.Key] = Convert(kv.Value);
                    return copy;
                case List<object?> l: return l.ConvertAll(Convert);
                case PyTuple t:
                    var items = new List<object?>(t.Count);
                    foreach (var item in t) items.Add(Convert(item));
                    return items;
                default: return value;
            }
        }

        private static bool TrySortKeys(object? value, out object? sorted)
        {
            sorted = value;
            switch (value)
            {
                case PyDict d:
                    var entries = new List<KeyValuePair<object, object?>>(d.Count);
                    foreach (var kv in d)
                    {
                        if (!TrySortKeys(kv.Value, out var inner)) return false;
                        entries.Add(new KeyValuePair<object, object?>(kv.Key, inner));
                    }
                    var comparable = true;
                    entries.Sort((a, b) =>
                    {
                        var c = ComparePythonKeys(a.Key, b.Key);
                        if (c == null) { comparable = false; return 0; }
                        return c.Value;
                    });
                    if (!comparable) return false;
                    sorted = new PyDict(entries);
                    return true;
                case List<object?> l:
                    var list = new List<object?>(l.Count);
                    foreach (var item in l)
                    {
                        if (!TrySortKeys(item, out var inner)) return false;
                        list.Add(inner);
                    }
                    sorted = list;
                    return true;
                default:
                    return true;
            }
        }

        /// <summary>Python's &lt; between two dict keys, or null where Python raises TypeError.</summary>
        private static int? ComparePythonKeys(object a, object b)
        {
            if (a is string sa) return b is string sb ? PyJson.CompareCodePoints(sa, sb) : (int?)null;
            if (PyNumber.IsNumber(a) && PyNumber.IsNumber(b)) return PyNumber.Compare(a, b);
            return null;
        }
    }
}
