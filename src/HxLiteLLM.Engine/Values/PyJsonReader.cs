using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace HxLiteLLM.Values
{
    /// <summary>A JSON text Python's json.loads would refuse; the message is Python's, with line, column and char.</summary>
    public sealed class PyJsonDecodeException : HxException
    {
        public PyJsonDecodeException(string message) : base("JsonDecodeError", message, kind: HxErrorKind.ParseError) { }
    }

    /// <summary>
    /// Python's json.loads into the value model (objects → PyDict, integers → long/BigInteger, NaN/Infinity accepted,
    /// duplicate keys last-wins). With <c>ansibleObjects</c>, also Ansible's decoder hook, which its vars loader uses:
    /// an object holding <c>__ansible_vault</c> becomes a <see cref="VaultedString"/>, <c>__ansible_unsafe</c> its plain value.
    /// </summary>
    public sealed class PyJsonReader
    {
        private const int MaxDepth = 500;
        private readonly string _s;
        private readonly bool _ansibleObjects;
        private int _i;

        private PyJsonReader(string s, bool ansibleObjects)
        {
            _s = s;
            _ansibleObjects = ansibleObjects;
        }

        public static object? Parse(string text, bool ansibleObjects = false)
        {
            var reader = new PyJsonReader(text, ansibleObjects);
            reader.SkipSpace();
            var value = reader.Value(0);
            reader.SkipSpace();
            if (reader._i != text.Length) throw reader.Fail("Extra data");
            return value;
        }

        /// <summary>For callers that try JSON first and fall back (Ansible's loader tries JSON, then YAML).</summary>
        public static bool TryParse(string text, bool ansibleObjects, out object? value)
        {
            try
            {
                value = Parse(text, ansibleObjects);
                return true;
            }
            catch (PyJsonDecodeException)
            {
                value = null;
                return false;
            }
        }

        private PyJsonDecodeException Fail(string what)
        {
            var line = 1;
            var col = 1;
            for (var k = 0; k < _i && k < _s.Length; k++) { if (_s[k] == '\n') { line++; col = 1; } else col++; }
            return new PyJsonDecodeException(what + ": line " + line + " column " + col + " (char " + _i + ")");
        }

        private void SkipSpace()
        {
            while (_i < _s.Length && (_s[_i] == ' ' || _s[_i] == '\t' || _s[_i] == '\n' || _s[_i] == '\r')) _i++;
        }

        private object? Value(int depth)
        {
            if (depth > MaxDepth) throw Fail("Nesting too deep");
            if (_i >= _s.Length) throw Fail("Expecting value");
            var c = _s[_i];
            switch (c)
            {
                case '{':
                    _i++;
                    var dict = new PyDict();
                    SkipSpace();
                    if (_i < _s.Length && _s[_i] == '}') { _i++; return dict; }
                    while (true)
                    {
                        SkipSpace();
                        if (_i >= _s.Length || _s[_i] != '"') throw Fail("Expecting property name enclosed in double quotes");
                        var key = String();
                        SkipSpace();
                        if (_i >= _s.Length || _s[_i] != ':') throw Fail("Expecting ':' delimiter");
                        _i++;
                        SkipSpace();
                        dict[key] = Value(depth + 1);
                        SkipSpace();
                        if (_i < _s.Length && _s[_i] == ',') { _i++; continue; }
                        if (_i < _s.Length && _s[_i] == '}') { _i++; return _ansibleObjects ? AnsibleObject(dict) : dict; }
                        throw Fail("Expecting ',' delimiter");
                    }
                case '[':
                    _i++;
                    var list = new List<object?>();
                    SkipSpace();
                    if (_i < _s.Length && _s[_i] == ']') { _i++; return list; }
                    while (true)
                    {
                        SkipSpace();
                        list.Add(Value(depth + 1));
                        SkipSpace();
                        if (_i < _s.Length && _s[_i] == ',') { _i++; continue; }
                        if (_i < _s.Length && _s[_i] == ']') { _i++; return list; }
                        throw Fail("Expecting ',' delimiter");
                    }
                case '"': return String();
            }
            foreach (var (word, value) in new (string, object?)[] { ("null", null), ("true", true), ("false", false), ("NaN", double.NaN),
                ("Infinity", double.PositiveInfinity), ("-Infinity", double.NegativeInfinity) })
            {
                if (string.CompareOrdinal(_s, _i, word, 0, word.Length) == 0) { _i += word.Length; return value; }
            }
            var start = _i;
            if (_i < _s.Length && _s[_i] == '-') _i++;
            if (_i >= _s.Length || !char.IsDigit(_s[_i])) { _i = start; throw Fail("Expecting value"); }
            if (_s[_i] == '0') _i++; else while (_i < _s.Length && char.IsDigit(_s[_i])) _i++;
            var isFloat = false;
            if (_i + 1 < _s.Length && _s[_i] == '.' && char.IsDigit(_s[_i + 1])) { isFloat = true; _i++; while (_i < _s.Length && char.IsDigit(_s[_i])) _i++; }
            if (_i < _s.Length && (_s[_i] == 'e' || _s[_i] == 'E'))
            {
                var save = _i++;
                if (_i < _s.Length && (_s[_i] == '+' || _s[_i] == '-')) _i++;
                if (_i < _s.Length && char.IsDigit(_s[_i])) { isFloat = true; while (_i < _s.Length && char.IsDigit(_s[_i])) _i++; }
                else _i = save;
            }
            var text = _s.Substring(start, _i - start);
            return isFloat ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
                : PyNumber.Normalize(BigInteger.Parse(text, CultureInfo.InvariantCulture));
        }

        private static object? AnsibleObject(PyDict dict)
        {
            foreach (var kv in dict)
            {
                if (Equals(kv.Key, VaultedString.JsonKey) && kv.Value is string envelope) return new VaultedString(envelope);
                if (Equals(kv.Key, "__ansible_unsafe")) return kv.Value;
            }
            return dict;
        }

        private string String()
        {
            var begin = _i++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_i >= _s.Length) { _i = begin; throw Fail("Unterminated string starting at"); }
                var c = _s[_i++];
                if (c == '"') return sb.ToString();
                if (c < 0x20) { _i--; throw Fail("Invalid control character at"); }
                if (c != '\\') { sb.Append(c); continue; }
                if (_i >= _s.Length) throw Fail("Unterminated string starting at");
                var e = _s[_i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > _s.Length || !int.TryParse(_s.Substring(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture,
                            out var cp)) throw Fail("Invalid \\uXXXX escape");
                        sb.Append((char)cp);
                        _i += 4;
                        break;
                    default: _i -= 2; throw Fail("Invalid \\escape");
                }
            }
        }
    }
}
