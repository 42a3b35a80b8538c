using System.Linq;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class InventorySelectionTests
    {
        [Fact]
        public void NamesAMissingInventoryAndUnknownHostsOrGroupsWithTheClosestName()
        {
            using var t = new TempTree();
            var hosts = t.Write("hosts.ini", "[web]\nh1\n");
            Assert.Null(InventorySelection.MissingSource(hosts));
            Assert.Null(InventorySelection.MissingSource(t.Root));
            var missing = InventorySelection.MissingSource(t.PathOf("host.ini"))!;
            Assert.Equal("InventoryNotFound", missing.ErrorId);
            Assert.Contains("did you mean 'hosts.ini'?", missing.Message);
            Assert.DoesNotContain("did you mean", InventorySelection.MissingSource(t.PathOf("nothing/like/it"))!.Message);
            var group = InventorySelection.NotFound("group", "litelm", new[] { "all", "litellm", "web" }, hosts);
            Assert.Equal("InventoryGroupNotFound", group.ErrorId);
            Assert.EndsWith("matches 'litelm'; did you mean 'litellm'?", group.Message);
            Assert.Equal("InventoryHostNotFound", InventorySelection.NotFound("host", "zz", new[] { "h1" }, hosts).ErrorId);
        }

        [Fact]
        public void AGroupSelectsItsHostsAndChildrenAndAllSelectsEveryHost()
        {
            using var t = new TempTree();
            var path = t.Write("hosts.ini", "[litellm]\ngw1\n[ai:children]\nlitellm\n[web]\nw1\n");
            var model = InventoryLoader.Load(path);
            Assert.Equal(new[] { "gw1" }, InventorySelection.GroupHosts(model, "ai", path).Select(h => h.Name));
            Assert.Equal(new[] { "gw1", "w1" }, InventorySelection.GroupHosts(model, "all", path).Select(h => h.Name));
            Assert.Equal("w1", InventorySelection.Host(model, "w1", path).Name);
        }

        [Fact]
        public void AnUnknownGroupOrHostIsAnErrorWithTheClosestName()
        {
            using var t = new TempTree();
            var path = t.Write("hosts.ini", "[litellm]\ngw1.hx.test\n");
            var model = InventoryLoader.Load(path);
            var group = Assert.Throws<HxException>(() => InventorySelection.GroupHosts(model, "litelm", path));
            Assert.Equal("InventoryGroupNotFound", group.ErrorId);
            Assert.Contains("did you mean 'litellm'?", group.Message);
            var host = Assert.Throws<HxException>(() => InventorySelection.Host(model, "gw1.hx.tset", path));
            Assert.Equal("InventoryHostNotFound", host.ErrorId);
            Assert.Contains("did you mean 'gw1.hx.test'?", host.Message);
        }

        [Fact]
        public void AGroupWithoutHostsIsAnErrorNamingItAndAGroupWithHosts()
        {
            using var t = new TempTree();
            var path = t.Write("hosts.ini", "[litellm]\n[litelm]\ngw1\n");
            var model = InventoryLoader.Load(path);
            var empty = Assert.Throws<HxException>(() => InventorySelection.GroupHosts(model, "litellm", path));
            Assert.Equal("InventoryGroupEmpty", empty.ErrorId);
            Assert.Contains("The group 'litellm' of " + path + " has no host; did you mean 'litelm'?", empty.Message);
            Assert.Contains("Add-HxLiteLLMGroup -InventoryPath '" + path + "' -Group 'litellm'", empty.Message);
        }

        [PeerFact("ansible-inventory")]
        public void AnInventoryDirectoryWithOnlyAnIniFileParsesNoSourceForAnsibleAndSaysWhy()
        {
            using var t = new TempTree();
            t.Write("inventory/hosts.ini", "[litellm]\ngw1\n");
            t.Write("inventory/group_vars/litellm.yml", "litellm_port: 4000\n");
            var directory = t.PathOf("inventory");
            // Ansible's own view: nothing parsed, so the group does not exist.
            var graph = PeerProcess.Run("ansible-inventory", new[] { "-i", directory, "--graph" });
            Assert.DoesNotContain("litellm", graph.StdOut);
            Assert.Contains("No inventory was parsed", graph.StdErr);

            var model = InventoryLoader.Load(directory);
            Assert.Equal(new[] { t.PathOf("inventory/hosts.ini") }, model.SkippedFiles);
            foreach (var select in new System.Action[] { () => InventorySelection.GroupHosts(model, "litellm", directory), () => InventorySelection.Host(model, "gw1", directory) })
            {
                var error = Assert.Throws<HxException>(select);
                Assert.Equal("InventoryNoSource", error.ErrorId);
                Assert.Contains("No inventory source was parsed from " + directory + ": Ansible skips hosts.ini inside an inventory directory", error.Message);
            }
        }

        [Fact]
        public void AnEmptyInventoryDirectorySaysItHoldsNoInventoryFile()
        {
            using var t = new TempTree();
            var directory = t.Folder("inventory");
            var error = InventorySelection.NoSourceParsed(InventoryLoader.Load(directory), directory)!;
            Assert.Equal("InventoryNoSource", error.ErrorId);
            Assert.Contains("holds no file Ansible reads as an inventory", error.Message);
        }
    }
}
