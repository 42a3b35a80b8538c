using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Inventory;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// -Limit, as Ansible's --limit (ansible-core's InventoryManager): a host pattern narrows the hosts a command selects.
    /// Terms are comma-separated (or colon-separated when the whole is no host address); a term is a host or group name,
    /// a shell-style wildcard (*, ?, [seq]) over group and host names, ~regex, and a [n] or [n:m] subscript; '&amp;' intersects
    /// and '!' excludes, applied after the plain terms whatever their place, as Ansible orders them.
    /// </summary>
    public static partial class InventorySelection
    {
        private static readonly Regex WithSubscript = new Regex(@"^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>
        /// <paramref name="hosts"/> narrowed to those <paramref name="limit"/> selects, in their order; no limit (null or blank)
        /// keeps them all. A limit that leaves none is an InventoryLimitEmpty error naming it, as Ansible stops when --limit
        /// leaves no host.
        /// </summary>
        public static IReadOnlyList<InventoryHost> Limit(InventoryModel model, IReadOnlyList<InventoryHost> hosts, string? limit, string inventoryPath)
        {
            if (string.IsNullOrWhiteSpace(limit)) return hosts;
            var selected = new HashSet<string>(LimitMatches(model, limit!).Select(h => h.Name), StringComparer.Ordinal);
            var narrowed = hosts.Where(h => selected.Contains(h.Name)).ToList();
            if (narrowed.Count > 0) return narrowed;
            throw new HxException("InventoryLimitEmpty",
                "The limit '" + limit + "' leaves none of the hosts selected (" + hosts.Count + ") of " + inventoryPath + " (" +
                string.Join(", ", hosts.Take(5).Select(h => h.Name)) + (hosts.Count > 5 ? ", ..." : "") + "); check it with ansible -i '" +
                inventoryPath.Replace("'", "''") + "' all --list-hosts --limit '" + limit!.Replace("'", "''") + "'.", inventoryPath,
                    kind: HxErrorKind.InvalidArgument);
        }

        /// <summary>The hosts a --limit pattern selects from the whole inventory, in Ansible's order.</summary>
        public static IReadOnlyList<InventoryHost> LimitMatches(InventoryModel model, string limit)
        {
            var hosts = new List<InventoryHost>();
            foreach (var term in OrderTerms(SplitPattern(limit)))
            {
                if (term[0] == '@') throw new HxException("InventoryLimitFile", "A limit read from a file (" + term
                    + ") is not supported: give the host names.", kind: HxErrorKind.InvalidArgument);
                if (model.GetHost(term) is InventoryHost exact)
                {
                    if (!hosts.Contains(exact)) hosts.Add(exact);
                    continue;
                }
                var matched = MatchTerm(model, term);
                if (term[0] == '!') hosts = hosts.Where(h => !matched.Contains(h)).ToList();
                else if (term[0] == '&') hosts = hosts.Where(matched.Contains).ToList();
                else hosts.AddRange(matched.Where(h => !hosts.Contains(h)));
            }
            return hosts;
        }

        /// <summary>Ansible's split_host_pattern: commas; without one, the whole when it is a host address, else colons outside [..].</summary>
        internal static IReadOnlyList<string> SplitPattern(string pattern)
        {
            IEnumerable<string> terms;
            if (pattern.IndexOf(',') >= 0) terms = pattern.Split(',');
            else if (pattern.IndexOf(':') < 0 || HostPattern.IsAddress(pattern)) terms = new[] { pattern };
            else terms = Regex.Matches(pattern, @"(?:[^:\[\]]|\[[^\]]*\]|(?<=\]):)+", RegexOptions.CultureInvariant).Cast<Match>().Select(m => m.Value);
            return terms.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        }

        /// <summary>Plain terms first, then intersections, then exclusions; only exclusions or intersections mean 'all' first.</summary>
        private static IEnumerable<string> OrderTerms(IReadOnlyList<string> terms)
        {
            var regular = terms.Where(t => t[0] != '!' && t[0] != '&').ToList();
            if (regular.Count == 0) regular.Add("all");
            return regular.Concat(terms.Where(t => t[0] == '&')).Concat(terms.Where(t => t[0] == '!'));
        }

        /// <summary>One term (without its '!' or '&amp;'): the hosts of the groups it names, or the hosts it names, then its subscript.</summary>
        private static List<InventoryHost> MatchTerm(InventoryModel model, string term)
        {
            var expression = term[0] == '!' || term[0] == '&' ? term.Substring(1) : term;
            (int Start, int? End)? subscript = null;
            if (expression.Length > 0 && expression[0] != '~' && WithSubscript.Match(expression) is Match m && m.Success)
            {
                expression = m.Groups[1].Value;
                subscript = m.Groups[2].Success
                    ? (int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), null)
                    : (int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture),
                        m.Groups[5].Value.Length > 0 ? int.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture) : -1);
            }
            var matches = new List<InventoryHost>();
            if (expression.Length == 0) return matches;
            var pattern = NamePattern(expression);
            var groups = model.Groups.Where(g => pattern.IsMatch(g.Name)).ToList();
            foreach (var group in groups)
            {
                matches.AddRange(Members(model, group.Name).Where(h => !matches.Contains(h)));
            }
            if (groups.Count == 0 || expression[0] == '~' || expression.IndexOfAny(new[] { '.', '?', '*', '[' }) >= 0)
            {
                matches.AddRange(model.Hosts.Where(h => pattern.IsMatch(h.Name) && !matches.Contains(h)));
            }
            return Subscript(matches, subscript);
        }

        /// <summary>Ansible's _apply_subscript: [n] one host (negative from the end), [n:m] n to m inclusive, [n:] to the end.</summary>
        private static List<InventoryHost> Subscript(List<InventoryHost> hosts, (int Start, int? End)? subscript)
        {
            if (subscript == null) return hosts;
            var (start, end) = subscript.Value;
            if (end is int last && last != 0)
            {
                if (last == -1) last = hosts.Count - 1;
                var from = Math.Min(start, hosts.Count);
                return hosts.Skip(from).Take(Math.Max(0, last + 1 - from)).ToList();
            }
            var index = start < 0 ? hosts.Count + start : start;
            if (index < 0 || index >= hosts.Count)
            {
                throw new HxException("InventoryLimitSubscript", "The subscript [" + start + "] is outside the hosts the pattern matches (" + hosts.Count
                    + ").", kind: HxErrorKind.InvalidArgument);
            }
            return new List<InventoryHost> { hosts[index] };
        }

        /// <summary>Python's fnmatch.translate (case-sensitive, anchored), or the regex after '~' matched from the name's start.</summary>
        private static Regex NamePattern(string expression)
        {
            if (expression[0] == '~')
            {
                try
                {
                    return new Regex(@"\G(?:" + expression.Substring(1) + ")", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException)
                {
                    throw new HxException("InventoryLimitInvalid", "Invalid host list pattern: " + expression, kind: HxErrorKind.InvalidArgument);
                }
            }
            var regex = new StringBuilder("^(?s:");
            for (var i = 0; i < expression.Length; i++)
            {
                var c = expression[i];
                if (c == '*') regex.Append(".*");
                else if (c == '?') regex.Append('.');
                else if (c == '[')
                {
                    var j = i + 1;
                    if (j < expression.Length && expression[j] == '!') j++;
                    if (j < expression.Length && expression[j] == ']') j++;
                    while (j < expression.Length && expression[j] != ']') j++;
                    if (j >= expression.Length)
                    {
                        regex.Append(@"\[");
                        continue;
                    }
                    var set = expression.Substring(i + 1, j - i - 1).Replace(@"\", @"\\");
                    i = j;
                    if (set.StartsWith("!", StringComparison.Ordinal)) set = "^" + set.Substring(1);
                    else if (set.StartsWith("^", StringComparison.Ordinal)) set = @"\" + set;
                    regex.Append('[').Append(set.Replace("[", @"\[")).Append(']');
                }
                else regex.Append(Regex.Escape(c.ToString()));
            }
            return new Regex(regex.Append(@")\z").ToString(), RegexOptions.CultureInvariant);
        }
    }
}
