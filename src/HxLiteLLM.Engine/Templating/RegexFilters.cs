using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Ansible's regex_* filters, with Python re semantics (PyRegex).</summary>
    internal static class RegexFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(NewStr(RegexReplace), "regex_replace"),
            new FilterDefinition(NewStr(RegexSearch), "regex_search"),
            new FilterDefinition(NewStr(RegexFindAll), "regex_findall"),
            new FilterDefinition(NewStr(RegexEscape), "regex_escape"),
        };

        public static object? RegexEscape(Interpreter it, object? v, CallArgs a) => RegexEscape(S(v));

        public static object? RegexReplace(Interpreter it, object? v, CallArgs a)
        {
            var pattern = PyRegex.Compile(a.Str(0, "pattern", ""), a.Bool(2, "ignorecase", false), a.Bool(3, "multiline", false));
            var regex = pattern.Regex;
            var replacement = PyRegex.Replacement(a.Str(1, "replacement", ""), pattern);
            var count = (int)a.Int(4, "count", 0);
            var input = S(v);
            return PyRegex.Run(() => count > 0 ? regex.Replace(input, replacement, count) : regex.Replace(input, replacement));
        }

        public static object? RegexSearch(Interpreter it, object? v, CallArgs a)
        {
            var pattern = S(a.Required(0, "regex"));
            var groups = new List<object>();
            foreach (var arg in a.Positional.Skip(1).Select(S))
            {
                if (arg.StartsWith("\\g")) groups.Add(arg.Substring(3, arg.Length - 4));
                else if (arg.StartsWith("\\") && int.TryParse(arg.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) groups.Add(n);
                else throw new TemplateError("Unknown argument");
            }
            var compiled = PyRegex.Compile(pattern, a.Bool(-1, "ignorecase", false), a.Bool(-1, "multiline", false));
            var input = S(v);
            var match = PyRegex.Run(() => compiled.Regex.Match(input));
            if (!match.Success) return null;
            if (groups.Count == 0) return match.Value;
            return groups.Select(g =>
            {
                var group = match.Groups[g is int i ? i : compiled.GroupNumber((string)g)];
                return group.Success ? (object?)group.Value : null;
            }).ToList();
        }

        public static object? RegexFindAll(Interpreter it, object? v, CallArgs a)
        {
            var compiled = PyRegex.Compile(S(a.Required(0, "regex")), a.Bool(2, "ignorecase", false), a.Bool(1, "multiline", false));
            var regex = compiled.Regex;
            var input = S(v);
            var groupCount = compiled.GroupCount;
            return PyRegex.Run(() => regex.Matches(input).Cast<System.Text.RegularExpressions.Match>().Select(m =>
            {
                if (groupCount == 0) return (object?)m.Value;
                if (groupCount == 1) return m.Groups[1].Value;
                return new PyTuple(Enumerable.Range(1, groupCount).Select(i => (object?)m.Groups[i].Value));
            }).ToList());
        }

        /// <summary>Python 3.7+ re.escape: only regex-special characters get a backslash.</summary>
        private static string RegexEscape(string s)
        {
            var sb = new StringBuilder();
            foreach (var c in s)
            {
                if ("()[]{}?*+-|^$\\.&~# \t\n\r\v\f".IndexOf(c) >= 0) sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
