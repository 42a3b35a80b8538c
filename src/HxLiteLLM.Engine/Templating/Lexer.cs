using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace HxLiteLLM.Templating
{
    internal enum TokenType { Data, VariableBegin, VariableEnd, BlockBegin, BlockEnd, Name, String, Integer, Float, Operator, Eof }

    internal sealed class Token
    {
        public Token(TokenType type, string value, int position, object? literal = null)
        {
            Type = type;
            Value = value;
            Position = position;
            Literal = literal;
        }

        public TokenType Type { get; }
        public string Value { get; }
        public int Position { get; }
        /// <summary>The decoded value of a string or number token.</summary>
        public object? Literal { get; }
        /// <summary>1-based line and column of <see cref="Position"/>, filled in by the parser on first use (0 until then).</summary>
        public int Line { get; set; }
        public int Column { get; set; }

        public bool IsName(string name) => Type == TokenType.Name && Value == name;
        public bool IsOp(string op) => Type == TokenType.Operator && Value == op;

        public string Describe() => Type switch
        {
            TokenType.Eof => "end of template",
            TokenType.BlockEnd => "end of statement block",
            TokenType.VariableEnd => "end of print statement",
            TokenType.Operator => Value,
            TokenType.Name => Value,
            TokenType.String => "string",
            TokenType.Integer => "integer",
            TokenType.Float => "float",
            _ => Type.ToString(),
        };
    }

    /// <summary>Where each line starts, to turn a source offset into line and column.</summary>
    internal sealed class SourceMap
    {
        private readonly List<int> _lineStarts = new List<int> { 0 };

        public SourceMap(string source)
        {
            Source = source;
            for (var i = 0; i < source.Length; i++) if (source[i] == '\n') _lineStarts.Add(i + 1);
        }

        public string Source { get; }

        public (int Line, int Column) Locate(int position)
        {
            int lo = 0, hi = _lineStarts.Count - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (_lineStarts[mid] <= position) lo = mid; else hi = mid - 1;
            }
            return (lo + 1, position - _lineStarts[lo] + 1);
        }
    }

    /// <summary>
    /// Jinja 3.1's lexer with the environment's delimiters (<c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c> unless a #jinja2: line
    /// sets others): data, tags with whitespace control, trim_blocks and
    /// lstrip_blocks, raw blocks, comments, and the expression tokens inside tags (brace-balanced, so
    /// <c>{{ {'a': {'b': 1}} }}</c> ends at the right place).
    /// </summary>
    internal sealed class Lexer
    {
        private const string SingleCharOperators = "+-/*%~[](){}><=.:|,;";

        private readonly string _src;
        private readonly TemplateOptions _options;
        private readonly string? _name;
        private readonly SourceMap _map;
        private readonly List<Token> _tokens = new List<Token>();
        private readonly string _blockStart, _blockEnd, _variableStart, _variableEnd, _commentStart, _commentEnd;
        /// <summary>The start delimiters longest first, as Jinja tries them where several match at one place.</summary>
        private readonly (string Start, char Kind)[] _openers;
        private readonly char[] _openerFirstChars;
        private static readonly (string Start, char Kind)[] DefaultOpeners = { ("{{", '{'), ("{#", '#'), ("{%", '%') };
        private static readonly char[] DefaultOpenerFirstChars = { '{' };
        private int _pos;

        private Lexer(string normalizedSource, TemplateOptions options, string? name, SourceMap map)
        {
            _src = normalizedSource;
            _options = options;
            _name = name;
            _map = map;
            _blockStart = options.BlockStartString;
            _blockEnd = options.BlockEndString;
            _variableStart = options.VariableStartString;
            _variableEnd = options.VariableEndString;
            _commentStart = options.CommentStartString;
            _commentEnd = options.CommentEndString;
            // Jinja sorts (length, token name) descending: at equal length variable, then comment, then block.
            if (_variableStart == "{{" && _commentStart == "{#" && _blockStart == "{%")
            {
                // Every template without a #jinja2: delimiter line: no per-lexer sorting.
                _openers = DefaultOpeners;
                _openerFirstChars = DefaultOpenerFirstChars;
            }
            else
            {
                _openers = new[] { (_variableStart, '{'), (_commentStart, '#'), (_blockStart, '%') }.OrderByDescending(o => o.Item1.Length).ToArray();
                _openerFirstChars = _openers.Select(o => o.Start[0]).Distinct().ToArray();
            }
        }

        /// <summary>
        /// Jinja lexes the source with every line break as LF (one final newline dropped unless kept); the newline
        /// sequence replaces LF only in the text and string literals it produces.
        /// </summary>
        public static string Normalize(string source, TemplateOptions options)
        {
            if (source.IndexOf('\r') < 0)
            {
                // Already LF-only: at most the final newline goes.
                var dropLast = !options.KeepTrailingNewline && source.Length > 0 && source[source.Length - 1] == '\n';
                return dropLast ? source.Substring(0, source.Length - 1) : source;
            }
            var sb = new StringBuilder(source.Length);
            var lines = new List<string>();
            var start = 0;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c != '\n' && c != '\r') continue;
                lines.Add(source.Substring(start, i - start));
                if (c == '\r' && i + 1 < source.Length && source[i + 1] == '\n') i++;
                start = i + 1;
            }
            lines.Add(source.Substring(start));
            if (!options.KeepTrailingNewline && lines.Count > 1 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return string.Join("\n", lines);
        }

        /// <summary>
        /// Ansible's _escape_backslashes, applied to every string it templates that comes from a variable (never to a
        /// template file): the backslashes of string literals inside <c>{{ }}</c> are doubled, so YAML's one level of
        /// escaping is all a value needs (<c>regex_replace('(\\d)', '\\1')</c> keeps its backreference). Like
        /// Ansible, the result is the lexed source (line breaks as LF, one final newline dropped); a source that does
        /// not lex is returned as it is, for the compile to report.
        /// </summary>
        public static string EscapeBackslashes(string source, TemplateOptions options)
        {
            if (source.IndexOf('\\') < 0 || source.IndexOf("{{", StringComparison.Ordinal) < 0) return source;
            var normalized = Normalize(source, options);
            List<Token> tokens;
            try { tokens = Tokenize(normalized, options, null, new SourceMap(normalized)); }
            catch (TemplateException) { return source; }
            var sb = new StringBuilder(normalized.Length + 8);
            var copied = 0;
            var inVariable = false;
            foreach (var token in tokens)
            {
                if (token.Type == TokenType.VariableBegin) inVariable = true;
                else if (token.Type == TokenType.VariableEnd) inVariable = false;
                else if (inVariable && token.Type == TokenType.String && token.Value.IndexOf('\\') >= 0)
                {
                    sb.Append(normalized, copied, token.Position - copied).Append(token.Value.Replace("\\", "\\\\"));
                    copied = token.Position + token.Value.Length;
                }
            }
            return sb.Append(normalized, copied, normalized.Length - copied).ToString();
        }

        public static List<Token> Tokenize(string normalizedSource, TemplateOptions options, string? name, SourceMap map)
        {
            var lexer = new Lexer(normalizedSource, options, name, map);
            lexer.Run();
            return lexer._tokens;
        }

        private TemplateSyntaxException Fail(string message, int position)
        {
            var (line, col) = _map.Locate(position);
            return new TemplateSyntaxException(message, _name, line, col, _src);
        }

        private void Run()
        {
            var lineStarting = true;
            while (_pos < _src.Length)
            {
                var open = FindOpener(_pos, out var kind, out var sign, out var isRaw, out var rawEnd);
                if (open < 0)
                {
                    AddData(_src.Substring(_pos), _pos);
                    _pos = _src.Length;
                    break;
                }
                var text = _src.Substring(_pos, open - _pos);
                if (sign == '-') text = text.TrimEnd(WhiteSpace);
                else if (sign != '+' && _options.LstripBlocks && kind != '{')
                {
                    var lineStart = text.LastIndexOf('\n') + 1;
                    if ((lineStart > 0 || lineStarting) && lineStart < text.Length && IsAllBlank(text, lineStart)) text = text.Substring(0, lineStart);
                }
                AddData(text, _pos);
                if (isRaw)
                {
                    _pos = rawEnd;
                    LexRaw(open);
                }
                else if (kind == '#') LexComment(open);
                else LexTag(open, kind, sign);
                lineStarting = _pos == 0 || (_pos <= _src.Length && _src[_pos - 1] == '\n');
            }
            // Jinja's end-of-template token carries the line of the last token.
            _tokens.Add(new Token(TokenType.Eof, "", _tokens.Count > 0 ? _tokens[_tokens.Count - 1].Position : 0));
        }

        private static readonly char[] WhiteSpace = { ' ', '\t', '\n', '\r', '\f', '\v' };

        private static bool IsAllBlank(string text, int from)
        {
            for (var i = from; i < text.Length; i++) if (!char.IsWhiteSpace(text[i])) return false;
            return true;
        }

        private string WithNewlines(string text) => _options.NewlineSequence == "\n" ? text : text.Replace("\n", _options.NewlineSequence);

        private void AddData(string text, int position)
        {
            if (text.Length > 0) _tokens.Add(new Token(TokenType.Data, WithNewlines(text), position));
        }

        /// <summary>
        /// The next tag start (variable, block or comment; <paramref name="kind"/> is '{', '%' or '#') from
        /// <paramref name="from"/>, noting a raw block start.
        /// </summary>
        private int FindOpener(int from, out char kind, out char sign, out bool isRaw, out int rawEnd)
        {
            kind = sign = '\0';
            isRaw = false;
            rawEnd = 0;
            for (var i = _src.IndexOfAny(_openerFirstChars, from); i >= 0; i = _src.IndexOfAny(_openerFirstChars, i + 1))
            {
                // A raw block start wins over every other delimiter at the same place, as in Jinja's root pattern.
                if (Next(i, _blockStart))
                {
                    var at = i + _blockStart.Length;
                    var rawSign = at < _src.Length && (_src[at] == '-' || _src[at] == '+') ? _src[at] : '\0';
                    if (MatchRawTag(at + (rawSign != '\0' ? 1 : 0), "raw", out rawEnd, out _))
                    {
                        kind = '%';
                        sign = rawSign;
                        isRaw = true;
                        return i;
                    }
                }
                foreach (var (start, k) in _openers)
                {
                    if (!Next(i, start)) continue;
                    kind = k;
                    var after = i + start.Length;
                    sign = after < _src.Length && (_src[after] == '-' || _src[after] == '+') ? _src[after] : '\0';
                    return i;
                }
            }
            return -1;
        }

        private int OpenerLength(char kind) => kind == '%' ? _blockStart.Length : kind == '#' ? _commentStart.Length : _variableStart.Length;

        /// <summary>
        /// Matches <c>\s*word\s*(-%}\s*|+%}|%})</c> at <paramref name="at"/> (the raw/endraw tag body, "%}" being the
        /// block end delimiter); <paramref name="closeSign"/> is the '-' or '+' before it, or '\0'.
        /// </summary>
        private bool MatchRawTag(int at, string word, out int end, out char closeSign)
        {
            end = 0;
            closeSign = '\0';
            var i = at;
            while (i < _src.Length && char.IsWhiteSpace(_src[i])) i++;
            if (string.CompareOrdinal(_src, i, word, 0, word.Length) != 0) return false;
            i += word.Length;
            if (i < _src.Length && (char.IsLetterOrDigit(_src[i]) || _src[i] == '_')) return false;
            while (i < _src.Length && char.IsWhiteSpace(_src[i])) i++;
            if (i < _src.Length && _src[i] == '-' && Next(i + 1, _blockEnd))
            {
                i += 1 + _blockEnd.Length;
                while (i < _src.Length && char.IsWhiteSpace(_src[i])) i++;
                end = i;
                closeSign = '-';
                return true;
            }
            // "+%}" closes endraw but not raw (Jinja's raw_begin pattern has no "+" form).
            if (word == "endraw" && i < _src.Length && _src[i] == '+' && Next(i + 1, _blockEnd))
            {
                end = i + 1 + _blockEnd.Length;
                closeSign = '+';
                return true;
            }
            if (Next(i, _blockEnd)) { end = i + _blockEnd.Length; return true; }
            return false;
        }

        private bool Next(int at, string s) => at >= 0 && at + s.Length <= _src.Length && string.CompareOrdinal(_src, at, s, 0, s.Length) == 0;

        private void LexRaw(int openPosition)
        {
            for (var i = _src.IndexOf(_blockStart, _pos, StringComparison.Ordinal); i >= 0; i = _src.IndexOf(_blockStart, i + 1, StringComparison.Ordinal))
            {
                var at = i + _blockStart.Length;
                var sign = at < _src.Length && (_src[at] == '-' || _src[at] == '+') ? _src[at] : '\0';
                if (!MatchRawTag(at + (sign != '\0' ? 1 : 0), "endraw", out var end, out var closeSign)) continue;
                var data = _src.Substring(_pos, i - _pos);
                if (sign == '-') data = data.TrimEnd(WhiteSpace);
                else if (sign != '+' && _options.LstripBlocks)
                {
                    // endraw takes lstrip_blocks like any block tag; "line starting" is whether the raw tag ended a line.
                    var lineStart = data.LastIndexOf('\n') + 1;
                    var lineStarting = _pos > 0 && _src[_pos - 1] == '\n';
                    if ((lineStart > 0 || lineStarting) && IsAllBlank(data, lineStart)) data = data.Substring(0, lineStart);
                }
                AddData(data, _pos);
                // endraw's plain "%}" takes trim_blocks like any block end.
                if (closeSign == '\0' && _options.TrimBlocks && end < _src.Length && _src[end] == '\n') end++;
                _pos = end;
                return;
            }
            throw Fail("Missing end of raw directive", openPosition);
        }

        private void LexComment(int open)
        {
            var close = _src.IndexOf(_commentEnd, open + _commentStart.Length, StringComparison.Ordinal);
            if (close < 0) throw Fail("Missing end of comment tag", open);
            var end = close + _commentEnd.Length;
            var sign = close > open + _commentStart.Length ? _src[close - 1] : '\0';
            if (sign == '-') end = SkipWhitespace(end);
            else if (sign != '+' && _options.TrimBlocks && end < _src.Length && _src[end] == '\n') end++;
            _pos = end;
        }

        private int SkipWhitespace(int i)
        {
            while (i < _src.Length && char.IsWhiteSpace(_src[i])) i++;
            return i;
        }

        private void LexTag(int open, char kind, char sign)
        {
            var isBlock = kind == '%';
            _tokens.Add(new Token(isBlock ? TokenType.BlockBegin : TokenType.VariableBegin, isBlock ? _blockStart : _variableStart, open));
            var i = open + OpenerLength(kind) + (sign != '\0' ? 1 : 0);
            var balance = new Stack<char>();
            while (true)
            {
                if (balance.Count == 0 && TryTagEnd(ref i, isBlock)) { _pos = i; return; }
                if (i >= _src.Length) throw Fail(isBlock ? "Unexpected end of template. Missing end of statement block ('" + _blockEnd + "')." :
                    "Unexpected end of template. Missing end of print statement ('" + _variableEnd + "').", open);
                var c = _src[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (char.IsDigit(c)) { i = LexNumber(i); continue; }
                if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < _src.Length && (char.IsLetterOrDigit(_src[i]) || _src[i] == '_')) i++;
                    _tokens.Add(new Token(TokenType.Name, _src.Substring(start, i - start), start));
                    continue;
                }
                if (c == '\'' || c == '"') { i = LexString(i); continue; }
                var op = OperatorAt(i);
                if (op == null) throw Fail("unexpected char " + Values.PyRepr.Repr(c.ToString()) + " at " + i, i);
                if (op == "(" || op == "[" || op == "{") balance.Push(op == "(" ? ')' : op == "[" ? ']' : '}');
                else if (op == ")" || op == "]" || op == "}")
                {
                    if (balance.Count == 0) throw Fail("unexpected '" + op + "'", i);
                    var expected = balance.Pop();
                    if (expected != op[0]) throw Fail("unexpected '" + op + "', expected '" + expected + "'", i);
                }
                _tokens.Add(new Token(TokenType.Operator, op, i));
                i += op.Length;
            }
        }

        /// <summary>The operator starting at <paramref name="i"/>, two-character ones first, as Jinja's operator regex orders them.</summary>
        private string? OperatorAt(int i)
        {
            var c = _src[i];
            var next = i + 1 < _src.Length ? _src[i + 1] : '\0';
            switch (c)
            {
                case '/' when next == '/': return "//";
                case '*' when next == '*': return "**";
                case '=' when next == '=': return "==";
                case '!' when next == '=': return "!=";
                case '>' when next == '=': return ">=";
                case '<' when next == '=': return "<=";
            }
            var single = SingleCharOperators.IndexOf(c);
            return single < 0 ? null : OneCharStrings[single];
        }

        private static readonly string[] OneCharStrings = SingleCharOperators.Select(ch => ch.ToString()).ToArray();

        private bool TryTagEnd(ref int i, bool isBlock)
        {
            var at = i;
            if (at >= _src.Length) return false;
            var close = isBlock ? _blockEnd : _variableEnd;
            var first = _src[at];
            if (first != close[0] && first != '-' && first != '+') return false;
            if (first == '-' && Next(at + 1, close))
            {
                _tokens.Add(new Token(isBlock ? TokenType.BlockEnd : TokenType.VariableEnd, close, at));
                i = SkipWhitespace(at + 1 + close.Length);
                return true;
            }
            if (isBlock && first == '+' && Next(at + 1, close))
            {
                _tokens.Add(new Token(TokenType.BlockEnd, close, at));
                i = at + 1 + close.Length;
                return true;
            }
            if (Next(at, close))
            {
                _tokens.Add(new Token(isBlock ? TokenType.BlockEnd : TokenType.VariableEnd, close, at));
                i = at + close.Length;
                if (isBlock && _options.TrimBlocks && i < _src.Length && _src[i] == '\n') i++;
                return true;
            }
            return false;
        }

        private int LexNumber(int start)
        {
            var i = start;
            if (_src[i] == '0' && i + 1 < _src.Length && "bBoOxX".IndexOf(_src[i + 1]) >= 0)
            {
                var radix = char.ToLowerInvariant(_src[i + 1]) == 'b' ? 2 : char.ToLowerInvariant(_src[i + 1]) == 'o' ? 8 : 16;
                var j = i + 2;
                var digits = new StringBuilder();
                while (j < _src.Length && (Uri.IsHexDigit(_src[j]) || _src[j] == '_'))
                {
                    if (_src[j] != '_') digits.Append(_src[j]);
                    j++;
                }
                if (digits.Length > 0)
                {
                    var value = System.Numerics.BigInteger.Zero;
                    foreach (var d in digits.ToString())
                    {
                        var v = Uri.FromHex(d);
                        if (v >= radix) throw Fail("invalid digit '" + d + "' in integer literal", j);
                        value = value * radix + v;
                    }
                    _tokens.Add(new Token(TokenType.Integer, _src.Substring(start, j - start), start, Values.PyNumber.Normalize(value)));
                    return j;
                }
            }
            i = ScanDigits(i);
            var isFloat = false;
            // Jinja's float pattern has (?<!\.): after a dot ("x.0.1") digits are an integer subscript, never a float.
            if (start > 0 && _src[start - 1] == '.')
            {
                _tokens.Add(new Token(TokenType.Integer, _src.Substring(start, i - start), start,
                    Values.PyNumber.Normalize(System.Numerics.BigInteger.Parse(_src.Substring(start, i - start).Replace("_", ""),
                        CultureInfo.InvariantCulture))));
                return i;
            }
            if (i + 1 < _src.Length && _src[i] == '.' && char.IsDigit(_src[i + 1]))
            {
                isFloat = true;
                i = ScanDigits(i + 1);
            }
            if (i < _src.Length && (_src[i] == 'e' || _src[i] == 'E'))
            {
                var j = i + 1;
                if (j < _src.Length && (_src[j] == '+' || _src[j] == '-')) j++;
                if (j < _src.Length && char.IsDigit(_src[j]))
                {
                    isFloat = true;
                    i = ScanDigits(j);
                }
            }
            var text = _src.Substring(start, i - start);
            var clean = text.Replace("_", "");
            object literal = isFloat
                ? double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture)
                : Values.PyNumber.Normalize(System.Numerics.BigInteger.Parse(clean, CultureInfo.InvariantCulture));
            _tokens.Add(new Token(isFloat ? TokenType.Float : TokenType.Integer, text, start, literal));
            return i;
        }

        private int ScanDigits(int i)
        {
            while (i < _src.Length && (char.IsDigit(_src[i]) || (_src[i] == '_' && i + 1 < _src.Length && char.IsDigit(_src[i + 1])))) i++;
            return i;
        }

        private int LexString(int start)
        {
            var quote = _src[start];
            var i = start + 1;
            while (i < _src.Length && _src[i] != quote)
            {
                if (_src[i] == '\\') i++;
                i++;
            }
            if (i >= _src.Length) throw Fail("unexpected char " + Values.PyRepr.Repr(quote.ToString()) + " at " + start, start);
            var raw = _src.Substring(start + 1, i - start - 1);
            _tokens.Add(new Token(TokenType.String, _src.Substring(start, i + 1 - start), start, Unescape(WithNewlines(raw))));
            return i + 1;
        }

        /// <summary>Python's unicode-escape decoding, as Jinja applies it to string literals.</summary>
        private static string Unescape(string s)
        {
            if (s.IndexOf('\\') < 0) return s;
            var sb = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c != '\\' || i + 1 >= s.Length) { sb.Append(c); continue; }
                var n = s[++i];
                switch (n)
                {
                    case '\n': break;
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case 'a': sb.Append('\a'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'v': sb.Append('\v'); break;
                    case 'x': i = AppendHex(sb, s, i, 2); break;
                    case 'u': i = AppendHex(sb, s, i, 4); break;
                    case 'U': i = AppendHex(sb, s, i, 8); break;
                    default:
                        if (n >= '0' && n <= '7')
                        {
                            var value = 0;
                            var count = 0;
                            while (count < 3 && i < s.Length && s[i] >= '0' && s[i] <= '7') { value = value * 8 + (s[i] - '0'); i++; count++; }
                            i--;
                            sb.Append((char)value);
                        }
                        else sb.Append('\\').Append(n);
                        break;
                }
            }
            return sb.ToString();
        }

        private static int AppendHex(StringBuilder sb, string s, int at, int digits)
        {
            if (at + digits >= s.Length) { sb.Append('\\').Append(s[at]); return at; }
            var hex = s.Substring(at + 1, digits);
            if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) || cp > 0x10ffff)
            {
                sb.Append('\\').Append(s[at]);
                return at;
            }
            sb.Append(char.ConvertFromUtf32(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp));
            return at + digits;
        }
    }
}
