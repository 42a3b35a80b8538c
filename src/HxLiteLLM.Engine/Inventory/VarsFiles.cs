using System;
using System.Collections.Generic;
using System.IO;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// Ansible's <c>host_group_vars</c> plugin: group_vars/&lt;name&gt; and host_vars/&lt;name&gt; beside an inventory source.
    /// Candidates <c>name</c>, <c>name.yml</c>, <c>name.yaml</c>, <c>name.json</c>: the first that exists wins; a directory
    /// is read recursively in sorted order (hidden and <c>~</c> names skipped, only no-extension/.yml/.yaml/.json files,
    /// only extension-less subdirectories). Files merge top-level-key-replace; empty files count for nothing.
    /// </summary>
    internal static class VarsFiles
    {
        private static readonly string[] Extensions = { "", ".yml", ".yaml", ".json" };

        /// <summary>The files that define vars for one group or host, in the order Ansible merges them.</summary>
        public static List<string> Find(string varsDirectory, string name)
        {
            var found = new List<string>();
            foreach (var ext in Extensions)
            {
                var candidate = Path.Combine(varsDirectory, name + ext);
                if (Directory.Exists(candidate))
                {
                    CollectDirectory(candidate, found);
                    break;
                }
                if (File.Exists(candidate))
                {
                    found.Add(candidate);
                    break;
                }
            }
            return found;
        }

        /// <summary>A vars directory's files in Ansible's order (also what roles use for a vars/main/ directory).</summary>
        internal static void CollectDirectory(string directory, List<string> found)
        {
            var names = new List<string>();
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory)) names.Add(Path.GetFileName(entry));
            names.Sort(PyJson.CompareCodePoints);
            foreach (var name in names)
            {
                if (name.StartsWith(".", StringComparison.Ordinal) || name.EndsWith("~", StringComparison.Ordinal)) continue;
                var full = Path.Combine(directory, name);
                var ext = PythonExtension(name);
                if (Directory.Exists(full))
                {
                    if (ext.Length == 0) CollectDirectory(full, found);
                }
                else if (Array.IndexOf(Extensions, ext) >= 0)
                {
                    found.Add(full);
                }
            }
        }

        /// <summary>os.path.splitext's extension: from the last dot, ignoring leading dots of the name.</summary>
        internal static string PythonExtension(string name)
        {
            var dot = name.LastIndexOf('.');
            if (dot <= 0) return "";
            for (var i = 0; i < dot; i++) if (name[i] != '.') return name.Substring(dot);
            return "";
        }

        /// <summary>Loads and merges the files; a vars file must hold a mapping (or nothing).</summary>
        public static PyDict? Load(IEnumerable<string> files, InventoryLoadOptions options, Action<string> warn)
        {
            PyDict? merged = null;
            foreach (var file in files)
            {
                var data = LoadOne(file, options, warn);
                if (!IsTruthy(data)) continue;
                if (!(data is PyDict dict))
                {
                    throw new InventoryException(file, 0, "failed to combine variables, expected dicts but got a 'dict' and a '" + TypeName(data) + "'",
                        "a group_vars/host_vars file must be a mapping of variable: value");
                }
                merged ??= new PyDict();
                foreach (var kv in dict) merged[kv.Key] = kv.Value;
            }
            return merged;
        }

        /// <summary>One vars file's content (decrypted when it is a vault), with the line of each top-level key in <paramref name="keyLines"/>.</summary>
        internal static object? LoadOne(string file, InventoryLoadOptions options, Action<string> warn, YamlKeyLines? keyLines = null)
        {
            var text = InventoryLoader.ReadText(file);
            var decrypted = Vault.VaultEnvelope.IsEncrypted(text);
            if (decrypted)
            {
                if (options.DecryptVaultFile == null)
                {
                    throw new InventoryException(file, 1, "Attempting to decrypt but no vault secrets found",
                        "the file is vault-encrypted; give a vault password, or move the file out of group_vars/host_vars");
                }
                text = options.DecryptVaultFile(file, text);
            }
            var warnings = new List<string>();
            try
            {
                return AnsibleYamlReader.Load(text, file, warnings, keyLines, ansibleStrings: true);
            }
            catch (AnsibleYamlException e) when (decrypted)
            {
                // The problem text may quote decrypted values: keep only the position.
                throw new InventoryException(file, e.Line, "the vault-decrypted content is not valid YAML or JSON (line " + e.Line + ", column " + e.Column
                    + ")",
                    "details are withheld because they may contain secret values; decrypt the file with ansible-vault view to inspect it");
            }
            catch (AnsibleYamlException e)
            {
                throw new InventoryException(file, e.Line, e.Problem, null, e);
            }
            finally
            {
                foreach (var w in warnings) warn(w);
            }
        }

        private static bool IsTruthy(object? data) => data switch
        {
            null => false,
            PyDict d => d.Count > 0,
            List<object?> l => l.Count > 0,
            string s => s.Length > 0,
            bool b => b,
            long l => l != 0,
            double d => d != 0,
            _ => true,
        };

        private static string TypeName(object? data) => data switch
        {
            List<object?> _ => "AnsibleSequence",
            string _ => "AnsibleUnicode",
            bool _ => "bool",
            long _ => "int",
            double _ => "float",
            _ => data?.GetType().Name ?? "NoneType",
        };
    }
}
