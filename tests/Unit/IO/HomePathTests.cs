using HxLiteLLM.IO;
using Xunit;

namespace HxLiteLLM.Tests.IO
{
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class HomePathTests
    {
        [Theory]
        [InlineData("~", "/home/op", "/home/op")]
        [InlineData("~/keys/id", "/home/op/", "/home/op/keys/id")]
        [InlineData("~root/.ssh/id", "/home/op", "/root/.ssh/id")]
        [InlineData("~no-such-user-hx/x", "/home/op", "~no-such-user-hx/x")]
        [InlineData("/abs/~/x", "/home/op", "/abs/~/x")]
        [InlineData("keys/~", "/home/op", "keys/~")]
        [InlineData("~/", "/", "/")]
        public void ExpandsAsPythonsExpanduser(string path, string home, string expected) =>
            Assert.Equal(expected, HomePath.Expand(path, home));
    }
}
