using System.Collections.Generic;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// Cases for ansible-core's own filter and test plugins, per family; each renders through the real template module
    /// and ours. Random results are compared through their seed (byte-exact) or their shape.
    /// </summary>
    public static class PluginCorpus
    {
        private const string Vars = @"{
  ""host"": ""web01.example.com"", ""hosts"": [""a"", ""b"", ""c"", ""d"", ""e"", ""f""], ""u"": ""h\u00e9llo \u2713"", ""n"": 42, ""big"": 123456789012345678901234567890,
  ""d"": {""0"": ""zero"", ""b"": 2}, ""e"": """", ""s"": ""hello world"", ""z"": null
}";

        public static List<TemplateCase> All()
        {
            var cases = new List<TemplateCase>();
            void Add(string name, string template, string vars = Vars) => cases.Add(new TemplateCase(name, template, vars));
            var index = 0;
            void AddAll(string family, IEnumerable<string> expressions)
            {
                foreach (var expression in expressions) Add(family + "/" + index++, "{{ " + expression + " }}");
            }

            AddAll("random", new[]
            {
                "60 | random(seed=host)", "60 | random(seed=inventory_hostname | default('db1'))", "59 | random(seed='')", "60 | random(seed=0)", "60 | random(seed=1)",
                "60 | random(seed=-5)", "60 | random(seed=big)", "60 | random(seed=2**32)", "60 | random(seed=2**64 + 7)", "60 | random(seed=true)", "60 | random(seed=1.5)",
                "60 | random(seed=-2.25)", "60 | random(seed=1e300)", "60 | random(seed=3.0)", "60 | random(seed=u)", "1 | random(seed='x')", "100 | random(1, 10, seed='x')",
                "100 | random(start=5, step=5, seed=host)", "-100 | random(0, -3, seed=host)", "big | random(seed=host)", "2**100 | random(seed=7)", "2**32 | random(seed=7)",
                "2**33 + 1 | random(seed=7)", "(2**31) | random(seed=9)", "true | random(seed=1)", "hosts | random(seed=host)", "s | random(seed=host)", "u | random(seed=1)",
                "[1] | random(seed=1)", "(1, 2, 3) | random(seed=4)", "d | random(seed=host)", "[] | random(seed=1)", "0 | random(seed=1)", "5 | random(10, seed=1)",
                "5 | random(0, 0, seed=1)", "10 | random(step=0, seed=1)", "hosts | random(1, seed=1)", "1.5 | random(seed=1)", "z | random(seed=1)",
                "range(1000) | map('random', seed=host) | list | length", "[60 | random(seed=host), 60 | random(seed=host)] | unique | length",
                "(60 | random) < 60", "(60 | random) is integer", "hosts | random in hosts", "(10 | random(5, 2)) in [5, 7, 9]",
                "hosts | shuffle(seed=host)", "hosts | shuffle(seed=1)", "hosts | shuffle(seed=big)", "hosts | shuffle(seed=2.5)", "hosts | shuffle(seed=0) | length",
                "s | shuffle(seed='abc') | join", "d | shuffle(seed=3)", "range(50) | shuffle(seed=host)", "42 | shuffle(seed=1)", "hosts | shuffle(seed=[1])",
                "hosts | shuffle | sort", "hosts | shuffle(seed='') | sort", "[] | shuffle(seed=1)", "[1] | shuffle(seed=1)",
            });
            return cases;
        }
    }
}
