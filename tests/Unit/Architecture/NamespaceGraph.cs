using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>
    /// Which engine namespace uses which, read from the sources: <c>using HxLiteLLM.X</c> lines (plain, static and
    /// alias) and qualified references in code (<c>HxLiteLLM.X.Type</c>, or <c>X.Type</c> from a sibling namespace),
    /// with comments and string literals removed first. Every edge keeps the files it was seen in, to name them.
    /// </summary>
    public sealed class NamespaceGraph
    {
        private static readonly Regex NamespaceLine = new Regex(@"^\s*namespace\s+(HxLiteLLM(?:\.\w+)*)", RegexOptions.Multiline);
        private static readonly Regex UsingLine = new Regex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?HxLiteLLM\.(\w+)", RegexOptions.Multiline);
        private static readonly Regex CommentsAndStrings = new Regex(
            @"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'", RegexOptions.Singleline);

        private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _edges =
            new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);

        public IEnumerable<string> Namespaces => _edges.Keys;

        public void Add(string from, string to, string seenIn)
        {
            Node(to);
            if (from == to) return;
            var targets = Node(from);
            if (!targets.TryGetValue(to, out var files)) targets[to] = files = new SortedSet<string>(StringComparer.Ordinal);
            files.Add(seenIn);
        }

        public bool Uses(string from, string to) => _edges.TryGetValue(from, out var t) && t.ContainsKey(to);

        public IEnumerable<string> FilesOf(string from, string to) => _edges[from][to];

        /// <summary>The graph of the C# files under the given folders; namespaces are named without the HxLiteLLM prefix.</summary>
        public static NamespaceGraph FromSources(params string[] folders)
        {
            var files = folders.SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "obj" || part == "bin"))
                .Select(f => (Path: f, Code: File.ReadAllText(f)))
                .ToList();
            var graph = new NamespaceGraph();
            var declared = new List<(string Path, string Namespace, string Code)>();
            foreach (var (path, code) in files)
            {
                var match = NamespaceLine.Match(code);
                if (!match.Success) continue;
                var ns = Short(match.Groups[1].Value);
                graph.Node(ns);
                declared.Add((path, ns, code));
            }
            var siblings = new Regex(@"(?<![\w.])(?:HxLiteLLM\.)?(" + string.Join("|", graph.Namespaces.Select(Regex.Escape)) + @")\.[A-Z]\w*");
            var qualified = new Regex(@"\bHxLiteLLM\.(\w+)\.");
            foreach (var (path, ns, code) in declared)
            {
                var name = Path.GetFileName(path);
                foreach (Match u in UsingLine.Matches(code)) graph.Add(ns, u.Groups[1].Value, name);
                var body = CommentsAndStrings.Replace(code, " ");
                body = UsingLine.Replace(NamespaceLine.Replace(body, " "), " ");
                foreach (Match q in qualified.Matches(body)) graph.Add(ns, q.Groups[1].Value, name);
                foreach (Match s in siblings.Matches(body)) graph.Add(ns, s.Groups[1].Value, name);
            }
            return graph;
        }

        /// <summary>One cycle as a path that ends where it starts (A, B, A), or null when the graph has none.</summary>
        public IReadOnlyList<string>? FindCycle()
        {
            var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
            var path = new List<string>();
            foreach (var start in _edges.Keys)
            {
                var cycle = Visit(start, state, path);
                if (cycle != null) return cycle;
            }
            return null;
        }

        private List<string>? Visit(string node, Dictionary<string, bool> state, List<string> path)
        {
            if (state.TryGetValue(node, out var done))
            {
                return done ? null : path.Skip(path.IndexOf(node)).Append(node).ToList();
            }
            state[node] = false;
            path.Add(node);
            foreach (var next in _edges[node].Keys)
            {
                var cycle = Visit(next, state, path);
                if (cycle != null) return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }

        private SortedDictionary<string, SortedSet<string>> Node(string ns)
        {
            if (!_edges.TryGetValue(ns, out var targets))
            {
                _edges[ns] = targets = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            }
            return targets;
        }

        private static string Short(string ns) => ns == "HxLiteLLM" ? "(root)" : ns.Substring("HxLiteLLM.".Length).Split('.')[0];
    }
}
