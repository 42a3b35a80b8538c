using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Yaml
{
    /// <summary>
    /// <c>yaml.dump</c> of PyYAML's SafeDumper with the libyaml C emitter (what Ansible's to_yaml/to_nice_yaml
    /// produce), byte for byte: YAML 1.1 implicit typing decides quoting, libyaml's scalar analysis picks
    /// plain / single / double quotes, and long scalars fold at the width.
    /// </summary>
    public static class PyYamlWriter
    {
        /// <param name="value">Value model only (null, bool, long, BigInteger, double, string, lists, dicts).</param>
        /// <param name="indent">Spaces per level (PyYAML uses 2 unless 1 &lt; indent &lt; 10).</param>
        /// <param name="defaultFlowStyle">false: block everywhere; null: innermost collections in flow style; true: flow everywhere.</param>
        /// <param name="sortKeys">Sort mapping keys (PyYAML's default).</param>
        /// <param name="width">Preferred line width (80 unless larger than twice the indent).</param>
        /// <param name="allowUnicode">Write non-ASCII characters as they are rather than escaped.</param>
        /// <param name="explicitStart">Begin the document with "---".</param>
        /// <param name="explicitEnd">End the document with "...".</param>
        public static string Dump(object? value, int indent = 2, bool? defaultFlowStyle = false, bool sortKeys = true, int width = 80, bool allowUnicode = true,
            bool explicitStart = false, bool explicitEnd = false)
        {
            var root = Represent(value, defaultFlowStyle, sortKeys, 0);
            var emitter = new Emitter(indent > 1 && indent < 10 ? indent : 2, width, allowUnicode);
            return emitter.EmitDocument(root, explicitStart, explicitEnd);
        }

        internal enum Kind { Scalar, Sequence, Mapping }

        internal sealed class YNode
        {
            public Kind Kind;
            public string Text = "";
            public bool PlainImplicit;
            public bool Flow;
            public List<YNode> Items = new List<YNode>();
            public List<KeyValuePair<YNode, YNode>> Pairs = new List<KeyValuePair<YNode, YNode>>();
        }

        private static YNode Scalar(string text, bool plainImplicit) => new YNode { Kind = Kind.Scalar, Text = text, PlainImplicit = plainImplicit };

        private static YNode Represent(object? value, bool? defaultFlowStyle, bool sortKeys, int depth)
        {
            if (depth > 500) throw new ArgumentException("value nested too deeply to represent as YAML");
            switch (value)
            {
                case null: return Scalar("null", true);
                case bool b: return Scalar(b ? "true" : "false", true);
                case string s: return Scalar(s, ResolvesToString(s));
                case long _: case int _: case BigInteger _: return Scalar(Convert.ToString(value, CultureInfo.InvariantCulture)!, true);
                case double d: return Scalar(FloatText(d), true);
                case IDictionary<object, object?> dict:
                    var pairs = dict.ToList();
                    if (sortKeys)
                    {
                        try
                        {
                            pairs = pairs.Select((kv, i) => (kv, i)).OrderBy(x => x.kv.Key,
                                Comparer<object>.Create((a, c) => PyTruth.Compare(a, c))).ThenBy(x => x.i).Select(x => x.kv).ToList();
                        }
                        catch (InvalidOperationException e) when (e.InnerException is ArgumentException)
                        {
                            // Python's sorted() raises TypeError on mixed key types; PyYAML then keeps insertion order.
                            pairs = dict.ToList();
                        }
                    }
                    var map = new YNode { Kind = Kind.Mapping };
                    var bestMap = true;
                    foreach (var kv in pairs)
                    {
                        var k = Represent(kv.Key, defaultFlowStyle, sortKeys, depth + 1);
                        var v = Represent(kv.Value, defaultFlowStyle, sortKeys, depth + 1);
                        if (k.Kind != Kind.Scalar || v.Kind != Kind.Scalar) bestMap = false;
                        map.Pairs.Add(new KeyValuePair<YNode, YNode>(k, v));
                    }
                    map.Flow = defaultFlowStyle ?? bestMap;
                    return map;
                case PyTuple _:
                    throw new ArgumentException("cannot represent an object: " + PyRepr.Repr(value));
                case System.Collections.IEnumerable list:
                    var seq = new YNode { Kind = Kind.Sequence };
                    var bestSeq = true;
                    foreach (var item in list)
                    {
                        var n = Represent(item, defaultFlowStyle, sortKeys, depth + 1);
                        if (n.Kind != Kind.Scalar) bestSeq = false;
                        seq.Items.Add(n);
                    }
                    seq.Flow = defaultFlowStyle ?? bestSeq;
                    return seq;
                default:
                    throw new ArgumentException("cannot represent an object: " + value.GetType().Name);
            }
        }

        /// <summary>PyYAML's represent_float: repr, lower-cased, ".0" added before an exponent without a point.</summary>
        private static string FloatText(double d)
        {
            if (double.IsNaN(d)) return ".nan";
            if (double.IsPositiveInfinity(d)) return ".inf";
            if (double.IsNegativeInfinity(d)) return "-.inf";
            var text = PyRepr.Float(d).ToLowerInvariant();
            if (!text.Contains('.') && text.Contains('e')) text = text.Replace("e", ".0e");
            return text;
        }

        // YAML 1.1 implicit resolvers of PyYAML's SafeDumper (bool, float, int, merge, null, timestamp, value).
        private static readonly Regex[] Resolvers =
        {
            new Regex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
            new Regex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
            new Regex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
            new Regex(@"^(?:<<)$"),
            new Regex(@"^(?:~|null|Null|NULL|)$"),
            new Regex(@"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"),
            new Regex(@"^(?:=)$"),
        };

        // First characters each resolver is registered for (PyYAML looks resolvers up by the first character).
        private static readonly string[] ResolverFirstChars =
        {
            "yYnNtTfFoO", "-+0123456789.", "-+0123456789", "<", "~nN", "0123456789", "=",
        };

        /// <summary>True when a plain scalar with this text would load back as a string.</summary>
        private static bool ResolvesToString(string s)
        {
            for (var i = 0; i < Resolvers.Length; i++)
            {
                var applies = s.Length == 0 ? i == 4 : ResolverFirstChars[i].IndexOf(s[0]) >= 0;
                // Python's $ also matches before a final newline; the resolvers are anchored with $ too.
                if (applies && (Resolvers[i].IsMatch(s) || (s.EndsWith("\n") && Resolvers[i].IsMatch(s.Substring(0, s.Length - 1))))) return false;
            }
            return true;
        }

        private sealed class Analysis
        {
            public bool Empty, Multiline, FlowPlain, BlockPlain, SingleQuoted;
            public int Length;
        }

        private sealed class Emitter
        {
            private readonly StringBuilder _out = new StringBuilder();
            private readonly int _bestIndent;
            private readonly int _bestWidth;
            private readonly bool _unicode;
            private readonly Stack<int> _indents = new Stack<int>();
            private int _indent = -1;
            private int _column;
            private bool _whitespace = true;
            private bool _indention = true;
            private int _flowLevel;
            private bool _mappingContext;
            private bool _simpleKeyContext;

            public Emitter(int indent, int width, bool unicode)
            {
                _bestIndent = indent;
                _bestWidth = width > indent * 2 ? width : 80;
                _unicode = unicode;
            }

            public string EmitDocument(YNode root, bool explicitStart, bool explicitEnd)
            {
                if (explicitStart)
                {
                    WriteIndent();
                    WriteIndicator("---", true, false, false);
                }
                Node(root, false, false);
                WriteIndent();
                if (explicitEnd)
                {
                    WriteIndicator("...", true, false, false);
                    WriteIndent();
                }
                return _out.ToString();
            }

            private void IncreaseIndent(bool flow, bool indentless)
            {
                _indents.Push(_indent);
                if (_indent < 0) _indent = flow ? _bestIndent : 0;
                else if (!indentless) _indent += _bestIndent;
            }

            private void PopIndent() => _indent = _indents.Pop();

            private void Node(YNode node, bool mapping, bool simpleKey)
            {
                _mappingContext = mapping;
                _simpleKeyContext = simpleKey;
                switch (node.Kind)
                {
                    case Kind.Scalar:
                        IncreaseIndent(true, false);
                        ProcessScalar(node);
                        PopIndent();
                        break;
                    case Kind.Sequence:
                        if (_flowLevel > 0 || node.Flow || node.Items.Count == 0) FlowSequence(node);
                        else BlockSequence(node);
                        break;
                    default:
                        if (_flowLevel > 0 || node.Flow || node.Pairs.Count == 0) FlowMapping(node);
                        else BlockMapping(node);
                        break;
                }
            }

            private void FlowSequence(YNode node)
            {
                WriteIndicator("[", true, true, false);
                _flowLevel++;
                IncreaseIndent(true, false);
                var first = true;
                foreach (var item in node.Items)
                {
                    if (!first) WriteIndicator(",", false, false, false);
                    if (_column > _bestWidth) WriteIndent();
                    Node(item, false, false);
                    first = false;
                }
                PopIndent();
                _flowLevel--;
                WriteIndicator("]", false, false, false);
            }

            private void FlowMapping(YNode node)
            {
                WriteIndicator("{", true, true, false);
                _flowLevel++;
                IncreaseIndent(true, false);
                var first = true;
                foreach (var pair in node.Pairs)
                {
                    if (!first) WriteIndicator(",", false, false, false);
                    if (_column > _bestWidth) WriteIndent();
                    if (IsSimpleKey(pair.Key))
                    {
                        Node(pair.Key, true, true);
                        WriteIndicator(":", false, false, false);
                    }
                    else
                    {
                        WriteIndicator("?", true, false, false);
                        Node(pair.Key, true, false);
                        if (_column > _bestWidth) WriteIndent();
                        WriteIndicator(":", true, false, false);
                    }
                    Node(pair.Value, true, false);
                    first = false;
                }
                PopIndent();
                _flowLevel--;
                WriteIndicator("}", false, false, false);
            }

            private void BlockSequence(YNode node)
            {
                IncreaseIndent(false, _mappingContext && !_indention);
                foreach (var item in node.Items)
                {
                    WriteIndent();
                    WriteIndicator("-", true, false, true);
                    Node(item, false, false);
                }
                PopIndent();
            }

            private void BlockMapping(YNode node)
            {
                IncreaseIndent(false, false);
                foreach (var pair in node.Pairs)
                {
                    WriteIndent();
                    if (IsSimpleKey(pair.Key))
                    {
                        Node(pair.Key, true, true);
                        WriteIndicator(":", false, false, false);
                    }
                    else
                    {
                        WriteIndicator("?", true, false, true);
                        Node(pair.Key, true, false);
                        WriteIndent();
                        WriteIndicator(":", true, false, true);
                    }
                    Node(pair.Value, true, false);
                }
                PopIndent();
            }

            private bool IsSimpleKey(YNode key)
            {
                if (key.Kind == Kind.Sequence) return key.Items.Count == 0;
                if (key.Kind == Kind.Mapping) return key.Pairs.Count == 0;
                var a = Analyze(key.Text);
                return !a.Multiline && a.Length <= 128;
            }

            private void ProcessScalar(YNode node)
            {
                var a = Analyze(node.Text);
                var style = 'p';
                if (_simpleKeyContext && a.Multiline) style = '"';
                if (style == 'p')
                {
                    if ((_flowLevel > 0 && !a.FlowPlain) || (_flowLevel == 0 && !a.BlockPlain)) style = '\'';
                    if (a.Empty && (_flowLevel > 0 || _simpleKeyContext)) style = '\'';
                    if (!node.PlainImplicit) style = '\'';
                }
                if (style == '\'' && !a.SingleQuoted) style = '"';
                var allowBreaks = !_simpleKeyContext;
                if (style == 'p') WritePlain(node.Text, allowBreaks);
                else if (style == '\'') WriteSingleQuoted(node.Text, allowBreaks);
                else WriteDoubleQuoted(node.Text, allowBreaks);
            }

            // ---- libyaml's character classes (on code points) ----

            private static bool IsBreak(int c) => c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
            private static bool IsBlankOrEnd(int c) => c < 0 || c == ' ' || c == '\t' || IsBreak(c) || c == 0;

            private static bool IsPrintable(int c) =>
                c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

            private static List<int> CodePoints(string s)
            {
                var list = new List<int>(s.Length);
                for (var i = 0; i < s.Length; i++)
                {
                    if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { list.Add(char.ConvertToUtf32(s[i], s[i + 1])); i++; }
                    else list.Add(s[i]);
                }
                return list;
            }

            private Analysis Analyze(string text)
            {
                var cps = CodePoints(text);
                var a = new Analysis { Length = Encoding.UTF8.GetByteCount(text) };
                if (cps.Count == 0)
                {
                    a.Empty = true;
                    a.BlockPlain = true;
                    a.SingleQuoted = true;
                    return a;
                }
                bool blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
                bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
                bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
                if (text.StartsWith("---") || text.StartsWith("...")) blockIndicators = flowIndicators = true;
                var precededByWhitespace = true;
                var followedByWhitespace = cps.Count < 2 || IsBlankOrEnd(cps[1]);
                for (var i = 0; i < cps.Count; i++)
                {
                    var c = cps[i];
                    if (i == 0)
                    {
                        if ("#,[]{}&*!|>'\"%@`".IndexOf((char)Math.Min(c, 0xffff)) >= 0 && c < 128) flowIndicators = blockIndicators = true;
                        if (c == '?' || c == ':')
                        {
                            flowIndicators = true;
                            if (followedByWhitespace) blockIndicators = true;
                        }
                        if (c == '-' && followedByWhitespace) flowIndicators = blockIndicators = true;
                    }
                    else
                    {
                        if (c < 128 && ",?[]{}".IndexOf((char)c) >= 0) flowIndicators = true;
                        if (c == ':')
                        {
                            flowIndicators = true;
                            if (followedByWhitespace) blockIndicators = true;
                        }
                        if (c == '#' && precededByWhitespace) flowIndicators = blockIndicators = true;
                    }
                    if (!IsPrintable(c) || (c > 0x7f && !_unicode)) special = true;
                    if (IsBreak(c)) lineBreaks = true;
                    if (c == ' ')
                    {
                        if (i == 0) leadingSpace = true;
                        if (i == cps.Count - 1) trailingSpace = true;
                        if (previousBreak) breakSpace = true;
                        previousSpace = true;
                        previousBreak = false;
                    }
                    else if (IsBreak(c))
                    {
                        if (i == 0) leadingBreak = true;
                        if (i == cps.Count - 1) trailingBreak = true;
                        if (previousSpace) spaceBreak = true;
                        previousSpace = false;
                        previousBreak = true;
                    }
                    else
                    {
                        previousSpace = false;
                        previousBreak = false;
                    }
                    precededByWhitespace = IsBlankOrEnd(c);
                    if (i + 1 < cps.Count) followedByWhitespace = i + 2 >= cps.Count || IsBlankOrEnd(cps[i + 2]);
                }
                a.Multiline = lineBreaks;
                a.FlowPlain = a.BlockPlain = a.SingleQuoted = true;
                if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.FlowPlain = a.BlockPlain = false;
                if (breakSpace) a.FlowPlain = a.BlockPlain = a.SingleQuoted = false;
                if (spaceBreak || special) a.FlowPlain = a.BlockPlain = a.SingleQuoted = false;
                if (lineBreaks) a.FlowPlain = a.BlockPlain = false;
                if (flowIndicators) a.FlowPlain = false;
                if (blockIndicators) a.BlockPlain = false;
                return a;
            }

            // ---- writers ----

            private void Put(string s)
            {
                _out.Append(s);
                _column += s.Length;
            }

            private void PutCodePoint(int c)
            {
                _out.Append(char.ConvertFromUtf32(c));
                _column++;
            }

            private void PutBreak()
            {
                _out.Append('\n');
                _column = 0;
            }

            private void WriteBreakChar(int c)
            {
                if (c == '\n') PutBreak();
                else
                {
                    _out.Append(char.ConvertFromUtf32(c));
                    _column = 0;
                }
            }

            private void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
            {
                if (needWhitespace && !_whitespace) Put(" ");
                Put(indicator);
                _whitespace = isWhitespace;
                _indention = _indention && isIndention;
            }

            private void WriteIndent()
            {
                var indent = _indent >= 0 ? _indent : 0;
                if (!_indention || _column > indent || (_column == indent && !_whitespace)) PutBreak();
                while (_column < indent) Put(" ");
                _whitespace = true;
                _indention = true;
            }

            private void WritePlain(string text, bool allowBreaks)
            {
                var cps = CodePoints(text);
                if (!_whitespace && (cps.Count > 0 || _flowLevel > 0)) Put(" ");
                bool spaces = false, breaks = false;
                for (var i = 0; i < cps.Count; i++)
                {
                    var c = cps[i];
                    if (c == ' ')
                    {
                        if (allowBreaks && !spaces && _column > _bestWidth && !(i + 1 < cps.Count && cps[i + 1] == ' ')) WriteIndent();
                        else PutCodePoint(c);
                        spaces = true;
                    }
                    else if (IsBreak(c))
                    {
                        if (!breaks && c == '\n') PutBreak();
                        WriteBreakChar(c);
                        _indention = true;
                        breaks = true;
                    }
                    else
                    {
                        if (breaks) WriteIndent();
                        PutCodePoint(c);
                        _indention = false;
                        spaces = false;
                        breaks = false;
                    }
                }
                _whitespace = false;
                _indention = false;
            }

            private void WriteSingleQuoted(string text, bool allowBreaks)
            {
                var cps = CodePoints(text);
                WriteIndicator("'", true, false, false);
                bool spaces = false, breaks = false;
                for (var i = 0; i < cps.Count; i++)
                {
                    var c = cps[i];
                    if (c == ' ')
                    {
                        if (allowBreaks && !spaces && _column > _bestWidth && i != 0 && i != cps.Count - 1
                            && !(i + 1 < cps.Count && cps[i + 1] == ' ')) WriteIndent();
                        else PutCodePoint(c);
                        spaces = true;
                    }
                    else if (IsBreak(c))
                    {
                        if (!breaks && c == '\n') PutBreak();
                        WriteBreakChar(c);
                        _indention = true;
                        breaks = true;
                    }
                    else
                    {
                        if (breaks) WriteIndent();
                        if (c == '\'') Put("'");
                        PutCodePoint(c);
                        _indention = false;
                        spaces = false;
                        breaks = false;
                    }
                }
                if (breaks) WriteIndent();
                WriteIndicator("'", false, false, false);
                _whitespace = false;
                _indention = false;
            }

            private void WriteDoubleQuoted(string text, bool allowBreaks)
            {
                var cps = CodePoints(text);
                WriteIndicator("\"", true, false, false);
                var spaces = false;
                for (var i = 0; i < cps.Count; i++)
                {
                    var c = cps[i];
                    if (!IsPrintable(c) || (!_unicode && c > 0x7f) || c == 0xFEFF || IsBreak(c) || c == '"' || c == '\\')
                    {
                        Put("\\");
                        switch (c)
                        {
                            case 0x00: Put("0"); break;
                            case 0x07: Put("a"); break;
                            case 0x08: Put("b"); break;
                            case 0x09: Put("t"); break;
                            case 0x0A: Put("n"); break;
                            case 0x0B: Put("v"); break;
                            case 0x0C: Put("f"); break;
                            case 0x0D: Put("r"); break;
                            case 0x1B: Put("e"); break;
                            case 0x22: Put("\""); break;
                            case 0x5C: Put("\\"); break;
                            case 0x85: Put("N"); break;
                            case 0xA0: Put("_"); break;
                            case 0x2028: Put("L"); break;
                            case 0x2029: Put("P"); break;
                            default:
                                if (c <= 0xFF) Put("x" + c.ToString("X2", CultureInfo.InvariantCulture));
                                else if (c <= 0xFFFF) Put("u" + c.ToString("X4", CultureInfo.InvariantCulture));
                                else Put("U" + c.ToString("X8", CultureInfo.InvariantCulture));
                                break;
                        }
                        spaces = false;
                    }
                    else if (c == ' ')
                    {
                        if (allowBreaks && !spaces && _column > _bestWidth && i != 0 && i != cps.Count - 1)
                        {
                            WriteIndent();
                            if (i + 1 < cps.Count && cps[i + 1] == ' ') Put("\\");
                        }
                        else PutCodePoint(c);
                        spaces = true;
                    }
                    else
                    {
                        PutCodePoint(c);
                        spaces = false;
                    }
                }
                WriteIndicator("\"", false, false, false);
                _whitespace = false;
                _indention = false;
            }
        }
    }
}
