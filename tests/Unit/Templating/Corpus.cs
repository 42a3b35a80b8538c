using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>The differential corpus: hand-written cases plus combinatorial ones (filters × values, whitespace control).</summary>
    public static class Corpus
    {
        public const string Vars = @"{
  ""s"": ""hello world"", ""n"": 42, ""f"": 3.5, ""neg"": -7, ""t"": true, ""fa"": false, ""z"": null, ""e"": """",
  ""big"": 123456789012345678901234567890, ""tiny"": 0.0001, ""huge"": 1e20,
  ""l"": [3, 1, 2, 1], ""sl"": [""b"", ""A"", ""a"", ""c""], ""nested"": [[1, [2, 3]], [4], null, ""None""],
  ""d"": {""b"": 2, ""a"": 1, ""c"": {""x"": [1, 2], ""y"": null}},
  ""users"": [{""name"": ""bob"", ""admin"": true, ""age"": 30, ""grp"": ""x""}, {""name"": ""al"", ""admin"": false, ""age"": 25, ""grp"": ""Y""}, {""name"": ""cy"", ""admin"": true, ""age"": 35, ""grp"": ""X""}],
  ""u"": ""h\u00e9llo \u2713"", ""ml"": ""line1\nline2\n"", ""path"": ""/etc/nginx/conf.d/site.conf"", ""csv"": ""a,b,,c"",
  ""r"": {""zero"": 0, ""one"": 1, ""m3"": -3, ""two5"": 2.5, ""p1"": 0.1, ""k"": 1000.0, ""ab"": ""ab"", ""Ab"": ""A b"", ""l12"": [1, 2], ""l0"": [0], ""dk"": {""k"": 1}, ""s3"": ""3"", ""s15"": ""1.5""},
  ""ver"": ""2.10.3"", ""items2"": [{""key"": ""k1"", ""value"": 1}, {""key"": ""k2"", ""value"": [2]}],
  ""tricky"": [""yes"", ""on"", ""off"", ""null"", ""~"", ""123"", ""0755"", ""0x1F"", ""1:20"", ""2024-01-01"", """", ""- item"", ""*a"", ""&a"", ""@x"", ""`x`"", ""%x"", ""{x}"", ""#x"", ""!vault"", ""a: b"", ""ends:"", "" lead"", ""trail "", ""Y"", ""n"", ""it's"", ""say \""hi\"""", ""http://a:b"", ""p@ss:w0rd#1"", ""\u00e9 \u2713"", ""x\ty"", ""\ud83d\ude00"", ""1.5"", ""1e3"", "".inf"", ""True"", ""NULL"", ""<<"", ""="", ""---"", ""a # b"", ""a #b"", ""x\n\ny"", ""trailing\n"", ""\nleading"", ""back\\slash"", ""bell\u0007"", ""nbsp\u00a0x"", ""?q"", "": colon"", ""-"", ""- "", ""a,b"", ""[x]"", ""x: "", ""0o17"", ""+1"", ""-.5"", ""1_000"", ""=x"", ""~x""],
  ""long"": ""The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column of the line, then stops."",
  ""cfg"": {""server"": {""port"": 8080, ""hosts"": [""a.example"", ""b.example""], ""tls"": {""enabled"": true, ""ciphers"": []}}, ""empty"": {}, ""list_of_maps"": [{""k"": 1, ""v"": [1, 2]}, {""k"": 2, ""v"": {}}], ""Upper"": ""X"", ""_u"": 0.5, ""10"": ""ten""}
}";

        private static readonly string[] Atoms =
        {
            // Variables only: Jinja folds constant expressions at compile time and Ansible then returns the source unrendered.
            "n", "f", "neg", "s", "e", "l", "sl", "d", "t", "fa", "z", "u", "big", "tiny", "r.zero", "r.one", "r.m3", "r.two5", "r.p1", "r.k", "r.ab", "r.Ab",
            "r.l12", "r.l0", "r.dk", "r.s3", "r.s15", "users[0]", "d.c", "l[1:]", "s[::-1]", "range(r.s3 | int) | list",
        };

        private static readonly string[] BinaryOps = { "+", "-", "*", "/", "//", "%", "~", "==", "!=", "<", ">=", "and", "or", "in", "not in" };

        private static readonly string[] Postfix =
        {
            " | string", " | length", " | int", " | float", " | bool", " | list", " | first", " | last", " | upper", " | reverse", " | sort", " | unique", " | join('-')",
            " | to_json", " | abs", " | round(1)", " | default('D')", " | trim", " | title", " | sum", " | min", " | max", " | tojson", " | d(0, true)", " | type_debug",
            " | regex_replace('[ab]', 'X')", " | replace('a', '')", " | split(',')", " | center(7)", " | indent(2, true)", " | truncate(5, true, '')", " | batch(2) | list",
            " | slice(2) | list", " | map(attribute='k', default=0) | list", " | select('odd') | list", " | reject('none') | list", " | dictsort", " | combine({'z': 1})",
            " | to_nice_yaml", " | to_yaml", " | to_nice_json", " | comment", " | quote", " | b64encode", " | hash('md5')", " | ternary('T', 'F')", " | format(1)",
            " | wordwrap(3)", " | flatten", " | items", " | dict2items", " | capitalize", " | lower", " | wordcount", " | urlencode", " | string | list", " | unique | length",
            " | min(attribute='k')", " | groupby('k') | list", " | zip([1]) | list", " | product([1]) | list", " | bool | int", " | float | round(1, 'ceil')",
            " is string", " is number", " is defined", " is iterable", " is sequence", " is mapping", " is none", " is even", "[0]", "[-1]", ".upper()", ".split()", ".keys() | list",
        };

        private static readonly string[] Texts = { "a", " ", "\n", "  \n", "\t", "\n\n", "  ", "x y", "\n  ", "" };
        private static readonly string[] Signs = { "", "", "-", "+" };

        private static string Tag(System.Random random, string body, bool block)
        {
            var open = Signs[random.Next(Signs.Length)];
            var close = Signs[random.Next(Signs.Length)];
            if (!block && open == "+") open = "";
            if (!block && close == "+") close = "";
            return (block ? "{%" : "{{") + open + " " + body + " " + close + (block ? "%}" : "}}");
        }

        private static string RandomBody(System.Random random, int depth)
        {
            var sb = new System.Text.StringBuilder();
            var count = random.Next(1, depth > 1 ? 3 : 6);
            for (var i = 0; i < count; i++)
            {
                sb.Append(Texts[random.Next(Texts.Length)]);
                switch (depth > 2 ? random.Next(3) : random.Next(8))
                {
                    case 0: sb.Append(Tag(random, depth > 0 && random.Next(2) == 0 ? "loop.index | default(v | default('-'))" : "n", false)); break;
                    case 1: sb.Append("{#" + Signs[random.Next(Signs.Length)] + " c " + Signs[random.Next(Signs.Length)] + "#}"); break;
                    case 2: sb.Append(Tag(random, "set v = 1", true)); break;
                    case 3:
                    case 4:
                        sb.Append(Tag(random, "if t", true)).Append(RandomBody(random, depth + 1));
                        if (random.Next(2) == 0) sb.Append(Tag(random, "else", true)).Append(RandomBody(random, depth + 1));
                        sb.Append(Tag(random, "endif", true));
                        break;
                    case 5:
                    case 6:
                        sb.Append(Tag(random, "for i in l", true)).Append(RandomBody(random, depth + 1)).Append(Tag(random, "endfor", true));
                        break;
                    default:
                        sb.Append(Tag(random, "raw", true)).Append(Texts[random.Next(Texts.Length)]).Append("{{ x }}").Append(Tag(random, "endraw", true));
                        break;
                }
                sb.Append(Texts[random.Next(Texts.Length)]);
            }
            return sb.ToString();
        }

        private static string RandomExpression(System.Random random, int depth)
        {
            var roll = depth > 2 ? 0 : random.Next(5);
            switch (roll)
            {
                case 0:
                case 1:
                    var atom = Atoms[random.Next(Atoms.Length)];
                    return random.Next(3) == 0 ? "(" + atom + Postfix[random.Next(Postfix.Length)] + ")" : atom;
                case 2:
                    return "(" + RandomExpression(random, depth + 1) + " " + BinaryOps[random.Next(BinaryOps.Length)] + " " + RandomExpression(random, depth + 1) + ")";
                case 3:
                    return "(" + RandomExpression(random, depth + 1) + " if " + RandomExpression(random, depth + 1) + " else " + RandomExpression(random, depth + 1) + ")";
                default:
                    return "(" + (random.Next(2) == 0 ? "not " : "-") + RandomExpression(random, depth + 1) + ")";
            }
        }

        public static List<TemplateCase> All()
        {
            var cases = new List<TemplateCase>();
            void Add(string name, string template, string vars = Vars, Dictionary<string, string>? files = null) => cases.Add(new TemplateCase(name, template, vars, files));

            // Printing every value type.
            var printables = new[]
            {
                "s", "n", "f", "neg", "t", "fa", "z", "e", "big", "tiny", "huge", "l", "sl", "nested", "d", "users", "u", "ml", "tricky", "cfg",
                "1.0", "0.1", "1e20", "1e-7", "10**20", "2**-1", "(1, 2)", "('a',)", "()", "none", "None", "True", "[none, true, \"it's\"]", "{'a': none}",
                "7 // 2", "-7 // 2", "7 % -3", "-7 % 3", "7.5 // 2", "2 ** 10", "1 / 3", "10 / 2", "3 * 'ab'", "[1] * 3", "'a' ~ 1 ~ none", "1 + 2.5",
                "0.1 + 0.2", "1e16", "123456789.123", "-0.0", "'%s=%d' % ('x', 3)", "'%05.1f|%-4s|%x' % (3.14159, 'a', 255)", "'{}-{:>5}-{:.2f}'.format('a', 'b', 2.5)",
                "'{0}{1}{0}'.format('a', 'b')", "'{x}'.format(x=1)", "'%(a)s' % {'a': 1}", "d.items()", "d.keys()", "d.values()", "d.get('a')", "d.get('q', 'dflt')",
                "'a,b'.split(',')", "'  x  '.strip()", "'abc'.upper()", "'Hello World'.lower()", "'x'.join(['1','2'])", "'abc'.startswith('a')", "'abc'.endswith(('x','c'))",
                "'a-b-c'.replace('-', '+', 1)", "'hello'.count('l')", "'hello'.find('l')", "'hello'.index('e')", "'hello world'.title()", "'hELLO'.capitalize()",
                "'a\\nb\\n'.splitlines()", "'123'.isdigit()", "'a b  c'.split()", "'a b c'.rsplit(' ', 1)", "s[0]", "s[-1]", "s[1:4]", "s[::-1]", "l[1:]", "l[::2]",
                "d['c']['x'][1]", "d.c.x.0", "users[0].name", "cfg['10']", "'\\x41\\u00e9\\t|'", "\"dq 'single'\"", "'sq \"double\"'", "'a' 'b'", "1_000", "0x1F", "0o17", "0b101",
                "1 < 2 < 3", "3 > 2 > 2", "1 == 1.0", "'5' == 5", "'a' in 'abc'", "2 not in l", "'a' in d", "not t", "t and 'x'", "fa or 'y'", "z or 'none'",
                "'yes' if t else 'no'", "'yes' if fa", "l | length > 3", "-n | abs", "-(n)", "+f", "(1, 2) == (1, 2)", "[1, 2] < [1, 3]", "'B' < 'a'",
                "range(3) | list", "range(1, 10, 3) | list", "dict(a=1, b=2)", "namespace is defined",
            };
            var i = 0;
            foreach (var p in printables) Add("print/" + i++, "{{ " + p + " }}");

            // Filters × values.
            var filterValues = new[] { "s", "n", "f", "l", "sl", "d", "u", "e", "z", "t", "tricky", "users", "ml", "neg", "'3.7'", "'0x1A'", "'12abc'", "'  pad  '", "nested" };
            var filters = new[]
            {
                "lower", "upper", "length", "first", "last", "list", "sort", "unique", "reverse", "string", "int", "float", "bool", "to_json", "to_nice_json",
                "to_yaml", "to_nice_yaml", "trim", "capitalize", "title", "wordcount", "b64encode", "quote", "comment", "abs", "sum", "min", "max", "dictsort",
                "dict2items", "flatten", "hash('sha256')", "basename", "dirname", "splitext", "center(20)", "indent(2)", "indent(2, true)", "truncate(12)", "join(',')",
                "default('D')", "d('D', true)", "regex_escape", "striptags", "escape", "urlencode", "wordwrap(10)", "batch(2) | list", "slice(2) | list",
                "map('string') | list", "select | list", "reject | list", "items", "round", "round(1, 'floor')", "filesizeformat", "to_uuid", "md5", "checksum",
                "type_debug", "ternary('Y', 'N')", "format", "replace('l', 'L')", "split(',')", "regex_replace('[aeiou]', '_')", "regex_findall('\\\\w+')",
                "regex_search('l+')", "to_nice_yaml(indent=2)", "to_yaml(indent=4)", "to_nice_json(indent=2)", "to_json(sort_keys=true)", "tojson", "pprint",
                "sort(reverse=true)", "unique(case_sensitive=true)", "min(attribute='age')", "selectattr('admin') | map(attribute='name') | list",
                "groupby('grp') | list", "sum(attribute='age')", "sort(attribute='age') | map(attribute='name') | join(',')", "items2dict", "zip([1, 2]) | list",
                "combine({'z': 1})", "product([1]) | list", "capitalize | center(9)", "list | reverse | first",
            };
            foreach (var f in filters)
                foreach (var v in filterValues)
                    Add("filter/" + f + "/" + v, "{{ " + v + " | " + f + " }}");

            // Tests × values.
            var tests = new[]
            {
                "defined", "undefined", "none", "string", "number", "integer", "float", "boolean", "mapping", "sequence", "iterable", "even", "odd", "divisibleby 3",
                "lower", "upper", "truthy", "falsy", "in [1, 42, 'hello world']", "contains 1", "match('h')", "search('o w')", "regex('^h.*d$')", "eq 42", "ne 42",
                "lt 50", "gt 50", "== 42", "sameas true", "subset([1, 2, 3])", "superset([1])", "callable", "true", "false",
            };
            var testValues = new[] { "s", "n", "f", "l", "d", "t", "z", "missing", "e" };
            foreach (var t in tests)
                foreach (var v in testValues)
                    Add("test/" + t + "/" + v, "{{ " + v + " is " + t + " }}|{{ " + v + " is not " + t + " }}");
            Add("test/version", "{{ ver is version('2.9', '>') }} {{ ver is version('2.10.3', '==') }} {{ '1.0.0-rc1' is version('1.0.0', '<', version_type='semver') }} {{ ver is version_compare('3', 'lt') }} {{ '1.2' is version('1.10', 'lt', strict=true) }}");

            // Whitespace control permutations around block, comment and print tags.
            var signs = new[] { "", "-", "+" };
            foreach (var open in signs)
                foreach (var close in signs)
                {
                    Add("ws/if/" + open + "/" + close, "A  \n  {%" + open + " if t " + close + "%}  \n  B\n  {%" + open + " endif " + close + "%}\n  C\n");
                    Add("ws/for/" + open + "/" + close, "x:\n    {%" + open + " for i in l " + close + "%}\n      item={{ i }}\n    {%" + open + " endfor " + close + "%}\nend");
                    Add("ws/comment/" + open + "/" + close, "a \n  {#" + open + " note " + close + "#}\n b");
                    if (open != "+" && close != "+") Add("ws/print/" + open + "/" + close, "a \n  {{" + open + " n " + close + "}}\n b");
                }
            Add("ws/lstrip-header", "#jinja2: lstrip_blocks: True, trim_blocks: False\n  {% if t %}\n  yes\n  {% endif %}\n");
            Add("ws/lstrip-plus", "#jinja2: lstrip_blocks: True\n  {%+ if t %}\n  yes\n    {% endif %}\n  {# c #}\nend\n");
            Add("ws/trim-off", "#jinja2: trim_blocks: False\n{% if t %}\nyes\n{% endif %}\n");
            Add("ws/keep-newline", "#jinja2: keep_trailing_newline: True\nx\n");
            Add("ws/header-crlf", "#jinja2: newline_sequence:'\\r\\n'\na\n{% if t %}\nb\n{% endif %}\n\n");
            Add("ws/header-cr", "#jinja2: newline_sequence: \"\\r\", trim_blocks: False\na\n{{ ml }}\n");
            Add("ws/header-spaces", "#jinja2:   trim_blocks :  False ,lstrip_blocks:True\n  {% if t %}\nx\n");
            Add("ws/header-bad-value", "#jinja2: trim_blocks: yes\nx\n");
            Add("ws/header-no-colon", "#jinja2: trim_blocks\nx\n");
            Add("ws/header-unknown-key", "#jinja2: frobnicate: 1\nx\n");
            Add("loop/target-named-loop", "a\n{% for loop in l %}{{ loop }}{% endfor %}");
            Add("loop/tuple-target-named-loop", "{% for k, loop in d | dictsort %}{{ k }}{% endfor %}");
            Add("loop/set-loop-inside", "{% for i in l %}\n{% set loop = i %}{{ i }}{% endfor %}");
            Add("loop/set-loop-outside", "{% set loop = 1 %}{{ loop }}{% for i in l %}{{ loop.index }}{% endfor %}");
            Add("attr/int-int", "{{ nested.0.1.0 }} {{ nested.0.0 }} {{ cfg.server.hosts.1 }}");
            Add("attr/int-exponent", "{{ nested.0.1 }}");
            Add("ws/lstrip-endraw", "#jinja2: lstrip_blocks: True\n  {% raw %}\n  {{ x }}\n    {% endraw %}\nend\n  {% raw %}a  {% endraw %}|  {%+ raw %}b\n  {%+ endraw %}|{% raw %}c\n  {%- endraw %}\n");
            // JSON text from to_json stays text in a variable (only Python-literal-looking results become data).
            Add("literal/json-text-stays-text", "{{ foo is mapping }} {{ foo.x is none }} {{ foo.t is sameas true }} {{ bar is sequence and bar is not string }} {{ bar[1] is none }}",
                "{\"d\": {\"x\": null, \"t\": true}, \"foo\": \"{{ d | to_json }}\", \"bar\": \"{{ [false, none] | to_json }}\"}");
            Add("literal/lowercase-none-stays-text", "{{ foo is string }} {{ foo }}", "{\"foo\": \"{{ '{' }}'a': none}\"}");
            Add("literal/python-literal-becomes-data", "{{ foo is mapping }} {{ foo.a }} {{ bar is sequence and bar is not string }} {{ bar[1] is none }}",
                "{\"foo\": \"{{ '{' }}'a': [1, None]}\", \"bar\": \"[{{ 1 }}, None]\"}");
            Add("undefined/deep-default", "{{ foo | default('x') }} {{ nope.a.b | default('y') }} {{ a.nope.c | default('z') }} {{ a.b.c.d | default('w') }}",
                "{\"a\": {\"b\": 1}, \"foo\": \"{{ a.nope.deeper }}\"}");
            Add("filter/xmlattr", "<a{{ {'href': s, 'class': 'x<y', 'n': n, 'z': z, 't': t} | xmlattr }}>|{{ {'k': 1} | xmlattr(false) }}|{{ {} | xmlattr }}|{{ {'u': u} | xmlattr }}");
            Add("ws/lstrip-endraw-trim-off", "#jinja2: lstrip_blocks: True, trim_blocks: False\n  {% raw %}\n  x\n  {% endraw %}\ny\n");
            Add("ws/header-only", "#jinja2: trim_blocks: False\n");
            Add("ws/not-header", " #jinja2: trim_blocks: False\n{% if t %}\nx{% endif %}\n");
            Add("ws/inline", "A {%- if true -%} B {%- endif -%} C");
            Add("ws/raw", "{% raw %}\n{{ not parsed }} {% if %}\n{% endraw %}\nafter");
            Add("ws/raw-minus", "a  {%- raw -%}  {{ x }}  {%- endraw -%}  b");
            Add("ws/crlf", "a\r\n{% if t %}\r\nb\r\n{% endif %}\r\nc\r\n\r\n");
            Add("ws/cr", "a\r{{ n }}\rb\r");

            // Trailing newline fix-up.
            foreach (var tail in new[] { "", "\n", "\n\n", "\n\n\n" })
            {
                Add("nl/plain/" + tail.Length, "a" + tail);
                Add("nl/value/" + tail.Length, "{{ ml }}" + tail);
                Add("nl/block/" + tail.Length, "{% if t %}x{% endif %}" + tail);
                Add("nl/set/" + tail.Length, "{% set v = 'q\\n\\n' %}{{ v }}" + tail);
            }

            // Loops.
            Add("loop/vars", "{% for x in l %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }}/{{ loop.depth }}/{{ loop.cycle('a','b') }};{% endfor %}");
            Add("loop/prev-next", "{% for x in l %}[{{ loop.previtem | default('-') }}<{{ x }}>{{ loop.nextitem | default('-') }}]{% endfor %}");
            Add("loop/else", "{% for x in [] %}x{% else %}empty{% endfor %}");
            Add("loop/filter", "{% for x in l if x > 1 %}{{ x }}:{{ loop.length }} {% endfor %}");
            Add("loop/unpack", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}");
            Add("loop/dict", "{% for k in d %}{{ k }}{% endfor %}");
            Add("loop/string", "{% for c in 'abc' %}{{ c }}-{% endfor %}");
            Add("loop/recursive", "{% for item in [{'n': 1, 'c': [{'n': 2, 'c': [{'n': 3, 'c': []}]}]}] recursive %}{{ item.n }}@{{ loop.depth }}({{ loop(item.c) }}){% endfor %}");
            Add("loop/scope", "{% set x = 1 %}{% for i in l %}{% set x = i %}{% endfor %}{{ x }}");
            Add("loop/namespace", "{% set ns = namespace(total=0) %}{% for i in l %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}");
            Add("loop/nested", "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }}{{ loop.index }}{% endfor %}|{{ loop.index }} {% endfor %}");
            Add("loop/changed", "{% for u in users | sort(attribute='grp') %}{% if loop.changed(u.grp) %}[{{ u.grp }}]{% endif %}{{ u.name }}{% endfor %}");
            Add("loop/groupby", "{% for g, members in users | groupby('grp') %}{{ g }}:{{ members | map(attribute='name') | join(',') }};{% endfor %}");
            Add("loop/groupby-attr", "{% for grp in users | groupby('grp', case_sensitive=true) %}{{ grp.grouper }}={{ grp.list | length }};{% endfor %}");
            Add("loop/dictsort", "{% for k, v in d | dictsort %}{{ k }}{% endfor %}{% for k, v in d | dictsort(by='value', reverse=true) if v is number %}{{ k }}{% endfor %}");
            Add("loop/range", "{% for i in range(2, 11, 4) %}{{ i }}{% endfor %}");
            Add("loop/indented", "users:\n  {% for u in users %}\n  - {{ u.name }}\n  {% endfor %}\n");

            // Set, macros, call, filter blocks, with.
            Add("set/tuple", "{% set a, b = 1, 2 %}{{ a }}{{ b }}");
            Add("set/block", "{% set body %}\nX {{ n }}\n{% endset %}[{{ body }}]");
            Add("set/block-filter", "{% set body | upper %}abc{% endset %}{{ body }}");
            Add("macro/basic", "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('bob') }} {{ greet('al', punct='?') }}");
            Add("macro/varargs", "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k=4) }}");
            Add("macro/caller", "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('b') %}inner {{ n }}{% endcall %}");
            Add("macro/caller-args", "{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(v) each(l) %}<{{ v }}>{% endcall %}");
            Add("macro/recursion", "{% macro fact(k) %}{% if k <= 1 %}1{% else %}{{ k * (fact(k - 1) | int) }}{% endif %}{% endmacro %}{{ fact(6) }}");
            Add("macro/too-many-args", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}");
            Add("macro/attrs", "{% macro m(a, b=2) %}{% endmacro %}{{ m.name }} {{ m.arguments }}");
            Add("filter/block", "{% filter upper %}shout {{ s }}{% endfilter %}");
            Add("filter/block-chain", "{% filter replace('a', 'b') | upper %}banana{% endfilter %}");
            Add("with/basic", "{% with a = 1, b = n %}{{ a + b }}{% endwith %}");
            Add("print/stmt", "{% print s, n %}");

            // Include, import, extends.
            var lib = new Dictionary<string, string>
            {
                ["inc.j2"] = "inc:{{ n }}:{{ local | default('nolocal') }}\n",
                ["macros.j2"] = "{% macro hello(who) %}Hello {{ who }}!{% endmacro %}{% set version = 3 %}",
                ["base.j2"] = "<{% block head %}H{% endblock %}|{% block body %}B{% endblock %}>\n",
                ["child.j2"] = "{% extends 'base.j2' %}{% block body %}child+{{ super() }}+{{ n }}{% endblock %}",
                ["sub/deep.j2"] = "deep {{ s }}",
                ["ctx.j2"] = "{{ n | default('no n') }}",
            };
            Add("inc/basic", "a {% include 'inc.j2' %} b", Vars, lib);
            Add("inc/loop-local", "{% for local in [1, 2] %}{% include 'inc.j2' %}{% endfor %}", Vars, lib);
            Add("inc/subdir", "{% include 'sub/deep.j2' %}", Vars, lib);
            Add("inc/missing", "{% include 'nope.j2' %}", Vars, lib);
            Add("inc/ignore-missing", "[{% include 'nope.j2' ignore missing %}]", Vars, lib);
            Add("inc/list", "{% include ['nope.j2', 'inc.j2'] %}", Vars, lib);
            Add("inc/without-context", "{% include 'ctx.j2' without context %}", Vars, lib);
            Add("import/as", "{% import 'macros.j2' as m %}{{ m.hello('x') }} v{{ m.version }}", Vars, lib);
            Add("import/from", "{% from 'macros.j2' import hello as hi, version %}{{ hi('y') }}{{ version }}", Vars, lib);
            Add("import/context", "{% from 'ctx.j2' import nothing %}", Vars, lib);
            Add("extends/basic", "{% extends 'child.j2' %}{% block head %}HH{{ super() }}{% endblock %}", Vars, lib);
            Add("extends/direct", "{% extends 'base.j2' %}ignored{% block head %}X{% endblock %}", Vars, lib);
            Add("inc/escape-root", "{% include '../etc/passwd' %}", Vars, lib);

            // Undefined handling.
            Add("undef/default-chain", "{{ missing.a.b | default('x') }} {{ missing is defined }} {{ d.nope is defined }} {{ l[10] is defined }} {{ missing.a is undefined }}");
            Add("undef/none-default", "[{{ z | default('x') }}][{{ z | d('x', true) }}][{{ e | default('x', true) }}][{{ z | string }}]");
            Add("undef/print", "{{ missing }}");
            Add("undef/attr", "{{ d.nope }}");
            Add("undef/index", "{{ l[10] }}");
            Add("undef/plus", "{{ missing + 1 }}");
            Add("undef/concat", "{{ 'a' ~ missing }}");
            Add("undef/if", "{% if missing %}x{% endif %}");
            Add("undef/for", "{% for x in missing %}{% endfor %}");
            Add("undef/length", "{{ missing | length }}");
            Add("undef/mandatory", "{{ missing | mandatory }}");
            Add("undef/mandatory-msg", "{{ missing | mandatory('set it') }}");
            Add("undef/in-list", "{{ [missing] }}");
            Add("undef/line3", "a\nb\n{{ c.d }} {{ nope }}");
            Add("undef/ternary-none", "{{ z | ternary('t', 'f', 'n') }} {{ t | ternary('t', 'f') }}");
            Add("undef/cond-no-else", "{{ 'x' if fa }}");

            // Errors (both must fail).
            foreach (var bad in new[]
            {
                "{% if t %}x", "{% for x in l %}", "{{ x", "{{ 1 + }}", "{% endif %}", "{% break %}", "{% do l.append(1) %}", "{{ s | nofilter }}", "{{ s is notatest }}",
                "{% if t %}{% endfor %}", "{{ 'unterminated }}", "{# open comment", "{{ (1, 2 }}", "{{ [1, 2) }}", "{% set 1 = 2 %}", "{% macro m(a=1, b) %}{% endmacro %}",
                "{{ 1 / 0 }}", "{{ 1 // 0 }}", "{{ 'a' + 1 }}", "{{ 1 + 'a' }}", "{{ n() }}", "{{ 'a' < 1 }}", "{{ none.x.y }}", "{{ {'a': 1}['b'] }}", "{% extends 'x' %}{% extends 'y' %}",
                "{{ 'abc' | int(base=99) }}", "{{ [1] | b64decode }}", "{{ '%d' % 'x' }}", "{{ l | map('nofilter') | list }}", "{% raw %}never closed", "{{ 1 is }}", "{% set %}",
            })
                Add("error/" + i++, bad);

            // to_yaml / to_nice_yaml / to_json on nested structures with tricky strings.
            foreach (var v in new[] { "cfg", "tricky", "users", "d", "nested", "long", "[long, long ~ ' ' ~ long]", "{'k': long}", "ml", "{'ml': ml, 'x': [ml]}", "[[]]", "[{}]", "{'a': [[1, 2], [3]]}", "{'a': {'b': {'c': 1}}}", "[[[1]]]", "[{'a': 1, 'b': [1, {'c': 2}]}]", "{1: 'int key', 'b': 2}", "{'k': 1.5, 'n': none, 't': true, 'big': big, 'f': 1e20}" })
            {
                Add("yaml/nice/" + v, "{{ " + v + " | to_nice_yaml }}");
                Add("yaml/flow/" + v, "{{ " + v + " | to_yaml }}");
                Add("yaml/nice2/" + v, "{{ " + v + " | to_nice_yaml(indent=2) }}");
                Add("json/nice/" + v, "{{ " + v + " | to_nice_json }}");
                Add("json/one/" + v, "{{ " + v + " | to_json }}");
                Add("pprint/" + v, "{{ " + v + " | pprint }}");
            }
            foreach (var t in Enumerable.Range(0, 71))
            {
                Add("yaml/tricky/" + t, "{{ tricky[" + t + "] | to_nice_yaml }}{{ {'k': tricky[" + t + "]} | to_nice_yaml }}{{ [tricky[" + t + "]] | to_yaml }}");
            }

            // YAML edge cases: folding, flow wrapping, complex keys, odd scalars.
            var yamlEdge = new[]
            {
                "range(40) | list", "{'k': range(40) | list}", "[long ~ long]", "{'k': 'word ' * 30}", "{'k': 'a  b ' * 30}", "'x' * 100", "{'x' * 130: 1}", "{'x' * 120: 1}",
                "{'': 1}", "{true: 2, 1.5: 3, 7: 4}", "['a\rb', 'a\x85b', 'a\u2028b', 'tab\there ' * 12]", "{'k': 'line one\nline two has a rather long text that will need folding at some point ' * 2}",
                "[[long]]", "{'a': {'b': [long, {'c': long}]}}", "['x\n', '\n', ' \n ', 'a\n\nb\n\n', '#', 'a:', 'a:b', '-a', '?', ':', '!', '|', '>', '%']",
                "{'nested': [[1, 2], [3, [4, 5]]], 'e': [], 'd': {}}", "['\ufeffbom', '\u00e9', '\x00', '\x1f', '\x7f', 'é' * 50 ~ ' ' ~ 'é' * 50]", "[1.0, 0.5, -1e-10, 1e100, 123456789.0]",
                "'0.1'", "'1e10'", "'.5'", "'1_0'", "'0b1'", "'+.inf'", "'-'", "'2001-12-14t21:59:43.10-05:00'", "'12:30:45'", "'y'", "'~a'",
            };
            foreach (var v in yamlEdge)
            {
                Add("yaml/edge/nice/" + v, "{{ " + v + " | to_nice_yaml }}");
                Add("yaml/edge/flow/" + v, "{{ " + v + " | to_yaml }}");
                Add("yaml/edge/nice2/" + v, "{{ " + v + " | to_nice_yaml(indent=2, width=40) }}");
                Add("yaml/edge/explicit/" + v, "{{ " + v + " | to_nice_yaml(explicit_start=true, explicit_end=true) }}|{{ " + v + " | to_yaml(explicit_start=true) }}");
            }

            // Ansible filters with arguments.
            Add("ans/combine", "{{ d | combine({'c': {'z': 1}}) }} {{ d | combine({'c': {'z': 1}}, recursive=true) }} {{ {'a': [1]} | combine({'a': [2]}, list_merge='append') }} {{ [{'a': 1}, {'b': 2}] | combine }}");
            Add("ans/combine-rp", "{{ {'a': [1, 2]} | combine({'a': [2, 3]}, list_merge='append_rp') }} {{ {'a': [1, 2]} | combine({'a': [2, 3]}, list_merge='prepend_rp') }} {{ {'a': [1]} | combine({'a': [2]}, list_merge='keep') }}");
            Add("ans/comment-styles", "{{ 'a\\nb' | comment('c') }}\n{{ 'x' | comment('xml') }}\n{{ 'x' | comment('cblock') }}\n{{ 'x' | comment('erlang') }}\n{{ 'x' | comment(decoration='; ') }}\n{{ ansible_managed | default('Ansible managed') | comment }}");
            Add("ans/regex", "{{ 'abc123' | regex_replace('^(\\\\w)\\\\w*?(\\\\d+)$', '\\\\2-\\\\1') }} {{ 'ABC' | regex_replace('(?i)b', 'x') }} {{ 'k=v' | regex_replace('(?P<k>\\\\w)=(?P<v>\\\\w)', '\\\\g<v>=\\\\g<k>') }} {{ 'a1b22' | regex_findall('\\\\d+') }} {{ 'x=1,y=2' | regex_findall('(\\\\w)=(\\\\d)') }} {{ 'foo bar' | regex_search('(o+) (b)', '\\\\1', '\\\\2') }} {{ 'nope' | regex_search('z') }}");
            Add("ans/regex-flags", "{{ 'A\\nb' | regex_replace('^b', 'B', multiline=true) }} {{ 'Ab' | regex_search('a', ignorecase=true) }}");
            Add("ans/bool", "{% for v in ['yes', 'on', 'True', '1', 'y', 'foo', 0, 1, 'no', none, true] %}{{ v | bool }},{% endfor %}");
            Add("ans/int", "{{ 'abc' | int }} {{ '1.9' | int }} {{ '0x1A' | int(base=16) }} {{ ' 42 ' | int }} {{ 3.99 | int }} {{ true | int }} {{ 'x' | int(7) }} {{ '1_000' | int }}");
            Add("ans/float", "{{ '3.5' | float }} {{ 'x' | float }} {{ 2 | float }} {{ '1e3' | float }} {{ ' 2.5 ' | float }}");
            Add("ans/quote", "{{ \"it's a b\" | quote }} {{ 'plain' | quote }} {{ '' | quote }} {{ 'a b' | quote }}");
            Add("ans/b64", "{{ 'héllo' | b64encode }} {{ 'aMOpbGxv' | b64decode }}");
            Add("ans/paths", "{{ path | basename }} {{ path | dirname }} {{ path | splitext }} {{ '/' | dirname }} {{ '.bashrc' | splitext }} {{ 'a.tar.gz' | splitext }}");
            Add("ans/hash", "{{ 'x' | hash('md5') }} {{ 'x' | hash('sha1') }} {{ 'x' | hash('sha512') }} {{ 'x' | to_uuid }}");
            Add("ans/flatten", "{{ nested | flatten }} {{ nested | flatten(levels=1) }} {{ nested | flatten(skip_nulls=false) }}");
            Add("ans/zip", "{{ [1, 2, 3] | zip(['a', 'b']) | list }} {{ [1, 2, 3] | zip_longest(['a'], fillvalue='-') | list }}");
            Add("ans/items2dict", "{{ items2 | items2dict }} {{ d | dict2items(key_name='k', value_name='v') }}");
            Add("ans/split", "{{ csv | split(',') }} {{ 'a b' | split }}");
            Add("ans/sets", "{{ [1, 2, 2] | union([2, 3]) }} {{ [1, 2, 2] | intersect([2, 3]) }} {{ [1, 2, 2] | difference([2, 3]) }} {{ [1, 2] | symmetric_difference([2, 3]) }}");
            Add("ans/extract", "{{ [0, 2] | map('extract', ['a', 'b', 'c']) | list }} {{ ['a'] | map('extract', d) | list }}");
            Add("ans/from_json", "{{ '{\"a\": [1, 2.5, null, true], \"b\": \"\\\\u00e9\"}' | from_json }}");
            // from_yaml / from_yaml_all (PyYAML safe load, YAML 1.1 typing) and to_datetime (strptime, datetime, timedelta).
            Add("ans/from_yaml", "{{ ('a: 1\\nb: [x, yes, 1e3, 1.5e3, 0o17, 017, 0x1F, 1_000, ~, \"q\"]\\nc:\\n  d: {e: f}' ~ e) | from_yaml }}|{{ d | from_yaml }}|{{ e | from_yaml }}|{{ ('{\"j\": [1, 2.5, null]}' ~ e) | from_yaml }}");
            Add("ans/from_yaml-anchors", "{{ ('base: &b {x: 1, y: 2}\\nover:\\n  <<: *b\\n  y: 3\\nlist: [*b]' ~ e) | from_yaml }}");
            // A YAML date prints and converts to JSON like Python's date; to_yaml would quote it (the value model keeps dates as text).
            Add("ans/from_yaml-date-json", "{{ ('when: 2024-01-01' ~ e) | from_yaml | to_json }} {{ (('when: 2024-01-01' ~ e) | from_yaml).when }}");
            Add("ans/from_yaml-error", "{{ ('a: [1, 2' ~ e) | from_yaml }}");
            Add("ans/from_yaml-two-documents", "{{ ('a: 1\\n---\\nb: 2' ~ e) | from_yaml }}");
            Add("ans/from_yaml_all", "{{ ('a: 1\\n---\\n- x\\n- 2\\n---\\n' ~ e) | from_yaml_all }}|{{ e | from_yaml_all }}|{{ ('--- 5\\n--- six' ~ e) | from_yaml_all | map('string') | join(',') }}|{{ l | from_yaml_all }}");
            Add("ans/from_yaml_all-error", "{{ ('a: 1\\n---\\n[' ~ e) | from_yaml_all }}");
            Add("ans/to_datetime", "{% set a = ('2016-08-14 20:00:12' ~ e) | to_datetime %}{% set b = ('2015-12-25' ~ e) | to_datetime('%Y-%m-%d') %}" +
                "{{ a }}|{{ b }}|{{ a - b }}|{{ b - a }}|{{ (a - b).days }}|{{ (a - b).seconds }}|{{ (a - b).total_seconds() }}|{{ (b - a).days }} {{ (b - a).seconds }}|" +
                "{{ a.year }}-{{ a.month }}-{{ a.day }} {{ a.hour }}:{{ a.minute }}:{{ a.second }}.{{ a.microsecond }} {{ a.tzinfo }}|{{ a > b }} {{ a == b }} {{ [a, b] | max }}|{{ [a, a - b] }}|{{ a - a }}|{{ [a - a] }}");
            Add("ans/to_datetime-formats", "{{ ('14/08/16 8:05 PM' ~ e) | to_datetime('%d/%m/%y %I:%M %p') }}|{{ ('Aug 3 2021' ~ e) | to_datetime('%b %d %Y') }}|{{ ('2020-01-01  00:00:00.5' ~ e) | to_datetime('%Y-%m-%d %H:%M:%S.%f') }}|" +
                "{{ ('2020-032' ~ e) | to_datetime('%Y-%j') }}|{{ ('12:30' ~ e) | to_datetime('%H:%M') }}|{{ ('monday 1 MARCH 1999' ~ e) | to_datetime('%A %d %B %Y') }}");
            Add("ans/to_datetime-methods", "{% set a = ('2016-08-14 20:00:12.000250' ~ e) | to_datetime('%Y-%m-%d %H:%M:%S.%f') %}{{ a.strftime('%d/%m/%Y %H:%M:%S %a %A %b %B %j %p %I %y %f %%') }}|{{ a.isoformat() }}|{{ a.isoformat(' ') }}|{{ a.weekday() }} {{ a.isoweekday() }}|{{ a }}|{{ [a] }}|{{ a - (a | string | to_datetime('%Y-%m-%d %H:%M:%S.%f')) }}");
            Add("ans/to_datetime-no-match", "{{ ('2016-08-14' ~ e) | to_datetime }}");
            Add("ans/to_datetime-leftover", "{{ ('2016-08-14 20:00:12 UTC' ~ e) | to_datetime }}");
            Add("ans/to_datetime-bad-day", "{{ ('2023-02-29' ~ e) | to_datetime('%Y-%m-%d') }}");
            Add("ans/password_hash", "{{ ('Hello world!' ~ e) | password_hash('sha512', 'saltstring') }}|{{ (s ~ e) | password_hash('sha256', 'abc./XYZ') }}|{{ (u ~ e) | password_hash(salt='0123456789abcdef', rounds=6000) }}|{{ (s ~ e) | password_hash('sha256', salt='s', rounds=1000) }}|{{ (s ~ e) | password_hash('sha512', 'abc', rounds=5000) }}");
            Add("ans/password_hash-rounds-too-low", "{{ (s ~ e) | password_hash('sha512', 'abc', rounds=999) }}");
            Add("ans/password_hash-salt-chars", "{{ (s ~ e) | password_hash('sha512', 'no spaces') }}");
            Add("ans/password_hash-salt-length", "{{ (s ~ e) | password_hash('sha512', '0123456789abcdefg') }}");
            Add("ans/json-args", "{{ d | to_json(indent=2) }}|{{ d | to_nice_json(sort_keys=false) }}|{{ u | to_json(ensure_ascii=false) }}|{{ u | to_json }}");
            Add("ans/math", "{{ 8 | log(2) }} {{ 2 | pow(10) }} {{ 16 | root }} {{ 27 | root(3) }}");

            // Jinja filters with arguments.
            Add("jf/sort", "{{ sl | sort }} {{ sl | sort(case_sensitive=true) }} {{ users | sort(attribute='age', reverse=true) | map(attribute='name') | list }} {{ users | sort(attribute='grp,age') | map(attribute='name') | list }}");
            Add("jf/unique", "{{ sl | unique }} {{ ['b', 'A', 'a'] | unique }} {{ users | unique(attribute='admin') | map(attribute='name') | list }}");
            Add("jf/minmax", "{{ sl | min }} {{ sl | max }} {{ sl | max(case_sensitive=true) }} {{ users | max(attribute='age') }}");
            Add("jf/select", "{{ l | select('odd') | list }} {{ l | reject('equalto', 1) | list }} {{ users | rejectattr('admin') | map(attribute='name') | list }} {{ users | selectattr('age', 'gt', 26) | map(attribute='name') | list }} {{ users | selectattr('name', 'in', ['al', 'cy']) | list | length }}");
            Add("jf/map", "{{ l | map('string') | list }} {{ sl | map('upper') | join }} {{ users | map(attribute='missing', default='?') | list }} {{ [[1, 2], [3]] | map('join', '-') | list }}");
            Add("jf/map-missing", "{{ users | map(attribute='missing') | list }}");
            Add("jf/join", "{{ l | join(', ') }} {{ users | join(',', attribute='name') }} {{ [1, none, true] | join }}");
            Add("jf/round", "{{ 2.675 | round(2) }} {{ 2.5 | round }} {{ 3.5 | round }} {{ -2.5 | round }} {{ 1.234 | round(1, 'ceil') }} {{ 1.25 | round(1) }} {{ 42 | round }}");
            Add("jf/indent", "{{ 'a\\nb\\n\\nc' | indent(4) }}|{{ 'a\\nb\\n\\nc' | indent(2, first=true, blank=true) }}|{{ 'a\\nb' | indent('> ') }}");
            Add("jf/truncate", "{{ long | truncate(30) }}|{{ long | truncate(30, true) }}|{{ long | truncate(30, end='>>') }}|{{ 'short' | truncate(4, leeway=0) }}");
            Add("jf/wordwrap", "{{ long | wordwrap(30) }}|{{ long | wordwrap(20, wrapstring='<br>') }}");
            Add("jf/center", "[{{ 'ab' | center(7) }}][{{ 'abc' | center(8) }}]");
            Add("jf/batch-slice", "{{ [1, 2, 3, 4, 5] | batch(2, 'x') | list }} {{ [1, 2, 3, 4, 5] | slice(3) | list }} {{ [1, 2, 3, 4, 5] | slice(3, 0) | list }}");
            Add("jf/format", "{{ '%s-%s' | format('a', 1) }} {{ '%(x)s' | format(x='y') }} {{ '%.3f' | format(3.14159) }} {{ '%5d|%-5d|%+d' | format(42, 42, 42) }}");
            Add("jf/replace-count", "{{ 'aaaa' | replace('a', 'b', 2) }}");
            Add("jf/filesize", "{{ 1 | filesizeformat }} {{ 999 | filesizeformat }} {{ 1000 | filesizeformat }} {{ 123456789 | filesizeformat }} {{ 1048576 | filesizeformat(true) }} {{ 1e30 | filesizeformat }}");
            Add("jf/urlencode", "{{ 'a b/c?d=é' | urlencode }} {{ {'k': 'a b', 'x': '&'} | urlencode }}");
            Add("jf/striptags", "{{ '<p>Hello  <b>World</b></p>\\n&amp; <!-- c --> x' | striptags }}");
            Add("jf/title", "{{ \"they're bill's friends\" | title }} {{ 'hello-world (foo)[bar]' | title }}");
            Add("jf/tojson", "{{ {'b': '<&>', 'a': \"'\"} | tojson }} {{ [1, 2] | tojson(indent=2) }}");
            Add("jf/attr", "{{ users[0] | attr('name') }}");
            Add("jf/sum", "{{ [1, 2.5] | sum }} {{ [[1], [2]] | sum(start=[]) }}");
            Add("jf/first-last-empty", "{{ [] | first | default('none') }} {{ '' | last | default('none') }}");
            Add("jf/count-dict", "{{ d | count }} {{ 'héllo' | length }}");
            Add("jf/string-methods", "{{ 'a,b,c'.split(',', 1) }} {{ 'a,b,c'.rsplit(',', 1) }} {{ 'x'.center(5, '*') }} {{ 'ab'.ljust(4, '.') }}|{{ '7'.zfill(3) }} {{ 'a=b'.partition('=') }} {{ 'Hello'.swapcase() }}");
            Add("jf/list-methods", "{% set x = [3, 1] %}{{ x.append(2) }}{{ x }} {{ x.pop() }} {{ x.index(1) }} {{ x.count(3) }} {% set _ = x.extend([9, 8]) %}{{ x }} {% set _ = x.sort() %}{{ x }} {% set _ = x.reverse() %}{{ x }} {{ x.insert(0, 'z') }}{{ x }}");
            Add("jf/dict-methods", "{% set m = {'a': 1} %}{% set _ = m.update({'b': 2}) %}{{ m }} {{ m.pop('a') }} {{ m.setdefault('c', 3) }} {{ m }} {{ m.copy() }} {{ m.items() | list }}");
            Add("jf/format-spec", "{{ '{:08.3f}|{:+d}|{:x}|{:>6}|{:^7}|{:<4}|{:,}'.format(3.14159, 5, 255, 'r', 'c', 'l', 1234567) }}");

            // Expressions and scoping.
            Add("expr/chained", "{{ 1 < n < 100 }} {{ 1 < n > 100 }} {{ n == 42 == 42.0 }}");
            Add("expr/logic-values", "{{ 0 or '' or 'x' }} {{ 1 and 2 and 0 }} {{ not (t and fa) }}");
            Add("expr/precedence", "{{ 2 + 3 * 4 ** 2 // 5 % 7 - 1 }} {{ -2 ** 2 }} {{ 2 ** 3 ** 2 }} {{ 'a' ~ 1 + 2 }} {{ -l | length }}");
            Add("expr/getattr-item", "{{ d.keys() | list }} {{ cfg.server['hosts'][-1] }} {{ users.0.name }}");
            Add("expr/dict-literal", "{{ {'a': 1, 'b': [1, {'c': none}]} }} {{ {} }} {{ [] }} {{ {'a': 1}.a }}");
            Add("expr/cond", "{{ 'a' if n > 40 else 'b' if n > 10 else 'c' }}");
            Add("expr/in-dict-list", "{{ 'a' in d.keys() }} {{ {'x': 1} in [{'x': 1}] }} {{ 1 in [1.0] }}");
            Add("expr/unicode", "{{ u }} {{ u | upper }} {{ u | length }} {{ u[1] }} {{ '\\u2713' }}");
            Add("expr/big", "{{ big + 1 }} {{ big * big }} {{ 2 ** 100 }} {{ -big }} {{ big // 7 }} {{ big % 7 }} {{ 9223372036854775807 + 1 }}");
            Add("expr/float-print", "{{ 1/3 }} {{ 2/3 }} {{ 1e-5 }} {{ 123456789012345678.0 }} {{ 0.1 * 3 }} {{ 1.5e300 * 1e10 }} {{ 100.0 }}");
            Add("expr/str-mod", "{{ 'x=%s' % n }} {{ 'p=%r' % s }} {{ '%s and %s' % (1, [2]) }} {{ '%%|%c' % 65 }} {{ '%e|%g|%G' % (12345.678, 0.00001234, 1e20) }}");
            Add("expr/slices", "{{ l[-2:] }} {{ l[:-1] }} {{ l[5:] }} {{ s[::2] }} {{ s[-3:-1] }} {{ (1, 2, 3)[1:] }} {{ l[1:3:-1] }} {{ l[::-2] }}");
            Add("expr/cycler-joiner", "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }} {% set j = joiner('|') %}{% for x in l %}{{ j() }}{{ x }}{% endfor %}");
            Add("expr/keyword-filter-args", "{{ l | join(d=';') }} {{ 'x' | default(default_value='y') }}");
            Add("managed", "{{ ansible_managed | default('Ansible managed') | comment }}\n{{ template_path | default('p') }}");

            // Assorted semantics.
            var assorted = new[]
            {
                "{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}",
                "{% if t %}{% set leak = 1 %}{% endif %}{{ leak }}",
                "{% macro m() %}{% set inner = 1 %}{{ inner }}{% endmacro %}{{ m() }}{{ inner | default('not leaked') }}",
                "{% set top = 5 %}{% macro m() %}{{ top }}{% endmacro %}{{ m() }}",
                "{{ '\\n' | length }} {{ \"\\\\\" }} {{ '\\'' }} {{ '\\q' }} {{ '\\101' }}",
                "{{ 1 == '1' }} {{ [1] == [1.0] }} {{ {'a': 1} == {'a': 1.0} }} {{ none == none }} {{ none is none }}",
                "{{ missing | default(none) | string }} {{ missing | default([]) | length }}",
                "{{ [0.1, 1e20, -0.0, 2.5e-5] }} {{ (0.1,) }} {{ {'f': 1.0} }}",
                "{{ {2: 'b', 1: 'a'} }} {{ {2: 'b', 1: 'a'} | dictsort }} {{ {'b': 1, 'a': 2} | list }}",
                "{{ d | dict2items | items2dict }}",
                "{{ range(10, 0, -3) | list }} {{ range(0) | list }}",
                "{% for a, b in [(1, 2), (3, 4)] %}{{ a * b }} {% endfor %}",
                "{% for x in d | dict2items %}{{ x.key }}:{{ x.value is mapping }} {% endfor %}",
                "{{ users | selectattr('name', 'equalto', 'bob') | list | length }} {{ users | selectattr('nope', 'defined') | list }} {{ users | selectattr('nope', 'undefined') | list | length }}",
                "{{ ['aa', 'ba'] | map('regex_replace', 'a', 'x') | list }} {{ ['a', 'b'] | map('upper') | list }}",
                "{{ [0.1, 0.2, 0.3] | sum }} {{ [1, 2] | sum(start=10) }}",
                "{{ [1, 'a'] | max }}",
                "{{ z | length }}",
                "{{ d | first }} {{ d | last }}",
                "{{ 42 | string | length }} {{ 3.10 | string }}",
                "{{ 'a\nb' | regex_search('^b', multiline=true) }} {{ 'a\nb' | regex_search('^b') }}",
                "{{ missing is none }} {{ missing is string }} {{ missing is mapping }} {{ missing is number }}",
                "{% for v in d.values() %}{{ v }};{% endfor %}",
                "{{ 'abc' | list }} {{ 'abc' | reverse }} {{ 'abc' | first }} {{ 'abc' | sort | join }}",
                "{{ '%s' % [1, 2] }} {{ '%s %s' % ('a', 'b') }} {{ '%-6s|' % 'ab' }} {{ '%.2s' % 'abcdef' }}",
                "{{ '{:>8.3f}'.format(2.5) }} {{ '{!r}'.format('x') }} {{ '{0[0]}{0[1]}'.format('ab') }} {{ '{a.b}'.format(a={'b': 1}) | default('x') }}",
                "{{ 0.5 | round }} {{ 1.5 | round }} {{ -0.5 | round }} {{ 1.005 | round(2) }} {{ 123.456 | round(-1) }} {{ 1234 | round(-2) }}",
                "{{ 10 | float }} {{ '1,5' | float }} {{ 'inf' | float }} {{ '  -3  ' | int }} {{ '0b101' | int(base=2) }} {{ '0o17' | int(base=8) }} {{ '017' | int }}",
                "{{ '1_.5' | float }} {{ '1._5' | float }} {{ '1_e5' | float }} {{ '._5' | float }} {{ '1_000.5' | float }} {{ ' 1_0.5e1_0 ' | float }} {{ '1_.5' | int }} {{ '2_e1' | int }}",
                "{{ 'x' ~ 1.0 ~ true ~ none ~ [1] }}",
                "{{ t + 1 }} {{ t * 3 }} {{ fa - 1 }} {{ 3 / t }}",
                "{{ 'abc'[1:] }} {{ 'abc'[-5:2] }} {{ [1, 2, 3][::-1] }} {{ [1, 2, 3][10:] }}",
                "{% set x = {'a': {'b': 1}} %}{{ x.a.b }} {{ x['a']['b'] }} {{ x.a['b'] }} {{ x.get('a').get('b') }}",
                "{{ users | map(attribute='name') | map('upper') | join(', ') }}",
                "{{ users | sort(attribute='name') | first }}",
                "{{ cfg.server.hosts | map('regex_replace', '\\.example$', '') | list }}",
                "{{ l | unique | list }} {{ l | sort | unique }} {{ [3, 1, 2] | sort(reverse=true) }}",
                "{{ users | groupby('admin') | map('first') | list }}",
                "{{ ['a', 'b'] | zip([1, 2]) | list | items2dict(key_name=0, value_name=1) | default('x') }}",
                "{{ dict(['ab', 'cd']) }} {{ dict(a=1, **{'b': 2}) }}",
                "{% set l2 = l + [9] %}{{ l2 }} {{ l }}",
                "{{ l.append(5) }}{{ l }}",
                "{{ {'k': 'v'}.items() | list }} {{ {'k': 'v'} | items | list }}",
                "{{ 'a b c' | wordcount }} {{ 'Hello World' | lower | capitalize }}",
                "{{ 1 if [] else 2 }} {{ 1 if {} else 2 }} {{ 1 if '0' else 2 }} {{ 1 if 0.0 else 2 }}",
                "{{ 'abc' is string and 'abc' is not number and 3 is integer and 3.0 is float and true is boolean }}",
                "{{ 4 is divisibleby(2) }} {{ 5 is odd }} {{ 'ABC' is upper }} {{ 'abc' is lower }} {{ [1] is sequence }} {{ {} is iterable }}",
                "{{ 1 is sameas(1) }} {{ none is sameas(none) }} {{ [] is sameas([]) }}",
                "{{ [1, 2] is subset([1, 2, 3]) }} {{ [1, 2, 3] is superset([1, 2]) }} {{ 'ab' is in 'cab' }} {{ [1, 2] is contains 2 }}",
                "{{ 'yes' is truthy }} {{ '' is falsy }} {{ 'no' is truthy(convert_bool=true) }}",
                "{{ [true, false] is any }} {{ [true, false] is all }}",
                "{{ 'a' | ternary(1, 2) }} {{ '' | ternary(1, 2) }} {{ none | ternary(1, 2) }}",
                "{{ 'hello' | regex_findall('l') | length }} {{ 'a-b_c' | regex_escape }} {{ 'x.y' | regex_replace('\\.', '\\\\.') }}",
                "{{ 'ab' | b64encode | b64decode }} {{ 'SGk=' | b64decode }}",
                "{{ 'a' | hash }} {{ 'a' | checksum }}",
                "{{ [1, [2, [3, [4]]]] | flatten(levels=2) }}",
                "{{ 'x' | to_json }} {{ 1.5 | to_json }} {{ none | to_json }} {{ {'a': none} | to_json }} {{ [1, 'é', '\u2028'] | to_json }}",
                "{{ '[1, 2]' | from_json | sum }} {{ '\"s\"' | from_json }} {{ '{\"a\": {\"b\": [1e3, -0.5]}}' | from_json }}",
                "{{ 'x' | to_yaml }}{{ 42 | to_yaml }}{{ none | to_yaml }}{{ true | to_nice_yaml }}{{ 1.0 | to_yaml }}{{ '' | to_yaml }}",
                "{{ ['a', 'b'] | join }}{{ ['a', 'b'] | join(attribute='x') | default('e') }}",
                "{{ lookup is defined }} {{ query is defined }} {{ q is defined }} {{ now is defined }}",
            };
            foreach (var (a, idx) in assorted.Select((a, idx) => (a, idx))) Add("assorted/" + idx, a);

            // Variable values that are templates themselves (Ansible renders them when read).
            const string Templated = @"{""host"": ""h1"", ""port"": 8080, ""url"": ""http://{{ host }}:{{ port }}"", ""chain"": ""{{ url }}/v1"", ""lst"": ""{{ [1, 2] }}"",
  ""dct"": ""{{ {'a': port} }}"", ""flag"": ""{{ port > 1 }}"", ""num"": ""{{ port + 1 }}"", ""loopy"": ""{{ loopy }}"", ""bad"": ""{{ nope }}"", ""nested"": {""a"": [""{{ host }}"", 1], ""b"": ""plain""},
  ""list_of"": [""{{ host }}"", ""{{ port }}""], ""text"": ""{{ host }} and {{ port }}"", ""comment_only"": ""{# c #}x"", ""strs"": ""{{ ['a', 'b'] | join(',') }}"", ""none_val"": ""{{ none }}"", ""nl"": ""{{ host }}\n"", ""nullvar"": null, ""refnull"": ""{{ nullvar }}"", ""refbool"": ""{{ flag }}"", ""rawbool"": true, ""refraw"": ""{{rawbool}}""}";
            foreach (var t in new[]
            {
                "{{ url }}", "{{ chain }}", "{{ lst | length }} {{ lst[0] }}", "{{ dct.a }}", "{{ flag is boolean }} {{ flag }}", "{{ num }} {{ num is string }}", "{{ num + 1 }}",
                "{{ loopy }}", "{{ bad | default('d') }} {{ bad is defined }}", "{{ bad }}", "{{ nested }}", "{{ nested.a[0] }}", "{{ list_of }}", "{{ text | upper }}",
                "{{ comment_only }}", "{{ strs }}", "[{{ none_val }}]", "{{ url | length }}", "[{{ nl }}]", "{{ refnull is none }}", "{{ refbool is boolean }}", "{{ refraw is boolean }}",
            })
                Add("templated/" + i++, t, Templated);

            // Text wrapping and lstrip_blocks combinations.
            foreach (var w in new[] { 5, 12, 25 })
            {
                Add("wrap/hyphen/" + w, "{{ 'a well-known long-standing e-mail self-evident thing' | wordwrap(" + w + ") }}");
                Add("wrap/nohyphen/" + w, "{{ 'a well-known long-standing e-mail self-evident thing' | wordwrap(" + w + ", break_on_hyphens=false) }}");
                Add("wrap/long/" + w, "{{ 'supercalifragilisticexpialidocious is long  two  spaces\ttab' | wordwrap(" + w + ") }}|{{ 'supercalifragilisticexpialidocious x' | wordwrap(" + w + ", false) }}");
                Add("wrap/lines/" + w, "{{ 'first line here\nsecond line is a bit longer\n\nafter blank' | wordwrap(" + w + ") }}");
            }
            foreach (var body in new[] { "  {% if t %}\n  x\n  {% endif %}\n", "\t{# c #}\n  {%- if t %}y{% endif %}\n", "a  {% if t %}b{% endif %}\n", "  {{ n }}  {% if t %}\n", "{% if t %}\n    {% for i in l %}\n    {{ i }}\n    {% endfor %}\n{% endif %}\n" })
            {
                Add("lstrip/" + i++, "#jinja2: lstrip_blocks: True\n" + body.Replace("\\n", "\n").Replace("\\t", "\t"));
                Add("lstrip-notrim/" + i++, "#jinja2: lstrip_blocks: True, trim_blocks: False\n" + body.Replace("\\n", "\n").Replace("\\t", "\t"));
            }

            // Random expressions from a small grammar (fixed seed): operators, literals, filters and methods mixed.
            var random = new System.Random(1234);
            for (var k = 0; k < 1000; k++) Add("random/" + k, "{{ " + RandomExpression(random, 0) + " }}");

            // Random statement layouts: text, newlines and indentation around tags with random whitespace control.
            var headers = new[] { "", "#jinja2: lstrip_blocks: True\n", "#jinja2: trim_blocks: False\n", "#jinja2: lstrip_blocks: True, trim_blocks: False\n" };
            for (var k = 0; k < 600; k++) Add("layout/" + k, headers[random.Next(headers.Length)] + RandomBody(random, 0));

            // Scoping corner cases.
            var scoping = new[]
            {
                "{% set x = 1 %}{% for i in [1, 2] %}{{ x }}{% set x = x + 1 %}{{ x }};{% endfor %}{{ x }}",
                "{% for i in [1, 2] %}{% if i == 2 %}{{ y | default('none') }}{% endif %}{% set y = i %}{% endfor %}",
                "{% macro m() %}{{ later | default('unset') }}{% endmacro %}{% set later = 5 %}{{ m() }}",
                "{% set a = 1 %}{% macro m() %}{% set a = 2 %}{{ a }}{% endmacro %}{{ m() }}{{ a }}",
                "{% for i in [1, 2] %}{% set outer = loop %}{% for j in 'ab' %}{{ outer.index }}{{ loop.index }}{% endfor %};{% endfor %}",
                "{% with v = 1 %}{% set w = 2 %}{{ v }}{{ w }}{% endwith %}{{ v | default('-') }}{{ w | default('-') }}",
                "{% if true %}{% set inif = 1 %}{% endif %}{% for i in [1] %}{{ inif }}{% set inif = 2 %}{% endfor %}{{ inif }}",
                "{% set l2 = [] %}{% for i in range(3) %}{% set _ = l2.append(i) %}{% endfor %}{{ l2 }}",
                "{% set d2 = {} %}{% for k in ['a', 'b'] %}{% set _ = d2.update({k: loop.index}) %}{% endfor %}{{ d2 }}",
                "{% for i in [1, 2] %}{% set ns = namespace(v=i) %}{% endfor %}{{ ns is defined }}",
                "{% set x = 'top' %}{% filter upper %}{% set x = 'inner' %}{{ x }}{% endfilter %}{{ x }}",
                "{% set x = 'top' %}{% set y %}{% set x = 'inner' %}{{ x }}{% endset %}{{ y }}{{ x }}",
                "{% macro outer() %}{% macro inner() %}in{% endmacro %}{{ inner() }}-{{ caller() }}{% endmacro %}{% call outer() %}c{% endcall %}",
                "{% for i in [3, 1, 2] | sort %}{{ loop.previtem is defined }}{{ loop.nextitem | default('x') }}{% endfor %}",
                "{% for a in [[1, 2], [3]] %}{% for b in a %}{{ loop.depth }}{{ b }}{% endfor %}{% endfor %}",
                "{% set items = [1, 2] %}{% for items in items %}{{ items }}{% endfor %}{{ items }}",
            };
            foreach (var (a, idx) in scoping.Select((a, idx) => (a, idx))) Add("scope/" + idx, a);
            var incs = new Dictionary<string, string>
            {
                ["setter.j2"] = "{% set leaked = 'yes' %}in:{{ outer_var | default('none') }}",
                ["macro_user.j2"] = "{% import 'macros.j2' as m %}{{ m.hello(who | default('world')) }}",
                ["macros.j2"] = "{% macro hello(who) %}Hello {{ who }}{% endmacro %}",
                ["loopinc.j2"] = "[{{ loop.index | default('noloop') }}:{{ item }}]",
            };
            Add("scope/include-set", "{% set outer_var = 1 %}{% include 'setter.j2' %}|{{ leaked | default('not leaked') }}", Vars, incs);
            Add("scope/include-import", "{% for who in ['a', 'b'] %}{% include 'macro_user.j2' %};{% endfor %}", Vars, incs);
            Add("scope/include-loop", "{% for item in ['x', 'y'] %}{% include 'loopinc.j2' %}{% endfor %}", Vars, incs);
            Add("inc/bom", "[{% include 'bom.j2' %}]", Vars, new Dictionary<string, string> { ["bom.j2"] = "\ufeffbom {{ n }}\n" });
            Add("scope/macro-include", "{% macro m(item) %}{% include 'loopinc.j2' %}{% endmacro %}{{ m('z') }}", Vars, incs);

            // Realistic role templates.
            Add("real/nginx", @"# {{ ansible_managed | default('Ansible managed') }}
upstream litellm {
{% for host in cfg.server.hosts %}
    server {{ host }}:{{ cfg.server.port }}{% if not loop.last %} # backup{% endif %};
{% endfor %}
}

server {
    listen 443 ssl;
    {% if cfg.server.tls.enabled %}
    ssl_ciphers {{ cfg.server.tls.ciphers | join(':') | default('HIGH:!aNULL', true) }};
    {% endif %}
{# per-user locations #}
{% for u in users | selectattr('admin') %}
    location /{{ u.name }}/ {
        proxy_pass http://litellm;   {# trailing comment #}
    }
{% endfor %}
}
");
            Add("real/litellm-config", @"model_list:
{% for u in users %}
  - model_name: {{ u.name }}-model
    litellm_params:
      model: openai/{{ u.name | upper }}
      rpm: {{ u.age * 10 }}
{%   if u.admin %}
      admin: true
{%   endif %}
{% endfor %}
general_settings:
  {{ {'master_key': 'os.environ/KEY', 'flags': sl} | to_nice_yaml(indent=2) | indent(2) }}
litellm_settings: {{ d | to_json }}
");
            Add("real/env-file", "{% for k, v in cfg.server | dictsort %}\n{{ k | upper }}={{ v | to_json if v is mapping or v is sequence and v is not string else v }}\n{% endfor %}\n\n");
            Add("real/lstrip", "#jinja2: lstrip_blocks: True\nlist:\n    {% for x in l %}\n    {% if x > 1 %}\n    - {{ x }}\n    {% endif %}\n    {% endfor %}\n");
            Add("real/macro-ws", "{% macro row(k, v) -%}\n  {{ k }} = {{ v }}\n{%- endmacro %}\n[section]\n{% for k, v in d.items() %}\n{{ row(k, v) }}\n{% endfor %}\n");
            // Lookups (query/q, wantlist, errors=) and the ansible.builtin plugins; file lookups search the case's folder.
            foreach (var (name, template) in new[]
            {
                ("list", "{{ lookup('list', 1, 2) }}|{{ lookup('list', [1, 2]) }}|{{ query('list', 'a', 'b') }}|{{ lookup('list', 'a', 'b') }}|{{ lookup('list', 'a') }}"),
                ("items", "{{ lookup('items', [1, [2, 3]], 4) }}|{{ q('items', l) }}|{{ lookup('items', 'x', wantlist=True) }}|{{ lookup('ansible.builtin.items', []) }}"),
                ("indexed", "{{ lookup('indexed_items', ['a', 'b']) }}|{{ query('indexed_items', sl) }}"),
                ("dict", "{{ lookup('dict', d) }}|{% for kv in query('dict', {'x': 1, 'y': [2]}) %}{{ kv.key }}={{ kv.value }};{% endfor %}"),
                ("nested", "{{ query('nested', [1, 2], ['a', 'b']) }}|{{ lookup('nested', ['x'], [[1, 2]]) }}|{{ query('nested', 'single') }}"),
                ("together", "{{ query('together', [1, 2, 3], ['a', 'b']) }}|{{ lookup('together', [1], [2]) }}"),
                ("sequence", "{{ lookup('sequence', '5') }}|{{ query('sequence', '5-8') }}|{{ lookup('sequence', '2-10/2') }}|{{ query('sequence', '4:host%02d') }}|{{ query('sequence', 'start=5 end=11 stride=2 format=0x%02x') }}|{{ q('sequence', 'count=3') }}|{{ q('sequence', 'start=0x0f00 count=4 format=%04x') }}|{{ q('sequence', 'count=0') }}"),
                ("sequence-bad", "{{ lookup('sequence', 'start=3 end=1') }}"),
                ("sequence-bad-errors-ignore", "[{{ lookup('sequence', 'start=3 end=1', errors='ignore') }}][{{ query('sequence', 'end=1 count=2', errors='warn') }}]"),
                ("env", "[{{ lookup('env', 'HX_SURELY_UNSET_VARIABLE') }}][{{ lookup('env', 'HX_SURELY_UNSET_VARIABLE', default='dflt') }}][{{ lookup('env', 'PATH') == lookup('env', 'PATH') }}]"),
                ("vars", "{{ lookup('vars', 's') }}|{{ lookup('vars', 'n', 'f') }}|{{ query('vars', 'd') }}|{{ lookup('vars', 'nope', default='D') }}"),
                ("vars-missing", "{{ lookup('vars', 'nope') }}"),
                ("varnames", "{{ query('varnames', '^u') | sort }}|{{ lookup('varnames', 'sl$', 'ur') }}"),
                ("pipe", "{{ lookup('pipe', 'echo hi there') }}|{{ lookup('pipe', 'printf \\'a\\nb\\n\\n\\'') }}|{{ query('lines', 'printf \\'x\\ny\\n\\'') }}|{{ lookup('lines', 'echo one') }}"),
                ("pipe-fails", "{{ lookup('pipe', 'exit 3') }}"),
                ("unknown", "{{ lookup('no_such_lookup_plugin', 'x') }}"),
            })
            {
                Add("lookup/" + name, template);
            }
            var lookupFiles = new Dictionary<string, string>
            {
                ["files/motd.txt"] = "  Welcome\n\n",
                ["plain.txt"] = "plain\n",
                ["files/conf/a.conf"] = "a",
                ["files/conf/b.conf"] = "b",
                ["files/conf/.hidden.conf"] = "h",
            };
            Add("lookup/file", "[{{ lookup('file', 'motd.txt') }}][{{ lookup('file', 'motd.txt', rstrip=False, lstrip=True) }}][{{ lookup('file', 'plain.txt') }}][{{ query('file', 'files/motd.txt') }}]", Vars, lookupFiles);
            Add("lookup/file-missing", "{{ lookup('file', 'absent.txt') }}", Vars, lookupFiles);
            Add("lookup/file-missing-ignored", "[{{ lookup('file', 'absent.txt', errors='ignore') }}][{{ query('file', 'absent.txt', errors='warn') }}]", Vars, lookupFiles);
            Add("lookup/fileglob", "{{ query('fileglob', 'conf/*.conf') | map('basename') | sort }}|{{ lookup('fileglob', '*.txt') | basename }}|{{ query('fileglob', 'nothing*') }}", Vars, lookupFiles);
            Add("lookup/first-found", "{{ lookup('first_found', ['absent.txt', 'motd.txt', 'plain.txt']) | basename }}|{{ query('first_found', 'nope', skip=True) }}|{{ lookup('first_found', {'files': ['x', 'b.conf'], 'paths': ['conf']}) | basename }}", Vars, lookupFiles);
            Add("lookup/first-found-none", "{{ lookup('first_found', ['absent.txt']) }}", Vars, lookupFiles);

            Add("real/error-line", "line1\nline2\n{% for x in l %}\n  {{ x }\n{% endfor %}\n");
            Add("real/error-line2", "a\n{% if t %}\nb\n{% else %}\nc\n{% elif fa %}\n{% endif %}\n");
            Add("real/error-line3", "{% set x = [1,\n  2,\n  3 %}\n");
            Add("real/undefined-deep", "ok\n{% for u in users %}\n{{ u.name }} {{ u.email }}\n{% endfor %}\n");
            cases.AddRange(CornerCorpus.All());

            return cases;
        }
    }
}
