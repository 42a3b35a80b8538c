using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.IO;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// The password lookup: refused without the file-writing opt-in; with it, existing files read exactly as
    /// ansible-core reads them, and missing ones created in Ansible's format and modes (random, so compared by shape).
    /// </summary>
    public sealed class PasswordLookupTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hx-password-lookup-" + Guid.NewGuid().ToString("N"));

        public PasswordLookupTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, true);

        private static readonly TemplateOptions Allowed = new TemplateOptions { AllowFileWritingLookups = true };

        private static string Render(string template, string folder, TemplateOptions? options = null) =>
            AnsibleTemplate.Render(template, new PyDict { ["dir"] = folder }, "<template>", options ?? Allowed);

        /// <summary>Existing files of every shape Ansible's _parse_content knows, and templates reading them.</summary>
        private static readonly Dictionary<string, string> Existing = new Dictionary<string, string>
        {
            ["plain"] = "s3cr3t-Pa55\n",
            ["trailing"] = "with inner space  \n\n\t",
            ["salted"] = "hunter2 salt=abcdefghijklmnop\n",
            ["ident"] = "pw salt=saltsalt ident=2b\n",
            ["salt-in-password"] = "a salt=b salt=cdefgh\n",
            ["empty-salt"] = "only salt=\n",
        };

        private static readonly string[] ExistingTemplates =
        {
            "[{{ lookup('password', dir + '/plain') }}]",
            "[{{ lookup('password', dir + '/trailing') }}]",
            "[{{ lookup('password', dir + '/salted') }}]|{{ lookup('password', dir + '/salted', encrypt='sha512_crypt') }}|{{ lookup('password', dir + '/salted encrypt=sha256_crypt') }}",
            "[{{ lookup('password', dir + '/ident') }}]",
            "[{{ lookup('password', dir + '/salt-in-password') }}]",
            "[{{ lookup('password', dir + '/empty-salt') }}]",
            "{{ query('password', dir + '/plain', dir + '/salted') }}",
        };

        [PeerFact("jinja2", "ansible")]
        public void ExistingPasswordFilesReadLikeAnsible()
        {
            foreach (var kv in Existing) File.WriteAllText(Path.Combine(_root, kv.Key), kv.Value);
            var cases = ExistingTemplates.Select((t, i) => new TemplateCase("password/existing-" + i, t, PyJson.Dumps(new PyDict { ["dir"] = _root }))).ToList();
            var peer = AnsiblePeer.RenderAll(cases);
            foreach (var c in cases)
            {
                Assert.True(peer[c.Name].Ok, peer[c.Name].Error);
                Assert.Equal(peer[c.Name].Output, Render(c.Template, _root));
            }
            // Reading changes nothing (the salted file gains no ident, no lock file is left behind).
            foreach (var kv in Existing) Assert.Equal(kv.Value, File.ReadAllText(Path.Combine(_root, kv.Key)));
            Assert.Equal(Existing.Count, Directory.GetFiles(_root).Length);
        }

        [PeerFact("jinja2", "ansible")]
        public void MissingPasswordFileIsCreatedInAnsiblesFormatAndReadBackTheSame()
        {
            const string template = "{{ lookup('password', dir + '/new/pw') }}|{{ lookup('password', dir + '/new/pw') }}|{{ lookup('password', dir + '/new/short length=6 chars=digits') }}|{{ lookup('password', dir + '/new/enc', encrypt='sha512_crypt') }}";
            var theirs = Path.Combine(_root, "ansible");
            var ours = Path.Combine(_root, "ours");
            var peer = AnsiblePeer.RenderAll(new[] { new TemplateCase("password/create", template, PyJson.Dumps(new PyDict { ["dir"] = theirs })) })["password/create"];
            Assert.True(peer.Ok, peer.Error);
            var output = Render(template, ours);
            foreach (var (folder, text) in new[] { (theirs, peer.Output), (ours, output) })
            {
                var parts = text.Split('|');
                Assert.Matches("^[A-Za-z0-9.,:_-]{20}$", parts[0]);
                Assert.Equal(parts[0], parts[1]);
                Assert.Matches("^[0-9]{6}$", parts[2]);
                Assert.Matches("^\\$6\\$rounds=656000\\$[A-Za-z0-9./]{16}\\$[A-Za-z0-9./]{86}$", parts[3]);
                Assert.Equal(parts[0] + "\n", File.ReadAllText(Path.Combine(folder, "new", "pw")));
                Assert.Equal(parts[2] + "\n", File.ReadAllText(Path.Combine(folder, "new", "short")));
                Assert.Matches("^[A-Za-z0-9.,:_-]{20} salt=[A-Za-z0-9./]{16}\n$", File.ReadAllText(Path.Combine(folder, "new", "enc")));
                Assert.Equal(new[] { "enc", "pw", "short" }, Directory.GetFiles(Path.Combine(folder, "new")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
                if (UnixPermissions.IsSupported)
                {
                    Assert.Equal(0x180, UnixPermissions.Get(Path.Combine(folder, "new", "pw")));
                    Assert.Equal(0x1C0, UnixPermissions.Get(Path.Combine(folder, "new")));
                }
            }
            // The hash of the saved password with the saved salt: a second render gives the same value, as Ansible's does.
            Assert.Equal(output, Render(template, ours));
            Assert.Equal(output.Split('|')[3], Render("{{ lookup('password', dir + '/new/enc', encrypt='sha512_crypt') }}", ours));
        }

        [Fact]
        public void DevNullGeneratesWithoutWriting()
        {
            var first = Render("{{ lookup('password', '/dev/null') }}", _root);
            Assert.Matches("^[A-Za-z0-9.,:_-]{20}$", first);
            Assert.NotEqual(first, Render("{{ lookup('password', '/dev/null') }}", _root));
            Assert.Matches("^[xy]{7}$", Render("{{ lookup('password', '/dev/null length=7', chars=['x', 'y']) }}", _root));
            Assert.Empty(Directory.GetFileSystemEntries(_root));
            Assert.Empty(Directory.GetFiles("/dev", "*.ansible_lockfile"));
        }

        [Fact]
        public void RefusedWithoutTheFileWritingOptIn()
        {
            var target = Path.Combine(_root, "sub", "pw");
            var e = Assert.Throws<TemplateRuntimeException>(() => Render("{{ lookup('password', dir + '/sub/pw') }}", _root, new TemplateOptions()));
            Assert.Contains("lookup plugin (password) creates files", e.Message);
            Assert.Contains("-AllowFileWritingLookup", e.Message);
            Assert.False(File.Exists(target));
            Assert.False(Directory.Exists(Path.GetDirectoryName(target)));
        }

        [Theory]
        [InlineData("{{ lookup('password', '/dev/null seed=1') }}", "seed=")]
        [InlineData("{{ lookup('password', '/dev/null', encrypt='md5_crypt') }}", "encrypt=md5_crypt")]
        [InlineData("{{ lookup('password', '/dev/null lenght=5') }}", "Unrecognized parameter(s) given to password lookup: lenght")]
        [InlineData("{{ lookup('password', '/dev/null length=5 x') }}", "Unrecognized value after key=value parameters")]
        public void UnsupportedOrWrongParametersAreClearErrors(string template, string expected)
        {
            var e = Assert.Throws<TemplateRuntimeException>(() => Render(template, _root));
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public void PasswordFileContentParsesAsAnsiblesParseContent()
        {
            Assert.Equal(("pw", (string?)null, (string?)null), Lookups.ParsePasswordContent("pw"));
            Assert.Equal(("pw", "s", (string?)null), Lookups.ParsePasswordContent("pw salt=s"));
            Assert.Equal(("a salt=b", "c", "2b"), Lookups.ParsePasswordContent("a salt=b salt=c ident=2b"));
            Assert.Equal(("pw", (string?)null, (string?)null), Lookups.ParsePasswordContent("pw salt="));
            Assert.Equal(("pw", "x", ""), Lookups.ParsePasswordContent("pw salt=x ident="));
        }
    }
}
