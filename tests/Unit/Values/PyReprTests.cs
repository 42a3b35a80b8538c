using System.Collections.Generic;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Values
{
    public class PyReprTests
    {
        [Theory]
        [InlineData(1.0, "1.0")]
        [InlineData(0.1, "0.1")]
        [InlineData(1e16, "1e+16")]
        [InlineData(1e15, "1000000000000000.0")]
        [InlineData(0.0001, "0.0001")]
        [InlineData(0.00001, "1e-05")]
        [InlineData(-2.5, "-2.5")]
        [InlineData(1e20, "1e+20")]
        [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
        [InlineData(1.5e-7, "1.5e-07")]
        public void FloatsPrintAsPython(double value, string expected) => Assert.Equal(expected, PyRepr.Float(value));

        [Fact]
        public void ContainersUseReprOfItems()
        {
            var d = new PyDict { ["a"] = null, ["b"] = new List<object?> { 1L, "x", true, 1.5 } };
            Assert.Equal("{'a': None, 'b': [1, 'x', True, 1.5]}", PyRepr.Repr(d));
            Assert.Equal("('a',)", PyRepr.Repr(new PyTuple(new object?[] { "a" })));
            Assert.Equal("\"it's\"", PyRepr.Repr("it's"));
            Assert.Equal("'a\\nb\\x00é'", PyRepr.Repr("a\nb\0é"));
        }

        [Fact]
        public void DictKeysFollowPythonEquality()
        {
            var d = new PyDict { [1L] = "int" };
            d[1.0] = "float";
            d[true] = "bool";
            Assert.Single(d);
            Assert.Equal("bool", d[1L]);
        }

        [Fact]
        public void JsonMatchesAnsibleInventoryLayout()
        {
            var d = new PyDict { ["b"] = new List<object?>(), ["a"] = new PyDict { ["é"] = 1L, ["Z"] = 2.0 } };
            var json = PyJson.Dumps(d, PyJsonOptions.AnsibleInventory);
            Assert.Equal("{\n    \"a\": {\n        \"Z\": 2.0,\n        \"é\": 1\n    },\n    \"b\": []\n}", json);
            Assert.Equal("{\"b\": [], \"a\": {\"\\u00e9\": 1, \"Z\": 2.0}}", PyJson.Dumps(d));
        }

        [PeerFact("jinja2")]
        public void ReprAgreesWithDebianPython()
        {
            var values = new object?[] { 0.1, 1e22, 5e-324, 1.7976931348623157e308, 2.0 / 3, "tab\there", "quote'\"", "\u00a0\u200b\U0001F600" };
            foreach (var v in values)
            {
                // Floats travel as their exact bits, strings as JSON: Python then prints its own repr.
                var script = v is double d
                    ? "import struct; print(repr(struct.unpack('>d', bytes.fromhex('" + System.BitConverter.DoubleToInt64Bits(d).ToString("x16") + "'))[0]), end='')"
                    : "import sys, json; print(repr(json.loads(sys.stdin.read())), end='')";
                var r = PeerProcess.Run(Peers.Python, new[] { "-c", script }, v is string s ? PyJson.Dumps(s) : null);
                Assert.Equal(0, r.ExitCode);
                Assert.Equal(r.StdOut, PyRepr.Repr(v));
            }
        }
    }
}
