using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Inventory
{
    /// <summary>One place that gives a host its inventory variables: inline vars of a group or host, or one vars file.</summary>
    public sealed class VariableLayer
    {
        internal VariableLayer(int stage, int groupIndex, string file, string scope)
        {
            Stage = stage;
            GroupIndex = groupIndex;
            File = file;
            Scope = scope;
        }

        /// <summary>
        /// Ansible's merge stages: 0 inline group vars, 1 group_vars/all, 2 the playbook folder's group_vars/all, 3 group_vars of
        /// the other groups, 4 the playbook folder's group_vars of the other groups, 5 inline host vars, 6 host_vars, 7 the
        /// playbook folder's host_vars.
        /// </summary>
        internal int Stage { get; }
        internal int GroupIndex { get; }
        /// <summary>The inventory source for inline vars, else the vars file.</summary>
        public string File { get; }
        /// <summary>"group 'litellm'" or "host 'gw1'".</summary>
        public string Scope { get; }
    }

    /// <summary>One definition of a variable for a host; its value is never shown (it may be a vault value).</summary>
    public sealed class VariableDefinition
    {
        internal VariableDefinition(VariableLayer layer, int position, int line, object? value)
        {
            Layer = layer;
            Position = position;
            Line = line;
            Value = value;
        }

        public VariableLayer Layer { get; }
        /// <summary>The layer's place in the host's merge order; a higher position wins.</summary>
        public int Position { get; }
        /// <summary>1-based line of the key in a YAML vars file; 0 when unknown (inline inventory vars, JSON).</summary>
        public int Line { get; }
        public object? Value { get; }

        /// <summary>"group_vars/all/vault.yml:3 (group 'all')".</summary>
        public string Where => Layer.File + (Line > 0 ? ":" + Line : "") + " (" + Layer.Scope + ")";
    }

    /// <summary>
    /// Where each of a host's inventory variables is defined, layer by layer in the order <see cref="InventoryModel.GetHostVars"/>
    /// (and ansible-inventory) merges them, so a write can name the file that wins over it and a check can list every
    /// definition of a name. Vars files are read once per instance, decrypted like the inventory load.
    /// </summary>
    public sealed class VariableOrigins
    {
        private const int InlineGroupStage = 0;
        private const int AllFilesStage = 1;
        private const int PlaybookAllFilesStage = 2;
        private const int GroupFilesStage = 3;
        private const int PlaybookGroupFilesStage = 4;
        private const int InlineHostStage = 5;
        private const int HostFilesStage = 6;
        private const int PlaybookHostFilesStage = 7;

        private readonly InventoryModel _model;
        private readonly string _inventoryPath;
        private readonly string _baseDirectory;
        private readonly InventoryLoadOptions _options;
        private readonly Dictionary<string, (PyDict Vars, YamlKeyLines Lines)> _files = new Dictionary<string, (PyDict, YamlKeyLines)>(StringComparer.Ordinal);

        public VariableOrigins(InventoryModel model, string inventoryPath, InventoryLoadOptions? options = null)
        {
            _model = model;
            _inventoryPath = Path.GetFullPath(inventoryPath);
            _baseDirectory = InventoryLoader.VarsBaseDirectory(inventoryPath);
            _options = options ?? new InventoryLoadOptions();
        }

        public InventoryModel Model => _model;

        /// <summary>The host's layers in merge order (later wins).</summary>
        public IReadOnlyList<VariableLayer> Layers(string hostName)
        {
            var host = _model.GetHost(hostName) ?? throw new ArgumentException("No host named '" + hostName + "' in the inventory", nameof(hostName));
            var groups = _model.GroupsInMergeOrder(host);
            var layers = new List<VariableLayer> { new VariableLayer(InlineGroupStage, -1, _inventoryPath, "group 'all'") };
            for (var i = 0; i < groups.Count; i++) layers.Add(new VariableLayer(InlineGroupStage, i, _inventoryPath, GroupScope(groups[i].Name)));
            var groupVars = Path.Combine(_baseDirectory, "group_vars");
            var playbook = _model.PlaybookVarsDirectory;
            AddFiles(layers, AllFilesStage, -1, groupVars, "all", GroupScope("all"));
            if (playbook != null) AddFiles(layers, PlaybookAllFilesStage, -1, Path.Combine(playbook, "group_vars"), "all", GroupScope("all"));
            for (var i = 0; i < groups.Count; i++) AddFiles(layers, GroupFilesStage, i, groupVars, groups[i].Name, GroupScope(groups[i].Name));
            if (playbook != null)
            {
                for (var i = 0; i < groups.Count; i++) AddFiles(layers, PlaybookGroupFilesStage, i, Path.Combine(playbook, "group_vars"), groups[i].Name,
                    GroupScope(groups[i].Name));
            }
            layers.Add(new VariableLayer(InlineHostStage, 0, _inventoryPath, "host '" + host.Name + "'"));
            if (!host.Name.StartsWith("/", StringComparison.Ordinal))
            {
                AddFiles(layers, HostFilesStage, 0, Path.Combine(_baseDirectory, "host_vars"), host.Name, "host '" + host.Name + "'");
                if (playbook != null) AddFiles(layers, PlaybookHostFilesStage, 0, Path.Combine(playbook, "host_vars"), host.Name, "host '" + host.Name + "'");
            }
            return layers;
        }

        /// <summary>Every definition of <paramref name="name"/> for the host, lowest first: the last one is the value Ansible uses.</summary>
        public IReadOnlyList<VariableDefinition> DefinitionsOf(string hostName, string name) =>
            Definitions(hostName).TryGetValue(name, out var found) ? found : (IReadOnlyList<VariableDefinition>)Array.Empty<VariableDefinition>();

        /// <summary>Every variable of the host with all its definitions, lowest first, in one pass over its layers.</summary>
        public IReadOnlyDictionary<string, List<VariableDefinition>> Definitions(string hostName)
        {
            var host = _model.GetHost(hostName) ?? throw new ArgumentException("No host named '" + hostName + "' in the inventory", nameof(hostName));
            var groups = _model.GroupsInMergeOrder(host);
            var layers = Layers(hostName);
            var found = new Dictionary<string, List<VariableDefinition>>(StringComparer.Ordinal);
            for (var position = 0; position < layers.Count; position++)
            {
                var layer = layers[position];
                PyDict vars;
                YamlKeyLines? lines = null;
                if (layer.Stage == InlineGroupStage) vars = layer.GroupIndex < 0 ? _model.All.Vars : groups[layer.GroupIndex].Vars;
                else if (layer.Stage == InlineHostStage) vars = host.Vars;
                else (vars, lines) = Load(layer.File);
                foreach (var kv in vars)
                {
                    if (!(kv.Key is string name)) continue;
                    if (!found.TryGetValue(name, out var list)) found[name] = list = new List<VariableDefinition>();
                    list.Add(new VariableDefinition(layer, position, lines?.LineOf(vars, name) ?? 0, kv.Value));
                }
            }
            return found;
        }

        /// <summary>
        /// The merge position a group_vars file of <paramref name="group"/> has (or would have once written) for the host, so
        /// definitions above it are the ones that win over it (a file not written yet lies between two positions); -1 when the
        /// host is not in the group.
        /// </summary>
        public double PositionOf(string hostName, string group, string file)
        {
            var full = Path.GetFullPath(file);
            var layers = Layers(hostName);
            var index = layers.ToList().FindIndex(l => l.File == full);
            if (index >= 0) return index;
            var groups = _model.GroupsInMergeOrder(_model.GetHost(hostName)!);
            // A file of the playbook folder's group_vars/ merges after those beside the inventory.
            var inPlaybook = _model.PlaybookVarsDirectory != null
                && full.StartsWith(Path.Combine(_model.PlaybookVarsDirectory, "group_vars") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            var stage = group == "all" ? (inPlaybook ? PlaybookAllFilesStage : AllFilesStage) : (inPlaybook ? PlaybookGroupFilesStage : GroupFilesStage);
            var groupIndex = group == "all" ? -1 : groups.FindIndex(g => g.Name == group);
            if (group != "all" && groupIndex < 0) return -1;
            // Not written yet: it sorts in among the group's files, after everything merged before them.
            return layers.Count(l => l.Stage < stage || l.Stage == stage && (l.GroupIndex < groupIndex ||
                l.GroupIndex == groupIndex && PyJson.CompareCodePoints(l.File, full) < 0)) - 0.5;
        }

        private void AddFiles(List<VariableLayer> layers, int stage, int groupIndex, string varsDirectory, string name, string scope)
        {
            if (!Directory.Exists(varsDirectory)) return;
            foreach (var file in VarsFiles.Find(varsDirectory, name)) layers.Add(new VariableLayer(stage, groupIndex, Path.GetFullPath(file), scope));
        }

        private (PyDict Vars, YamlKeyLines Lines) Load(string file)
        {
            if (_files.TryGetValue(file, out var loaded)) return loaded;
            var lines = new YamlKeyLines();
            var data = VarsFiles.LoadOne(file, _options, _ => { }, lines);
            loaded = (data as PyDict ?? new PyDict(), lines);
            _files[file] = loaded;
            return loaded;
        }

        private static string GroupScope(string group) => "group '" + group + "'";
    }
}
