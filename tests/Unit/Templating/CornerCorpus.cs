using System.Collections.Generic;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>Differential cases for Jinja's rarer corners: inheritance decided at render time, self, scoped and required blocks, caller rules.</summary>
    public static class CornerCorpus
    {
        private static readonly Dictionary<string, string> Layouts = new Dictionary<string, string>
        {
            ["base.j2"] = "[B{% block a %}ba{% endblock %}|{% block b %}bb{% endblock %}]\n",
            ["alt.j2"] = "(A{% block a %}aa{% endblock %})\n",
            ["self.j2"] = "{% block title %}T{% endblock %}|{{ self.title() }}|{% block body %}b:{{ self.title() }}{% endblock %}\n",
            ["required.j2"] = "<{% block content required %}\n  {# fill me #}\n{% endblock %}>\n",
            ["required-middle.j2"] = "{% extends 'required.j2' %}{% block other %}o{% endblock %}",
            ["required-filled.j2"] = "{% extends 'required.j2' %}{% block content %}C{% endblock %}",
            ["loop.j2"] = "{% for i in [1, 2] %}{% block item scoped %}<{{ i }}>{% endblock %}{% endfor %}\n",
            ["loop-unscoped.j2"] = "{% for i in [1, 2] %}{% block item %}<{{ i | default('u') }}>{% endblock %}{% endfor %}\n",
            ["x.j2"] = "X",
            // From Jinja's tests/test_inheritance.py.
            ["master.html"] = "{% for item in seq %}[{% block item scoped %}{{ item }}{% endblock %}]{% endfor %}",
            ["layout.html"] = "\n{% block useless %}{% endblock %}\n",
            ["index.html"] = "{%- extends 'layout.html' %}\n{% from 'helpers.html' import foo with context %}\n{% block useless %}\n    {% for x in [1, 2, 3] %}\n        {% block testing scoped %}\n            {{ foo(x) }}\n        {% endblock %}\n    {% endfor %}\n{% endblock %}\n",
            ["helpers.html"] = "\n{% macro foo(x) %}{{ the_foo + x }}{% endmacro %}\n",
            ["test.html"] = "{% extends 'details.html' %}\n\n{% macro my_macro() %}\nmy_macro\n{% endmacro %}\n\n{% block inner_box %}\n    {{ my_macro() }}\n{% endblock %}\n",
            ["details.html"] = "{% extends 'standard.html' %}\n\n{% macro my_macro() %}\nmy_macro\n{% endmacro %}\n\n{% block content %}\n    {% block outer_box %}\n        outer_box\n        {% block inner_box %}\n            inner_box\n        {% endblock %}\n    {% endblock %}\n{% endblock %}\n",
            ["standard.html"] = "\n{% block content %}&nbsp;{% endblock %}\n",
        };

        public static List<TemplateCase> All()
        {
            var cases = new List<TemplateCase>();
            void Add(string name, string template, string vars = Corpus.Vars) => cases.Add(new TemplateCase("corner/" + name, template, vars, Layouts));

            // 1. extends decided at render time: inside if, from a variable, or not at all.
            Add("extends/if-true", "pre{% if t %}{% extends 'base.j2' %}{% endif %}post{% block a %}ca{% endblock %}");
            Add("extends/if-false", "pre{% if fa %}{% extends 'base.j2' %}{% endif %}post{% block a %}ca{% endblock %}");
            Add("extends/if-else", "{% if t %}{% extends 'base.j2' %}{% else %}{% extends 'alt.j2' %}{% endif %}{% block a %}<{{ super() }}>{% endblock %}");
            Add("extends/if-else-false", "{% if fa %}{% extends 'base.j2' %}{% else %}{% extends 'alt.j2' %}{% endif %}{% block a %}<{{ super() }}>{% endblock %}");
            Add("extends/elif", "{% if fa %}{% extends 'base.j2' %}{% elif t %}{% extends 'alt.j2' %}{% endif %}{% block a %}E{% endblock %}");
            Add("extends/block-before", "{% block a %}ca{% endblock %}{% if t %}{% extends 'base.j2' %}{% endif %}post{{ n }}");
            Add("extends/var", "{% extends layout %}{% block b %}vb{% endblock %}", "{\"layout\": \"base.j2\"}");
            Add("extends/var-expr", "{% extends ('al' ~ 't.j2') if t else 'base.j2' %}{% block a %}Z{% endblock %}");
            Add("extends/var-undefined", "{% extends nolayout %}");
            Add("extends/var-missing-file", "{% extends 'nope.j2' %}");
            Add("extends/list", "{% extends ['nope.j2', 'base.j2'] %}");
            Add("extends/none", "{% extends z %}");
            Add("extends/number", "{% extends n %}");
            Add("extends/twice-in-if", "{% extends 'base.j2' %}{% if t %}{% extends 'alt.j2' %}{% endif %}");
            Add("extends/if-twice", "{% if t %}{% extends 'base.j2' %}{% endif %}{% if t %}{% extends 'alt.j2' %}{% endif %}");
            Add("extends/in-for", "{% for i in l %}{% extends 'base.j2' %}{% endfor %}");
            Add("extends/in-block", "{% block a %}{% extends 'base.j2' %}{% endblock %}");
            Add("extends/in-macro", "{% macro m() %}{% extends 'base.j2' %}{% endmacro %}");
            Add("extends/include-after", "{% extends 'base.j2' %}{% include 'x.j2' %}{% block a %}ca{% endblock %}");
            Add("extends/filter-after", "{% extends 'base.j2' %}{% filter upper %}f{{ n }}{% endfilter %}");
            Add("extends/for-block-after", "{% extends 'base.j2' %}{% for i in [1] %}{% block a %}A{{ i | default('-') }}{% endblock %}{% endfor %}");
            Add("extends/set-after", "{% extends 'base.j2' %}{% set shown = 'S' %}{% block a %}{{ shown }}{% endblock %}");
            Add("extends/set-block-after", "{% if t %}{% extends 'base.j2' %}{% endif %}{% set cap %}c{{ n }}{% endset %}{% block a %}{{ cap }}{% endblock %}");
            Add("extends/macro-after", "{% if t %}{% extends 'base.j2' %}{% endif %}{% macro m() %}M{% endmacro %}{% block b %}{{ m() }}{% endblock %}");

            // 2. self.<block>() and super().
            Add("self/parent", "{% extends 'self.j2' %}{% block title %}CT{% endblock %}");
            Add("self/direct", "{% block t %}[{{ n }}]{% endblock %}{{ self.t() }}{{ self.t() | length }}");
            Add("self/super", "{% extends 'base.j2' %}{% block a %}ca{% endblock %}{% block b %}{{ self.a() }}/{{ self.a.super() }}/{{ super() }}{% endblock %}");
            Add("self/text-only", "{% block t %}[{{ s }}{{ z }}]{% endblock %}{{ self.t() }}{{ self.t() | length }}");
            Add("self/list", "{% block t %}{{ l }}{% endblock %}{{ self.t() }}");
            Add("self/macro-int", "{% block t %}{% macro m() %}{{ n }}{% endmacro %}{{ m() }}{% set c %}{{ n }}{% endset %}{{ c }}{% filter upper %}{{ n }}{% endfilter %}{% endblock %}|{{ self.t() }}");
            Add("self/nested-block-int", "{% block t %}<{% block u %}{{ n }}{% endblock %}>{% endblock %}|{{ self.t() }}");
            Add("super/int", "{% extends 'base.j2' %}{% block a %}{{ n }}{{ super() }}{% endblock %}");
            Add("super/parent-int", "{% extends 'self.j2' %}{% block title %}{{ super() }}{{ n }}{% endblock %}");
            Add("self/variable-named-self", "{% block t %}T{% endblock %}{{ self.t() }}", "{\"self\": {\"t\": \"var\"}}");
            Add("self/rebound", "{% set self = {'t': 'mine'} %}{{ self.t }}");
            Add("self/in-macro", "{% block t %}T{% endblock %}{% macro m() %}<{{ self.t() }}>{% endmacro %}{{ m() }}");
            Add("self/missing", "{{ self.nope() }}");
            Add("self/missing-defined", "{{ self.nope is defined }}|{{ self.t is defined }}{% block t %}{% endblock %}");
            Add("super/none", "{% block a %}{{ super() }}{% endblock %}");
            Add("super/defined", "{% extends 'base.j2' %}{% block a %}{{ super is defined }}{% endblock %}{% block b %}{{ self.a.super.super is defined }}{% endblock %}");
            Add("super/chain", "{% extends 'required-filled.j2' %}{% block content %}[{{ super() }}]{% endblock %}");

            // 3. scoped blocks see the loop; unscoped ones only the top level.
            Add("scoped/loop", "{% for i in l %}{% block b scoped %}{{ i }}{% endblock %}{% endfor %}");
            Add("scoped/unscoped", "{% for i in l %}{% block b %}{{ i }}{% endblock %}{% endfor %}");
            Add("scoped/unscoped-default", "{% set top = 'T' %}{% for i in l %}{% block b %}{{ i | default('u') }}{{ top }}{% endblock %}{% endfor %}");
            Add("scoped/child-override", "{% extends 'loop.j2' %}{% block item %}({{ i }}){% endblock %}");
            Add("scoped/child-override-unscoped-parent", "{% extends 'loop-unscoped.j2' %}{% block item %}({{ i | default('x') }}){% endblock %}");
            Add("scoped/child-scoped-unscoped-parent", "{% extends 'loop-unscoped.j2' %}{% block item scoped %}({{ i | default('x') }}){% endblock %}");
            Add("scoped/child-unscoped-scoped-parent", "{% extends 'loop.j2' %}{% block item %}({{ i | default('x') }}){% endblock %}");
            Add("scoped/with", "{% with w = 5 %}{% block b scoped %}{{ w }}{% endblock %}{% endwith %}");
            Add("scoped/self-inside", "{% for i in [7] %}{% block b scoped %}{{ i }}{% endblock %}{% endfor %}{% block c %}{{ i | default('c') }}{% endblock %}");

            Add("scoped/super-in-scoped", "{% extends 'master.html' %}{% block item %}{{ super() }}|{{ item * 2 }}{% endblock %}", "{\"seq\": [0, 1, 2, 3, 4]}");
            Add("scoped/super-in-scoped-text", "{% extends 'master.html' %}{% block item %}{{ super() }}|{{ item * 2 }}{% endblock %}", "{\"seq\": [\"a\", \"b\"]}");
            Add("scoped/after-inheritance", "{% include 'index.html' %}", "{\"the_foo\": 42}");
            Add("scoped/macro-scoping-bug", "{% include 'test.html' %}");

            // 4. required blocks.
            Add("required/direct", "{% extends 'required.j2' %}");
            Add("required/middle", "{% extends 'required-middle.j2' %}");
            Add("required/filled", "{% extends 'required-filled.j2' %}");
            Add("required/own", "{% extends 'required.j2' %}{% block content %}mine{% endblock %}");
            Add("required/render-self", "{% block r required %}{% endblock %}");
            Add("required/whitespace-ok", "{% if fa %}{% block r required %}  \n {# c #}\t{% endblock %}{% endif %}ok");
            Add("required/comment-only", "{% if fa %}{% block r required %}{# c #}{% endblock %}{% endif %}ok");
            Add("required/trimmed-empty", "{% if fa %}{% block r required -%}   \n  {%- endblock %}{% endif %}ok");
            Add("required/raw-empty", "{% if fa %}{% block r required %}{% raw %}{% endraw %}{% endblock %}{% endif %}ok");
            Add("required/raw-space", "{% if fa %}{% block r required %}{% raw %} {% endraw %}{% endblock %}{% endif %}ok");
            Add("required/text", "{% block r required %}text{% endblock %}");
            Add("required/expr", "x\n{% block r required %}{{ n }}{% endblock %}");
            Add("required/scoped", "{% extends 'loop.j2' %}{% block item scoped required %}{% endblock %}");
            Add("required/unused", "{% if fa %}{% block r required %}{% endblock %}{% endif %}fine");

            // 5. caller.
            Add("caller/param-no-default", "{% macro m(caller) %}{{ caller() }}{% endmacro %}{{ m() }}");
            Add("caller/param-no-default-unused", "{% macro m(caller) %}x{% endmacro %}{{ m() }}");
            Add("caller/param-default", "{% macro m(a, caller=none) %}[{{ caller() if caller else 'none' }}]{% endmacro %}{{ m(1) }}{% call m(1) %}C{% endcall %}");
            Add("caller/param-default-int", "{% macro m(caller=1) %}{{ caller }}{% endmacro %}{{ m() }}|{{ m(2) }}");
            Add("caller/not-read", "{% macro m() %}x{% endmacro %}{% call m() %}C{% endcall %}");
            Add("caller/not-read-kwargs", "{% macro m() %}{{ kwargs | length }}{% endmacro %}{% call m() %}C{% endcall %}");
            Add("caller/missing", "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}");
            Add("caller/missing-print", "{% macro m() %}[{{ caller }}]{% endmacro %}{{ m() }}");
            Add("caller/missing-defined", "{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}");
            Add("caller/keyword", "{% macro m() %}{{ caller }}{% endmacro %}{{ m(caller=5) }}");
            Add("caller/keyword-call", "{% macro m() %}{{ caller() }}{% endmacro %}{{ m(caller=5) }}");
            Add("caller/inner-macro", "{% macro outer() %}O{{ caller() }}{% endmacro %}{% call outer() %}{% macro inner() %}{{ caller() }}{% endmacro %}{{ inner() }}{% endcall %}");
            Add("caller/inner-macro-defined", "{% macro outer() %}O{{ caller() }}{% endmacro %}{% call outer() %}{% macro inner() %}{{ caller is defined }}{% endmacro %}{{ inner() }}{% endcall %}");
            Add("caller/in-call-body", "{% macro outer() %}O{{ caller() }}{% endmacro %}{% call outer() %}I{{ caller is defined }}{% endcall %}");
            Add("caller/nested-call", "{% macro a() %}A{{ caller() }}{% endmacro %}{% macro b() %}B{% call a() %}{{ caller() }}{% endcall %}{% endmacro %}{% call b() %}X{% endcall %}");
            Add("caller/nested-call-ok", "{% macro a() %}A{{ caller() }}{% endmacro %}{% macro b() %}B{% call a() %}in{% endcall %}{{ caller() }}{% endmacro %}{% call b() %}X{% endcall %}");
            Add("caller/passed-on", "{% macro a(c) %}A{{ c() }}{% endmacro %}{% macro b() %}B{{ a(caller) }}{% endmacro %}{% call b() %}X{% endcall %}");
            Add("caller/call-param-no-default", "{% macro m() %}{{ caller(1) }}{% endmacro %}{% call(caller) m() %}{{ caller }}{% endcall %}");
            Add("caller/args", "{% macro m() %}{{ caller(1, 2) }}{% endmacro %}{% call(a, b=5) m() %}{{ a }}{{ b }}{% endcall %}");
            Add("caller/too-many", "{% macro m() %}{{ caller(1) }}{% endmacro %}{% call m() %}x{% endcall %}");
            // From Jinja's own tests (tests/test_core_tags.py).
            Add("caller/set-outside", "{% set caller = 42 %}{% macro test() %}{{ caller is not defined }}{% endmacro %}{{ test() }}");
            Add("caller/in-loop", "{%- macro do_something() -%}[{{ caller() }}]{%- endmacro %}{%- for i in [1, 2, 3] %}{%- call do_something() -%}{{ i }}{%- endcall %}{%- endfor -%}");
            Add("caller/defaults-nonsense", "{% macro a() %}{{ caller() }}{% endmacro %}\n{% call(x, y=1, z) a() %}{% endcall %}");
            Add("caller/complex", "{% macro test() %}[[{{ caller('data') }}]]{% endmacro %}{% call(data) test() %}{{ data }}{% endcall %}");
            Add("macro/defaults-self-ref", "{%- set x = 42 %}{%- macro m(a, b=x, x=23) %}{{ a }}|{{ b | default('U') }}|{{ x }}{% endmacro -%}{{ m(1) }};{{ m(1, 2) }};{{ m(1, 2, 3) }};{{ m(1, x=7) }}");
            Add("macro/arguments", "{% macro m(a, b, c='c', d='d') %}{{ a | default('') }}|{{ b | default('') }}|{{ c }}|{{ d }}{% endmacro %}{{ m() }}|{{ m('a') }}|{{ m('a', 'b') }}|{{ m(1, 2, 3) }}");
            Add("macro/kw-twice", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, a=2) }}");
            Add("macro/kw-unknown", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(b=2) }}");
            Add("macro/too-many", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}");
            Add("macro/kw-fill", "{% macro m(a, b=2, c=3) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1, c=9) }}{{ m(b=7, a=0) }}");
            Add("macro/kwargs-varargs", "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, x=3) }}");
            // 6. Undefined values through items, dict2items and methods (Ansible's undefined fails on a call, Jinja's items filter gives nothing).
            Add("undefined/items-method-for", "{% for k, v in missing.items() %}{{ k }}{% endfor %}done");
            Add("undefined/items-method", "{{ missing.items() | list }}");
            Add("undefined/items-method-default", "{{ missing.items() | default('D') }}");
            Add("undefined/items-method-attr", "{{ d.nope.items() | list }}");
            Add("undefined/keys-method-for", "{% for k in missing.keys() %}{{ k }}{% else %}empty{% endfor %}");
            Add("undefined/get-method", "{{ missing.get('a') }}");
            Add("undefined/items-attr", "{{ missing.items is defined }}");
            Add("undefined/items-filter", "{{ missing | items | list }}|{% for k, v in missing | items %}{{ k }}{% else %}none{% endfor %}|{{ d.nope | items | list }}");
            Add("undefined/dict2items", "{{ missing | dict2items }}");
            Add("undefined/dict2items-attr", "{{ d.nope | dict2items }}");
            Add("undefined/defaulted-items", "{{ (missing | default({})).items() | list }}|{{ missing | default({}) | dict2items }}");
            Add("undefined/deep-default", "{{ deep_undefined.a.b | default('x') }}|{{ d.nope.a.b | default('y') }}|{{ missing['a'].b | d('z') }}|{{ deep_undefined.a.b is defined }}");
            Add("undefined/deep-print", "{{ deep_undefined.a.b }}");
            // 7. urlize, byte for byte with Jinja 3.1 (autoescape off, as Ansible renders).
            for (var i = 0; i < UrlTexts.Length; i++)
                Add("urlize/" + i, "{{ text | urlize }}|{{ text | urlize(12, true) }}|{{ text | urlize(target='_blank', rel='me  ext') }}", Json(UrlTexts[i]));
            Add("urlize/extra-schemes", "{{ 'ftp://files.example/x sftp:host tel:+1-555 ftp: mailto:' | urlize(extra_schemes=['ftp://', 'sftp:', 'tel:']) }}");
            Add("urlize/extra-schemes-chain", "{{ 'ab:cd:x' | urlize(extra_schemes=['ab:', 'ab:cd:']) }}");
            Add("urlize/bad-scheme", "{{ 'x' | urlize(extra_schemes=['no scheme']) }}");
            Add("urlize/bad-scheme-short", "{{ 'x' | urlize(extra_schemes=['a:']) }}");
            Add("urlize/string-schemes", "{{ 'x' | urlize(extra_schemes='ftp:') }}");
            Add("urlize/trim", "{{ 'http://example.com/a/very/long/path' | urlize(0) }}|{{ 'www.example.org' | urlize(-4) }}|{{ 'www.example.org' | urlize(100) }}|{{ 'www.example.org' | urlize(true) }}");
            Add("urlize/trim-text", "{{ 'www.example.org' | urlize('5') }}");
            Add("urlize/non-string", "{{ 42 | urlize }}|{{ l | urlize }}|{{ z | urlize }}|{{ d | urlize }}");
            Add("urlize/target-empty", "{{ 'www.a.com' | urlize(target='', nofollow=false, rel='') }}|{{ 'www.a.com' | urlize(target='\"x\"&') }}");
            Add("urlize/undefined", "{{ missing | urlize }}");

            // 8. Values of variables as Ansible's Templar templates them: the backslashes of string literals inside {{ }}
            // escaped (_escape_backslashes; never in the template itself), and a value templated once, never again.
            var values = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["kube_version"] = "v1.27.7",
                ["kube_major_version"] = "{{ kube_version | regex_replace('^v([0-9])+\\.([0-9]+)\\.[0-9]+', 'v\\1.\\2') }}",
                ["kube_minor"] = "{{ kube_major_version | regex_replace('^v\\d+\\.(\\d+)$', '\\1') }}",
                ["image_tag"] = "{{ kube_major_version }}-{{ kube_minor }}",
                ["tab"] = "{{ 'x\\ty' }}",
                ["escapes"] = "{{ 'a\\nb' }}|{{ \"q\\\"q\" }}|\\t outside|{% set x = 'c\\td' %}{{ x }}",
                ["raw_text"] = "{% raw %}Instance {{ $labels.instance }} down{% endraw %}",
                ["raw_joined"] = "{{ raw_text }} ({{ kube_major_version }})",
                ["produced"] = "{{ '{{' ~ ' kube_version }}' }}",
                ["comment_slash"] = "{# a\\b #}{{ 'c\\d' }}",
                ["list_of_values"] = "{{ ['a\\tb', kube_major_version] }}",
                ["trailing"] = "{{ 'e\\\\f' }}\n\n",
            });
            foreach (var name in new[] { "kube_major_version", "kube_minor", "image_tag", "tab", "escapes", "raw_text", "raw_joined", "produced", "comment_slash", "list_of_values", "trailing" })
                Add("templar-values/" + name, "<{{ " + name + " }}>", values);
            Add("templar-values/in-template-not-escaped", "{{ 'x\\ty' }}|{{ kube_version | regex_replace('^v(\\d)', 'V\\1') }}", values);
            return cases;
        }

        private static string Json(string text) => "{\"text\": " + System.Text.Json.JsonSerializer.Serialize(text) + "}";

        private static readonly string[] UrlTexts =
        {
            "see http://example.com now",
            "https://example.com/path?q=1&r=2#frag",
            "www.example.com",
            "visit www.example.com.",
            "(www.example.com)",
            "(http://example.com/foo_(bar))",
            "http://example.com/foo_(bar)).",
            "<http://example.com>",
            "\"http://example.com\"",
            "'http://example.com'",
            "example.com example.org example.io sub.example.net",
            "mail me@example.com, or mailto:you@example.org.",
            "a@b.c mailto:x@y trailing@dot.com. user+tag@sub.example.co.uk",
            "me@www.example.com www.me@example.com a:b@example.com",
            "http://127.0.0.1:8080/x http://999.1.1.1 http://[::1]/ http://[2001:db8::1]:443/p",
            "http://localhost http://localhost:80 https://intranet/",
            "HTTP://EXAMPLE.COM WWW.EXAMPLE.COM",
            "http://xn--bcher-kva.example http://xn--bcher-kva.ch",
            "http://exa_mple.com http://ex%41mple.com",
            "http://caf\u00e9.example/\u00e9 www.\u00fcber.de",
            "http://example.com,http://example.org",
            "http://example.com.,;:!",
            "text\twith\ttabs www.a.com\nnewline http://b.com\n",
            "  leading and trailing  www.x.org  ",
            "((((www.example.com))))",
            "((www.example.com)",
            "&lt;www.example.com&gt; & <b>bold</b>",
            "http://example.com/<script>",
            "http://a.com/?a=b&c=d",
            "ftp://example.com file:///etc/passwd javascript:alert(1)",
            "www.a.b www.a www.example.toolongtldaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "http:// https://. www. @ a@ @b.com",
            "",
            "no links here",
            "http://example.com:65536/ http://example.com:123456/",
            "https://sub.domain.example.com:8443/path/to/page.html?x=1#top",
            "(see: http://example.com/a(b)c)",
            "http://example.com/a)b",
            "[http://example.com]",
            "{www.example.com}",
            "\u2003www.em-space.com\u00a0www.nbsp.com\u001cwww.sep.com",
        };
    }
}
