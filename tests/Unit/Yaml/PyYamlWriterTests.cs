using System.Collections.Generic;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;
using Xunit;

namespace HxLiteLLM.Tests.Yaml
{
    /// <summary>PyYamlWriter against the outputs recorded from PyYAML + libyaml (shared reference §3.9); the corpus covers the rest.</summary>
    public class PyYamlWriterTests
    {
        private static string Nice(object? v, int indent = 4) => PyYamlWriter.Dump(v, indent, defaultFlowStyle: false);
        private static string Flow(object? v) => PyYamlWriter.Dump(v, 2, defaultFlowStyle: null);

        [Fact]
        public void ListsUnderAKeyAreNotIndented() => Assert.Equal("alpha:\n- 1\n", Nice(new PyDict { ["alpha"] = new List<object?> { 1L } }));

        [Fact]
        public void MappingInAListAlignsUnderTheFirstKey() =>
            Assert.Equal("-   k: v\n    x: 1\n", Nice(new List<object?> { new PyDict { ["x"] = 1L, ["k"] = "v" } }));

        [Fact]
        public void IndentTwo() => Assert.Equal("- x: null\n  y: true\n", Nice(new List<object?> { new PyDict { ["x"] = null, ["y"] = true } }, 2));

        [Fact]
        public void NestedListsInBlockStyle() => Assert.Equal("-   - 1\n", Nice(new List<object?> { new List<object?> { 1L } }));

        [Fact]
        public void FlowStyleForInnermostCollections()
        {
            Assert.Equal("mid: {a: 'yes', b: 'x: y'}\n", Flow(new PyDict { ["mid"] = new PyDict { ["b"] = "x: y", ["a"] = "yes" } }));
            Assert.Equal("- [1]\n", Flow(new List<object?> { new List<object?> { 1L } }));
        }

        [Theory]
        [InlineData("a string", "a string\n")]
        [InlineData("yes", "'yes'\n")]
        [InlineData("0755", "'0755'\n")]
        [InlineData("2024-01-01", "'2024-01-01'\n")]
        [InlineData("", "''\n")]
        [InlineData("- item", "'- item'\n")]
        [InlineData("ends:", "'ends:'\n")]
        [InlineData("it's", "it's\n")]
        [InlineData("http://a:b", "http://a:b\n")]
        [InlineData("é ✓", "é ✓\n")]
        [InlineData("x\ty", "\"x\\ty\"\n")]
        [InlineData("😀", "\"\\U0001F600\"\n")]
        [InlineData("line1\nline2", "'line1\n\n    line2'\n")]
        public void ScalarQuoting(string value, string expected) => Assert.Equal(expected, Nice(value));

        [Fact]
        public void NonStringScalars()
        {
            Assert.Equal("42\n", Nice(42L));
            Assert.Equal("1.0e+20\n", Nice(1e20));
            Assert.Equal("0.1\n", Nice(0.1));
            Assert.Equal("null\n", Nice(null));
            Assert.Equal("true\n", Nice(true));
            Assert.Equal("[]\n", Nice(new List<object?>()));
            Assert.Equal("{}\n", Nice(new PyDict()));
        }

        [Fact]
        public void LongStringsFoldNearTheWidth()
        {
            var text = string.Join(" ", System.Linq.Enumerable.Repeat("word", 30));
            var yaml = Nice(new PyDict { ["k"] = text });
            Assert.StartsWith("k: word word", yaml);
            foreach (var line in yaml.TrimEnd('\n').Split('\n')) Assert.True(line.Length <= 85, line);
            Assert.Contains("\n    word", yaml);
        }
    }
}
