using System.IO;
using System.Linq;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Tests.RoleValidation;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Steps
{
    /// <summary>A host's rendered files are replaced as a set or not at all: a failed render leaves no old file that looks current.</summary>
    public sealed class RenderStepTests
    {
        private const string MasterKey = "sk-hx0123456789abcdefghij";

        private static StepContext Context(bool whatIf = false) =>
            new StepContext(new SecretRedactor(), null) { ShouldProcess = (target, action) => !whatIf };

        private static RoleTree Role()
        {
            var tree = new RoleTree("app");
            tree.Write("tasks/main.yml", "- ansible.builtin.template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n");
            tree.Write("templates/app.conf.j2", "port={{ port }}\nhost={{ inventory_hostname | default('none') }}\n");
            tree.Write("templates/app.env.j2", "MASTER_KEY={{ master_key }}\n");
            return tree;
        }

        private static RenderTarget Target(RoleTree tree, string host, PyDict variables) =>
            RenderTarget.PerHost(Path.Combine(tree.Root, ".rendered"),
                new TemplateHost(host, HostVariables.Load(new VariableSources { RolePath = tree.Role, ExtraVars = variables }, new SecretRedactor())));

        private static PyDict Good(long port) => new PyDict { ["port"] = port, ["master_key"] = MasterKey };

        [Fact]
        public void A_failed_render_removes_the_hosts_previous_files_and_says_so()
        {
            using var tree = Role();
            var templates = TemplateFile.Find(tree.Role);
            var first = RenderStep.Run(Context(), templates, new[] { Target(tree, "gw1", Good(4000)), Target(tree, "gw2", Good(4001)) });
            Assert.All(first.Results, r => Assert.True(r.Status == HxStatus.Passed, r.Target + " " + r.Status + " " + r.Message));
            Assert.Equal(4, first.Results.Count);
            var gw1 = Path.Combine(tree.Root, ".rendered", "gw1");
            Assert.Equal("port=4000\nhost=none\n", File.ReadAllText(Path.Combine(gw1, "app.conf")));
            if (UnixPermissions.IsSupported) Assert.Equal(TemplateRenderer.SecretFileMode, UnixPermissions.Get(Path.Combine(gw1, "app.env")));

            // gw1 loses its port: none of its templates is written, and the old app.conf (and app.env, rendered fine) go.
            var second = RenderStep.Run(Context(), templates, new[] { Target(tree, "gw1", new PyDict { ["master_key"] = MasterKey }), Target(tree, "gw2", Good(4002)) });
            Assert.False(File.Exists(Path.Combine(gw1, "app.conf")));
            Assert.False(File.Exists(Path.Combine(gw1, "app.env")));
            var host = second.Results.Single(r => r.Target == gw1);
            Assert.Equal(HxStatus.Failed, host.Status);
            Assert.Contains("nothing written (1 of 2 templates failed)", host.Message);
            Assert.Contains("previous rendered files removed", host.Message);
            Assert.DoesNotContain(MasterKey, string.Join("\n", second.Results.Select(r => r.Message)));
            Assert.Contains(second.Results, r => r.Status == HxStatus.Failed && r.Message.Contains("port"));
            Assert.DoesNotContain(second.Results, r => r.Status == HxStatus.Passed && r.Target.StartsWith(gw1));
            Assert.DoesNotContain(second.Rendered, r => r.OutputPath.StartsWith(gw1));
            Assert.Equal(new[] { "Remove", "Remove" }, second.Changes.Where(c => c.Path.StartsWith(gw1)).Select(c => c.Action));
            // The other host is rendered as usual.
            Assert.Equal("port=4002\nhost=none\n", File.ReadAllText(Path.Combine(tree.Root, ".rendered", "gw2", "app.conf")));

            // Fixed again: the set is back whole.
            RenderStep.Run(Context(), templates, new[] { Target(tree, "gw1", Good(4003)) });
            Assert.Equal("port=4003\nhost=none\n", File.ReadAllText(Path.Combine(gw1, "app.conf")));
            Assert.Equal("MASTER_KEY=" + MasterKey + "\n", File.ReadAllText(Path.Combine(gw1, "app.env")));
        }

        [Fact]
        public void Under_WhatIf_a_failed_render_removes_nothing_and_says_the_old_files_are_not_current()
        {
            using var tree = Role();
            var templates = TemplateFile.Find(tree.Role);
            RenderStep.Run(Context(), templates, new[] { Target(tree, "gw1", Good(4000)) });
            var conf = Path.Combine(tree.Root, ".rendered", "gw1", "app.conf");

            var outcome = RenderStep.Run(Context(whatIf: true), templates, new[] { Target(tree, "gw1", new PyDict { ["master_key"] = MasterKey }) });
            Assert.Equal("port=4000\nhost=none\n", File.ReadAllText(conf));
            Assert.All(outcome.Changes, c => Assert.True(c.WhatIf && c.Action == "Remove", c.Path));
            Assert.Equal(2, outcome.Changes.Count);
            var host = outcome.Results.Single(r => r.Target == Path.GetDirectoryName(conf));
            Assert.Equal(HxStatus.Failed, host.Status);
            Assert.Contains("previous rendered files left in place (not current)", host.Message);
        }

        [Fact]
        public void A_host_without_previous_files_fails_without_writing_any()
        {
            using var tree = Role();
            var outcome = RenderStep.Run(Context(), TemplateFile.Find(tree.Role), new[] { Target(tree, "gw1", new PyDict { ["port"] = 1L }) });
            Assert.False(Directory.Exists(Path.Combine(tree.Root, ".rendered", "gw1")) && Directory.EnumerateFiles(Path.Combine(tree.Root, ".rendered", "gw1")).Any());
            Assert.Contains(outcome.Results, r => r.Status == HxStatus.Failed && r.Message.EndsWith("no previous rendered file"));
        }
    }
}
