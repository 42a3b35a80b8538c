using System.Collections.Generic;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// One inventory host as the later cmdlets bind it by property name (Name, Address, Port, User, Connection).
    /// Connection data comes from the merged variables exactly as Ansible resolves them for that host.
    /// </summary>
    public sealed class HxInventoryHost
    {
        public HxInventoryHost(string name, string address, int? port, string user, string connection, string keyFilePath,
            IEnumerable<string> groups, HxVariableTable vars, string inventoryPath)
        {
            Name = name;
            Address = address;
            Port = port;
            User = user;
            Connection = connection;
            KeyFilePath = keyFilePath;
            Groups = new HxNameList(groups);
            Vars = vars;
            InventoryPath = inventoryPath;
        }

        public string Name { get; }
        /// <summary>ansible_host, else the inventory name.</summary>
        public string Address { get; }
        /// <summary>ansible_port, else 22 for SSH; empty for local connections.</summary>
        public int? Port { get; }
        public string User { get; }
        /// <summary>ansible_connection, else ssh.</summary>
        public string Connection { get; }
        public string KeyFilePath { get; }
        /// <summary>Every group the host belongs to (directly or through children), without 'all'.</summary>
        public HxNameList Groups { get; }
        /// <summary>The host's merged variables (inventory, group_vars, host_vars) as Ansible resolves them; vault values masked.</summary>
        public HxVariableTable Vars { get; }
        public string InventoryPath { get; }

        public override string ToString() => Name;
    }
}
