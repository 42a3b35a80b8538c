using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja's filters that write markup: xmlattr, urlize.</summary>
    internal static class MarkupFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(XmlAttr, "xmlattr"),
            new FilterDefinition(Urlize, "urlize"),
        };

        private static readonly System.TimeSpan MatchTimeout = System.TimeSpan.FromSeconds(2);
        private const RegexOptions Options = RegexOptions.CultureInvariant;
        // Python's \w is str.isalnum() or '_'; .NET's \w would also take combining marks and connector punctuation.
        private const string W = @"\p{L}\p{N}_";

        /// <summary>Jinja 3.1's _http_re: a scheme or www. and a domain, a bare domain with a common TLD, or an IP address.</summary>
        private static readonly Regex HttpUrl = new Regex(
            @"^(?:(?:https?://|www\.)(?:[" + W + @"%-]+\.)*(?:[a-z]{2,63}|xn--[" + W + @"%]{2,59})"
            + @"|(?:[" + W + @"%-]{2,63}\.)+(?:com|net|int|edu|gov|org|info|mil)"
            + @"|https?://(?:\d{1,3}(?:\.\d{1,3}){3}|\[(?:[\da-f]{0,4}:){2}(?:[\da-f]{0,4}:?){1,6}\]))"
            + @"(?::\d{1,5})?(?:[/?#]\S*)?$", Options | RegexOptions.IgnoreCase, MatchTimeout);

        private static readonly Regex Email = new Regex(@"^\S+@[" + W + "][" + W + @".-]*\.[" + W + "]+$", Options, MatchTimeout);
        private static readonly Regex UriScheme = new Regex(@"^[" + W + @".+-]{2,}:/{0,2}\z", Options, MatchTimeout);
        private static readonly Regex Lead = new Regex(@"^(?:[(<]|&lt;)+", Options, MatchTimeout);
        private static readonly Regex Trail = new Regex(@"(?:[)>.,\n]|&gt;)+$", Options, MatchTimeout);
        private static readonly string[] TrailEnds = { ")", ">", ".", ",", "\n", "&gt;" };
        private static readonly (string Open, string Close)[] Pairs = { ("(", ")"), ("<", ">"), ("&lt;", "&gt;") };

        /// <summary>
        /// Jinja 3.1's do_urlize and utils.urlize: http(s), www., bare domains, mailto: and email addresses become links
        /// in the escaped text; leading ( &lt; and trailing ) &gt; . , stay outside unless they balance the link.
        /// Jinja's default policy adds rel="noopener".
        /// </summary>
        public static object? Urlize(Interpreter it, object? v, CallArgs a)
        {
            var limit = a.Get(0, "trim_url_limit");
            var rel = a.Get(3, "rel");
            if (rel != null && !(rel is string) && Ops.Truthy(rel)) throw new TemplateError("'" + Ops.TypeName(rel) + "' object has no attribute 'split'");
            var relParts = new SortedSet<string>(PySplit(rel as string ?? ""), System.StringComparer.Ordinal) { "noopener" };
            if (a.Bool(1, "nofollow", false)) relParts.Add("nofollow");
            var target = a.Get(2, "target");
            var attributes = " rel=\"" + Escape(string.Join(" ", relParts)) + "\""
                + (target != null && Ops.Truthy(target) ? " target=\"" + Escape(S(target)) + "\"" : "");
            var schemes = new List<string>();
            var extra = a.Get(4, "extra_schemes");
            if (extra != null)
            {
                foreach (var scheme in Ops.Iterate(extra))
                {
                    if (!(scheme is string text)) throw new TemplateError("expected string or bytes-like object, got '" + Ops.TypeName(scheme) + "'");
                    if (!Matches(UriScheme, text)) throw new TemplateError(PyRepr.Repr(text) + " is not a valid URI scheme prefix.");
                    schemes.Add(text);
                }
            }
            var escaped = Escape(S(v));
            var output = new StringBuilder(escaped.Length);
            var start = 0;
            while (start < escaped.Length)
            {
                var space = IsSpace(escaped[start]);
                var end = start;
                while (end < escaped.Length && IsSpace(escaped[end]) == space) end++;
                var word = escaped.Substring(start, end - start);
                output.Append(space ? word : LinkWord(word, limit, attributes, schemes));
                start = end;
            }
            return output.ToString();
        }

        private static string LinkWord(string word, object? limit, string attributes, List<string> schemes)
        {
            var head = "";
            var middle = word;
            var tail = "";
            var lead = Lead.Match(middle);
            if (lead.Success)
            {
                head = lead.Value;
                middle = middle.Substring(lead.Length);
            }
            if (TrailEnds.Any(e => middle.EndsWith(e, System.StringComparison.Ordinal)))
            {
                var trail = Trail.Match(middle);
                if (trail.Success)
                {
                    tail = trail.Value;
                    middle = middle.Substring(0, trail.Index);
                }
            }
            // A closing character in the tail that balances an opening one in the link belongs to the link.
            foreach (var (open, close) in Pairs)
            {
                var opens = Count(middle, open);
                if (opens <= Count(middle, close)) continue;
                for (var moves = System.Math.Min(opens, Count(tail, close)); moves > 0; moves--)
                {
                    var cut = tail.IndexOf(close, System.StringComparison.Ordinal) + close.Length;
                    middle += tail.Substring(0, cut);
                    tail = tail.Substring(cut);
                }
            }
            if (Matches(HttpUrl, middle))
            {
                var href = middle.StartsWith("https://", System.StringComparison.Ordinal) || middle.StartsWith("http://", System.StringComparison.Ordinal)
                    ? middle : "https://" + middle;
                middle = "<a href=\"" + href + "\"" + attributes + ">" + TrimUrl(middle, limit) + "</a>";
            }
            else if (middle.StartsWith("mailto:", System.StringComparison.Ordinal) && Matches(Email, middle.Substring(7)))
                middle = "<a href=\"" + middle + "\">" + middle.Substring(7) + "</a>";
            else if (middle.Contains('@') && !middle.StartsWith("www.", System.StringComparison.Ordinal) && !middle.Contains(':') && Matches(Email, middle))
                middle = "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
            else
            {
                // As Jinja, each scheme tests the word as the previous one left it.
                foreach (var scheme in schemes)
                    if (middle != scheme && middle.StartsWith(scheme, System.StringComparison.Ordinal)) middle = "<a href=\"" + middle + "\"" + attributes + ">"
                        + middle + "</a>";
            }
            return head + middle + tail;
        }

        /// <summary>Jinja's trim_url: longer than the limit, the first limit code points (a Python slice) and "...".</summary>
        private static string TrimUrl(string url, object? limit)
        {
            if (limit == null) return url;
            var chars = Ops.Chars(url).ToList();
            if (limit is bool flag) limit = flag ? 1L : 0L;
            if (limit is double d)
            {
                if (chars.Count > d) throw new TemplateError("slice indices must be integers or None or have an __index__ method");
                return url;
            }
            if (!(limit is long) && !(limit is BigInteger)) throw new TemplateError("'>' not supported between instances of 'int' and '" + Ops.TypeName(limit)
                + "'");
            var n = PyNumber.ToBig(limit);
            if (chars.Count <= n) return url;
            var stop = n >= 0 ? n : BigInteger.Max(0, chars.Count + n);
            return string.Concat(chars.Take((int)stop)) + "...";
        }

        private static bool Matches(Regex regex, string text)
        {
            try { return regex.IsMatch(text); }
            catch (RegexMatchTimeoutException) { throw new TemplateError("urlize: text took too long to scan"); }
        }

        private static int Count(string text, string part)
        {
            var count = 0;
            for (var i = text.IndexOf(part, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length,
                System.StringComparison.Ordinal)) count++;
            return count;
        }

        /// <summary>Python's str.isspace for one character (.NET's leaves out the separators U+001C..U+001F).</summary>
        private static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\u001c' && c <= '\u001f');

        private static IEnumerable<string> PySplit(string text)
        {
            var word = new StringBuilder();
            foreach (var c in text)
            {
                if (!IsSpace(c)) word.Append(c);
                else if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            if (word.Length > 0) yield return word.ToString();
        }

        public static object? XmlAttr(Interpreter it, object? v, CallArgs a) => XmlAttributes(v, a.Bool(0, "autospace", true));

        /// <summary>Jinja 3.1.2's do_xmlattr: key="value" pairs, escaped, skipping None and undefined values.</summary>
        private static string XmlAttributes(object? value, bool autospace)
        {
            if (!(Ops.Check(value) is IDictionary<object, object?> d))
                throw new TemplateError("'" + Ops.ObjectDescription(value) + "' object has no attribute 'items'");
            var text = string.Join(" ", d.Where(kv => kv.Value != null && !(kv.Value is Undefined))
                .Select(kv => Escape(S(kv.Key)) + "=\"" + Escape(S(kv.Value)) + "\""));
            return autospace && text.Length > 0 ? " " + text : text;
        }

        private static string Escape(string s) => (string)StringFilters.Escape(null!, s, null!)!;
    }
}
