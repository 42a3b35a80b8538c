using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>
    /// The corpus through the real ansible-inventory (one Python process for all cases) and through
    /// <see cref="InventoryLoader"/>: --list and --host output byte for byte; rejected inventories rejected by
    /// both, at the same line where Ansible names one.
    /// </summary>
    public sealed class InventoryDifferentialTests : IClassFixture<InventoryDifferentialTests.CorpusFixture>
    {
        /// <summary>Writes the corpus and runs the peer once, on first use (never when every test is skipped); deletes it afterwards.</summary>
        public sealed class CorpusFixture : IDisposable
        {
            private readonly Lazy<Corpus> _corpus = new Lazy<Corpus>(() => new Corpus());

            internal Corpus Value => _corpus.Value;

            public void Dispose()
            {
                if (_corpus.IsValueCreated) Directory.Delete(_corpus.Value.Root, true);
            }
        }

        internal sealed class Corpus
        {
            public readonly string Root;
            public readonly Dictionary<string, PeerInventoryResult> Peer = new Dictionary<string, PeerInventoryResult>();

            public Corpus()
            {
                Root = Path.Combine(Path.GetTempPath(), "hx-inventory-corpus-" + Guid.NewGuid().ToString("N"));
                InventoryCorpus.Materialize(Root);
                var cwd = Path.Combine(Root, "_empty_cwd");
                Directory.CreateDirectory(cwd);
                var jobs = InventoryCorpus.Cases.Select(c => (Path.Combine(Root, c.Name, c.Inventory), c.Hosts)).ToList();
                var results = AnsibleInventoryPeer.Run(cwd, jobs);
                for (var i = 0; i < jobs.Count; i++) Peer[InventoryCorpus.Cases[i].Name] = results[i];
            }
        }

        private readonly CorpusFixture _fixture;

        public InventoryDifferentialTests(CorpusFixture fixture) => _fixture = fixture;

        [PeerTheory("ansible-inventory", "/usr/bin/python3")]
        [MemberData(nameof(InventoryCorpus.Names), MemberType = typeof(InventoryCorpus))]
        public void MatchesAnsibleInventory(string name)
        {
            var corpus = _fixture.Value;
            var c = InventoryCorpus.Cases.Single(x => x.Name == name);
            var path = Path.Combine(corpus.Root, c.Name, c.Inventory);
            var peer = corpus.Peer[name];

            if (c.Rejects)
            {
                Assert.False(peer.List.Ok, "the corpus expects Ansible to reject this, but it printed:\n" + peer.List.Output);
                var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(path).ToAnsibleListJson());
                var line = peer.List.IniErrorLine(path);
                if (line.HasValue && e.File == path) Assert.Equal(line.Value, e.Line);
                return;
            }

            Assert.True(peer.List.Ok, "Ansible rejected a case the corpus expects to load: " + peer.List.Error + "\n" + string.Join("\n", peer.List.Warnings));
            var model = InventoryLoader.Load(path);
            Assert.Equal(peer.List.Output, model.ToAnsibleListJson());
            foreach (var host in c.Hosts)
            {
                var expected = peer.Hosts[host];
                Assert.True(expected.Ok, "ansible-inventory --host " + host + " failed: " + expected.Error);
                Assert.Equal(expected.Output, model.ToAnsibleHostJson(host));
            }
        }

        [PeerFact("ansible-inventory", "/usr/bin/python3")]
        public void WarnsWhereAnsibleWarns()
        {
            var corpus = _fixture.Value;
            foreach (var name in new[] { "invalid-group-names", "group-and-host-same-name", "yaml-bool-keys-unsortable" })
            {
                var c = InventoryCorpus.Cases.Single(x => x.Name == name);
                var model = InventoryLoader.Load(Path.Combine(corpus.Root, c.Name, c.Inventory));
                model.ToAnsibleListJson();
                foreach (var warning in corpus.Peer[name].List.Warnings)
                {
                    var head = warning.Split(':')[0];
                    Assert.Contains(model.Warnings, w => w.StartsWith(head, StringComparison.Ordinal));
                }
            }
        }
    }
}
