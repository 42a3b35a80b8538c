using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Values
{
    /// <summary>Python's <c>pprint.pformat(value)</c> (width 80, indent 1, dicts sorted) over the value model.</summary>
    public static class PyPrettyPrint
    {
        private const int Width = 80;

        public static string Format(object? value)
        {
            var sb = new StringBuilder();
            Write(sb, value, 0, 0, 1);
            return sb.ToString();
        }

        /// <summary>pprint's _safe_repr: like repr, but dict items sorted by key.</summary>
        public static string SafeRepr(object? value)
        {
            switch (value)
            {
                case IDictionary<object, object?> d:
                    return "{" + string.Join(", ", Sorted(d).Select(kv => SafeRepr(kv.Key) + ": " + SafeRepr(kv.Value))) + "}";
                case PyTuple t:
                    return "(" + string.Join(", ", t.Select(SafeRepr)) + (t.Count == 1 ? ",)" : ")");
                case IList<object?> l:
                    return "[" + string.Join(", ", l.Select(SafeRepr)) + "]";
                default:
                    return PyRepr.Repr(value);
            }
        }

        private static List<KeyValuePair<object, object?>> Sorted(IDictionary<object, object?> d)
        {
            var items = d.ToList();
            try
            {
                return items.Select((kv, i) => (kv, i)).OrderBy(x => x.kv.Key,
                    Comparer<object>.Create((a, b) => PyTruth.Compare(a, b))).ThenBy(x => x.i).Select(x => x.kv).ToList();
            }
            catch (System.InvalidOperationException)
            {
                // Unorderable mixed keys: pprint falls back to an order by type name.
                return items.OrderBy(kv => PyTruth.TypeName(kv.Key), System.StringComparer.Ordinal).ToList();
            }
        }

        private static void Write(StringBuilder sb, object? value, int indent, int allowance, int level)
        {
            var rep = SafeRepr(value);
            if (rep.Length <= Width - indent - allowance)
            {
                sb.Append(rep);
                return;
            }
            switch (value)
            {
                case IDictionary<object, object?> d:
                    sb.Append('{');
                    var items = Sorted(d);
                    var inner = indent + 1;
                    for (var i = 0; i < items.Count; i++)
                    {
                        var last = i == items.Count - 1;
                        var key = SafeRepr(items[i].Key);
                        sb.Append(key).Append(": ");
                        Write(sb, items[i].Value, inner + key.Length + 2, last ? allowance + 1 : 1, level + 1);
                        if (!last) sb.Append(",\n").Append(' ', inner);
                    }
                    sb.Append('}');
                    return;
                case PyTuple t:
                    sb.Append('(');
                    var end = t.Count == 1 ? ",)" : ")";
                    WriteItems(sb, t.ToList(), indent, allowance + end.Length, level);
                    sb.Append(end);
                    return;
                case IList<object?> l:
                    sb.Append('[');
                    WriteItems(sb, l.ToList(), indent, allowance + 1, level);
                    sb.Append(']');
                    return;
                case string s:
                    WriteString(sb, s, indent, allowance, level);
                    return;
                default:
                    sb.Append(rep);
                    return;
            }
        }

        private static void WriteItems(StringBuilder sb, List<object?> items, int indent, int allowance, int level)
        {
            indent += 1;
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(",\n").Append(' ', indent);
                Write(sb, items[i], indent, i == items.Count - 1 ? allowance : 1, level + 1);
            }
        }

        /// <summary>Long strings become implicitly concatenated pieces split after whitespace, one per line.</summary>
        private static void WriteString(StringBuilder sb, string s, int indent, int allowance, int level)
        {
            if (s.Length == 0)
            {
                sb.Append(PyRepr.Repr(s));
                return;
            }
            var chunks = new List<string>();
            var lines = SplitLinesKeepEnds(s);
            if (level == 1)
            {
                indent += 1;
                allowance += 1;
            }
            var maxWidth = Width - indent;
            var maxWidth1 = maxWidth;
            string rep = "";
            for (var i = 0; i < lines.Count; i++)
            {
                rep = PyRepr.Repr(lines[i]);
                if (i == lines.Count - 1) maxWidth1 -= allowance;
                if (rep.Length <= maxWidth1)
                {
                    chunks.Add(rep);
                    continue;
                }
                var parts = Regex.Matches(lines[i], @"\S*\s*").Cast<Match>().Select(m => m.Value).ToList();
                if (parts.Count > 0 && parts[parts.Count - 1].Length == 0) parts.RemoveAt(parts.Count - 1);
                var maxWidth2 = maxWidth;
                var current = "";
                for (var j = 0; j < parts.Count; j++)
                {
                    var candidate = current + parts[j];
                    if (j == parts.Count - 1 && i == lines.Count - 1) maxWidth2 -= allowance;
                    if (PyRepr.Repr(candidate).Length > maxWidth2)
                    {
                        if (current.Length > 0) chunks.Add(PyRepr.Repr(current));
                        current = parts[j];
                    }
                    else current = candidate;
                }
                if (current.Length > 0) chunks.Add(PyRepr.Repr(current));
            }
            if (chunks.Count == 1)
            {
                sb.Append(rep);
                return;
            }
            if (level == 1) sb.Append('(');
            for (var i = 0; i < chunks.Count; i++)
            {
                if (i > 0) sb.Append('\n').Append(' ', indent);
                sb.Append(chunks[i]);
            }
            if (level == 1) sb.Append(')');
        }

        private static List<string> SplitLinesKeepEnds(string s)
        {
            var result = new List<string>();
            var start = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if ("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029".IndexOf(c) < 0) continue;
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                result.Add(s.Substring(start, i + 1 - start));
                start = i + 1;
            }
            if (start < s.Length) result.Add(s.Substring(start));
            return result;
        }
    }
}
