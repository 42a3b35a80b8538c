using System;
using System.Collections.Generic;
using System.IO;
using HxLiteLLM.Inventory;
using HxLiteLLM.IO;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Inventory
{
    public class IniInventoryEditorTests
    {
        private const string Original = "# site inventory\n[web]\nweb1 ansible_host=10.0.0.5  # front\n\n; legacy\n[db]\ndb1\n";

        [Fact]
        public void AppendsANewGroupAndKeepsEveryOtherByte()
        {
            var r = IniInventoryEditor.AddGroup(Original, "hosts.ini", "litellm", new[] { "gw1", "gw2" });
            Assert.True(r.Changed);
            Assert.Equal(Original + "\n[litellm]\ngw1\ngw2\n", r.Content);
            Assert.Equal(new[] { "gw1", "gw2" }, r.HostsAdded);
        }

        [Fact]
        public void SecondRunChangesNothing()
        {
            var vars = new Dictionary<string, object?> { ["litellm_port"] = 4000L };
            var first = IniInventoryEditor.AddGroup(Original, "hosts.ini", "litellm", new[] { "gw1" }, vars, "ai");
            var second = IniInventoryEditor.AddGroup(first.Content, "hosts.ini", "litellm", new[] { "gw1" }, vars, "ai");
            Assert.False(second.Changed);
            Assert.Equal(first.Content, second.Content);
            Assert.Empty(second.HostsAdded);
        }

        [Fact]
        public void AddsHostsInsideAnExistingSectionAndKeepsCrlf()
        {
            var crlf = "[litellm]\r\ngw1\r\n# comment of the next section\r\n[db]\r\ndb1";
            var r = IniInventoryEditor.AddGroup(crlf, "hosts.ini", "litellm", new[] { "gw1", "gw2" }, null, "ai");
            Assert.Equal("[litellm]\r\ngw1\r\ngw2\r\n# comment of the next section\r\n[db]\r\ndb1\r\n\r\n[ai:children]\r\nlitellm\r\n", r.Content);
            Assert.True(r.ParentLinked);
        }

        [Fact]
        public void UpdatesAnExistingHostsVariablesInPlace()
        {
            var text = "[litellm]\ngw1 litellm_port=3000 note=\"a b\" # keep\n";
            var r = IniInventoryEditor.AddGroup(text, "hosts.ini", "litellm", new[] { "gw1" }, new Dictionary<string, object?> { ["litellm_port"] = 4000L, ["ansible_user"] = "deploy" });
            Assert.Equal("[litellm]\ngw1 litellm_port=4000 note=\"a b\" ansible_user=deploy # keep\n", r.Content);
            Assert.Equal(new[] { "gw1" }, r.HostsUpdated);
        }

        [Theory]
        [InlineData("bad group")]
        [InlineData("9lives")]
        [InlineData("a-b")]
        public void RejectsGroupNamesAnsibleWouldNotTake(string name)
        {
            var e = Assert.Throws<HxException>(() => IniInventoryEditor.AddGroup("", "hosts.ini", name, new[] { "h" }));
            Assert.Equal("InventoryInvalidName", e.ErrorId);
        }

        [Fact]
        public void RefusesAFileWithABom()
        {
            var e = Assert.Throws<HxException>(() => IniInventoryEditor.AddGroup("\uFEFF[web]\n", "hosts.ini", "litellm", new[] { "h" }));
            Assert.Contains("byte order mark", e.Message);
            Assert.Equal(1, e.Line);
        }

        [Fact]
        public void RefusesToEditAnInventoryAnsibleWouldReject()
        {
            var broken = "[web:children]\nmissing\n";
            var e = Assert.Throws<InventoryException>(() => IniInventoryEditor.AddGroup(broken, "hosts.ini", "litellm", new[] { "gw1" }));
            Assert.Contains("undefined group: missing", e.Message);
        }

        [Fact]
        public void BackupNameFollowsAnsible()
        {
            var name = AnsibleBackup.NameFor("/srv/hosts.ini", new DateTime(2026, 11, 25, 8, 9, 10), 4242);
            Assert.Equal("/srv/hosts.ini.4242.2026-11-25@08:09:10~", name);
        }

        [PeerFact("ansible-inventory")]
        public void AnsibleReadsBackEveryValueWithItsType()
        {
            var vars = new Dictionary<string, object?>
            {
                ["s_digits"] = "5",
                ["s_bool"] = "True",
                ["s_space"] = "a b # not a comment",
                ["s_quotes"] = "it's \"quoted\" $HOME `x` \\n",
                ["s_url"] = "http://127.0.0.1:4000/v1",
                ["s_ip"] = "10.0.0.5",
                ["s_empty"] = "",
                ["s_unicode"] = "héllo ✓",
                ["n_int"] = 4000L,
                ["n_float"] = 0.5,
                ["b_true"] = true,
                ["z_none"] = null,
                ["l_list"] = new List<object?> { 1L, "a" },
                ["d_dict"] = new PyDict { ["k"] = "v" },
            };
            var dir = Directory.CreateTempSubdirectory("hx-ini-").FullName;
            try
            {
                var path = Path.Combine(dir, "hosts.ini");
                var r = IniInventoryEditor.AddGroup(Original, path, "litellm", new[] { "gw1" }, vars, "ai");
                File.WriteAllText(path, r.Content);
                var run = PeerProcess.Run("ansible-inventory", new[] { "-i", path, "--host", "gw1" });
                Assert.True(run.ExitCode == 0, run.StdErr);
                var expected = PyJson.Dumps(new PyDict(Sorted(vars)), new PyJsonOptions { Indent = 4, SortKeys = true, EnsureAscii = false });
                Assert.Equal(expected, run.StdOut.TrimEnd('\n'));
                var list = PeerProcess.Run("ansible-inventory", new[] { "-i", path, "--graph" });
                Assert.Contains("@ai:", list.StdOut);
                Assert.Contains("|--@litellm:", list.StdOut);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static IEnumerable<KeyValuePair<object, object?>> Sorted(Dictionary<string, object?> vars)
        {
            foreach (var kv in vars) yield return new KeyValuePair<object, object?>(kv.Key, kv.Value);
        }
    }
}
