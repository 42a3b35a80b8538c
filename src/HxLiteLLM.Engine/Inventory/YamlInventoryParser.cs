using System.Collections.Generic;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// Ansible's <c>yaml</c> inventory plugin over already-loaded data:
    /// <c>group: {hosts: {h: {vars}}, children: {g: …}, vars: {…}}</c>, top-level keys are groups.
    /// </summary>
    internal sealed class YamlInventoryParser
    {
        private readonly InventoryModel _model;
        private readonly string _path;
        private readonly YamlKeyLines _keyLines;
        private int _line;

        private YamlInventoryParser(InventoryModel model, string path, YamlKeyLines keyLines)
        {
            _model = model;
            _path = path;
            _keyLines = keyLines;
        }

        /// <summary>Moves the error position to where <paramref name="key"/> was written, when known.</summary>
        private void At(PyDict dict, object key)
        {
            var line = _keyLines.LineOf(dict, key);
            if (line > 0) _line = line;
        }

        /// <summary>Why the yaml plugin would not take this data at all (so the ini plugin gets a turn), or null.</summary>
        public static string? RejectReason(object? data)
        {
            if (data == null || (data is PyDict empty && empty.Count == 0) || (data is string s && s.Length == 0) || (data is List<object?> l && l.Count == 0)
                || Equals(data, false) || Equals(data, 0L) || Equals(data, 0.0))
            {
                return "Parsed empty YAML file";
            }
            if (!(data is PyDict dict)) return "YAML inventory has invalid structure, it should be a dictionary, got: " + PythonTypeName(data);
            if (dict.TryGetValue("plugin", out var plugin) && IsTruthy(plugin)) return "Plugin configuration YAML file, not YAML inventory";
            return null;
        }

        public static void Parse(InventoryModel model, string path, PyDict data, YamlKeyLines keyLines)
        {
            var parser = new YamlInventoryParser(model, path, keyLines);
            foreach (var kv in data)
            {
                parser.At(data, kv.Key);
                parser.ParseGroup(kv.Key, kv.Value);
            }
        }

        private InventoryException Error(string message, string? hint = null) => new InventoryException(_path, _line, message, hint);

        private string ParseGroup(object name, object? groupData)
        {
            if (!(groupData == null || groupData is PyDict))
            {
                _model.Warn("Skipping '" + PyRepr.Str(name) + "' as this is not a valid group definition");
                return PyRepr.Str(name);
            }
            if (!(name is string groupName))
            {
                throw Error("Unable to add group " + PyRepr.Str(name) + ": Invalid group name supplied, expected a string but got " + PythonTypeName(name) +
                    " for " + PyRepr.Str(name), "quote the group name");
            }
            InventoryGroup group;
            try
            {
                group = _model.AddGroup(groupName);
            }
            catch (InventoryRuleException e)
            {
                throw Error("Unable to add group " + groupName + ": " + e.Message);
            }
            if (!(groupData is PyDict data)) return groupName;

            foreach (var section in new[] { "vars", "children", "hosts" })
            {
                if (!data.TryGetValue(section, out var value)) continue;
                At(data, section);
                if (value is string single) data[section] = value = new PyDict { { single, null } };
                if (!(value == null || value is PyDict))
                {
                    throw Error("Invalid \"" + section + "\" entry for \"" + groupName + "\" group, requires a dictionary, found \"" + PythonTypeName(value)
                        + "\" instead.",
                        section + " must be a mapping of names");
                }
            }
            foreach (var kv in data)
            {
                At(data, kv.Key);
                if (kv.Value != null && !(kv.Value is PyDict))
                {
                    _model.Warn("Skipping key (" + PyRepr.Str(kv.Key) + ") in group (" + groupName + ") as it is not a mapping, it is a "
                        + PythonTypeName(kv.Value));
                    continue;
                }
                if (kv.Value == null) continue;
                var entries = (PyDict)kv.Value;
                switch (kv.Key as string)
                {
                    case "vars":
                        foreach (var v in entries)
                        {
                            At(entries, v.Key);
                            SetGroupVar(group, v.Key, v.Value);
                        }
                        break;
                    case "children":
                        foreach (var child in entries)
                        {
                            At(entries, child.Key);
                            var childName = ParseGroup(child.Key, child.Value);
                            At(entries, child.Key);
                            AddChild(group, childName);
                        }
                        break;
                    case "hosts":
                        foreach (var h in entries)
                        {
                            At(entries, h.Key);
                            AddHosts(group, h.Key, h.Value);
                        }
                        break;
                    default:
                        _model.Warn("Skipping unexpected key (" + PyRepr.Str(kv.Key) + ") in group (" + groupName
                            + "), only \"vars\", \"children\" and \"hosts\" are valid");
                        break;
                }
            }
            return groupName;
        }

        private void SetGroupVar(InventoryGroup group, object key, object? value)
        {
            if (!(key is string name)) throw Error("Variable names must be strings, got " + PyRepr.Repr(key) + " in the vars of group " + group.Name,
                "quote the variable name");
            try
            {
                InventoryModel.SetGroupVariable(group, name, value);
            }
            catch (InventoryRuleException e)
            {
                throw Error(e.Message, e.Hint);
            }
        }

        private void AddChild(InventoryGroup group, string childName)
        {
            var child = _model.GetGroup(childName);
            if (child == null) throw Error(childName + " is not a known host nor group");
            try
            {
                _model.AddChild(group, child);
            }
            catch (InventoryRuleException e)
            {
                throw Error(e.Message, e.Hint);
            }
        }

        private void AddHosts(InventoryGroup group, object pattern, object? vars)
        {
            if (!(pattern is string text))
            {
                throw Error("Host pattern " + PyRepr.Str(pattern) + " must be a string. Enclose integers/floats in quotation marks.");
            }
            List<string> names;
            long? port;
            try
            {
                names = HostPattern.Expand(text, out port);
            }
            catch (InventoryRuleException e)
            {
                throw Error(e.Message, e.Hint);
            }
            var hostVars = vars as PyDict;
            if (vars != null && hostVars == null && IsTruthy(vars))
            {
                throw Error("Host " + text + " in group " + group.Name + " has " + PythonTypeName(vars) + " where a mapping of variables is expected",
                    "write the host's variables as key: value lines under it");
            }
            foreach (var name in names)
            {
                var host = _model.AddHost(name, group, port);
                if (hostVars == null) continue;
                // ansible-inventory sets a host variable under whatever key YAML gave (7.2: bar is the float 7.2).
                foreach (var v in hostVars) host.Vars[v.Key] = v.Value;
            }
        }

        private static bool IsTruthy(object? value) => value switch
        {
            null => false,
            bool b => b,
            string s => s.Length > 0,
            long l => l != 0,
            double d => d != 0,
            PyDict d => d.Count > 0,
            List<object?> l => l.Count > 0,
            _ => true,
        };

        private static string PythonTypeName(object? value) => value switch
        {
            null => "<class 'NoneType'>",
            string _ => "<class 'ansible.parsing.yaml.objects.AnsibleUnicode'>",
            bool _ => "<class 'bool'>",
            long _ => "<class 'int'>",
            double _ => "<class 'float'>",
            List<object?> _ => "<class 'ansible.parsing.yaml.objects.AnsibleSequence'>",
            PyDict _ => "<class 'ansible.parsing.yaml.objects.AnsibleMapping'>",
            _ => "<class '" + value.GetType().Name + "'>",
        };
    }
}
