using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// An Ansible inventory as ansible-core 2.14 builds it: groups and hosts in creation order, the
    /// group tree, inventory-source vars, and the group_vars/host_vars files beside the source.
    /// </summary>
    public sealed class InventoryModel
    {
        /// <summary>Names Ansible's inventory CLI strips from printed host vars (its INTERNAL_VARS).</summary>
        private static readonly HashSet<string> InternalVars = new HashSet<string>(StringComparer.Ordinal)
        {
            "ansible_diff_mode", "ansible_config_file", "ansible_facts", "ansible_forks", "ansible_inventory_sources",
            "ansible_limit", "ansible_playbook_python", "ansible_run_tags", "ansible_skip_tags", "ansible_verbosity",
            "ansible_version", "inventory_dir", "inventory_file", "inventory_hostname", "inventory_hostname_short",
            "groups", "group_names", "omit", "playbook_dir",
        };

        private static readonly Regex InvalidGroupChars = new Regex(@"^[\d\W]|[^\w]", RegexOptions.CultureInvariant);

        private readonly List<InventoryGroup> _groups = new List<InventoryGroup>();
        private readonly Dictionary<string, InventoryGroup> _groupsByName = new Dictionary<string, InventoryGroup>(StringComparer.Ordinal);
        private readonly List<InventoryHost> _hosts = new List<InventoryHost>();
        private readonly Dictionary<string, InventoryHost> _hostsByName = new Dictionary<string, InventoryHost>(StringComparer.Ordinal);
        private readonly List<string> _warnings = new List<string>();
        private readonly List<string> _sources = new List<string>();

        internal InventoryModel()
        {
            All = AddGroup("all");
            Ungrouped = AddGroup("ungrouped");
            AddChild(All, Ungrouped);
        }

        public InventoryGroup All { get; }
        public InventoryGroup Ungrouped { get; }

        /// <summary>Groups in creation order, <c>all</c> and <c>ungrouped</c> first.</summary>
        public IReadOnlyList<InventoryGroup> Groups => _groups;

        /// <summary>Hosts in the order they first appeared.</summary>
        public IReadOnlyList<InventoryHost> Hosts => _hosts;

        /// <summary>The inventory files that were read, in reading order.</summary>
        public IReadOnlyList<string> Sources => _sources;

        /// <summary>Files inside an inventory directory that Ansible skips by their name (hosts.ini, notes.txt, ...), in reading order.</summary>
        public IReadOnlyList<string> SkippedFiles => _skippedFiles;

        private readonly List<string> _skippedFiles = new List<string>();

        /// <summary>Warnings Ansible would print (distinct, in order), plus notes of this module.</summary>
        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>The group_vars/ and host_vars/ files that were read, in reading order.</summary>
        public IReadOnlyList<string> VarsFiles => _varsFiles;

        private readonly List<string> _varsFiles = new List<string>();

        internal void AddVarsFile(string path) => _varsFiles.Add(path);

        /// <summary>For the operator, as `ansible-inventory -v` names them: every inventory source parsed and every vars file read.</summary>
        public IReadOnlyList<string> SourcesUsed =>
            Sources.Select(s => "Parsed " + s + " inventory source").Concat(VarsFiles.Select(f => "Read vars file " + f)).ToList();

        /// <summary>Vars from group_vars/ files per group name (merged over the files found).</summary>
        internal Dictionary<string, PyDict> GroupFileVars { get; } = new Dictionary<string, PyDict>(StringComparer.Ordinal);

        /// <summary>Vars from host_vars/ files per host name.</summary>
        internal Dictionary<string, PyDict> HostFileVars { get; } = new Dictionary<string, PyDict>(StringComparer.Ordinal);

        /// <summary>
        /// The playbook folder whose group_vars/ and host_vars/ also apply (ansible-inventory's --playbook-dir, else the
        /// current folder), when it is not the inventory's own vars folder; null otherwise.
        /// </summary>
        public string? PlaybookVarsDirectory { get; internal set; }

        /// <summary>Vars from the playbook folder's group_vars/ files per group name.</summary>
        internal Dictionary<string, PyDict> PlaybookGroupFileVars { get; } = new Dictionary<string, PyDict>(StringComparer.Ordinal);

        /// <summary>Vars from the playbook folder's host_vars/ files per host name.</summary>
        internal Dictionary<string, PyDict> PlaybookHostFileVars { get; } = new Dictionary<string, PyDict>(StringComparer.Ordinal);

        public InventoryGroup? GetGroup(string name) => _groupsByName.TryGetValue(name, out var g) ? g : null;
        public InventoryHost? GetHost(string name) => _hostsByName.TryGetValue(name, out var h) ? h : null;

        // ---- building (what Ansible's InventoryData does) ----

        internal void AddSource(string path) => _sources.Add(path);

        internal void AddSkippedFile(string path) => _skippedFiles.Add(path);

        internal void Warn(string message)
        {
            if (!_warnings.Contains(message)) _warnings.Add(message);
        }

        internal InventoryGroup AddGroup(string name)
        {
            if (_groupsByName.TryGetValue(name, out var existing)) return existing;
            if (name.Length == 0) throw new InventoryRuleException("Invalid empty/false group name provided: " + name);
            if (InvalidGroupChars.IsMatch(name))
            {
                Warn("Invalid characters were found in group names but not replaced, use -vvvv to see details (group '" + name +
                     "': use letters, digits and underscores, not starting with a digit)");
            }
            var group = new InventoryGroup(name);
            _groups.Add(group);
            _groupsByName.Add(name, group);
            return group;
        }

        /// <summary>Adds (or finds) a host; a port is only recorded when the host is new, as in Ansible.</summary>
        [MethodImpl(HotPath.Optimize)]
        internal InventoryHost AddHost(string name, InventoryGroup? group, long? port)
        {
            if (name.Length == 0) throw new InventoryRuleException("Invalid empty host name provided: " + name);
            if (!_hostsByName.TryGetValue(name, out var host))
            {
                host = new InventoryHost(name);
                if (port.HasValue && port.Value != 0) host.Vars["ansible_port"] = port.Value;
                _hosts.Add(host);
                _hostsByName.Add(name, host);
            }
            if (group != null) AddHostToGroup(group, host);
            return host;
        }

        private static void AddHostToGroup(InventoryGroup group, InventoryHost host)
        {
            if (!group.HostNames.Add(host.Name)) return;
            group.HostList.Add(host);
            if (!host.GroupList.Contains(group)) host.GroupList.Add(group);
        }

        internal void AddChild(InventoryGroup parent, InventoryGroup child)
        {
            if (ReferenceEquals(parent, child)) throw new InventoryRuleException("can't add group to itself");
            if (parent.ChildList.Contains(child)) return;
            if (parent.GetAncestors().Contains(child))
            {
                throw new InventoryRuleException("Adding group '" + child.Name + "' as child to '" + parent.Name + "' creates a recursive dependency loop.");
            }
            parent.ChildList.Add(child);
            child.Depth = Math.Max(parent.Depth + 1, child.Depth);
            PropagateDepth(child);
            if (!child.ParentList.Exists(p => p.Name == parent.Name)) child.ParentList.Add(parent);
        }

        private static void PropagateDepth(InventoryGroup group)
        {
            var level = new List<InventoryGroup> { group };
            while (level.Count > 0)
            {
                var next = new List<InventoryGroup>();
                foreach (var g in level)
                {
                    foreach (var c in g.ChildList)
                    {
                        if (c.Depth < g.Depth + 1)
                        {
                            c.Depth = g.Depth + 1;
                            next.Add(c);
                        }
                    }
                }
                level = next;
            }
        }

        internal static void SetGroupVariable(InventoryGroup group, string key, object? value)
        {
            if (key == "ansible_group_priority") group.Priority = ToPythonInt(value, key);
            else group.Vars[key] = value;
        }

        /// <summary>Python's int() of a var value, as Ansible applies it to ansible_group_priority.</summary>
        private static int ToPythonInt(object? value, string key)
        {
            switch (value)
            {
                case bool b: return b ? 1 : 0;
                case long l when l >= int.MinValue && l <= int.MaxValue: return (int)l;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < int.MaxValue: return (int)Math.Truncate(d);
                case string s:
                    var t = s.Trim().Replace("_", "");
                    if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
                    throw new InventoryRuleException("invalid literal for int() with base 10: " + PyRepr.Repr(s), key + " must be a whole number");
                default:
                    throw new InventoryRuleException(key + " must be a whole number, got " + PyRepr.Repr(value));
            }
        }

        /// <summary>Ansible's reconcile_inventory: parentless groups go under all, groupless hosts into ungrouped.</summary>
        [MethodImpl(HotPath.Optimize)]
        internal void Reconcile()
        {
            foreach (var group in _groups)
            {
                if (!ReferenceEquals(group, All) && group.ParentList.Count == 0) AddChild(All, group);
            }
            var realByGroup = new Dictionary<InventoryGroup, bool>();
            var leaving = new HashSet<InventoryHost>();
            foreach (var host in _hosts)
            {
                var inReal = InRealGroup(host, realByGroup);
                if (Ungrouped.HostNames.Contains(host.Name))
                {
                    if (inReal) leaving.Add(host);
                }
                else if (!inReal)
                {
                    AddHostToGroup(Ungrouped, host);
                }
            }
            if (leaving.Count > 0)
            {
                // One pass instead of a list removal per host: thousands of hosts may leave ungrouped.
                Ungrouped.HostList.RemoveAll(leaving.Contains);
                foreach (var host in leaving)
                {
                    Ungrouped.HostNames.Remove(host.Name);
                    host.GroupList.Remove(Ungrouped);
                }
            }

            foreach (var host in _hosts)
            {
                if (_groupsByName.ContainsKey(host.Name)) Warn("Found both group and host with same name: " + host.Name);
            }
        }

        private static HashSet<InventoryGroup> GroupsWithAncestors(InventoryHost host)
        {
            var set = new HashSet<InventoryGroup>();
            foreach (var g in host.GroupList)
            {
                if (set.Add(g)) set.UnionWith(g.GetAncestors());
            }
            return set;
        }

        /// <summary>Whether the host is (directly or through a child group) in a group other than all/ungrouped.</summary>
        private bool InRealGroup(InventoryHost host, Dictionary<InventoryGroup, bool> realByGroup)
        {
            foreach (var g in host.GroupList)
            {
                if (!realByGroup.TryGetValue(g, out var real))
                {
                    real = !ReferenceEquals(g, All) && !ReferenceEquals(g, Ungrouped);
                    if (!real)
                    {
                        foreach (var a in g.GetAncestors()) if (!ReferenceEquals(a, All) && !ReferenceEquals(a, Ungrouped)) { real = true; break; }
                    }
                    realByGroup[g] = real;
                }
                if (real) return true;
            }
            return false;
        }

        // ---- variables ----

        /// <summary>
        /// The host's variables fully merged as <c>ansible-inventory --host</c> prints them (VARIABLE_PRECEDENCE): [all:vars],
        /// other groups' inventory vars, group_vars/all beside the inventory then in the playbook folder, group_vars/&lt;group&gt;
        /// beside the inventory for every group then in the playbook folder, the host's inventory vars, host_vars/&lt;host&gt;
        /// beside the inventory then in the playbook folder; groups ordered by (depth, ansible_group_priority, name), later wins.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public PyDict GetHostVars(string hostName)
        {
            var host = GetHost(hostName) ?? throw new ArgumentException("No host named '" + hostName + "' in the inventory", nameof(hostName));
            var result = GroupLevelVars(host).Copy();
            CombinePublic(result, host.Vars);
            if (HostFileVars.TryGetValue(host.Name, out var hostFile)) CombinePublic(result, hostFile);
            if (PlaybookHostFileVars.TryGetValue(host.Name, out var playbookHostFile)) CombinePublic(result, playbookHostFile);
            return result;
        }

        /// <summary>The group-level part of a host's vars; hosts listed in the same groups share it (10,000 hosts, a few group sets).</summary>
        [MethodImpl(HotPath.Optimize)]
        private PyDict GroupLevelVars(InventoryHost host)
        {
            var key = host.GroupList.Count == 1 ? host.GroupList[0].Name : string.Join("\0", host.GroupList.ConvertAll(g => g.Name));
            lock (_groupVarsCache)
            {
                if (_groupVarsCache.TryGetValue(key, out var cached)) return cached;
                var ordered = GroupsInMergeOrder(host);
                var result = new PyDict();
                CombinePublic(result, All.Vars);
                foreach (var g in ordered) CombinePublic(result, g.Vars);
                if (GroupFileVars.TryGetValue(All.Name, out var allFile)) CombinePublic(result, allFile);
                if (PlaybookGroupFileVars.TryGetValue(All.Name, out var playbookAllFile)) CombinePublic(result, playbookAllFile);
                foreach (var g in ordered)
                {
                    if (GroupFileVars.TryGetValue(g.Name, out var file)) CombinePublic(result, file);
                }
                foreach (var g in ordered)
                {
                    if (PlaybookGroupFileVars.TryGetValue(g.Name, out var file)) CombinePublic(result, file);
                }
                _groupVarsCache[key] = result;
                return result;
            }
        }

        /// <summary>The host's groups and their ancestors without 'all', in the order Ansible merges their variables (later wins).</summary>
        public List<InventoryGroup> GroupsInMergeOrder(InventoryHost host)
        {
            var groups = GroupsWithAncestors(host);
            groups.Remove(All);
            var ordered = new List<InventoryGroup>(groups);
            ordered.Sort(CompareGroupPrecedence);
            return ordered;
        }

        private readonly Dictionary<string, PyDict> _groupVarsCache = new Dictionary<string, PyDict>(StringComparer.Ordinal);

        /// <summary>combine_vars with hash_behaviour=replace (top-level keys of the later dict win), leaving out the names ansible-inventory hides.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static void CombinePublic(PyDict target, PyDict source)
        {
            foreach (var kv in source)
            {
                if (kv.Key is string name && InternalVars.Contains(name)) continue;
                target[kv.Key] = kv.Value;
            }
        }

        private static int CompareGroupPrecedence(InventoryGroup a, InventoryGroup b)
        {
            var c = a.Depth.CompareTo(b.Depth);
            if (c == 0) c = a.Priority.CompareTo(b.Priority);
            return c != 0 ? c : PyJson.CompareCodePoints(a.Name, b.Name);
        }

        // ---- ansible-inventory output ----

        /// <summary>Exactly what <c>ansible-inventory -i &lt;source&gt; --list</c> prints (trailing newline included).</summary>
        [MethodImpl(HotPath.Optimize)]
        public string ToAnsibleListJson()
        {
            var results = FormatGroup(All, new HashSet<string>(StringComparer.Ordinal));
            var hostvars = new PyDict();
            foreach (var host in HostsInAllOrder())
            {
                var vars = GetHostVars(host.Name);
                if (vars.Count > 0) hostvars[host.Name] = vars;
            }
            results["_meta"] = new PyDict { { "hostvars", hostvars } };
            return AnsibleJsonOutput.Dump(results, Warn);
        }

        /// <summary>Exactly what <c>ansible-inventory -i &lt;source&gt; --host &lt;host&gt;</c> prints.</summary>
        public string ToAnsibleHostJson(string hostName) => AnsibleJsonOutput.Dump(GetHostVars(hostName), Warn);

        [MethodImpl(HotPath.Optimize)]

        private static PyDict FormatGroup(InventoryGroup group, HashSet<string> seen)
        {
            var entry = new PyDict();
            var results = new PyDict { { group.Name, entry } };
            if (group.Name != "all")
            {
                var hosts = new List<object?>(group.HostList.Count);
                foreach (var h in group.HostList) hosts.Add(h.Name);
                entry["hosts"] = hosts;
            }
            var children = new List<object?>();
            entry["children"] = children;
            foreach (var sub in group.ChildList)
            {
                children.Add(sub.Name);
                if (seen.Contains(sub.Name)) continue;
                foreach (var kv in FormatGroup(sub, seen)) results[kv.Key] = kv.Value;
                seen.Add(sub.Name);
            }
            if (entry.TryGetValue("hosts", out var h2) && ((List<object?>)h2!).Count == 0) entry.Remove("hosts");
            if (children.Count == 0) entry.Remove("children");
            if (entry.Count == 0) results.Remove(group.Name);
            return results;
        }

        /// <summary>Hosts as Ansible's get_hosts('all') walks them: all's own, then descendants level by level.</summary>
        private IEnumerable<InventoryHost> HostsInAllOrder()
        {
            var seenHosts = new HashSet<string>(StringComparer.Ordinal);
            var seenGroups = new HashSet<InventoryGroup> { All };
            var level = new List<InventoryGroup> { All };
            while (level.Count > 0)
            {
                var next = new List<InventoryGroup>();
                foreach (var g in level)
                {
                    foreach (var h in g.HostList) if (seenHosts.Add(h.Name)) yield return h;
                    foreach (var c in g.ChildList) if (seenGroups.Add(c)) next.Add(c);
                }
                level = next;
            }
        }
    }
}
