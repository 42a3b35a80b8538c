using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Templating
{
    /// <summary>A compiled Python pattern: .NET numbers named groups after unnamed ones, so names become numbers.</summary>
    internal sealed class PyPattern
    {
        public PyPattern(Regex regex, Dictionary<string, int> groupNames, int groupCount)
        {
            Regex = regex;
            GroupNames = groupNames;
            GroupCount = groupCount;
        }

        public Regex Regex { get; }
        /// <summary>Python group name → group number.</summary>
        public Dictionary<string, int> GroupNames { get; }
        public int GroupCount { get; }

        public int GroupNumber(string name)
        {
            if (GroupNames.TryGetValue(name, out var n)) return n;
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n <= GroupCount) return n;
            throw new TemplateError("unknown group name '" + name + "'");
        }
    }

    /// <summary>Python <c>re</c> patterns and replacement strings on .NET's Regex.</summary>
    internal static class PyRegex
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
        private static readonly ConcurrentDictionary<(string, RegexOptions), PyPattern> Cache = new ConcurrentDictionary<(string, RegexOptions), PyPattern>();

        public static PyPattern Compile(string pattern, bool ignoreCase = false, bool multiline = false)
        {
            var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0) | (multiline ? RegexOptions.Multiline : 0);
            return Cache.GetOrAdd((pattern, options), key =>
            {
                var names = new Dictionary<string, int>(StringComparer.Ordinal);
                var translated = Translate(key.Item1, names, out var count);
                try { return new PyPattern(new Regex(translated, key.Item2, Timeout), names, count); }
                catch (ArgumentException e) { throw new TemplateError("invalid regular expression " + Values.PyRepr.Repr(key.Item1) + ": " + e.Message); }
            });
        }

        /// <summary>
        /// Python-only syntax to .NET: named groups (?P&lt;n&gt;…) become plain numbered groups (Python numbering),
        /// (?P=n) a numbered backreference, \Z is \z, and the a/u/L inline flags are dropped.
        /// </summary>
        private static string Translate(string pattern, Dictionary<string, int> names, out int groupCount)
        {
            var sb = new StringBuilder(pattern.Length);
            var inClass = false;
            groupCount = 0;
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
                if (c == '(' && (i + 1 >= pattern.Length || pattern[i + 1] != '?'))
                {
                    groupCount++;
                    sb.Append(c);
                    continue;
                }
                if (c == '(' && i + 2 < pattern.Length)
                {
                    if (pattern[i + 2] == 'P' && i + 3 < pattern.Length && pattern[i + 3] == '<')
                    {
                        var close = pattern.IndexOf('>', i);
                        if (close < 0) throw new TemplateError("missing >, unterminated name at position " + (i + 4));
                        names[pattern.Substring(i + 4, close - i - 4)] = ++groupCount;
                        sb.Append('(');
                        i = close;
                        continue;
                    }
                    if (pattern[i + 2] == 'P' && i + 3 < pattern.Length && pattern[i + 3] == '=')
                    {
                        var close = pattern.IndexOf(')', i);
                        if (close < 0 || !names.TryGetValue(pattern.Substring(i + 4, close - i - 4), out var number))
                            throw new TemplateError("unknown group name in " + pattern);
                        sb.Append("(?:\\").Append(number.ToString(CultureInfo.InvariantCulture)).Append(')');
                        i = close;
                        continue;
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
        public static string Replacement(string template, PyPattern pattern)
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
                    sb.Append("${").Append(pattern.GroupNumber(template.Substring(i + 2, close - i - 2)).ToString(CultureInfo.InvariantCulture)).Append('}');
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
