using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>One top-level <c>key: value</c> entry of a block mapping, as character offsets into the text.</summary>
    internal sealed class YamlTopLevelEntry
    {
        public YamlTopLevelEntry(string? key, int start, int end, string comment)
        {
            Key = key;
            Start = start;
            End = end;
            Comment = comment;
        }

        /// <summary>The key's scalar value (null when the key is not a scalar).</summary>
        public string? Key { get; }
        /// <summary>Where the key's text starts.</summary>
        public int Start { get; }
        /// <summary>Just past the entry: the end of the line holding the last character of its value.</summary>
        public int End { get; }
        /// <summary>The comment after the value on its last line, with the blanks before it ("  # note"); "" when there is none.</summary>
        public string Comment { get; }
    }

    /// <summary>
    /// The layout of a YAML document's root mapping at the text level, so single entries can be replaced while
    /// every other byte (comments, order, quoting, line ends) stays as it was.
    /// </summary>
    internal sealed class YamlTopLevelMap
    {
        private YamlTopLevelMap(RootKind kind) => Kind = kind;

        public enum RootKind { Empty, BlockMapping, FlowMapping, Other }

        public RootKind Kind { get; }
        /// <summary>Column (0-based) of the root mapping's keys.</summary>
        public int Indent { get; private set; }
        /// <summary>Where a new entry goes: after the last entry's text, before any document end marker.</summary>
        public int InsertAt { get; private set; }
        public List<YamlTopLevelEntry> Entries { get; } = new List<YamlTopLevelEntry>();

        /// <summary>Scans the text (without a BOM). Throws <see cref="HxException"/> "VarsFileInvalidYaml" on YAML errors.</summary>
        public static YamlTopLevelMap Scan(string text, string? sourceName)
        {
            var parser = new Parser(new StringReader(text));
            try
            {
                parser.MoveNext();
                Expect<StreamStart>(parser, sourceName);
                if (parser.Current is StreamEnd) return new YamlTopLevelMap(RootKind.Empty) { InsertAt = text.Length };
                Expect<DocumentStart>(parser, sourceName);
                var root = parser.Current!;
                YamlTopLevelMap map;
                if (root is Scalar empty && empty.Value.Length == 0 && empty.Style == ScalarStyle.Plain && empty.Tag.IsEmpty)
                {
                    parser.MoveNext();
                    map = new YamlTopLevelMap(RootKind.Empty) { InsertAt = (int)parser.Current!.Start.Index };
                }
                else if (root is MappingStart mapping)
                {
                    map = new YamlTopLevelMap(mapping.Style == MappingStyle.Flow ? RootKind.FlowMapping : RootKind.BlockMapping);
                    map.ReadEntries(parser, text);
                }
                else
                {
                    return new YamlTopLevelMap(RootKind.Other);
                }
                Expect<DocumentEnd>(parser, sourceName);
                if (!(parser.Current is StreamEnd)) return new YamlTopLevelMap(RootKind.Other);
                return map;
            }
            catch (YamlException e)
            {
                // The parser's message may quote file content; its position is enough to find the problem.
                throw Invalid(sourceName, e.Start);
            }
            catch (InvalidOperationException)
            {
                throw Invalid(sourceName, parser.Current?.End ?? Mark.Empty);
            }
        }

        private void ReadEntries(IParser parser, string text)
        {
            parser.MoveNext();
            var first = true;
            var lastEnd = 0;
            while (!(parser.Current is MappingEnd))
            {
                var key = parser.Current!;
                if (first) Indent = (int)key.Start.Column - 1;
                first = false;
                SkipNode(parser);
                var valueEnd = SkipNode(parser);
                var end = valueEnd > 0 && text[valueEnd - 1] == '\n' ? valueEnd : LineEnd(text, valueEnd);
                Entries.Add(new YamlTopLevelEntry(key is Scalar s ? s.Value : null, (int)key.Start.Index, end, TrailingComment(text, valueEnd, end)));
                lastEnd = end;
            }
            // Block mappings end at the next token, which may sit past trailing comments; new entries go after them.
            InsertAt = Kind == RootKind.BlockMapping ? Math.Max(lastEnd, (int)parser.Current.Start.Index) : lastEnd;
            parser.MoveNext();
        }

        /// <summary>Consumes one node and returns where its text ends (block collections end at their last scalar).</summary>
        private static int SkipNode(IParser parser)
        {
            var end = (int)parser.Current!.End.Index;
            var flow = new Stack<bool>();
            do
            {
                var current = parser.Current!;
                if (current is MappingStart m) flow.Push(m.Style == MappingStyle.Flow);
                else if (current is SequenceStart q) flow.Push(q.Style == SequenceStyle.Flow);
                else if ((current is MappingEnd || current is SequenceEnd) && flow.Pop()) end = Math.Max(end, (int)current.End.Index);
                else if (current is Scalar || current is AnchorAlias) end = Math.Max(end, (int)current.End.Index);
                parser.MoveNext();
            }
            while (flow.Count > 0);
            return end;
        }

        /// <summary>The text between the value's end and its line end when it is blanks then a comment; "" otherwise.</summary>
        private static string TrailingComment(string text, int valueEnd, int lineEnd)
        {
            if (valueEnd >= lineEnd) return "";
            var rest = text.Substring(valueEnd, lineEnd - valueEnd).TrimEnd('\n', '\r');
            var blanks = rest.Length - rest.TrimStart(' ', '\t').Length;
            return blanks > 0 && blanks < rest.Length && rest[blanks] == '#' ? rest : "";
        }

        private static int LineEnd(string text, int index)
        {
            var newline = text.IndexOf('\n', Math.Min(index, text.Length));
            return newline < 0 ? text.Length : newline + 1;
        }

        private static void Expect<T>(IParser parser, string? sourceName) where T : ParsingEvent
        {
            if (!(parser.Current is T)) throw Invalid(sourceName, parser.Current?.Start ?? Mark.Empty);
            parser.MoveNext();
        }

        private static HxException Invalid(string? sourceName, Mark at) =>
            new HxException("VarsFileInvalidYaml",
                (sourceName ?? "<vars>") + (at.Line > 0 ? ":" + at.Line : "")
                    + ": the file is not valid YAML; fix it (ansible-inventory would fail on it too) before changing variables.",
                sourceName, at.Line > 0 ? (int)at.Line : 0, at.Column > 0 ? (int)at.Column : 0, kind: HxErrorKind.ParseError);
    }
}
