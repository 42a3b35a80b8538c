using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    internal delegate object? FilterFunction(Interpreter interpreter, object? value, CallArgs args);

    /// <summary>Jinja 2 (3.1.2) built-in filters. Generators come back as lists, as Ansible unrolls them.</summary>
    internal static partial class Filters
    {
        private static readonly Dictionary<string, FilterFunction> Registry = new Dictionary<string, FilterFunction>(StringComparer.Ordinal);
        private static readonly HashSet<string> UndefinedAware = new HashSet<string> { "default", "d", "mandatory" };

        static Filters()
        {
            RegisterJinja();
            RegisterAnsible();
            RegisterMarkup();
        }

        public static bool TryGet(string name, out FilterFunction filter) => Registry.TryGetValue(Strip(name), out filter!);

        public static bool AcceptsUndefined(string name) => UndefinedAware.Contains(Strip(name));

        public static IReadOnlyCollection<string> Names => Registry.Keys;

        /// <summary>Ansible accepts fully qualified names (ansible.builtin.to_json).</summary>
        private static string Strip(string name) =>
            name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name.Substring(16)
            : name.StartsWith("ansible.legacy.", StringComparison.Ordinal) ? name.Substring(15) : name;

        private static void Add(FilterFunction f, params string[] names)
        {
            foreach (var n in names) Registry[n] = f;
        }

        private static string S(object? v) => Ops.Str(v);

        private static void RegisterJinja()
        {
            Add((it, v, a) =>
            {
                var fallback = a.Get(0, "default_value", "");
                return v is Undefined || (a.Bool(1, "boolean", false) && !Ops.Truthy(v)) ? fallback : v;
            }, "default", "d");
            Add((it, v, a) => Abs(v), "abs");
            Add((it, v, a) =>
            {
                var name = a.Str(0, "name", "");
                if (v is IAttributeSource source && source.TryGetAttribute(name, out var value)) return value;
                return Methods.TryBind(v, name, out var method) ? method : new Undefined("'" + Ops.ObjectDescription(v) + "' has no attribute '" + name + "'", name);
            }, "attr");
            Add((it, v, a) => Batch(v, (int)a.Int(0, "linecount", 1), a.Has(1, "fill_with"), a.Get(1, "fill_with")), "batch");
            Add((it, v, a) => { var s = S(v); return s.Length == 0 ? s : s.Substring(0, 1).ToUpperInvariant() + s.Substring(1).ToLowerInvariant(); }, "capitalize");
            Add((it, v, a) => Methods.Pad(S(v), (int)a.Int(0, "width", 80), ' ', 0), "center");
            Add((it, v, a) => (long)Ops.Length(v), "length", "count");
            Add((it, v, a) => DictSort(v, a), "dictsort");
            Add((it, v, a) => Escape(S(v)), "escape", "e", "forceescape");
            Add((it, v, a) => FileSizeFormat(v, a.Bool(0, "binary", false)), "filesizeformat");
            Add((it, v, a) => { foreach (var x in Ops.Iterate(v)) return x; return new Undefined("No first item, sequence was empty.", null); }, "first");
            Add((it, v, a) => { var l = Ops.ToList(v); return l.Count > 0 ? l[l.Count - 1] : new Undefined("No last item, sequence was empty.", null); }, "last");
            Add((it, v, a) => ToFloat(v, a.Get(0, "default", 0.0)), "float");
            Add((it, v, a) => ToInt(v, a.Get(0, "default", 0L), (int)a.Int(1, "base", 10)), "int");
            Add((it, v, a) =>
            {
                if (a.Positional.Count > 0 && a.Keywords.Count > 0) throw new TemplateError("can't handle positional and keyword arguments at the same time");
                return PyFormat.Percent(S(v), a.Keywords.Count > 0 ? new PyDict(a.Keywords.Select(k => new KeyValuePair<object, object?>(k.Key, k.Value))) : (object)new PyTuple(a.Positional));
            }, "format");
            Add((it, v, a) => GroupBy(it, v, a), "groupby");
            Add((it, v, a) => Indent(v as string ?? throw new TemplateError(v is IList<object?> ? "'list' object has no attribute 'splitlines'" : "unsupported operand type(s) for +=: '" + Ops.TypeName(v) + "' and 'str'"), a.Get(0, "width", 4L), a.Bool(1, "first", false), a.Bool(2, "blank", false)), "indent");
            Add((it, v, a) =>
            {
                if (!(Ops.Check(v) is IDictionary<object, object?> d)) throw new TemplateError("Can only get item pairs from a mapping.");
                return d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value })).ToList();
            }, "items");
            Add((it, v, a) =>
            {
                var items = Ops.Iterate(v);
                if (a.Has(1, "attribute")) items = items.Select(AttributeGetter(a.Get(1, "attribute"), null));
                return string.Join(a.Str(0, "d", ""), items.Select(S));
            }, "join");
            Add((it, v, a) => Ops.ToList(v), "list");
            Add((it, v, a) => S(v).ToLowerInvariant(), "lower");
            Add((it, v, a) => S(v).ToUpperInvariant(), "upper");
            Add((it, v, a) => Map(it, v, a), "map");
            Add((it, v, a) => MinMax(v, a, false), "min");
            Add((it, v, a) => MinMax(v, a, true), "max");
            Add((it, v, a) => PyPrettyPrint.Format(Ops.Check(v)), "pprint");
            Add((it, v, a) => Select(it, v, a, true, false), "select");
            Add((it, v, a) => Select(it, v, a, false, false), "reject");
            Add((it, v, a) => Select(it, v, a, true, true), "selectattr");
            Add((it, v, a) => Select(it, v, a, false, true), "rejectattr");
            Add((it, v, a) =>
            {
                var count = a.Get(2, "count");
                return Methods.Replace(S(v), S(a.Required(0, "old")), S(a.Required(1, "new")), count == null ? -1 : (int)a.Int(2, "count", -1));
            }, "replace");
            Add((it, v, a) =>
            {
                if (v is string s) return string.Concat(Ops.Chars(s).Reverse().Cast<string>());
                var l = Ops.ToList(v);
                l.Reverse();
                return l;
            }, "reverse");
            Add((it, v, a) => Round(v, (int)a.Int(0, "precision", 0), a.Str(1, "method", "common")), "round");
            Add((it, v, a) => v is string ? v : S(v), "safe");
            Add((it, v, a) => SliceFilter(v, (int)a.Int(0, "slices", 1), a.Has(1, "fill_with"), a.Get(1, "fill_with")), "slice");
            Add((it, v, a) => SortValues(Ops.ToList(v), a.Bool(0, "reverse", false), a.Bool(1, "case_sensitive", false), a.Get(2, "attribute")), "sort");
            Add((it, v, a) => S(v), "string");
            Add((it, v, a) => StripTags(S(v)), "striptags");
            Add((it, v, a) => Sum(v, a), "sum");
            Add((it, v, a) => JinjaTitle(S(v)), "title");
            Add((it, v, a) => Methods.Strip(S(v), a.Get(0, "chars") as string, true, true), "trim");
            Add((it, v, a) => Truncate(v, (int)a.Int(0, "length", 255), a.Bool(1, "killwords", false), a.Str(2, "end", "..."), a.Get(3, "leeway")), "truncate");
            Add((it, v, a) => Unique(Ops.Iterate(v), a.Bool(0, "case_sensitive", false), a.Get(1, "attribute")), "unique");
            Add((it, v, a) => UrlEncode(v), "urlencode");
            Add((it, v, a) => (long)Regex.Matches(S(v), @"\w+").Count, "wordcount");
            Add((it, v, a) => WordWrap(v as string ?? throw new TemplateError("'" + Ops.TypeName(v) + "' object has no attribute 'splitlines'"),
                (int)a.Int(0, "width", 79), a.Bool(1, "break_long_words", true), a.Bool(4, "break_on_hyphens", true), a.Get(2, "wrapstring") as string ?? it.Context.Environment.Options.NewlineSequence), "wordwrap");
            Add((it, v, a) => TemplateToJson(v, a.Get(0, "indent")), "tojson");
        }

        // ---- helpers shared by several filters ----

        private static object Abs(object? v) => Ops.Check(v) switch
        {
            bool b => b ? 1L : 0L,
            long l => l == long.MinValue ? (object)BigInteger.Abs(l) : Math.Abs(l),
            BigInteger big => PyNumber.Normalize(BigInteger.Abs(big)),
            double d => Math.Abs(d),
            _ => throw new TemplateError("bad operand type for abs(): '" + Ops.TypeName(v) + "'"),
        };

        /// <summary>Jinja's make_attrgetter: "a.b.0" walks attributes/items; integers in the path index.</summary>
        public static Func<object?, object?> AttributeGetter(object? attribute, object? fallback, bool lowerStrings = false)
        {
            var parts = attribute is string s ? s.Split('.').Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n : p).ToList()
                : new List<object> { attribute! };
            return item =>
            {
                var current = item;
                foreach (var part in parts)
                {
                    current = Ops.GetItem(current, part);
                    if (current is Undefined && fallback != null) { current = fallback; break; }
                }
                if (lowerStrings && current is string str) return str.ToLowerInvariant();
                return current;
            };
        }

        private static object? IgnoreCase(object? v) => v is string s ? s.ToLowerInvariant() : v;

        private static List<object?> Batch(object? v, int size, bool fill, object? fillWith)
        {
            if (size <= 0) throw new TemplateError("batch size must be positive");
            var result = new List<object?>();
            var current = new List<object?>();
            foreach (var item in Ops.Iterate(v))
            {
                if (current.Count == size) { result.Add(current); current = new List<object?>(); }
                current.Add(item);
            }
            if (current.Count > 0)
            {
                if (fill) while (current.Count < size) current.Add(fillWith);
                result.Add(current);
            }
            return result;
        }

        private static List<object?> SliceFilter(object? v, int slices, bool fill, object? fillWith)
        {
            var seq = Ops.ToList(v);
            var length = seq.Count;
            var perSlice = length / slices;
            var withExtra = length % slices;
            var offset = 0;
            var result = new List<object?>();
            for (var i = 0; i < slices; i++)
            {
                var start = offset + i * perSlice;
                if (i < withExtra) offset++;
                var end = offset + (i + 1) * perSlice;
                var part = seq.Skip(start).Take(end - start).ToList();
                if (fill && i >= withExtra) part.Add(fillWith);
                result.Add(part);
            }
            return result;
        }

        private static List<object?> DictSort(object? v, CallArgs a)
        {
            if (!(Ops.Check(v) is IDictionary<object, object?> d)) throw new TemplateError("You can only sort by either \"key\" or \"value\"");
            var caseSensitive = a.Bool(0, "case_sensitive", false);
            var by = a.Str(1, "by", "key");
            var reverse = a.Bool(2, "reverse", false);
            if (by != "key" && by != "value") throw new TemplateError("You can only sort by either \"key\" or \"value\"");
            var items = d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value })).ToList();
            return SortBy(items, x => { var t = (PyTuple)x!; var k = by == "key" ? t[0] : t[1]; return caseSensitive ? k : IgnoreCase(k); }, reverse);
        }

        /// <summary>Python's stable sorted(); reverse keeps equal items in their original order, like Python.</summary>
        public static List<object?> SortBy(List<object?> items, Func<object?, object?> key, bool reverse)
        {
            var keyed = items.Select((item, index) => (Item: item, Key: key(item), Index: index)).ToList();
            keyed.Sort((x, y) =>
            {
                var c = Ops.Compare(x.Key, y.Key, "<");
                if (reverse) c = -c;
                return c != 0 ? c : x.Index.CompareTo(y.Index);
            });
            return keyed.Select(k => k.Item).ToList();
        }

        public static List<object?> SortValues(List<object?> items, bool reverse, bool caseSensitive, object? attribute)
        {
            var getter = attribute == null ? (Func<object?, object?>)(x => x) : AttributeGetter(attribute, null);
            if (attribute is string attrs && attrs.Contains(','))
            {
                var getters = attrs.Split(',').Select(p => AttributeGetter(p.Trim(), null)).ToList();
                getter = x => new PyTuple(getters.Select(g => g(x)));
            }
            return SortBy(items, x =>
            {
                var k = getter(x);
                if (!caseSensitive) k = k is PyTuple t ? new PyTuple(t.Select(IgnoreCase)) : IgnoreCase(k);
                return k;
            }, reverse);
        }

        private static object? MinMax(object? v, CallArgs a, bool max)
        {
            var items = Ops.ToList(v);
            if (items.Count == 0) return new Undefined("No aggregated item, sequence was empty.", null);
            var caseSensitive = a.Bool(0, "case_sensitive", false);
            var attribute = a.Get(1, "attribute");
            var getter = attribute == null ? (Func<object?, object?>)(x => x) : AttributeGetter(attribute, null);
            object? best = items[0];
            var bestKey = caseSensitive ? getter(best) : IgnoreCase(getter(best));
            foreach (var item in items.Skip(1))
            {
                var k = caseSensitive ? getter(item) : IgnoreCase(getter(item));
                var c = Ops.Compare(k, bestKey, max ? ">" : "<");
                if (max ? c > 0 : c < 0) { best = item; bestKey = k; }
            }
            return best;
        }

        public static List<object?> Unique(IEnumerable<object?> items, bool caseSensitive, object? attribute)
        {
            var getter = attribute == null ? (Func<object?, object?>)(x => x) : AttributeGetter(attribute, null);
            var seen = new List<object?>();
            var result = new List<object?>();
            foreach (var item in items)
            {
                var key = getter(item);
                if (!caseSensitive) key = IgnoreCase(key);
                if (seen.Any(s => PyEquality.AreEqual(s, key))) continue;
                seen.Add(key);
                result.Add(item);
            }
            return result;
        }

        private static object Sum(object? v, CallArgs a)
        {
            var attribute = a.Get(0, "attribute");
            object? total = a.Get(1, "start", 0L);
            var getter = attribute == null ? (Func<object?, object?>)(x => x) : AttributeGetter(attribute, null);
            foreach (var item in Ops.Iterate(v)) total = Ops.Binary("+", total, getter(item));
            return total!;
        }

        private static List<object?> Map(Interpreter it, object? v, CallArgs a)
        {
            var items = Ops.Truthy(v) ? Ops.ToList(v) : new List<object?>();
            if (a.Positional.Count == 0 && a.Keywords.Any(k => k.Key == "attribute"))
            {
                var getter = AttributeGetter(a.Get(-1, "attribute"), a.Get(-1, "default"));
                return items.Select(getter).ToList();
            }
            if (a.Positional.Count == 0) return items;
            var name = S(a.Positional[0]);
            var rest = new CallArgs(name, a.Positional.Skip(1).ToList(), a.Keywords);
            return items.Select(x => it.CallFilter(name, x, rest)).ToList();
        }

        private static List<object?> Select(Interpreter it, object? v, CallArgs a, bool keep, bool byAttribute)
        {
            var items = Ops.Truthy(v) ? Ops.ToList(v) : new List<object?>();
            Func<object?, object?> getter = x => x;
            var offset = 0;
            if (byAttribute)
            {
                getter = AttributeGetter(a.Required(0, "attribute"), null);
                offset = 1;
            }
            Func<object?, bool> predicate;
            if (a.Positional.Count > offset)
            {
                var name = S(a.Positional[offset]);
                var rest = new CallArgs(name, a.Positional.Skip(offset + 1).ToList(), a.Keywords);
                predicate = x => it.CallTest(name, x, rest);
            }
            else predicate = x => Ops.Truthy(x);
            return items.Where(x => predicate(getter(x)) == keep).ToList();
        }

        private static List<object?> GroupBy(Interpreter it, object? v, CallArgs a)
        {
            var attribute = a.Required(0, "attribute");
            var fallback = a.Get(1, "default");
            var caseSensitive = a.Bool(2, "case_sensitive", false);
            var getter = AttributeGetter(attribute, fallback);
            Func<object?, object?> key = x => caseSensitive ? getter(x) : IgnoreCase(getter(x));
            var sorted = SortBy(Ops.ToList(v), key, false);
            var result = new List<object?>();
            List<object?>? group = null;
            object? groupKey = null;
            foreach (var item in sorted)
            {
                var k = key(item);
                if (group == null || !PyEquality.AreEqual(k, groupKey))
                {
                    group = new List<object?>();
                    groupKey = k;
                    result.Add(group);
                }
                group.Add(item);
            }
            return result.Select(g => (object?)GroupTuples.Create(getter(((List<object?>)g!)[0]), (List<object?>)g!)).ToList();
        }

        private static string Escape(string s) =>
            s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;");

        private static string FileSizeFormat(object? v, bool binary)
        {
            var bytes = ToDouble(v);
            var unitBase = binary ? 1024.0 : 1000.0;
            string[] prefixes = binary ? new[] { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" } : new[] { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
            if (bytes == 1) return "1 Byte";
            if (bytes < unitBase) return ((long)bytes).ToString(CultureInfo.InvariantCulture) + " Bytes";
            double unit = 0;
            for (var i = 0; i < prefixes.Length; i++)
            {
                unit = Math.Pow(unitBase, i + 2);
                if (bytes < unit) return PyFormat.FormatFloat(unitBase * bytes / unit, 'f', 1, false, '-') + " " + prefixes[i];
            }
            return PyFormat.FormatFloat(unitBase * bytes / unit, 'f', 1, false, '-') + " " + prefixes[prefixes.Length - 1];
        }

        private static double ToDouble(object? v)
        {
            if (PyNumber.TryAsDouble(Ops.Check(v), out var d)) return d;
            if (v is string s && TryParseFloat(s, out d)) return d;
            throw new TemplateError("could not convert " + Ops.TypeName(v) + " to float: " + PyRepr.Repr(v));
        }

        /// <summary>Python float(str): surrounding whitespace, underscores between digits, inf/nan spellings.</summary>
        public static bool TryParseFloat(string s, out double d)
        {
            var t = s.Trim();
            var lower = t.ToLowerInvariant().TrimStart('+', '-');
            var negative = t.StartsWith("-");
            if (lower == "inf" || lower == "infinity") { d = negative ? double.NegativeInfinity : double.PositiveInfinity; return t.Length - lower.Length <= 1; }
            if (lower == "nan") { d = double.NaN; return t.Length - lower.Length <= 1; }
            d = 0;
            if (t.Length == 0 || t.Contains("__") || t.StartsWith("_") || t.EndsWith("_") || !Regex.IsMatch(t, @"^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d[\d_]*)?$")) return false;
            return double.TryParse(t.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out d);
        }

        private static object? ToFloat(object? v, object? fallback)
        {
            switch (Ops.Check(v))
            {
                case double d: return d;
                case string s: return TryParseFloat(s, out var parsed) ? parsed : fallback;
                default: return PyNumber.TryAsDouble(v, out var n) ? n : fallback;
            }
        }

        private static object? ToInt(object? v, object? fallback, int radix)
        {
            switch (Ops.Check(v))
            {
                case bool b: return b ? 1L : 0L;
                case long _: case BigInteger _: return v;
                case double d: return double.IsNaN(d) || double.IsInfinity(d) ? fallback : PyNumber.Normalize(new BigInteger(Math.Truncate(d)));
                case string s:
                    if (TryParseInt(s, radix, out var parsed)) return parsed;
                    return TryParseFloat(s, out var f) && !double.IsNaN(f) && !double.IsInfinity(f) ? PyNumber.Normalize(new BigInteger(Math.Truncate(f))) : fallback;
                default: return fallback;
            }
        }

        /// <summary>Python int(str, base) for bases 2..36 (and the 0x/0o/0b prefixes matching the base).</summary>
        public static bool TryParseInt(string s, int radix, out object value)
        {
            value = 0L;
            if (radix < 2 || radix > 36) return false;
            var t = s.Trim();
            var negative = false;
            if (t.StartsWith("+") || t.StartsWith("-")) { negative = t[0] == '-'; t = t.Substring(1); }
            if (t.Length > 2 && t[0] == '0')
            {
                var p = char.ToLowerInvariant(t[1]);
                if ((p == 'x' && radix == 16) || (p == 'o' && radix == 8) || (p == 'b' && radix == 2)) t = t.Substring(2).TrimStart('_');
            }
            if (t.Length == 0 || t.StartsWith("_") || t.EndsWith("_") || t.Contains("__")) return false;
            var result = BigInteger.Zero;
            foreach (var c in t)
            {
                if (c == '_') continue;
                var digit = char.IsDigit(c) ? c - '0' : char.IsLetter(c) && c < 128 ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                if (digit >= radix) return false;
                result = result * radix + digit;
            }
            value = PyNumber.Normalize(negative ? -result : result);
            return true;
        }

        private static string Indent(string s, object? width, bool first, bool blank)
        {
            var indention = width is string w ? w : new string(' ', (int)BigInteger.Max(0, BigInteger.Min(PyNumber.ToBig(Ops.Check(width) ?? 0L), 10000)));
            s += "\n";
            var lines = Methods.SplitLines(s, false).Cast<string>().ToList();
            string rv;
            if (blank) rv = string.Join("\n" + indention, lines);
            else
            {
                rv = lines[0];
                if (lines.Count > 1) rv += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indention + l : l));
            }
            return first ? indention + rv : rv;
        }

        private static object Round(object? v, int precision, string method)
        {
            if (method != "common" && method != "ceil" && method != "floor") throw new TemplateError("method must be common, ceil or floor");
            if (!PyNumber.IsNumber(Ops.Check(v))) throw new TemplateError("must be real number, not " + Ops.TypeName(v));
            if (method == "common" && !(v is double))
            {
                // round() of an int returns an int; a negative precision rounds half to even.
                var big = PyNumber.ToBig(v!);
                if (precision >= 0) return PyNumber.Normalize(big);
                var unit = BigInteger.Pow(10, -precision);
                var q = BigInteger.DivRem(big, unit, out var r);
                if (r.Sign < 0) { q -= 1; r += unit; }
                if (r * 2 > unit || (r * 2 == unit && !q.IsEven)) q += 1;
                return PyNumber.Normalize(q * unit);
            }
            var d = ToDouble(v);
            if (method == "common") return PyFormat.Round(d, precision);
            var scale = Math.Pow(10, precision);
            return (method == "ceil" ? Math.Ceiling(d * scale) : Math.Floor(d * scale)) / scale;
        }

        private static string StripTags(string s)
        {
            var stripped = Regex.Replace(s, @"(<!--.*?-->|<[^>]*>)", "", RegexOptions.Singleline);
            stripped = string.Join(" ", Methods.Split(stripped, null, -1).Cast<string>());
            return System.Net.WebUtility.HtmlDecode(stripped);
        }

        private static string JinjaTitle(string s)
        {
            var parts = Regex.Split(s, @"([-\s\(\{\[\<]+)");
            return string.Concat(parts.Where(p => p.Length > 0).Select(p => p.Substring(0, 1).ToUpperInvariant() + p.Substring(1).ToLowerInvariant()));
        }

        private static object? Truncate(object? value, int length, bool killwords, string end, object? leeway)
        {
            var lw = leeway == null ? 5 : (int)PyNumber.ToBig(Ops.Check(leeway)!);
            if (length < end.Length) throw new TemplateError("expected length >= " + end.Length + ", got " + length);
            if (lw < 0) throw new TemplateError("expected leeway >= 0, got " + lw);
            if (Ops.Length(value) <= length + lw) return value;
            if (!(value is string s)) throw new TemplateError("unsupported operand type(s) for +: '" + Ops.TypeName(value) + "' and 'str'");
            if (killwords) return s.Substring(0, length - end.Length) + end;
            var head = s.Substring(0, length - end.Length);
            var space = head.LastIndexOf(' ');
            return (space >= 0 ? head.Substring(0, space) : head) + end;
        }

        private static string UrlQuote(string s, bool forQuery)
        {
            var sb = new StringBuilder();
            foreach (var b in new UTF8Encoding(false).GetBytes(s))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~' || (!forQuery && c == '/')) sb.Append(c);
                else if (forQuery && c == ' ') sb.Append('+');
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        private static string UrlEncode(object? v)
        {
            if (v is string s) return UrlQuote(s, false);
            if (!(v is System.Collections.IEnumerable)) return UrlQuote(S(v), false);
            IEnumerable<object?> pairs = Ops.Check(v) is IDictionary<object, object?> d ? d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value })) : Ops.Iterate(v);
            return string.Join("&", pairs.Select(p =>
            {
                var l = Ops.ToList(p);
                if (l.Count != 2) throw new TemplateError(l.Count > 2 ? "too many values to unpack (expected 2)" : "not enough values to unpack (expected 2, got " + l.Count + ")");
                return UrlQuote(S(l[0]), true) + "=" + UrlQuote(S(l[1]), true);
            }));
        }

        // Python textwrap's chunking: whitespace runs, em-dashes, and words split after hyphens.
        private const string WrapSpace = @"[\t\n\x0b\x0c\r ]";
        private const string WrapLetter = @"[^\d\W]";
        private const string WrapPunct = @"[\w!""'&.,?]";
        private static readonly Regex WordSeparator = new Regex(
            "(" + WrapSpace + "+|(?<=" + WrapPunct + ")-{2,}(?=\\w)|[^\\t\\n\\x0b\\x0c\\r ]+?(?:-(?:(?<=" + WrapLetter + "{2}-)|(?<=" + WrapLetter + "-" + WrapLetter + "-))(?=" + WrapLetter + "-?" + WrapLetter + ")|(?=" + WrapSpace + "|\\z)|(?<=" + WrapPunct + ")(?=-{2,}\\w)))");
        private static readonly Regex SimpleSeparator = new Regex("(" + WrapSpace + "+)");

        /// <summary>Jinja's wordwrap: textwrap.wrap of each line (tabs and whitespace kept), joined with the wrap string.</summary>
        private static string WordWrap(string s, int width, bool breakLong, bool breakOnHyphens, string wrap)
        {
            if (width <= 0) throw new TemplateError("invalid width " + width + " (must be > 0)");
            return string.Join(wrap, Methods.SplitLines(s, false).Cast<string>().Select(line => string.Join(wrap, Wrap(line, width, breakLong, breakOnHyphens))));
        }

        private static bool IsBlank(string chunk) => chunk.Trim().Length == 0;

        private static List<string> Wrap(string text, int width, bool breakLong, bool breakOnHyphens)
        {
            var chunks = (breakOnHyphens ? WordSeparator : SimpleSeparator).Split(text).Where(c => c.Length > 0).ToList();
            chunks.Reverse();
            var lines = new List<string>();
            while (chunks.Count > 0)
            {
                var line = new List<string>();
                var length = 0;
                if (IsBlank(chunks[chunks.Count - 1]) && lines.Count > 0) chunks.RemoveAt(chunks.Count - 1);
                while (chunks.Count > 0)
                {
                    var l = chunks[chunks.Count - 1].Length;
                    if (length + l > width) break;
                    line.Add(chunks[chunks.Count - 1]);
                    chunks.RemoveAt(chunks.Count - 1);
                    length += l;
                }
                if (chunks.Count > 0 && chunks[chunks.Count - 1].Length > width)
                {
                    var spaceLeft = width < 1 ? 1 : width - length;
                    if (breakLong)
                    {
                        var chunk = chunks[chunks.Count - 1];
                        var end = spaceLeft;
                        if (breakOnHyphens && chunk.Length > spaceLeft)
                        {
                            var hyphen = spaceLeft > 0 ? chunk.LastIndexOf('-', spaceLeft - 1, spaceLeft) : -1;
                            if (hyphen > 0 && chunk.Substring(0, hyphen).Any(c => c != '-')) end = hyphen + 1;
                        }
                        line.Add(chunk.Substring(0, end));
                        chunks[chunks.Count - 1] = chunk.Substring(end);
                    }
                    else if (line.Count == 0)
                    {
                        line.Add(chunks[chunks.Count - 1]);
                        chunks.RemoveAt(chunks.Count - 1);
                    }
                }
                if (line.Count > 0 && IsBlank(line[line.Count - 1])) line.RemoveAt(line.Count - 1);
                if (line.Count > 0) lines.Add(string.Concat(line));
            }
            return lines;
        }

        private static string TemplateToJson(object? v, object? indent)
        {
            var json = PyJson.Dumps(Ops.Check(v), new PyJsonOptions { SortKeys = true, Indent = indent == null ? (int?)null : (int)PyNumber.ToBig(indent) });
            return json.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026").Replace("'", "\\u0027");
        }
    }

    /// <summary>groupby's (grouper, list) tuples: plain tuples that also answer .grouper and .list.</summary>
    internal static class GroupTuples
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PyTuple, object> Marked = new System.Runtime.CompilerServices.ConditionalWeakTable<PyTuple, object>();

        public static PyTuple Create(object? grouper, List<object?> list)
        {
            var t = new PyTuple(new[] { grouper, list });
            Marked.Add(t, grouper ?? new object());
            return t;
        }

        public static bool TryGetAttribute(PyTuple t, string name, out object? value)
        {
            value = null;
            if (!Marked.TryGetValue(t, out _) || (name != "grouper" && name != "list")) return false;
            value = name == "grouper" ? t[0] : t[1];
            return true;
        }
    }
}
