using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Templating;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Variables a role's tasks and handlers read: every templated string, plus the bare expressions of
    /// when/failed_when/changed_when/until. Files that do not parse count for nothing (Test-HxRoleStructure reports them).
    /// </summary>
    internal static class RoleTaskUsage
    {
        private static readonly HashSet<string> ConditionKeys = new HashSet<string>(StringComparer.Ordinal) { "when", "failed_when", "changed_when", "until" };
        private static readonly TemplateEnvironment Analyzer = new TemplateEnvironment();

        public static ISet<string> NamesRead(string rolePath)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var folder in new[] { "tasks", "handlers" })
            {
                var dir = Path.Combine(rolePath, folder);
                if (!Directory.Exists(dir)) continue;
                foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(IsYaml))
                {
                    object? data;
                    try { data = AnsibleYamlReader.LoadFile(file); }
                    catch (HxException) { continue; }
                    Collect(data, false, names);
                }
            }
            return names;
        }

        private static bool IsYaml(string file)
        {
            var ext = Path.GetExtension(file);
            return ext == ".yml" || ext == ".yaml" || ext == ".json" || Path.GetFileName(file) == "main";
        }

        private static void Collect(object? value, bool condition, ISet<string> names)
        {
            switch (value)
            {
                case string s:
                    if (condition) Read("{{ " + s + " }}", names);
                    else if (VariableResolver.IsTemplate(s)) Read(s, names);
                    break;
                case IDictionary<object, object?> d:
                    foreach (var kv in d) Collect(kv.Value, kv.Key is string k && ConditionKeys.Contains(k), names);
                    break;
                case IEnumerable<object?> l:
                    foreach (var item in l) Collect(item, condition, names);
                    break;
            }
        }

        private static void Read(string source, ISet<string> names)
        {
            try
            {
                foreach (var n in Analyzer.Compile(source).FreeVariables) names.Add(n);
            }
            catch (TemplateException)
            {
                // Ansible reports a broken expression when the task runs; for usage it just reads nothing.
            }
        }
    }
}
