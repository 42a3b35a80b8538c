using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace HxLiteLLM.Values
{
    /// <summary>What <see cref="PyLiteral.Evaluate"/> made of a text.</summary>
    public enum PyLiteralStatus
    {
        /// <summary>A literal of the value model (str, int, float, bool, None, list, tuple, dict).</summary>
        Value,
        /// <summary>Python's ast.literal_eval raises ValueError or SyntaxError: callers keep the raw text.</summary>
        NotALiteral,
        /// <summary>A valid literal the value model cannot hold (set, complex, Ellipsis); Ansible cannot print it as JSON.</summary>
        Unsupported,
        /// <summary>literal_eval raises TypeError (a list, dict or set used as a dict key or set item).</summary>
        TypeError,
    }

    /// <summary>
    /// Python 3.11 <c>ast.literal_eval</c> of a text, as Ansible's INI inventory applies it to every value.
    /// A single pass without exceptions on the failure path: most inventory values are not literals.
    /// </summary>
    public static class PyLiteral
    {
        /// <summary>AggressiveOptimization (absent from netstandard2.0, honoured by the runtime): skip tier-0 JIT on this per-variable path.</summary>
        private const MethodImplOptions Optimize = (MethodImplOptions)512;

        /// <summary>True with the value when the text is a literal of the value model.</summary>
        [MethodImpl(Optimize)]
        public static bool TryEval(string source, out object? value) => Evaluate(source, out value, out _) == PyLiteralStatus.Value;

        /// <summary>Evaluates the text; <paramref name="problem"/> explains Unsupported and TypeError outcomes.</summary>
        public static PyLiteralStatus Evaluate(string source, out object? value, out string? problem)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            value = null;
            problem = null;
            // Cheap exit for the common non-literal inventory values (names, addresses, paths).
            if (source.Length == 0 || !CanStartLiteral(source)) return PyLiteralStatus.NotALiteral;
            var parser = new Parser(source);
            var result = parser.ParseTop(out var parsed);
            if (result != PyLiteralStatus.Value) { problem = parser.Problem; return result; }
            value = parsed;
            return PyLiteralStatus.Value;
        }

        [MethodImpl(Optimize)]

        private static bool CanStartLiteral(string s)
        {
            var i = 0;
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
            if (i == s.Length) return false;
            var c = s[i];
            if (c >= '0' && c <= '9') return true;
            switch (c)
            {
                case '-': case '+': case '.': case '(': case '[': case '{': case '\'': case '"': case '#': case '\n': case '\r': case '\\':
                case 'T': case 'F': case 'N': case 's': case 'r': case 'R': case 'u': case 'U': case 'b': case 'B':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Marks a parsed value Python has but the value model lacks.</summary>
        private sealed class Foreign
        {
            public readonly string Kind;
            public readonly bool Hashable;
            public Foreign(string kind, bool hashable) { Kind = kind; Hashable = hashable; }
        }

        private sealed class Parser
        {
            private readonly string _s;
            private int _pos;
            private int _depth;
            /// <summary>Python's parser refuses deeper bracket nesting ("too many nested parentheses"); so does this one, before the stack would
            /// overflow.</summary>
            private const int MaxDepth = 200;
            // Evaluation outcomes are recorded in Python's evaluation order; the first one wins.
            private PyLiteralStatus _outcome = PyLiteralStatus.Value;
            public string? Problem;

            public Parser(string s) { _s = s; }

            [MethodImpl(Optimize)]

            public PyLiteralStatus ParseTop(out object? value)
            {
                value = null;
                while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t')) _pos++;
                SkipBlankLines();
                if (!ParseTestList(out value, topLevel: true)) return PyLiteralStatus.NotALiteral;
                SkipBlankLines();
                if (_pos != _s.Length) return PyLiteralStatus.NotALiteral;
                return _outcome;
            }

            private void SkipBlankLines()
            {
                while (true)
                {
                    SkipSpace();
                    if (_pos < _s.Length && (_s[_pos] == '\n' || _s[_pos] == '\r')) { _pos++; continue; }
                    return;
                }
            }

            /// <summary>Skips spaces, comments, line continuations, and newlines inside brackets.</summary>
            [MethodImpl(Optimize)]
            private bool SkipSpace()
            {
                while (_pos < _s.Length)
                {
                    var c = _s[_pos];
                    if (c == ' ' || c == '\t' || c == '\f') _pos++;
                    else if (c == '#') { while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r') _pos++; }
                    else if (c == '\\')
                    {
                        if (_pos + 1 < _s.Length && (_s[_pos + 1] == '\n' || _s[_pos + 1] == '\r'))
                        {
                            _pos += _s[_pos + 1] == '\r' && _pos + 2 < _s.Length && _s[_pos + 2] == '\n' ? 3 : 2;
                        }
                        else return false;
                    }
                    else if ((c == '\n' || c == '\r') && _depth > 0) _pos++;
                    else break;
                }
                return true;
            }

            private char Peek() => _pos < _s.Length ? _s[_pos] : '\0';

            private void Record(PyLiteralStatus status, string problem)
            {
                if (_outcome != PyLiteralStatus.Value && _outcome != PyLiteralStatus.Unsupported) return;
                if (_outcome == PyLiteralStatus.Unsupported && status == PyLiteralStatus.Unsupported) return;
                _outcome = status;
                Problem = problem;
            }

            /// <summary>expr (',' expr)* [','] — a tuple when a comma is present.</summary>
            [MethodImpl(Optimize)]
            private bool ParseTestList(out object? value, bool topLevel)
            {
                value = null;
                if (!ParseExpression(out var first)) return false;
                if (!SkipSpace()) return false;
                if (Peek() != ',') { value = first; return true; }
                var items = new List<object?> { first };
                while (Peek() == ',')
                {
                    _pos++;
                    if (!SkipSpace()) return false;
                    var c = Peek();
                    if (c == '\0' || c == ')' || c == '#' || (topLevel && (c == '\n' || c == '\r'))) break;
                    if (!ParseExpression(out var item)) return false;
                    items.Add(item);
                    if (!SkipSpace()) return false;
                }
                value = new PyTuple(items);
                return true;
            }

            /// <summary>A signed number, optionally plus/minus an imaginary constant, or any other atom.</summary>
            [MethodImpl(Optimize)]
            private bool ParseExpression(out object? value)
            {
                value = null;
                if (!SkipSpace()) return false;
                var c = Peek();
                bool signedNumber;
                if (c == '-' || c == '+')
                {
                    _pos++;
                    if (!ParseAtom(out var operand, out var isNumberConstant)) return false;
                    if (!isNumberConstant) return false;
                    value = c == '-' ? Negate(operand) : operand;
                    signedNumber = true;
                }
                else
                {
                    if (!ParseAtom(out value, out var isNumberConstant)) return false;
                    signedNumber = isNumberConstant;
                }
                if (!SkipSpace()) return false;
                c = Peek();
                if (c == '+' || c == '-')
                {
                    // Only number ± imaginary constant is a literal (a complex number).
                    if (!signedNumber) return false;
                    _pos++;
                    if (!SkipSpace()) return false;
                    if (!ParseAtom(out var right, out var rightIsNumber) || !rightIsNumber) return false;
                    if (!(right is Foreign f) || f.Kind != "complex") return false;
                    value = right;
                    if (!SkipSpace()) return false;
                    c = Peek();
                }
                return IsExpressionEnd(c);
            }

            private bool IsExpressionEnd(char c) =>
                c == '\0' || c == ',' || c == ')' || c == ']' || c == '}' || c == ':' || c == '\n' || c == '\r';

            private static object? Negate(object? operand) => operand switch
            {
                long l => l == long.MinValue ? (object)(-new BigInteger(l)) : -l,
                BigInteger b => PyNumber.Normalize(-b),
                double d => -d,
                _ => operand,
            };

            /// <summary>Parses one atom; <paramref name="isNumberConstant"/> tells a (parenthesised) int/float/complex constant.</summary>
            [MethodImpl(Optimize)]
            private bool ParseAtom(out object? value, out bool isNumberConstant)
            {
                value = null;
                isNumberConstant = false;
                if (!SkipSpace()) return false;
                var c = Peek();
                if ((c >= '0' && c <= '9') || (c == '.' && _pos + 1 < _s.Length && char.IsDigit(_s[_pos + 1])))
                {
                    isNumberConstant = true;
                    return ParseNumber(out value);
                }
                switch (c)
                {
                    case '[': return ParseList(out value);
                    case '{': return ParseBraces(out value);
                    case '(': return ParseParenthesis(out value, out isNumberConstant);
                    case '\'':
                    case '"':
                        return ParseStrings(out value);
                    case '.':
                        if (string.CompareOrdinal(_s, _pos, "...", 0, 3) == 0)
                        {
                            _pos += 3;
                            value = new Foreign("Ellipsis", true);
                            Record(PyLiteralStatus.Unsupported, "Ellipsis");
                            return true;
                        }
                        return false;
                }
                if (IsIdentifierStart(c)) return ParseName(out value);
                return false;
            }

            private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);
            private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

            [MethodImpl(Optimize)]

            private bool ParseName(out object? value)
            {
                value = null;
                var start = _pos;
                while (_pos < _s.Length && IsIdentifierPart(_s[_pos])) _pos++;
                var name = _s.Substring(start, _pos - start);
                if (_pos < _s.Length && (_s[_pos] == '\'' || _s[_pos] == '"') && IsStringPrefix(name))
                {
                    _pos = start;
                    return ParseStrings(out value);
                }
                switch (name)
                {
                    case "True": value = true; return true;
                    case "False": value = false; return true;
                    case "None": value = null; return true;
                    case "set":
                        // set() is the one call literal_eval accepts.
                        if (!SkipSpace() || Peek() != '(') return false;
                        _pos++;
                        _depth++;
                        if (!SkipSpace()) return false;
                        if (Peek() != ')') return false;
                        _pos++;
                        _depth--;
                        value = new Foreign("set", false);
                        Record(PyLiteralStatus.Unsupported, "a set");
                        return true;
                    default:
                        return false;
                }
            }

            private static bool IsStringPrefix(string p)
            {
                switch (p.ToLowerInvariant())
                {
                    case "r": case "u": case "b": case "br": case "rb": case "f": case "fr": case "rf": return true;
                    default: return false;
                }
            }

            /// <summary>
            /// Each parenthesis is parsed twice (as a lone number constant, then as a test list); remembering the outcome
            /// per position keeps nested parentheses linear instead of exponential.
            /// </summary>
            private Dictionary<int, (bool Ok, object? Value, bool IsNumber, int End)>? _parenthesisMemo;

            private bool ParseParenthesis(out object? value, out bool isNumberConstant)
            {
                var start = _pos;
                _parenthesisMemo ??= new Dictionary<int, (bool, object?, bool, int)>();
                if (_parenthesisMemo.TryGetValue(start, out var known))
                {
                    value = known.Value;
                    isNumberConstant = known.IsNumber;
                    _pos = known.End;
                    return known.Ok;
                }
                var depth = _depth;
                var ok = ParseParenthesisOnce(out value, out isNumberConstant);
                if (ok) _depth = depth;
                _parenthesisMemo[start] = (ok, value, isNumberConstant, _pos);
                return ok;
            }

            private bool ParseParenthesisOnce(out object? value, out bool isNumberConstant)
            {
                value = null;
                isNumberConstant = false;
                _pos++;
                if (++_depth > MaxDepth) return false;
                if (!SkipSpace()) return false;
                if (Peek() == ')')
                {
                    _pos++;
                    _depth--;
                    value = new PyTuple(Array.Empty<object?>());
                    return true;
                }
                var save = _pos;
                var saveDepth = _depth;
                // A lone parenthesised number constant keeps its constant-ness (-(1) is a literal).
                if (ParseAtom(out var inner, out var innerIsNumber) && innerIsNumber && SkipSpace() && Peek() == ')')
                {
                    _pos++;
                    _depth--;
                    value = inner;
                    isNumberConstant = true;
                    return true;
                }
                _pos = save;
                _depth = saveDepth;
                if (!ParseTestList(out value, topLevel: false)) return false;
                if (!SkipSpace() || Peek() != ')') return false;
                _pos++;
                _depth--;
                return true;
            }

            private bool ParseList(out object? value)
            {
                value = null;
                _pos++;
                if (++_depth > MaxDepth) return false;
                var items = new List<object?>();
                if (!SkipSpace()) return false;
                while (Peek() != ']')
                {
                    if (!ParseExpression(out var item)) return false;
                    items.Add(item);
                    if (!SkipSpace()) return false;
                    if (Peek() == ',') { _pos++; if (!SkipSpace()) return false; }
                    else if (Peek() != ']') return false;
                }
                _pos++;
                _depth--;
                value = items;
                return true;
            }

            private bool ParseBraces(out object? value)
            {
                value = null;
                _pos++;
                if (++_depth > MaxDepth) return false;
                if (!SkipSpace()) return false;
                if (Peek() == '}') { _pos++; _depth--; value = new PyDict(); return true; }
                if (!ParseExpression(out var first)) return false;
                if (!SkipSpace()) return false;
                if (Peek() != ':') return ParseSetRest(first, out value);
                var dict = new PyDict();
                var key = first;
                while (true)
                {
                    _pos++; // ':'
                    if (!ParseExpression(out var item)) return false;
                    if (!IsHashable(key)) Record(PyLiteralStatus.TypeError, "unhashable type: '" + TypeName(key) + "' used as a dict key");
                    else if (key != null && !(key is Foreign)) dict[key] = item;
                    else if (key == null) Record(PyLiteralStatus.Unsupported, "None as a dict key");
                    if (!SkipSpace()) return false;
                    if (Peek() == ',') { _pos++; if (!SkipSpace()) return false; }
                    else if (Peek() != '}') return false;
                    if (Peek() == '}') break;
                    if (!ParseExpression(out key)) return false;
                    if (!SkipSpace() || Peek() != ':') return false;
                }
                _pos++;
                _depth--;
                value = dict;
                return true;
            }

            private bool ParseSetRest(object? first, out object? value)
            {
                value = null;
                var item = first;
                while (true)
                {
                    if (!IsHashable(item)) Record(PyLiteralStatus.TypeError, "unhashable type: '" + TypeName(item) + "' in a set");
                    if (Peek() == ',') { _pos++; if (!SkipSpace()) return false; }
                    else if (Peek() != '}') return false;
                    if (Peek() == '}') break;
                    if (!ParseExpression(out item)) return false;
                    if (!SkipSpace()) return false;
                }
                _pos++;
                _depth--;
                value = new Foreign("set", false);
                Record(PyLiteralStatus.Unsupported, "a set");
                return true;
            }

            private static bool IsHashable(object? v) => v switch
            {
                List<object?> _ => false,
                PyDict _ => false,
                Foreign f => f.Hashable,
                PyTuple t => AllHashable(t),
                _ => true,
            };

            private static bool AllHashable(PyTuple t)
            {
                foreach (var item in t) if (!IsHashable(item)) return false;
                return true;
            }

            private static string TypeName(object? v) => v switch
            {
                List<object?> _ => "list",
                PyDict _ => "dict",
                Foreign f => f.Kind,
                _ => "tuple",
            };

            // ---- numbers ----

            [MethodImpl(Optimize)]

            private bool ParseNumber(out object? value)
            {
                value = null;
                var start = _pos;
                var c = Peek();
                if (c == '0' && _pos + 1 < _s.Length)
                {
                    var radixChar = char.ToLowerInvariant(_s[_pos + 1]);
                    var radix = radixChar == 'x' ? 16 : radixChar == 'o' ? 8 : radixChar == 'b' ? 2 : 0;
                    if (radix != 0)
                    {
                        _pos += 2;
                        return ParseRadixInteger(radix, out value);
                    }
                }
                if (c != '.' && ScanDigitPart() < 0) return false;
                var isFloat = false;
                if (Peek() == '.')
                {
                    _pos++;
                    isFloat = true;
                    if (_pos < _s.Length && char.IsDigit(_s[_pos]) && ScanDigitPart() < 0) return false;
                }
                if (Peek() == 'e' || Peek() == 'E')
                {
                    var save = _pos;
                    _pos++;
                    if (Peek() == '+' || Peek() == '-') _pos++;
                    if (_pos < _s.Length && char.IsDigit(_s[_pos]))
                    {
                        if (ScanDigitPart() < 0) return false;
                        isFloat = true;
                    }
                    else
                    {
                        _pos = save;
                        return false;
                    }
                }
                var text = _s.Substring(start, _pos - start);
                if (Peek() == 'j' || Peek() == 'J')
                {
                    _pos++;
                    if (_pos < _s.Length && IsIdentifierPart(_s[_pos])) return false;
                    value = new Foreign("complex", true);
                    Record(PyLiteralStatus.Unsupported, "a complex number");
                    return true;
                }
                if (_pos < _s.Length && (IsIdentifierPart(_s[_pos]) || _s[_pos] == '.')) return false;
                var clean = text.IndexOf('_') >= 0 ? text.Replace("_", "") : text;
                if (isFloat)
                {
                    value = double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
                    return true;
                }
                if (clean.Length > 1 && clean[0] == '0')
                {
                    // Leading zeros are only allowed in an all-zero decimal integer.
                    foreach (var d in clean) if (d != '0') return false;
                    value = 0L;
                    return true;
                }
                if (clean.Length <= 18) value = long.Parse(clean, NumberStyles.None, CultureInfo.InvariantCulture);
                else value = PyNumber.Normalize(BigInteger.Parse(clean, NumberStyles.None, CultureInfo.InvariantCulture));
                return true;
            }

            /// <summary>digit (["_"] digit)*; returns the end, or -1 on a misplaced underscore.</summary>
            [MethodImpl(Optimize)]
            private int ScanDigitPart()
            {
                if (!(_pos < _s.Length && char.IsDigit(_s[_pos]) && _s[_pos] < 128)) return -1;
                _pos++;
                while (_pos < _s.Length)
                {
                    var c = _s[_pos];
                    if (c >= '0' && c <= '9') _pos++;
                    else if (c == '_')
                    {
                        if (_pos + 1 < _s.Length && _s[_pos + 1] >= '0' && _s[_pos + 1] <= '9') _pos += 2;
                        else return -1;
                    }
                    else break;
                }
                return _pos;
            }

            private bool ParseRadixInteger(int radix, out object? value)
            {
                value = null;
                var result = BigInteger.Zero;
                var digits = 0;
                while (_pos < _s.Length)
                {
                    var c = _s[_pos];
                    if (c == '_')
                    {
                        if (_pos + 1 >= _s.Length || DigitValue(_s[_pos + 1]) < 0 || DigitValue(_s[_pos + 1]) >= radix) return false;
                        _pos++;
                        continue;
                    }
                    var d = DigitValue(c);
                    if (d < 0 || d >= radix) break;
                    result = result * radix + d;
                    digits++;
                    _pos++;
                }
                if (digits == 0) return false;
                if (_pos < _s.Length && (IsIdentifierPart(_s[_pos]) || _s[_pos] == '.')) return false;
                value = PyNumber.Normalize(result);
                return true;
            }

            private static int DigitValue(char c)
            {
                if (c >= '0' && c <= '9') return c - '0';
                if (c >= 'a' && c <= 'f') return c - 'a' + 10;
                if (c >= 'A' && c <= 'F') return c - 'A' + 10;
                return -1;
            }

            // ---- strings ----

            /// <summary>One or more adjacent string literals, concatenated; bytes and str may not mix.</summary>
            [MethodImpl(Optimize)]
            private bool ParseStrings(out object? value)
            {
                value = null;
                var sb = new StringBuilder();
                bool? isBytes = null;
                while (true)
                {
                    if (!ParseOneString(sb, out var bytes)) return false;
                    if (isBytes.HasValue && isBytes.Value != bytes) return false;
                    isBytes = bytes;
                    var save = _pos;
                    if (!SkipSpace()) return false;
                    var c = Peek();
                    if (c == '\'' || c == '"') continue;
                    if (IsIdentifierStart(c))
                    {
                        var p = _pos;
                        while (p < _s.Length && IsIdentifierPart(_s[p])) p++;
                        if (p < _s.Length && (_s[p] == '\'' || _s[p] == '"') && IsStringPrefix(_s.Substring(_pos, p - _pos))) continue;
                    }
                    _pos = save;
                    break;
                }
                value = isBytes == true ? DecodeBytes(sb.ToString()) : sb.ToString();
                return true;
            }

            [MethodImpl(Optimize)]

            private bool ParseOneString(StringBuilder sb, out bool isBytes)
            {
                var raw = false;
                isBytes = false;
                while (_pos < _s.Length && _s[_pos] != '\'' && _s[_pos] != '"')
                {
                    switch (char.ToLowerInvariant(_s[_pos]))
                    {
                        case 'r': raw = true; break;
                        case 'b': isBytes = true; break;
                        case 'u': break;
                        default: return false; // f-strings are not literals
                    }
                    _pos++;
                }
                var quote = _s[_pos];
                var triple = _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote;
                _pos += triple ? 3 : 1;
                while (true)
                {
                    if (_pos >= _s.Length) return false;
                    var c = _s[_pos];
                    if (c == quote)
                    {
                        if (!triple) { _pos++; return true; }
                        if (_pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote) { _pos += 3; return true; }
                        sb.Append(c);
                        _pos++;
                        continue;
                    }
                    if ((c == '\n' || c == '\r') && !triple) return false;
                    if (isBytes && c > 127) return false;
                    if (c == '\\')
                    {
                        if (_pos + 1 >= _s.Length) return false;
                        if (raw)
                        {
                            // A raw string keeps the backslash; it still protects the next character from ending the string.
                            sb.Append(c).Append(_s[_pos + 1]);
                            _pos += 2;
                            continue;
                        }
                        if (!ParseEscape(sb, isBytes)) return false;
                        continue;
                    }
                    if (c == '\r')
                    {
                        // Python reads source with universal newlines.
                        sb.Append('\n');
                        _pos += _pos + 1 < _s.Length && _s[_pos + 1] == '\n' ? 2 : 1;
                        continue;
                    }
                    sb.Append(c);
                    _pos++;
                }
            }

            private bool ParseEscape(StringBuilder sb, bool isBytes)
            {
                var e = _s[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case '\n': return true;
                    case '\r':
                        if (Peek() == '\n') _pos++;
                        return true;
                    case '\\': sb.Append('\\'); return true;
                    case '\'': sb.Append('\''); return true;
                    case '"': sb.Append('"'); return true;
                    case 'a': sb.Append('\a'); return true;
                    case 'b': sb.Append('\b'); return true;
                    case 'f': sb.Append('\f'); return true;
                    case 'n': sb.Append('\n'); return true;
                    case 'r': sb.Append('\r'); return true;
                    case 't': sb.Append('\t'); return true;
                    case 'v': sb.Append('\v'); return true;
                    case 'x': return AppendHexEscape(sb, 2);
                    case 'u' when !isBytes: return AppendHexEscape(sb, 4);
                    case 'U' when !isBytes: return AppendHexEscape(sb, 8);
                    // \N{name} needs the Unicode name database, which .NET lacks: not evaluated.
                    case 'N' when !isBytes: return false;
                }
                if (e >= '0' && e <= '7')
                {
                    var v = e - '0';
                    for (var n = 0; n < 2 && Peek() >= '0' && Peek() <= '7'; n++) { v = v * 8 + (Peek() - '0'); _pos++; }
                    if (isBytes) v &= 0xff;
                    sb.Append((char)v);
                    return true;
                }
                // Unknown escapes keep their backslash.
                sb.Append('\\');
                _pos--;
                return true;
            }

            private bool AppendHexEscape(StringBuilder sb, int length)
            {
                if (_pos + length > _s.Length) return false;
                var v = 0;
                for (var i = 0; i < length; i++)
                {
                    var d = DigitValue(_s[_pos + i]);
                    if (d < 0) return false;
                    v = v * 16 + d;
                }
                if (v > 0x10ffff || v < 0) return false;
                _pos += length;
                if (v > 0xffff) sb.Append(char.ConvertFromUtf32(v));
                else sb.Append((char)v);
                return true;
            }

            /// <summary>Ansible turns bytes into text as UTF-8, smuggling undecodable bytes as lone surrogates.</summary>
            private static string DecodeBytes(string latin)
            {
                var bytes = new byte[latin.Length];
                for (var i = 0; i < latin.Length; i++) bytes[i] = (byte)latin[i];
                try
                {
                    return new UTF8Encoding(false, true).GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    var sb = new StringBuilder();
                    foreach (var b in bytes) sb.Append(b < 128 ? (char)b : (char)(0xdc00 + b));
                    return sb.ToString();
                }
            }
        }
    }
}
