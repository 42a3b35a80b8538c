using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// The directory layout Ansible loads a role from: which folders exist, which entry file each one uses
    /// (main.yml, main.yaml, main.json, then main — first wins; vars/ and defaults/ may hold a main/ directory)
    /// and whether every YAML file of the role parses.
    /// </summary>
    public static class RoleLayout
    {
        /// <summary>Folders <c>ansible-galaxy role init</c> creates, in its order.</summary>
        public static readonly IReadOnlyList<string> Folders = new[] { "defaults", "files", "handlers", "meta", "tasks", "templates", "vars" };

        /// <summary>Folders whose content Ansible reads from an entry file.</summary>
        private static readonly string[] EntryFolders = { "defaults", "handlers", "meta", "tasks", "vars" };
        private static readonly string[] EntryNames = { "main.yml", "main.yaml", "main.json", "main" };
        private static readonly string[] YamlExtensions = { ".yml", ".yaml", ".json" };

        /// <summary>
        /// The files Ansible reads for a role folder's entry, in merge order: the first of main.yml, main.yaml,
        /// main.json, main that exists; for vars/ and defaults/ a main/ directory read recursively. Empty when none.
        /// </summary>
        public static IReadOnlyList<string> EntryFiles(string rolePath, string folder)
        {
            var dir = Path.Combine(rolePath, folder);
            foreach (var name in EntryNames)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return new[] { candidate };
                if (name == "main" && Directory.Exists(candidate) && (folder == "vars" || folder == "defaults"))
                {
                    var found = new List<string>();
                    VarsFiles.CollectDirectory(candidate, found);
                    return found;
                }
            }
            return Array.Empty<string>();
        }

        /// <summary>One result per folder, entry file and YAML file of the role.</summary>
        public static IReadOnlyList<HxCheckResult> Check(string rolePath)
        {
            var role = Path.GetFullPath(rolePath);
            var results = new List<HxCheckResult>();
            if (!Directory.Exists(role))
            {
                results.Add(RoleCheck.Result("RoleDirectory", role, HxStatus.Failed, HxCategory.Role,
                    "The role directory does not exist.", "Test-HxRoleStructure -Path '" + role + "' -Create"));
                return results;
            }
            results.Add(RoleCheck.Result("RoleDirectory", role, HxStatus.Passed, HxCategory.Role, "The role directory exists."));
            foreach (var folder in Folders)
            {
                var dir = Path.Combine(role, folder);
                if (!Directory.Exists(dir))
                {
                    // Only tasks/ is what makes a role do anything; the rest is optional to Ansible but part of the layout.
                    var status = folder == "tasks" ? HxStatus.Failed : HxStatus.Warning;
                    results.Add(RoleCheck.Result("RoleFolder", dir, status, HxCategory.Role,
                        folder + "/ is missing" + (folder == "tasks" ? ": the role has nothing to run." : "."),
                        "Test-HxRoleStructure -Path '" + role + "' -Create"));
                    continue;
                }
                results.Add(RoleCheck.Result("RoleFolder", dir, HxStatus.Passed, HxCategory.Role, folder + "/ exists."));
                if (Array.IndexOf(EntryFolders, folder) >= 0) results.Add(CheckEntry(role, folder));
                if (folder == "templates" && !Directory.EnumerateFiles(dir, "*.j2", SearchOption.AllDirectories).Any())
                {
                    results.Add(RoleCheck.Result("RoleTemplates", dir, HxStatus.Warning, HxCategory.Role, "templates/ holds no .j2 template."));
                }
            }
            foreach (var file in YamlFiles(role)) results.Add(CheckYaml(role, file));
            return results;
        }

        private static HxCheckResult CheckEntry(string role, string folder)
        {
            var dir = Path.Combine(role, folder);
            var files = EntryFiles(role, folder);
            if (files.Count == 0)
            {
                var required = folder == "tasks";
                return RoleCheck.Result("RoleEntryFile", Path.Combine(dir, "main.yml"), required ? HxStatus.Failed : HxStatus.Warning, HxCategory.Role,
                    folder + "/ has no main.yml (nor main.yaml, main.json, main)" + (required ? ": Ansible runs no task of this role." :
                        ": Ansible ignores the folder."),
                    "Test-HxRoleStructure -Path '" + role + "' -Create");
            }
            var main = Directory.Exists(Path.Combine(dir, "main"))
                && files.All(f => f.StartsWith(Path.Combine(dir, "main") + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            var shadowed = EntryNames.Select(n => Path.Combine(dir, n)).Where(p => File.Exists(p) && !files.Contains(p)).Select(Path.GetFileName).ToList();
            var message = main ? folder + "/main/ is read (" + ReportText.Count(files.Count, "file") + ")." : folder + "/" + Path.GetFileName(files[0])
                + " is the entry file.";
            if (shadowed.Count > 0)
            {
                return RoleCheck.Result("RoleEntryFile", files[0], HxStatus.Warning, HxCategory.Role,
                    message + " Ansible ignores " + string.Join(", ", shadowed) + " beside it.",
                        "Merge the ignored file(s) into the entry file and delete them.");
            }
            return RoleCheck.Result("RoleEntryFile", files[0], HxStatus.Passed, HxCategory.Role, message);
        }

        /// <summary>Every YAML/JSON file of the role's YAML folders (templates/ and files/ are data, not parsed).</summary>
        private static IEnumerable<string> YamlFiles(string role)
        {
            foreach (var folder in EntryFolders)
            {
                var dir = Path.Combine(role, folder);
                if (!Directory.Exists(dir)) continue;
                var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                    .Where(f => Array.IndexOf(YamlExtensions, Path.GetExtension(f)) >= 0 || EntryFiles(role, folder).Contains(f))
                    .Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal);
                foreach (var f in files) yield return f;
            }
        }

        private static HxCheckResult CheckYaml(string role, string file)
        {
            var folder = file.Substring(role.Length + 1).Split(Path.DirectorySeparatorChar)[0];
            object? data;
            try
            {
                data = AnsibleYamlReader.Load(FileText.ReadUtf8(file), file);
            }
            catch (HxException e)
            {
                return RoleCheck.Result("RoleYaml", file, HxStatus.Failed, HxCategory.Role, e.Message, "Fix the YAML at " + Where(e) + ".");
            }
            var isEntry = EntryFiles(role, folder).Contains(file);
            var expected = folder == "tasks" || folder == "handlers" ? "list" : "mapping";
            var ok = data == null || (expected == "list" ? data is List<object?> : data is IDictionary<object, object?>);
            if (isEntry && !ok)
            {
                return RoleCheck.Result("RoleYaml", file, HxStatus.Failed, HxCategory.Role,
                    file + ": " + folder + "/ must hold a YAML " + expected + ", not a " + Describe(data) + ".",
                    expected == "list" ? "Write the file as a list of tasks (- name: …)." : "Write the file as a mapping of name: value.");
            }
            return RoleCheck.Result("RoleYaml", file, HxStatus.Passed, HxCategory.Role, "Valid YAML.");
        }

        private static string Where(HxException e) => (e.File ?? "") + (e.Line > 0 ? ":" + e.Line + ":" + e.Column : "");

        private static string Describe(object? data) => data switch
        {
            IDictionary<object, object?> _ => "mapping",
            List<object?> _ => "list",
            string _ => "string",
            _ => "scalar",
        };
    }
}
