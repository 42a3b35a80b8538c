using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    public sealed class RoleLayoutTests
    {
        [Fact]
        public void A_complete_role_passes_every_check()
        {
            using var tree = new RoleTree().Complete();
            var results = RoleLayout.Check(tree.Role);
            Assert.All(results, r => Assert.Equal(HxStatus.Passed, r.Status));
            Assert.All(results, r => Assert.Equal("RoleValidation", r.Phase));
            Assert.All(results, r => Assert.Equal(HxCategory.Role, r.Category));
            Assert.Equal(7, results.Count(r => r.Check == "RoleFolder"));
            Assert.Equal(5, results.Count(r => r.Check == "RoleEntryFile"));
        }

        [Fact]
        public void Missing_tasks_fail_and_other_missing_parts_warn()
        {
            using var tree = new RoleTree();
            tree.Write("defaults/main.yml", "a: 1\n");
            Directory.CreateDirectory(Path.Combine(tree.Role, "handlers"));
            var results = RoleLayout.Check(tree.Role);
            Assert.Equal(HxStatus.Failed, results.Single(r => r.Check == "RoleFolder" && r.Target.EndsWith("tasks", StringComparison.Ordinal)).Status);
            Assert.Equal(HxStatus.Warning, results.Single(r => r.Check == "RoleFolder" && r.Target.EndsWith("meta", StringComparison.Ordinal)).Status);
            Assert.Equal(HxStatus.Warning, results.Single(r => r.Check == "RoleEntryFile" && r.Target.Contains("handlers")).Status);
            Assert.Equal(HxStatus.Passed, results.Single(r => r.Check == "RoleEntryFile" && r.Target.Contains("defaults")).Status);
            Assert.Contains(results, r => r.Status != HxStatus.Passed && r.Remediation.StartsWith("Test-HxRoleStructure", StringComparison.Ordinal));
        }

        [Fact]
        public void Entry_files_are_tried_as_main_yml_yaml_json_then_main_and_vars_may_be_a_folder()
        {
            using var tree = new RoleTree();
            tree.Write("tasks/main.yaml", "- debug: msg=a\n");
            tree.Write("tasks/main", "- debug: msg=b\n");
            tree.Write("handlers/main", "[]\n");
            tree.Write("vars/main/b.yml", "b: 2\n");
            tree.Write("vars/main/a.yml", "a: 1\n");
            tree.Write("vars/main/notes.txt", "x\n");
            Assert.Equal("main.yaml", Path.GetFileName(RoleLayout.EntryFiles(tree.Role, "tasks").Single()));
            Assert.Equal("main", Path.GetFileName(RoleLayout.EntryFiles(tree.Role, "handlers").Single()));
            Assert.Equal(new[] { "a.yml", "b.yml" }, RoleLayout.EntryFiles(tree.Role, "vars").Select(Path.GetFileName));
            var results = RoleLayout.Check(tree.Role);
            var tasks = results.Single(r => r.Check == "RoleEntryFile" && r.Target.Contains("tasks"));
            Assert.Equal(HxStatus.Warning, tasks.Status);
            Assert.Contains("ignores main", tasks.Message);
        }

        [Fact]
        public void Broken_yaml_fails_with_file_line_and_column()
        {
            using var tree = new RoleTree().Complete();
            var file = tree.Write("defaults/main.yml", "---\nlitellm_port: 4000\n  bad: [1, 2\n");
            var result = RoleLayout.Check(tree.Role).Single(r => r.Check == "RoleYaml" && r.Target == file);
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(file) + @":\d+:\d+: ", result.Message);
        }

        [Fact]
        public void An_entry_file_of_the_wrong_shape_fails()
        {
            using var tree = new RoleTree().Complete();
            tree.Write("tasks/main.yml", "name: not a list\n");
            var result = RoleLayout.Check(tree.Role).Single(r => r.Check == "RoleYaml" && r.Target.EndsWith(Path.Combine("tasks", "main.yml"), StringComparison.Ordinal));
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains("list", result.Message);
        }

        [Fact]
        public void Create_fills_in_what_is_missing_and_never_overwrites()
        {
            using var tree = new RoleTree();
            var tasks = tree.Write("tasks/main.yml", "- debug: msg=mine\n");
            tree.Write("vars/main.yaml", "x: 1\n");
            var created = RoleSkeleton.Create(tree.Role, RoleSkeleton.Missing(tree.Role));
            Assert.Equal("- debug: msg=mine\n", File.ReadAllText(tasks));
            Assert.False(File.Exists(Path.Combine(tree.Role, "vars", "main.yml")));
            Assert.Contains(Path.Combine(tree.Role, "handlers", "main.yml"), created);
            Assert.Empty(RoleSkeleton.Missing(tree.Role));
            Assert.Empty(RoleSkeleton.Create(tree.Role, RoleSkeleton.Missing(tree.Role)));
            Assert.DoesNotContain(RoleLayout.Check(tree.Role), r => r.Status == HxStatus.Failed);
        }

        [PeerFact("ansible-galaxy")]
        public void Create_lays_a_new_role_out_like_ansible_galaxy_role_init()
        {
            using var tree = new RoleTree("myrole");
            Directory.Delete(tree.Role);
            var galaxyRoot = Path.Combine(tree.Root, "galaxy");
            Directory.CreateDirectory(galaxyRoot);
            var config = tree.Write("ansible.cfg", "", tree.Root);
            var run = PeerProcess.Run("ansible-galaxy", new[] { "role", "init", "myrole" }, workingDirectory: galaxyRoot,
                environment: new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config });
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            var galaxy = Path.Combine(galaxyRoot, "myrole");

            RoleSkeleton.Create(tree.Role, RoleSkeleton.Missing(tree.Role));

            Assert.Equal(Listing(galaxy), Listing(tree.Role));
            foreach (var same in new[] { "tasks/main.yml", "handlers/main.yml", "defaults/main.yml", "vars/main.yml", "tests/test.yml", "tests/inventory" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(galaxy, same)), File.ReadAllText(Path.Combine(tree.Role, same)));
            }
            var theirs = (IDictionary<object, object?>)HxLiteLLM.Yaml.AnsibleYamlReader.LoadFile(Path.Combine(galaxy, "meta", "main.yml"))!;
            var ours = (IDictionary<object, object?>)HxLiteLLM.Yaml.AnsibleYamlReader.LoadFile(Path.Combine(tree.Role, "meta", "main.yml"))!;
            Assert.Equal(theirs.Keys, ours.Keys);
            Assert.DoesNotContain(RoleLayout.Check(tree.Role), r => r.Status == HxStatus.Failed);
        }

        private static List<string> Listing(string root) =>
            Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
                .Select(p => p.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/') + (Directory.Exists(p) ? "/" : ""))
                .OrderBy(p => p, StringComparer.Ordinal).ToList();
    }
}
