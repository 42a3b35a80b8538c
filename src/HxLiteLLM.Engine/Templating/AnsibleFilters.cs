using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Templating
{
    /// <summary>The filters ansible-core 2.14 adds (plugins/filter/core.py, mathstuff.py, urls).</summary>
    internal static partial class Filters
    {
        private static readonly Guid AnsibleUuidNamespace = new Guid("361E6D51-FAEC-444A-9079-341386DA8E2E");

        private static void RegisterAnsible()
        {
            Add((it, v, a) =>
            {
                if (v == null || v is bool) return v;
                var s = v is string str ? str.ToLowerInvariant() : v;
                return s is string t ? t == "yes" || t == "on" || t == "1" || t == "true" : PyEquality.AreEqual(s, 1L);
            }, "bool");
            Add((it, v, a) =>
            {
                if (!(v is Undefined u)) return v;
                if (a.Get(0, "msg") is object msg) throw new TemplateError(S(msg));
                throw new TemplateError("Mandatory variable " + (u.VariableName != null ? "'" + u.VariableName + "' " : "") + " not defined.");
            }, "mandatory");
            Add((it, v, a) =>
            {
                var noneValue = a.Get(2, "none_val");
                if (v == null && noneValue != null) return noneValue;
                return Ops.Truthy(v) ? a.Get(0, "true_val") : a.Get(1, "false_val");
            }, "ternary");
            Add((it, v, a) => Json(v, JsonOptions(a, null, false)), "to_json");
            Add((it, v, a) => Json(v, JsonOptions(a, 4, true)), "to_nice_json");
            Add((it, v, a) =>
            {
                try { return PyJsonReader.Parse(S(v)); }
                catch (PyJsonDecodeException e) { throw new TemplateError(e.Message); }
            }, "from_json");
            Add((it, v, a) => v is string text ? SingleYamlDocument(text) : v, "from_yaml");
            Add((it, v, a) => v is string text ? YamlDocuments(text) : v, "from_yaml_all");
            Add((it, v, a) => PasswordHash.Hash(v as string ?? throw new TemplateError("password_hash expects a string, got " + Ops.TypeName(v)),
                a.Str(0, "hashtype", "sha512"), a.Get(1, "salt") is object salt ? S(salt) : null, OptionalInt(a, 2, "salt_size"), OptionalInt(a, 3, "rounds")), "password_hash");
            Add((it, v, a) => PyDateTime.Strptime(S(v), a.Str(0, "format", "%Y-%m-%d %H:%M:%S")), "to_datetime");
            Add((it, v, a) => Yaml(v, a, (int)a.Int(-1, "indent", 2), a.Get(-1, "default_flow_style", null) is bool b ? b : (bool?)null), "to_yaml");
            Add((it, v, a) => Yaml(v, a, (int)a.Int(0, "indent", 4), false), "to_nice_yaml");
            Add((it, v, a) => RegexReplace(v, a), "regex_replace");
            Add((it, v, a) => RegexSearch(v, a), "regex_search");
            Add((it, v, a) => RegexFindAll(v, a), "regex_findall");
            Add((it, v, a) => RegexEscape(S(v)), "regex_escape");
            Add((it, v, a) => Convert.ToBase64String(Encoding.GetEncoding(a.Str(0, "encoding", "utf-8")).GetBytes(S(v))), "b64encode");
            Add((it, v, a) =>
            {
                try { return Encoding.GetEncoding(a.Str(0, "encoding", "utf-8")).GetString(Convert.FromBase64String(S(v))); }
                catch (FormatException e) { throw new TemplateError("b64decode: " + e.Message); }
            }, "b64decode");
            Add((it, v, a) => ShellQuote(v == null ? "" : S(v)), "quote");
            Add((it, v, a) => Comment(v as string ?? throw NoAttribute(v, "replace"), a), "comment");
            Add((it, v, a) => Combine(v, a), "combine");
            Add((it, v, a) =>
            {
                if (!(Ops.Check(v) is IDictionary<object, object?> d)) throw new TemplateError("dict2items requires a dictionary, got " + Ops.TypeName(v) + " instead.");
                var keyName = a.Str(0, "key_name", "key");
                var valueName = a.Str(1, "value_name", "value");
                return d.Select(kv => (object?)new PyDict { [keyName] = kv.Key, [valueName] = kv.Value }).ToList();
            }, "dict2items");
            Add((it, v, a) =>
            {
                var keyName = a.Get(0, "key_name", "key");
                var valueName = a.Get(1, "value_name", "value");
                var result = new PyDict();
                if (!(v is IList<object?>) && !(v is PyTuple)) throw new TemplateError("items2dict requires a list, got <class '" + Ops.TypeName(v) + "'> instead.");
                foreach (var item in Ops.Iterate(v))
                {
                    // Python's item[key]: a mapping by key, a list or tuple by integer index.
                    var k = Ops.GetItem(item, keyName);
                    var val = Ops.GetItem(item, valueName);
                    if (item is string || !(item is IDictionary<object, object?> || item is IList<object?> || item is PyTuple))
                        throw new TemplateError("items2dict requires a list of dictionaries, got " + PyRepr.Repr(v) + " instead.");
                    if (k is Undefined || val is Undefined)
                        throw new TemplateError("items2dict requires each dictionary in the list to contain the keys '" + Ops.Str(keyName) + "' and '" + Ops.Str(valueName) + "', got " + PyRepr.Repr(v) + " instead.");
                    result[k ?? throw new TemplateError("unhashable key None")] = val;
                }
                return result;
            }, "items2dict");
            Add((it, v, a) => { var s = PathArg(v); return s.Substring(s.LastIndexOf('/') + 1); }, "basename");
            Add((it, v, a) => PosixDirname(PathArg(v)), "dirname");
            Add((it, v, a) => PosixSplitext(PathArg(v)), "splitext");
            Add((it, v, a) => Hash(S(v), a.Str(0, "hashtype", "sha1")), "hash");
            Add((it, v, a) => Hash(S(v), "sha1"), "sha1", "checksum");
            Add((it, v, a) => Hash(S(v), "md5"), "md5");
            Add((it, v, a) => Flatten(Ops.Iterate(v), a.Get(0, "levels") == null ? (int?)null : (int)a.Int(0, "levels", 0), a.Bool(1, "skip_nulls", true)), "flatten");
            Add((it, v, a) => Zip(new[] { v }.Concat(a.Positional).ToList(), false, null), "zip");
            Add((it, v, a) => Zip(new[] { v }.Concat(a.Positional).ToList(), true, a.Get(-1, "fillvalue")), "zip_longest");
            Add((it, v, a) => Methods.Split(v as string ?? throw new TemplateError("descriptor 'split' for 'str' objects doesn't apply to a '" + Ops.TypeName(v) + "' object"), a.Get(0, "sep") as string, (int)a.Int(1, "maxsplit", -1)), "split");
            Add((it, v, a) => Uuid5(AnsibleUuidNamespace, S(v), a.Get(0, "namespace") as string), "to_uuid");
            Add((it, v, a) => Ops.TypeName(v), "type_debug");
            Add((it, v, a) => Unique(Ops.Iterate(v).Concat(Ops.Iterate(a.Required(0, "b"))), true, null), "union");
            Add((it, v, a) => { var b = Ops.ToList(a.Required(0, "b")); return Unique(Ops.Iterate(v).Where(x => b.Any(y => PyEquality.AreEqual(x, y))), true, null); }, "intersect");
            Add((it, v, a) => { var b = Ops.ToList(a.Required(0, "b")); return Unique(Ops.Iterate(v).Where(x => !b.Any(y => PyEquality.AreEqual(x, y))), true, null); }, "difference");
            Add((it, v, a) =>
            {
                var l = Ops.ToList(v);
                var b = Ops.ToList(a.Required(0, "b"));
                var both = Unique(l.Where(x => b.Any(y => PyEquality.AreEqual(x, y))), true, null);
                return Unique(l.Concat(b), true, null).Where(x => !both.Any(y => PyEquality.AreEqual(x, y))).ToList();
            }, "symmetric_difference");
            Add((it, v, a) =>
            {
                var container = a.Required(0, "container");
                var result = Ops.GetItem(container, v);
                var more = a.Get(1, "morekeys");
                if (more != null) foreach (var k in more is IList<object?> ks ? ks : new List<object?> { more }) result = Ops.GetItem(result, k);
                return Ops.Check(result);
            }, "extract");
            Add((it, v, a) =>
            {
                var lists = new[] { v }.Concat(a.Positional).Select(Ops.ToList).ToList();
                IEnumerable<List<object?>> acc = new[] { new List<object?>() };
                foreach (var l in lists) acc = acc.SelectMany(prefix => l.Select(x => prefix.Concat(new[] { x }).ToList())).ToList();
                return acc.Select(p => (object?)new PyTuple(p)).ToList();
            }, "product");
            Add((it, v, a) =>
            {
                var x = ToDouble(v);
                if (!a.Has(0, "base")) return x > 0 ? Math.Log(x) : throw new TemplateError("math domain error");
                return Math.Log(x) / Math.Log(ToDouble(a.Get(0, "base")));
            }, "log");
            Add((it, v, a) => Math.Pow(ToDouble(v), ToDouble(a.Required(0, "y"))), "pow");
            Add((it, v, a) =>
            {
                var b = a.Has(0, "base") ? ToDouble(a.Get(0, "base")) : 2;
                return b == 2 ? Math.Sqrt(ToDouble(v)) : Math.Pow(ToDouble(v), 1.0 / b);
            }, "root");
            Add((it, v, a) => string.Join("/", new[] { v }.SelectMany(x => x is string ? new[] { x } : Ops.Iterate(x)).Select(S)
                .Aggregate(new List<string>(), (acc, p) => { if (p.StartsWith("/")) acc.Clear(); acc.Add(p); return acc; })).Replace("//", "/"), "path_join");
        }

        private static string Yaml(object? v, CallArgs a, int indent, bool? flowStyle)
        {
            foreach (var kw in a.Keywords)
            {
                // Ansible passes allow_unicode itself, so a caller's value is Python's duplicate-keyword error.
                if (kw.Key == "allow_unicode") throw new TemplateError("yaml.dump() got multiple values for keyword argument 'allow_unicode'");
                if (kw.Key != "indent" && kw.Key != "default_flow_style" && kw.Key != "sort_keys" && kw.Key != "width" && kw.Key != "explicit_start" && kw.Key != "explicit_end")
                    throw new TemplateError("yaml.dump option '" + kw.Key + "' is not supported by this engine");
            }
            return PyYamlWriter.Dump(v, indent, flowStyle, a.Bool(-1, "sort_keys", true), (int)a.Int(-1, "width", 80), true,
                a.Bool(-1, "explicit_start", false), a.Bool(-1, "explicit_end", false));
        }

        private static string Json(object? v, PyJsonOptions options)
        {
            if (options.SortKeys) CheckSortableKeys(v, 0);
            return PyJson.Dumps(v, options);
        }

        /// <summary>json.dumps(sort_keys=True) sorts the original keys, so mixed key types are Python's TypeError.</summary>
        private static void CheckSortableKeys(object? v, int depth)
        {
            if (depth > 500) return;
            if (v is IDictionary<object, object?> d)
            {
                var keys = d.Keys.ToList();
                for (var i = 1; i < keys.Count; i++) Ops.Compare(keys[i], keys[0], "<");
                foreach (var value in d.Values) CheckSortableKeys(value, depth + 1);
            }
            else if (v is IList<object?> l) foreach (var item in l) CheckSortableKeys(item, depth + 1);
        }

        /// <summary>from_yaml: PyYAML's safe load of one document (a stream of several is an error, as in yaml.load).</summary>
        private static object? SingleYamlDocument(string text)
        {
            var documents = YamlDocuments(text);
            if (documents.Count > 1) throw new TemplateError("expected a single document in the stream, but found another document");
            return documents.Count == 0 ? null : documents[0];
        }

        private static List<object?> YamlDocuments(string text)
        {
            try { return AnsibleYamlReader.LoadAll(text); }
            catch (AnsibleYamlException e) { throw new TemplateError(e.Message); }
        }

        private static long? OptionalInt(CallArgs a, int index, string name) => a.Get(index, name) == null ? (long?)null : a.Int(index, name, 0);

        private static TemplateError NoAttribute(object? v, string name) => new TemplateError("'" + Ops.TypeName(v) + "' object has no attribute '" + name + "'");

        private static string PathArg(object? v) => v as string ?? throw new TemplateError("expected str, bytes or os.PathLike object, not " + Ops.TypeName(v));

        private static PyJsonOptions JsonOptions(CallArgs a, int? indent, bool sortKeys)
        {
            var options = new PyJsonOptions
            {
                Indent = a.Has(-1, "indent") ? (a.Get(-1, "indent") == null ? (int?)null : (int)a.Int(-1, "indent", 0)) : indent,
                SortKeys = a.Bool(-1, "sort_keys", sortKeys),
                EnsureAscii = a.Bool(-1, "ensure_ascii", true),
            };
            if (indent.HasValue) options.ItemSeparator = ",";
            if (a.Get(-1, "separators") is IEnumerable<object?> seps)
            {
                var pair = seps.Select(S).ToList();
                options.ItemSeparator = pair[0];
                options.KeySeparator = pair[1];
            }
            return options;
        }

        private static object RegexReplace(object? v, CallArgs a)
        {
            var pattern = PyRegex.Compile(a.Str(0, "pattern", ""), a.Bool(2, "ignorecase", false), a.Bool(3, "multiline", false));
            var regex = pattern.Regex;
            var replacement = PyRegex.Replacement(a.Str(1, "replacement", ""), pattern);
            var count = (int)a.Int(4, "count", 0);
            var input = S(v);
            return PyRegex.Run(() => count > 0 ? regex.Replace(input, replacement, count) : regex.Replace(input, replacement));
        }

        private static object? RegexSearch(object? v, CallArgs a)
        {
            var pattern = S(a.Required(0, "regex"));
            var groups = new List<object>();
            foreach (var arg in a.Positional.Skip(1).Select(S))
            {
                if (arg.StartsWith("\\g")) groups.Add(arg.Substring(3, arg.Length - 4));
                else if (arg.StartsWith("\\") && int.TryParse(arg.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) groups.Add(n);
                else throw new TemplateError("Unknown argument");
            }
            var compiled = PyRegex.Compile(pattern, a.Bool(-1, "ignorecase", false), a.Bool(-1, "multiline", false));
            var input = S(v);
            var match = PyRegex.Run(() => compiled.Regex.Match(input));
            if (!match.Success) return null;
            if (groups.Count == 0) return match.Value;
            return groups.Select(g =>
            {
                var group = match.Groups[g is int i ? i : compiled.GroupNumber((string)g)];
                return group.Success ? (object?)group.Value : null;
            }).ToList();
        }

        private static object RegexFindAll(object? v, CallArgs a)
        {
            var compiled = PyRegex.Compile(S(a.Required(0, "regex")), a.Bool(2, "ignorecase", false), a.Bool(1, "multiline", false));
            var regex = compiled.Regex;
            var input = S(v);
            var groupCount = compiled.GroupCount;
            return PyRegex.Run(() => regex.Matches(input).Cast<System.Text.RegularExpressions.Match>().Select(m =>
            {
                if (groupCount == 0) return (object?)m.Value;
                if (groupCount == 1) return m.Groups[1].Value;
                return new PyTuple(Enumerable.Range(1, groupCount).Select(i => (object?)m.Groups[i].Value));
            }).ToList());
        }

        /// <summary>Python 3.7+ re.escape: only regex-special characters get a backslash.</summary>
        private static string RegexEscape(string s)
        {
            var sb = new StringBuilder();
            foreach (var c in s)
            {
                if ("()[]{}?*+-|^$\\.&~# \t\n\r\v\f".IndexOf(c) >= 0) sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static string ShellQuote(string s)
        {
            if (s.Length == 0) return "''";
            if (s.All(c => c < 128 && (char.IsLetterOrDigit(c) || "@%+=:,./-_".IndexOf(c) >= 0))) return s;
            return "'" + s.Replace("'", "'\"'\"'") + "'";
        }

        private static string Comment(string text, CallArgs a)
        {
            var style = a.Str(0, "style", "plain");
            var styles = new Dictionary<string, Dictionary<string, object?>>
            {
                ["plain"] = new Dictionary<string, object?> { ["decoration"] = "# " },
                ["erlang"] = new Dictionary<string, object?> { ["decoration"] = "% " },
                ["c"] = new Dictionary<string, object?> { ["decoration"] = "// " },
                ["cblock"] = new Dictionary<string, object?> { ["beginning"] = "/*", ["decoration"] = " * ", ["end"] = " */" },
                ["xml"] = new Dictionary<string, object?> { ["beginning"] = "<!--", ["decoration"] = " - ", ["end"] = "-->" },
            };
            if (!styles.TryGetValue(style, out var styleParams)) throw new TemplateError(PyRepr.Repr(style));
            var kw = a.Keywords.Where(k => k.Key != "style").ToDictionary(k => k.Key, k => k.Value);
            var prepostfix = S(kw.TryGetValue("decoration", out var dec) ? dec : styleParams["decoration"]);
            var p = new Dictionary<string, object?>
            {
                ["newline"] = "\n", ["beginning"] = "", ["prefix"] = prepostfix.TrimEnd(), ["prefix_count"] = 1L,
                ["decoration"] = "", ["postfix"] = prepostfix.TrimEnd(), ["postfix_count"] = 1L, ["end"] = "",
            };
            foreach (var kv in styleParams) p[kv.Key] = kv.Value;
            foreach (var kv in kw) p[kv.Key] = kv.Value;
            var newline = S(p["newline"]);
            var decoration = S(p["decoration"]);
            var beginning = Ops.Truthy(p["beginning"]) ? S(p["beginning"]) + newline : "";
            var prefix = "";
            if (Ops.Truthy(p["prefix"]))
            {
                var unit = S(p["prefix"]) != newline ? S(p["prefix"]) + newline : newline;
                prefix = string.Concat(Enumerable.Repeat(unit, (int)PyNumber.ToBig(ToInt(p["prefix_count"], 0L, 10)!)));
            }
            var body = (decoration + text.Replace(newline, newline + decoration)).Replace(decoration + newline, decoration.TrimEnd() + newline);
            var postfix = string.Join(newline, new[] { "" }.Concat(Enumerable.Repeat(S(p["postfix"]), (int)PyNumber.ToBig(ToInt(p["postfix_count"], 0L, 10)!))));
            var end = Ops.Truthy(p["end"]) ? newline + S(p["end"]) : "";
            return beginning + prefix + body + postfix + end;
        }

        private static object? Combine(object? v, CallArgs a)
        {
            var recursive = a.Bool(-1, "recursive", false);
            var listMerge = a.Str(-1, "list_merge", "replace");
            if (a.Keywords.Any(k => k.Key != "recursive" && k.Key != "list_merge")) throw new TemplateError("'recursive' and 'list_merge' are the only valid keyword arguments");
            var terms = Flatten(new[] { v }.Concat(a.Positional), 1, true);
            if (terms.Count == 0) return new PyDict();
            if (terms.Count == 1) return terms[0];
            var dicts = terms.Select(t => Ops.Check(t) as IDictionary<object, object?> ?? throw new TemplateError("failed to combine variables, expected dicts but got a '" + Ops.TypeName(t) + "'")).ToList();
            var result = dicts[dicts.Count - 1];
            for (var i = dicts.Count - 2; i >= 0; i--) result = MergeHash(dicts[i], result, recursive, listMerge);
            return result;
        }

        /// <summary>ansible.utils.vars.merge_hash: y wins; dicts merge when recursive; lists per list_merge.</summary>
        private static IDictionary<object, object?> MergeHash(IDictionary<object, object?> x, IDictionary<object, object?> y, bool recursive, string listMerge)
        {
            if (x.Count == 0 || PyEquality.AreEqual(x, y)) return new PyDict(y);
            var result = new PyDict(x);
            if (!recursive && listMerge == "replace")
            {
                foreach (var kv in y) result[kv.Key] = kv.Value;
                return result;
            }
            foreach (var kv in y)
            {
                if (!result.TryGetValue(kv.Key, out var xValue)) { result[kv.Key] = kv.Value; continue; }
                if (xValue is IDictionary<object, object?> xd && kv.Value is IDictionary<object, object?> yd)
                {
                    result[kv.Key] = recursive ? MergeHash(xd, yd, recursive, listMerge) : yd;
                    continue;
                }
                if (xValue is List<object?> xl && kv.Value is List<object?> yl)
                {
                    switch (listMerge)
                    {
                        case "replace": result[kv.Key] = yl; break;
                        case "append": result[kv.Key] = xl.Concat(yl).ToList(); break;
                        case "prepend": result[kv.Key] = yl.Concat(xl).ToList(); break;
                        case "append_rp": result[kv.Key] = xl.Where(z => !yl.Any(w => PyEquality.AreEqual(z, w))).Concat(yl).ToList(); break;
                        case "prepend_rp": result[kv.Key] = yl.Concat(xl.Where(z => !yl.Any(w => PyEquality.AreEqual(z, w)))).ToList(); break;
                        case "keep": break;
                        default: throw new TemplateError("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'");
                    }
                    continue;
                }
                result[kv.Key] = kv.Value;
            }
            return result;
        }

        private static string PosixDirname(string p)
        {
            var i = p.LastIndexOf('/') + 1;
            var head = p.Substring(0, i);
            if (head.Length > 0 && head.Trim('/').Length > 0) head = head.TrimEnd('/');
            return head;
        }

        private static PyTuple PosixSplitext(string p)
        {
            var sep = p.LastIndexOf('/');
            var dot = p.LastIndexOf('.');
            if (dot > sep)
            {
                var filenameIndex = sep + 1;
                while (filenameIndex < dot)
                {
                    if (p[filenameIndex] != '.') return new PyTuple(new object?[] { p.Substring(0, dot), p.Substring(dot) });
                    filenameIndex++;
                }
            }
            return new PyTuple(new object?[] { p, "" });
        }

        private static string Hash(string data, string type)
        {
            HashAlgorithm algorithm = type switch
            {
                "md5" => MD5.Create(),
                "sha1" => SHA1.Create(),
                "sha256" => SHA256.Create(),
                "sha384" => SHA384.Create(),
                "sha512" => SHA512.Create(),
                _ => throw new TemplateError("unsupported hash type " + type),
            };
            using (algorithm)
            {
                var bytes = algorithm.ComputeHash(new UTF8Encoding(false).GetBytes(data));
                return string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        private static List<object?> Flatten(IEnumerable<object?> items, int? levels, bool skipNulls)
        {
            var result = new List<object?>();
            foreach (var e in items)
            {
                if (skipNulls && (e == null || (e is string s && (s == "None" || s == "null")))) continue;
                if (e is IList<object?> || e is PyTuple)
                {
                    if (levels == null) result.AddRange(Flatten(Ops.Iterate(e), null, skipNulls));
                    else if (levels >= 1) result.AddRange(Flatten(Ops.Iterate(e), levels - 1, skipNulls));
                    else result.Add(e);
                }
                else result.Add(e);
            }
            return result;
        }

        private static List<object?> Zip(List<object?> sequences, bool longest, object? fill)
        {
            var lists = sequences.Select(Ops.ToList).ToList();
            var n = lists.Count == 0 ? 0 : longest ? lists.Max(l => l.Count) : lists.Min(l => l.Count);
            return Enumerable.Range(0, n).Select(i => (object?)new PyTuple(lists.Select(l => i < l.Count ? l[i] : fill))).ToList();
        }

        private static string Uuid5(Guid defaultNamespace, string name, string? ns)
        {
            var nsGuid = ns != null ? new Guid(ns) : defaultNamespace;
            var nsBytes = nsGuid.ToByteArray();
            // Guid.ToByteArray is little-endian in its first three fields; RFC 4122 wants network order.
            Array.Reverse(nsBytes, 0, 4);
            Array.Reverse(nsBytes, 4, 2);
            Array.Reverse(nsBytes, 6, 2);
            byte[] hash;
            using (var sha1 = SHA1.Create()) hash = sha1.ComputeHash(nsBytes.Concat(new UTF8Encoding(false).GetBytes(name)).ToArray());
            hash[6] = (byte)((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
            var hex = string.Concat(hash.Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            return hex.Substring(0, 8) + "-" + hex.Substring(8, 4) + "-" + hex.Substring(12, 4) + "-" + hex.Substring(16, 4) + "-" + hex.Substring(20, 12);
        }
    }
}
