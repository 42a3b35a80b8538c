using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Yaml
{
    /// <summary>
    /// Python's <c>json.loads</c> with Ansible's decoder hook, which Ansible's loader tries before YAML:
    /// NaN/Infinity accepted, big integers exact, duplicate keys last-wins, and an object holding
    /// <c>__ansible_vault</c> becomes a <see cref="VaultedString"/> (<c>__ansible_unsafe</c> its plain value).
    /// Returns false instead of throwing on text that is not JSON, since most vars files are YAML.
    /// </summary>
    internal sealed class AnsibleJsonReader
    {
        private readonly string _s;
        private int _pos;

        private AnsibleJsonReader(string s) { _s = s; }

        public static bool TryRead(string text, out object? value)
        {
            var reader = new AnsibleJsonReader(text);
            value = null;
            reader.SkipWhitespace();
            if (!reader.ReadValue(out value)) return false;
            reader.SkipWhitespace();
            return reader._pos == text.Length;
        }

        private void SkipWhitespace()
        {
            while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t' || _s[_pos] == '\n' || _s[_pos] == '\r')) _pos++;
        }

        private bool Match(string word)
        {
            if (string.CompareOrdinal(_s, _pos, word, 0, word.Length) != 0) return false;
            _pos += word.Length;
            return true;
        }

        private bool ReadValue(out object? value)
        {
            value = null;
            if (_pos >= _s.Length) return false;
            switch (_s[_pos])
            {
                case '{': return ReadObject(out value);
                case '[': return ReadArray(out value);
                case '"':
                    if (!ReadString(out var s)) return false;
                    value = s;
                    return true;
                case 't': value = true; return Match("true");
                case 'f': value = false; return Match("false");
                case 'n': value = null; return Match("null");
                case 'N': value = double.NaN; return Match("NaN");
                case 'I': value = double.PositiveInfinity; return Match("Infinity");
                default:
                    if (Match("-Infinity")) { value = double.NegativeInfinity; return true; }
                    return ReadNumber(out value);
            }
        }

        private bool ReadObject(out object? value)
        {
            value = null;
            _pos++;
            var dict = new PyDict();
            SkipWhitespace();
            if (_pos < _s.Length && _s[_pos] == '}') { _pos++; value = dict; return true; }
            while (true)
            {
                SkipWhitespace();
                if (_pos >= _s.Length || _s[_pos] != '"' || !ReadString(out var key)) return false;
                SkipWhitespace();
                if (_pos >= _s.Length || _s[_pos] != ':') return false;
                _pos++;
                SkipWhitespace();
                if (!ReadValue(out var item)) return false;
                dict[key] = item;
                SkipWhitespace();
                if (_pos >= _s.Length) return false;
                if (_s[_pos] == ',') { _pos++; continue; }
                if (_s[_pos] != '}') return false;
                _pos++;
                break;
            }
            value = ApplyAnsibleHook(dict);
            return true;
        }

        private static object? ApplyAnsibleHook(PyDict dict)
        {
            foreach (var kv in dict)
            {
                if (Equals(kv.Key, VaultedString.JsonKey) && kv.Value is string envelope) return new VaultedString(envelope);
                if (Equals(kv.Key, "__ansible_unsafe")) return kv.Value;
            }
            return dict;
        }

        private bool ReadArray(out object? value)
        {
            value = null;
            _pos++;
            var list = new List<object?>();
            SkipWhitespace();
            if (_pos < _s.Length && _s[_pos] == ']') { _pos++; value = list; return true; }
            while (true)
            {
                SkipWhitespace();
                if (!ReadValue(out var item)) return false;
                list.Add(item);
                SkipWhitespace();
                if (_pos >= _s.Length) return false;
                if (_s[_pos] == ',') { _pos++; continue; }
                if (_s[_pos] != ']') return false;
                _pos++;
                break;
            }
            value = list;
            return true;
        }

        private bool ReadString(out string value)
        {
            value = "";
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _s.Length) return false;
                var c = _s[_pos++];
                if (c == '"') break;
                if (c < 0x20) return false; // strict mode: raw control characters are errors
                if (c != '\\') { sb.Append(c); continue; }
                if (_pos >= _s.Length) return false;
                var e = _s[_pos++];
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
                        if (_pos + 4 > _s.Length || !int.TryParse(_s.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)) return false;
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default: return false;
                }
            }
            value = sb.ToString();
            return true;
        }

        private bool ReadNumber(out object? value)
        {
            value = null;
            var start = _pos;
            if (_pos < _s.Length && _s[_pos] == '-') _pos++;
            if (_pos >= _s.Length || !IsDigit(_s[_pos])) return false;
            if (_s[_pos] == '0') _pos++;
            else while (_pos < _s.Length && IsDigit(_s[_pos])) _pos++;
            var isFloat = false;
            if (_pos + 1 < _s.Length && _s[_pos] == '.' && IsDigit(_s[_pos + 1]))
            {
                isFloat = true;
                _pos++;
                while (_pos < _s.Length && IsDigit(_s[_pos])) _pos++;
            }
            if (_pos < _s.Length && (_s[_pos] == 'e' || _s[_pos] == 'E'))
            {
                var p = _pos + 1;
                if (p < _s.Length && (_s[p] == '+' || _s[p] == '-')) p++;
                if (p < _s.Length && IsDigit(_s[p]))
                {
                    isFloat = true;
                    _pos = p;
                    while (_pos < _s.Length && IsDigit(_s[_pos])) _pos++;
                }
            }
            var text = _s.Substring(start, _pos - start);
            value = isFloat
                ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
                : PyNumber.Normalize(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            return true;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
