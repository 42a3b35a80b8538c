using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Filters that shape text: case, padding, indentation, wrapping, truncation, comments, shell quoting.</summary>
    internal static class StringFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(NewStr(Capitalize), "capitalize"),
            new FilterDefinition(NewStr(Center), "center"),
            new FilterDefinition(Markup(Escape), "escape", "e", "forceescape"),
            new FilterDefinition(Format, "format"),
            new FilterDefinition(NewStr(Indent), "indent"),
            new FilterDefinition(NewStr(Lower), "lower"),
            new FilterDefinition(NewStr(Upper), "upper"),
            new FilterDefinition(NewStr(Replace), "replace"),
            new FilterDefinition(Markup(Safe), "safe"),
            new FilterDefinition(NativeText(AsString), "string"),
            new FilterDefinition(NewStr(StripTags), "striptags"),
            new FilterDefinition(NewStr(Title), "title"),
            new FilterDefinition(NewStr(Trim), "trim"),
            new FilterDefinition(Truncate, "truncate"),
            new FilterDefinition(WordCount, "wordcount"),
            new FilterDefinition(NewStr(WordWrap), "wordwrap"),
            new FilterDefinition(NewStr(Split), "split"),
            new FilterDefinition(NewStr(Comment), "comment"),
            new FilterDefinition(Quote, "quote"),
        };

        public static object? Capitalize(Interpreter it, object? v, CallArgs a)
        {
            return PyCase.Capitalize(S(v));
        }

        public static object? Center(Interpreter it, object? v, CallArgs a) => Methods.Pad(S(v), a.Int(0, "width", 80), ' ', 0);

        public static object? Escape(Interpreter it, object? v, CallArgs a) =>
            S(v).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;");

        public static object? Format(Interpreter it, object? v, CallArgs a)
        {
            if (a.Positional.Count > 0 && a.Keywords.Count > 0) throw new TemplateError("can't handle positional and keyword arguments at the same time");
            var text = S(v);
            var result = PyFormat.Percent(text, a.Keywords.Count > 0 ? new PyDict(a.Keywords.Select(k => new KeyValuePair<object, object?>(k.Key, k.Value)))
                : (object)new PyTuple(a.Positional));
            // Python writes text without a % whole, handing back the operand itself (an AnsibleUnicode stays one).
            return text.IndexOf('%') < 0 ? text : result;
        }

        public static object? Indent(Interpreter it, object? v, CallArgs a)
        {
            var text = v as string ?? throw new TemplateError(v is IList<object?> ? "'list' object has no attribute 'splitlines'" :
                "unsupported operand type(s) for +=: '" + Ops.TypeName(v) + "' and 'str'");
            return Indent(text, a.Get(0, "width", 4L), a.Bool(1, "first", false), a.Bool(2, "blank", false));
        }

        public static object? Lower(Interpreter it, object? v, CallArgs a) => PyCase.Lower(S(v));

        public static object? Upper(Interpreter it, object? v, CallArgs a) => PyCase.Upper(S(v));

        public static object? Replace(Interpreter it, object? v, CallArgs a)
        {
            var count = a.Get(2, "count");
            return Methods.Replace(S(v), S(a.Required(0, "old")), S(a.Required(1, "new")), count == null ? -1 : (int)a.Int(2, "count", -1));
        }

        public static object? Safe(Interpreter it, object? v, CallArgs a) => v is string ? v : S(v);

        public static object? AsString(Interpreter it, object? v, CallArgs a) => S(v);

        public static object? StripTags(Interpreter it, object? v, CallArgs a)
        {
            var stripped = Regex.Replace(S(v), @"(<!--.*?-->|<[^>]*>)", "", RegexOptions.Singleline);
            stripped = string.Join(" ", Methods.Split(stripped, null, -1).Cast<string>());
            return System.Net.WebUtility.HtmlDecode(stripped);
        }

        public static object? Title(Interpreter it, object? v, CallArgs a)
        {
            var parts = Regex.Split(S(v), @"([-\s\(\{\[\<]+)");
            return string.Concat(parts.Where(p => p.Length > 0).Select(PyCase.UpperFirstLowerRest));
        }

        public static object? Trim(Interpreter it, object? v, CallArgs a) => Methods.Strip(S(v), a.Get(0, "chars") as string, true, true);

        public static object? Truncate(Interpreter it, object? v, CallArgs a) =>
            Truncate(v, a.Int(0, "length", 255), a.Bool(1, "killwords", false), a.Str(2, "end", "..."), a.Get(3, "leeway"));

        public static object? WordCount(Interpreter it, object? v, CallArgs a) => (long)Regex.Matches(S(v), @"\w+").Count;

        public static object? WordWrap(Interpreter it, object? v, CallArgs a) =>
            WordWrap(v as string ?? throw new TemplateError("'" + Ops.TypeName(v) + "' object has no attribute 'splitlines'"),
                a.Int(0, "width", 79), a.Bool(1, "break_long_words", true), a.Bool(4, "break_on_hyphens", true), a.Get(2, "wrapstring") as string
                    ?? it.Context.Environment.Options.NewlineSequence);

        public static object? Split(Interpreter it, object? v, CallArgs a) =>
            Methods.Split(v as string ?? throw new TemplateError("descriptor 'split' for 'str' objects doesn't apply to a '" + Ops.TypeName(v) + "' object"),
                a.Get(0, "sep") as string, (int)a.Int(1, "maxsplit", -1));

        public static object? Comment(Interpreter it, object? v, CallArgs a) => Comment(v as string ?? throw NoAttribute(v, "replace"), a);

        public static object? Quote(Interpreter it, object? v, CallArgs a) => ShellQuote(v == null ? "" : S(v));

        /// <summary>Jinja's indent; the size of the result is checked against the template output limit before it is built.</summary>
        private static string Indent(string s, object? width, bool first, bool blank)
        {
            var spaces = width is string ? 0 : BigInteger.Max(0, PyNumber.ToBig(Ops.Check(width) ?? 0L));
            if (spaces > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            var indention = width as string ?? new string(' ', (int)spaces);
            s += "\n";
            var lines = Methods.SplitLines(s, false).Cast<string>().ToList();
            if (s.Length + (lines.Count + 1L) * indention.Length > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            string rv;
            if (blank) rv = string.Join("\n" + indention, lines);
            else
            {
                rv = lines[0];
                if (lines.Count > 1) rv += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indention + l : l));
            }
            return first ? indention + rv : rv;
        }

        /// <remarks>Lengths are Python ints: a length past any text's (3000000000) gives the text back, as Jinja does.</remarks>
        private static object? Truncate(object? value, long length, bool killwords, string end, object? leeway)
        {
            var lw = leeway == null ? 5 : PyNumber.ToBig(Ops.Check(leeway)!);
            if (length < end.Length) throw new TemplateError("expected length >= " + end.Length + ", got " + length);
            if (lw < 0) throw new TemplateError("expected leeway >= 0, got " + lw);
            if (Ops.Length(value) <= length + lw) return value;
            if (!(value is string s)) throw new TemplateError("unsupported operand type(s) for +: '" + Ops.TypeName(value) + "' and 'str'");
            // Here length < len(s), so it fits an int.
            var head = s.Substring(0, (int)length - end.Length);
            if (killwords) return head + end;
            var space = head.LastIndexOf(' ');
            return (space >= 0 ? head.Substring(0, space) : head) + end;
        }

        // Python textwrap's chunking: whitespace runs, em-dashes, and words split after hyphens.
        private const string WrapSpace = @"[\t\n\x0b\x0c\r ]";
        private const string WrapLetter = @"[^\d\W]";
        private const string WrapPunct = @"[\w!""'&.,?]";
        private static readonly Regex WordSeparator = new Regex(
            "(" + WrapSpace + "+|(?<=" + WrapPunct + ")-{2,}(?=\\w)|[^\\t\\n\\x0b\\x0c\\r ]+?(?:-(?:(?<=" + WrapLetter + "{2}-)|(?<=" + WrapLetter + "-"
                + WrapLetter + "-))(?=" + WrapLetter + "-?" + WrapLetter + ")|(?=" + WrapSpace + "|\\z)|(?<=" + WrapPunct + ")(?=-{2,}\\w)))");
        private static readonly Regex SimpleSeparator = new Regex("(" + WrapSpace + "+)");

        /// <summary>Jinja's wordwrap: textwrap.wrap of each line (tabs and whitespace kept), joined with the wrap string.</summary>
        /// <remarks>A width past any line's length wraps nothing; the joined size is checked against the template output limit before it is built.</remarks>
        private static string WordWrap(string s, long width, bool breakLong, bool breakOnHyphens, string wrap)
        {
            if (width <= 0) throw new TemplateError("invalid width " + width + " (must be > 0)");
            var lineWidth = (int)System.Math.Min(width, int.MaxValue);
            var lines = Methods.SplitLines(s, false).Cast<string>().Select(line => Wrap(line, lineWidth, breakLong, breakOnHyphens)).ToList();
            var joins = lines.Count - 1L + lines.Sum(pieces => System.Math.Max(0, pieces.Count - 1L));
            if (lines.Sum(pieces => pieces.Sum(p => (long)p.Length))
                + joins * wrap.Length > Ops.MaxStringLength) throw new TemplateError("resulting string too long");
            return string.Join(wrap, lines.Select(pieces => string.Join(wrap, pieces)));
        }

        private static bool IsBlank(string chunk) => chunk.Trim().Length == 0;

        private static List<string> Wrap(string text, int width, bool breakLong, bool breakOnHyphens)
        {
            var chunks = (breakOnHyphens ? WordSeparator : SimpleSeparator).Split(text).Where(c => c.Length > 0).ToList();
            chunks.Reverse();
            var lines = new List<string>();
            while (chunks.Count > 0)
            {
                var line = new List<string>();
                var length = 0;
                if (IsBlank(chunks[chunks.Count - 1]) && lines.Count > 0) chunks.RemoveAt(chunks.Count - 1);
                while (chunks.Count > 0)
                {
                    var l = chunks[chunks.Count - 1].Length;
                    if (length + l > width) break;
                    line.Add(chunks[chunks.Count - 1]);
                    chunks.RemoveAt(chunks.Count - 1);
                    length += l;
                }
                if (chunks.Count > 0 && chunks[chunks.Count - 1].Length > width)
                {
                    var spaceLeft = width < 1 ? 1 : width - length;
                    if (breakLong)
                    {
                        var chunk = chunks[chunks.Count - 1];
                        var end = spaceLeft;
                        if (breakOnHyphens && chunk.Length > spaceLeft)
                        {
                            var hyphen = spaceLeft > 0 ? chunk.LastIndexOf('-', spaceLeft - 1, spaceLeft) : -1;
                            if (hyphen > 0 && chunk.Substring(0, hyphen).Any(c => c != '-')) end = hyphen + 1;
                        }
                        line.Add(chunk.Substring(0, end));
                        chunks[chunks.Count - 1] = chunk.Substring(end);
                    }
                    else if (line.Count == 0)
                    {
                        line.Add(chunks[chunks.Count - 1]);
                        chunks.RemoveAt(chunks.Count - 1);
                    }
                }
                if (line.Count > 0 && IsBlank(line[line.Count - 1])) line.RemoveAt(line.Count - 1);
                if (line.Count > 0) lines.Add(string.Concat(line));
            }
            return lines;
        }

        private static string ShellQuote(string s)
        {
            if (s.Length == 0) return "''";
            if (s.All(c => c < 128 && (char.IsLetterOrDigit(c) || "@%+=:,./-_".IndexOf(c) >= 0))) return s;
            return "'" + s.Replace("'", "'\"'\"'") + "'";
        }

        private static string Comment(string text, CallArgs a)
        {
            var style = a.Str(0, "style", "plain");
            var styles = new Dictionary<string, Dictionary<string, object?>>
            {
                ["plain"] = new Dictionary<string, object?> { ["decoration"] = "# " },
                ["erlang"] = new Dictionary<string, object?> { ["decoration"] = "% " },
                ["c"] = new Dictionary<string, object?> { ["decoration"] = "// " },
                ["cblock"] = new Dictionary<string, object?> { ["beginning"] = "/*", ["decoration"] = " * ", ["end"] = " */" },
                ["xml"] = new Dictionary<string, object?> { ["beginning"] = "<!--", ["decoration"] = " - ", ["end"] = "-->" },
            };
            if (!styles.TryGetValue(style, out var styleParams)) throw new TemplateError(PyRepr.Repr(style));
            var kw = a.Keywords.Where(k => k.Key != "style").ToDictionary(k => k.Key, k => k.Value);
            var prepostfix = S(kw.TryGetValue("decoration", out var dec) ? dec : styleParams["decoration"]);
            var p = new Dictionary<string, object?>
            {
                ["newline"] = "\n", ["beginning"] = "", ["prefix"] = prepostfix.TrimEnd(), ["prefix_count"] = 1L,
                ["decoration"] = "", ["postfix"] = prepostfix.TrimEnd(), ["postfix_count"] = 1L, ["end"] = "",
            };
            foreach (var kv in styleParams) p[kv.Key] = kv.Value;
            foreach (var kv in kw) p[kv.Key] = kv.Value;
            var newline = S(p["newline"]);
            var decoration = S(p["decoration"]);
            var beginning = Ops.Truthy(p["beginning"]) ? S(p["beginning"]) + newline : "";
            var prefix = "";
            if (Ops.Truthy(p["prefix"]))
            {
                var unit = S(p["prefix"]) != newline ? S(p["prefix"]) + newline : newline;
                prefix = string.Concat(Enumerable.Repeat(unit, (int)PyNumber.ToBig(ToInt(p["prefix_count"], 0L, 10)!)));
            }
            var body = (decoration + text.Replace(newline, newline + decoration)).Replace(decoration + newline, decoration.TrimEnd() + newline);
            var postfix = string.Join(newline,
                new[] { "" }.Concat(Enumerable.Repeat(S(p["postfix"]), (int)PyNumber.ToBig(ToInt(p["postfix_count"], 0L, 10)!))));
            var end = Ops.Truthy(p["end"]) ? newline + S(p["end"]) : "";
            return beginning + prefix + body + postfix + end;
        }
    }
}
