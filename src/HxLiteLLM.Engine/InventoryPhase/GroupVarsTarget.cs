using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Which file to write a group's (or host's) variables to so that Ansible reads them: the form Ansible already
    /// reads for that name (the first existing of <c>&lt;name&gt;</c>, <c>.yml</c>, <c>.yaml</c>, <c>.json</c>, a directory
    /// among them meaning "every file inside"), or the directory form <c>&lt;name&gt;/main.yml</c> when there is none.
    /// </summary>
    public sealed class GroupVarsTarget
    {
        private static readonly string[] Candidates = { "", ".yml", ".yaml", ".json" };

        private GroupVarsTarget(string path, string varsDirectory, string name, bool directoryForm)
        {
            Path = path;
            VarsDirectory = varsDirectory;
            Name = name;
            DirectoryForm = directoryForm;
        }

        /// <summary>The file to write.</summary>
        public string Path { get; }
        /// <summary>The group_vars (or host_vars) folder.</summary>
        public string VarsDirectory { get; }
        public string Name { get; }
        /// <summary>True when the name's variables live in a directory of files.</summary>
        public bool DirectoryForm { get; }

        /// <summary>The group_vars folder Ansible reads for an inventory file or directory.</summary>
        public static string GroupVarsDirectoryOf(string inventoryPath) =>
            System.IO.Path.Combine(InventoryLoader.VarsBaseDirectory(inventoryPath), "group_vars");

        /// <param name="varsDirectory">The group_vars or host_vars folder.</param>
        /// <param name="name">Group or host name.</param>
        /// <param name="fileName">In the directory form, the file to write (default main.yml); choosing it creates the directory form.</param>
        public static GroupVarsTarget Resolve(string varsDirectory, string name, string? fileName = null)
        {
            CheckName(name, "group name");
            if (fileName != null) CheckFileName(fileName);
            foreach (var ext in Candidates)
            {
                var candidate = System.IO.Path.Combine(varsDirectory, name + ext);
                if (Directory.Exists(candidate))
                {
                    return new GroupVarsTarget(System.IO.Path.Combine(candidate, fileName ?? "main.yml"), varsDirectory, name, true);
                }
                if (File.Exists(candidate))
                {
                    if (fileName != null)
                    {
                        throw new HxException("VarsFileShadowed",
                            candidate + " holds the variables of '" + name + "', so Ansible would never read a file in "
                                + System.IO.Path.Combine(varsDirectory, name) +
                            "/. Leave out -FileName to write into it, or move it to " + System.IO.Path.Combine(varsDirectory, name, "main.yml") + " first.",
                                candidate);
                    }
                    return new GroupVarsTarget(candidate, varsDirectory, name, false);
                }
            }
            // A new group gets the directory form, so its vault (group_vars/<g>/vault.yml) sits beside its plain variables
            // instead of hiding a group_vars/<g>.yml from Ansible.
            return new GroupVarsTarget(System.IO.Path.Combine(varsDirectory, name, fileName ?? "main.yml"), varsDirectory, name, true);
        }

        /// <summary>
        /// Where <paramref name="variable"/> of the group goes so that Ansible takes it from there: the last plain (not
        /// vault-encrypted) file of the group that defines it already, else the last plain file Ansible reads for the group
        /// (its values win over the earlier ones), else the file <see cref="Resolve"/> creates.
        /// </summary>
        public static GroupVarsTarget ForVariable(string varsDirectory, string name, string variable)
        {
            CheckName(name, "group name");
            var plain = Directory.Exists(varsDirectory)
                ? VarsFiles.Find(varsDirectory, name).Where(f => !VaultEnvelope.IsEncrypted(InventoryLoader.ReadText(f))).ToList()
                : new List<string>();
            var file = plain.LastOrDefault(f => Load(f) is IDictionary<object, object?> vars && vars.ContainsKey(variable)) ?? plain.LastOrDefault();
            if (file == null) return Resolve(varsDirectory, name);
            var directoryForm = !string.Equals(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file)), System.IO.Path.GetFullPath(varsDirectory),
                StringComparison.Ordinal);
            return new GroupVarsTarget(file, varsDirectory, name, directoryForm);
        }

        private static object? Load(string file)
        {
            try
            {
                return AnsibleYamlReader.LoadFile(file);
            }
            catch (AnsibleYamlException e)
            {
                throw GroupVarsDocument.InvalidYaml(file, e);
            }
        }

        /// <summary>
        /// Vars files of <paramref name="name"/> that Ansible never reads because an earlier candidate exists (the first existing
        /// of &lt;name&gt;, .yml, .yaml, .json wins), each with the file that wins over it.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> IgnoredFiles(string varsDirectory, string name)
        {
            var ignored = new List<KeyValuePair<string, string>>();
            string? winner = null;
            foreach (var ext in Candidates)
            {
                var candidate = System.IO.Path.Combine(varsDirectory, name + ext);
                if (!File.Exists(candidate) && !Directory.Exists(candidate)) continue;
                if (winner == null) winner = candidate;
                else ignored.Add(new KeyValuePair<string, string>(candidate, winner));
            }
            return ignored;
        }

        /// <summary>
        /// The vars file that creating <paramref name="newFile"/> would hide from Ansible: making group_vars/&lt;g&gt;/ for it
        /// hides group_vars/&lt;g&gt;.yml (.yaml, .json), since the extension-less candidate is tried first. Null when nothing is hidden.
        /// </summary>
        public static string? FileHiddenBy(string newFile)
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(newFile));
            var varsDirectory = directory == null ? null : System.IO.Path.GetDirectoryName(directory);
            if (varsDirectory == null || Directory.Exists(directory)) return null;
            var kind = System.IO.Path.GetFileName(varsDirectory);
            if (kind != "group_vars" && kind != "host_vars") return null;
            foreach (var ext in Candidates)
            {
                var candidate = directory + ext;
                if (ext.Length > 0 && File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static void CheckName(string name, string what)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name == "." || name == "..")
            {
                throw new HxException("InvalidGroupName", "'" + name + "' is not a usable " + what + " for a group_vars file (no path separators, not empty).",
                    kind: HxErrorKind.InvalidArgument);
            }
        }

        /// <summary>Only names Ansible's directory loader keeps (§1.7): no dot or ~ ends, .yml/.yaml/.json or no extension.</summary>
        private static void CheckFileName(string fileName)
        {
            CheckName(fileName, "file name");
            var ext = VarsFiles.PythonExtension(fileName);
            if (fileName.StartsWith(".", StringComparison.Ordinal) || fileName.EndsWith("~", StringComparison.Ordinal) || Array.IndexOf(Candidates, ext) < 0)
            {
                throw new HxException("InvalidVarsFileName",
                    "Ansible would skip a vars file named '" + fileName
                        + "': use a name ending in .yml, .yaml or .json (or none), not starting with '.' or ending with '~'.",
                        kind: HxErrorKind.InvalidArgument);
            }
        }
    }
}
