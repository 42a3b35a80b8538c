using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    internal delegate bool TestFunction(object? value, CallArgs args);

    /// <summary>Jinja's built-in tests and the ones ansible-core adds (core.py, mathstuff.py).</summary>
    internal static class Tests
    {
        private static readonly Dictionary<string, TestFunction> Registry = new Dictionary<string, TestFunction>(StringComparer.Ordinal);

        static Tests()
        {
            Add((v, a) => !(v is Undefined), "defined");
            Add((v, a) => v is Undefined, "undefined");
            Add((v, a) => v == null, "none");
            Add((v, a) => v is bool, "boolean");
            Add((v, a) => v is bool b && b, "true");
            Add((v, a) => v is bool b && !b, "false");
            Add((v, a) => v is string, "string");
            Add((v, a) => PyNumber.IsNumber(v), "number");
            Add((v, a) => v is long || v is int || v is BigInteger, "integer");
            Add((v, a) => v is double, "float");
            Add((v, a) => v is IDictionary<object, object?>, "mapping");
            Add((v, a) => v is ICallable || v is Undefined, "callable");
            Add((v, a) => v is string || v is IDictionary<object, object?> || v is IList<object?> || v is IReadOnlyList<object?>, "sequence");
            Add((v, a) => Ops.Check(v) is string || v is System.Collections.IEnumerable, "iterable");
            Add((v, a) => PyCase.IsLower(Ops.Str(v)), "lower");
            Add((v, a) => PyCase.IsUpper(Ops.Str(v)), "upper");
            Add((v, a) => Ops.Equal(Ops.Binary("%", v, 2L), 0L), "even");
            Add((v, a) => Ops.Equal(Ops.Binary("%", v, 2L), 1L), "odd");
            Add((v, a) => Ops.Equal(Ops.Binary("%", v, a.Required(0, "num")), 0L), "divisibleby");
            Add((v, a) => Ops.Equal(v, a.Required(0, "other")), "eq", "==", "equalto");
            Add((v, a) => !Ops.Equal(v, a.Required(0, "other")), "ne", "!=");
            Add((v, a) => Ops.Compare(v, a.Required(0, "other"), "<") < 0, "lt", "<", "lessthan");
            Add((v, a) => Ops.Compare(v, a.Required(0, "other"), "<=") <= 0, "le", "<=");
            Add((v, a) => Ops.Compare(v, a.Required(0, "other"), ">") > 0, "gt", ">", "greaterthan");
            Add((v, a) => Ops.Compare(v, a.Required(0, "other"), ">=") >= 0, "ge", ">=");
            Add((v, a) => Ops.Contains(a.Required(0, "seq"), v), "in");
            Add((v, a) => Ops.Contains(v, a.Required(0, "value")), "contains");
            Add((v, a) => SameAs(v, a.Required(0, "other")), "sameas");
            Add((v, a) => false, "escaped");
            Add((v, a) => Filters.TryGet(Ops.Str(v), out _), "filter");
            Add((v, a) => TryGet(Ops.Str(v), out _), "test");
            Add((v, a) => RegexTest(v, a, "match"), "match");
            Add((v, a) => RegexTest(v, a, "search"), "search");
            Add((v, a) => RegexTest(v, a, a.Str(3, "match_type", "search")), "regex");
            Add((v, a) => Version.Test(v, a), "version", "version_compare");
            Add((v, a) => Truthy(v, a), "truthy");
            Add((v, a) => !Truthy(v, a), "falsy");
            Add((v, a) => Ops.Iterate(v).Any(Ops.Truthy), "any");
            Add((v, a) => Ops.Iterate(v).All(Ops.Truthy), "all");
            Add((v, a) => { var b = Ops.ToList(a.Required(0, "b")); return Ops.Iterate(v).All(x => b.Any(y => PyEquality.AreEqual(x, y))); }, "subset", "issubset");
            Add((v, a) => { var l = Ops.ToList(v); return Ops.Iterate(a.Required(0, "b")).All(x => l.Any(y => PyEquality.AreEqual(x, y))); }, "superset", "issuperset");
            Add((v, a) => v is double d && double.IsNaN(d), "nan", "isnan");
        }

        private static void Add(TestFunction f, params string[] names)
        {
            foreach (var n in names) Registry[n] = f;
        }

        public static bool TryGet(string name, out TestFunction test)
        {
            var key = name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name.Substring(16) : name;
            return Registry.TryGetValue(key, out test!);
        }

        public static IReadOnlyCollection<string> Names => Registry.Keys;

        private static bool SameAs(object? a, object? b)
        {
            if (a == null || b == null) return a == null && b == null;
            if (a is bool || a is long || a is string) return a.GetType() == b.GetType() && a.Equals(b);
            return ReferenceEquals(a, b);
        }

        private static bool RegexTest(object? v, CallArgs a, string matchType)
        {
            var regex = PyRegex.Compile(a.Str(0, "pattern", ""), a.Bool(1, "ignorecase", false), a.Bool(2, "multiline", false)).Regex;
            var text = Ops.Str(v);
            return PyRegex.Run(() => matchType == "match" ? MatchAtStart(regex, text) : regex.Match(text).Success);
        }

        /// <summary>Python's re.match: the pattern anchored at position 0 (not the first match found).</summary>
        private static bool MatchAtStart(Regex regex, string text)
        {
            var m = regex.Match(text);
            return m.Success && m.Index == 0 || new Regex(@"\G(?:" + regex + ")", regex.Options, TimeSpan.FromSeconds(2)).Match(text, 0).Success;
        }

        /// <summary>
        /// Ansible's truthy: with convert_bool, a string Ansible reads as a boolean (yes/on/1/true/y/t, no/off/0/false/n/f)
        /// is that boolean; anything else falls back to Python's truth ('abc' is true, '' is false).
        /// </summary>
        private static bool Truthy(object? v, CallArgs a)
        {
            if (a.Bool(0, "convert_bool", false) && v is string s)
            {
                switch (PyCase.Lower(s).Trim())
                {
                    case "y": case "yes": case "on": case "1": case "true": case "t": return true;
                    case "n": case "no": case "off": case "0": case "false": case "f": return false;
                }
            }
            return Ops.Truthy(v);
        }
    }

    /// <summary>The version test: loose (distutils LooseVersion), strict and semver comparisons.</summary>
    internal static class Version
    {
        public static bool Test(object? value, CallArgs a)
        {
            var version = Ops.Str(value);
            var other = Ops.Str(a.Required(0, "version"));
            var op = a.Str(1, "operator", "eq");
            var strict = a.Bool(2, "strict", false);
            var type = a.Get(3, "version_type") as string ?? (strict ? "strict" : "loose");
            int cmp;
            switch (type)
            {
                case "loose": cmp = CompareParts(Loose(version), Loose(other)); break;
                case "strict": cmp = CompareParts(Strict(version), Strict(other)); break;
                case "semver":
                case "semantic": cmp = CompareSemver(version, other); break;
                default: throw new TemplateError("Invalid version type (" + type + "). Must be one of loose, strict, semver, semantic");
            }
            switch (op)
            {
                case "<": case "lt": return cmp < 0;
                case "<=": case "le": return cmp <= 0;
                case ">": case "gt": return cmp > 0;
                case ">=": case "ge": return cmp >= 0;
                case "==": case "=": case "eq": return cmp == 0;
                case "!=": case "<>": case "ne": return cmp != 0;
                default: throw new TemplateError("Invalid operator type (" + op + ")");
            }
        }

        private static List<object> Loose(string v) =>
            Regex.Split(v, @"(\d+|[a-z]+|\.)").Where(x => x.Length > 0 && x != ".")
                .Select(x => long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n : x).ToList();

        private static List<object> Strict(string v)
        {
            var m = Regex.Match(v, @"^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?$");
            if (!m.Success) throw new TemplateError("Version comparison failed: invalid version number '" + v + "'");
            var parts = new List<object> { long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[4].Success ? long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 0L };
            // A release sorts after its pre-releases.
            parts.Add(m.Groups[5].Success ? m.Groups[5].Value.Substring(0, 1) : "z");
            parts.Add(m.Groups[6].Success ? long.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : 0L);
            return parts;
        }

        private static int CompareParts(List<object> a, List<object> b)
        {
            for (var i = 0; i < a.Count && i < b.Count; i++)
            {
                if (a[i] is long x && b[i] is long y) { if (x != y) return x.CompareTo(y); continue; }
                if (a[i] is string s && b[i] is string t) { var c = string.CompareOrdinal(s, t); if (c != 0) return c; continue; }
                throw new TemplateError("Version comparison failed: '<' not supported between instances of '" + (a[i] is long ? "int" : "str") + "' and '" + (b[i] is long ? "int" : "str") + "'");
            }
            return a.Count.CompareTo(b.Count);
        }

        private static int CompareSemver(string a, string b)
        {
            var pa = ParseSemver(a);
            var pb = ParseSemver(b);
            for (var i = 0; i < 3; i++) if (pa.Core[i] != pb.Core[i]) return pa.Core[i].CompareTo(pb.Core[i]);
            if (pa.Pre.Length == 0 || pb.Pre.Length == 0) return (pa.Pre.Length == 0 ? 1 : 0) - (pb.Pre.Length == 0 ? 1 : 0);
            var xa = pa.Pre.Split('.');
            var xb = pb.Pre.Split('.');
            for (var i = 0; i < xa.Length && i < xb.Length; i++)
            {
                var na = long.TryParse(xa[i], out var ia);
                var nb = long.TryParse(xb[i], out var ib);
                var c = na && nb ? ia.CompareTo(ib) : na ? -1 : nb ? 1 : string.CompareOrdinal(xa[i], xb[i]);
                if (c != 0) return c;
            }
            return xa.Length.CompareTo(xb.Length);
        }

        private static (long[] Core, string Pre) ParseSemver(string v)
        {
            var m = Regex.Match(v, @"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$");
            if (!m.Success) throw new TemplateError("Version comparison failed: invalid semantic version '" + v + "'");
            return (new[] { long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) }, m.Groups[4].Value);
        }
    }
}
