using System.Collections.Generic;
using System.IO;
using HxLiteLLM.IO;
using HxLiteLLM.Pipeline;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>A settings file someone else put in the current folder: ignored with the reason; output paths kept inside its folder.</summary>
    public sealed partial class HostileInputTests
    {
        private const string HostileSettings = "vault_password_file: ./evil.sh\njunit_path: ../../owned.xml\n";

        private string SettingsFolder(int mode)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "cwd")).FullName;
            File.WriteAllText(Path.Combine(folder, PipelineSettings.ImplicitName), HostileSettings);
            UnixPermissions.Set(folder, mode);
            return folder;
        }

        [Fact]
        public void ASettingsFileInAWorldWritableFolderIsIgnoredWithTheReason() => Attack(() =>
        {
            var folder = SettingsFolder(0x1FF);
            var warnings = new List<string>();
            var settings = PipelineSettings.FindInCurrentFolder(folder, warnings.Add);
            Assert.Null(settings.FilePath);
            Assert.Null(settings.Path("vault_password_file"));
            var warning = Assert.Single(warnings);
            Assert.Contains(Path.Combine(folder, "hxlitellm.yml"), warning);
            Assert.Contains("world-writable", warning);
            // Ansible's own rule for ./ansible.cfg is the same one.
            Assert.True(UntrustedLocation.WorldWritable(folder));

            // The same file in a folder only its owner writes is read.
            UnixPermissions.Set(folder, 0x1ED);
            warnings.Clear();
            Assert.Equal(Path.Combine(folder, "hxlitellm.yml"), PipelineSettings.FindInCurrentFolder(folder, warnings.Add).FilePath);
            Assert.Empty(warnings);
        });

        [Fact]
        public void ASettingsFileOwnedByAnotherUserIsIgnoredWithTheReason() => Attack(() =>
        {
            var folder = SettingsFolder(0x1ED);
            var file = Path.Combine(folder, PipelineSettings.ImplicitName);
            var warnings = new List<string>();
            if (PosixStat.CurrentUser() == 0)
            {
                // Root can hand the file to another user (nobody), as a shared checkout might.
                Assert.Equal(0, PeerProcess.Run("chown", new[] { "65534", file }).ExitCode);
                Assert.Null(PipelineSettings.FindInCurrentFolder(folder, warnings.Add).FilePath);
                Assert.Contains("belongs to another user (uid 65534)", Assert.Single(warnings));
            }
            else
            {
                // A file of one's own is trusted.
                Assert.Equal(file, PipelineSettings.FindInCurrentFolder(folder, warnings.Add).FilePath);
                Assert.Empty(warnings);
            }
        });

        [Theory]
        [InlineData("junit_path: ../../owned.xml\n", "junit_path")]
        [InlineData("evidence_path: /tmp/elsewhere\n", "evidence_path")]
        [InlineData("render_path: linked/.rendered\n", "render_path")]
        public void OutputPathsOfASettingsFileStayInsideItsFolder(string content, string key) => Attack(() =>
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "project")).FullName;
            Directory.CreateSymbolicLink(Path.Combine(folder, "linked"), Victim());
            var file = Path.Combine(folder, "hxlitellm.yml");
            File.WriteAllText(file, content);
            var settings = PipelineSettings.Load(file);
            var refused = Assert.Throws<HxException>(() => settings.OutputPath(key));
            Assert.Equal("SettingsPathOutside", refused.ErrorId);
            Assert.Contains("'" + key + "'", refused.Message);
            Assert.Contains("Give it on the command line", refused.Message);

            File.WriteAllText(file, key + ": out/inside\n");
            Assert.Equal(Path.Combine(folder, "out", "inside"), PipelineSettings.Load(file).OutputPath(key));
        });
    }
}
