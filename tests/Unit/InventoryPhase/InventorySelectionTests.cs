using HxLiteLLM.InventoryPhase;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class InventorySelectionTests
    {
        [Fact]
        public void NamesAMissingInventoryAndUnknownHostsOrGroupsWithTheClosestName()
        {
            using var t = new TempTree();
            var hosts = t.Write("hosts.ini", "[web]\nh1\n");
            Assert.Null(InventorySelection.MissingSource(hosts));
            Assert.Null(InventorySelection.MissingSource(t.Root));
            var missing = InventorySelection.MissingSource(t.PathOf("host.ini"))!;
            Assert.Equal("InventoryNotFound", missing.ErrorId);
            Assert.Contains("did you mean 'hosts.ini'?", missing.Message);
            Assert.DoesNotContain("did you mean", InventorySelection.MissingSource(t.PathOf("nothing/like/it"))!.Message);
            var group = InventorySelection.NotFound("group", "litelm", new[] { "all", "litellm", "web" }, hosts);
            Assert.Equal("InventoryGroupNotFound", group.ErrorId);
            Assert.EndsWith("matches 'litelm'; did you mean 'litellm'?", group.Message);
            Assert.Equal("InventoryHostNotFound", InventorySelection.NotFound("host", "zz", new[] { "h1" }, hosts).ErrorId);
        }
    }
}
