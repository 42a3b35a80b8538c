using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>A Python method bound to a str, list, tuple or dict value (<c>'a,b'.split(',')</c>, <c>d.items()</c>).</summary>
    internal sealed class BoundMethod : ICallable
    {
        public BoundMethod(object self, string name)
        {
            Self = self;
            Name = name;
        }

        public object Self { get; }
        public string Name { get; }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs)
        {
            if (Methods.Mutates(Self, Name) && AnsibleVariables.Under(context.Variables) is AnsibleVariables variables && !variables.CopiesValues)
            {
                throw new SharedValueMutation();
            }
            return Methods.Invoke(Self, Name, new CallArgs(Name, args, kwargs));
        }

        public override string ToString() => "<built-in method " + Name + " of " + Ops.TypeName(Self) + " object>";
    }

    /// <summary>Positional and keyword arguments with Python-like binding by position or name.</summary>
    internal sealed class CallArgs
    {
        private readonly string _function;

        public CallArgs(string function, List<object?> positional, List<KeyValuePair<string, object?>> keywords)
        {
            _function = function;
            Positional = positional;
            Keywords = keywords;
        }

        public List<object?> Positional { get; }
        public List<KeyValuePair<string, object?>> Keywords { get; }

        public bool Has(int index, string name)
        {
            if (index >= 0 && index < Positional.Count) return true;
            foreach (var k in Keywords) if (k.Key == name) return true;
            return false;
        }

        public object? Get(int index, string name, object? fallback = null)
        {
            if (index >= 0 && index < Positional.Count) return Positional[index];
            foreach (var k in Keywords) if (k.Key == name) return k.Value;
            return fallback;
        }

        public object? Required(int index, string name)
        {
            if (!Has(index, name)) throw new TemplateError(_function + "() missing required argument '" + name + "' (pos " + (index + 1) + ")");
            return Get(index, name);
        }

        public string Str(int index, string name, string fallback) { var v = Get(index, name, fallback); return v == null ? fallback : Ops.Str(v); }
        public bool Bool(int index, string name, bool fallback) => Has(index, name) ? Ops.Truthy(Get(index, name)) : fallback;

        public long Int(int index, string name, long fallback)
        {
            var v = Get(index, name, fallback);
            if (v is bool b) return b ? 1 : 0;
            if (v is long l) return l;
            if (v is int i) return i;
            if (v == null) return fallback;
            throw new TemplateError("'" + Ops.TypeName(v) + "' object cannot be interpreted as an integer");
        }
    }

    internal static class Methods
    {
        private static readonly HashSet<string> StrMethods = new HashSet<string>
        {
            "split", "rsplit", "splitlines", "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "swapcase", "casefold",
            "replace", "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "join", "format", "isdigit", "isalpha",
            "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal", "istitle", "zfill", "center", "ljust", "rjust",
            "partition", "rpartition", "removeprefix", "removesuffix", "encode",
        };

        private static readonly HashSet<string> BytesMethods = new HashSet<string> { "decode" };

        private static readonly HashSet<string> ListMethods = new HashSet<string>
        {
            "append", "extend", "insert", "pop", "remove", "clear", "copy", "count", "index", "reverse", "sort",
        };

        private static readonly HashSet<string> TupleMethods = new HashSet<string> { "count", "index" };

        private static readonly HashSet<string> DictMethods = new HashSet<string>
        {
            "get", "items", "keys", "values", "copy", "update", "pop", "setdefault", "clear", "popitem",
        };

        public static bool IsDictMethod(string name) => DictMethods.Contains(name);

        private static readonly HashSet<string> ListMutators = new HashSet<string>(StringComparer.Ordinal) { "append", "extend", "insert", "pop", "remove",
            "clear", "reverse", "sort" };
        private static readonly HashSet<string> DictMutators = new HashSet<string>(StringComparer.Ordinal) { "update", "pop", "setdefault", "clear",
            "popitem" };

        /// <summary>Whether calling <paramref name="name"/> on <paramref name="self"/> changes it in place.</summary>
        public static bool Mutates(object self, string name) => self switch
        {
            // Most methods called are a string's: answered before the interface checks below.
            string _ => false,
            IDictionary<object, object?> _ => DictMutators.Contains(name),
            IList<object?> _ when !(self is PyTuple) => ListMutators.Contains(name),
            _ => false,
        };

        public static bool TryBind(object? self, string name, out object? method)
        {
            var known = self switch
            {
                string _ => StrMethods,
                PyBytes _ => BytesMethods,
                PyTuple _ => TupleMethods,
                PyDictView _ => null,
                IDictionary<object, object?> _ => DictMethods,
                IList<object?> _ => ListMethods,
                _ => null,
            };
            method = known != null && known.Contains(name) ? new BoundMethod(self!, name) : null;
            return method != null;
        }

        public static object? Invoke(object self, string name, CallArgs a) => self switch
        {
            // Python's str methods return plain str, even on an AnsibleUnicode, also where nothing changes.
            string s => StrMethod(StrSubclass.Plain(s), name, a),
            PyBytes b when name == "decode" => Decode(b, a.Str(0, "encoding", "utf-8"), a.Str(1, "errors", "strict")),
            PyTuple t => SequenceMethod(t.ToList(), name, a),
            IDictionary<object, object?> d => DictMethod(d, name, a),
            IList<object?> l => ListMethod(l, name, a),
            _ => throw new TemplateError("'" + Ops.TypeName(self) + "' object has no attribute '" + name + "'"),
        };

        private static string Arg(CallArgs a, int i, string name) => a.Get(i, name) is string s ? s
            : throw new TemplateError(name + " must be str, not " + Ops.TypeName(a.Get(i, name)));

        private static object? StrMethod(string s, string name, CallArgs a)
        {
            switch (name)
            {
                case "split": return Split(s, a.Get(0, "sep") as string, (int)a.Int(1, "maxsplit", -1));
                case "rsplit": return RSplit(s, a.Get(0, "sep") as string, (int)a.Int(1, "maxsplit", -1));
                case "splitlines": return SplitLines(s, a.Bool(0, "keepends", false));
                case "strip": return Strip(s, a.Get(0, "chars") as string, true, true);
                case "lstrip": return Strip(s, a.Get(0, "chars") as string, true, false);
                case "rstrip": return Strip(s, a.Get(0, "chars") as string, false, true);
                case "lower": return PyCase.Lower(s);
                case "casefold": return PyCase.CaseFold(s);
                case "upper": return PyCase.Upper(s);
                case "title": return PyCase.Title(s);
                case "capitalize": return PyCase.Capitalize(s);
                case "swapcase": return PyCase.SwapCase(s);
                case "replace": return Replace(s, Arg(a, 0, "old"), Arg(a, 1, "new"), (int)a.Int(2, "count", -1));
                case "startswith": return Affix(s, a.Required(0, "prefix"), true);
                case "endswith": return Affix(s, a.Required(0, "suffix"), false);
                case "find": return (long)s.IndexOf(Arg(a, 0, "sub"), StringComparison.Ordinal);
                case "rfind": return (long)s.LastIndexOf(Arg(a, 0, "sub"), StringComparison.Ordinal);
                case "index":
                case "rindex":
                    var at = name == "index" ? s.IndexOf(Arg(a, 0, "sub"), StringComparison.Ordinal)
                        : s.LastIndexOf(Arg(a, 0, "sub"), StringComparison.Ordinal);
                    if (at < 0) throw new TemplateError("substring not found");
                    return (long)at;
                case "count": return (long)CountOccurrences(s, Arg(a, 0, "sub"));
                case "join": return Ops.Join(s,
                    Ops.Iterate(a.Required(0, "iterable")).Select(x => x as string
                    ?? throw new TemplateError("sequence item: expected str instance, " + Ops.TypeName(x) + " found")));
                case "format": return PyFormat.Format(s, a.Positional, a.Keywords);
                case "isdigit": case "isnumeric": case "isdecimal": return s.Length > 0 && s.All(char.IsDigit);
                case "isalpha": return s.Length > 0 && s.All(char.IsLetter);
                case "isalnum": return s.Length > 0 && s.All(char.IsLetterOrDigit);
                case "isspace": return s.Length > 0 && s.All(char.IsWhiteSpace);
                case "islower": return PyCase.IsLower(s);
                case "isupper": return PyCase.IsUpper(s);
                case "istitle": return PyCase.IsTitle(s);
                case "zfill":
                    var width = a.Int(0, "width", 0);
                    if (s.Length >= width) return s;
                    if (width > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
                    var sign = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? s.Substring(0, 1) : "";
                    return sign + new string('0', (int)width - s.Length) + s.Substring(sign.Length);
                case "center": return Pad(s, a.Int(0, "width", 0), a.Str(1, "fillchar", " ")[0], 0);
                case "ljust": return Pad(s, a.Int(0, "width", 0), a.Str(1, "fillchar", " ")[0], -1);
                case "rjust": return Pad(s, a.Int(0, "width", 0), a.Str(1, "fillchar", " ")[0], 1);
                case "partition":
                case "rpartition":
                    var sep = Arg(a, 0, "sep");
                    var p = name == "partition" ? s.IndexOf(sep, StringComparison.Ordinal) : s.LastIndexOf(sep, StringComparison.Ordinal);
                    if (p < 0) return name == "partition" ? new PyTuple(new object?[] { s, "", "" }) : new PyTuple(new object?[] { "", "", s });
                    return new PyTuple(new object?[] { s.Substring(0, p), sep, s.Substring(p + sep.Length) });
                case "encode": return Encode(s, a.Str(0, "encoding", "utf-8"), a.Str(1, "errors", "strict"));
                case "removeprefix": var pre = Arg(a, 0, "prefix"); return s.StartsWith(pre, StringComparison.Ordinal) ? s.Substring(pre.Length) : s;
                case "removesuffix": var suf = Arg(a, 0, "suffix"); return suf.Length > 0 && s.EndsWith(suf, StringComparison.Ordinal)
                    ? s.Substring(0, s.Length - suf.Length) : s;
            }
            throw new TemplateError("'str' object has no attribute '" + name + "'");
        }

        /// <summary>The codecs str.encode/bytes.decode take here: UTF-8, ASCII and Latin-1 (Python's names and aliases).</summary>
        private static (Encoding Encoding, string Name, int Limit) Codec(string encoding)
        {
            switch (encoding.ToLowerInvariant().Replace('_', '-'))
            {
                case "utf-8": case "utf8": case "u8": return (new UTF8Encoding(false, true), "utf-8", 0x10ffff);
                case "ascii": case "us-ascii": return (Encoding.ASCII, "ascii", 0x7f);
                case "latin-1": case "latin1": case "iso-8859-1": case "iso8859-1": case "l1": return (Encoding.GetEncoding("iso-8859-1"), "latin-1", 0xff);
                default: throw new TemplateError("unknown encoding: " + encoding);
            }
        }

        private static PyBytes Encode(string s, string encoding, string errors)
        {
            var (codec, name, limit) = Codec(encoding);
            var position = 0;
            foreach (var ch in Ops.Chars(s))
            {
                var cp = ch is string c && c.Length == 2 ? char.ConvertToUtf32(c[0], c[1]) : ((string)ch!)[0];
                if (cp > limit || (cp >= 0xd800 && cp <= 0xdfff))
                    throw new TemplateError("'" + name + "' codec can't encode character " + PyRepr.Repr((string)ch!).Trim('\'') + " in position " + position
                        + ": " + (limit == 0x7f ? "ordinal not in range(128)" : limit == 0xff ? "ordinal not in range(256)" : "surrogates not allowed"));
                position++;
            }
            if (errors != "strict") throw new TemplateError("encode errors='" + errors + "' is not supported here; only 'strict'");
            return new PyBytes(codec.GetBytes(s));
        }

        private static string Decode(PyBytes bytes, string encoding, string errors)
        {
            var (codec, name, limit) = Codec(encoding);
            if (errors != "strict") throw new TemplateError("decode errors='" + errors + "' is not supported here; only 'strict'");
            var raw = bytes.ToArray();
            for (var i = 0; i < raw.Length && limit == 0x7f; i++)
                if (raw[i] > 0x7f) throw new TemplateError("'ascii' codec can't decode byte 0x"
                    + raw[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + " in position " + i + ": ordinal not in range(128)");
            try { return codec.GetString(raw); }
            catch (DecoderFallbackException) { throw new TemplateError("'" + name + "' codec can't decode the bytes: invalid data"); }
        }

        /// <summary>str.center/ljust/rjust; a width past the template output limit is refused before anything is allocated.</summary>
        public static string Pad(string s, long width, char fill, int align)
        {
            var len = Ops.CodePointLength(s);
            if (len >= width) return s;
            if (width > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            var total = (int)width - len;
            int left;
            if (align < 0) left = 0;
            else if (align > 0) left = total;
            else left = total / 2 + (total & (int)width & 1);
            return new string(fill, left) + s + new string(fill, total - left);
        }

        private static int CountOccurrences(string s, string sub)
        {
            if (sub.Length == 0) return Ops.CodePointLength(s) + 1;
            var n = 0;
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
            return n;
        }

        private static bool Affix(string s, object? affix, bool start)
        {
            if (affix is PyTuple t)
            {
                // A loop, not Any(lambda): the lambda's closure would be allocated on every call, a tuple or not.
                foreach (var item in t) if (Affix(s, item, start)) return true;
                return false;
            }
            if (!(affix is string x1)) throw new TemplateError((start ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not "
                + Ops.TypeName(affix));
            return start ? s.StartsWith(x1, StringComparison.Ordinal) : s.EndsWith(x1, StringComparison.Ordinal);
        }

        public static string Replace(string s, string old, string replacement, int count)
        {
            if (count < 0) count = int.MaxValue;
            var sb = new StringBuilder();
            if (old.Length == 0)
            {
                var n = 0;
                foreach (var ch in Ops.Chars(s))
                {
                    if (n++ < count) sb.Append(replacement);
                    sb.Append((string)ch!);
                }
                if (n < count) sb.Append(replacement);
                return sb.ToString();
            }
            var pos = 0;
            var done = 0;
            while (done < count)
            {
                var i = s.IndexOf(old, pos, StringComparison.Ordinal);
                if (i < 0) break;
                sb.Append(s, pos, i - pos).Append(replacement);
                if (sb.Length > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
                pos = i + old.Length;
                done++;
            }
            return sb.Append(s, pos, s.Length - pos).ToString();
        }

        private static bool IsPySpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

        public static string Strip(string s, string? chars, bool left, bool right)
        {
            Func<char, bool> strip = chars == null ? IsPySpace : c => chars.IndexOf(c) >= 0;
            var start = 0;
            var end = s.Length;
            if (left) while (start < end && strip(s[start])) start++;
            if (right) while (end > start && strip(s[end - 1])) end--;
            return s.Substring(start, end - start);
        }

        public static List<object?> Split(string s, string? sep, int maxsplit)
        {
            var result = new List<object?>();
            if (sep == null)
            {
                var i = 0;
                while (true)
                {
                    while (i < s.Length && IsPySpace(s[i])) i++;
                    if (i >= s.Length) break;
                    if (maxsplit >= 0 && result.Count >= maxsplit)
                    {
                        result.Add(Strip(s.Substring(i), null, false, true));
                        break;
                    }
                    var start = i;
                    while (i < s.Length && !IsPySpace(s[i])) i++;
                    result.Add(s.Substring(start, i - start));
                }
                return result;
            }
            if (sep.Length == 0) throw new TemplateError("empty separator");
            var pos = 0;
            while (maxsplit < 0 || result.Count < maxsplit)
            {
                var at = s.IndexOf(sep, pos, StringComparison.Ordinal);
                if (at < 0) break;
                result.Add(s.Substring(pos, at - pos));
                pos = at + sep.Length;
            }
            result.Add(s.Substring(pos));
            return result;
        }

        private static List<object?> RSplit(string s, string? sep, int maxsplit)
        {
            if (maxsplit < 0) return Split(s, sep, maxsplit);
            var result = new List<object?>();
            if (sep == null)
            {
                var i = s.Length;
                while (true)
                {
                    while (i > 0 && IsPySpace(s[i - 1])) i--;
                    if (i <= 0) break;
                    if (result.Count >= maxsplit)
                    {
                        result.Add(Strip(s.Substring(0, i), null, true, false));
                        break;
                    }
                    var end = i;
                    while (i > 0 && !IsPySpace(s[i - 1])) i--;
                    result.Add(s.Substring(i, end - i));
                }
                result.Reverse();
                return result;
            }
            if (sep.Length == 0) throw new TemplateError("empty separator");
            var stop = s.Length;
            while (result.Count < maxsplit)
            {
                var at = stop - sep.Length < 0 ? -1 : s.LastIndexOf(sep, stop - 1, stop, StringComparison.Ordinal);
                if (at < 0 || at + sep.Length > stop) break;
                result.Add(s.Substring(at + sep.Length, stop - at - sep.Length));
                stop = at;
            }
            result.Add(s.Substring(0, stop));
            result.Reverse();
            return result;
        }

        public static List<object?> SplitLines(string s, bool keepEnds)
        {
            var result = new List<object?>();
            var start = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if ("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029".IndexOf(c) < 0) continue;
                var end = i;
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                result.Add(keepEnds ? s.Substring(start, i + 1 - start) : s.Substring(start, end - start));
                start = i + 1;
            }
            if (start < s.Length) result.Add(s.Substring(start));
            return result;
        }

        private static object? SequenceMethod(List<object?> items, string name, CallArgs a)
        {
            switch (name)
            {
                case "count": var x = a.Required(0, "value"); return (long)items.Count(i => PyEquality.AreEqual(i, x));
                case "index":
                    var v = a.Required(0, "value");
                    var at = items.FindIndex(i => PyEquality.AreEqual(i, v));
                    if (at < 0) throw new TemplateError(PyRepr.Repr(v) + " is not in list");
                    return (long)at;
            }
            throw new TemplateError("'tuple' object has no attribute '" + name + "'");
        }

        private static object? ListMethod(IList<object?> l, string name, CallArgs a)
        {
            switch (name)
            {
                case "append": l.Add(a.Required(0, "object")); return null;
                case "extend": foreach (var item in Ops.Iterate(a.Required(0, "iterable")).ToList()) l.Add(item); return null;
                case "insert":
                    var at = (int)Math.Max(0, Math.Min(l.Count, a.Int(0, "index", 0) < 0 ? l.Count + a.Int(0, "index", 0) : a.Int(0, "index", 0)));
                    l.Insert(at, a.Required(1, "object"));
                    return null;
                case "pop":
                    if (l.Count == 0) throw new TemplateError("pop from empty list");
                    var idx = a.Int(0, "index", -1);
                    if (idx < 0) idx += l.Count;
                    if (idx < 0 || idx >= l.Count) throw new TemplateError("pop index out of range");
                    var value = l[(int)idx];
                    l.RemoveAt((int)idx);
                    return value;
                case "remove":
                    var r = a.Required(0, "value");
                    for (var i = 0; i < l.Count; i++) if (PyEquality.AreEqual(l[i], r)) { l.RemoveAt(i); return null; }
                    throw new TemplateError("list.remove(x): x not in list");
                case "clear": l.Clear(); return null;
                case "copy": return l.ToList();
                case "reverse":
                    var reversed = l.Reverse().ToList();
                    for (var i = 0; i < l.Count; i++) l[i] = reversed[i];
                    return null;
                case "sort":
                    var sorted = Filters.SortValues(l.ToList(), a.Bool(-1, "reverse", false), false, null);
                    for (var i = 0; i < l.Count; i++) l[i] = sorted[i];
                    return null;
                default: return SequenceMethod(l.ToList(), name, a);
            }
        }

        private static object? DictMethod(IDictionary<object, object?> d, string name, CallArgs a)
        {
            switch (name)
            {
                case "get":
                    var key = a.Required(0, "key");
                    return key != null && d.TryGetValue(key, out var v) ? v : a.Get(1, "default");
                case "items": return new PyDictView("items", d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value })));
                case "keys": return new PyDictView("keys", d.Keys);
                case "values": return new PyDictView("values", d.Values);
                case "copy": return new PyDict(d);
                case "update":
                    if (a.Positional.Count > 0)
                    {
                        var other = a.Positional[0];
                        if (other is IDictionary<object, object?> od) foreach (var kv in od.ToList()) d[kv.Key] = kv.Value;
                        else foreach (var pair in Ops.Iterate(other).ToList()) { var p = Ops.ToList(pair); d[p[0]!] = p[1]; }
                    }
                    foreach (var kw in a.Keywords) d[kw.Key] = kw.Value;
                    return null;
                case "pop":
                    var k = a.Required(0, "key");
                    if (k != null && d.TryGetValue(k, out var popped)) { d.Remove(k); return popped; }
                    if (a.Has(1, "default")) return a.Get(1, "default");
                    throw new TemplateError(PyRepr.Repr(k));
                case "setdefault":
                    var sk = a.Required(0, "key")!;
                    if (!d.TryGetValue(sk, out var existing)) d[sk] = existing = a.Get(1, "default");
                    return existing;
                case "clear": d.Clear(); return null;
                case "popitem":
                    if (d.Count == 0) throw new TemplateError("'popitem(): dictionary is empty'");
                    var last = d.Last();
                    d.Remove(last.Key);
                    return new PyTuple(new[] { last.Key, last.Value });
            }
            throw new TemplateError("'dict' object has no attribute '" + name + "'");
        }
    }
}
