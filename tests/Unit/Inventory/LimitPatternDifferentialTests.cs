using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>-Limit selects the hosts `ansible all --list-hosts --limit &lt;pattern&gt;` lists, for the same inventory and pattern.</summary>
    public sealed class LimitPatternDifferentialTests : IDisposable
    {
        private const string Inventory = """
            lonely.hx.test

            [litellm]
            gw1.hx.test
            gw2.hx.test
            gw3.hx.test

            [staging]
            gw3.hx.test
            st1.hx.test

            [inference]
            ollama-dev
            vllm-dev

            [hx_dev:children]
            litellm
            inference
            """;

        /// <summary>Names, groups, ',' and ':' lists, '!' and '&amp;' in any place, wildcards, ~regex, subscripts, no match.</summary>
        private static readonly string[] Patterns =
        {
            "gw1.hx.test", "litellm", "litellm,!gw2.hx.test", "litellm:!gw2.hx.test", "!gw2.hx.test,litellm", "hx_dev,&staging",
            "staging:&litellm", "!staging", "&litellm", "all:!hx_dev", "ungrouped", "gw*", "*.hx.test", "g?[13].hx.test", "[gs]*",
            "[!g]*", "~gw[12]\\.hx", "~(st|vl)", "lit*", "*dev", "litellm[0]", "litellm[1:]", "litellm[-1]", "litellm[0:1]",
            "hx_dev:!inference:&litellm", "litellm,staging,!gw3.hx.test", "gw1.hx.test,nosuch", "nosuch", "litellm , ollama-dev",
            "all", "*", "staging:!litellm",
        };

        private readonly string _dir = Directory.CreateTempSubdirectory("hx-limit-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private const string Driver = """
import sys, json, os
from ansible.utils.display import Display
from ansible.cli.adhoc import AdHocCLI
from ansible.utils.context_objects import GlobalCLIArgs
from ansible.errors import AnsibleError
display = Display()
captured = []
display.display = lambda msg, *a, **k: captured.append(msg)
display.warning = lambda msg, *a, **k: None
request = json.load(sys.stdin)
os.chdir(request['cwd'])
out = {}
for pattern in request['patterns']:
    del captured[:]
    GlobalCLIArgs._Singleton__instance = None
    try:
        AdHocCLI(['ansible', 'all', '-i', request['path'], '--list-hosts', '--limit', pattern]).run()
        out[pattern] = [line.strip() for line in captured[1:]]
    except AnsibleError as e:
        out[pattern] = [] if 'leaves us with no hosts' in str(e) else ['ERROR ' + str(e)]
json.dump(out, sys.stdout)
""";

        [PeerFact("ansible", "/usr/bin/python3")]
        public void SelectsTheHostsAnsibleListsForTheSameLimit()
        {
            var path = Path.Combine(_dir, "hosts.ini");
            File.WriteAllText(path, Inventory.Replace("\r", "") + "\n");
            var ansible = PythonPeer.RunJson(Driver, new { cwd = _dir, path, patterns = Patterns });
            var model = InventoryLoader.Load(path);
            var all = InventorySelection.Members(model, "all");
            foreach (var pattern in Patterns)
            {
                var expected = ansible.GetProperty(pattern).EnumerateArray().Select(e => e.GetString()!).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var selected = new HashSet<string>(InventorySelection.LimitMatches(model, pattern).Select(h => h.Name));
                var ours = all.Where(h => selected.Contains(h.Name)).Select(h => h.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(ours), "--limit '" + pattern + "': ansible lists [" + string.Join(", ", expected) + "], ours [" + string.Join(", ", ours) + "]");
            }
        }

        [Fact]
        public void ALimitThatLeavesNoneOfTheSelectedHostsIsAnErrorNamingIt()
        {
            var path = Path.Combine(_dir, "hosts.ini");
            File.WriteAllText(path, Inventory.Replace("\r", "") + "\n");
            var model = InventoryLoader.Load(path);
            var group = InventorySelection.GroupHosts(model, "litellm", path);
            Assert.Equal(new[] { "gw1.hx.test", "gw3.hx.test" }, InventorySelection.Limit(model, group, "all:!gw2.hx.test", path).Select(h => h.Name));
            Assert.Same(group, InventorySelection.Limit(model, group, null, path));
            var error = Assert.Throws<HxException>(() => InventorySelection.Limit(model, group, "inference", path));
            Assert.Equal("InventoryLimitEmpty", error.ErrorId);
            Assert.Contains("'inference'", error.Message);
        }
    }
}
