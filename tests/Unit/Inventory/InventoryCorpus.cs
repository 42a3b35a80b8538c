using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>One tricky inventory: files to write, the -i path, hosts to ask --host about, and whether Ansible rejects it.</summary>
    public sealed record InventoryCase(string Name, string Inventory, string[] Hosts, (string Path, string Content)[] Files, bool Rejects)
    {
        public override string ToString() => Name;
    }

    /// <summary>The differential corpus: every rule of ansible.md §1, each where Ansible's behaviour is least obvious.</summary>
    public static class InventoryCorpus
    {
        private const string Vault = "$ANSIBLE_VAULT;1.1;AES256\n" +
            "61626364656667686970616263646566676869706162636465666768697061626364656667686970\n6162\n";

        private static InventoryCase Ok(string name, string inventory, string[] hosts, params (string, string)[] files) =>
            new InventoryCase(name, inventory, hosts, files, false);

        private static InventoryCase Reject(string name, string inventory, params (string, string)[] files) =>
            new InventoryCase(name, inventory, new string[0], files, true);

        private static InventoryCase Ini(string name, string text, params string[] hosts) => Ok(name, "hosts", hosts, ("hosts", text));

        private static InventoryCase IniReject(string name, string text) => Reject(name, "hosts", ("hosts", text));

        public static readonly InventoryCase[] Cases =
        {
            Ini("basic", "top1\ntop2 a=1\n[web]\nweb1\nweb2 x=1\n\n# comment\n; comment\n[db]\ndb1\n", "top2", "web2"),
            Ini("typing-host-line",
                "[g]\nh1 n=5 a=\"5\" b=\"'5'\" c=05 d=1_000 h=0x10 t=True k=False e=None j=true y=yes g=1e3 l=-0.5 tp=(1,2) ls=\"[1,2]\" i=\"{'k': [1, 'x']}\" q= p=a=b\n" +
                "h2 big=123456789012345678901234567890 neg=-0x10 plus=+5 par=-(1) sum=\"1 + 2\" byt=b'x' raw=r'\\d' hex='\\x41' ik=\"{10: 'a', 9: 'b'}\" tup=1, inf=1e999 f=1.10 port=abc\n",
                "h1", "h2"),
            Ini("typing-vars-section",
                "[g]\nh1\n[g:vars]\nv = hello # c\nw = 23 # c\nx = \"quoted\"\ny = [1, 2]\nz = 'a' 'b'\nempty =\n  spaced key   =   spaced value  \neq = a=b\nansible_port=abc\n", "h1"),
            Ini("shlex-comments-and-quotes",
                "[g]\nh1 m=abc#def o=1\nh2 r=\"#x\" s='a b' t=\"it's\" u='say \"hi\"' v=a\\ b w=\"back\\\\slash\" x=\"keep\\n\"\nh3 # trailing comment\nh4 empty='' dq=\"\"\n",
                "h1", "h2", "h4"),
            Ini("ranges", "[g]\nweb[01:03]\nx[08:10]-[a:b]\nn[1:10:3]\nz[:2]\nal[a:C:2]\nnone[3:1]\nup[A:C]\n[h]\nweb[1:2].example.com\n"),
            Ini("ports-and-ipv6",
                "[g]\nh:22\n[::1]:2222\nfe80::1\n[web[1:2]]:99\n10.0.0.1:2200\nh:24\nh5:5 ansible_port=6\nhost.example.com:443\nipv4[1:2].x:8\n[k]\nh\n",
                "h", "::1", "fe80::1", "web1", "10.0.0.1", "h5", "host.example.com", "ipv41.x"),
            Ini("children-declared-later",
                "[parent:children]\nmid\nempty\n[mid:children]\nleaf # comment\n[leaf]\nl1\n[mid]\nm1\n[empty]\n[mid:vars]\nmv=1\n[parent:vars]\npv=1\nmv=0\n", "l1", "m1"),
            Ini("diamond-and-order",
                "[z:children]\nb\na\n[y:children]\na\n[a]\nh1\n[b]\nh2\n[a:vars]\nv=a\n[b:vars]\nv=b\n[z:vars]\nv=z\nzz=1\n[y:vars]\nyy=1\n", "h1", "h2"),
            Ini("all-and-ungrouped",
                "pre1\n[all]\nah1\nah2\n[ungrouped]\nug1\npre1\n[web]\npre1\nug2\n[ungrouped]\nug2\n[all:vars]\nav=1\n", "ah1", "ug1", "pre1"),
            Ini("duplicate-sections-and-hosts",
                "[web]\nh1 a=1 b=1\n[db]\nh1 b=2 c=2\n[web]\nh2\nh1 a=3\n[web:vars]\nwv=1\n[web:vars]\nwv=2\n", "h1"),
            Ini("invalid-group-names", "[web-servers]\nh1\n[1grp]\nh2\n[db.x]\nh3\n[ok_grp:children]\nweb-servers\n", "h1"),
            Ini("group-precedence",
                "[a]\nh1\n[b]\nh1\n[c:children]\nb\n[p1]\nh1\n[p2]\nh1\n[a:vars]\nv=a\nd=a\n[b:vars]\nv=b\n[c:vars]\nv=c\nd=c\n[p1:vars]\nansible_group_priority=10\npv=p1\n[p2:vars]\nansible_group_priority=5\npv=p2\n", "h1"),
            Ok("vars-file-precedence", "inv/hosts", new[] { "h1", "h2" },
                ("inv/hosts", "[web]\nh1 inline=inline both=inline\nh2\n[web:vars]\nv1=ini\nv2=ini\nv3=ini\nboth=ini\n[all:vars]\nv1=allini\nv4=allini\n"),
                ("inv/group_vars/all.yml", "v1: all_file\nv2: all_file\nv4: all_file\nboth: all_file\n"),
                ("inv/group_vars/web.yml", "v2: web_file\nboth: web_file\nd: {x: 1, y: 1}\n"),
                ("inv/host_vars/h1.yml", "both: host_file\nd: {x: 2}\n")),
            Ok("vars-directory-form", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web/a.yml", "a: 1\nover: a\n"),
                ("group_vars/web/b.yaml", "b: 1\nover: b\n"),
                ("group_vars/web/c.json", "{\"c\": 1e3, \"over\": \"c\"}"),
                ("group_vars/web/d", "d: 1\n"),
                ("group_vars/web/e.txt", "e: 1\n"),
                ("group_vars/web/.hidden.yml", "hidden: 1\n"),
                ("group_vars/web/f.yml~", "f: 1\n"),
                ("group_vars/web/g.bak", "g: 1\n"),
                ("group_vars/web/sub/z.yml", "z: 1\nover: sub\n"),
                ("group_vars/web/sub.d/y.yml", "y: 1\n"),
                ("group_vars/web/Upper.yml", "upper: 1\n"),
                ("group_vars/web/empty.yml", ""),
                ("host_vars/h1/main.yml", "hv: 1\n")),
            Ok("vars-candidate-order", "hosts", new[] { "h1", "h2" },
                ("hosts", "[web]\nh1\n[db]\nh2\n[app]\nh2\n"),
                ("group_vars/all/", ""),
                ("group_vars/all.yml", "hidden_by_dir: 1\n"),
                ("group_vars/web.yml", "from: yml\n"),
                ("group_vars/web.yaml", "from: yaml\n"),
                ("group_vars/db", "from: noext\n"),
                ("group_vars/db.yml", "from: dbyml\n"),
                ("group_vars/app.json", "{\"from\": \"json\"}"),
                ("group_vars/nosuchgroup.yml", "ignored: 1\n"),
                ("host_vars/nosuchhost.yml", "ignored: 1\n")),
            Ok("yaml11-typing-in-group-vars", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web.yml",
                 "b1: yes\nb2: No\nb3: on\nb4: OFF\nb5: Y\nb6: tRUE\no1: 0755\nh1: 0x1F\ns1: 1:20\nu1: 1_000\ne1: 1e3\ne2: 1.0e+3\ninf1: .inf\ninf2: -.Inf\nnan1: .nan\n" +
                 "f1: 1.10\nn1: ~\nn2: null\nn3:\nq1: 'yes'\nq2: \"0755\"\nd1: 2024-01-01\nd2: 2024-01-01 10:00:00\nd3: 2001-12-14t21:59:43.10-05:00\nbig: 12345678901234567890123\n" +
                 "neg: -0\nfl: -.5\nlst: [1, 'a', {k: v}]\nml: |\n  line1\n  line2\nfold: >\n  a\n  b\n")),
            Ok("yaml-merge-anchors-duplicates", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web.yml", "base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\nm1:\n  <<: *b\n  x: 9\nm2:\n  <<: [*b, *o]\nlist: &l [1, 2]\nref: *l\ndup: 1\ndup: 2\n")),
            Ok("yaml-numeric-host-var-name", "hosts.yml", new[] { "h1", "h2" },
                ("hosts.yml", "all:\n  hosts:\n    h1:\n      7.2: bar\n    h2:\n      8: int\n      true: yes\n")),
            Ok("yaml-bool-keys-unsortable", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web.yml", "plain: 1\non: 2\nzeta: 3\n")),
            Ok("vault-value-in-group-vars", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web.yml", "secret: !vault |\n  " + Vault.Replace("\n", "\n  ").TrimEnd(' ') + "plain: x\n")),
            Ok("json-group-vars", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web.json", "{\"f\": 1e3, \"big\": 123456789012345678901234567890, \"u\": \"\\u00e9\\ud83d\\ude00\", \"n\": null, \"dup\": 1, \"dup\": 2, " +
                 "\"v\": {\"__ansible_vault\": \"" + Vault.Replace("\n", "\\n") + "\"}}")),
            Ok("host-vars-directory-and-json", "hosts", new[] { "h1", "h2" },
                ("hosts", "[web]\nh1 a=inline\nh2\n"),
                ("host_vars/h1/10-first.yml", "a: first\nb: first\n"),
                ("host_vars/h1/20-second.yml", "b: second\n"),
                ("host_vars/h2.json", "{\"j\": [1, 2]}")),
            Ini("unicode", "[wëb]\nhöst1 name=\"日本語\" emoji=\"😀\" ü=1\n[wëb:vars]\ngrüß=\"Grüße\"\n", "höst1"),
            Ok("crlf-ini", "hosts", new[] { "h1" }, ("hosts", "[web]\r\nh1 a=1\r\n[web:vars]\r\nv = x \r\n")),
            Ok("bom-crlf-group-vars", "hosts", new[] { "h1" }, ("hosts", "[web]\nh1\n"), ("group_vars/web.yml", "\ufeffa: 1\r\nb: two\r\n")),
            Ok("yaml-inventory", "inv.yml", new[] { "h1", "h2", "web01", "db1" },
                ("inv.yml",
                 "all:\n  vars:\n    av: 1\n  hosts:\n    h0:\n  children:\n    web:\n      hosts:\n        h1:\n          x: 1\n          y: [1, 2]\n        h2:\n        web[01:02]:\n" +
                 "      vars:\n        wv: yes\n      children:\n        inner:\n          hosts:\n            h1:\n              x: 2\n    db:\n      hosts:\n        db1:2222:\n        \"db:1\":\n" +
                 "    empty:\n")),
            Ok("yaml-inventory-top-level-groups", "inv.yaml", new[] { "a1" },
                ("inv.yaml", "web:\n  hosts:\n    a1: {k: v}\n  vars: {g: 1}\ndb:\n  hosts: b1\n  children:\n    web:\n  other_key: {}\n")),
            Ok("json-inventory", "inv.json", new[] { "j1" },
                ("inv.json", "{\"all\": {\"children\": {\"web\": {\"hosts\": {\"j1\": {\"v\": 1e3}, \"j2\": null}, \"vars\": {\"gv\": [1]}}}}}")),
            Ok("yaml-inventory-without-extension", "inventory", new[] { "y1" },
                ("inventory", "all:\n  hosts:\n    y1:\n      answer: 42\n")),
            Ok("ini-text-in-yml-file-falls-back", "hosts.yml", new[] { "h1" }, ("hosts.yml", "h1\nh2\n")),
            Ok("inventory-directory", "invdir", new[] { "a1", "b1", "c1" },
                ("invdir/01-ini", "[web]\na1 src=ini\n[web:vars]\nx=1\n"),
                ("invdir/02.yml", "all:\n  children:\n    web:\n      hosts:\n        b1:\n          src: yaml\n"),
                ("invdir/03-skipped.ini", "[skipped]\nnot_loaded\n"),
                ("invdir/README.md", "# not an inventory\n"),
                ("invdir/old~", "[old]\nnot_loaded\n"),
                ("invdir/.hidden", "[hidden]\nnot_loaded\n"),
                ("invdir/sub/c", "[sub]\nc1\n"),
                ("invdir/group_vars/web.yml", "from_dir_vars: 1\n"),
                ("invdir/host_vars/a1.yml", "hv: 1\n")),
            Ini("empty-inventory", ""),
            Ini("comments-only", "# nothing\n; here\n\n"),
            Ini("group-and-host-same-name", "[web]\nweb\n[db]\ndb1\n", "web"),
            Ini("hosts-tag-and-spaces", "[web:hosts]\n  h1   a=1  \n[web:children] # comment\nkids\n[kids]\nk1\n", "h1"),
            Ini("localhost-entries", "localhost ansible_connection=local\n127.0.0.1\n", "localhost"),
            Ok("group-vars-replace-not-merge", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1 d=\"{'x': 1, 'y': 1}\"\n[web:vars]\nd={'a': 1}\n"),
                ("group_vars/all.yml", "d: {z: 1}\nl: [1]\n"),
                ("group_vars/web.yml", "l: [2]\n")),
            Ini("ansible-group-priority-vanishes", "[a]\nh1\n[a:vars]\nansible_group_priority=3\nv=1\n", "h1"),
            Ini("internal-vars-hidden", "[a]\nh1 inventory_hostname=x group_names=y groups=z omit=o keep=k playbook_dir=p\n", "h1"),
            Ini("many-ranges-and-vars", "[g]\nn[001:120] role=node\n[g:vars]\nansible_user=admin\n", "n001", "n120"),

            Ok("yaml-inventory-precedence-and-files", "inv.yml", new[] { "h1", "h2" },
                ("inv.yml", "all:\n  children:\n    a:\n      hosts: {h1: {own: 1}}\n      vars: {v: a, d: a}\n      children:\n        b:\n          hosts: {h1: {own: 2}, h2: }\n          vars: {v: b}\n" +
                 "          children:\n            c:\n              hosts: h2\n              vars: {v: c, ansible_group_priority: 5}\n    z:\n      hosts: {h1: }\n      vars: {v: z, d: z}\n"),
                ("group_vars/a.yml", "f: a\nd: afile\n"),
                ("group_vars/b/x.yml", "f: b\n"),
                ("group_vars/c.yaml", "f: c\nansible_group_priority: 1\n"),
                ("group_vars/z.json", "{\"f\": \"z\"}")),
            Ini("ungrouped-with-children", "[ungrouped:children]\nweb\n[web]\nw1\nloose\n[ungrouped]\nu1\n", "w1"),
            Ini("vars-section-before-group", "[g:vars]\na=1\n[g]\nh1\n[k:children]\ng\n[k:vars]\nb=2\n", "h1"),
            Ini("same-key-many-lines", "[a]\nh1 x=1 y=1 x=2\n[b]\nh1 x=3\n[a]\nh1 y=4\n", "h1"),
            Ini("unicode-sorting",
                "[Zebra]\nz1 \uE000=private \U0001F600=emoji a=1 B=2 _u=3 Ä=4 日=5\n[apple]\na1\n[Äpfel]\nä1\n[日本]\nj1\n[_under]\nu1\n", "z1"),
            Ini("numeric-and-odd-names", "[g]\n1.2.3.4\n10.0.0.[1:3]\nhost_1\nmy-host.example.com:2022 my-var=1 1var=2 class=3\n", "my-host.example.com", "10.0.0.2"),
            Ok("int-keys-sorted-numerically", "hosts", new[] { "h1" },
                ("hosts", "[web]\nh1\n"),
                ("group_vars/web.yml", "d: {10: a, 9: b, 100: c}\nf: {1.5: x, 1: y}\nn: {b: {z: 1, a: 2}}\n")),
            Ok("all-and-ungrouped-vars-files", "hosts", new[] { "u1", "w1" },
                ("hosts", "u1\n[web]\nw1\n"),
                ("group_vars/all.yml", "scope: all\nonly_all: 1\n"),
                ("group_vars/ungrouped.yml", "scope: ungrouped\n"),
                ("group_vars/web.yml", "ansible_group_priority: 99\n")),
            Ini("all-children-and-deep-nesting",
                "[all:children]\ntop\n[top:children]\nmid\n[mid:children]\nleaf\n[leaf]\nl1\n[top:vars]\nv=top\nt=1\n[mid:vars]\nv=mid\n[leaf:vars]\nv=leaf\n[all:vars]\nv=all\n", "l1"),
            Ok("yaml-hosts-as-string-and-nulls", "inv.yml", new[] { "s1" },
                ("inv.yml", "all:\n  children:\n    g:\n      hosts: s1\n      vars:\n      children:\n    k:\n      children: g\n")),
            Ok("deep-precedence-with-files", "hosts", new[] { "h1" },
                ("hosts", "[leaf]\nh1\n[mid:children]\nleaf\n[top:children]\nmid\n[side]\nh1\n"),
                ("group_vars/top.yml", "v: top_file\nt: top_file\n"),
                ("group_vars/mid.yml", "v: mid_file\n"),
                ("group_vars/side.yml", "v: side_file\ns: side\n"),
                ("group_vars/leaf.yml", "l: leaf_file\n")),
            Ini("benchmark-shape-1000-hosts", InventoryScaleTests.BenchmarkShape(10), "host00000", "host00999"),
            Ok("latin1-bytes-in-comments", "hosts", new[] { "h1" }, ("hosts", "base64:IyBjYWbpIGxhdGluLTEgY29tbWVudApbd2ViXQpoMSBhPTEKOyD/Cg==")),
            IniReject("error-vars-then-child-reference", "[g:vars]\na=1\n[p:children]\ng\n"),
            IniReject("error-pending-child-with-vars-only", "[p:children]\nx\n[x:vars]\na=1\n"),
            IniReject("error-group-priority-not-int", "[g]\nh1\n[g:vars]\nansible_group_priority=high\n"),
            IniReject("error-unknown-section-type", "[web]\nh1 a=1\n[web:childs]\n"),
            IniReject("error-invalid-section-entry", "[web]\nh1\n[bad group]\nh2\n"),
            IniReject("error-header-with-semicolon-comment", "[web] ; c\nh1\n"),
            IniReject("error-semicolon-on-host-line", "[web]\nh1 ; x\n"),
            IniReject("error-unbalanced-quote", "[web]\nh1\nh2 a=\"unclosed\n"),
            IniReject("error-yaml-marker", "---\n[web]\nh1\n"),
            IniReject("error-host-ending-in-colon", "[web]\nhost:\n"),
            IniReject("error-vars-for-undefined-group", "[web]\nh1\n[ghost:vars]\na=1\n"),
            IniReject("error-undefined-child", "[web]\nh1\n[parent:children]\nweb\nghost\n[other:children]\nghost\n"),
            IniReject("error-group-child-of-itself", "[web:children]\nweb\n"),
            IniReject("error-group-cycle", "[a:children]\nb\n[b:children]\na\n"),
            IniReject("error-range-unequal-width", "[web]\nw[01:3]\n"),
            IniReject("error-range-missing-end", "[web]\nx[1:]\n"),
            IniReject("error-range-parts", "[web]\nx[1:2:3:4]\n"),
            IniReject("error-range-alpha-reversed", "[web]\nx[c:a]\n"),
            IniReject("error-unclosed-bracket", "[web]\nh1\n[web\n"),
            IniReject("error-vars-line-without-equals", "[web]\nh1\n[web:vars]\njust_a_word\n"),
            IniReject("error-children-line-with-space", "[web:children]\na b\n"),
            IniReject("error-bom", "\ufeff[web]\nh1\n"),
            IniReject("error-set-literal", "[web]\nh1 x={1,2}\n"),
            IniReject("error-unhashable-key", "[web]\nh1 x=\"{[1]: 2}\"\n"),
            Reject("error-group-vars-not-a-mapping", "hosts", ("hosts", "[web]\nh1\n"), ("group_vars/web.yml", "- a\n- b\n")),
            Reject("error-group-vars-syntax", "hosts", ("hosts", "[web]\nh1\n"), ("group_vars/web.yml", "a: [1, 2\nb: 3\n")),
            Reject("error-group-vars-whole-file-vault", "hosts", ("hosts", "[web]\nh1\n"), ("group_vars/web.yml", Vault)),
            Reject("error-group-vars-vault-with-bom", "hosts", ("hosts", "[web]\nh1\n"), ("group_vars/web.yml", "\ufeff" + Vault)),
            Reject("error-yaml-invalid-children", "inv.yml", ("inv.yml", "all:\n  hosts:\n    h1:\n  children: 5\n")),
            Reject("error-yaml-plugin-config", "inv.yml", ("inv.yml", "plugin: aws_ec2\nregions: [x]\n")),
            Reject("error-yaml-syntax", "inv.yml", ("inv.yml", "all:\n  hosts: [\n")),
            Reject("error-yaml-child-not-a-mapping", "inv.yml", ("inv.yml", "all:\n  children:\n    web:\n      hosts: {h1: }\n    notmap: 5\n")),
            Reject("error-yaml-integer-host", "inv.yml", ("inv.yml", "all:\n  hosts:\n    42:\n")),
        };

        /// <summary>Writes every case under <paramref name="root"/>/&lt;name&gt;/ (a path ending in '/' is a directory).</summary>
        public static void Materialize(string root)
        {
            var utf8 = new UTF8Encoding(false);
            foreach (var c in Cases)
            {
                var dir = Path.Combine(root, c.Name);
                Directory.CreateDirectory(dir);
                foreach (var (path, content) in c.Files)
                {
                    var full = Path.Combine(dir, path);
                    if (path.EndsWith("/")) { Directory.CreateDirectory(full); continue; }
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    // "base64:" content carries bytes that are not UTF-8.
                    if (content.StartsWith("base64:")) File.WriteAllBytes(full, System.Convert.FromBase64String(content.Substring(7)));
                    else File.WriteAllText(full, content, utf8);
                }
            }
        }

        public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });
    }
}
