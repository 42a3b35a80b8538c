using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// Ansible's host pattern handling for inventory files: an optional <c>:port</c> (taken only when what
    /// precedes it is a valid hostname, IPv4, or bracketed address) and <c>[beg:end:step]</c> ranges.
    /// </summary>
    internal static class HostPattern
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

        private const string NumericRange = @"\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]";
        private const string HexRange = @"\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]";
        private const string AlnumRange = @"\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]";
        private const string Ipv4Part = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NumericRange + ")";
        private const string Ipv6Part = "(?:[0-9a-f]{1,4}|" + HexRange + ")";
        private const string Label = @"(?:[\w]|" + AlnumRange + @")(?:[\w_-]|" + AlnumRange + @")*(?<![_-])";

        private static readonly Regex BracketedHostPort = new Regex(@"^\[(.+)\]:([0-9]+)$", Options);
        private static readonly Regex HostPort = new Regex(@"^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$", Options);
        private static readonly Regex Ipv4 = new Regex(@"^(?:" + Ipv4Part + @"\.){3}" + Ipv4Part + "$", Options);
        private static readonly Regex Ipv6 = new Regex(string.Format(CultureInfo.InvariantCulture,
            "^(?:" +
            "(?:{0}:){{7}}{0}|(?:{0}:){{1,6}}:|(?:{0}:)(?::{0}){{1,6}}|(?:{0}:){{2}}(?::{0}){{1,5}}|(?:{0}:){{3}}(?::{0}){{1,4}}|" +
            "(?:{0}:){{4}}(?::{0}){{1,3}}|(?:{0}:){{5}}(?::{0}){{1,2}}|(?:{0}:){{6}}(?::{0})|:(?::{0}){{1,6}}|{0}?::|" +
            @"(?:0:){{6}}(?:{0}\.){{3}}{0}|::(?:ffff:)?(?:{0}\.){{3}}{0}|(?:0:){{5}}ffff:(?:{0}\.){{3}}{0}" +
            ")$", Ipv6Part), Options);
        private static readonly Regex Hostname = new Regex("^" + Label + @"(?:\." + Label + ")*$", Options);

        private const string RangeHint = "a '[' in a host name starts a range, written [begin:end] or [begin:end:step], e.g. web[01:10]";

        /// <summary>Ansible would expand any range (and hang on a huge one); past this many hosts a pattern is refused.</summary>
        internal const int MaxHostsPerPattern = 1_000_000;

        private const string AsciiLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

        /// <summary>Splits a port off and expands ranges; the caller's checks (trailing ':', '---') come after.</summary>
        [MethodImpl(HotPath.Optimize)]
        public static List<string> Expand(string pattern, out long? port)
        {
            port = null;
            var name = pattern;
            // Without ':' there is no port to find, and parse_address's result would be the pattern itself.
            if (pattern.IndexOf(':') >= 0 && TryParseAddress(pattern, out var address, out var parsedPort))
            {
                name = address;
                port = parsedPort;
            }
            if (name.IndexOf('[') < 0) return new List<string> { name };
            var hosts = new List<string>();
            ExpandRanges(name, hosts);
            return hosts;
        }

        /// <summary>Ansible's parse_address(allow_ranges=True) succeeds: a host name, IPv4 or IPv6 address, with an optional port.</summary>
        public static bool IsAddress(string text) => TryParseAddress(text, out _, out _);

        private static bool TryParseAddress(string text, out string address, out long? port)
        {
            address = text;
            port = null;
            var m = BracketedHostPort.Match(address);
            if (m.Success)
            {
                address = m.Groups[1].Value;
                port = ParsePort(m.Groups[2].Value);
            }
            m = HostPort.Match(address);
            if (m.Success)
            {
                address = m.Groups[1].Value;
                port = ParsePort(m.Groups[2].Value);
            }
            return Ipv4.IsMatch(address) || Ipv6.IsMatch(address) || Hostname.IsMatch(address);
        }

        private static long ParsePort(string digits) =>
            long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                ? p
                : throw new InventoryRuleException("port number too large: " + digits);

        /// <summary>Ansible's expand_hostname_range: the first [..] is expanded, then the results recursively.</summary>
        private static void ExpandRanges(string line, List<string> hosts)
        {
            var replaced = ReplaceFirst(ReplaceFirst(line, '[', '|'), ']', '|');
            var parts = replaced.Split('|');
            if (parts.Length > 3) throw new InventoryRuleException("too many values to unpack (expected 3)",
                "a host name may hold '[' ']' only as ranges like web[01:10]");
            if (parts.Length < 3) throw new InventoryRuleException("not enough values to unpack (expected 3, got " + parts.Length + ")",
                "close the range bracket, e.g. web[01:10]");
            var head = parts[0];
            var range = parts[1];
            var tail = parts[2];
            var bounds = range.Split(':');
            if (bounds.Length != 2 && bounds.Length != 3) throw new InventoryRuleException("host range must be begin:end or begin:end:step", RangeHint);
            var beg = bounds[0];
            var end = bounds[1];
            var step = bounds.Length == 3 ? bounds[2] : "1";
            if (beg.Length == 0) beg = "0";
            if (end.Length == 0) throw new InventoryRuleException("host range must specify end value", RangeHint);
            var width = 0;
            if (beg[0] == '0' && beg.Length > 1)
            {
                width = beg.Length;
                if (width != end.Length) throw new InventoryRuleException("host range must specify equal-length begin and end formats",
                    "zero-padded bounds need the same width, e.g. [01:10]");
            }
            var items = new List<string>();
            var iBeg = AsciiLetters.IndexOf(beg, StringComparison.Ordinal);
            var iEnd = AsciiLetters.IndexOf(end, StringComparison.Ordinal);
            if (iBeg >= 0 && iEnd >= 0 && TryPythonInt(step, out var alphaStep))
            {
                if (iBeg > iEnd) throw new InventoryRuleException("host range must have begin <= end",
                    "letters count a..z then A..Z; write the earlier one first");
                if (alphaStep == 0) throw new InventoryRuleException("slice step cannot be zero");
                foreach (var i in PythonRange(iBeg, iEnd + 1, alphaStep, slice: true)) items.Add(AsciiLetters[(int)i].ToString());
            }
            else
            {
                var b = PythonInt(beg);
                var e = PythonInt(end);
                var s = PythonInt(step);
                if (s == 0) throw new InventoryRuleException("range() arg 3 must not be zero");
                foreach (var i in PythonRange(b, e + 1, s, slice: false))
                {
                    if (items.Count >= MaxHostsPerPattern) throw TooManyHosts();
                    var text = i.ToString(CultureInfo.InvariantCulture);
                    items.Add(width > 0 ? ZFill(text, width) : text);
                }
            }
            foreach (var item in items)
            {
                if (hosts.Count >= MaxHostsPerPattern) throw TooManyHosts();
                var name = head + item + tail;
                if (name.IndexOf('[') >= 0) ExpandRanges(name, hosts);
                else hosts.Add(name);
            }
        }

        private static InventoryRuleException TooManyHosts() =>
            new InventoryRuleException("host range expands to more than " + MaxHostsPerPattern.ToString("N0", CultureInfo.InvariantCulture) + " hosts",
                "check the range bounds; split a genuinely larger inventory into several patterns");

        private static string ReplaceFirst(string s, char from, char to)
        {
            var i = s.IndexOf(from);
            return i < 0 ? s : s.Substring(0, i) + to + s.Substring(i + 1);
        }

        /// <summary>Python's range(), or a slice of a sequence (which clamps instead of producing negatives).</summary>
        private static IEnumerable<long> PythonRange(long start, long stop, long step, bool slice)
        {
            if (slice && step < 0)
            {
                // A negative step on letters[beg:end+1:step] selects nothing when beg <= end.
                yield break;
            }
            if (step > 0) for (var i = start; i < stop; i += step) yield return i;
            else for (var i = start; i > stop; i += step) yield return i;
        }

        private static string ZFill(string text, int width)
        {
            if (text.Length >= width) return text;
            return text[0] == '-' ? "-" + text.Substring(1).PadLeft(width - 1, '0') : text.PadLeft(width, '0');
        }

        private static bool TryPythonInt(string s, out long value)
        {
            var t = s.Trim();
            if (t.IndexOf('_') > 0 && !t.Contains("__") && !t.EndsWith("_", StringComparison.Ordinal)) t = t.Replace("_", "");
            return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        private static long PythonInt(string s) =>
            TryPythonInt(s, out var v) ? v : throw new InventoryRuleException("invalid literal for int() with base 10: '" + s + "'");
    }
}
