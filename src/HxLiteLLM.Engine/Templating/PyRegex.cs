using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Templating
{
    /// <summary>Python <c>re</c> patterns and replacement strings on .NET's Regex.</summary>
    internal static class PyRegex
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
        private static readonly ConcurrentDictionary<(string, RegexOptions), Regex> Cache = new ConcurrentDictionary<(string, RegexOptions), Regex>();

        public static Regex Compile(string pattern, bool ignoreCase = false, bool multiline = false)
        {
            var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0) | (multiline ? RegexOptions.Multiline : 0);
            return Cache.GetOrAdd((pattern, options), key =>
            {
                try { return new Regex(Translate(key.Item1), key.Item2, Timeout); }
                catch (ArgumentException e) { throw new TemplateError("invalid regular expression " + Values.PyRepr.Repr(key.Item1) + ": " + e.Message); }
            });
        }

        /// <summary>Python-only syntax to .NET: (?P&lt;n&gt;…), (?P=n), \Z, and the a/u/L inline flags.</summary>
        public static string Translate(string pattern)
        {
            var sb = new StringBuilder(pattern.Length);
            var inClass = false;
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length)
                {
                    var n = pattern[i + 1];
                    sb.Append(n == 'Z' && !inClass ? "\\z" : "\\" + n);
                    i++;
                    continue;
                }
                if (inClass)
                {
                    if (c == ']') inClass = false;
                    sb.Append(c);
                    continue;
                }
                if (c == '[')
                {
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') sb.Append(pattern[++i]);
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') { sb.Append("\\]"); i++; }
                    continue;
                }
                if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?')
                {
                    if (pattern[i + 2] == 'P' && i + 3 < pattern.Length && pattern[i + 3] == '<') { sb.Append("(?<"); i += 3; continue; }
                    if (pattern[i + 2] == 'P' && i + 3 < pattern.Length && pattern[i + 3] == '=')
                    {
                        var close = pattern.IndexOf(')', i);
                        if (close > 0) { sb.Append("\\k<").Append(pattern, i + 4, close - i - 4).Append('>'); i = close; continue; }
                    }
                    var j = i + 2;
                    var flags = new StringBuilder();
                    while (j < pattern.Length && "aiLmsux".IndexOf(pattern[j]) >= 0) flags.Append(pattern[j++]);
                    if (flags.Length > 0 && j < pattern.Length && (pattern[j] == ')' || pattern[j] == ':' || pattern[j] == '-'))
                    {
                        var kept = flags.ToString().Replace("a", "").Replace("u", "").Replace("L", "");
                        if (kept.Length == 0 && pattern[j] == ')') { i = j; continue; }
                        sb.Append("(?").Append(kept);
                        i = j - 1;
                        continue;
                    }
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>Python's re.sub template (\1, \g&lt;1&gt;, \g&lt;name&gt;, \n …) to a .NET replacement pattern.</summary>
        public static string Replacement(string template)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < template.Length; i++)
            {
                var c = template[i];
                if (c == '$') { sb.Append("$$"); continue; }
                if (c != '\\' || i + 1 >= template.Length) { sb.Append(c); continue; }
                var n = template[++i];
                if (char.IsDigit(n))
                {
                    var digits = n.ToString();
                    if (i + 1 < template.Length && char.IsDigit(template[i + 1])) digits += template[++i];
                    sb.Append("${").Append(digits).Append('}');
                }
                else if (n == 'g' && i + 1 < template.Length && template[i + 1] == '<')
                {
                    var close = template.IndexOf('>', i);
                    if (close < 0) throw new TemplateError("missing >, unterminated name at position " + (i - 1));
                    sb.Append("${").Append(template, i + 2, close - i - 2).Append('}');
                    i = close;
                }
                else
                {
                    switch (n)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 't': sb.Append('\t'); break;
                        case 'r': sb.Append('\r'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'v': sb.Append('\v'); break;
                        case 'a': sb.Append('\a'); break;
                        case 'b': sb.Append('\b'); break;
                        case '\\': sb.Append('\\'); break;
                        default:
                            if (char.IsLetter(n) && n < 128) throw new TemplateError("bad escape \\" + n + " at position " + (i - 1));
                            sb.Append('\\').Append(n);
                            break;
                    }
                }
            }
            return sb.ToString();
        }

        public static T Run<T>(Func<T> action)
        {
            try { return action(); }
            catch (RegexMatchTimeoutException) { throw new TemplateError("regular expression took too long (more than " + Timeout.TotalSeconds + " s)"); }
        }
    }
}
