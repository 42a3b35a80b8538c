using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HxLiteLLM.Inventory;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>
    /// Mutated inputs for every parser that reads user files: each input must parse or fail with the module's own
    /// typed error (an HxException), within a time bound, without overflowing the stack (which would end the run).
    /// </summary>
    public sealed class FuzzTests
    {
        // build.ps1 -Task Test -Long sets HX_LONG for the bigger counts.
        private static readonly int InputsPerParser = Environment.GetEnvironmentVariable("HX_LONG") == "true" ? 100_000 : 10_000;
        private static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(10);
        private static readonly string Example = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../examples/hx-dev"));

        private static string[] Seeds(params string[] files) => files.Select(f => File.ReadAllText(Path.Combine(Example, f))).ToArray();

        [Fact]
        public void IniInventoryParserSurvivesMutations() => Fuzz("INI inventory parser", Seeds("inventory/hosts.ini").Concat(new[]
        {
            "[web]\nweb[01:20].hx.test ansible_port=2222 v=\"{'k': [1, 'x']}\" n=1_000\n[web:vars]\nx = 23 # c\n[all:children]\nweb\n",
            "h1:22 a=b c='d e' # t\n[g1:children]\ng2\n[g2]\nh[a:f:2]\n[::1]:22\n",
        }).ToArray(), text =>
        {
            var model = new InventoryModel();
            IniInventoryParser.Parse(model, "fuzz.ini", text);
            model.Reconcile();
            model.ToAnsibleListJson();
        });

        [Fact]
        public void YamlVarsLoaderSurvivesMutations() => Fuzz("YAML vars loader", Seeds("inventory/group_vars/litellm/vars.yml", "inventory/group_vars/all.yml", "roles/litellm/defaults/main.yml").Concat(new[]
        {
            "a: &x {b: [1, 2, {c: yes}]}\nd: *x\ne: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3030\nf: 0755\ng: 1:20\n<<: {h: ~}\n",
            "{\"json\": [1, 2.5e3, null, true, \"\\u00e9\"]}",
        }).ToArray(), text => AnsibleYamlReader.Load(text, "fuzz.yml"));

        [Fact]
        public void JinjaTemplatesSurviveMutations()
        {
            var vars = (PyDict)AnsibleYamlReader.Load(File.ReadAllText(Path.Combine(Example, "inventory/group_vars/litellm/vars.yml")))!;
            vars["litellm_master_key"] = "sk-fuzz";
            vars["ansible_managed"] = "Ansible managed";
            foreach (var kv in (PyDict)AnsibleYamlReader.Load(File.ReadAllText(Path.Combine(Example, "roles/litellm/defaults/main.yml")))!)
            {
                if (!vars.ContainsKey(kv.Key)) vars[kv.Key] = kv.Value;
            }
            var environment = new TemplateEnvironment();
            Fuzz("Jinja2 lexer/parser/renderer", Seeds("roles/litellm/templates/litellm.config.yaml.j2", "roles/litellm/templates/litellm.env.j2", "roles/litellm/templates/litellm.service.j2").Concat(new[]
            {
                "{% macro m(x) %}{{ x | upper }}{% endmacro %}{% for i in range(3) if i is odd %}{{ m(i ~ 'a') }}{% else %}-{% endfor %}{% set y = {'a': [1, 2]} %}{{ y.a | join(',') }}",
                "{{ (litellm_models | map(attribute='model_name') | list | to_nice_yaml) }}{# c #}{% raw %}{{ x }}{% endraw %}",
            }).ToArray(), text => environment.Compile(text, "fuzz.j2").Render(vars));
        }

        [Fact]
        public void VaultEnvelopeReaderSurvivesMutations() => Fuzz("vault envelope reader", Seeds("inventory/group_vars/litellm/vault.yml").Concat(new[]
        {
            "$ANSIBLE_VAULT;1.2;AES256;prod\n" + string.Concat(Enumerable.Repeat("3132", 60)) + "\n",
        }).ToArray(), text => HxLiteLLM.Vault.VaultEnvelope.Parse(text, "fuzz.vault"));

        private static void Fuzz(string name, string[] seeds, Action<string> parse)
        {
            // A seed fixed by the parser's name (string.GetHashCode differs per process), printed with every crash: a
            // failure replays with the same inputs.
            var seed = StableSeed(name);
            var random = new Random(seed);
            var typed = 0;
            var accepted = 0;
            var crashes = new List<string>();
            for (var i = 0; i < InputsPerParser; i++)
            {
                var input = Mutate(seeds, random, i);
                Exception? failure = null;
                var thread = new Thread(() =>
                {
                    try { parse(input); }
                    catch (Exception e) { failure = e; }
                });
                thread.Start();
                if (!thread.Join(PerInputBound))
                {
                    crashes.Add("hang (> " + PerInputBound.TotalSeconds + " s) on input #" + i + " of seed " + seed + ": " + Show(input));
                    continue;
                }
                if (failure == null) accepted++;
                else if (failure is HxException) typed++;
                else crashes.Add(failure.GetType().Name + " on input #" + i + " of seed " + seed + ": " + failure.Message + " | input: " + Show(input));
            }
            TestReport.Line($"Fuzz {name} (seed {seed}): {InputsPerParser} inputs, {accepted} accepted, {typed} typed errors, {crashes.Count} crashes");
            Assert.True(crashes.Count == 0, crashes.Count + " crashes (seed " + seed + "), first: " + crashes.FirstOrDefault());
        }

        /// <summary>FNV-1a of the name mixed with a fixed date: the same in every process and on every machine.</summary>
        internal static int StableSeed(string name)
        {
            var hash = 2166136261u;
            foreach (var c in name) hash = (hash ^ c) * 16777619u;
            return (int)((hash ^ 20261125u) & 0x7fffffff);
        }

        private static string Show(string input) => input.Length > 200 ? input.Substring(0, 200) + "…" : input;

        /// <summary>One mutation of a seed: flips, truncation, splicing, deep nesting, huge numbers, invalid text.</summary>
        private static string Mutate(string[] seeds, Random random, int i)
        {
            var seed = seeds[random.Next(seeds.Length)];
            var sb = new StringBuilder(seed);
            var rounds = 1 + random.Next(4);
            for (var r = 0; r < rounds; r++)
            {
                var at = sb.Length == 0 ? 0 : random.Next(sb.Length);
                switch (random.Next(9))
                {
                    case 0: if (sb.Length > 0) sb[at] = (char)random.Next(0x20, 0x7f); break;
                    case 1: if (sb.Length > 0) sb[at] = (char)random.Next(0, 0x20); break;
                    case 2: sb.Length = at; break;
                    case 3:
                        var other = seeds[random.Next(seeds.Length)];
                        var from = random.Next(other.Length);
                        sb.Insert(at, other.Substring(from, Math.Min(other.Length - from, 1 + random.Next(80))));
                        break;
                    case 4:
                        var open = new[] { "[", "{", "(", "{{ ", "{% if x %}", "- ", "  " }[random.Next(7)];
                        var depth = 100 + random.Next(i % 10 == 0 ? 5000 : 300);
                        sb.Insert(at, string.Concat(Enumerable.Repeat(open, depth)));
                        break;
                    case 5: sb.Insert(at, new string('9', 20 + random.Next(400))); break;
                    case 6: sb.Insert(at, new[] { "\uD800", "\uFFFD", "\uFEFF", "\u0000", "\U0001F600", "\r", "\u2028" }[random.Next(7)]); break;
                    case 7: if (sb.Length > 0) sb.Remove(at, Math.Min(sb.Length - at, 1 + random.Next(20))); break;
                    default:
                        var tokens = new[] { "{{", "}}", "{%", "%}", "{#", "#}", ":", "=", "'", "\"", "|", "!vault", "&a", "*a", "<<:", "[0:9]", ":children", ":vars", "\n", "$ANSIBLE_VAULT;", ";", "\\" };
                        sb.Insert(at, tokens[random.Next(tokens.Length)]);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
