using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Templating
{
    internal static partial class Lookups
    {
        /// <summary>
        /// inventory_hostnames: the hosts an inventory pattern selects, as ansible-core 2.14's plugin computes them: it
        /// builds an inventory from the <c>groups</c> variable alone and asks InventoryManager.get_hosts; any pattern
        /// error (a bad regex, a subscript past the end) gives an empty list.
        /// </summary>
        private static List<object?> InventoryHostnames(LookupContext c, List<object?> terms, CallArgs o)
        {
            if (!c.TryGetVariable("groups", out var groups)) throw Unhandled("KeyError", "'groups'");
            // The plugin hashes the terms as a pattern-cache key: a list among them fails there.
            if (terms.Any(t => t is List<object?>)) throw Unhandled("TypeError", "unhashable type: 'list'");
            var inventory = new PatternInventory(groups);
            var patterns = new List<string>();
            foreach (var term in terms) AddPatterns(term, patterns);
            try
            {
                return inventory.Select(patterns).Cast<object?>().ToList();
            }
            catch (ArgumentException)
            {
                return new List<object?>();
            }
        }

        private static TemplateError Unhandled(string type, string message) =>
            new TemplateError("An unhandled exception occurred while running the lookup plugin 'inventory_hostnames'. Error was a <class '" + type
                + "'>, original message: " + message);

        private static readonly Regex PatternPart = new Regex(@"(?:[^\s:\[\]]|\[[^\]]*\])+", RegexOptions.CultureInvariant);
        private static readonly Regex HostWithPort = new Regex(@"^(?:[A-Za-z0-9_-]+|\[[^\]]*\])(?:\.(?:[A-Za-z0-9_-]+|\[[^\]]*\]))*:[0-9]+$",
            RegexOptions.CultureInvariant);
        private static readonly Regex Ipv6 = new Regex(@"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$", RegexOptions.CultureInvariant);

        /// <summary>split_host_pattern: ',' separates when present, else ':' unless the whole is one address.</summary>
        private static void AddPatterns(object? term, List<string> patterns)
        {
            var text = Ops.Str(term).Trim();
            IEnumerable<string> parts = text.IndexOf(',') >= 0 ? text.Split(',')
                : HostWithPort.IsMatch(text) || Ipv6.IsMatch(text) ? new[] { text }
                : PatternPart.Matches(text).Cast<Match>().Select(m => m.Value);
            patterns.AddRange(parts.Select(p => p.Trim()).Where(p => p.Length > 0));
        }

        /// <summary>The inventory the plugin builds: groups 'all' and 'ungrouped' first, then the groups variable's, hosts in first-seen order.</summary>
        private sealed class PatternInventory
        {
            private static readonly string[] ImplicitLocalhost = { "127.0.0.1", "localhost", "::1" };
            private static readonly Regex Subscript = new Regex(@"^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline);

            private readonly Dictionary<string, List<string>> _groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            private readonly List<string> _groupOrder = new List<string> { "all", "ungrouped" };
            private readonly List<string> _hosts = new List<string>();
            private readonly HashSet<string> _hostSet = new HashSet<string>(StringComparer.Ordinal);

            public PatternInventory(object? groups)
            {
                _groups["all"] = new List<string>();
                _groups["ungrouped"] = new List<string>();
                if (!(groups is IDictionary<object, object?> map)) return;
                foreach (var kv in map)
                {
                    var name = Ops.Str(kv.Key);
                    if (!_groups.ContainsKey(name))
                    {
                        _groups[name] = new List<string>();
                        _groupOrder.Add(name);
                    }
                    if (!(kv.Value is IEnumerable<object?> members) || kv.Value is string) continue;
                    foreach (var member in members)
                    {
                        var host = Ops.Str(member);
                        if (_hostSet.Add(host)) _hosts.Add(host);
                        if (!_groups[name].Contains(host)) _groups[name].Add(host);
                    }
                }
            }

            /// <summary>InventoryManager._evaluate_patterns over order_patterns, then deduplicated keeping the first.</summary>
            public List<string> Select(List<string> patterns)
            {
                var regular = patterns.Where(p => p[0] != '!' && p[0] != '&').ToList();
                var ordered = (regular.Count == 0 ? new List<string> { "all" } : regular)
                    .Concat(patterns.Where(p => p[0] == '&')).Concat(patterns.Where(p => p[0] == '!'));
                var hosts = new List<string>();
                foreach (var pattern in ordered)
                {
                    if (_hostSet.Contains(pattern))
                    {
                        hosts.Add(pattern);
                        continue;
                    }
                    var matched = MatchOne(pattern);
                    if (pattern[0] == '!') hosts = hosts.Where(h => !matched.Contains(h)).ToList();
                    else if (pattern[0] == '&') hosts = hosts.Where(matched.Contains).ToList();
                    else
                    {
                        var existing = new HashSet<string>(hosts, StringComparer.Ordinal);
                        hosts.AddRange(matched.Where(h => !existing.Contains(h)));
                    }
                }
                return hosts.Distinct(StringComparer.Ordinal).ToList();
            }

            /// <summary>_match_one_pattern: the modifier dropped, an [x], [x:y] or [x:] subscript applied to what the expression enumerates.</summary>
            private List<string> MatchOne(string pattern)
            {
                if (pattern[0] == '!' || pattern[0] == '&') pattern = pattern.Substring(1);
                var expression = pattern;
                int? start = null, end = null;
                var m = pattern.Length > 0 && pattern[0] != '~' ? Subscript.Match(pattern) : Match.Empty;
                if (m.Success)
                {
                    expression = m.Groups[1].Value;
                    if (m.Groups[2].Success) start = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    else
                    {
                        start = int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
                        end = m.Groups[5].Value.Length == 0 ? -1 : int.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                var hosts = Enumerate(expression);
                if (start == null) return hosts;
                // _apply_subscript: a falsy end (none, or 0) takes the one host at start, Python-indexed.
                if (end == null || end == 0)
                {
                    var index = start.Value < 0 ? hosts.Count + start.Value : start.Value;
                    if (index < 0 || index >= hosts.Count) throw new ArgumentException("No hosts matched the subscripted pattern '" + pattern + "'");
                    return new List<string> { hosts[index] };
                }
                var last = end.Value == -1 ? hosts.Count - 1 : end.Value;
                var slice = (List<object?>)Ops.Slice(hosts.Cast<object?>().ToList(), new PySlice((long)start.Value, (long)last + 1, null))!;
                return slice.Cast<string>().ToList();
            }

            /// <summary>_enumerate_matches: hosts of matching groups; host names too when no group matched or the pattern is a regex or glob.</summary>
            private List<string> Enumerate(string pattern)
            {
                var matcher = Matcher(pattern);
                var results = new List<string>();
                var groups = _groupOrder.Where(g => matcher.IsMatch(g)).ToList();
                foreach (var group in groups) results.AddRange(GroupHosts(group));
                if (groups.Count == 0 || pattern[0] == '~' || pattern.IndexOfAny(new[] { '.', '?', '*', '[' }) >= 0)
                {
                    results.AddRange(_hosts.Where(h => matcher.IsMatch(h)));
                }
                if (results.Count == 0 && ImplicitLocalhost.Contains(pattern)) results.Add(pattern);
                return results;
            }

            /// <summary>Group.get_hosts: 'all' takes its own hosts, then its child 'ungrouped''s; other groups only their own.</summary>
            private IEnumerable<string> GroupHosts(string group) =>
                group == "all" ? _groups["all"].Concat(_groups["ungrouped"]).Distinct(StringComparer.Ordinal) : _groups[group];

            /// <summary>_match_list: '~' starts a Python regex matched at the start; anything else is fnmatch.translate, matched whole.</summary>
            private static Regex Matcher(string pattern)
            {
                if (pattern[0] == '~')
                {
                    try
                    {
                        return new Regex(@"\A(?:" + PyRegex.Compile(pattern.Substring(1), false, false).Regex + ")", RegexOptions.CultureInvariant);
                    }
                    catch (TemplateError)
                    {
                        throw new ArgumentException("Invalid host list pattern: " + pattern);
                    }
                }
                return new Regex(PathFilters.FnmatchPattern(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline);
            }
        }
    }
}
