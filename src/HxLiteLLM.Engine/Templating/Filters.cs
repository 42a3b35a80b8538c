using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    internal delegate object? FilterFunction(Interpreter interpreter, object? value, CallArgs args);

    /// <summary>One filter: the function and every name it answers to (aliases included).</summary>
    internal sealed class FilterDefinition
    {
        public FilterDefinition(FilterFunction function, params string[] names)
        {
            Function = function;
            Names = names;
        }

        public FilterFunction Function { get; }
        public IReadOnlyList<string> Names { get; }
    }

    /// <summary>
    /// The filter registry: Jinja 2 (3.1.2) built-ins and the ones ansible-core 2.14 adds, each family a class with a
    /// table of named functions (StringFilters, ListFilters, ...). Generators come back as lists, as Ansible unrolls them.
    /// </summary>
    internal static class Filters
    {
        /// <summary>Family name and its table, in registration order (a later family's name would win; none overlap).</summary>
        internal static readonly IReadOnlyList<KeyValuePair<string, FilterDefinition[]>> Families = new[]
        {
            new KeyValuePair<string, FilterDefinition[]>("core", CoreFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("strings", StringFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("regex", RegexFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("lists", ListFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("math", MathFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("serialization", SerializationFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("paths", PathFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("encoding", EncodingFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("markup", MarkupFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("random", RandomFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("urls", UrlFilters.Definitions),
            new KeyValuePair<string, FilterDefinition[]>("vault", VaultFilters.Definitions),
        };

        private static readonly Dictionary<string, FilterFunction> Registry = BuildRegistry();
        private static readonly HashSet<string> UndefinedAware = new HashSet<string> { "default", "d", "mandatory", "items" };

        internal static bool TryGet(string name, out FilterFunction filter) => Registry.TryGetValue(Strip(name), out filter!);

        internal static bool AcceptsUndefined(string name) => UndefinedAware.Contains(Strip(name));

        internal static IReadOnlyCollection<string> Names => Registry.Keys;

        private static Dictionary<string, FilterFunction> BuildRegistry()
        {
            var registry = new Dictionary<string, FilterFunction>(StringComparer.Ordinal);
            foreach (var family in Families)
                foreach (var definition in family.Value)
                    foreach (var name in definition.Names) registry.Add(name, definition.Function);
            return registry;
        }

        /// <summary>Ansible accepts fully qualified names (ansible.builtin.to_json).</summary>
        private static string Strip(string name) =>
            name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name.Substring(16)
            : name.StartsWith("ansible.legacy.", StringComparison.Ordinal) ? name.Substring(15) : name;

        // ---- helpers shared by several families ----

        internal static string S(object? v) => Ops.Str(v);

        /// <summary>
        /// A filter whose Python original builds a new plain str from its input (lower, trim, regex_replace...): the input
        /// comes in as a plain str, so a result .NET hands back unchanged is not AnsibleUnicode either.
        /// </summary>
        internal static FilterFunction NewStr(FilterFunction filter) => (it, v, a) => filter(it, v is string s ? StrSubclass.Plain(s) : v, a);

        /// <summary>A filter ansible-core wraps in NativeJinjaText (C.STRING_TYPE_FILTERS), so its result keeps being a string.</summary>
        internal static FilterFunction NativeText(FilterFunction filter) => Marked(filter, StrSubclass.NativeJinjaText);

        /// <summary>A filter whose Python original returns markupsafe's Markup (escape, safe).</summary>
        internal static FilterFunction Markup(FilterFunction filter) => Marked(filter, StrSubclass.Markup);

        private static FilterFunction Marked(FilterFunction filter, string className) => (it, v, a) =>
        {
            var result = filter(it, v, a);
            return result is string s ? StrSubclass.Create(s, className) : result;
        };

        /// <summary>Jinja's make_attrgetter: "a.b.0" walks attributes/items; integers in the path index.</summary>
        internal static Func<object?, object?> AttributeGetter(object? attribute, object? fallback, bool lowerStrings = false)
        {
            var parts = attribute is string s
                ? s.Split('.').Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n : p).ToList()
                : new List<object> { attribute! };
            return item =>
            {
                var current = item;
                foreach (var part in parts)
                {
                    current = Ops.GetItem(current, part);
                    if (current is Undefined && fallback != null) { current = fallback; break; }
                }
                if (lowerStrings && current is string str) return PyCase.Lower(str);
                return current;
            };
        }

        internal static object? IgnoreCase(object? v) => v is string s ? PyCase.Lower(s) : v;

        /// <summary>Python's sorted(key=, reverse=) over <c>&lt;</c> (see <see cref="PySort"/>).</summary>
        internal static List<object?> SortBy(List<object?> items, Func<object?, object?> key, bool reverse)
        {
            var keyed = items.Select(item => (Item: item, Key: key(item))).ToArray();
            PySort.Sort(keyed, (x, y) => Ops.Compare(x.Key, y.Key, "<") < 0, reverse);
            return keyed.Select(k => k.Item).ToList();
        }

        internal static List<object?> SortValues(List<object?> items, bool reverse, bool caseSensitive, object? attribute)
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

        internal static List<object?> Unique(IEnumerable<object?> items, bool caseSensitive, object? attribute)
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

        internal static double ToDouble(object? v)
        {
            if (PyNumber.TryAsDouble(Ops.Check(v), out var d)) return d;
            if (v is string s && TryParseFloat(s, out d)) return d;
            throw new TemplateError("could not convert " + Ops.TypeName(v) + " to float: " + PyRepr.Repr(v));
        }

        /// <summary>Python float(str): surrounding whitespace, underscores between digits, inf/nan spellings.</summary>
        internal static bool TryParseFloat(string s, out double d)
        {
            var t = s.Trim();
            var lower = t.ToLowerInvariant().TrimStart('+', '-');
            var negative = t.StartsWith("-");
            if (lower == "inf" || lower == "infinity") { d = negative ? double.NegativeInfinity
                : double.PositiveInfinity; return t.Length - lower.Length <= 1; }
            if (lower == "nan") { d = double.NaN; return t.Length - lower.Length <= 1; }
            d = 0;
            if (!PythonFloatText.IsMatch(t)) return false;
            return double.TryParse(t.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out d);
        }

        /// <summary>Python's float literal: one underscore at a time, and only between two digits.</summary>
        private static readonly Regex PythonFloatText = new Regex(@"^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$", RegexOptions.CultureInvariant);

        internal static object? ToFloat(object? v, object? fallback)
        {
            switch (Ops.Check(v))
            {
                case double d: return d;
                case string s: return TryParseFloat(s, out var parsed) ? parsed : fallback;
                default: return PyNumber.TryAsDouble(v, out var n) ? n : fallback;
            }
        }

        internal static object? ToInt(object? v, object? fallback, int radix)
        {
            switch (Ops.Check(v))
            {
                case bool b: return b ? 1L : 0L;
                case long _: case BigInteger _: return v;
                case double d: return double.IsNaN(d) ? fallback : Truncate(d);
                case string s:
                    if (TryParseInt(s, radix, out var parsed)) return parsed;
                    return TryParseFloat(s, out var f) && !double.IsNaN(f) ? Truncate(f) : fallback;
                default: return fallback;
            }
        }

        /// <summary>Python int(float): an infinity is OverflowError, which Jinja's int filter does not catch.</summary>
        private static object Truncate(double d) =>
            double.IsInfinity(d) ? throw new TemplateError("cannot convert float infinity to integer") : PyNumber.Normalize(new BigInteger(Math.Truncate(d)));

        /// <summary>Python int(str, base) for bases 2..36 (and the 0x/0o/0b prefixes matching the base).</summary>
        internal static bool TryParseInt(string s, int radix, out object value)
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

        internal static long? OptionalInt(CallArgs a, int index, string name) => a.Get(index, name) == null ? (long?)null : a.Int(index, name, 0);

        internal static TemplateError NoAttribute(object? v, string name)
            => new TemplateError("'" + Ops.TypeName(v) + "' object has no attribute '" + name + "'");

        internal static string PathArg(object? v) => v as string
            ?? throw new TemplateError("expected str, bytes or os.PathLike object, not " + Ops.TypeName(v));
    }
}
