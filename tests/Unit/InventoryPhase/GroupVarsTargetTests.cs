using HxLiteLLM.InventoryPhase;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class GroupVarsTargetTests
    {
        [Fact]
        public void DefaultsToTheDirectoryFormBesideTheVault()
        {
            using var t = new TempTree();
            var target = GroupVarsTarget.Resolve(t.Folder("group_vars"), "litellm");
            Assert.Equal(t.PathOf("group_vars/litellm/main.yml"), target.Path);
            Assert.True(target.DirectoryForm);
        }

        [Fact]
        public void TakesTheFirstExistingCandidateAsAnsibleDoes()
        {
            using var t = new TempTree();
            t.Write("group_vars/litellm.yaml", "a: 1\n");
            t.Write("group_vars/litellm.json", "{}");
            Assert.Equal(t.PathOf("group_vars/litellm.yaml"), GroupVarsTarget.Resolve(t.PathOf("group_vars"), "litellm").Path);
            t.Folder("group_vars/litellm");
            var target = GroupVarsTarget.Resolve(t.PathOf("group_vars"), "litellm");
            Assert.True(target.DirectoryForm);
            Assert.Equal(t.PathOf("group_vars/litellm/main.yml"), target.Path);
            Assert.Equal(t.PathOf("group_vars/litellm/x.yml"), GroupVarsTarget.Resolve(t.PathOf("group_vars"), "litellm", "x.yml").Path);
        }

        [Fact]
        public void FileNameCreatesTheDirectoryFormButNotBesideAnExistingFile()
        {
            using var t = new TempTree();
            Assert.Equal(t.PathOf("group_vars/g/settings.yml"), GroupVarsTarget.Resolve(t.Folder("group_vars"), "g", "settings.yml").Path);
            t.Write("group_vars/g.yml", "a: 1\n");
            Assert.Equal("VarsFileShadowed", Assert.Throws<HxException>(() => GroupVarsTarget.Resolve(t.PathOf("group_vars"), "g", "x.yml")).ErrorId);
        }

        [Theory]
        [InlineData("x.txt")]
        [InlineData(".hidden.yml")]
        [InlineData("vault.yml~")]
        [InlineData("a/b.yml")]
        public void RefusesFileNamesAnsibleWouldSkip(string name)
        {
            using var t = new TempTree();
            Assert.Throws<HxException>(() => GroupVarsTarget.Resolve(t.Folder("group_vars"), "g", name));
        }

        [Fact]
        public void AVariableGoesToTheGroupsFileThatDefinesItElseToThePlainFileReadLast()
        {
            using var t = new TempTree();
            t.Write("group_vars/g/a.yml", "port: 1\n");
            t.Write("group_vars/g/m.yml", "level: INFO\n");
            t.Write("group_vars/g/vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
            t.Write("group_vars/g/zz.txt", "port: 2\n");
            var varsDirectory = t.PathOf("group_vars");
            Assert.Equal(t.PathOf("group_vars/g/a.yml"), GroupVarsTarget.ForVariable(varsDirectory, "g", "port").Path);
            Assert.Equal(t.PathOf("group_vars/g/m.yml"), GroupVarsTarget.ForVariable(varsDirectory, "g", "new_one").Path);
            Assert.Equal(t.PathOf("group_vars/h/main.yml"), GroupVarsTarget.ForVariable(varsDirectory, "h", "port").Path);
        }

        [Fact]
        public void KnowsWhichFileANewVarsDirectoryHides()
        {
            using var t = new TempTree();
            t.Write("inv/group_vars/litellm.yml", "a: 1\n");
            Assert.Equal(t.PathOf("inv/group_vars/litellm.yml"), GroupVarsTarget.FileHiddenBy(t.PathOf("inv/group_vars/litellm/vault.yml")));
            Assert.Null(GroupVarsTarget.FileHiddenBy(t.PathOf("inv/group_vars/other/vault.yml")));
            Assert.Null(GroupVarsTarget.FileHiddenBy(t.PathOf("inv/secrets/litellm/vault.yml")));
        }
    }
}
