using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Inventory;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>Rule-by-rule checks of the loader (ansible.md §1) that need no peer.</summary>
    public sealed class InventoryLoaderTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-inventory-unit-" + Guid.NewGuid().ToString("N"));

        public InventoryLoaderTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private string Write(string relative, string content)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            return path;
        }

        private InventoryModel Ini(string text) => InventoryLoader.Load(Write("hosts", text));

        private InventoryException IniError(string text) => Assert.Throws<InventoryException>(() => Ini(text));

        [Theory]
        [InlineData("n=5", 5L)]
        [InlineData("a=\"5\"", 5L)]
        [InlineData("b=\"'5'\"", "5")]
        [InlineData("c=05", "05")]
        [InlineData("d=1_000", 1000L)]
        [InlineData("h=0x10", 16L)]
        [InlineData("b=True", true)]
        [InlineData("k=False", false)]
        [InlineData("e=None", null)]
        [InlineData("j=true", "true")]
        [InlineData("y=yes", "yes")]
        [InlineData("g=1e3", 1000.0)]
        [InlineData("l=-0.5", -0.5)]
        [InlineData("q=", "")]
        [InlineData("p=a=b", "a=b")]
        [InlineData("m=abc#def", "abc")]
        [InlineData("r=\"#x\"", "#x")]
        public void HostLineValueTyping(string assignment, object? expected)
        {
            var vars = Ini("[g]\nh1 " + assignment + "\n").GetHostVars("h1");
            Assert.Equal(expected, vars[assignment.Substring(0, assignment.IndexOf('='))]);
        }

        [Fact]
        public void ContainerLiterals()
        {
            var vars = Ini("[g]\nh1 h=(1,2) l=\"[1,2]\" i=\"{'k': [1, 'x']}\"\n").GetHostVars("h1");
            Assert.IsType<PyTuple>(vars["h"]);
            Assert.Equal(2, Assert.IsType<List<object?>>(vars["l"]).Count);
            Assert.IsType<PyDict>(vars["i"]);
        }

        [Fact]
        public void VarsSectionsAreNotShlexed()
        {
            var vars = Ini("[g]\nh1\n[g:vars]\nv = hello # c\nw = 23 # c\nx = \"quoted\"\n").GetHostVars("h1");
            Assert.Equal("hello # c", vars["v"]);
            Assert.Equal(23L, vars["w"]);
            Assert.Equal("quoted", vars["x"]);
        }

        [Theory]
        [InlineData("web[01:03]", "web01,web02,web03")]
        [InlineData("x[08:10]-[a:b]", "x08-a,x08-b,x09-a,x09-b,x10-a,x10-b")]
        [InlineData("n[1:10:3]", "n1,n4,n7,n10")]
        [InlineData("z[:2]", "z0,z1,z2")]
        [InlineData("a[a:C:2]", "aa,ac,ae,ag,ai,ak,am,ao,aq,as,au,aw,ay,aA,aC")]
        public void Ranges(string pattern, string hosts)
        {
            var model = Ini("[g]\n" + pattern + "\n");
            Assert.Equal(hosts.Split(','), model.GetGroup("g")!.Hosts.Select(h => h.Name));
        }

        [Fact]
        public void ReversedNumericRangeYieldsNoHosts()
        {
            Assert.Empty(Ini("[g]\nx[3:1]\n").GetGroup("g")!.Hosts);
        }

        [Fact]
        public void PortsAreTakenOnlyWhenTheHostIsNew()
        {
            var model = Ini("[g]\nh:22\n[::1]:2222\nfe80::1\nh:24\n");
            Assert.Equal(22L, model.GetHostVars("h")["ansible_port"]);
            Assert.Equal(2222L, model.GetHostVars("::1")["ansible_port"]);
            Assert.False(model.GetHostVars("fe80::1").ContainsKey("ansible_port"));
        }

        [Fact]
        public void AllAndUngrouped()
        {
            var model = Ini("pre\n[all]\nah\n[ungrouped]\nboth\n[web]\nboth\npre\n");
            Assert.Equal(new[] { "ah" }, model.Ungrouped.Hosts.Select(h => h.Name));
            Assert.DoesNotContain(model.All.Hosts, h => h.Name != "ah");
        }

        [Fact]
        public void GroupPrecedenceByDepthPriorityAndName()
        {
            var model = Ini("[a]\nh1\n[b]\nh1\n[c:children]\nb\n[a:vars]\nv=a\n[b:vars]\nv=b\n[c:vars]\nv=c\n[p:children]\na\n[p:vars]\nansible_group_priority=9\n");
            Assert.Equal("b", model.GetHostVars("h1")["v"]);
            Assert.Equal(9, model.GetGroup("p")!.Priority);
            Assert.False(model.GetHostVars("h1").ContainsKey("ansible_group_priority"));
        }

        [Fact]
        public void VarsFilesPrecedenceAndCandidateOrder()
        {
            Write("group_vars/all.yml", "v: all_file\nw: all_file\n");
            Write("group_vars/web.yml", "w: web_yml\n");
            Write("group_vars/web.yaml", "w: web_yaml\n");
            Write("host_vars/h1/a.yml", "x: host_a\n");
            Write("host_vars/h1/b.yml", "x: host_b\n");
            var vars = Ini("[web]\nh1 i=inline w=inline\n[all:vars]\nv=ini\n").GetHostVars("h1");
            Assert.Equal("all_file", vars["v"]);
            Assert.Equal("inline", vars["w"]);
            Assert.Equal("host_b", vars["x"]);
        }

        [Fact]
        public void WholeFileVaultNeedsADecryptor()
        {
            var vault = "$ANSIBLE_VAULT;1.1;AES256\n6162\n";
            Write("group_vars/web.yml", vault);
            var path = Write("hosts", "[web]\nh1\n");
            var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(path));
            Assert.Contains("vault", e.Message);
            var options = new InventoryLoadOptions { DecryptVaultFile = (file, text) => "decrypted: yes\n" };
            Assert.Equal(true, InventoryLoader.Load(path, options).GetHostVars("h1")["decrypted"]);
        }

        [Fact]
        public void DecryptedContentNeverAppearsInErrors()
        {
            Write("group_vars/web.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
            var path = Write("hosts", "[web]\nh1\n");
            var options = new InventoryLoadOptions { DecryptVaultFile = (file, text) => "password: 2024-02-30\n" };
            var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(path, options));
            Assert.DoesNotContain("2024-02-30", e.ToString());
            Assert.Equal(1, e.Line);
        }

        [Theory]
        [InlineData("[web]\nh1 a=1\n[web:childs]\n", 3, "Section [web:childs] has unknown type: childs")]
        [InlineData("[web]\n[bad group]\n", 2, "Invalid section entry: '[bad group]'")]
        [InlineData("[web] ; c\n", 1, "host range must be begin:end or begin:end:step")]
        [InlineData("[web]\nh1 ; x\n", 2, "Expected key=value host variable assignment, got: ;")]
        [InlineData("[web]\nh2 a=\"x\n", 2, "Error parsing host definition 'h2 a=\"x': No closing quotation")]
        [InlineData("---\n", 1, "Invalid host pattern '---' supplied, '---' is normally a sign this is a YAML file.")]
        [InlineData("[web]\nhost:\n", 2, "Invalid host pattern 'host:' supplied, ending in ':' is not allowed")]
        [InlineData("[web]\nh\n[ghost:vars]\na=1\n", 3, "Section [ghost:vars] not valid for undefined group: ghost")]
        [InlineData("[p:children]\nghost\n[q:children]\nghost\n", 2, "Section [q:children] includes undefined group: ghost")]
        [InlineData("[web:children]\nweb\n", 2, "can't add group to itself")]
        [InlineData("[a:children]\nb\n[b:children]\na\n", 4, "Adding group 'a' as child to 'b' creates a recursive dependency loop.")]
        [InlineData("[web]\nw[01:3]\n", 2, "host range must specify equal-length begin and end formats")]
        [InlineData("[web]\nx[1:]\n", 2, "host range must specify end value")]
        [InlineData("[web]\nx[c:a]\n", 2, "host range must have begin <= end")]
        [InlineData("[web\n", 1, "not enough values to unpack")]
        [InlineData("[web]\nh\n[web:vars]\nword\n", 4, "Expected key=value, got: word")]
        [InlineData("[web:children]\na b\n", 2, "Expected group name, got: a b")]
        [InlineData("[web]\nh x={1,2}\n", 2, "is a set in Python")]
        public void ErrorsNameTheLineAndAnsiblesWords(string text, int line, string message)
        {
            var e = IniError(text);
            Assert.Equal(line, e.Line);
            Assert.Contains(message, e.Message);
            Assert.StartsWith(e.File + ":" + line + ": ", e.Message);
        }

        [Fact]
        public void ByteOrderMarkBreaksTheFirstLineAndTheMessageSaysWhy()
        {
            var e = IniError("\ufeff[web]\nh1\n");
            Assert.Equal(1, e.Line);
            Assert.Contains("host range must be begin:end or begin:end:step", e.Message);
            Assert.Contains("byte order mark", e.Message);
        }

        [Fact]
        public void NonUtf8BytesAreForgivenOnCommentLinesOnly()
        {
            var path = Path.Combine(_dir, "hosts");
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes("# caf\u00e9\n[web]\nh1\n"));
            Assert.Single(InventoryLoader.Load(path).Hosts);
            // Ansible would keep the byte as a lone surrogate and print '?': refused here, with the line.
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes("[web]\nh1 a=caf\u00e9\n"));
            var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(path));
            Assert.Equal(2, e.Line);
            Assert.Contains("UTF-8", e.Message);
        }

        [Fact]
        public void CrlfIsTolerated()
        {
            Assert.Equal(1L, Ini("[web]\r\nh1 a=1\r\n").GetHostVars("h1")["a"]);
        }

        [Fact]
        public void InvalidGroupNamesWarn()
        {
            var model = Ini("[web-servers]\nh1\n");
            Assert.Contains(model.Warnings, w => w.StartsWith("Invalid characters were found in group names but not replaced", StringComparison.Ordinal));
        }

        [Fact]
        public void ListJsonShape()
        {
            var json = Ini("[web]\nh1\n[db]\n[parent:children]\ndb\nweb\n").ToAnsibleListJson();
            Assert.EndsWith("}\n", json);
            Assert.DoesNotContain("\"db\": {", json);
            Assert.Contains("\"children\": [\n            \"db\",\n            \"web\"\n        ]", json);
            Assert.Contains("\"hostvars\": {}", json);
        }

        [Fact]
        public void YamlInventory()
        {
            var model = InventoryLoader.Load(Write("inv.yml",
                "all:\n  vars: {a: 1}\n  children:\n    web:\n      hosts:\n        h1: {x: yes}\n        w[1:2]:\n      vars: {a: 2}\n"));
            Assert.Equal(new[] { "h1", "w1", "w2" }, model.GetGroup("web")!.Hosts.Select(h => h.Name));
            Assert.Equal(true, model.GetHostVars("h1")["x"]);
            Assert.Equal(2L, model.GetHostVars("w1")["a"]);
        }

        [Theory]
        [InlineData("all:\n  hosts:\n    h1:\n  children: 5\n", 4, "Invalid \"children\" entry for \"all\" group")]
        [InlineData("all:\n  children:\n    web:\n      hosts:\n        42:\n", 5, "Host pattern 42 must be a string")]
        [InlineData("all:\n  children:\n    web:\n      hosts:\n        w[3:1:0]:\n", 5, "range() arg 3 must not be zero")]
        [InlineData("all:\n  children:\n    notmap: 5\n", 3, "notmap is not a known host nor group")]
        public void YamlInventoryErrorsNameTheLine(string yaml, int line, string message)
        {
            var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(Write("inv.yml", yaml)));
            Assert.Equal(line, e.Line);
            Assert.Contains(message, e.Message);
        }

        [Fact]
        public void MissingPathIsAnError()
        {
            var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(Path.Combine(_dir, "nope")));
            Assert.Contains("does not exist", e.Message);
        }
    }
}
