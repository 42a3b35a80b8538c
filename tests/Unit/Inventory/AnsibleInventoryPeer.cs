using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>What ansible-inventory printed (or why it failed) for one invocation.</summary>
    public sealed record PeerOutcome(bool Ok, string Output, string Error, IReadOnlyList<string> Warnings)
    {
        /// <summary>The line the ini plugin named in "path:line: message", when it failed that way.</summary>
        public int? IniErrorLine(string path)
        {
            var marker = "with ini plugin: " + path + ":";
            foreach (var w in Warnings)
            {
                var i = w.IndexOf(marker, System.StringComparison.Ordinal);
                if (i < 0) continue;
                var digits = new string(w.Skip(i + marker.Length).TakeWhile(char.IsDigit).ToArray());
                if (digits.Length > 0) return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            }
            return null;
        }
    }

    public sealed record PeerInventoryResult(PeerOutcome List, IReadOnlyDictionary<string, PeerOutcome> Hosts);

    /// <summary>
    /// Runs ansible-inventory's own CLI class in one Python process for many inventories (--list and --host),
    /// instead of one ~1 s process per call. Unparsable sources are made fatal, as our loader makes them.
    /// </summary>
    internal static class AnsibleInventoryPeer
    {
        private const string Driver = """
import sys, json, os
os.environ['ANSIBLE_INVENTORY_UNPARSED_FAILED'] = 'True'
from ansible.utils.display import Display
from ansible.cli.inventory import InventoryCLI
from ansible.utils.context_objects import GlobalCLIArgs
display = Display()
captured, warnings = [], []
display.display = lambda msg, *a, **k: captured.append(msg)
display.warning = lambda msg, *a, **k: warnings.append(msg)
request = json.load(sys.stdin)
os.chdir(request['cwd'])
def clean(text):
    # Undecodable input bytes come back as lone surrogates, which JSON readers refuse.
    return str(text).encode('utf-8', 'backslashreplace').decode('utf-8')
def run(args):
    del captured[:]
    del warnings[:]
    GlobalCLIArgs._Singleton__instance = None
    try:
        InventoryCLI(['ansible-inventory'] + args).run()
    except SystemExit as e:
        if e.code == 0 and captured:
            return {'ok': True, 'out': captured[-1] + '\n', 'error': '', 'warnings': [clean(w) for w in warnings]}
        return {'ok': False, 'out': '', 'error': 'exit %s' % e.code, 'warnings': [clean(w) for w in warnings]}
    except Exception as e:
        return {'ok': False, 'out': '', 'error': clean(e), 'warnings': [clean(w) for w in warnings]}
    return {'ok': False, 'out': '', 'error': 'no output', 'warnings': [clean(w) for w in warnings]}
out = []
for job in request['jobs']:
    out.append({'list': run(['-i', job['path'], '--list'] + request['extra']),
                'hosts': {h: run(['-i', job['path'], '--host', h] + request['extra']) for h in job['hosts']}})
json.dump(out, sys.stdout)
""";

        /// <summary>
        /// Runs every job; <paramref name="cwd"/> must hold no group_vars (ansible-inventory also reads them from the cwd).
        /// <paramref name="extraArgs"/> go to every call (e.g. --vault-password-file).
        /// </summary>
        public static List<PeerInventoryResult> Run(string cwd, IReadOnlyList<(string Path, string[] Hosts)> jobs, params string[] extraArgs)
        {
            var request = new { cwd, extra = extraArgs, jobs = jobs.Select(j => new { path = j.Path, hosts = j.Hosts }).ToArray() };
            var answer = PythonPeer.RunJson(Driver, request);
            var results = new List<PeerInventoryResult>();
            foreach (var item in answer.EnumerateArray())
            {
                var hosts = new Dictionary<string, PeerOutcome>();
                foreach (var h in item.GetProperty("hosts").EnumerateObject()) hosts[h.Name] = Outcome(h.Value);
                results.Add(new PeerInventoryResult(Outcome(item.GetProperty("list")), hosts));
            }
            return results;
        }

        private static PeerOutcome Outcome(JsonElement e) => new PeerOutcome(
            e.GetProperty("ok").GetBoolean(),
            e.GetProperty("out").GetString()!,
            e.GetProperty("error").GetString()!,
            e.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList());
    }
}
