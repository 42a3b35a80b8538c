using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Tests.Inventory;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;
using Xunit;

namespace HxLiteLLM.Tests.Yaml
{
    public class AnsibleYamlReaderTests
    {
        private static PyDict Map(string yaml) => Assert.IsType<PyDict>(AnsibleYamlReader.Load(yaml));

        [Fact]
        public void Yaml11ScalarTyping()
        {
            var d = Map("a: yes\nb: Off\nc: 0755\nd: 0x1F\ne: 1:20\nf: 1_000\ng: 1e3\nh: 1.0e+3\ni: .inf\nj: ~\nk:\nl: Y\nm: '5'\nn: 1.10\n");
            Assert.Equal(true, d["a"]);
            Assert.Equal(false, d["b"]);
            Assert.Equal(493L, d["c"]);
            Assert.Equal(31L, d["d"]);
            Assert.Equal(80L, d["e"]);
            Assert.Equal(1000L, d["f"]);
            Assert.Equal("1e3", d["g"]);
            Assert.Equal(1000.0, d["h"]);
            Assert.Equal(double.PositiveInfinity, d["i"]);
            Assert.Null(d["j"]);
            Assert.Null(d["k"]);
            Assert.Equal("Y", d["l"]);
            Assert.Equal("5", d["m"]);
            Assert.Equal(1.1, d["n"]);
        }

        [Fact]
        public void BooleanWordsAreBooleanKeysToo()
        {
            var d = Map("on: 1\nno: 2\n");
            Assert.Equal(new object[] { true, false }, d.Keys.ToArray());
        }

        [Fact]
        public void TimestampsKeepTheirIsoText()
        {
            var d = Map("a: 2024-01-01\nb: 2024-01-01 10:00:00\nc: 2001-12-14t21:59:43.10-05:00\nd: 2001-12-14 21:59:43.1234567 Z\n");
            Assert.Equal("2024-01-01", d["a"]);
            Assert.Equal("2024-01-01T10:00:00", d["b"]);
            Assert.Equal("2001-12-14T21:59:43.100000-05:00", d["c"]);
            Assert.Equal("2001-12-14T21:59:43.123456+00:00", d["d"]);
        }

        [Fact]
        public void MergeKeysAnchorsAndDuplicates()
        {
            var warnings = new List<string>();
            var d = Assert.IsType<PyDict>(AnsibleYamlReader.Load("base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\nm:\n  <<: [*b, *o]\n  x: 9\ndup: 1\ndup: 2\n", "f.yml", warnings));
            var m = Assert.IsType<PyDict>(d["m"]);
            Assert.Equal(new object[] { "y", "z", "x" }, m.Keys.ToArray());
            Assert.Equal(9L, m["x"]);
            Assert.Equal(1L, m["y"]);
            Assert.Equal(2L, d["dup"]);
            Assert.Contains(warnings, w => w.Contains("duplicate dict key (dup)"));
        }

        [Fact]
        public void VaultAndUnsafeTags()
        {
            var d = Map("s: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nu: !unsafe '{{ x }}'\n");
            var v = Assert.IsType<VaultedString>(d["s"]);
            Assert.Equal("$ANSIBLE_VAULT;1.1;AES256\n6162\n", v.Envelope);
            Assert.DoesNotContain("6162", v.ToString());
            Assert.Equal("{{ x }}", d["u"]);
        }

        [Fact]
        public void JsonIsReadAsJsonFirst()
        {
            var d = Map("{\"a\": 1e3, \"b\": {\"__ansible_vault\": \"$ANSIBLE_VAULT;1.1;AES256\\n61\"}, \"a\": 2}");
            Assert.Equal(2L, d["a"]);
            Assert.IsType<VaultedString>(d["b"]);
            Assert.Equal(1000.0, Map("{\"a\": 1e3}")["a"]);
        }

        [Fact]
        public void BomAndCrlfAreTolerated()
        {
            var d = Map("\ufeffa: 1\r\nb: two\r\n");
            Assert.Equal(1L, d["a"]);
            Assert.Equal("two", d["b"]);
        }

        [Fact]
        public void EmptyDocumentIsNull()
        {
            Assert.Null(AnsibleYamlReader.Load(""));
            Assert.Null(AnsibleYamlReader.Load("# only a comment\n"));
        }

        [Theory]
        [InlineData("a: [1, 2\nb: 3\n", 1)]
        [InlineData("a: 1\n---\nb: 2\n", 2)]
        [InlineData("a: *nowhere\n", 1)]
        [InlineData("a: 2024-02-30\n", 1)]
        [InlineData("a: !custom 1\n", 1)]
        [InlineData("? [1]\n: x\n", 1)]
        public void ErrorsCarryFileLineAndColumn(string yaml, int line)
        {
            var e = Assert.Throws<AnsibleYamlException>(() => AnsibleYamlReader.Load(yaml, "vars.yml"));
            Assert.Equal("vars.yml", e.File);
            Assert.True(e.Line >= line && e.Line <= line + 1, "line " + e.Line + ": " + e.Message);
            Assert.StartsWith("vars.yml:", e.Message);
        }

