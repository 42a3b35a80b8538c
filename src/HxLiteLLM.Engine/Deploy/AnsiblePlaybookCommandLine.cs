using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HxLiteLLM.Deploy
{
    /// <summary>
    /// Where ansible-playbook is and what its command line holds. The command line is world-readable (/proc/*/cmdline),
    /// so it carries only paths and selectors: extra variables and vault passwords travel on the supervisor's stdin.
    /// </summary>
    public static class AnsiblePlaybookCommandLine
    {
        public const string Executable = "ansible-playbook";

        /// <summary>The given path, else the first executable ansible-playbook on PATH; an AnsiblePlaybookNotFound error names where it looked.</summary>
        public static string Locate(string? given, string? pathVariable)
        {
            if (given != null)
            {
                if (File.Exists(given)) return given;
                throw new HxException("AnsiblePlaybookNotFound", "ansible-playbook was not found at " + given + ".", given, kind: HxErrorKind.NotFound);
            }
            var folders = (pathVariable ?? "").Split(Path.PathSeparator).Where(f => f.Length > 0).ToList();
            var found = folders.Select(f => Path.Combine(f, Executable)).FirstOrDefault(File.Exists);
            return found ?? throw new HxException("AnsiblePlaybookNotFound",
                "ansible-playbook was not found on PATH (" + string.Join(Path.PathSeparator.ToString(), folders)
                    + "); install ansible-core or give -AnsiblePlaybookPath.", kind: HxErrorKind.NotFound);
        }

        /// <summary>
        /// The interpreter of ansible-playbook's #! line: the supervisor runs under the Python that has Ansible (python3 on
        /// PATH may be another one). "#!/usr/bin/env python3" gives python3 from PATH, as the kernel would.
        /// </summary>
        public static string Interpreter(string ansiblePlaybook)
        {
            string first;
            using (var reader = new StreamReader(ansiblePlaybook)) first = reader.ReadLine() ?? "";
            if (!first.StartsWith("#!", StringComparison.Ordinal)) return "/usr/bin/python3";
            var words = first.Substring(2).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return "/usr/bin/python3";
            return Path.GetFileName(words[0]) == "env" && words.Length > 1 ? words[1] : words[0];
        }

        /// <summary>ansible-playbook's argv after its path, in Ansible's vocabulary; vault ids and -e are added by the supervisor.</summary>
        public static IReadOnlyList<string> Arguments(AnsiblePlaybookOptions options)
        {
            var args = new List<string>();
            if (options.InventoryPath != null) args.AddRange(new[] { "-i", options.InventoryPath });
            if (options.Limit.Count > 0) args.AddRange(new[] { "--limit", string.Join(",", options.Limit) });
            if (options.Tags.Count > 0) args.AddRange(new[] { "--tags", string.Join(",", options.Tags) });
            if (options.SkipTags.Count > 0) args.AddRange(new[] { "--skip-tags", string.Join(",", options.SkipTags) });
            if (options.Check) args.Add("--check");
            if (options.Diff) args.Add("--diff");
            if (options.Forks is int forks) args.AddRange(new[] { "--forks", forks.ToString(CultureInfo.InvariantCulture) });
            // "--" ends the options: a playbook named like an option stays a playbook.
            args.Add("--");
            args.Add(options.PlaybookPath);
            return args;
        }
    }
}
