using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>A key written twice in one YAML mapping (the loaders keep the last one silently).</summary>
    public sealed class DuplicateKey
    {
        public DuplicateKey(string path, string key, int line, int column, int firstLine)
        {
            Path = path;
            Key = key;
            Line = line;
            Column = column;
            FirstLine = firstLine;
        }

        /// <summary>Where the mapping is, e.g. model_list[0].litellm_params; empty for the top level.</summary>
        public string Path { get; }
        public string Key { get; }
        public int Line { get; }
        public int Column { get; }
        /// <summary>Line of the first occurrence, which the later one overrides.</summary>
        public int FirstLine { get; }
    }

    /// <summary>Finds duplicate mapping keys from YamlDotNet's parser events (syntax errors surface as <see cref="YamlException"/>).</summary>
    public static class YamlDuplicateKeys
    {
        private sealed class Frame
        {
            public Frame(bool mapping, string path)
            {
                Mapping = mapping;
                Path = path;
            }

            public readonly bool Mapping;
            public readonly string Path;
            public readonly Dictionary<string, int> Keys = new Dictionary<string, int>();
            public bool ExpectKey = true;
            public string? PendingKey;
            public int Index;
        }

        public static IReadOnlyList<DuplicateKey> Find(string text)
        {
            var found = new List<DuplicateKey>();
            var parser = new Parser(new StringReader(text));
            var stack = new Stack<Frame>();
            while (parser.MoveNext())
            {
                var e = parser.Current;
                switch (e)
                {
                    case MappingStart _:
                    case SequenceStart _:
                        var path = ChildPath(stack);
                        stack.Push(new Frame(e is MappingStart, path));
                        break;
                    case MappingEnd _:
                    case SequenceEnd _:
                        stack.Pop();
                        break;
                    case Scalar s:
                        if (stack.Count > 0 && stack.Peek().Mapping && stack.Peek().ExpectKey)
                        {
                            var frame = stack.Peek();
                            if (s.Value != "<<" && frame.Keys.TryGetValue(s.Value, out var first))
                            {
                                found.Add(new DuplicateKey(frame.Path, s.Value, (int)s.Start.Line, (int)s.Start.Column, first));
                            }
                            else
                            {
                                frame.Keys[s.Value] = (int)s.Start.Line;
                            }
                            frame.PendingKey = s.Value;
                            frame.ExpectKey = false;
                        }
                        else
                        {
                            ChildPath(stack);
                        }
                        break;
                    case AnchorAlias _:
                        if (stack.Count > 0 && stack.Peek().Mapping && stack.Peek().ExpectKey)
                        {
                            stack.Peek().PendingKey = "*alias";
                            stack.Peek().ExpectKey = false;
                        }
                        else
                        {
                            ChildPath(stack);
                        }
                        break;
                }
            }
            return found;
        }

        /// <summary>The path of the node that fills the current slot of the top frame, and advances that frame.</summary>
        private static string ChildPath(Stack<Frame> stack)
        {
            if (stack.Count == 0) return "";
            var frame = stack.Peek();
            if (frame.Mapping)
            {
                if (frame.ExpectKey)
                {
                    // A complex (non-scalar) key: its content is not a path.
                    frame.ExpectKey = false;
                    frame.PendingKey = "?";
                    return frame.Path + "{key}";
                }
                frame.ExpectKey = true;
                return frame.Path.Length == 0 ? frame.PendingKey ?? "" : frame.Path + "." + frame.PendingKey;
            }
            return frame.Path + "[" + frame.Index++ + "]";
        }
    }
}
