using System;
using System.Collections.Generic;
using System.IO;
using HxLiteLLM.IO;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>One folder or file of a role skeleton; Content is null for a folder.</summary>
    public sealed class RoleSkeletonItem
    {
        public RoleSkeletonItem(string path, string? content)
        {
            Path = path;
            Content = content;
        }

        public string Path { get; }
        public string? Content { get; }
        public bool IsFolder => Content == null;
    }

    /// <summary>
    /// The layout <c>ansible-galaxy role init</c> creates (same folders and file names; the main.yml stubs carry the
    /// same "# &lt;kind&gt; file for &lt;role&gt;" line), limited to what is missing: nothing existing is overwritten, and an
    /// entry folder that already has any entry file (main.yaml, main/ …) gets no main.yml.
    /// </summary>
    public static class RoleSkeleton
    {
        public static IReadOnlyList<RoleSkeletonItem> Missing(string rolePath)
        {
            var role = System.IO.Path.GetFullPath(rolePath);
            var name = System.IO.Path.GetFileName(role.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var items = new List<RoleSkeletonItem>();
            if (!Directory.Exists(role)) items.Add(new RoleSkeletonItem(role, null));
            AddFile(items, role, "README.md", Readme(name));
            foreach (var folder in RoleLayout.Folders)
            {
                var dir = System.IO.Path.Combine(role, folder);
                if (!Directory.Exists(dir)) items.Add(new RoleSkeletonItem(dir, null));
                if (folder == "files" || folder == "templates") continue;
                if (RoleLayout.EntryFiles(role, folder).Count > 0) continue;
                AddFile(items, role, folder + "/main.yml", folder == "meta" ? Meta(name) : "---\n# " + folder + " file for " + name + "\n");
            }
            var tests = System.IO.Path.Combine(role, "tests");
            if (!Directory.Exists(tests)) items.Add(new RoleSkeletonItem(tests, null));
            AddFile(items, role, "tests/inventory", "localhost\n\n");
            AddFile(items, role, "tests/test.yml", "---\n- hosts: localhost\n  remote_user: root\n  roles:\n    - " + name + "\n");
            return items;
        }

        /// <summary>
        /// Creates the items in order; a file that appeared meanwhile is left alone. Returns what was created. A symbolic link
        /// below the role (a linked handlers/, say) is refused (PathBeyondSymlink) before anything is created through it.
        /// </summary>
        public static IReadOnlyList<string> Create(string rolePath, IEnumerable<RoleSkeletonItem> items)
        {
            var created = new List<string>();
            foreach (var item in items)
            {
                if (item.IsFolder)
                {
                    ContainedPath.RefuseLinksBelow(rolePath, item.Path);
                    if (Directory.Exists(item.Path)) continue;
                    ContainedPath.Folder(rolePath, item.Path);
                }
                else
                {
                    ContainedPath.Folder(rolePath, System.IO.Path.GetDirectoryName(item.Path)!);
                    if (File.Exists(item.Path) || Directory.Exists(item.Path)) continue;
                    AtomicFile.WriteAllText(item.Path, item.Content!);
                }
                created.Add(item.Path);
            }
            return created;
        }

        private static void AddFile(List<RoleSkeletonItem> items, string role, string relative, string content)
        {
            var path = System.IO.Path.Combine(role, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
            if (!File.Exists(path) && !Directory.Exists(path)) items.Add(new RoleSkeletonItem(path, content));
        }

        private static string Meta(string name) =>
            "galaxy_info:\n" +
            "  role_name: " + name + "\n" +
            "  author: your name\n" +
            "  description: your role description\n" +
            "  license: MIT\n" +
            "  min_ansible_version: \"2.14\"\n" +
            "  galaxy_tags: []\n" +
            "\n" +
            "dependencies: []\n";

        private static string Readme(string name) =>
            name + "\n" + new string('=', Math.Max(4, name.Length)) + "\n\n" +
            "What the role does, the variables it reads (see defaults/main.yml) and an example playbook.\n";
    }
}
