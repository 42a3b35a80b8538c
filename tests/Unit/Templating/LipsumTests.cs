using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>lipsum() is random: ours and Jinja's (through Ansible's Templar) are compared by shape, never by bytes.</summary>
    public sealed class LipsumTests
    {
        private const string LoremWord = "[a-z]+";

        /// <summary>Template, paragraphs, html, min and max words (max exclusive, as randrange).</summary>
        private static readonly (string Template, int Paragraphs, bool Html, int Min, int Max)[] Shapes =
        {
            ("{{ lipsum() }}", 5, true, 20, 100),
            ("{{ lipsum(2, False) }}", 2, false, 20, 100),
            ("{{ lipsum(3, html=False, min=4, max=6) }}", 3, false, 4, 6),
            ("{{ lipsum(n=1, min=1, max=2) }}", 1, true, 1, 2),
            ("{{ lipsum(4, True, 30, 31) }}", 4, true, 30, 31),
        };

        private static void AssertShape(string text, int paragraphs, bool html, int min, int max)
        {
            var parts = html ? text.Split('\n') : text.Split("\n\n");
            Assert.Equal(paragraphs, parts.Length);
            foreach (var part in parts)
            {
                var paragraph = part;
                if (html)
                {
                    Assert.Matches("^<p>.*</p>$", part);
                    paragraph = part.Substring(3, part.Length - 7);
                }
                Assert.Matches("^[A-Z]", paragraph);
                Assert.EndsWith(".", paragraph);
                var words = paragraph.Split(' ');
                Assert.InRange(words.Length, min, max - 1);
                foreach (var word in words) Assert.Matches("^[A-Za-z][a-z]*,?\\.?$", word);
                // Never the same word twice in a row.
                for (var i = 1; i < words.Length; i++) Assert.NotEqual(words[i - 1].TrimEnd(',', '.').ToLowerInvariant(), words[i].TrimEnd(',', '.').ToLowerInvariant());
                // A sentence starts with a capital after a full stop.
                for (var i = 1; i < words.Length; i++) if (words[i - 1].EndsWith(".")) Assert.Matches("^[A-Z]", words[i]);
            }
        }

        [Fact]
        public void OursHasJinjasShape()
        {
            foreach (var shape in Shapes)
            {
                for (var run = 0; run < 20; run++)
                    AssertShape(AnsibleTemplate.Render(shape.Template, new PyDict()), shape.Paragraphs, shape.Html, shape.Min, shape.Max);
            }
            Assert.NotEqual(AnsibleTemplate.Render("{{ lipsum() }}", new PyDict()), AnsibleTemplate.Render("{{ lipsum() }}", new PyDict()));
        }

        [PeerFact("jinja2", "ansible")]
        public void JinjasHasTheSameShapeAndErrors()
        {
            var cases = Shapes.Select((s, i) => new TemplateCase("lipsum/" + i, s.Template)).ToList();
            cases.Add(new TemplateCase("lipsum/empty-range", "{{ lipsum(1, min=5, max=5) }}"));
            var peer = AnsiblePeer.RenderAll(cases);
            for (var i = 0; i < Shapes.Length; i++)
            {
                Assert.True(peer["lipsum/" + i].Ok, peer["lipsum/" + i].Error);
                AssertShape(peer["lipsum/" + i].Output, Shapes[i].Paragraphs, Shapes[i].Html, Shapes[i].Min, Shapes[i].Max);
            }
            Assert.False(peer["lipsum/empty-range"].Ok);
            Assert.Contains("empty range for randrange() (5, 5, 0)", peer["lipsum/empty-range"].Error);
            var e = Assert.Throws<TemplateRuntimeException>(() => AnsibleTemplate.Render("{{ lipsum(1, min=5, max=5) }}", new PyDict()));
            Assert.Contains("empty range for randrange() (5, 5, 0)", e.Message);
            // Our words are Jinja's words.
            Assert.All(Regex.Matches(AnsibleTemplate.Render("{{ lipsum(20, False, 90, 99) }}", new PyDict()), LoremWord, RegexOptions.IgnoreCase).Select(m => m.Value.ToLowerInvariant()),
                w => Assert.Contains(w, JinjaWords.Value));
        }

        /// <summary>Jinja's word list as this machine's jinja2 has it (the engine's copy must be the same).</summary>
        private static readonly System.Lazy<HashSet<string>> JinjaWords = new System.Lazy<HashSet<string>>(() =>
        {
            var result = PeerProcess.Run(Peers.Python, new[] { "-c", "from jinja2.constants import LOREM_IPSUM_WORDS; print(LOREM_IPSUM_WORDS)" });
            return new HashSet<string>(result.StdOut.Split(new[] { ' ', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
        });
    }
}
