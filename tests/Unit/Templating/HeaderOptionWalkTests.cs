using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Templating;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// Every option Ansible accepts in a template's <c>#jinja2:</c> first line, set to its default and to other values:
    /// ours renders exactly what ansible-core renders, or (only the options in <see cref="Refusable"/>) refuses the
    /// header with an error that names the option. It never renders something else (an ignored option would).
    /// </summary>
    public class HeaderOptionWalkTests
    {
        private static readonly string[] Options =
        {
            "block_start_string", "block_end_string", "variable_start_string", "variable_end_string", "comment_start_string",
            "comment_end_string", "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
            "newline_sequence", "keep_trailing_newline",
        };

        /// <summary>
        /// Options this engine may refuse instead of rendering: line statements and comments, autoescape, and a newline
        /// sequence other than Jinja's three (Ansible sets it past Jinja's own check).
        /// </summary>
        private static readonly string[] Refusable = { "line_statement_prefix", "line_comment_prefix", "autoescape", "newline_sequence" };

        private const string Vars = "{\"t\": true, \"l\": [1, 2], \"h\": \"<b>\", \"a\": \"{{ l | length }}\", \"b\": \"[[ l ]]\", \"c\": \"{% if t %}{{ l }}{% endif %}\"}";
        private const string Body = "{% if t %}\n  {% for i in l %}\n[{{ i }}]{# c #}\n  {% endfor %}\n{% endif %}\n";

        private static IEnumerable<(string Option, string Header, string Body)> Walk()
        {
            yield return ("block_start_string", "block_start_string: '{%'", Body);
            yield return ("block_start_string", "block_start_string: '<%'", "<% if t %}y<% endif %}\n");
            yield return ("block_end_string", "block_end_string: '%}'", Body);
            yield return ("block_end_string", "block_end_string: '%>'", "{% if t %>y{% endif %>\n");
            yield return ("block_start_string", "block_start_string: '<%', block_end_string: '%>'", "<% for i in l %>{{ i }}<% endfor %>\n{% raw %}\n");
            yield return ("variable_start_string", "variable_start_string: '{{'", Body);
            yield return ("variable_start_string", "variable_start_string: '[['", "[[ l }}{{ h }}\n");
            yield return ("variable_end_string", "variable_end_string: '}}'", Body);
            yield return ("variable_end_string", "variable_start_string: '[[', variable_end_string: ']]'", "[[ l | length ]] {{ h }}\n");
            yield return ("comment_start_string", "comment_start_string: '{#'", Body);
            yield return ("comment_start_string", "comment_start_string: '<#'", "a<# c #}b{# d #}\n");
            yield return ("comment_end_string", "comment_end_string: '#}'", Body);
            yield return ("comment_end_string", "comment_start_string: '<#', comment_end_string: '#>'", "a<# c #>b\n");
            yield return ("block_start_string", "block_start_string: '<%', block_end_string: '%>'", "<% for i in l %>{{ i }}<% endfor %>\n{% raw %}\n<%- if t -%>  x  <%- endif %>\na<%+ if t %>\n  y\n<% endif +%>\n");
            yield return ("block_start_string", "block_start_string: '<%', block_end_string: '%>'", "a\n  <% raw %>{{ l }}<% if %>\n  <%- endraw %>\nb {% raw %}\n");
            yield return ("block_start_string", "lstrip_blocks: True, block_start_string: '[%', block_end_string: '%]'", "x\n    [% if t %]\n  y\n    [% endif %]\n[# c #]\n");
            yield return ("variable_start_string", "variable_start_string: '${', variable_end_string: '}'", "${ l }${ {'a': 1} }${- l | length -} |{{ l }}\n");
            yield return ("variable_start_string", "variable_start_string: '{{', block_start_string: '{{%'", "{{% if t %}}x{{ l }}\n");
            yield return ("comment_start_string", "comment_start_string: '<!--', comment_end_string: '-->'", "a <!-- c --> b <!-- d - -->\n  <!--- e -->\n");
            yield return ("variable_end_string", "variable_start_string: '((', variable_end_string: '))'", "(( (l | length) ))((l[0]))\n");
            yield return ("variable_end_string", "variable_start_string: '[[', variable_end_string: ']]'", "[[ l }}\n");
            // Variable values are templated with the default delimiters, whatever the template's own are.
            yield return ("variable_start_string", "variable_start_string: '[[', variable_end_string: ']]', block_start_string: '<%', block_end_string: '%>'", "[[ a ]]|[[ b ]]|[[ c ]]|[[ [a, c] ]]\n");
            yield return ("comment_end_string", "comment_end_string: '!}'", "a{# never closed #}b\n");
            yield return ("line_statement_prefix", "line_statement_prefix: None", Body);
            yield return ("line_statement_prefix", "line_statement_prefix: '%'", "% for i in l\n{{ i }}\n% endfor\n");
            yield return ("line_statement_prefix", "line_statement_prefix: '#'", "# if t\nyes\n# endif\n");
            yield return ("line_comment_prefix", "line_comment_prefix: None", Body);
            yield return ("line_comment_prefix", "line_comment_prefix: '##'", "a ## gone\nb\n");
            yield return ("trim_blocks", "trim_blocks: True", Body);
            yield return ("trim_blocks", "trim_blocks: False", Body);
            yield return ("lstrip_blocks", "lstrip_blocks: True", Body);
            yield return ("lstrip_blocks", "lstrip_blocks: False", Body);
            yield return ("lstrip_blocks", "lstrip_blocks: True, trim_blocks: False", Body + "  {% raw %}x{% endraw %}\n");
            yield return ("newline_sequence", "newline_sequence: '\\n'", Body);
            yield return ("newline_sequence", "newline_sequence: '\\r\\n'", Body + "\n\n");
            yield return ("newline_sequence", "newline_sequence: '\\r'", Body);
            yield return ("newline_sequence", "newline_sequence: '\\t'", Body);
            yield return ("keep_trailing_newline", "keep_trailing_newline: True", Body + "\n");
            yield return ("keep_trailing_newline", "keep_trailing_newline: False", Body + "\n");
            yield return ("autoescape", "autoescape: True", "{{ h }}\n");
            yield return ("autoescape", "autoescape: False", "{{ h }}\n");
        }

        [PeerFact("jinja2", "ansible")]
        public void EveryHeaderOptionRendersAsAnsibleOrIsRefusedByName()
        {
            var walk = Walk().ToList();
            Assert.Empty(Options.Except(walk.Select(w => w.Option)));
            var cases = walk.Select((w, i) => new TemplateCase("header/" + i + "/" + w.Header, "#jinja2: " + w.Header + "\n" + w.Body, Vars)).ToList();
            var peer = AnsiblePeer.RenderAll(cases);
            var work = Path.Combine(Path.GetTempPath(), "hx-jinja-header-" + System.Guid.NewGuid().ToString("N"));
            var failures = new List<string>();
            try
            {
                for (var i = 0; i < cases.Count; i++)
                {
                    var expected = peer[cases[i].Name];
                    var (ok, text, error) = AnsiblePeer.RenderOurs(cases[i], work);
                    if (ok && !(expected.Ok && expected.Output == text))
                        failures.Add(cases[i].Name + ": ansible " + (expected.Ok ? "rendered " + Show(expected.Output) : "failed: " + expected.Error) + ", ours rendered " + Show(text));
                    else if (!ok && expected.Ok && !(error is TemplateSyntaxException && Refusable.Any(o => walk[i].Header.Contains(o) && text.Contains("'" + o + "'"))))
                        failures.Add(cases[i].Name + ": ansible rendered " + Show(expected.Output) + ", ours failed (only " + string.Join(", ", Refusable) + " may be refused, by name): " + text);
                }
            }
            finally
            {
                if (Directory.Exists(work)) Directory.Delete(work, true);
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [PeerFact("jinja2", "ansible")]
        public void AnIncludedFileTakesTheTemplatesDelimiters()
        {
            var files = new Dictionary<string, string> { ["inc.j2"] = "<[[ l ]]|{{ l }}|<% if t %>y<% endif %>>" };
            var cases = new List<TemplateCase>
            {
                new TemplateCase("header-include", "#jinja2: variable_start_string: '[[', variable_end_string: ']]', block_start_string: '<%', block_end_string: '%>'\n[[ 1 ]]<% include 'inc.j2' %>\n", Vars, files),
            };
            var failures = DifferentialTests.Differences(cases, "hx-jinja-header-include.txt");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        private static string Show(string s) => "\"" + s.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
    }
}
