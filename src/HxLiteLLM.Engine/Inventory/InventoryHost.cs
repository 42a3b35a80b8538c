using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>A host as the inventory source declares it.</summary>
    public sealed class InventoryHost
    {
        internal readonly List<InventoryGroup> GroupList = new List<InventoryGroup>();

        internal InventoryHost(string name) => Name = name;

        public string Name { get; }

        /// <summary>Variables set in the inventory source itself (inline INI vars, YAML host vars, ansible_port from host:port).</summary>
        public PyDict Vars { get; } = new PyDict();

        /// <summary>The groups that list the host directly, in the order they did.</summary>
        public IReadOnlyList<InventoryGroup> Groups => GroupList;

        public override string ToString() => Name;
    }
}