        [Fact]
        public void LoadFileReportsInvalidUtf8()
        {
            var path = Path.Combine(Path.GetTempPath(), "hx-yaml-" + System.Guid.NewGuid().ToString("N") + ".yml");
            File.WriteAllBytes(path, new byte[] { (byte)'a', (byte)':', (byte)' ', 0xff, 0xfe });
            try
            {
                var e = Assert.Throws<AnsibleYamlException>(() => AnsibleYamlReader.LoadFile(path));
                Assert.Contains("UTF-8", e.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private const string AnsibleLoadScript = """
import json, sys
from ansible.parsing.dataloader import DataLoader
from ansible.parsing.ajson import AnsibleJSONEncoder
out = []
for text in json.load(sys.stdin):
    try:
        v = DataLoader().load(text, file_name='case.yml', show_content=False)
        out.append({'ok': True, 'json': json.dumps(v, cls=AnsibleJSONEncoder, ensure_ascii=False)})
    except Exception as e:
        out.append({'ok': False, 'error': str(e)})
json.dump(out, sys.stdout)
""";

        /// <summary>Documents that hit every typing and construction rule Ansible's loader applies to vars files.</summary>
        public static readonly string[] Corpus =
        {
            "a: yes\nb: Yes\nc: YES\nd: no\ne: No\nf: NO\ng: true\nh: True\ni: TRUE\nj: false\nk: on\nl: On\nm: ON\nn: off\no: OFF\np: y\nq: Y\nr: n\ns: tRUE\n",
            "a: 0755\nb: 0o755\nc: 0x1F\nd: 0x_1f\ne: 0b101\nf: 1:20\ng: -1:20\nh: 1_000\ni: +12\nj: -0\nk: 08\nl: 0\nm: 190:20:30\nn: 0_7\no: 12345678901234567890123\n",
            "a: 1e3\nb: 1.0e+3\nc: 1.0e3\nd: .5\ne: -.5\nf: 1.\ng: .inf\nh: -.Inf\ni: +.INF\nj: .nan\nk: .NaN\nl: 1.10\nm: 1_000.5\nn: 1:20.5\no: 6.8523015e+5\np: 685.230_15e+03\nq: -0.0\nr: 3.14159265358979\n",
            "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\ng: ''\nh: \"~\"\n",
            "a: 2024-01-01\nb: 2024-1-1\nc: 2024-01-01 10:00:00\nd: 2001-12-14t21:59:43.10-05:00\ne: 2001-12-14 21:59:43.10 -5\nf: 2001-12-15T02:59:43.1Z\ng: 2002-12-14\nh: 2001-12-14 21:59:43.1234567\ni: '2024-01-01'\nj: 2001-12-14 21:59:43 +05:30\nk: 2024-01-01 1:02:03\n",
            "a: 'single ''quoted'''\nb: \"double \\\"quoted\\\" \\t \\u00e9 \\x41\"\nc: |\n  literal\n  block\nd: >\n  folded\n  text\n\ne: |-\n  strip\nf: plain text with: colon\ng: 'yes'\nh: \"0755\"\n",
            "base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\nm1:\n  <<: *b\n  x: 9\nm2:\n  <<: [*b, *o]\nm3:\n  x: 0\n  <<: *b\nlist: &l [1, 2]\nref: *l\n",
            "dup: 1\nother: x\ndup: 2\nnested: {a: 1, a: 2}\n",
            "on: 1\noff: 2\n1: int key\n1.5: float key\nnull_key_is_str: x\n",
            "s: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nt: !!str 5\nu: !!int \"7\"\nv: !!float 1\nw: !!bool yes\nx: !!null ''\ny: !!str yes\n",
            "\ufeffbom: 1\r\ncrlf: two\r\nlist:\r\n  - a\r\n  - b\r\n",
            "{\"a\": 1e3, \"b\": [1, 2.5, true, null], \"c\": {\"__ansible_vault\": \"$ANSIBLE_VAULT;1.1;AES256\\n61\"}, \"a\": 2, \"d\": \"\\u00e9\\ud83d\\ude00\", \"e\": 123456789012345678901234567890}",
            "[1, 2, {a: b}]",
            "just a string",
            "",
            "# comment only\n",
            "unicode_key_ü: 日本語\nemoji: \"😀\"\n",
            "a: [1, 2\n",
            "a: 1\n---\nb: 2\n",
            "a: *missing\n",
            "a: 2024-02-30\n",
            "a: !custom 1\n",
            "a:\n  - x\n b: y\n",
            "x: &x {a: 1}\ny:\n  <<: [*x, 5]\n",
            "k: 0b\n",
            "a: =\n",
            "key with spaces: 1\n'quoted key': 2\n? complex\n: 3\n",
            "a: !!set {x, y}\n",
            "a: 1:60\nb: 1:59\nc: 0:30\nd: 1:2:3\n",
        };

        [PeerFact("/usr/bin/python3")]
        public void MatchesAnsibleDataLoader()
        {
            var answers = PythonPeer.RunJson(AnsibleLoadScript, Corpus);
            var failures = new List<string>();
            for (var i = 0; i < Corpus.Length; i++)
            {
                var expected = answers[i];
                var expectedOk = expected.GetProperty("ok").GetBoolean();
                string? ours;
                string? error = null;
                try
                {
                    ours = PyJson.Dumps(ForJson(AnsibleYamlReader.Load(Corpus[i], "case.yml")), new PyJsonOptions { EnsureAscii = false });
                }
                catch (AnsibleYamlException e)
                {
                    ours = null;
                    error = e.Message;
                }
                if (expectedOk && ours != expected.GetProperty("json").GetString())
                {
                    failures.Add("case " + i + ": ansible " + expected.GetProperty("json").GetString() + "\n   ours " + (ours ?? error));
                }
                else if (!expectedOk && ours != null)
                {
                    failures.Add("case " + i + ": ansible fails (" + expected.GetProperty("error").GetString() + ") but ours gives " + ours);
                }
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        private static object? ForJson(object? value) => value switch
        {
            VaultedString v => v.ToJsonObject(),
            PyDict d => new PyDict(d.Select(kv => new KeyValuePair<object, object?>(kv.Key, ForJson(kv.Value)))),
            List<object?> l => l.ConvertAll(ForJson),
            _ => value,
        };
    }
}
