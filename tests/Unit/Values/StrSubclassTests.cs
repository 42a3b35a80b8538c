using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Values
{
    /// <summary>A string carrying its Ansible class is, apart from type_debug and Python's messages, the plain string.</summary>
    public class StrSubclassTests
    {
        [Theory]
        [InlineData("text")]
        [InlineData("")]
        [InlineData("a")]
        public void A_marked_string_equals_hashes_and_looks_up_as_the_plain_one(string text)
        {
            var marked = StrSubclass.Create(text, StrSubclass.AnsibleUnicode);
            Assert.Equal(StrSubclass.AnsibleUnicode, StrSubclass.Of(marked));
            Assert.Null(StrSubclass.Of(text));
            Assert.Equal(text, marked);
            Assert.Equal(text.GetHashCode(), marked.GetHashCode());
            Assert.Equal(1L, new PyDict { [marked] = 1L }[text]);
            Assert.Equal(PyJson.Dumps(text), PyJson.Dumps(marked));
            var plain = StrSubclass.Plain(marked);
            Assert.Equal(text, plain);
            Assert.Null(StrSubclass.Of(plain));
        }

        [Fact]
        public void Templates_give_a_marked_value_the_plain_value_output()
        {
            const string source = "{{ v is string }} {{ v | to_json }} {{ {v: 1}[plain] }} {{ v == plain }} {{ [v, plain] | unique | length }} {{ v | upper }} {{ v[1:] }}";
            var marked = new PyDict { ["v"] = StrSubclass.Create("abc", StrSubclass.AnsibleUnicode), ["plain"] = "abc" };
            var plain = new PyDict { ["v"] = "abc", ["plain"] = "abc" };
            Assert.Equal(AnsibleTemplate.Render(source, plain), AnsibleTemplate.Render(source, marked));
            Assert.Equal("AnsibleUnicode str", AnsibleTemplate.Render("{{ v | type_debug }} {{ plain | type_debug }}", marked));
        }
    }
}
