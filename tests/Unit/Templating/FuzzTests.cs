using System;
using System.Collections.Generic;
using System.Text;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>Random token soup must only ever produce output or a TemplateException (no other exception, no hang).</summary>
    public class FuzzTests
    {
        private static readonly string[] Pieces =
        {
            "{{", "}}", "{%", "%}", "{#", "#}", "-", "+", " ", "\n", "if", "endif", "for", "in", "endfor", "else", "elif", "set", "=", "x", "l", "d",
            "macro", "endmacro", "call", "endcall", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", "is", "not", "and", "or", "1", "0", "-1", "2.5",
            "'s'", "\"q\"", "'", "\"", "\\", "~", "*", "**", "/", "//", "%", "<", ">=", "==", "!=", "none", "true", "loop", "range", "raw", "endraw",
            "filter", "endfilter", "upper", "default", "join", "length", "to_nice_yaml", "to_json", "regex_replace", "defined", "block", "endblock",
            "include", "import", "extends", "super", "caller", "namespace", "ns.a", "x.y", "d['k']", "l[0]", "l[1:]", "int", "string", "sort",
        };

        [Fact]
        public void RandomTemplatesFailOnlyWithTemplateExceptions()
        {
            const int seed = 20240601;
            var random = new Random(seed);
            var env = new TemplateEnvironment();
            var vars = new PyDict { ["x"] = 3L, ["l"] = new List<object?> { 1L, "a", null }, ["d"] = new PyDict { ["k"] = "v" }, ["s"] = "str" };
            var rendered = 0;
            for (var n = 0; n < 3000; n++)
            {
                var sb = new StringBuilder();
                var count = random.Next(1, 25);
                for (var i = 0; i < count; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
                var source = sb.ToString();
                try
                {
                    env.Compile(source, "fuzz").Render(vars);
                    rendered++;
                }
                catch (TemplateException)
                {
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException("template #" + n + " of seed " + seed + " " + PyRepr.Repr(source) + " threw " + e);
                }
            }
            Assert.True(rendered > 100, rendered + " rendered (seed " + seed + ")");
        }
    }
}
