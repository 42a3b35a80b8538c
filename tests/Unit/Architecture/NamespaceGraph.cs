using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>
    /// Which namespace uses which, read from the sources: <c>using HxLiteLLM.X</c> lines (plain, static and alias) and
    /// qualified references in code (<c>HxLiteLLM.X.Type</c>, or <c>X.Type</c> bound as C# binds it: in the enclosing
    /// namespaces first, innermost out), with comments and string literals removed first. Namespaces are named without
    /// the HxLiteLLM prefix (<c>Vault</c>, <c>PowerShell.Commands.Vault</c>). Every edge keeps the files it was seen in.
    /// </summary>
    public sealed class NamespaceGraph
    {
        private static readonly Regex NamespaceLine = new Regex(@"^\s*namespace\s+(HxLiteLLM(?:\.\w+)*)", RegexOptions.Multiline);
        private static readonly Regex UsingLine = new Regex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?(HxLiteLLM(?:\.\w+)+)", RegexOptions.Multiline);
        private static readonly Regex QualifiedName = new Regex(@"(?<![\w.])((?:[A-Z]\w*\.)+)[A-Z]\w*");
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

        public IEnumerable<(string From, string To)> Edges => _edges.SelectMany(e => e.Value.Keys.Select(to => (e.Key, to)));

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
                declared.Add((path, match.Groups[1].Value, code));
            }
            var namespaces = new HashSet<string>(declared.Select(d => d.Namespace), StringComparer.Ordinal);
            foreach (var ns in namespaces) graph.Node(Short(ns));
            foreach (var (path, ns, code) in declared)
            {
                var name = Path.GetFileName(path);
                foreach (Match u in UsingLine.Matches(code))
                {
                    var target = Longest(u.Groups[1].Value, namespaces);
                    if (target != null) graph.Add(Short(ns), Short(target), name);
                }
                var body = CommentsAndStrings.Replace(code, " ");
                body = UsingLine.Replace(NamespaceLine.Replace(body, " "), " ");
                foreach (Match q in QualifiedName.Matches(body))
                {
                    var target = Bind(ns, q.Groups[1].Value.TrimEnd('.'), namespaces);
                    if (target != null) graph.Add(Short(ns), Short(target), name);
                }
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

        /// <summary>
        /// The namespace a dotted name in code means, as C# binds it: its first part is looked up in the enclosing
        /// namespaces from the innermost out, then globally; null when it names no declared namespace.
        /// </summary>
        private static string? Bind(string enclosing, string dotted, HashSet<string> namespaces)
        {
            var first = dotted.Split('.')[0];
            for (var scope = enclosing; ; scope = scope.Contains('.') ? scope.Substring(0, scope.LastIndexOf('.')) : "")
            {
                var qualified = scope.Length == 0 ? dotted : scope + "." + dotted;
                var head = scope.Length == 0 ? first : scope + "." + first;
                if (namespaces.Any(n => n == head || n.StartsWith(head + ".", StringComparison.Ordinal))) return Longest(qualified, namespaces);
                if (scope.Length == 0) return null;
            }
        }

        /// <summary>The longest declared namespace the dotted name starts with, or null.</summary>
        private static string? Longest(string dotted, HashSet<string> namespaces)
        {
            for (var name = dotted; name.Length > 0; name = name.Contains('.') ? name.Substring(0, name.LastIndexOf('.')) : "")
            {
                if (namespaces.Contains(name)) return name;
            }
            return null;
        }

        private static string Short(string ns) => ns == "HxLiteLLM" ? "(root)" : ns.Substring("HxLiteLLM.".Length);
    }
}
