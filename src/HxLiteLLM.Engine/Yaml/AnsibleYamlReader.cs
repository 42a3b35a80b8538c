using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Values;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HxLiteLLM.Yaml
{
    /// <summary>
    /// Reads YAML (and JSON) the way Ansible's loader does: JSON first, then YAML 1.1 with PyYAML's
    /// implicit typing, merge keys, anchors, duplicate keys last-wins, <c>!unsafe</c> and <c>!vault</c>.
    /// Built on YamlDotNet's event parser only; typing and construction follow PyYAML.
    /// </summary>
    public static class AnsibleYamlReader
    {
        private const string TagPrefix = "tag:yaml.org,2002:";

        /// <summary>Deeper nesting is refused before it can overflow the stack (PyYAML's recursive composer fails far sooner).</summary>
        public const int MaxDepth = 500;

        /// <summary>
        /// Nodes that aliases may add when expanded (a 478-byte "billion laughs" file expands to billions): beyond this
        /// the file is refused instead of being walked by every later step.
        /// </summary>
        public const long MaxAliasExpansion = 1_000_000;

        /// <summary>Reads and parses a file (UTF-8, BOM and CRLF tolerated).</summary>
        public static object? LoadFile(string path, ICollection<string>? warnings = null)
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(BoundedFile.ReadAllBytes(path));
            }
            catch (BoundedFile.RefusedException e)
            {
                throw new AnsibleYamlException(path, 0, 0, e.Message, e);
            }
            catch (DecoderFallbackException e)
            {
                throw new AnsibleYamlException(path, 0, 0, "the file is not valid UTF-8 (" + e.Message + "); save it as UTF-8", e);
            }
            return Load(text, path, warnings);
        }

        /// <summary>
        /// Parses one document. Empty text gives null. <paramref name="file"/> only names the source in
        /// messages; duplicate-key warnings go to <paramref name="warnings"/> and key positions to
        /// <paramref name="keyLines"/> when given. With <paramref name="ansibleStrings"/> (a file Ansible's DataLoader
        /// reads into variables) its YAML strings are AnsibleUnicode (<see cref="StrSubclass"/>); text that is JSON gives plain str there too.
        /// </summary>
        public static object? Load(string text, string? file = null, ICollection<string>? warnings = null, YamlKeyLines? keyLines = null,
            bool ansibleStrings = false)
        {
            if (text.Length > 0 && text[0] == '\ufeff') text = text.Substring(1);
            if (PyJsonReader.TryParse(text, ansibleObjects: true, out var json)) return json;
            var root = Compose(text, file, singleDocument: true);
            return root.Count == 0 ? null : new Constructor(file, warnings, keyLines, ansibleStrings).Construct(root[0]);
        }

        /// <summary>
        /// Every document of a YAML stream, as PyYAML's load_all gives them (no JSON reading first); an empty
        /// stream has none. Typing and tags are as in <see cref="Load"/>.
        /// </summary>
        public static List<object?> LoadAll(string text)
        {
            if (text.Length > 0 && text[0] == '\ufeff') text = text.Substring(1);
            var documents = new List<object?>();
            foreach (var root in Compose(text, null, singleDocument: false)) documents.Add(new Constructor(null, null, null, false).Construct(root));
            return documents;
        }

        // ---- composition: events → nodes (aliases share the anchored node) ----

        private abstract class Node
        {
            public Mark Start;
            public string? Tag;
        }

        private sealed class ScalarNode : Node
        {
            public string Value = "";
            public bool Plain;
        }

        private sealed class SequenceNode : Node
        {
            public readonly List<Node> Items = new List<Node>();
        }

        private sealed class MappingNode : Node
        {
            public List<KeyValuePair<Node, Node>> Pairs = new List<KeyValuePair<Node, Node>>();
            public bool Flattened;
        }

        private static List<Node> Compose(string text, string? file, bool singleDocument)
        {
            var parser = new Parser(new StringReader(text));
            try
            {
                var roots = new List<Node>();
                var anchors = new Dictionary<string, Node>(StringComparer.Ordinal);
                while (parser.MoveNext())
                {
                    var ev = parser.Current;
                    if (ev is DocumentStart)
                    {
                        if (singleDocument && roots.Count > 0)
                        {
                            throw new AnsibleYamlException(file, (int)ev.Start.Line, (int)ev.Start.Column,
                                "expected a single document in the stream but found another document; keep one document per file");
                        }
                        anchors.Clear();
                        parser.MoveNext();
                        var root = ComposeNode(parser, anchors, file, 0);
                        CheckAliasExpansion(root, file);
                        roots.Add(root);
                    }
                }
                return roots;
            }
            catch (YamlException e)
            {
                throw new AnsibleYamlException(file, (int)e.Start.Line, (int)e.Start.Column, "Syntax Error while loading YAML: " + e.Message, e);
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet's scanner fails this way on some malformed flow collections; the last good event locates it.
                var mark = parser.Current?.End ?? Mark.Empty;
                throw new AnsibleYamlException(file, (int)mark.Line, (int)mark.Column,
                    "Syntax Error while loading YAML: invalid structure after this point (an unclosed [ or { ?)", e);
            }
        }

        private static Node ComposeNode(IParser parser, Dictionary<string, Node> anchors, string? file, int depth)
        {
            var ev = parser.Current!;
            if (depth > MaxDepth)
            {
                throw new AnsibleYamlException(file, (int)ev.Start.Line, (int)ev.Start.Column, "nesting deeper than " + MaxDepth
                    + " levels; Ansible cannot load it either");
            }
            switch (ev)
            {
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new AnsibleYamlException(file, (int)ev.Start.Line, (int)ev.Start.Column,
                            "found undefined alias '" + alias.Value.Value + "'; define the anchor &" + alias.Value.Value + " before using it");
                    }
                    parser.MoveNext();
                    return target;
                case Scalar scalar:
                {
                    var node = new ScalarNode
                    {
                        Start = ev.Start,
                        Value = scalar.Value,
                        Plain = scalar.Style == ScalarStyle.Plain,
                        Tag = TagOf(scalar.Tag),
                    };
                    if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = node;
                    parser.MoveNext();
                    return node;
                }
                case SequenceStart start:
                {
                    var node = new SequenceNode { Start = ev.Start, Tag = TagOf(start.Tag) };
                    if (!start.Anchor.IsEmpty) anchors[start.Anchor.Value] = node;
                    parser.MoveNext();
                    while (!(parser.Current is SequenceEnd)) node.Items.Add(ComposeNode(parser, anchors, file, depth + 1));
                    parser.MoveNext();
                    return node;
                }
                case MappingStart start:
                {
                    var node = new MappingNode { Start = ev.Start, Tag = TagOf(start.Tag) };
                    if (!start.Anchor.IsEmpty) anchors[start.Anchor.Value] = node;
                    parser.MoveNext();
                    while (!(parser.Current is MappingEnd))
                    {
                        var key = ComposeNode(parser, anchors, file, depth + 1);
                        var value = ComposeNode(parser, anchors, file, depth + 1);
                        node.Pairs.Add(new KeyValuePair<Node, Node>(key, value));
                    }
                    parser.MoveNext();
                    return node;
                }
                default:
                    throw new AnsibleYamlException(file, (int)ev.Start.Line, (int)ev.Start.Column, "unexpected YAML event " + ev.GetType().Name);
            }
        }

        /// <summary>Refuses a document whose aliases, expanded, add more than <see cref="MaxAliasExpansion"/> nodes.</summary>
        private static void CheckAliasExpansion(Node root, string? file)
        {
            var expanded = new Dictionary<Node, long>();
            var distinct = new HashSet<Node>();
            long Size(Node node)
            {
                distinct.Add(node);
                if (expanded.TryGetValue(node, out var known)) return known;
                expanded[node] = 1; // an alias inside its own anchor: Construct reports it
                long size = 1;
                switch (node)
                {
                    case SequenceNode q:
                        foreach (var item in q.Items) size = Math.Min(long.MaxValue / 4, size + Size(item));
                        break;
                    case MappingNode m:
                        foreach (var pair in m.Pairs) size = Math.Min(long.MaxValue / 4, size + Size(pair.Key) + Size(pair.Value));
                        break;
                }
                expanded[node] = size;
                return size;
            }
            var total = Size(root);
            if (total - distinct.Count > MaxAliasExpansion)
            {
                throw new AnsibleYamlException(file, (int)root.Start.Line, (int)root.Start.Column,
                    "aliases expand this document to " + total + " nodes, more than " + MaxAliasExpansion
                        + " beyond its own (an alias bomb?); use fewer nested aliases");
            }
        }

        /// <summary>Null for untagged nodes and the non-specific "!" (which PyYAML reads as a plain str).</summary>
        private static string? TagOf(TagName tag) => tag.IsEmpty ? null : tag.IsNonSpecific ? "!" : tag.Value;

        // ---- construction: nodes → value model, PyYAML's SafeConstructor plus Ansible's tags ----

        private static readonly Regex BoolPattern = new Regex(
            @"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", RegexOptions.CultureInvariant);

        private static readonly Regex FloatPattern = new Regex(
            @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            RegexOptions.CultureInvariant);

        private static readonly Regex IntPattern = new Regex(
            @"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex NullPattern = new Regex(@"^(?:~|null|Null|NULL|)$", RegexOptions.CultureInvariant);

        private static readonly Regex TimestampPattern = new Regex(
            @"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex TimestampParts = new Regex(
            @"^(?<year>[0-9]{4})-(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})(?:(?:[Tt]|[ \t]+)(?<hour>[0-9]{1,2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]*))?(?:[ \t]*(?<tz>Z|(?<sign>[-+])(?<tzhour>[0-9]{1,2})(?::(?<tzminute>[0-9]{2}))?))?)?$",
            RegexOptions.CultureInvariant);

        /// <summary>PyYAML's implicit resolution of a plain scalar: the first matching resolver for its first character.</summary>
        private static string ResolvePlain(string v)
        {
            if (v.Length == 0) return "null";
            var c = v[0];
            if ("yYnNtTfFoO".IndexOf(c) >= 0 && BoolPattern.IsMatch(v)) return "bool";
            if ("-+0123456789.".IndexOf(c) >= 0 && FloatPattern.IsMatch(v)) return "float";
            if ("-+0123456789".IndexOf(c) >= 0 && IntPattern.IsMatch(v)) return "int";
            if (c == '<' && v == "<<") return "merge";
            if ("~nN".IndexOf(c) >= 0 && NullPattern.IsMatch(v)) return "null";
            if (c >= '0' && c <= '9' && TimestampPattern.IsMatch(v)) return "timestamp";
            if (c == '=' && v == "=") return "value";
            return "str";
        }

        private sealed class Constructor
        {
            private readonly string? _file;
            private readonly ICollection<string>? _warnings;
            private readonly Dictionary<Node, object?> _constructed = new Dictionary<Node, object?>();
            private readonly HashSet<Node> _inProgress = new HashSet<Node>();

            private readonly YamlKeyLines? _keyLines;
            private readonly bool _ansibleStrings;

            public Constructor(string? file, ICollection<string>? warnings, YamlKeyLines? keyLines, bool ansibleStrings)
            {
                _file = file;
                _warnings = warnings;
                _keyLines = keyLines;
                _ansibleStrings = ansibleStrings;
            }

            private AnsibleYamlException Error(Node node, string problem) =>
                new AnsibleYamlException(_file, (int)node.Start.Line, (int)node.Start.Column, problem);

            public object? Construct(Node node)
            {
                if (_constructed.TryGetValue(node, out var done)) return done;
                if (!_inProgress.Add(node)) throw Error(node, "found a recursive alias (an anchor used inside itself); Ansible cannot load it");
                var value = node switch
                {
                    ScalarNode s => ConstructScalar(s),
                    SequenceNode q => ConstructSequence(q),
                    MappingNode m => ConstructMapping(m),
                    _ => throw new InvalidOperationException(),
                };
                _inProgress.Remove(node);
                _constructed[node] = value;
                return value;
            }

            private object? ConstructScalar(ScalarNode node)
            {
                var tag = node.Tag;
                string kind;
                if (tag == null) kind = node.Plain ? ResolvePlain(node.Value) : "str";
                else if (tag == "!") kind = "str";
                else if (tag == "!unsafe") return node.Value;
                else if (tag == "!vault" || tag == "!vault-encrypted") return new VaultedString(node.Value);
                else if (tag.StartsWith(TagPrefix, StringComparison.Ordinal)) kind = tag.Substring(TagPrefix.Length);
                else throw UnknownTag(node, tag);

                switch (kind)
                {
                    case "str": return _ansibleStrings ? StrSubclass.Create(node.Value, StrSubclass.AnsibleUnicode) : node.Value;
                    case "null": return null;
                    case "bool": return ConstructBool(node);
                    case "int": return ConstructInt(node);
                    case "float": return ConstructFloat(node);
                    case "timestamp": return ConstructTimestamp(node);
                    case "merge":
                        throw Error(node, "a merge key '<<' can only be used as a mapping key");
                    default:
                        throw UnknownTag(node, tag ?? TagPrefix + kind);
                }
            }

            private AnsibleYamlException UnknownTag(Node node, string tag) =>
                Error(node, "could not determine a constructor for the tag '" + tag + "'; Ansible accepts standard YAML tags, !unsafe and !vault");

            private object ConstructBool(ScalarNode node)
            {
                switch (node.Value.ToLowerInvariant())
                {
                    case "yes": case "true": case "on": return true;
                    case "no": case "false": case "off": return false;
                    default: throw Error(node, "'" + node.Value + "' is not a boolean (yes/no/true/false/on/off)");
                }
            }

            private object ConstructInt(ScalarNode node)
            {
                var v = node.Value.Replace("_", "");
                var sign = BigInteger.One;
                if (v.Length > 0 && (v[0] == '-' || v[0] == '+'))
                {
                    if (v[0] == '-') sign = BigInteger.MinusOne;
                    v = v.Substring(1);
                }
                BigInteger result;
                bool ok;
                if (v == "0") { result = BigInteger.Zero; ok = true; }
                else if (v.StartsWith("0b", StringComparison.Ordinal)) ok = TryParseRadix(v.Substring(2), 2, out result);
                else if (v.StartsWith("0x", StringComparison.Ordinal)) ok = TryParseRadix(v.Substring(2), 16, out result);
                else if (v.Length > 0 && v[0] == '0') ok = TryParseRadix(v, 8, out result);
                else if (v.IndexOf(':') >= 0) ok = TryParseSexagesimal(v, out result);
                else ok = TryParseRadix(v, 10, out result);
                if (!ok) throw Error(node, "'" + node.Value + "' is not a valid integer");
                return PyNumber.Normalize(sign * result);
            }

            private static bool TryParseSexagesimal(string v, out BigInteger result)
            {
                result = BigInteger.Zero;
                foreach (var part in v.Split(':'))
                {
                    if (!TryParseRadix(part, 10, out var digit)) return false;
                    result = result * 60 + digit;
                }
                return true;
            }

            private static bool TryParseRadix(string digits, int radix, out BigInteger result)
            {
                result = BigInteger.Zero;
                if (digits.Length == 0) return false;
                foreach (var c in digits)
                {
                    var d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
                    if (d >= radix) return false;
                    result = result * radix + d;
                }
                return true;
            }

            private object ConstructFloat(ScalarNode node)
            {
                var v = node.Value.Replace("_", "").ToLowerInvariant();
                var sign = 1.0;
                if (v.Length > 0 && (v[0] == '-' || v[0] == '+'))
                {
                    if (v[0] == '-') sign = -1.0;
                    v = v.Substring(1);
                }
                if (v == ".inf") return sign * double.PositiveInfinity;
                if (v == ".nan") return double.NaN;
                if (v.IndexOf(':') >= 0)
                {
                    var total = 0.0;
                    foreach (var part in v.Split(':'))
                    {
                        if (!TryParseDouble(part, out var d)) throw Error(node, "'" + node.Value + "' is not a valid float");
                        total = total * 60 + d;
                    }
                    return sign * total;
                }
                if (!TryParseDouble(v, out var value)) throw Error(node, "'" + node.Value + "' is not a valid float");
                return sign * value;
            }

            private static bool TryParseDouble(string s, out double value) =>
                double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out value);

            /// <summary>
            /// PyYAML builds a date or datetime; Ansible's JSON output prints its isoformat(), which is
            /// what the value model keeps.
            /// </summary>
            private object ConstructTimestamp(ScalarNode node)
            {
                var m = TimestampParts.Match(node.Value);
                int Part(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
                var year = Part("year");
                var month = Part("month");
                var day = Part("day");
                if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                {
                    throw Error(node, "'" + node.Value + "' looks like a date but is not a valid one; quote it to keep it as a string");
                }
                var sb = new StringBuilder();
                sb.Append(year.ToString("0000", CultureInfo.InvariantCulture)).Append('-')
                  .Append(month.ToString("00", CultureInfo.InvariantCulture)).Append('-')
                  .Append(day.ToString("00", CultureInfo.InvariantCulture));
                if (!m.Groups["hour"].Success) return StrSubclass.Create(sb.ToString(), StrSubclass.Date);
                var hour = Part("hour");
                var minute = Part("minute");
                var second = Part("second");
                if (hour > 23 || minute > 59 || second > 59)
                {
                    throw Error(node, "'" + node.Value + "' looks like a timestamp but is not a valid one; quote it to keep it as a string");
                }
                sb.Append('T').Append(hour.ToString("00", CultureInfo.InvariantCulture)).Append(':')
                  .Append(minute.ToString("00", CultureInfo.InvariantCulture)).Append(':')
                  .Append(second.ToString("00", CultureInfo.InvariantCulture));
                var fraction = m.Groups["fraction"].Value;
                if (fraction.Length > 0)
                {
                    fraction = fraction.Length > 6 ? fraction.Substring(0, 6) : fraction.PadRight(6, '0');
                    if (fraction != "000000") sb.Append('.').Append(fraction);
                }
                if (m.Groups["sign"].Success)
                {
                    var tzHour = Part("tzhour");
                    var tzMinute = m.Groups["tzminute"].Success ? Part("tzminute") : 0;
                    var offset = tzHour * 60 + tzMinute;
                    if (offset >= 24 * 60)
                    {
                        throw Error(node, "'" + node.Value + "' has a time zone offset of 24 hours or more");
                    }
                    sb.Append(m.Groups["sign"].Value).Append((offset / 60).ToString("00", CultureInfo.InvariantCulture))
                      .Append(':').Append((offset % 60).ToString("00", CultureInfo.InvariantCulture));
                }
                else if (m.Groups["tz"].Success)
                {
                    sb.Append("+00:00");
                }
                return StrSubclass.Create(sb.ToString(), StrSubclass.DateTime);
            }

            private object? ConstructSequence(SequenceNode node)
            {
                if (node.Tag != null && node.Tag != "!" && node.Tag != "!unsafe" && node.Tag != TagPrefix + "seq") throw UnknownTag(node, node.Tag);
                var list = new List<object?>(node.Items.Count);
                foreach (var item in node.Items) list.Add(Construct(item));
                return list;
            }

            private object? ConstructMapping(MappingNode node)
            {
                if (node.Tag != null && node.Tag != "!" && node.Tag != "!unsafe" && node.Tag != TagPrefix + "map") throw UnknownTag(node, node.Tag);
                Flatten(node);
                var dict = new PyDict();
                foreach (var pair in node.Pairs)
                {
                    var key = Construct(pair.Key);
                    if (key == null) throw Error(pair.Key, "a null mapping key (~, null or empty) is not supported; quote the key");
                    if (key is List<object?> || key is PyDict || key is VaultedString)
                    {
                        throw Error(pair.Key, "found unacceptable key (unhashable type); mapping keys must be scalars");
                    }
                    if (dict.ContainsKey(key))
                    {
                        _warnings?.Add((_file ?? "<text>") + ":" + pair.Key.Start.Line + ":" + pair.Key.Start.Column +
                            ": found a duplicate dict key (" + PyRepr.Str(key) + "). Using last defined value only.");
                    }
                    dict[key] = Construct(pair.Value);
                    _keyLines?.Record(dict, key, (int)pair.Key.Start.Line);
                }
                return dict;
            }

            /// <summary>PyYAML's merge-key expansion: merged pairs go first, own pairs override them.</summary>
            private void Flatten(MappingNode node)
            {
                if (node.Flattened) return;
                node.Flattened = true;
                var merged = new List<KeyValuePair<Node, Node>>();
                var own = new List<KeyValuePair<Node, Node>>();
                foreach (var pair in node.Pairs)
                {
                    if (!(pair.Key is ScalarNode key && IsMergeKey(key)))
                    {
                        own.Add(pair);
                        continue;
                    }
                    switch (pair.Value)
                    {
                        case MappingNode single:
                            Flatten(single);
                            merged.AddRange(single.Pairs);
                            break;
                        case SequenceNode many:
                            var parts = new List<List<KeyValuePair<Node, Node>>>();
                            foreach (var item in many.Items)
                            {
                                if (!(item is MappingNode sub)) throw Error(item, "expected a mapping for merging, but found " + Describe(item));
                                Flatten(sub);
                                parts.Add(sub.Pairs);
                            }
                            parts.Reverse();
                            foreach (var part in parts) merged.AddRange(part);
                            break;
                        default:
                            throw Error(pair.Value, "expected a mapping or list of mappings for merging, but found " + Describe(pair.Value));
                    }
                }
                if (merged.Count > 0)
                {
                    merged.AddRange(own);
                    node.Pairs = merged;
                }
                else node.Pairs = own;
            }

            private static bool IsMergeKey(ScalarNode key) =>
                key.Tag == TagPrefix + "merge" || (key.Tag == null && key.Plain && key.Value == "<<");

            private static string Describe(Node node) => node is ScalarNode ? "a scalar" : node is SequenceNode ? "a sequence" : "a mapping";
        }
    }
}
