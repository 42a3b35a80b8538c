using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Python's <c>'%s' % x</c> and <c>'{}'.format(x)</c> for the value model.</summary>
    internal static class PyFormat
    {
        /// <summary>printf-style formatting; <paramref name="args"/> is a tuple, a dict (for <c>%(key)s</c>) or one value.</summary>
        public static string Percent(string format, object? args)
        {
            var list = args is PyTuple t ? t.ToList() : new List<object?> { args };
            var mapping = args as IDictionary<object, object?>;
            var next = 0;
            var sb = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c != '%') { sb.Append(c); continue; }
                if (++i >= format.Length) throw new TemplateError("incomplete format");
                object? value;
                string? key = null;
                if (format[i] == '(')
                {
                    var close = format.IndexOf(')', i);
                    if (close < 0) throw new TemplateError("incomplete format key");
                    key = format.Substring(i + 1, close - i - 1);
                    i = close + 1;
                }
                var flags = "";
                while (i < format.Length && "-+ #0".IndexOf(format[i]) >= 0) flags += format[i++];
                var width = ReadNumber(format, ref i, list, ref next);
                int? precision = null;
                if (i < format.Length && format[i] == '.') { i++; precision = ReadNumber(format, ref i, list, ref next) ?? 0; }
                while (i < format.Length && "hlL".IndexOf(format[i]) >= 0) i++;
                if (i >= format.Length) throw new TemplateError("incomplete format");
                var conv = format[i];
                if (conv == '%') { sb.Append('%'); continue; }
                if (key != null)
                {
                    if (mapping == null) throw new TemplateError("format requires a mapping");
                    if (!mapping.TryGetValue(key, out value)) throw new TemplateError(PyRepr.Repr(key));
                }
                else
                {
                    if (next >= list.Count) throw new TemplateError("not enough arguments for format string");
                    value = list[next++];
                }
                var body = conv switch
                {
                    's' => Ops.Str(value),
                    'r' => PyRepr.Repr(Ops.Check(value)),
                    'a' => Ascii(PyRepr.Repr(Ops.Check(value))),
                    'c' => value is string cs ? cs : char.ConvertFromUtf32((int)ToInteger(value, conv)),
                    'd' or 'i' or 'u' => FormatInteger(ToInteger(value, conv), 10, flags.Contains('#'), false, flags),
                    'x' or 'X' or 'o' => FormatInteger(ToInteger(value, conv), conv == 'o' ? 8 : 16, flags.Contains('#'), conv == 'X', flags),
                    'f' or 'F' or 'e' or 'E' or 'g' or 'G' => FormatFloat(ToDouble(value), conv, precision ?? 6, flags.Contains('#'), SignOf(flags)),
                    _ => throw new TemplateError("unsupported format character '" + conv + "' (0x" + ((int)conv).ToString("x", CultureInfo.InvariantCulture)
                        + ") at index " + i),
                };
                if (conv == 's' || conv == 'r' || conv == 'a') { if (precision.HasValue && body.Length > precision) body = body.Substring(0, precision.Value); }
                else if (!body.StartsWith("-") && SignOf(flags) != '-' && "dixXou".IndexOf(conv) >= 0) body = SignOf(flags) + body;
                sb.Append(PadField(body, width ?? 0, flags.Contains('-') ? '<' : '>', flags.Contains('0') && !flags.Contains('-') && conv != 's' && conv != 'r'
                    ? '0' : ' '));
                if (sb.Length > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            }
            // Python skips this check for a single argument that supports indexing (a list or dict).
            var indexable = !(args is PyTuple) && (args is IList<object?> || args is IDictionary<object, object?>);
            if (!indexable && next < list.Count) throw new TemplateError("not all arguments converted during string formatting");
            return sb.ToString();
        }

        /// <summary>Python's ascii(): the repr with every non-ASCII character escaped.</summary>
        private static string Ascii(string repr)
        {
            var sb = new StringBuilder(repr.Length);
            for (var i = 0; i < repr.Length; i++)
            {
                int cp = repr[i];
                if (cp < 0x80) { sb.Append(repr[i]); continue; }
                if (char.IsHighSurrogate(repr[i]) && i + 1 < repr.Length && char.IsLowSurrogate(repr[i + 1])) cp = char.ConvertToUtf32(repr[i], repr[++i]);
                sb.Append(cp < 0x100 ? "\\x" + cp.ToString("x2", CultureInfo.InvariantCulture) : cp < 0x10000 ? "\\u"
                    + cp.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + cp.ToString("x8", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>
        /// A width or precision written in a format (any Unicode digits, as Python reads them); one past the template
        /// output limit is refused here, before anything is padded or allocated.
        /// </summary>
        private static int Size(string digits)
        {
            long value = 0;
            foreach (var c in digits)
            {
                value = value * 10 + (long)char.GetNumericValue(c);
                if (value > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            }
            return (int)value;
        }

        private static char SignOf(string flags) => flags.Contains('+') ? '+' : flags.Contains(' ') ? ' ' : '-';

        private static int? ReadNumber(string f, ref int i, List<object?> list, ref int next)
        {
            if (i < f.Length && f[i] == '*')
            {
                i++;
                if (next >= list.Count) throw new TemplateError("not enough arguments for format string");
                var star = ToInteger(list[next++], '*');
                if (BigInteger.Abs(star) > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
                return (int)star;
            }
            var start = i;
            while (i < f.Length && char.IsDigit(f[i])) i++;
            return i > start ? Size(f.Substring(start, i - start)) : (int?)null;
        }

        private static BigInteger ToInteger(object? v, char conv) => Ops.Check(v) switch
        {
            double d => new BigInteger(Math.Truncate(d)),
            _ when PyNumber.IsNumber(v) => PyNumber.ToBig(v!),
            _ => throw new TemplateError("%" + conv + " format: a real number is required, not " + Ops.TypeName(v)),
        };

        private static double ToDouble(object? v) =>
            PyNumber.TryAsDouble(Ops.Check(v), out var d) ? d : throw new TemplateError("must be real number, not " + Ops.TypeName(v));

        private static string FormatInteger(BigInteger v, int radix, bool alternate, bool upper, string flags)
        {
            var negative = v.Sign < 0;
            var abs = BigInteger.Abs(v);
            string digits;
            if (radix == 10) digits = abs.ToString(CultureInfo.InvariantCulture);
            else
            {
                var sb = new StringBuilder();
                if (abs.IsZero) sb.Append('0');
                while (!abs.IsZero) { sb.Insert(0, "0123456789abcdef"[(int)(abs % radix)]); abs /= radix; }
                digits = sb.ToString();
                if (alternate) digits = (radix == 8 ? "0o" : radix == 16 ? "0x" : "0b") + digits;
                if (upper) digits = digits.ToUpperInvariant();
            }
            return (negative ? "-" : "") + digits;
        }

        /// <summary>Python's f/e/g float formatting; <paramref name="sign"/> is '+', ' ' or '-'.</summary>
        public static string FormatFloat(double d, char type, int precision, bool alternate, char sign)
        {
            string body;
            var upper = char.IsUpper(type);
            if (double.IsNaN(d)) body = "nan";
            else if (double.IsInfinity(d)) body = "inf";
            else
            {
                switch (char.ToLowerInvariant(type))
                {
                    case 'f': body = Math.Abs(d).ToString("F" + precision, CultureInfo.InvariantCulture); break;
                    case 'e': body = Exponent(Math.Abs(d), precision); break;
                    case '%': body = (Math.Abs(d) * 100).ToString("F" + precision, CultureInfo.InvariantCulture) + "%"; break;
                    default: body = General(Math.Abs(d), precision == 0 ? 1 : precision, alternate); break;
                }
                if (alternate && char.ToLowerInvariant(type) == 'f' && precision == 0) body += ".";
            }
            if (upper) body = body.ToUpperInvariant();
            var negative = d < 0 || (d == 0 && BitConverter.DoubleToInt64Bits(d) < 0);
            return (negative ? "-" : sign == '-' ? "" : sign.ToString()) + body;
        }

        private static string Exponent(double d, int precision)
        {
            var s = d.ToString((precision == 0 ? "0" : "0." + new string('0', precision)) + "e+00", CultureInfo.InvariantCulture);
            return s;
        }

        private static string General(double d, int precision, bool alternate)
        {
            if (d == 0) return alternate ? "0." + new string('0', precision - 1) : "0";
            var e = Exponent(d, precision - 1);
            var exp = int.Parse(e.Substring(e.IndexOf('e') + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            string s;
            if (exp >= -4 && exp < precision)
            {
                s = d.ToString("F" + (precision - 1 - exp), CultureInfo.InvariantCulture);
                if (!alternate && s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
                return s;
            }
            var mantissa = e.Substring(0, e.IndexOf('e'));
            if (!alternate && mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            return mantissa + e.Substring(e.IndexOf('e'));
        }

        private static string PadField(string body, int width, char align, char fill)
        {
            var len = Ops.CodePointLength(body);
            if (len >= width) return body;
            if (fill == '0' && align != '<')
            {
                var signLength = body.Length > 0 && "+- ".IndexOf(body[0]) >= 0 ? 1 : 0;
                if (body.Length > signLength + 1 && body[signLength] == '0' && "xXob".IndexOf(body[signLength + 1]) >= 0) signLength += 2;
                return body.Substring(0, signLength) + new string('0', width - len) + body.Substring(signLength);
            }
            var pad = width - len;
            return align switch
            {
                '<' => body + new string(fill, pad),
                '^' => new string(fill, pad / 2) + body + new string(fill, pad - pad / 2),
                _ => new string(fill, pad) + body,
            };
        }

        /// <summary>str.format: positional <c>{}</c>/<c>{0}</c>, named fields, <c>.attr</c>/<c>[key]</c>, !r/!s and format specs.</summary>
        public static string Format(string format, List<object?> args, List<KeyValuePair<string, object?>> kwargs)
        {
            var sb = new StringBuilder();
            var auto = 0;
            var manual = false;
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '}')
                {
                    if (i + 1 < format.Length && format[i + 1] == '}') { sb.Append('}'); i++; continue; }
                    throw new TemplateError("Single '}' encountered in format string");
                }
                if (c != '{') { sb.Append(c); continue; }
                if (i + 1 < format.Length && format[i + 1] == '{') { sb.Append('{'); i++; continue; }
                var depth = 1;
                var j = i + 1;
                while (j < format.Length && depth > 0)
                {
                    if (format[j] == '{') depth++;
                    else if (format[j] == '}') depth--;
                    if (depth > 0) j++;
                }
                if (j >= format.Length) throw new TemplateError("expected '}' before end of string");
                var field = format.Substring(i + 1, j - i - 1);
                i = j;
                string? spec = null;
                char? conversion = null;
                var colon = field.IndexOf(':');
                if (colon >= 0) { spec = field.Substring(colon + 1); field = field.Substring(0, colon); }
                var bang = field.IndexOf('!');
                if (bang >= 0) { conversion = field[bang + 1]; field = field.Substring(0, bang); }
                var nameEnd = 0;
                while (nameEnd < field.Length && field[nameEnd] != '.' && field[nameEnd] != '[') nameEnd++;
                var head = field.Substring(0, nameEnd);
                object? value;
                if (head.Length == 0)
                {
                    if (manual) throw new TemplateError("cannot switch from manual field specification to automatic field numbering");
                    value = args.Count > auto ? args[auto++] : throw new TemplateError("Replacement index " + auto + " out of range for positional args tuple");
                }
                else if (int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    if (auto > 0) throw new TemplateError("cannot switch from automatic field numbering to manual field specification");
                    manual = true;
                    value = index < args.Count ? args[index]
                        : throw new TemplateError("Replacement index " + index + " out of range for positional args tuple");
                }
                else
                {
                    var kw = kwargs.FirstOrDefault(k => k.Key == head);
                    if (kw.Key == null) throw new TemplateError(PyRepr.Repr(head));
                    value = kw.Value;
                }
                value = Traverse(value, field.Substring(nameEnd));
                if (spec != null && spec.Contains('{')) spec = Format(spec, args.Skip(0).ToList(), kwargs);
                var text = conversion == 'r' ? PyRepr.Repr(Ops.Check(value)) : conversion == 'a' ? Ascii(PyRepr.Repr(Ops.Check(value))) : conversion == 's'
                    ? Ops.Str(value) : null;
                sb.Append(text != null ? ApplySpec(text, spec ?? "") : ApplySpec(value, spec ?? ""));
                if (sb.Length > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            }
            return sb.ToString();
        }

        private static object? Traverse(object? value, string path)
        {
            var i = 0;
            while (i < path.Length)
            {
                if (path[i] == '.')
                {
                    var end = i + 1;
                    while (end < path.Length && path[end] != '.' && path[end] != '[') end++;
                    var name = path.Substring(i + 1, end - i - 1);
                    if (value is IAttributeSource source && source.TryGetAttribute(name, out var attr)) value = attr;
                    else if (Methods.TryBind(value, name, out var method)) value = method;
                    else throw new TemplateError("'" + Ops.TypeName(value) + "' object has no attribute '" + name + "'");
                    i = end;
                }
                else
                {
                    var close = path.IndexOf(']', i);
                    if (close < 0) throw new TemplateError("Missing ']' in format string");
                    var key = path.Substring(i + 1, close - i - 1);
                    value = Ops.Check(Ops.GetItem(value, long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n : key));
                    i = close + 1;
                }
            }
            return value;
        }

        /// <summary>Applies a format spec <c>[[fill]align][sign][#][0][width][,][.precision][type]</c> to one value.</summary>
        public static string ApplySpec(object? value, string spec)
        {
            Ops.Check(value);
            var i = 0;
            char fill = ' ';
            char? align = null;
            if (spec.Length >= 2 && "<>^=".IndexOf(spec[1]) >= 0) { fill = spec[0]; align = spec[1]; i = 2; }
            else if (spec.Length >= 1 && "<>^=".IndexOf(spec[0]) >= 0) { align = spec[0]; i = 1; }
            var sign = '-';
            if (i < spec.Length && "+- ".IndexOf(spec[i]) >= 0) sign = spec[i++];
            var alternate = false;
            if (i < spec.Length && spec[i] == '#') { alternate = true; i++; }
            if (i < spec.Length && spec[i] == '0' && align == null) { fill = '0'; align = '='; i++; }
            var ws = i;
            while (i < spec.Length && char.IsDigit(spec[i])) i++;
            var width = i > ws ? Size(spec.Substring(ws, i - ws)) : 0;
            var grouping = '\0';
            if (i < spec.Length && (spec[i] == ',' || spec[i] == '_'))
            {
                grouping = spec[i++];
                if (i < spec.Length && (spec[i] == ',' || spec[i] == '_')) throw new TemplateError("Cannot specify both ',' and '_'.");
            }
            int? precision = null;
            if (i < spec.Length && spec[i] == '.')
            {
                var ps = ++i;
                while (i < spec.Length && char.IsDigit(spec[i])) i++;
                if (i == ps) throw new TemplateError("Format specifier missing precision");
                precision = Size(spec.Substring(ps, i - ps));
            }
            var type = i < spec.Length ? spec[i] : '\0';
            if (i + 1 < spec.Length) throw new TemplateError("Invalid format specifier");
            var numeric = PyNumber.IsNumber(value) && type != 's';
            if (grouping != '\0' && (type == 'n' || type == 'c' || type == 's' || (!numeric && type == '\0') || (grouping == ',' && "xXob".IndexOf(type) >= 0)))
                throw new TemplateError("Cannot specify '" + grouping + "' with '" + (type == '\0' ? 's' : type) + "'.");
            if (!numeric)
            {
                if (!(value is string) && spec.Length > 0 && type != 's' && type != '\0') throw new TemplateError("Unknown format code '" + type
                    + "' for object of type '" + Ops.TypeName(value) + "'");
                var text = Ops.Str(value);
                if (precision.HasValue && text.Length > precision) text = text.Substring(0, precision.Value);
                return Pad(text, "", width, align ?? '<', fill);
            }
            string signText, prefix = "", digits, tail = "";
            var groupSize = 3;
            var isInt = !(value is double);
            if (type == '\0' && isInt) type = 'd';
            if (isInt && "dxXobcn".IndexOf(type) >= 0)
            {
                var big = PyNumber.ToBig(value!);
                if (type == 'c') return Pad(char.ConvertFromUtf32((int)big), "", width, align ?? '>', fill);
                var radix = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : type == 'b' ? 2 : 10;
                digits = FormatInteger(BigInteger.Abs(big), radix, false, type == 'X', "");
                if (radix != 10) groupSize = 4;
                if (alternate && radix != 10) prefix = radix == 16 ? (type == 'X' ? "0X" : "0x") : radix == 8 ? "0o" : "0b";
                signText = big.Sign < 0 ? "-" : sign == '-' ? "" : sign.ToString();
            }
            else
            {
                PyNumber.TryAsDouble(value, out var d);
                string body;
                if (type == '\0') body = precision.HasValue ? FormatFloat(d, 'g', precision.Value, alternate, sign)
                    : (d < 0 || sign == '-' ? "" : sign.ToString()) + PyRepr.Float(d);
                else if ("fFeEgG%".IndexOf(type) >= 0) body = FormatFloat(d, type, precision ?? 6, alternate, sign);
                else throw new TemplateError("Unknown format code '" + type + "' for object of type 'float'");
                signText = body.Length > 0 && "+- ".IndexOf(body[0]) >= 0 ? body.Substring(0, 1) : "";
                var integerEnd = signText.Length;
                while (integerEnd < body.Length && char.IsDigit(body[integerEnd])) integerEnd++;
                digits = body.Substring(signText.Length, integerEnd - signText.Length);
                tail = body.Substring(integerEnd);
            }
            if (grouping != '\0')
            {
                // Zero padding is grouped too: Python pads the digits with zeros, separators included, to the width.
                var zeroWidth = fill == '0' && align == '=' ? width - signText.Length - prefix.Length - tail.Length : 0;
                digits = Group(digits, groupSize, grouping, zeroWidth);
            }
            return Pad(signText + prefix + digits + tail, signText + prefix, width, align ?? '>', fill);
        }

        /// <summary>
        /// Python's thousands grouping (<c>,</c> or <c>_</c>, every 3 decimal or 4 other digits); with a minimum width the
        /// digits are first padded with zeros, and a group never starts with a separator (CPython's InsertThousandsGrouping).
        /// </summary>
        private static string Group(string digits, int size, char separator, int minWidth)
        {
            var groups = new List<string>();
            var remaining = digits.Length;
            while (true)
            {
                var length = Math.Min(size, Math.Max(Math.Max(remaining, minWidth), 1));
                var chars = Math.Min(remaining, length);
                groups.Add(new string('0', length - chars) + digits.Substring(remaining - chars, chars));
                remaining -= chars;
                minWidth -= length;
                if (remaining <= 0 && minWidth <= 0) break;
                minWidth--;
            }
            groups.Reverse();
            return string.Join(separator.ToString(), groups);
        }

        /// <summary>Pads to <paramref name="width"/>; '=' puts the fill after <paramref name="lead"/> (the sign and 0x-style prefix).</summary>
        private static string Pad(string body, string lead, int width, char align, char fill)
        {
            var len = Ops.CodePointLength(body);
            if (len >= width) return body;
            var pad = width - len;
            switch (align)
            {
                case '<': return body + new string(fill, pad);
                case '^': return new string(fill, pad / 2) + body + new string(fill, pad - pad / 2);
                case '=': return lead + new string(fill, pad) + body.Substring(lead.Length);
                default: return new string(fill, pad) + body;
            }
        }

        /// <summary>Python's round(x, n) for floats: half-even on the exact binary value.</summary>
        public static double Round(double x, int digits)
        {
            if (double.IsNaN(x) || double.IsInfinity(x) || x == 0) return x;
            var bits = BitConverter.DoubleToInt64Bits(x);
            var negative = bits < 0;
            var exponent = (int)((bits >> 52) & 0x7ff);
            var mantissa = bits & 0xfffffffffffffL;
            if (exponent == 0) exponent++; else mantissa |= 1L << 52;
            exponent -= 1075;
            // value = mantissa * 2^exponent; scaled = value * 10^digits as a fraction num/den.
            BigInteger num = mantissa, den = BigInteger.One;
            if (exponent > 0) num <<= exponent; else den <<= -exponent;
            if (digits >= 0) num *= BigInteger.Pow(10, digits); else den *= BigInteger.Pow(10, -digits);
            var q = BigInteger.DivRem(num, den, out var r);
            var twice = r * 2;
            if (twice > den || (twice == den && !q.IsEven)) q += 1;
            var text = q.ToString(CultureInfo.InvariantCulture) + "e" + (-digits).ToString(CultureInfo.InvariantCulture);
            var result = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return negative ? -result : result;
        }
    }
}
