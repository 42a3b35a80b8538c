using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>
    /// The engine's folders are its namespaces, and they depend on each other in one direction only (see README, Layout):
    /// a cycle means two folders can no longer be understood, tested or moved apart.
    /// </summary>
    public sealed class NamespaceCycleTests
    {
        private static readonly Lazy<NamespaceGraph> Engine = new Lazy<NamespaceGraph>(() =>
            NamespaceGraph.FromSources(Sources.Project("HxLiteLLM.Engine"), Sources.Project("HxLiteLLM.Results")));

        [Fact]
        public void EngineNamespacesHaveNoCycle()
        {
            var cycle = Engine.Value.FindCycle();
            Assert.True(cycle == null, cycle == null ? "" : "namespace cycle " + string.Join(" -> ", cycle) + ": " +
                string.Join("; ", cycle.Zip(cycle.Skip(1), (a, b) => a + " -> " + b + " in " + string.Join(", ", Engine.Value.FilesOf(a, b)))));
        }

        [Fact]
        public void TheGraphSeesUsingLinesAndQualifiedReferences()
        {
            // Known dependencies of the engine, one per way of spelling it, so a scanner that sees nothing cannot pass.
            Assert.True(Engine.Value.Uses("Inventory", "Vault"), "VarsFiles names Vault.VaultEnvelope without a using line");
            Assert.True(Engine.Value.Uses("Checks", "Evidence"), "PreflightReport has using HxLiteLLM.Evidence");
            Assert.True(Engine.Value.Uses("Pipeline", "Results"));
            Assert.True(Engine.Value.Namespaces.Count() >= 15);
        }

        [Fact]
        public void TheCycleFinderNamesACycle()
        {
            var graph = new NamespaceGraph();
            graph.Add("Checks", "Results", "a.cs");
            graph.Add("Evidence", "Checks", "b.cs");
            graph.Add("Checks", "Remote", "c.cs");
            graph.Add("Remote", "Evidence", "d.cs");
            Assert.Equal(new[] { "Checks", "Remote", "Evidence", "Checks" }, graph.FindCycle());
        }

        [Fact]
        public void TheCycleFinderAcceptsADiamond()
        {
            var graph = new NamespaceGraph();
            graph.Add("Pipeline", "Checks", "a.cs");
            graph.Add("Pipeline", "Inventory", "b.cs");
            graph.Add("Checks", "Results", "c.cs");
            graph.Add("Inventory", "Results", "d.cs");
            Assert.Null(graph.FindCycle());
        }

        [Fact]
        public void AQualifiedReferenceInACommentOrStringIsNoDependency()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hx-arch-" + Guid.NewGuid().ToString("N")));
            try
            {
                File.WriteAllText(Path.Combine(dir.FullName, "A.cs"),
                    "namespace HxLiteLLM.Alpha\n{\n    // Beta.Thing is only mentioned\n    class A { string s = \"Beta.Thing\"; Gamma.Other g; }\n}\n");
                File.WriteAllText(Path.Combine(dir.FullName, "B.cs"), "namespace HxLiteLLM.Beta { class Thing { } }\n");
                File.WriteAllText(Path.Combine(dir.FullName, "G.cs"), "using HxLiteLLM.Alpha;\nnamespace HxLiteLLM.Gamma { class Other { } }\n");
                var graph = NamespaceGraph.FromSources(dir.FullName);
                Assert.False(graph.Uses("Alpha", "Beta"));
                Assert.True(graph.Uses("Alpha", "Gamma"));
                Assert.Equal(new[] { "Alpha", "Gamma", "Alpha" }, graph.FindCycle());
            }
            finally
            {
                dir.Delete(true);
            }
        }
    }
}
