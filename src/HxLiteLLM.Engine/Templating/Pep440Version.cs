using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// packaging.version.Version (23.0) for the version test's pep440 type: the PEP 440 pattern, the normalised
    /// pre/post/dev/local parts and packaging's comparison key (_cmpkey).
    /// </summary>
    internal sealed class Pep440Version : IComparable<Pep440Version>
    {
        private static readonly Regex Pattern = new Regex(@"^\s*v?
            (?:
                (?:(?<epoch>[0-9]+)!)?
                (?<release>[0-9]+(?:\.[0-9]+)*)
                (?<pre>[-_\.]?(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))[-_\.]?(?<pre_n>[0-9]+)?)?
                (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
                (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?
            )
            (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
            \s*$", RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private BigInteger _epoch;
        private List<BigInteger> _release = new List<BigInteger>();
        private (string Letter, BigInteger Number)? _pre;
        private (string Letter, BigInteger Number)? _post;
        private (string Letter, BigInteger Number)? _dev;
        private List<object>? _local;

        private Pep440Version() { }

        public static Pep440Version Parse(string text)
        {
            var m = Pattern.Match(text);
            if (!m.Success) throw new TemplateError("Version comparison failed: Invalid version: '" + text + "'");
            var version = new Pep440Version
            {
                _epoch = m.Groups["epoch"].Success ? BigInteger.Parse(m.Groups["epoch"].Value, CultureInfo.InvariantCulture) : BigInteger.Zero,
                _release = m.Groups["release"].Value.Split('.').Select(p => BigInteger.Parse(p, CultureInfo.InvariantCulture)).ToList(),
                _pre = Letter(m.Groups["pre_l"], m.Groups["pre_n"]),
                _post = Letter(m.Groups["post_l"], m.Groups["post_n1"].Success ? m.Groups["post_n1"] : m.Groups["post_n2"]),
                _dev = Letter(m.Groups["dev_l"], m.Groups["dev_n"]),
                _local = m.Groups["local"].Success
                    ? Regex.Split(m.Groups["local"].Value, "[._-]").Select(p => p.All(c => c >= '0' && c <= '9')
                        ? (object)BigInteger.Parse(p, CultureInfo.InvariantCulture) : p.ToLowerInvariant()).ToList()
                    : null,
            };
            return version;
        }

        /// <summary>_parse_letter_version: spellings normalised (alpha→a, c/pre/preview→rc, rev/r→post), a bare number is a post release.</summary>
        private static (string, BigInteger)? Letter(Group letter, Group number)
        {
            var n = number.Success ? BigInteger.Parse(number.Value, CultureInfo.InvariantCulture) : BigInteger.Zero;
            if (letter.Success)
            {
                var l = letter.Value.ToLowerInvariant();
                l = l == "alpha" ? "a" : l == "beta" ? "b" : l == "c" || l == "pre" || l == "preview" ? "rc" : l == "rev" || l == "r" ? "post" : l;
                return (l, n);
            }
            return number.Success ? ("post", n) : ((string, BigInteger)?)null;
        }

        /// <summary>packaging's _cmpkey, compared field by field; +1/-1 stand for Infinity/NegativeInfinity.</summary>
        public int CompareTo(Pep440Version? other)
        {
            if (other == null) return 1;
            var c = _epoch.CompareTo(other._epoch);
            if (c != 0) return c;
            c = CompareReleases(TrimZeros(_release), TrimZeros(other._release));
            if (c != 0) return c;
            c = CompareOptional(PreKey(this), PreKey(other));
            if (c != 0) return c;
            c = CompareOptional(_post == null ? (-1, null) : (0, _post), other._post == null ? (-1, null) : (0, other._post));
            if (c != 0) return c;
            c = CompareOptional(_dev == null ? (1, null) : (0, _dev), other._dev == null ? (1, null) : (0, other._dev));
            if (c != 0) return c;
            return CompareLocal(_local, other._local);
        }

        /// <summary>A dev release without pre or post sorts before all pre-releases; no pre-release sorts after them.</summary>
        private static (int, (string, BigInteger)?) PreKey(Pep440Version v) =>
            v._pre == null && v._post == null && v._dev != null ? (-1, null) : v._pre == null ? (1, null) : (0, v._pre);

        private static int CompareOptional((int Infinity, (string Letter, BigInteger Number)? Value) a,
            (int Infinity, (string Letter, BigInteger Number)? Value) b)
        {
            if (a.Infinity != 0 || b.Infinity != 0) return a.Infinity.CompareTo(b.Infinity);
            var c = string.CompareOrdinal(a.Value!.Value.Letter, b.Value!.Value.Letter);
            return c != 0 ? Math.Sign(c) : a.Value.Value.Number.CompareTo(b.Value.Value.Number);
        }

        private static List<BigInteger> TrimZeros(List<BigInteger> release)
        {
            var end = release.Count;
            while (end > 0 && release[end - 1].IsZero) end--;
            return release.Take(end).ToList();
        }

        private static int CompareReleases(List<BigInteger> a, List<BigInteger> b)
        {
            for (var i = 0; i < a.Count && i < b.Count; i++)
            {
                var c = a[i].CompareTo(b[i]);
                if (c != 0) return c;
            }
            return a.Count.CompareTo(b.Count);
        }

        /// <summary>No local part sorts first; numeric segments sort after alphanumeric ones, each among themselves.</summary>
        private static int CompareLocal(List<object>? a, List<object>? b)
        {
            if (a == null || b == null) return (a == null ? 0 : 1) - (b == null ? 0 : 1);
            for (var i = 0; i < a.Count && i < b.Count; i++)
            {
                int c;
                if (a[i] is BigInteger x && b[i] is BigInteger y) c = x.CompareTo(y);
                else if (a[i] is string s && b[i] is string t) c = Math.Sign(string.CompareOrdinal(s, t));
                else c = a[i] is BigInteger ? 1 : -1;
                if (c != 0) return c;
            }
            return a.Count.CompareTo(b.Count);
        }
    }
}
