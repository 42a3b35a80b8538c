using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
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
            Add((v, a) => { var b = Ops.ToList(a.Required(0, "b")); return Ops.Iterate(v).All(x => b.Any(y => PyEquality.AreEqual(x, y))); }, "subset",
                "issubset");
            Add((v, a) => { var l = Ops.ToList(v); return Ops.Iterate(a.Required(0, "b")).All(x => l.Any(y => PyEquality.AreEqual(x, y))); }, "superset",
                "issuperset");
            Add((v, a) => v is double d && double.IsNaN(d), "nan", "isnan");
            Add(TaskResults.Failed, "failed", "failure");
            Add((v, a) => !TaskResults.Failed(v, a), "succeeded", "success", "successful");
            Add(TaskResults.Unreachable, "unreachable");
            Add((v, a) => !TaskResults.Unreachable(v, a), "reachable");
            Add(TaskResults.Changed, "changed", "change");
            Add(TaskResults.Skipped, "skipped", "skip");
            Add(TaskResults.Started, "started");
            Add(TaskResults.Finished, "finished");
            Add(FileTests.IsDirectory, "directory", "is_dir");
            Add(FileTests.IsFile, "file", "is_file");
            Add(FileTests.IsLink, "link", "is_link");
            Add(FileTests.Exists, "exists");
            Add(FileTests.LinkExists, "link_exists");
            Add(FileTests.IsAbsolute, "abs", "is_abs");
            Add(FileTests.SameFile, "same_file", "is_same_file");
            Add(FileTests.IsMount, "mount", "is_mount");
            Add(UriTests.IsUri, "uri");
            Add(UriTests.IsUrl, "url");
            Add((v, a) => UriTests.IsUri(v, new[] { "urn" }), "urn");
            Add((v, a) => v is VaultedString vaulted && Vault.VaultEnvelope.IsEncrypted(System.Text.Encoding.UTF8.GetBytes(vaulted.Envelope)),
                "vault_encrypted");
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

        /// <summary>
        /// Tests whose Python function returns the result's own value, not a bool (test/core.py: failed, changed, skipped,
        /// unreachable return result.get(key, False)); Jinja prints what a test returns, so `x is changed` can print 'yes'.
        /// </summary>
        private static readonly Dictionary<string, Func<object?, object?>> RawResultTests = new Dictionary<string, Func<object?, object?>>(StringComparer.Ordinal)
        {
            ["failed"] = v => TaskResults.Value(v, "failed"),
            ["failure"] = v => TaskResults.Value(v, "failed"),
            ["unreachable"] = v => TaskResults.Value(v, "unreachable"),
            ["skipped"] = v => TaskResults.Value(v, "skipped"),
            ["skip"] = v => TaskResults.Value(v, "skipped"),
            ["changed"] = TaskResults.ChangedValue,
            ["change"] = TaskResults.ChangedValue,
        };

        /// <summary>The value a test expression yields when its Python function returns something other than a bool.</summary>
        public static bool TryGetRawResult(string name, out Func<object?, object?> test) =>
            RawResultTests.TryGetValue(name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name.Substring(16) : name, out test!);

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

    /// <summary>Ansible's task-result tests (test/core.py): a registered result's failed/changed/skipped/... keys.</summary>
    internal static class TaskResults
    {
        private static IDictionary<object, object?> Result(object? v, string test) =>
            Ops.Check(v) as IDictionary<object, object?> ?? throw new TemplateError("The '" + test + "' test expects a dictionary");

        private static bool Flag(object? v, string key) => Ops.Truthy(Value(v, key));

        /// <summary>result.get(key, False).</summary>
        public static object? Value(object? v, string key) => Result(v, key).TryGetValue(key, out var flag) ? flag : false;

        /// <summary>
        /// The changed test's own return value: the result's 'changed' as it is; without that key, whether one of a loop
        /// result's results changed.
        /// </summary>
        public static object? ChangedValue(object? v)
        {
            var result = Result(v, "changed");
            if (result.TryGetValue("changed", out var changed)) return changed;
            if (!result.TryGetValue("results", out var results) || !(Ops.Check(results) is List<object?> list)) return false;
            if (list.Count == 0) throw new TemplateError("list index out of range");
            if (!(Ops.Check(list[0]) is IDictionary<object, object?>)) return false;
            return list.Any(r => Ops.Check(r) is IDictionary<object, object?> d ? d.TryGetValue("changed", out var c) && Ops.Truthy(c)
                : throw new TemplateError("'" + Ops.TypeName(r) + "' object has no attribute 'get'"));
        }

        public static bool Failed(object? v, CallArgs a) => Flag(v, "failed");

        public static bool Unreachable(object? v, CallArgs a) => Flag(v, "unreachable");

        public static bool Skipped(object? v, CallArgs a) => Flag(v, "skipped");

        public static bool Changed(object? v, CallArgs a) => Ops.Truthy(ChangedValue(v));

        /// <summary>An async status: started/finished equal to 1; a result without the key counts as true (Ansible warns).</summary>
        public static bool Started(object? v, CallArgs a) => AsyncFlag(v, "started");

        public static bool Finished(object? v, CallArgs a) => AsyncFlag(v, "finished");

        private static bool AsyncFlag(object? v, string key) => !Result(v, key).TryGetValue(key, out var flag) || PyEquality.AreEqual(flag, 1L);
    }

    /// <summary>Ansible's file tests (test/files.py): os.path checks on the controller's file system.</summary>
    internal static class FileTests
    {
        private static string PathOf(object? v) => Ops.Check(v) as string ?? throw new TemplateError("stat: path should be string, bytes, os.PathLike or " +
            "integer, not " + Ops.TypeName(v));

        public static bool IsDirectory(object? v, CallArgs a) => PosixStat.Of(PathOf(v), true)?.IsDirectory == true;

        public static bool IsFile(object? v, CallArgs a) => PosixStat.Of(PathOf(v), true)?.IsRegularFile == true;

        public static bool IsLink(object? v, CallArgs a) => PosixStat.Of(PathOf(v), false)?.IsLink == true;

        public static bool Exists(object? v, CallArgs a) => PosixStat.Of(PathOf(v), true) != null;

        public static bool LinkExists(object? v, CallArgs a) => PosixStat.Of(PathOf(v), false) != null;

        public static bool IsAbsolute(object? v, CallArgs a) => PathOf(v).StartsWith("/", StringComparison.Ordinal);

        /// <summary>os.path.samefile: both must exist (FileNotFoundError otherwise); same device and inode.</summary>
        public static bool SameFile(object? v, CallArgs a)
        {
            var first = PathOf(v);
            var second = PathOf(a.Required(0, "f2"));
            var one = PosixStat.Of(first, true) ?? throw new TemplateError("[Errno 2] No such file or directory: " + PyRepr.Repr(first));
            var two = PosixStat.Of(second, true) ?? throw new TemplateError("[Errno 2] No such file or directory: " + PyRepr.Repr(second));
            return one.Device == two.Device && one.Inode == two.Inode;
        }

        /// <summary>posixpath.ismount: not a link, and on another device than its parent or the same inode as it (the root).</summary>
        public static bool IsMount(object? v, CallArgs a)
        {
            var path = PathOf(v);
            var self = PosixStat.Of(path, false);
            if (self == null || self.Value.IsLink) return false;
            var parent = PosixStat.Of(PathFilters.RealPath(path.EndsWith("/", StringComparison.Ordinal) ? path + ".." : path + "/.."), false);
            if (parent == null) return false;
            return self.Value.Device != parent.Value.Device || self.Value.Inode == parent.Value.Inode;
        }
    }

    /// <summary>Ansible's uri/url/urn tests (test/uri.py) over urllib's urlparse.</summary>
    internal static class UriTests
    {
        public static bool IsUri(object? v, CallArgs a) => IsUri(v, a.Get(0, "schemes"));

        /// <summary>Any string that urlsplit accepts; with schemes, its scheme must be among them ("in" a string is a substring test).</summary>
        public static bool IsUri(object? v, object? schemes)
        {
            if (!(Ops.Check(v) is string text)) return false;
            try
            {
                var scheme = PyUrl.Split(text).Scheme;
                return !Ops.Truthy(schemes) || Ops.Contains(schemes, scheme);
            }
            catch (TemplateError) { return false; }
        }

        public static bool IsUrl(object? v, CallArgs a)
        {
            if (!IsUri(v, a)) return false;
            var parts = PyUrl.Split((string)Ops.Check(v)!);
            return parts.Netloc.Length > 0 || parts.Scheme == "file";
        }
    }

    /// <summary>The version test: loose (distutils LooseVersion), strict and semver comparisons.</summary>
    internal static class Version
    {
        public static bool Test(object? value, CallArgs a)
        {
            var strictArgument = a.Get(2, "strict");
            var typeArgument = a.Get(3, "version_type");
            if (strictArgument != null && typeArgument != null) throw new TemplateError("Cannot specify both 'strict' and 'version_type'");
            if (!Ops.Truthy(value)) throw new TemplateError("Input version value cannot be empty");
            if (!Ops.Truthy(a.Required(0, "version"))) throw new TemplateError("Version parameter to compare against cannot be empty");
            var type = Ops.Truthy(strictArgument) ? "strict" : Ops.Truthy(typeArgument) ? Ops.Str(typeArgument) : "loose";
            if (!(type == "loose" || type == "strict" || type == "semver" || type == "semantic" || type == "pep440"))
                throw new TemplateError("Invalid version type (" + type + "). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'");
            var op = a.Str(1, "operator", "eq");
            var version = Ops.Str(value);
            var other = Ops.Str(a.Get(0, "version"));
            int cmp;
            switch (type)
            {
                case "loose": cmp = CompareParts(Loose(version), Loose(other)); break;
                case "strict": cmp = CompareParts(Strict(version), Strict(other)); break;
                case "pep440": cmp = Pep440Version.Parse(version).CompareTo(Pep440Version.Parse(other)); break;
                default: cmp = CompareSemver(version, other); break;
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
            var parts = new List<object> { long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[4].Success ? long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)
                : 0L };
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
                throw new TemplateError("Version comparison failed: '<' not supported between instances of '" + (a[i] is long ? "int" : "str") + "' and '"
                    + (b[i] is long ? "int" : "str") + "'");
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
            // ansible.utils.version.SEMVER_RE: no leading zeros in numbers, dot-separated identifiers.
            var m = Regex.Match(v, @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\n?$");
            if (!m.Success) throw new TemplateError("Version comparison failed: invalid semantic version '" + v + "'");
            return (new[] { long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) }, m.Groups[4].Value);
        }
    }
}
