using System;
using System.IO;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>A role (or any file tree) built in a temp folder for one test.</summary>
    public sealed class RoleTree : IDisposable
    {
        public RoleTree(string roleName = "litellm")
        {
            Root = Path.Combine(Path.GetTempPath(), "hx-roletree-" + Guid.NewGuid().ToString("N"));
            Role = Path.Combine(Root, "roles", roleName);
            Directory.CreateDirectory(Role);
        }

        public string Root { get; }
        public string Role { get; }

        public string Write(string relative, string content, string? under = null)
        {
            var path = Path.Combine(under ?? Role, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            return path;
        }

        /// <summary>A complete minimal role: every folder, every entry file, one template.</summary>
        public RoleTree Complete()
        {
            Write("tasks/main.yml", "---\n- name: Render\n  ansible.builtin.template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n  when: litellm_enabled\n");
            Write("handlers/main.yml", "---\n- name: Restart\n  ansible.builtin.systemd:\n    name: \"{{ litellm_service }}\"\n");
            Write("defaults/main.yml", "---\nlitellm_port: 4000\nlitellm_enabled: true\nlitellm_service: litellm\n");
            Write("vars/main.yml", "---\nlitellm_python: python3\n");
            Write("meta/main.yml", "---\ngalaxy_info:\n  author: x\ndependencies: []\n");
            Directory.CreateDirectory(Path.Combine(Role, "files"));
            Write("templates/app.conf.j2", "port={{ litellm_port }}\npython={{ litellm_python }}\n");
            return this;
        }

        public void Dispose()
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, true);
        }
    }
}
