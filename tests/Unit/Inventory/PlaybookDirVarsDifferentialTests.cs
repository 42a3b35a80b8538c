using System;
using System.IO;
using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>
    /// group_vars/ and host_vars/ of the playbook folder (the current folder, or --playbook-dir) besides those next to the
    /// inventory, as ansible-inventory merges them: inventory group_vars/all, playbook group_vars/all, inventory group_vars of
    /// every group, playbook group_vars of every group, inline host vars, inventory host_vars, playbook host_vars.
    /// </summary>
    public sealed class PlaybookDirVarsDifferentialTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hx-playbook-dir-" + Guid.NewGuid().ToString("N"));

        public PlaybookDirVarsDifferentialTests()
        {
            // The layout of projects that keep group_vars/ at their root and the inventories in hosts/.
            Write("hosts/production", "[web]\nh1 inl=host\nh2\n[db]\nh1\n[web:vars]\ng_inline=1\n");
            Write("hosts/group_vars/all.yml", "a: inv_all\nb: inv_all\nc: inv_all\n");
            Write("hosts/group_vars/web.yml", "b: inv_web\ne: inv_web\n");
            Write("group_vars/all.yml", "a: play_all\nd: play_all\nb: play_all\n");
            Write("group_vars/web.yml", "c: play_web\ne: play_web\nf: play_web\ninl: play_web\nw: play_web\n");
            Write("group_vars/db/main.yml", "e: play_db\nw: play_db\n");
            Write("host_vars/h1.yml", "f: play_host\n");
            Write("other/group_vars/all.yml", "z: other\n");
            Write("ansible.cfg", "");
        }

        public void Dispose() => Directory.Delete(_root, true);

        private void Write(string relative, string text)
        {
            var path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        [PeerFact("ansible-inventory", "/usr/bin/python3")]
        public void ReadsTheCurrentFoldersGroupVarsAfterTheInventorysOwn()
        {
            var inventory = Path.Combine(_root, "hosts", "production");
            var peer = AnsibleInventoryPeer.Run(_root, new[] { (inventory, new[] { "h1", "h2" }) }).Single();
            var model = InventoryLoader.Load(inventory, new InventoryLoadOptions { PlaybookDirectory = _root });
            Assert.Equal(peer.List.Output, model.ToAnsibleListJson());
            foreach (var host in new[] { "h1", "h2" }) Assert.Equal(peer.Hosts[host].Output, model.ToAnsibleHostJson(host));
            Assert.Contains("\"a\": \"play_all\"", peer.Hosts["h1"].Output);

            // Every variable's last definition in the traced layers is the value the merge gives.
            var origins = new VariableOrigins(model, inventory);
            var merged = model.GetHostVars("h1");
            foreach (var definitions in origins.Definitions("h1")) Assert.Equal(merged[definitions.Key], definitions.Value.Last().Value);
            Assert.EndsWith(Path.Combine("host_vars", "h1.yml"), origins.DefinitionsOf("h1", "f").Last().Layer.File);
        }

        [PeerFact("ansible-inventory", "/usr/bin/python3")]
        public void AGivenPlaybookDirReplacesTheCurrentFolder()
        {
            var hosts = Path.Combine(_root, "hosts");
            var peer = AnsibleInventoryPeer.Run(hosts, new[] { (Path.Combine(hosts, "production"), new[] { "h1" }) }, "--playbook-dir", Path.Combine(_root, "other")).Single();
            var model = InventoryLoader.Load(Path.Combine(hosts, "production"), new InventoryLoadOptions { PlaybookDirectory = Path.Combine(_root, "other") });
            Assert.Equal(peer.List.Output, model.ToAnsibleListJson());
            Assert.Equal(peer.Hosts["h1"].Output, model.ToAnsibleHostJson("h1"));
            Assert.Contains("\"z\": \"other\"", peer.Hosts["h1"].Output);
        }

        [PeerFact("ansible-inventory", "/usr/bin/python3")]
        public void ThePlaybookFolderBeingTheInventorysFolderReadsItOnce()
        {
            var hosts = Path.Combine(_root, "hosts");
            var peer = AnsibleInventoryPeer.Run(hosts, new[] { (Path.Combine(hosts, "production"), new[] { "h1" }) }).Single();
            var model = InventoryLoader.Load(Path.Combine(hosts, "production"), new InventoryLoadOptions { PlaybookDirectory = hosts });
            Assert.Null(model.PlaybookVarsDirectory);
            Assert.Equal(peer.Hosts["h1"].Output, model.ToAnsibleHostJson("h1"));
        }
    }
}
