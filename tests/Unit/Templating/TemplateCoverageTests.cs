using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// docs/template-coverage.md: every filter, test, lookup and global of ansible-core 2.14 (ansible.builtin) and
    /// Jinja2 3.1, with what this engine does with it, generated from the engine's registries. The committed table
    /// must be what the registries give; the name lists must be what this machine's Ansible and Jinja report.
    /// </summary>
    public sealed class TemplateCoverageTests
    {
        /// <summary>Set to 1 to write the table instead of comparing it.</summary>
        public const string WriteVariable = "HX_WRITE_TEMPLATE_COVERAGE";

        private const string Regenerate = WriteVariable + "=1 dotnet test tests/Unit -c Release --filter FullyQualifiedName~TemplateCoverageTests";

        // ansible-doc -t filter|test|lookup -l (ansible.builtin), ansible-core 2.14.
        private static readonly string[] AnsibleFilters =
        {
            "b64decode", "b64encode", "basename", "bool", "checksum", "combinations", "combine", "comment", "dict2items", "difference", "dirname",
            "expanduser", "expandvars", "extract", "fileglob", "flatten", "from_json", "from_yaml", "from_yaml_all", "hash", "human_readable",
            "human_to_bytes", "intersect", "items2dict", "log", "mandatory", "md5", "password_hash", "path_join", "permutations", "pow", "product",
            "quote", "random", "realpath", "regex_escape", "regex_findall", "regex_replace", "regex_search", "rekey_on_member", "relpath", "root",
            "sha1", "shuffle", "split", "splitext", "strftime", "subelements", "symmetric_difference", "ternary", "to_datetime", "to_json",
            "to_nice_json", "to_nice_yaml", "to_uuid", "to_yaml", "type_debug", "union", "unique", "unvault", "urldecode", "urlsplit", "vault",
            "win_basename", "win_dirname", "win_splitdrive", "zip", "zip_longest",
        };

        private static readonly string[] AnsibleTests =
        {
            "abs", "all", "any", "change", "changed", "contains", "directory", "exists", "failed", "failure", "falsy", "file", "finished", "is_abs",
            "is_dir", "is_file", "is_link", "is_mount", "is_same_file", "isnan", "issubset", "issuperset", "link", "link_exists", "match", "mount",
            "nan", "reachable", "regex", "same_file", "search", "skip", "skipped", "started", "subset", "succeeded", "success", "successful",
            "superset", "truthy", "unreachable", "uri", "url", "urn", "vault_encrypted", "version", "version_compare",
        };

        private static readonly string[] AnsibleLookups =
        {
            "config", "csvfile", "dict", "env", "file", "fileglob", "first_found", "indexed_items", "ini", "inventory_hostnames", "items", "lines",
            "list", "nested", "password", "pipe", "random_choice", "sequence", "subelements", "template", "together", "unvault", "url", "varnames", "vars",
        };

        // jinja2.defaults.DEFAULT_FILTERS / DEFAULT_TESTS / DEFAULT_NAMESPACE, Jinja2 3.1.
        private static readonly string[] JinjaFilters =
        {
            "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape", "filesizeformat", "first", "float",
            "forceescape", "format", "groupby", "indent", "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min", "pprint",
            "random", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select", "selectattr", "slice", "sort", "string", "striptags",
            "sum", "title", "tojson", "trim", "truncate", "unique", "upper", "urlencode", "urlize", "wordcount", "wordwrap", "xmlattr",
        };

        private static readonly string[] JinjaTests =
        {
            "!=", "<", "<=", "==", ">", ">=", "boolean", "callable", "defined", "divisibleby", "eq", "equalto", "escaped", "even", "false", "filter",
            "float", "ge", "greaterthan", "gt", "in", "integer", "iterable", "le", "lessthan", "lower", "lt", "mapping", "ne", "none", "number", "odd",
            "sameas", "sequence", "string", "test", "true", "undefined", "upper",
        };

        private static readonly string[] JinjaGlobals = { "cycler", "dict", "joiner", "lipsum", "namespace", "range" };

        // The globals ansible-core's Templar adds to Jinja's.
        private static readonly string[] AnsibleGlobals = { "lookup", "now", "q", "query", "undef" };

        /// <summary>Why a name this engine does not run is left out, where there is more to say than "not implemented"; for a supported one, what it covers.</summary>
        private static readonly Dictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["lookup:config"] = "global settings operators read (connection, vault, inventory, roles, become, behaviour switches), from the ansible.cfg and ANSIBLE_* variables the cmdlets read; any other Ansible setting, plugin settings (`plugin_type`/`plugin_name`) and `DEFAULT_LOCAL_TMP` fail by name",
            ["lookup:url"] = "fetches from the network; this engine never contacts another machine",
            ["filter:password_hash"] = "sha512, sha256 and bcrypt (ident 2b, 2a or 2y; the salt's last character normalised, as passlib); other hash types, the bcrypt ident 2 and 2x, and a bcrypt cost above 16 (a runaway guard) fail by name",
        };

        /// <summary>
        /// How the variables a template reads are made, each rule checked against ansible-playbook or ansible-inventory
        /// (tests/Unit/Templating/CornerCorpus.cs "templar-values", tests/Unit/RoleValidation/RealWorldPeerTests.cs,
        /// tests/Unit/Inventory/PlaybookDirVarsDifferentialTests.cs, PlayContextPeerTests.cs, RoleContextPeerTests.cs).
        /// </summary>
        private static readonly (string Rule, string Notes)[] VariableRules =
        {
            ("Backslashes in variable values", "a string from a variable is templated with the backslashes of the string literals inside `{{ }}` doubled (Templar's `_escape_backslashes`), so `regex_replace('^v(\\\\d+)', 'v\\\\1')` in YAML keeps its backreference; the template file itself is rendered without it"),
            ("A value is templated once", "what templating a variable produced (e.g. `{% raw %}{{ $labels.job }}{% endraw %}`) is never templated again, through any number of variables"),
            ("Facts", "`-FactsPath`: Ansible's jsonfile fact cache (a folder, one file per host) or the setup module's JSON; facts appear as `ansible_facts[...]` and, as INJECT_FACTS_AS_VARS does, as `ansible_*` variables, less the names `clean_facts` removes; an `ansible_facts` given with `-Variable` wins. A fact holding a Jinja marker is refused by name (Ansible never templates facts); the cache's age (`fact_caching_timeout`) is not checked"),
            ("Playbook-folder vars", "after the group_vars/ and host_vars/ beside the inventory, those of the playbook folder (`-PlaybookDirectory`, else ansible.cfg's `playbook_dir`, else the current folder) apply, in ansible-inventory's order: group_vars/all, then every group, then host_vars"),
            ("Play context", "the connection variables the task's connection plugin adds where none is set (`ansible_host` = the inventory name unless `ansible_ssh_host`, `ansible_connection`, `ansible_user`/`ansible_port` only when the inventory or ansible.cfg names one, `ansible_shell_type`...), and `ansible_play_hosts`, `ansible_play_hosts_all`, `ansible_play_batch`, `play_hosts` = the hosts the run targets (the pipeline's group, the render cmdlets' -HostName)"),
            ("Role context", "for a task of the role: `role_name`, `ansible_role_name`, `role_path`, `role_uuid` (a new id per run, as in Ansible), `ansible_collection_name` (None outside a collection), `role_names`/`ansible_play_role_names` (the role), `ansible_role_names` and `ansible_dependent_role_names` with the dependencies of meta/main.yml; `ansible_play_name` is left undefined, since the playbook that will apply the role is not known"),
        };

        private sealed record Entry(string Name, string Source, string Status, string Notes);

        /// <summary>The table as the registries give it.</summary>
        internal static string Generate()
        {
            var sb = new StringBuilder();
            sb.Append("# Template coverage\n\n");
            sb.Append("<!-- Generated from the engine's registries (filters, tests, lookups, globals); do not edit by hand. Regenerate with:\n");
            sb.Append("     ").Append(Regenerate).Append("\n");
            sb.Append("     (tests/Unit/Templating/TemplateCoverageTests.cs; the same test fails while this file differs from what it generates). -->\n\n");
            sb.Append("Every filter, test, lookup and global of ansible-core 2.14 (`ansible.builtin`, as `ansible-doc -t <type> -l` lists them) and of ")
              .Append("Jinja2 3.1 (`jinja2.defaults`), and what this engine does with it: **supported**; **opt-in** (runs only with the named switch); ")
              .Append("**refused** (a template using it fails with the reason given).\n\n");
            var sections = new (string Title, SortedDictionary<string, string> Names)[]
            {
                ("Filters", Merge(JinjaFilters, AnsibleFilters, "ansible.builtin", Filters.Names)),
                ("Tests", Merge(JinjaTests, AnsibleTests, "ansible.builtin", HxLiteLLM.Templating.Tests.Names)),
                ("Lookups", Merge(Array.Empty<string>(), AnsibleLookups, "ansible.builtin", Lookups.Names)),
                ("Globals", Merge(JinjaGlobals, AnsibleGlobals, "Ansible Templar", TemplateEnvironment.Globals.Concat(TemplateEnvironment.UnsupportedGlobals))),
            };
            var tables = sections.Select(s => (s.Title, Entries: s.Names.Select(n => Classify(s.Title, n.Key, n.Value)).ToList())).ToList();
            sb.Append("| Kind | Names | Supported | Opt-in | Refused |\n|---|---|---|---|---|\n");
            foreach (var (title, entries) in tables)
            {
                sb.Append("| ").Append(title).Append(" | ").Append(entries.Count).Append(" | ").Append(entries.Count(e => e.Status == "supported"))
                  .Append(" | ").Append(entries.Count(e => e.Status == "opt-in")).Append(" | ").Append(entries.Count(e => e.Status == "refused")).Append(" |\n");
            }
            foreach (var (title, entries) in tables)
            {
                sb.Append("\n## ").Append(title).Append("\n\n| Name | Source | Status | Notes |\n|---|---|---|---|\n");
                foreach (var e in entries) sb.Append("| `").Append(e.Name.Replace("|", "\\|")).Append("` | ").Append(e.Source).Append(" | ").Append(e.Status).Append(" | ").Append(e.Notes).Append(" |\n");
            }
            sb.Append("\n## Variables\n\nHow the variables a template reads are made, as Ansible makes them.\n\n| Rule | What the engine does |\n|---|---|\n");
            foreach (var (rule, notes) in VariableRules) sb.Append("| ").Append(rule).Append(" | ").Append(notes).Append(" |\n");
            return sb.ToString();
        }

        /// <summary>Names of both lists and the engine's own extras, sorted (ordinal), with where each comes from.</summary>
        private static SortedDictionary<string, string> Merge(IEnumerable<string> jinja, IEnumerable<string> ansible, string ansibleSource, IEnumerable<string> engine)
        {
            var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in jinja) merged[n] = "Jinja2";
            foreach (var n in ansible) merged[n] = merged.ContainsKey(n) ? "Jinja2, " + ansibleSource : ansibleSource;
            // Undocumented ansible.builtin names (aliases among them) that the engine answers to.
            foreach (var n in engine) if (!merged.ContainsKey(n)) merged[n] = "not listed (alias or undocumented)";
            return merged;
        }

        private static Entry Classify(string kind, string name, string source)
        {
            switch (kind)
            {
                case "Filters":
                    return Filters.TryGet(name, out _) ? new Entry(name, source, "supported", Reasons.TryGetValue("filter:" + name, out var filterNotes) ? filterNotes : "")
                        : new Entry(name, source, "refused", "not implemented by this engine: fails with \"No filter named '" + name + "'.\"");
                case "Tests":
                    return HxLiteLLM.Templating.Tests.TryGet(name, out _) ? new Entry(name, source, "supported", "")
                        : new Entry(name, source, "refused", "not implemented by this engine: fails with \"No test named '" + name + "'.\"");
                case "Lookups":
                    if (!Lookups.TryGet(name, out var lookup))
                        return new Entry(name, source, "refused", Reasons.TryGetValue("lookup:" + name, out var why) ? why : "not implemented by this engine: fails with \"lookup plugin (" + name + ") not found\"");
                    if (lookup.RunsCommands) return new Entry(name, source, "opt-in", "`-AllowCommandLookup` (`TemplateOptions.AllowCommandLookups`): runs commands on this machine");
                    if (lookup.WritesFiles) return new Entry(name, source, "opt-in", "`-AllowFileWritingLookup` (`TemplateOptions.AllowFileWritingLookups`): creates files on this machine");
                    return new Entry(name, source, "supported", Reasons.TryGetValue("lookup:" + name, out var covers) ? covers : "");
                default:
                    if (TemplateEnvironment.UnsupportedGlobals.Contains(name))
                        return new Entry(name, source, "refused", Reasons.TryGetValue("global:" + name, out var refused) ? refused : "defined, but calling it fails");
                    return TemplateEnvironment.Globals.Contains(name) ? new Entry(name, source, "supported", "")
                        : new Entry(name, source, "refused", "not defined by this engine: reading it is an undefined variable");
            }
        }

        private static string TablePath([CallerFilePath] string source = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "docs", "template-coverage.md"));

        [Fact]
        public void CommittedTableIsWhatTheRegistriesGenerate()
        {
            var generated = Generate();
            if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(TablePath())!);
                File.WriteAllText(TablePath(), generated);
            }
            Assert.True(File.Exists(TablePath()), "docs/template-coverage.md is missing; generate it: " + Regenerate);
            Assert.True(File.ReadAllText(TablePath()) == generated, "docs/template-coverage.md differs from what the engine's registries give; regenerate it: " + Regenerate);
        }

        private static string[] AnsibleDocNames(string type)
        {
            var result = PeerProcess.Run("ansible-doc", new[] { "-t", type, "-l" });
            Assert.True(result.ExitCode == 0, "ansible-doc -t " + type + " -l failed: " + result.StdErr);
            return result.StdOut.Split('\n').Select(l => l.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "")
                .Where(n => n.StartsWith("ansible.builtin.", StringComparison.Ordinal)).Select(n => n.Substring(16)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        private static string[] Sorted(IEnumerable<string> names) => names.OrderBy(n => n, StringComparer.Ordinal).ToArray();

        [PeerFact("ansible-doc")]
        public void AnsibleNamesAreThoseAnsibleDocLists()
        {
            Assert.Equal(AnsibleDocNames("filter"), Sorted(AnsibleFilters));
            Assert.Equal(AnsibleDocNames("test"), Sorted(AnsibleTests));
            Assert.Equal(AnsibleDocNames("lookup"), Sorted(AnsibleLookups));
        }

        [PeerFact("jinja2", "ansible")]
        public void JinjaAndTemplarNamesAreThoseThisMachinesJinjaAndAnsibleHave()
        {
            const string script = "import jinja2.defaults as d\n"
                + "from ansible.template import Templar\nfrom ansible.parsing.dataloader import DataLoader\n"
                + "print(' '.join(sorted(d.DEFAULT_FILTERS)))\nprint(' '.join(sorted(d.DEFAULT_TESTS)))\nprint(' '.join(sorted(d.DEFAULT_NAMESPACE)))\n"
                + "print(' '.join(sorted(set(Templar(loader=DataLoader()).environment.globals) - set(d.DEFAULT_NAMESPACE))))\n";
            var result = PeerProcess.Run(Peers.Python, new[] { "-c", script });
            Assert.True(result.ExitCode == 0, result.StdErr);
            var lines = result.StdOut.Split('\n');
            string[] Names(int i) => Sorted(lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(Names(0), Sorted(JinjaFilters));
            Assert.Equal(Names(1), Sorted(JinjaTests));
            Assert.Equal(Names(2), Sorted(JinjaGlobals));
            Assert.Equal(Names(3), Sorted(AnsibleGlobals));
        }
    }
}
