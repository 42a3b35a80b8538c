using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>Seeded random/shuffle against values CPython 3.11's random.Random gives (the differential corpus checks many more).</summary>
    public class SeededRandomTests
    {
        [Theory]
        [InlineData("{{ 60 | random(seed='web01.example.com') }}", "38")]
        [InlineData("{{ (2 ** 100) | random(seed=2 ** 64 + 7) }}", "105155669242326479938872206521")]
        [InlineData("{{ 60 | random(seed=-2.25) }}", "59")]
        [InlineData("{{ 100 | random(5, 5, seed=0) }}", "65")]
        [InlineData("{{ 'abcdef' | random(seed='\u00e9\u2713') }}", "a")]
        [InlineData("{{ range(10) | shuffle(seed='db') | join(',') }}", "1,9,3,8,4,6,7,0,2,5")]
        public void SeededResultsAreCPythons(string template, string expected) =>
            Assert.Equal(expected, AnsibleTemplate.Render(template, new PyDict(), "random.j2", new TemplateOptions()));

        [Fact]
        public void UnseededResultsStayInRange()
        {
            for (var i = 0; i < 50; i++)
            {
                var minute = long.Parse(AnsibleTemplate.Render("{{ 60 | random }}", new PyDict(), "random.j2", new TemplateOptions()), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(minute, 0, 59);
            }
            Assert.Equal("a,b,c", AnsibleTemplate.Render("{{ ['c', 'a', 'b'] | shuffle | sort | join(',') }}", new PyDict(), "random.j2", new TemplateOptions()));
        }
    }
}
