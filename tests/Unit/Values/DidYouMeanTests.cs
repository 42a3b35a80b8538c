using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Values
{
    public class DidYouMeanTests
    {
        [Theory]
        [InlineData("litellm_prot", "litellm_port", 1)]
        [InlineData("litellm_port", "litellm_prot", 1)]
        [InlineData("litelm_port", "litellm_port", 1)]
        [InlineData("abc", "abc", 0)]
        [InlineData("ca", "abc", 3)]
        public void CountsTranspositionsAsOneEdit(string a, string b, int distance) => Assert.Equal(distance, EditDistance.Damerau(a, b));

        [Fact]
        public void SuggestsOnlyCloseNames()
        {
            Assert.Equal("litellm_master_key", DidYouMean.Closest("litellm_mastre_key", LiteLLMVariables.Names));
            Assert.Equal("litellm_bind_host", DidYouMean.Closest("litelm_bind_host", LiteLLMVariables.Names));
            Assert.Null(DidYouMean.Closest("litellm_something_else", LiteLLMVariables.Names));
            Assert.Null(DidYouMean.Closest("litellm_port", LiteLLMVariables.Names));
        }

        [Theory]
        [InlineData("evn", "even")]        // short names: one edit
        [InlineData("usres", "users")]
        [InlineData("LITELLM_PORT", "litellm_port")] // a difference in case only comes first
        [InlineData("litellm_gorup_nmae", "litellm_group_name")] // long names: up to three edits
        public void TheLimitGrowsWithTheNameUpToThreeEdits(string typo, string meant) =>
            Assert.Equal(meant, DidYouMean.Closest(typo, new[] { "even", "users", "litellm_port", "litellm_group_name" }));

        [Theory]
        [InlineData("ab")]        // two edits from "even" on a three-letter name
        [InlineData("lt_port")]   // four edits from litellm_port
        public void FartherNamesGetNoSuggestion(string typo) =>
            Assert.Null(DidYouMean.Closest(typo, new[] { "even", "litellm_port" }));

        [Fact]
        public void TheSentenceEndsAMessage()
        {
            Assert.Equal(" Did you mean 'litellm_port'?", DidYouMean.Sentence("litellm_port"));
            Assert.Equal("", DidYouMean.Sentence(null));
        }
    }
}
