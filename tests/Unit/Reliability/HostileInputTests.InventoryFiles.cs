using System.IO;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Yaml;
using Xunit;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>Inventory and vars files too big, endless or special to be read whole.</summary>
    public sealed partial class HostileInputTests
    {
        // ---- 9. inventory and vars file sizes ----

        /// <summary>A file that says it is one byte over the limit, without taking the disk space (sparse).</summary>
        private string OversizedFile(string relative)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(path, FileMode.Create)) stream.SetLength(BoundedFile.MaxInputBytes + 1);
            return path;
        }

        [Fact]
        public void InventoryAndVarsFilesOverTheSizeLimitAreRefusedBeforeTheyAreReadNamingTheFileAndTheLimit() => Attack(() =>
        {
            var limit = "at most " + BoundedFile.MaxInputBytes + " bytes (64 MiB)";
            var size = "is " + (BoundedFile.MaxInputBytes + 1) + " bytes";
            foreach (var name in new[] { "ini/hosts.ini", "yaml/hosts.yml" })
            {
                var inventory = OversizedFile(name);
                var refused = Assert.Throws<InventoryException>(() => InventoryLoader.Load(inventory));
                Assert.StartsWith(inventory + ": the file " + size, refused.Message);
                Assert.Contains(limit, refused.Message);
            }

            var hosts = Path.Combine(_dir, "vars", "hosts.ini");
            Directory.CreateDirectory(Path.GetDirectoryName(hosts)!);
            File.WriteAllText(hosts, "[litellm]\ngw1\n");
            var options = new InventoryLoadOptions { PlaybookDirectory = Path.GetDirectoryName(hosts) };
            foreach (var vars in new[] { "vars/group_vars/litellm.yml", "vars/host_vars/gw1/main.yml" })
            {
                var file = OversizedFile(vars);
                var refused = Assert.Throws<InventoryException>(() => InventoryLoader.Load(hosts, options));
                Assert.StartsWith(file + ": the file " + size, refused.Message);
                Assert.Contains(limit, refused.Message);
                File.Delete(file);
            }

            // Where a new group variable goes, and every other YAML file read whole, go through the same bound.
            var groupFile = OversizedFile("vars/group_vars/litellm.yml");
            var target = Assert.Throws<InventoryException>(() => GroupVarsTarget.ForVariable(Path.Combine(_dir, "vars", "group_vars"), "litellm", "litellm_port"));
            Assert.StartsWith(groupFile + ": the file " + size, target.Message);
            var yaml = Assert.Throws<AnsibleYamlException>(() => AnsibleYamlReader.LoadFile(groupFile));
            Assert.Contains(groupFile, yaml.Message);
            Assert.Contains(limit, yaml.Message);
            File.Delete(groupFile);
            Assert.Equal("gw1", Assert.Single(InventoryLoader.Load(hosts, options).Hosts).Name);
        });

        [Fact]
        public void DevicesAndFifosInAnInventoryAreRefusedUnreadAndAFileLongerThanItsSizeSaysStopsAtTheLimit() => Attack(() =>
        {
            var inventory = Path.Combine(_dir, "inventory");
            Directory.CreateDirectory(inventory);
            var zero = Path.Combine(inventory, "hosts");
            File.CreateSymbolicLink(zero, "/dev/zero");
            var refused = Assert.Throws<InventoryException>(() => InventoryLoader.Load(inventory));
            Assert.StartsWith(zero + ": the file is not a regular file", refused.Message);
            File.Delete(zero);

            // A FIFO blocks whoever opens it until a writer comes: it must be refused before it is opened.
            File.WriteAllText(Path.Combine(inventory, "hosts"), "[litellm]\ngw1\n");
            var fifo = Path.Combine(inventory, "group_vars", "litellm.yml");
            Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
            Assert.Equal(0, PeerProcess.Run("mkfifo", new[] { fifo }).ExitCode);
            var options = new InventoryLoadOptions { PlaybookDirectory = inventory };
            refused = Assert.Throws<InventoryException>(() => InventoryLoader.Load(inventory, options));
            Assert.StartsWith(fifo + ": the file is not a regular file", refused.Message);

            // /proc files say they are empty and are not: the read itself stops one byte past the limit.
            var endless = Assert.Throws<BoundedFile.RefusedException>(() => BoundedFile.ReadAllBytes("/proc/self/status", 64));
            Assert.Contains("grew to more than 64 bytes", endless.Message);
        });
    }
}
