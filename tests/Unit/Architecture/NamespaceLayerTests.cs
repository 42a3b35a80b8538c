using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>
    /// The namespaces of the engine and of the PowerShell project in their one order: a namespace uses only namespaces
    /// on lower layers, so the order of reading (and of building on) each folder is fixed. Names on one layer are peers
    /// and use none of each other. The PowerShell project sits on top: it may use any engine namespace, the engine never
    /// uses it. The README's "Namespace direction" map is this list, rendered by <see cref="Render"/>.
    /// </summary>
    public sealed class NamespaceLayerTests
    {
        /// <summary>The layers, lowest first. This list is the rule; the README map is checked against it.</summary>
        public static readonly IReadOnlyList<string[]> Layers = new[]
        {
            new[] { "Results" },
            new[] { "(root)", "IO", "Values" },
            new[] { "Secrets", "Vault", "Yaml" },
            new[] { "Remote", "Reporting" },
            new[] { "Evidence", "Templating" },
            new[] { "Checks", "Inventory" },
            new[] { "InventoryPhase" },
            new[] { "RoleValidation" },
            new[] { "Endpoint", "Steps" },
            new[] { "Deploy" },
            new[] { "Pipeline" },
            new[] { "PowerShell.Module" },
            new[] { "PowerShell.Commands" },
            new[] { "PowerShell.Commands.Vault" },
            new[]
            {
                "PowerShell.Commands.Deploy", "PowerShell.Commands.Endpoint", "PowerShell.Commands.Evidence",
                "PowerShell.Commands.Inventory", "PowerShell.Commands.Pipeline", "PowerShell.Commands.Preflight",
                "PowerShell.Commands.Reporting", "PowerShell.Commands.Role",
            },
        };

        private static readonly Lazy<NamespaceGraph> Product = new Lazy<NamespaceGraph>(() => NamespaceGraph.FromSources(
            Sources.Project("HxLiteLLM.Results"), Sources.Project("HxLiteLLM.Engine"), Sources.Project("HxLiteLLM.PowerShell")));

        [Fact]
        public void EveryNamespaceHasOneLayer()
        {
            var listed = Layers.SelectMany(l => l).ToList();
            Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(listed.OrderBy(n => n, StringComparer.Ordinal), Product.Value.Namespaces.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void NoNamespaceUsesOneOnItsLayerOrAbove()
        {
            var wrong = WrongEdges(Product.Value);
            Assert.True(wrong.Count == 0, "edges against the layer order (NamespaceLayerTests.Layers): " + string.Join("; ", wrong));
        }

        [Fact]
        public void AnEdgeUpTheLayersOrAcrossOneFails()
        {
            var graph = new NamespaceGraph();
            foreach (var (from, to) in Product.Value.Edges) graph.Add(from, to, "real.cs");
            Assert.Empty(WrongEdges(graph));
            graph.Add("Vault", "Pipeline", "Up.cs");
            graph.Add("Pipeline", "Pipeline", "Self.cs");
            graph.Add("Steps", "Endpoint", "Across.cs");
            graph.Add("Values", "PowerShell.Module", "Engine.cs");
            Assert.Equal(
                new[]
                {
                    "Steps -> Endpoint (peers on one layer) in Across.cs",
                    "Values -> PowerShell.Module (up the layers) in Engine.cs",
                    "Vault -> Pipeline (up the layers) in Up.cs",
                },
                WrongEdges(graph));
        }

        [Fact]
        public void TheGraphReadsThePowerShellNamespaces()
        {
            Assert.True(Product.Value.Uses("PowerShell.Commands.Inventory", "PowerShell.Commands.Vault"), "using line");
            Assert.True(Product.Value.Uses("PowerShell.Commands", "PowerShell.Module"));
            Assert.True(Product.Value.Uses("PowerShell.Commands.Pipeline", "Pipeline"));
        }

        [Fact]
        public void TheReadmeMapIsTheLayerList()
        {
            const string heading = "### Namespace direction";
            const string fence = "```text\n";
            var readme = File.ReadAllText(Path.Combine(Sources.Root, "README.md")).Replace("\r\n", "\n");
            var section = readme.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(section >= 0, "README.md has no '" + heading + "' section");
            var start = readme.IndexOf(fence, section, StringComparison.Ordinal) + fence.Length;
            var end = readme.IndexOf("```", start, StringComparison.Ordinal);
            Assert.True(start >= fence.Length && end > start, "README.md's '" + heading + "' section has no ```text block");
            var map = readme.Substring(start, end - start);
            Assert.True(map == Render(), "README.md's namespace map is not the layer list; the block should read:\n" + Render());
        }

        /// <summary>The layers top down, one line each; names sharing a parent namespace are written once under it.</summary>
        public static string Render() =>
            string.Concat(Layers.Reverse().Select(layer => Line(layer) + "\n"));

        private static string Line(string[] layer)
        {
            var parents = layer.Select(n => n.Contains('.') ? n.Substring(0, n.LastIndexOf('.')) : "").Distinct().ToList();
            return layer.Length > 1 && parents.Count == 1 && parents[0].Length > 0
                ? parents[0] + ".{" + string.Join(", ", layer.Select(n => n.Substring(parents[0].Length + 1))) + "}"
                : string.Join(", ", layer);
        }

        /// <summary>Each edge to a namespace on the same or a higher layer, with the files that make it.</summary>
        private static List<string> WrongEdges(NamespaceGraph graph)
        {
            var layerOf = Layers.SelectMany((names, index) => names.Select(n => (n, index))).ToDictionary(p => p.n, p => p.index, StringComparer.Ordinal);
            int Layer(string ns) => layerOf.TryGetValue(ns, out var index) ? index : throw new InvalidOperationException("namespace " + ns + " has no layer");
            return graph.Edges
                .Where(e => Layer(e.To) >= Layer(e.From))
                .Select(e => e.From + " -> " + e.To + (Layer(e.To) == Layer(e.From) ? " (peers on one layer)" : " (up the layers)") +
                    " in " + string.Join(", ", graph.FilesOf(e.From, e.To)))
                .ToList();
        }
    }
}
