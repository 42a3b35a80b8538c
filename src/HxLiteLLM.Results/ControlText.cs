using System;
using System.Globalization;
using System.Text;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// Makes text from targets and inventories safe to print, log and put in XML. One rule: a control character
    /// (C0 but tab and, in multi-line text, line feed; DEL; C1), a lone surrogate and U+FFFE/U+FFFF become their
    /// <c>\uXXXX</c> spelling, so a terminal never executes them and XML 1.0 accepts the text; CR LF becomes LF first.
    /// CI logging commands hidden in the text are made inert the same way: a line starting (after blanks) with
    /// <c>::name…::</c> (GitHub) or <c>##[</c> (Azure) gets its first character spelled <c>\u003a</c> / <c>\u0023</c>,
    /// and so does every <c>##vso[</c> (Azure runs those anywhere in a line). Text starting (after blanks) with
    /// <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> gets a leading <c>'</c>, so a spreadsheet opening an Export-Csv file shows it
    /// as text instead of running it as a formula (OWASP's CSV-injection rule); our own text never starts so. The result is
    /// stable: applied twice, it gives the same text.
    /// </summary>
    internal static class ControlText
    {
        /// <summary>Text of several lines (a message, a remediation): line feeds and tabs are kept.</summary>
        public static string Lines(string? text) => InertInSpreadsheet(Clean(text, keepLineFeed: true));

        /// <summary>Text of one line (a target): a line feed is escaped too.</summary>
        public static string Line(string? text) => InertInSpreadsheet(Clean(text, keepLineFeed: false));

        /// <summary>A spreadsheet reads a cell starting (after blanks) with = + - @ as a formula; a leading ' makes it text.</summary>
        private static string InertInSpreadsheet(string text)
        {
            var i = 0;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) i++;
            return i < text.Length && "=+-@".IndexOf(text[i]) >= 0 ? "'" + text : text;
        }

        private static string Clean(string? text, bool keepLineFeed)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            if (IsClean(text!, keepLineFeed)) return text!;
            var source = keepLineFeed ? text!.Replace("\r\n", "\n") : text!;
            var sb = new StringBuilder(source.Length + 16);
            var lineStart = true;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (lineStart && c != ' ' && c != '\t')
                {
                    lineStart = false;
                    if (StartsCommand(source, i)) { Escape(sb, c); continue; }
                }
                if (c == '#' && At(source, i, "##vso[")) { Escape(sb, c); continue; }
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    sb.Append(c).Append(source[++i]);
                    continue;
                }
                if (c == '\n' && keepLineFeed)
                {
                    sb.Append(c);
                    lineStart = true;
                    continue;
                }
                if (Unsafe(c, keepLineFeed)) Escape(sb, c);
                else sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>True when nothing needs changing: the common case costs one scan and no allocation.</summary>
        private static bool IsClean(string text, bool keepLineFeed)
        {
            if (text.StartsWith(":", StringComparison.Ordinal) || text.IndexOf('#') >= 0 || text.IndexOf(" :", StringComparison.Ordinal) >= 0
                || text.IndexOf("\t:", StringComparison.Ordinal) >= 0) return false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n' && keepLineFeed)
                {
                    if (i + 1 < text.Length && (text[i + 1] == ':' || text[i + 1] == ' ' || text[i + 1] == '\t')) return false;
                    continue;
                }
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (Unsafe(c, keepLineFeed)) return false;
            }
            return true;
        }

        private static bool Unsafe(char c, bool keepLineFeed) =>
            c == '\t' ? false
            : c == '\n' ? !keepLineFeed
            : char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF';

        /// <summary>A GitHub workflow command (<c>::name …::</c>) or an Azure formatting command (<c>##[</c>) at this line start.</summary>
        private static bool StartsCommand(string s, int i)
        {
            if (At(s, i, "##[")) return true;
            if (!At(s, i, "::") || i + 2 >= s.Length || !char.IsLetter(s[i + 2])) return false;
            var end = s.IndexOf('\n', i);
            var close = s.IndexOf("::", i + 2, StringComparison.Ordinal);
            return close >= 0 && (end < 0 || close < end);
        }

        private static bool At(string s, int i, string what) => string.Compare(s, i, what, 0, what.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static void Escape(StringBuilder sb, char c) => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }
}
