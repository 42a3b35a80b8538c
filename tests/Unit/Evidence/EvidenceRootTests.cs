using System;
using System.Collections.Generic;
using System.IO;
using HxLiteLLM.Evidence;
using HxLiteLLM.Remote;
using Xunit;

namespace HxLiteLLM.Tests.Evidence
{
    /// <summary>One evidence root for every command: given, else the project of the ansible.cfg Ansible uses, else the current folder.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class EvidenceRootTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hx-evidence-root-" + Guid.NewGuid().ToString("N"));
        private readonly string _home;
        private readonly string _work;
        private readonly string _project;

        public EvidenceRootTests()
        {
            _home = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
            _work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;
            _project = Directory.CreateDirectory(Path.Combine(_dir, "project")).FullName;
            // Ansible ignores ./ansible.cfg in a world-writable folder; these are the user's own.
            foreach (var folder in new[] { _work, _project }) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private AnsibleConfig Load(string currentDirectory, Dictionary<string, string>? env = null) =>
            AnsibleConfig.Load(currentDirectory, name => env != null && env.TryGetValue(name, out var v) ? v : null, _home);

        [Fact]
        public void WithoutAProjectConfigItIsDotEvidenceInTheCurrentFolderEvenWithTheUsersConfig()
        {
            File.WriteAllText(Path.Combine(_home, ".ansible.cfg"), "[defaults]\nremote_user = me\n");
            var config = Load(_work);
            Assert.Equal(Path.Combine(_home, ".ansible.cfg"), config.Path);
            Assert.Null(config.ProjectFolder);
            Assert.Equal(Path.Combine(_work, ".evidence"), EvidenceRoot.Resolve(null, config));
            Assert.Equal(Path.Combine(_work, ".rendered"), EvidenceRoot.RenderFolder(null, config));
        }

        [Fact]
        public void TheFolderOfDotSlashAnsibleCfgIsTheProjectRoot()
        {
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\ninventory = inventory/hosts.ini\n");
            var config = Load(_work);
            Assert.Equal(_work, config.ProjectFolder);
            Assert.Equal(Path.Combine(_work, ".evidence"), EvidenceRoot.Resolve(null, config));
        }

        [Fact]
        public void AnsibleConfigNamesTheProjectFromAnotherFolderAndAGivenPathWins()
        {
            File.WriteAllText(Path.Combine(_project, "ansible.cfg"), "[defaults]\n");
            File.WriteAllText(Path.Combine(_work, "ansible.cfg"), "[defaults]\n");
            var config = Load(_work, new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = Path.Combine("..", "project", "ansible.cfg") });
            Assert.Equal(Path.Combine(_project, ".evidence"), EvidenceRoot.Resolve(null, config));
            Assert.Equal(Path.Combine(_project, ".rendered"), EvidenceRoot.RenderFolder(null, config));
            var given = Path.Combine(_dir, "elsewhere");
            Assert.Equal(given, EvidenceRoot.Resolve(given, config));
            Assert.Equal(given, EvidenceRoot.RenderFolder(given, config));
        }

        [Fact]
        public void ADotSlashAnsibleCfgAnsibleIgnoresInAWorldWritableFolderDecidesNothing()
        {
            var open = Directory.CreateDirectory(Path.Combine(_dir, "open")).FullName;
            File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.WriteAllText(Path.Combine(open, "ansible.cfg"), "[defaults]\n");
            var config = Load(open);
            Assert.NotEqual(Path.Combine(open, "ansible.cfg"), config.Path);
            Assert.Null(config.ProjectFolder);
            Assert.Equal(Path.Combine(open, ".evidence"), EvidenceRoot.Resolve(null, config));
        }
    }
}
