using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>One template rendered by both engines: source, variables (JSON text) and files for include/import.</summary>
    public sealed class TemplateCase
    {
        public TemplateCase(string name, string template, string varsJson = "{}", Dictionary<string, string>? files = null)
        {
            Name = name;
            Template = template;
            VarsJson = varsJson;
            Files = files ?? new Dictionary<string, string>();
        }

        public string Name { get; }
        public string Template { get; }
        public string VarsJson { get; }
        public Dictionary<string, string> Files { get; }
        public override string ToString() => Name;
    }

    public sealed class PeerResult
    {
        public bool Ok { get; init; }
        public string Output { get; init; } = "";
        public string Error { get; init; } = "";
        /// <summary>Template line of a Jinja syntax error, when the peer reported one.</summary>
        public long? Line { get; init; }
    }

    /// <summary>Runs a whole batch through ansible-core's Templar in one python process (fixtures/ansible_render.py).</summary>
    public static class AnsiblePeer
    {
        public static string FixturesDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "fixtures");

        /// <param name="environment">Variables for the peer process only (over the empty fixture ansible.cfg it is given otherwise).</param>
        /// <param name="workingDirectory">The peer's current directory (where Ansible looks for ./ansible.cfg).</param>
        public static Dictionary<string, PeerResult> RenderAll(IReadOnlyList<TemplateCase> cases, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
        {
            var varsets = new PyDict();
            foreach (var c in cases) if (!varsets.ContainsKey(c.VarsJson)) varsets[c.VarsJson] = PyJsonReader.Parse(c.VarsJson);
            var ids = varsets.Keys.Select((k, i) => (k, i)).ToDictionary(x => (string)x.k, x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var batch = new PyDict
            {
                ["varsets"] = new PyDict(varsets.Select(kv => new KeyValuePair<object, object?>(ids[(string)kv.Key], kv.Value))),
                ["cases"] = cases.Select(c => (object?)new PyDict
                {
                    ["name"] = c.Name,
                    ["template"] = c.Template,
                    ["varset"] = ids[c.VarsJson],
                    ["files"] = new PyDict(c.Files.Select(kv => new KeyValuePair<object, object?>(kv.Key, kv.Value))),
                }).ToList(),
            };
            var script = Path.Combine(FixturesDirectory(), "ansible_render.py");
            var input = Path.Combine(Path.GetTempPath(), "hx-jinja-batch-" + System.Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(input, PyJson.Dumps(batch));
            PeerProcess.Result result;
            // A guard against a hung peer only: the whole corpus takes minutes on a busy shared machine.
            var variables = new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = Path.Combine(FixturesDirectory(), "ansible.cfg") };
            if (environment != null) foreach (var kv in environment) variables[kv.Key] = kv.Value;
            try { result = PeerProcess.Run(Peers.Python, new[] { script, input }, workingDirectory: workingDirectory, environment: variables, timeoutMs: 900_000); }
            finally { File.Delete(input); }
            if (result.ExitCode != 0) throw new System.InvalidOperationException("peer failed: " + result.StdErr);
            var parsed = (List<object?>)PyJsonReader.Parse(result.StdOut)!;
            return parsed.Cast<PyDict>().ToDictionary(
                d => (string)d["name"]!,
                d => new PeerResult { Ok = (bool)d["ok"]!, Output = d.TryGetValue("output", out var o) ? (string)o! : "", Error = d.TryGetValue("error", out var e) ? (string)e! : "", Line = d.TryGetValue("line", out var l) ? l as long? : null });
        }

        /// <summary>Our side of a case: files written below a fresh root, rendered the template module's way.</summary>
        public static (bool Ok, string Text, TemplateException? Error) RenderOurs(TemplateCase c, string workRoot)
        {
            var root = c.Files.Count == 0 ? workRoot
                : Path.Combine(workRoot, System.Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(c.Name))));
            Directory.CreateDirectory(root);
            foreach (var f in c.Files)
            {
                var path = Path.Combine(root, f.Key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, f.Value);
            }
            try
            {
                var vars = (PyDict)PyJsonReader.Parse(c.VarsJson)!;
                // Lookups search the case's folder, as the peer's ansible_search_path says; pipe/lines and password run as in Ansible.
                if (c.Files.Count > 0) vars["ansible_search_path"] = new List<object?> { Path.GetFullPath(root) };
                return (true, AnsibleTemplate.Render(c.Template, vars, c.Name, new TemplateOptions { AllowCommandLookups = true, AllowFileWritingLookups = true }, root), null);
            }
            catch (TemplateException e)
            {
                return (false, e.Message, e);
            }
        }
    }
}
