using System;
using System.IO;
using System.Linq;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    public sealed class TemplateCheckTests
    {
        private static HostVariables Vars(RoleTree tree, PyDict? extra = null) =>
            HostVariables.Load(new VariableSources { RolePath = tree.Role, ExtraVars = extra ?? new PyDict() }, new SecretRedactor());

        [Fact]
        public void A_broken_template_fails_with_file_line_and_column()
        {
            using var tree = new RoleTree().Complete();
            var file = tree.Write("templates/broken.j2", "a\nb {% if x %}\nc\n");
            var result = TemplateCheck.Check(TemplateFile.Find(tree.Role), null).Single(r => r.Check == "TemplateSyntax" && r.Target == file);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.StartsWith(file + ":", result.Message);
            Assert.Matches(@":\d+:\d+: ", result.Message);
            Assert.Equal(HxCategory.Template, result.Category);
        }

        [Fact]
        public void An_undefined_variable_fails_with_its_position_and_a_suggestion()
        {
            using var tree = new RoleTree().Complete();
            var file = tree.Write("templates/typo.j2", "# x\nport={{ litellm_prot }}\n");
            var result = TemplateCheck.Check(TemplateFile.Find(tree.Role), Vars(tree)).Single(r => r.Check == "UndefinedVariable" && r.Target == file);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains(file + ":2:9: 'litellm_prot' is not defined", result.Message);
            Assert.Contains("Did you mean 'litellm_port'?", result.Message);
        }

        [Fact]
        public void An_undefined_fact_is_a_warning_not_a_failure()
        {
            using var tree = new RoleTree().Complete();
            var file = tree.Write("templates/fact.j2", "host={{ ansible_fqdn }}\n");
            var result = TemplateCheck.Check(TemplateFile.Find(tree.Role), Vars(tree)).Single(r => r.Check == "UndefinedVariable" && r.Target == file);
            Assert.Equal(HxStatus.Warning, result.Status);
            Assert.Contains("gathered fact", result.Message);
        }

        [Fact]
        public void Names_guarded_by_is_defined_or_default_are_optional()
        {
            using var tree = new RoleTree().Complete();
            var file = tree.Write("templates/opt.j2", "{% if db is defined %}{{ db }}{% endif %}{{ x.y | default('n') }}\n");
            var result = TemplateCheck.Check(TemplateFile.Find(tree.Role), Vars(tree)).Single(r => r.Check == "UndefinedVariable" && r.Target == file);
            Assert.Equal(HxStatus.Passed, result.Status);
        }

        [Fact]
        public void An_undefined_name_read_through_another_variable_is_reported()
        {
            using var tree = new RoleTree().Complete();
            tree.Write("vars/main.yml", "litellm_python: \"{{ litellm_venv }}/bin/python\"\n");
            var results = TemplateCheck.Check(TemplateFile.Find(tree.Role), Vars(tree));
            var result = results.Single(r => r.Check == "UndefinedVariable" && r.Status == HxStatus.Failed);
            Assert.Contains("'litellm_venv' (read by variable 'litellm_python', from role vars)", result.Message);
        }

        [Fact]
        public void A_defined_litellm_variable_nothing_uses_is_a_warning()
        {
            using var tree = new RoleTree().Complete();
            var results = TemplateCheck.Check(TemplateFile.Find(tree.Role), Vars(tree, new PyDict { ["litellm_prot"] = 4001L, ["other_unused"] = 1L }));
            var unused = results.Where(r => r.Check == "UnusedVariable").ToList();
            var warning = Assert.Single(unused);
            Assert.Equal(HxStatus.Warning, warning.Status);
            Assert.Equal("litellm_prot", warning.Target);
            Assert.Contains("extra vars", warning.Message);
            // litellm_enabled (a when: of the tasks) and litellm_service (a handler) count as used.
            Assert.DoesNotContain(unused, r => r.Target == "litellm_enabled" || r.Target == "litellm_service");
        }

        [Fact]
        public void Unknown_filters_and_tests_are_reported()
        {
            using var tree = new RoleTree().Complete();
            var file = tree.Write("templates/f.j2", "{{ litellm_port | to_jsn }}{{ litellm_port | community.general.foo }}{% if litellm_port is evn %}{% endif %}\n");
            var results = TemplateCheck.Check(TemplateFile.Find(tree.Role), null).Where(r => r.Target == file).ToList();
            var filter = results.Single(r => r.Check == "UnknownFilter" && r.Message.Contains("to_jsn"));
            Assert.Equal(HxStatus.Failed, filter.Status);
            Assert.Contains("Did you mean 'to_json'?", filter.Message);
            Assert.Equal(HxStatus.Warning, results.Single(r => r.Check == "UnknownFilter" && r.Message.Contains("community.general.foo")).Status);
            Assert.Contains("Did you mean 'even'?", results.Single(r => r.Check == "UnknownTest").Message);
        }

        [Fact]
        public void The_bundled_role_has_no_issue_for_the_example_host()
        {
            var results = TemplateCheck.Check(TemplateFile.Find(Path.Combine(BundledRolePeerTests.Example(), "roles", "litellm")),
                BundledRolePeerTests.ExampleVariables(new SecretRedactor()));
            Assert.All(results, r => Assert.True(r.Status == HxStatus.Passed, r.ToString()));
            Assert.Equal(3, results.Count(r => r.Check == "TemplateSyntax"));
        }

        [Fact]
        public void Templates_are_found_in_a_role_a_templates_folder_or_as_files()
        {
            using var tree = new RoleTree().Complete();
            tree.Write("templates/sub/b.conf.j2", "b\n");
            var fromRole = TemplateFile.Find(tree.Role);
            Assert.Equal(new[] { "app.conf.j2", "sub/b.conf.j2" }, fromRole.Select(t => t.Name));
            Assert.Equal("sub/b.conf", fromRole[1].OutputName);
            Assert.All(fromRole, t => Assert.Equal(tree.Role, t.RolePath));
            var single = Assert.Single(TemplateFile.Find(Path.Combine(tree.Role, "templates", "sub", "b.conf.j2")));
            Assert.Equal(tree.Role, single.RolePath);
            Assert.Equal("sub/b.conf.j2", single.Name);
            var loose = tree.Write("x.j2", "x\n", tree.Root);
            Assert.Null(Assert.Single(TemplateFile.Find(loose)).RolePath);
            Assert.Throws<HxException>(() => TemplateFile.Find(Path.Combine(tree.Root, "nope")));
        }
    }
}
