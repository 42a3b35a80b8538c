using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>Engine behaviour that needs no peer: API, errors and positions, limits, loader confinement.</summary>
    public class TemplateEngineTests
    {
        private static PyDict Vars(params (string Key, object? Value)[] items) => new PyDict(items.Select(i => new KeyValuePair<object, object?>(i.Key, i.Value)));

        private static string Render(string source, PyDict? vars = null) => new TemplateEnvironment().Compile(source, "t.j2").Render(vars ?? new PyDict());

        [Theory]
        [InlineData("{{ 1 + 2 * 3 }}", "7")]
        [InlineData("{{ [1, 'a', none, true] }}", "[1, 'a', None, True]")]
        [InlineData("{{ none }}|{{ none | string }}", "|None")]
        [InlineData("{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % -3 }} {{ 2 ** 10 }} {{ 1 / 4 }}", "3 -4 -2 1024 0.25")]
        [InlineData("{% for x in [1, 2, 3] %}{{ loop.index }}{{ loop.revindex }}{{ loop.cycle('a', 'b') }}{% endfor %}", "13a22b31a")]
        [InlineData("{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}", "a=1")]
        [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}", "empty")]
        [InlineData("{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}", "6")]
        [InlineData("{% macro m(a, b='B') %}{{ a }}{{ b }}{% endmacro %}{{ m('A') }}", "AB")]
        [InlineData("{% filter upper %}x{{ 'y' }}{% endfilter %}", "XY")]
        [InlineData("A {%- if true -%} B {%- endif -%} C", "ABC")]
        [InlineData("{% if true %}\nX\n{% endif %}\n", "X\n")]
        [InlineData("{% raw %}{{ x }}{% endraw %}", "{{ x }}")]
        [InlineData("{{ 'a,b'.split(',') | join('+') }} {{ 'Hi'.upper() }} {{ '%s-%03d' % ('x', 7) }}", "a+b HI x-007")]
        [InlineData("{{ missing | default('d') }} {{ missing.a.b is defined }}", "d False")]
        [InlineData("{{ ['b', 'A', 'a'] | unique }} {{ ['b', 'A', 'c'] | sort }}", "['b', 'A'] ['A', 'b', 'c']")]
        [InlineData("{{ 'it\\'s a b' | quote }}", "'it'\"'\"'s a b'")]
        [InlineData("{{ 'text' | comment }}", "#\n# text\n#")]
        [InlineData("{{ {'b': 1, 'a': [1, 2]} | to_nice_json }}", "{\n    \"a\": [\n        1,\n        2\n    ],\n    \"b\": 1\n}")]
        [InlineData("{{ {'b': 'yes', 'a': [1]} | to_nice_yaml }}", "a:\n- 1\nb: 'yes'\n")]
        [InlineData("{{ 'abc123' | regex_replace('^(?P<w>[a-z]+)(\\\\d+)$', '\\\\2\\\\g<w>') }}", "123abc")]
        [InlineData("{{ '2.10' is version('2.9', '>') }} {{ 'abc' is match('b') }} {{ 'abc' is search('b') }}", "True False True")]
        public void RendersLikeJinja(string template, string expected) => Assert.Equal(expected, Render(template));

        [Theory]
        [InlineData("{{ 'a: [1, yes, 1e3, 0o17, 017]\nb: ~' | from_yaml }}", "{'a': [1, True, '1e3', '0o17', 15], 'b': None}")]
        [InlineData("{{ '' | from_yaml }} {{ [1] | from_yaml }} {{ 'k: 2024-01-01' | from_yaml | to_json }}", " [1] {\"k\": \"2024-01-01\"}")]
        [InlineData("{{ 'a: 1\n---\n- x\n---\n' | from_yaml_all }} {{ '' | from_yaml_all }}", "[{'a': 1}, ['x'], None] []")]
        [InlineData("{% set a = '2016-08-14 20:00:12' | to_datetime %}{% set b = '2015-12-25' | to_datetime('%Y-%m-%d') %}{{ a }}|{{ a - b }}|{{ (a - b).days }}|{{ (a - b).total_seconds() }}|{{ b - a }}",
            "2016-08-14 20:00:12|233 days, 20:00:12|233|20203212.0|-234 days, 3:59:48")]
        [InlineData("{% set a = '14/08/16 8:05:01.5 PM' | to_datetime('%d/%m/%y %I:%M:%S.%f %p') %}{{ a }} {{ [a] }} {{ a.year }} {{ a.strftime('%A %b %j') }} {{ [a - a] }}",
            "2016-08-14 20:05:01.500000 [datetime.datetime(2016, 8, 14, 20, 5, 1, 500000)] 2016 Sunday Aug 227 [datetime.timedelta(0)]")]
        public void ConvertsYamlAndDatesLikeAnsible(string template, string expected) => Assert.Equal(expected, Render(template));

        // Reference outputs of glibc's crypt(3) for the same password, salt and rounds.
        [Theory]
        [InlineData("{{ 'Hello world!' | password_hash('sha256', 'saltstring', rounds=5000) }}", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5")]
        [InlineData("{{ 'Hello world!' | password_hash('sha512', 'saltstring', rounds=5000) }}", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
        [InlineData("{{ 'secret' | password_hash(salt='abc', rounds=10000) }}", "$6$rounds=10000$abc$3DDOWZMNRRKDT142bUtYQRY52ycK/xshRXOQgIyt2QRXzLDnoPq6v4lO9bA3f/JhGz1mHrAh.QUDGHmaE5RxP.")]
        [InlineData("{{ 'p√ss wörd with a long password over sixty-four bytes ........................' | password_hash('sha512', './0123456789AB', rounds=5000) }}",
            "$6$./0123456789AB$eQ/.bgkVVif9r9f/fV3pXo/bkKbTNo.mlM.pwsQv1RUTNbgQMwtrauz/pNpaB7uKDpzlBt/40obkuoBu1A2G8.")]
        [InlineData("{{ '' | password_hash('sha256', 'x', rounds=5000) }}", "$5$x$yHbtfs4Y8t6X1xcJemNX.4JQRfUTafA2qQenWGLBee2")]
        public void PasswordHashIsShaCrypt(string template, string expected) => Assert.Equal(expected, Render(template));

        [Fact]
        public void PasswordHashWithoutSaltUsesAFreshRandomOne()
        {
            var first = Render("{{ 'pw' | password_hash }}");
            Assert.Matches(@"^\$6\$rounds=656000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$", first);
            Assert.NotEqual(first, Render("{{ 'pw' | password_hash }}"));
            Assert.Matches(@"^\$5\$rounds=535000\$[./0-9A-Za-z]{8}\$[./0-9A-Za-z]{43}$", Render("{{ 'pw' | password_hash('sha256', salt_size=8) }}"));
        }

        [Theory]
        [InlineData("{{ 'a: [1' | from_yaml }}")]
        [InlineData("{{ 'a: 1\n---\nb: 2' | from_yaml }}")]
        [InlineData("{{ '2016-08-14' | to_datetime }}")]
        [InlineData("{{ '2016-08-14 20:00:12Z' | to_datetime }}")]
        [InlineData("{{ '2023-02-29' | to_datetime('%Y-%m-%d') }}")]
        [InlineData("{{ '1' | to_datetime('%Q') }}")]
        [InlineData("{{ 'pw' | password_hash('sha512', 'bad salt') }}")]
        [InlineData("{{ 'pw' | password_hash('sha512', '01234567890123456') }}")]
        [InlineData("{{ 'pw' | password_hash('sha512', 'abc', rounds=10) }}")]
        [InlineData("{{ 'pw' | password_hash('blowfish') }}")]
        public void BadYamlAndDatesAreTemplateErrors(string template) => Assert.ThrowsAny<TemplateRuntimeException>(() => Render(template));

        [Fact]
        public void SyntaxErrorsCarryPositionAndExcerpt()
        {
            var e = Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().Compile("line1\n{% for x in l %}\n  {{ x + }}\n{% endfor %}", "roles/r/templates/a.j2"));
            Assert.Equal(3, e.Line);
            Assert.Equal("roles/r/templates/a.j2", e.TemplateName);
            Assert.Contains("roles/r/templates/a.j2:3:", e.Message);
            Assert.Contains("{{ x + }}", e.Excerpt);
            Assert.Contains("^", e.Excerpt);
        }

        [Fact]
        public void UnclosedBlockNamesWhatIsMissing()
        {
            var e = Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().Compile("a\n{% if x %}\nb\n", "t"));
            Assert.Contains("Jinja was looking for the following tags: 'elif' or 'else' or 'endif'", e.Reason);
            Assert.Contains("The innermost block that needs to be closed is 'if'", e.Reason);
        }

        [Theory]
        [InlineData("{% break %}", "Encountered unknown tag 'break'.")]
        [InlineData("{% do x %}", "Encountered unknown tag 'do'.")]
        public void UnknownTagsFailAtCompileTime(string template, string reason) =>
            Assert.Equal(reason, Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().Compile(template, "t")).Reason);

        [Fact]
        public void UndefinedVariableNamesLineColumnAndSuggestion()
        {
            var template = new TemplateEnvironment().Compile("users:\n{% for u in usres %}\n{% endfor %}", "t.j2");
            var e = Assert.Throws<UndefinedVariableException>(() => template.Render(Vars(("users", new List<object?>()), ("port", 1L))));
            Assert.Equal("usres", e.VariableName);
            Assert.Equal("users", e.Suggestion);
            Assert.Equal(2, e.Line);
            Assert.Equal(13, e.Column);
            Assert.Contains("'usres' is undefined (did you mean 'users'?)", e.Message);
        }

        [Fact]
        public void MissingAttributeIsAnUndefinedError()
        {
            var e = Assert.Throws<UndefinedVariableException>(() => Render("x\n{{ d.prot }}", Vars(("d", new PyDict { ["port"] = 1L }))));
            Assert.Equal("'dict object' has no attribute 'prot'", e.Reason);
            Assert.Equal("port", e.Suggestion);
            Assert.Equal(2, e.Line);
        }

        [Fact]
        public void UnknownFilterSuggestsAKnownOne()
        {
            var e = Assert.Throws<TemplateSyntaxException>(() => Render("{{ x | to_nice_ymal }}", Vars(("x", 1L))));
            Assert.Equal("No filter named 'to_nice_ymal'.", e.Reason);
            Assert.Contains("(did you mean 'to_nice_yaml'?)", e.Message);
        }

        [Theory]
        [InlineData("{{ 1 / 0 }}", "division by zero")]
        [InlineData("{{ -8 ** 0.5 }}", "a negative number to a fractional power is complex, which templates here do not support")]
        [InlineData("{{ 'a' + 1 }}", "can only concatenate str (not \"int\") to str")]
        [InlineData("{{ 'a' < 1 }}", "'<' not supported between instances of 'str' and 'int'")]
        [InlineData("{{ missing | mandatory }}", "Mandatory variable 'missing'  not defined.")]
        public void RuntimeErrorsAreTyped(string template, string reason) =>
            Assert.Equal(reason, Assert.ThrowsAny<TemplateRuntimeException>(() => Render(template)).Reason);

        [Fact]
        public void UnknownFiltersAndTestsAreKnownAtCompileTimeAndFailTheRender()
        {
            var template = new TemplateEnvironment().Compile("{% if false %}{{ x | frobnicate }}{{ x is weird }}{% endif %}{{ x | upper }}", "t");
            Assert.Equal(new[] { "frobnicate" }, template.UnknownFilters);
            Assert.Equal(new[] { "weird" }, template.UnknownTests);
            var e = Assert.Throws<TemplateSyntaxException>(() => template.Render(Vars(("x", "a"))));
            Assert.Equal("No filter named 'frobnicate'.", e.Reason);
        }

        [Fact]
        public void CompileReusesTheCompiledTemplateOfTheSameNameAndSource()
        {
            var environment = new TemplateEnvironment();
            var first = environment.Compile("{% for m in models %}{{ m }}{% endfor %}", "roles/litellm/templates/config.j2");
            Assert.Same(first, environment.Compile("{% for m in models %}{{ m }}{% endfor %}", "roles/litellm/templates/config.j2"));
            Assert.NotSame(first, environment.Compile("{% for m in models %}{{ m }}{% endfor %}", "other.j2"));
            Assert.NotSame(first, environment.Compile("{% for m in models %}{{ m }},{% endfor %}", "roles/litellm/templates/config.j2"));
            Assert.NotSame(first, new TemplateEnvironment().Compile("{% for m in models %}{{ m }}{% endfor %}", "roles/litellm/templates/config.j2"));
            var models = Vars(("models", new List<object?> { "a", "b" }));
            Assert.Equal("ab", first.Render(models));
            Assert.Equal("ab", environment.Compile("{% for m in models %}{{ m }}{% endfor %}", "roles/litellm/templates/config.j2").Render(models));
        }

        [Fact]
        public void ACachedTemplateStillReportsItsSyntaxErrorEveryTime()
        {
            var environment = new TemplateEnvironment();
            for (var i = 0; i < 2; i++) Assert.Throws<TemplateSyntaxException>(() => environment.Compile("{{ x + }}", "t"));
        }

        [Fact]
        public void RepeatedRendersOfOneTemplateAreIndependent()
        {
            // Renders share the thread's output buffer and the template's compiled form, never state.
            var template = new TemplateEnvironment().Compile("{% set n = x * 2 %}{{ n }}{% for i in range(x) %}{{ i }}{% endfor %}", "t");
            Assert.Equal("6012", template.Render(Vars(("x", 3L))));
            Assert.Equal("20", template.Render(Vars(("x", 1L))));
            Assert.Throws<UndefinedVariableException>(() => template.Render(Vars()));
            Assert.Equal("401", template.Render(Vars(("x", 2L))));
            var parallel = Enumerable.Range(1, 4).Select(x => Task.Run(() => Enumerable.Range(0, 50).Select(_ => template.Render(Vars(("x", (long)x)))).Distinct().Single())).ToArray();
            Assert.Equal(new[] { "20", "401", "6012", "80123" }, parallel.Select(t => t.Result).ToArray());
        }

        [Fact]
        public void VariablesOutsideTheValueModelAreNamedByTheirPath()
        {
            var template = new TemplateEnvironment().Compile("{{ x }}", "t");
            var nested = Vars(("x", new PyDict { ["hosts"] = new List<object?> { 1L, new PyDict { ["port"] = new Uri("http://127.0.0.1") } } }));
            var e = Assert.Throws<TemplateRuntimeException>(() => template.Render(nested));
            Assert.StartsWith("variable x['hosts'][1]['port'] is a System.Uri; templates accept only", e.Reason);
            var selfContaining = new List<object?>();
            selfContaining.Add(selfContaining);
            e = Assert.Throws<TemplateRuntimeException>(() => template.Render(Vars(("x", selfContaining))));
            Assert.StartsWith("variable x[0][0]", e.Reason);
            Assert.EndsWith("is nested too deeply (or contains itself)", e.Reason);
        }

        [Fact]
        public void FreeVariablesExcludeLocals()
        {
            var template = new TemplateEnvironment().Compile(
                "{% set a = b %}{{ a }}{% for x, y in items if x > limit %}{{ x ~ y ~ loop.index ~ outer }}{% endfor %}" +
                "{% macro m(p, q=default_q) %}{{ p ~ q ~ g }}{% endmacro %}{{ m(1) }}{{ range(3) | list }}{% set ns = namespace() %}{{ ns }}", "t");
            Assert.Equal(new[] { "b", "default_q", "g", "items", "limit", "outer" }, template.FreeVariables);
        }

        [Fact]
        public void SelfAndSuperAreNotVariables()
        {
            var template = new TemplateEnvironment().Compile("{% block t %}{{ (super is defined) | string }}{{ v }}{% endblock %}|{{ self.t() }}", "t");
            Assert.Equal(new[] { "v" }, template.FreeVariables);
            // A caller's variable named self does not hide the template's blocks, as in Jinja.
            Assert.Equal("Falsex|Falsex", template.Render(Vars(("v", "x"), ("self", "shadow"))));
        }

        [Fact]
        public void LookupsAreGlobalsNotVariables()
        {
            var template = new TemplateEnvironment().Compile("{{ lookup is defined }}{{ lookup('vars', 'x') }}{{ q('list', x) }}", "t");
            Assert.Equal(new[] { "x" }, template.FreeVariables);
            Assert.Empty(template.UnsupportedGlobals);
            Assert.Equal("True1[1]", template.Render(Vars(("x", 1L))));
            var e = Assert.Throws<TemplateRuntimeException>(() => new TemplateEnvironment().Compile("{{ lookup('nope') }}", "t").Render(Vars()));
            Assert.Equal("lookup plugin (nope) not found", e.Reason);
        }

        [Fact]
        public void CompiledTemplateRendersConcurrently()
        {
            var template = new TemplateEnvironment().Compile("{% for i in range(n) %}{{ i }}{% endfor %}|{{ name | upper }}", "t");
            var results = new string[64];
            Parallel.For(0, results.Length, i => results[i] = template.Render(Vars(("n", (long)(i % 5)), ("name", "h" + i))));
            for (var i = 0; i < results.Length; i++)
                Assert.Equal(string.Concat(Enumerable.Range(0, i % 5)) + "|H" + i, results[i]);
        }

        [Theory]
        [InlineData(5000, "(")]
        [InlineData(3000, "[")]
        [InlineData(3000, "not ")]
        [InlineData(3000, "-")]
        public void HostileNestingIsASyntaxError(int depth, string opener)
        {
            var closer = opener == "(" ? ")" : opener == "[" ? "]" : "";
            var source = "{{ " + string.Concat(Enumerable.Repeat(opener, depth)) + "1" + string.Concat(Enumerable.Repeat(closer, depth)) + " }}";
            Assert.Contains("nesting too deep", Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().Compile(source, "t")).Reason);
        }

        [Fact]
        public void DeeplyNestedBlocksAreASyntaxError()
        {
            var source = string.Concat(Enumerable.Repeat("{% if true %}", 2000)) + string.Concat(Enumerable.Repeat("{% endif %}", 2000));
            Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().Compile(source, "t"));
        }

        [Fact]
        public void EndlessMacroRecursionIsATypedError()
        {
            var e = Assert.Throws<TemplateRuntimeException>(() => Render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"));
            Assert.Contains("maximum recursion depth", e.Reason);
        }

        [Fact]
        public void SelfIncludeIsATypedError()
        {
            var dir = Directory.CreateTempSubdirectory("hx-jinja-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(dir, "loop.j2"), "x{% include 'loop.j2' %}");
                var env = new TemplateEnvironment(null, dir);
                Assert.Contains("maximum recursion depth", Assert.Throws<TemplateRuntimeException>(() => env.GetTemplate("loop.j2").Render(new PyDict())).Reason);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Theory]
        [InlineData("{{ 'x' * 100000000000 }}")]
        [InlineData("{{ range(1000000000) | list }}")]
        [InlineData("{{ 10 ** 10000000 }}")]
        [InlineData("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")]
        [InlineData("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}")]
        [InlineData("{{ 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' | regex_search('(a+)+$') }}")]
        public void ResourceExhaustionIsRefused(string template) => Assert.ThrowsAny<TemplateRuntimeException>(() => Render(template));

        [Fact]
        public void LoaderNeverLeavesItsRoot()
        {
            var dir = Directory.CreateTempSubdirectory("hx-jinja-").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(dir, "root"));
                File.WriteAllText(Path.Combine(dir, "secret.j2"), "secret");
                File.WriteAllText(Path.Combine(dir, "root", "ok.j2"), "ok");
                var env = new TemplateEnvironment(null, Path.Combine(dir, "root"));
                Assert.Equal("ok", env.Compile("{% include 'ok.j2' %}", "t").Render(new PyDict()));
                foreach (var name in new[] { "../secret.j2", "/etc/passwd", Path.Combine(dir, "secret.j2"), "sub/../../secret.j2" })
                {
                    var e = Assert.Throws<TemplateRuntimeException>(() => env.Compile("{% include '" + name + "' %}", "t").Render(new PyDict()));
                    Assert.Contains(name, e.Reason);
                }
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void OnlyTheValueModelIsAccepted()
        {
            var template = new TemplateEnvironment().Compile("{{ x }}", "t");
            var e = Assert.Throws<TemplateRuntimeException>(() => template.Render(Vars(("x", new PyDict { ["p"] = System.Diagnostics.Process.GetCurrentProcess() }))));
            Assert.Contains("x['p']", e.Message);
            Assert.Equal("3", template.Render(Vars(("x", 3L))));
        }

        [Fact]
        public void NoDotNetMembersAreReachable()
        {
            Assert.Equal("", Render("{{ s.GetType | default('') }}{{ s.__class__ | default('') }}{{ d.Count | default('') }}", Vars(("s", "x"), ("d", new PyDict()))));
        }

        [Fact]
        public void AnsibleTemplateAppliesHeaderNewlinesAndTemplateVars()
        {
            var dir = Directory.CreateTempSubdirectory("hx-jinja-").FullName;
            try
            {
                var path = Path.Combine(dir, "app.conf.j2");
                File.WriteAllText(Path.Combine(dir, "part.j2"), "part={{ v }}\n");
                File.WriteAllText(path, "#jinja2: lstrip_blocks: True\n{{ ansible_managed | comment }}\n    {% if true %}\n{% include 'part.j2' %}\n    {% endif %}\n{{ template_path | basename }}\n\n\n");
                var output = AnsibleTemplate.RenderFile(path, Vars(("v", 1L)));
                Assert.Equal("#\n# Ansible managed\n#\npart=1app.conf.j2\n\n\n", output);

                File.WriteAllText(path, "changed {{ v }}");
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
                Assert.Equal("changed 2", AnsibleTemplate.RenderFile(path, Vars(("v", 2L))));
            }
            finally { Directory.Delete(dir, true); }
        }

        [Theory]
        [InlineData("{{ lookup('pipe', 'echo ran') }}")]
        [InlineData("{{ query('lines', 'echo ran') }}")]
        [InlineData("{{ lookup('ansible.builtin.pipe', 'echo ran', errors='ignore') }}")]
        public void CommandLookupsRunOnlyWhenAllowed(string template)
        {
            var refused = Assert.ThrowsAny<TemplateException>(() => AnsibleTemplate.Render(template, Vars()));
            Assert.Contains("runs commands on this machine", refused.Message);
            Assert.Contains("-AllowCommandLookup", refused.Message);
            Assert.Contains("ran", AnsibleTemplate.Render(template.Replace(", errors='ignore'", ""), Vars(), "<template>", new TemplateOptions { AllowCommandLookups = true }));
        }

        [Fact]
        public void TemplateVariablesDescribeTheSourceFile()
        {
            var path = Path.Combine(Path.GetTempPath(), "hx-jinja-vars-" + Guid.NewGuid().ToString("N") + ".j2");
            File.WriteAllText(path, "x");
            try
            {
                var vars = AnsibleTemplate.TemplateVariables(path, "/etc/app.conf");
                Assert.Equal("Ansible managed", vars["ansible_managed"]);
                Assert.Equal(path, vars["template_path"]);
                Assert.Equal(Path.GetFullPath(path), vars["template_fullpath"]);
                Assert.Equal("/etc/app.conf", vars["template_destpath"]);
                Assert.Equal(Environment.MachineName, vars["template_host"]);
                Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$", vars["template_mtime"]!.ToString());
                Assert.Matches(@"^\d{4}-\d\d-\d\d ", vars["template_run_date"]!.ToString());
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void VariableValuesAreTemplatedLazily()
        {
            var vars = Vars(("host", "h"), ("port", 80L), ("url", "http://{{ host }}:{{ port }}"), ("ports", "{{ [port, 443] }}"), ("bad", "{{ nope }}"), ("p", "{{ port }}"));
            Assert.Equal("http://h:80 2 d True", Render("{{ url }} {{ ports | length }} {{ bad | default('d') }} {{ p is number }}", vars));
            var raw = new TemplateEnvironment(new TemplateOptions { TemplateVariableValues = false }).Compile("{{ url }}", "t").Render(vars);
            Assert.Equal("http://{{ host }}:{{ port }}", raw);
        }

        [Theory]
        [InlineData("a\n\n\n", "a\n\n\n")]
        [InlineData("a", "a")]
        [InlineData("{{ x }}\n", "x\n\n")]
        [InlineData("a\r\nb\r\n\r\n", "a\nb\n")]
        public void TrailingNewlineFixUp(string source, string expected) =>
            Assert.Equal(expected, AnsibleTemplate.Render(source, Vars(("x", "x\n\n"))));

        [Fact]
        public void NewlineSequenceAppliesToTheSourceOnly()
        {
            var output = AnsibleTemplate.Render("a\n{{ v }}\nb\n", Vars(("v", "in\nner")), "t", new TemplateOptions { NewlineSequence = "\r\n" });
            Assert.Equal("a\r\nin\nner\r\nb\r\n", output);
        }
    }
}
