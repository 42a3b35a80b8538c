using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace HxLiteLLM.Values
{
    /// <summary>Python's <c>str()</c> and <c>repr()</c> for the engine's value model, byte for byte.</summary>
    public static class PyRepr
    {
        /// <summary>Python <c>str(value)</c>: strings as they are, everything else as repr.</summary>
        public static string Str(object? value) => value is string s ? s : Repr(value);

        /// <summary>Python <c>repr(value)</c>.</summary>
        public static string Repr(object? value)
        {
            var sb = new StringBuilder();
            AppendRepr(sb, value);
            return sb.ToString();
        }

        private static void AppendRepr(StringBuilder sb, object? value)
        {
            switch (value)
            {
                case null: sb.Append("None"); break;
                case bool b: sb.Append(b ? "True" : "False"); break;
                case string s: AppendStringRepr(sb, s); break;
                case double d: sb.Append(Float(d)); break;
                case PyBytes bytes: sb.Append(bytes.ToString()); break;
                case long _:
                case int _:
                case BigInteger _:
                    sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                case PyTuple t:
                    sb.Append('(');
                    for (var i = 0; i < t.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        AppendRepr(sb, t[i]);
                    }
                    sb.Append(t.Count == 1 ? ",)" : ")");
                    break;
                case IDictionary<object, object?> d:
                    sb.Append('{');
                    var first = true;
                    foreach (var kv in d)
                    {
                        if (!first) sb.Append(", ");
                        first = false;
                        AppendRepr(sb, kv.Key);
                        sb.Append(": ");
                        AppendRepr(sb, kv.Value);
                    }
                    sb.Append('}');
                    break;
                case IEnumerable e:
                    sb.Append('[');
                    var firstItem = true;
                    foreach (var item in e)
                    {
                        if (!firstItem) sb.Append(", ");
                        firstItem = false;
                        AppendRepr(sb, item);
                    }
                    sb.Append(']');
                    break;
                default: sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }

        /// <summary>Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
        public static string Float(double d)
        {
            if (double.IsNaN(d)) return "nan";
            if (double.IsPositiveInfinity(d)) return "inf";
            if (double.IsNegativeInfinity(d)) return "-inf";
            if (d == 0) return BitConverter.DoubleToInt64Bits(d) < 0 ? "-0.0" : "0.0";

            var r = d.ToString("R", CultureInfo.InvariantCulture);
            var negative = r[0] == '-';
            if (negative) r = r.Substring(1);
            var exponent = 0;
            var e = r.IndexOfAny(new[] { 'E', 'e' });
            if (e >= 0)
            {
                exponent = int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                r = r.Substring(0, e);
            }
            var dot = r.IndexOf('.');
            var digits = dot >= 0 ? r.Remove(dot, 1) : r;
            var pointPosition = (dot >= 0 ? dot : r.Length) + exponent;
            var leadingZeros = 0;
            while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
            digits = digits.Substring(leadingZeros).TrimEnd('0');
            if (digits.Length == 0) digits = "0";
            pointPosition -= leadingZeros;

            var sb = new StringBuilder();
            if (negative) sb.Append('-');
            if (pointPosition < -3 || pointPosition > 16)
            {
                sb.Append(digits[0]);
                if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
                var exp = pointPosition - 1;
                sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
            }
            else if (pointPosition <= 0)
            {
                sb.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                sb.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
            return sb.ToString();
        }

        private static void AppendStringRepr(StringBuilder sb, string s)
        {
            var quote = s.IndexOf('\'') >= 0 && s.IndexOf('"') < 0 ? '"' : '\'';
            sb.Append(quote);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                int cp = c;
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    cp = char.ConvertToUtf32(c, s[i + 1]);
                }
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); continue;
                    case '\n': sb.Append("\\n"); continue;
                    case '\r': sb.Append("\\r"); continue;
                    case '\t': sb.Append("\\t"); continue;
                }
                if (c == quote) { sb.Append('\\').Append(c); continue; }
                if (cp < 0x7f && cp >= 0x20) { sb.Append(c); continue; }
                if (IsPrintable(cp))
                {
                    sb.Append(char.ConvertFromUtf32(cp));
                }
                else if (cp < 0x100) sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
                else if (cp < 0x10000) sb.Append("\\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
                if (cp > 0xffff) i++;
            }
            sb.Append(quote);
        }

        /// <summary>Python's str.isprintable() for one code point (lone surrogates are not printable).</summary>
        public static bool IsPrintable(int codePoint)
        {
            if (codePoint == ' ') return true;
            if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0);
            switch (category)
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.SpaceSeparator:
                    return false;
                default:
                    return true;
            }
        }
    }
}
