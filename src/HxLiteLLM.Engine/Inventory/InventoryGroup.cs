using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>A group as the inventory source declares it.</summary>
    public sealed class InventoryGroup
    {
        internal readonly List<InventoryHost> HostList = new List<InventoryHost>();
        internal readonly HashSet<string> HostNames = new HashSet<string>(System.StringComparer.Ordinal);
        internal readonly List<InventoryGroup> ChildList = new List<InventoryGroup>();
        internal readonly List<InventoryGroup> ParentList = new List<InventoryGroup>();

        internal InventoryGroup(string name) => Name = name;

        public string Name { get; }

        /// <summary>Hosts listed in the group, in file order.</summary>
        public IReadOnlyList<InventoryHost> Hosts => HostList;

        /// <summary>Child groups, in the order they were attached.</summary>
        public IReadOnlyList<InventoryGroup> Children => ChildList;

        public IReadOnlyList<InventoryGroup> Parents => ParentList;

        /// <summary>Variables from the inventory source ([g:vars] or YAML vars:), not group_vars/ files.</summary>
        public PyDict Vars { get; } = new PyDict();

        /// <summary>Distance from <c>all</c> along the longest parent chain; orders variable precedence.</summary>
        public int Depth { get; internal set; }

        /// <summary><c>ansible_group_priority</c> (default 1); orders precedence between groups of equal depth.</summary>
        public int Priority { get; internal set; } = 1;

        /// <summary>Every group above this one.</summary>
        public HashSet<InventoryGroup> GetAncestors()
        {
            var result = new HashSet<InventoryGroup>();
            var stack = new Stack<InventoryGroup>(ParentList);
            while (stack.Count > 0)
            {
                var g = stack.Pop();
                if (!result.Add(g)) continue;
                foreach (var p in g.ParentList) stack.Push(p);
            }
            return result;
        }

        public override string ToString() => Name;
    }
}
