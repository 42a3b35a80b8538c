using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using HxLiteLLM.Tests.Inventory;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Values
{
    public class PyLiteralTests
    {
        [Theory]
        [InlineData("5", 5L)]
        [InlineData("1_000", 1000L)]
        [InlineData("0x10", 16L)]
        [InlineData("0o17", 15L)]
        [InlineData("0b101", 5L)]
        [InlineData("-0x10", -16L)]
        [InlineData("+5", 5L)]
        [InlineData("-(1)", -1L)]
        [InlineData("00", 0L)]
        [InlineData("23 # comment", 23L)]
        [InlineData("  \t7", 7L)]
        public void Integers(string text, long expected)
        {
            Assert.True(PyLiteral.TryEval(text, out var value));
            Assert.Equal(expected, Assert.IsType<long>(value));
        }

        [Fact]
        public void HugeIntegersBecomeBigInteger()
        {
            Assert.True(PyLiteral.TryEval("123456789012345678901234567890", out var value));
            Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), Assert.IsType<BigInteger>(value));
            Assert.True(PyLiteral.TryEval("9223372036854775807", out var max));
            Assert.Equal(long.MaxValue, max);
        }

        [Theory]
        [InlineData("1e3", 1000.0)]
        [InlineData("-0.5", -0.5)]
        [InlineData(".5", 0.5)]
        [InlineData("1.", 1.0)]
        [InlineData("05.5", 5.5)]
        [InlineData("1_0.2_5", 10.25)]
        [InlineData("1.5E-3", 0.0015)]
        public void Floats(string text, double expected)
        {
            Assert.True(PyLiteral.TryEval(text, out var value));
            Assert.Equal(expected, Assert.IsType<double>(value));
        }

        [Theory]
        [InlineData("'5'", "5")]
        [InlineData("\"a\\tb\"", "a\tb")]
        [InlineData("'a' \"b\"", "ab")]
        [InlineData("r'\\d'", "\\d")]
        [InlineData("b'x'", "x")]
        [InlineData("'\\x41\\u00e9\\101'", "Aé" + "A")]
        [InlineData("'''tri'ple'''", "tri'ple")]
        [InlineData("'\\q'", "\\q")]
        public void Strings(string text, string expected)
        {
            Assert.True(PyLiteral.TryEval(text, out var value));
            Assert.Equal(expected, value);
        }

        [Fact]
        public void ConstantsAndContainers()
        {
            Assert.True(PyLiteral.TryEval("True", out var t));
            Assert.Equal(true, t);
            Assert.True(PyLiteral.TryEval("None", out var n));
            Assert.Null(n);
            Assert.True(PyLiteral.TryEval("(1,2)", out var tuple));
            Assert.Equal(new object?[] { 1L, 2L }, Assert.IsType<PyTuple>(tuple).ToArray());
            Assert.True(PyLiteral.TryEval("1,", out var bare));
            Assert.Single(Assert.IsType<PyTuple>(bare));
            Assert.True(PyLiteral.TryEval("[1, 'x', [2]]", out var list));
            Assert.Equal(3, Assert.IsType<List<object?>>(list).Count);
            Assert.True(PyLiteral.TryEval("{'k': [1, 'x'], 1: 2, True: 3}", out var dict));
            var d = Assert.IsType<PyDict>(dict);
            Assert.Equal(2, d.Count); // True == 1: the later value replaces, the first key stays
            Assert.Equal(3L, d[1L]);
        }

        [Theory]
        [InlineData("")]
        [InlineData("true")]
        [InlineData("yes")]
        [InlineData("05")]
        [InlineData("10.0.0.1")]
        [InlineData("1 + 2")]
        [InlineData("--1")]
        [InlineData("-True")]
        [InlineData("f'x'")]
        [InlineData("'a' b'b'")]
        [InlineData("[1, 2")]
        [InlineData("web01")]
        [InlineData("1_")]
        [InlineData("0x")]
        [InlineData("{**a}")]
        [InlineData("'\\N{BULLET}'")]
        public void NotLiterals(string text)
        {
            Assert.Equal(PyLiteralStatus.NotALiteral, PyLiteral.Evaluate(text, out _, out _));
        }

        [Theory]
        [InlineData("{1, 2}")]
        [InlineData("set()")]
        [InlineData("1j")]
        [InlineData("1+2j")]
        [InlineData("...")]
        public void ValuesOutsideTheModelAreUnsupported(string text)
        {
            Assert.Equal(PyLiteralStatus.Unsupported, PyLiteral.Evaluate(text, out _, out var problem));
            Assert.NotNull(problem);
        }

        [Theory]
        [InlineData("{[1]: 2}")]
        [InlineData("{{}: 1}")]
        [InlineData("{[1]}")]
        public void UnhashableKeysAreTypeErrors(string text)
        {
            Assert.Equal(PyLiteralStatus.TypeError, PyLiteral.Evaluate(text, out _, out _));
        }

        private const string LiteralEvalScript = """
import ast, json, sys
def has_foreign(v):
    if isinstance(v, (set, frozenset, complex)) or v is Ellipsis: return True
    if isinstance(v, (list, tuple)): return any(has_foreign(x) for x in v)
    if isinstance(v, dict): return any(k is None or has_foreign(k) or has_foreign(x) for k, x in v.items())
    return False
def plain(v):
    if isinstance(v, bytes): return v.decode('utf-8', 'surrogateescape')
    if isinstance(v, list): return [plain(x) for x in v]
    if isinstance(v, tuple): return tuple(plain(x) for x in v)
    if isinstance(v, dict): return {k: plain(x) for k, x in v.items()}
    return v
out = []
for text in json.load(sys.stdin):
    try:
        v = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        out.append({'kind': 'NotALiteral'}); continue
    except TypeError:
        out.append({'kind': 'TypeError'}); continue
    if has_foreign(v):
        out.append({'kind': 'Unsupported'}); continue
    out.append({'kind': 'Value', 'repr': repr(plain(v))})
json.dump(out, sys.stdout)
""";

        /// <summary>Inputs chosen to hit every rule of Python's literal syntax that INI inventories meet.</summary>
        public static readonly string[] Corpus =
        {
            "5", "-5", "+5", "05", "00", "0", "0_0", "1_000", "1__0", "1_", "0x10", "0X1f", "0x_1f", "0o17", "0O7", "0b101", "0b12", "0x1g",
            "123456789012345678901234567890", "-9223372036854775808", "9223372036854775808", "1e3", "1E+3", "1e-3", "1e", "1.", ".5", "05.5",
            "05e1", "1_0.2_5", "1e999", "-1e999", "1.5.3", "10.0.0.1", "1.e5", "0.1", "1.1", "2.675", "1e16", "1e-5", "123.456e7",
            "True", "False", "None", "true", "Truex", "-True", "--1", "- 1", "-(1)", "-(-1)", "(1)", "((1))", "(1,)", "()", "(1, 2)", "1,2", "1,",
            "[]", "[1,]", "[,]", "[1, [2, (3,)], {'a': None}]", "{}", "{'a': 1, 'a': 2}", "{1: 'a', True: 'b', 1.0: 'c'}", "{10: 'a', 9: 'b'}",
            "{'k': [1, 'x']}", "{(1, 2): 'tuple key'}", "{1, 2}", "set()", "set(1)", "1j", "1+2j", "-1-2j", "1 + 2", "2j + 1", "...",
            "{[1]: 2}", "{{}: 1}", "{[1]}", "{None: 1}",
            "'5'", "\"5\"", "'a' 'b'", "'a' \"b\" 'c'", "'a' b'b'", "b'x'", "B\"y\"", "rb'\\d'", "Rb'\\d'", "br'x'", "u'x'", "ur'x'", "f'x'",
            "r'\\d'", "r'\\''", "'\\x41'", "'\\x4'", "'\\u00e9'", "'\\U0001F600'", "'\\U00110000'", "'\\101'", "'\\777'", "'\\q'", "'\\N{BULLET}'",
            "'\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"'", "'''tri'ple'''", "\"\"\"a\"b\"\"\"", "'unterminated", "'a'b", "'é'", "b'é'", "b'\\xff'", "b'\\xc3\\xa9'",
            "23 # c", "hello # c", "  7", "\t7", "7  ", "[1,\n2]", "1\n2", "(1 # c\n, 2)", "[1, \\\n 2]", "\\\n1",
            "web01", "ansible_host", "/usr/bin/python3", "a=b", "-", "+", "", " ", "#", "[", "]", "{", "x[1:2]", "1:2", "a.b", "None.x", "[1][0]",
            "not 1", "~1", "1 if 1 else 2", "lambda: 1", "1 < 2", "1 and 2", "*a", "[*a]", "{**a}", "{'a': 1, **b}", "[i for i in x]",
            "1.0e+3", "0755", "0o755", "1:20", "yes", "on", "null", "~", "'02,06'", "02,06", "56L", "12_34_56", "0_7", "07.0",
        };

        [PeerFact("/usr/bin/python3")]
        public void MatchesPythonLiteralEval()
        {
            var answers = PythonPeer.RunJson(LiteralEvalScript, Corpus);
            var failures = new List<string>();
            for (var i = 0; i < Corpus.Length; i++)
            {
                var expected = answers[i];
                var kind = expected.GetProperty("kind").GetString();
                var status = PyLiteral.Evaluate(Corpus[i], out var value, out _);
                var actualJson = status == PyLiteralStatus.Value ? PyRepr.Repr(value) : null;
                var expectedJson = kind == "Value" ? expected.GetProperty("repr").GetString() : null;
                // \N{name} needs Unicode's name table, which .NET lacks: the one documented difference.
                var knownDifference = Corpus[i].Contains("\\N{");
                if (!knownDifference && (status.ToString() != kind || actualJson != expectedJson))
                {
                    failures.Add(PyRepr.Repr(Corpus[i]) + ": python " + kind + " " + expectedJson + ", ours " + status + " " + actualJson);
                }
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }
}
