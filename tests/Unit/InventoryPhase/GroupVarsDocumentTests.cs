using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class GroupVarsDocumentTests
    {
        private static KeyValuePair<string, object?>[] Vars(params (string Key, object? Value)[] pairs) =>
            pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToArray();

        [Fact]
        public void ReplacesTopLevelEntriesInPlaceAndKeepsEverythingElse()
        {
            var text = "---\n# settings\nlitellm_port: 3000   # old\nname: \"keep\"\nlist:\n  - a  # inner\n  - b\n# after list\nlast: 1\n";
            var edit = GroupVarsDocument.SetVariables(text, Vars(("list", new List<object?> { "c" }), ("litellm_port", 4000L)));
            Assert.Equal(new[] { "list", "litellm_port" }, edit.Updated);
            Assert.Empty(edit.Added);
            Assert.Equal("---\n# settings\nlitellm_port: 4000   # old\nname: \"keep\"\nlist:\n- c\n# after list\nlast: 1\n", edit.Content);
        }

        [Fact]
        public void AppendsNewEntriesAfterTrailingCommentsAndAMissingFinalNewline()
        {
            Assert.Equal("a: 1\n# end\nb: x\n", GroupVarsDocument.SetVariables("a: 1\n# end\n", Vars(("b", "x"))).Content);
            Assert.Equal("a: 1\nb: x\n", GroupVarsDocument.SetVariables("a: 1", Vars(("b", "x"))).Content);
        }

        [Theory]
        [InlineData("")]
        [InlineData("---\n")]
        [InlineData("# only a comment\n")]
        public void FillsAnEmptyDocument(string text)
        {
            Assert.Equal(text + "k: v\n", GroupVarsDocument.SetVariables(text, Vars(("k", "v"))).Content);
        }

        [Fact]
        public void KeepsBomAndCrlf()
        {
            var edit = GroupVarsDocument.SetVariables("\uFEFF# c\r\na: 1\r\n", Vars(("a", 2L), ("m", new PyDict { ["x"] = true })));
            Assert.Equal("\uFEFF# c\r\na: 2\r\nm:\r\n  x: true\r\n", edit.Content);
        }

        [Fact]
        public void WritesStringsThatLookLikeOtherTypesQuoted()
        {
            var edit = GroupVarsDocument.SetVariables("", Vars(("a", "yes"), ("b", "0755"), ("c", "1:20"), ("d", ""), ("e", null), ("f", "a: b")));
            Assert.Equal("a: 'yes'\nb: '0755'\nc: '1:20'\nd: ''\ne: null\nf: 'a: b'\n", edit.Content);
        }

        [Fact]
        public void ReplacesDuplicatesByOneEntry()
        {
            Assert.Equal("a: 3\nb: 1\n", GroupVarsDocument.SetVariables("a: 1\nb: 1\na: 2\n", Vars(("a", 3L))).Content);
        }

        [Fact]
        public void IsIdempotentAndStrictAboutTypes()
        {
            const string text = "port: 4000\nflag: yes\nmode: 0755\nlist: [1, a]\nmap: {y: 2, x: 1}\n";
            var same = GroupVarsDocument.SetVariables(text, Vars(("port", 4000L), ("flag", true), ("mode", 493L),
                ("list", new List<object?> { 1L, "a" }), ("map", new PyDict { ["x"] = 1L, ["y"] = 2L })));
            Assert.False(same.Changed);
            Assert.Same(text, same.Content);
            Assert.Equal(new[] { "port", "flag" }, GroupVarsDocument.SetVariables(text, Vars(("port", "4000"), ("flag", 1L))).Updated);
        }

        [Fact]
        public void RewritesJsonAndFlowMappingsWhole()
        {
            var json = GroupVarsDocument.SetVariables("{\"a\": 1, \"b\": [1]}", Vars(("a", 2L)), "g.json").Content;
            Assert.Equal("{\n    \"a\": 2,\n    \"b\": [\n        1\n    ]\n}\n", json);
            Assert.Equal("a: 2\nb: x\n", GroupVarsDocument.SetVariables("{a: 1, b: x}", Vars(("a", 2L)), "g.yml").Content);
        }

        [Fact]
        public void DescribesEachChangeWithItsValueBeforeAndAfterAndMasksWhatMayBeSecret()
        {
            var edit = GroupVarsDocument.SetVariables("litellm_port: 4000\nkeep: 1\nsmtp_password: '{{ vault_a }}'\nold: sk-0123456789abcdef0123\n",
                Vars(("litellm_port", 4100L), ("keep", 1L), ("litellm_log_level", "DEBUG"), ("smtp_password", "{{ vault_b }}"), ("old", "plain")), "g.yml");
            Assert.Equal(new[]
            {
                "litellm_port: 4000 -> 4100",
                "litellm_log_level: (unset) -> \"DEBUG\"",
                "smtp_password: ******** -> ********",
                "old: ******** -> \"plain\"",
            }, edit.Changes.Select(c => c.Describe()));
        }

        [Fact]
        public void NamesTheParsersLineAndProblemOfInvalidYaml()
        {
            var e = Assert.Throws<HxException>(() => GroupVarsDocument.SetVariables("a: 1\nb: [1\nc: 2\n", Vars(("a", 2L)), "g.yml"));
            Assert.StartsWith("g.yml:2: ", e.Message);
            Assert.Contains("unclosed", e.Message);
        }

        [Theory]
        [InlineData("$ANSIBLE_VAULT;1.1;AES256\n6161\n", "VarsFileEncrypted")]
        [InlineData("s: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6161\n", "VarsValueVaulted")]
        [InlineData("- a\n- b\n", "VarsFileNotMapping")]
        [InlineData("a: [1\n", "VarsFileInvalidYaml")]
        [InlineData("s: &x {k: 1}\nt: *x\n", "VarsFileEditFailed")]
        public void RefusesWhatItCannotEditSafely(string text, string errorId)
        {
            var e = Assert.Throws<HxException>(() => GroupVarsDocument.SetVariables(text, Vars(("s", "x")), "g.yml"));
            Assert.Equal(errorId, e.ErrorId);
        }

        /// <summary>One ansible-inventory run reads back many tricky values written by the editor into an edited file.</summary>
        [PeerFact("ansible-inventory")]
        public void AnsibleInventoryReadsBackEveryValueWithItsType()
        {
            var values = new (string, object?)[]
            {
                ("s_yes", "yes"), ("s_no", "No"), ("s_on", "on"), ("s_octal", "0755"), ("s_sexagesimal", "1:20"), ("s_float", "1e3"),
                ("s_null", "null"), ("s_tilde", "~"), ("s_empty", ""), ("s_space", " lead and trail "), ("s_colon", "a: b"),
                ("s_hash", "#not a comment"), ("s_multiline", "line1\nline2\n"), ("s_unicode", "grüße ✓"), ("s_quote", "it's \"q\""),
                ("s_jinja", "{{ other }}"), ("i_int", 4000L), ("i_negative", -5L), ("b_true", true), ("b_false", false), ("f_float", 0.5),
                ("n_none", null), ("l_list", new List<object?> { 1L, "yes", new PyDict { ["k"] = "v" } }),
                ("d_dict", new PyDict { ["nested"] = new PyDict { ["deep"] = new List<object?>() }, ["empty"] = new PyDict() }),
            };
            var dir = Path.Combine(Path.GetTempPath(), "hx-gv-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "group_vars"));
            try
            {
                File.WriteAllText(Path.Combine(dir, "hosts.ini"), "[g]\nh1\n");
                var original = "# kept\r\ns_yes: replaced\r\nother: kept\r\n";
                var content = GroupVarsDocument.SetVariables(original, values.Select(v => new KeyValuePair<string, object?>(v.Item1, v.Item2)), "g.yml").Content;
                File.WriteAllText(Path.Combine(dir, "group_vars", "g.yml"), content);
                var result = PeerProcess.Run("ansible-inventory", new[] { "-i", Path.Combine(dir, "hosts.ini"), "--host", "h1" });
                Assert.True(result.ExitCode == 0, result.StdErr);
                using var json = JsonDocument.Parse(result.StdOut);
                var expected = PyJson.Dumps(new PyDict(values.Select(v => new KeyValuePair<object, object?>(v.Item1, v.Item2)).Append(new KeyValuePair<object, object?>("other", "kept"))), new PyJsonOptions { SortKeys = true });
                var actual = JsonSerializer.Serialize(json.RootElement);
                Assert.Equal(Normalize(expected), Normalize(actual));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static string Normalize(string json) => JsonSerializer.Serialize(Sort(JsonDocument.Parse(json).RootElement));

        private static object? Sort(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => Sort(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().Select(Sort).ToList(),
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
