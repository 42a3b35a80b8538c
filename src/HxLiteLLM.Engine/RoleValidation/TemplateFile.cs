using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>A template to check or render: its file, the role it belongs to (if any) and its name below templates/.</summary>
    public sealed class TemplateFile
    {
        public TemplateFile(string path, string? rolePath, string loaderRoot)
        {
            Path = path;
            RolePath = rolePath;
            LoaderRoot = loaderRoot;
            var relative = path.Substring(loaderRoot.Length).TrimStart(System.IO.Path.DirectorySeparatorChar);
            Name = relative.Replace(System.IO.Path.DirectorySeparatorChar, '/');
            OutputName = Name.EndsWith(".j2", StringComparison.Ordinal) ? Name.Substring(0, Name.Length - 3) : Name;
        }

        public string Path { get; }
        public string? RolePath { get; }
        /// <summary>Where include/import names resolve: the role's templates/ or the file's folder.</summary>
        public string LoaderRoot { get; }
        /// <summary>Name relative to the loader root, '/'-separated (e.g. litellm.env.j2).</summary>
        public string Name { get; }
        /// <summary>The name of the rendered file: <see cref="Name"/> without the .j2 extension.</summary>
        public string OutputName { get; }

        /// <summary>
        /// The templates a path names: a role (its templates/**/*.j2), a folder (its *.j2, recursively) or a file.
        /// A file or folder inside a role's templates/ knows its role, so the role's defaults and vars apply.
        /// </summary>
        public static IReadOnlyList<TemplateFile> Find(string path)
        {
            var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
            if (File.Exists(full))
            {
                var (role, root) = RoleOf(System.IO.Path.GetDirectoryName(full)!);
                return new[] { new TemplateFile(full, role, root ?? System.IO.Path.GetDirectoryName(full)!) };
            }
            if (!Directory.Exists(full)) throw new HxException("TemplatePathNotFound", "No template, folder or role at " + full + ".", full,
                kind: HxErrorKind.NotFound);
            var templates = System.IO.Path.Combine(full, "templates");
            string? rolePath;
            string loaderRoot;
            if (Directory.Exists(templates) && LooksLikeRole(full))
            {
                rolePath = full;
                loaderRoot = templates;
            }
            else
            {
                var (role, root) = RoleOf(full);
                rolePath = role;
                loaderRoot = root ?? full;
            }
            var scan = rolePath != null && loaderRoot == templates ? templates : full;
            return Directory.EnumerateFiles(scan, "*.j2", SearchOption.AllDirectories)
                .Where(f => !System.IO.Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new TemplateFile(f, rolePath, loaderRoot)).ToList();
        }

        private static bool LooksLikeRole(string dir) =>
            RoleLayout.Folders.Count(f => Directory.Exists(System.IO.Path.Combine(dir, f))) >= 2;

        /// <summary>The role and its templates/ folder when <paramref name="dir"/> is templates/ or below it.</summary>
        private static (string? Role, string? TemplatesRoot) RoleOf(string dir)
        {
            for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
            {
                if (d.Name == "templates" && d.Parent != null && LooksLikeRole(d.Parent.FullName)) return (d.Parent.FullName, d.FullName);
            }
            return (null, null);
        }
    }
}
