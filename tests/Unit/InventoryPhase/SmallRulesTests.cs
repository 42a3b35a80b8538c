using System.Collections.Generic;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.InventoryPhase
{
    public class PlainVariablesTests
    {
        [Theory]
        [InlineData("litellm_port", true)]
        [InlineData("_x1", true)]
        [InlineData("my-var", false)]
        [InlineData("1abc", false)]
        [InlineData("class", false)]
        [InlineData("True", false)]
        public void KnowsValidVariableNames(string name, bool valid) => Assert.Equal(valid, PlainVariables.IsValidName(name));

        [Fact]
        public void FindsSecretsAtAnyDepthAndNamesWhere()
        {
            var key = "sk-" + new string('a', 20);
            Assert.Equal("litellm_backends.vllm.api_key", PlainVariables.FindSecret("litellm_backends", new PyDict { ["vllm"] = new PyDict { ["api_key"] = "x" } })!.Value.Where);
            Assert.Equal("models[1].token", PlainVariables.FindSecret("models", new List<object?> { new PyDict(), new PyDict { ["token"] = "t" } })!.Value.Where);
            Assert.Equal("keys[0]", PlainVariables.FindSecret("keys", new List<object?> { key })!.Value.Where);
            Assert.NotNull(PlainVariables.FindSecret("db", "postgresql://user:pw@db:5432/litellm"));
            Assert.Null(PlainVariables.FindSecret("db", "postgresql://db:5432/litellm"));
            Assert.Null(PlainVariables.FindSecret("litellm_master_key", "{{ vault_litellm_master_key }}"));
            Assert.Null(PlainVariables.FindSecret("litellm_port", 4000L));
        }
    }

    public class MasterKeyTests
    {
        [Fact]
        public void NewKeysAreSkAnd64LowercaseHexAndDiffer()
        {
            var a = new string(MasterKey.NewKeyCharacters());
            var b = new string(MasterKey.NewKeyCharacters());
            Assert.Matches("^sk-[0-9a-f]{64}$", a);
            Assert.NotEqual(a, b);
            Assert.Null(MasterKey.Problem(a));
        }

        [Theory]
        [InlineData("sk-1234")]
        [InlineData("sk-12345678901234567890")]
        [InlineData("sk-xxxxxxxxxxxxxxxxxxxxxxxx")]
        [InlineData("sk-aaaaaaaaaaaaaaaaaaaa")]
        [InlineData("sk-changeme-please-1234567")]
        [InlineData("sk-your-master-key-here-0000")]
        [InlineData("sk-short")]
        [InlineData("nosk-0123456789abcdef0123")]
        [InlineData("  ")]
        public void RejectsExampleShortAndUnprefixedKeys(string key)
        {
            var problem = MasterKey.Problem(key);
            Assert.NotNull(problem);
            if (key.Trim().Length > 0) Assert.DoesNotContain(key, problem);
        }

        [Fact]
        public void MasksKeepingOnlyPrefixAndLastFour() =>
            Assert.Equal("sk-********cdef (67 characters)", MasterKey.Mask("sk-" + new string('0', 60) + "cdef"));
    }
}
