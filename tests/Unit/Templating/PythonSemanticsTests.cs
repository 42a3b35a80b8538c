using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>
    /// Python semantics the engine must share with ansible-core's template module, one group per behaviour,
    /// each compared with the peer's output byte for byte (float specials, formatting, Unicode case mapping,
    /// tests, bytes, shared mutable values).
    /// </summary>
    public class PythonSemanticsTests
    {
        private const string Vars = @"{""sn"": ""nan"", ""si"": ""-inf"", ""n"": 1234567, ""neg"": -1234567, ""f"": 1234567.891, ""small"": 0.5,
  ""big"": 123456789012345678901234567890, ""l"": [1, 2], ""e"": [], ""d"": {""a"": [1]}, ""z"": null,
  ""ss"": ""stra\u00dfe"", ""dot"": ""\u0130stanbul"", ""lig"": ""\ufb01ne \u01c6emal \u0149x"", ""greek"": ""\u03a3\u0391\u03a3 \u038c\u03a3\u039f\u03a3"",
  ""mixed"": ""they're bill's a1b2 c_d-e hELLO"", ""dz"": ""\u01c5"", ""u"": ""h\u00e9llo""}";

        private static void AssertRendersLikeAnsible(string group, params string[] templates)
        {
            var cases = templates.Select((t, i) => new TemplateCase(group + "/" + i, t, Vars)).ToList();
            var failures = DifferentialTests.Differences(cases, "hx-jinja-" + group + ".txt");
            Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " cases differ:\n" + string.Join("\n\n", failures));
        }

        [PeerFact("jinja2", "ansible")]
        public void TheTemplarsNowAndUndefGlobalsBehaveAsAnsibles()
        {
            // The clock differs between the two renders only below the year (a render at New Year's midnight aside).
            AssertRendersLikeAnsible("templar-globals",
                "{{ now(fmt='%Y') }} {{ now(true, '%Y') }} {{ now(utc=true).year == now(fmt='%Y') | int }} {{ now() is string }} {{ now(fmt='') is string }} {{ (now() - now()).days <= 0 }}",
                "{{ undef() | default('d') }} {{ undef(hint='h') is defined }} {{ undef('x') is undefined }}",
                "{{ undef() }}",
                "{{ undef(hint='set litellm_port in group_vars') }}",
                "{{ undef('') }}");
        }

        [PeerFact("jinja2", "ansible")]
        public void NanIsUnequalToItselfButFoundByIdentity()
        {
            AssertRendersLikeAnsible("nan",
                "{% set x = sn | float %}{{ x == x }} {{ x != x }} {{ x in [x] }} {{ x }} {{ x | string }} {{ -x }} {{ x | abs }} {{ x + 1 }}",
                "{% set x = sn | float %}{% set y = sn | float %}{{ x in [y] }} {{ [x] == [x] }} {{ [x, y] == [x, y] }} {{ {'a': x} == {'a': x} }} {{ [x] == [y] }} {{ x is sameas x }}",
                "{% set x = sn | float %}{% set y = sn | float %}{{ [x, x] | unique }} {{ [x, y] | unique | length }} {{ [x, 2, x] | unique | length }} {{ [x] | difference([x]) }} {{ [x] | intersect([y]) }}",
                "{% set x = sn | float %}{{ [3, x, 1, 2] | sort }} {{ [x, 3, 1] | sort }} {{ [x, 1] | max }} {{ [1, x] | max }} {{ [1, x] | min }} {{ x < 1 }} {{ x > 1 }} {{ x >= x }}",
                "{% set x = sn | float %}{{ x | int }} {{ x | round }} {{ x is number }} {{ x is float }} {{ x | bool }} {{ x | to_json }}",
                "{% set x = si | float %}{{ x }} {{ -x }} {{ x < -1e308 }} {{ x == x }} {{ [x, 0] | min }}",
                "{% set x = si | float %}{{ x | int }}");
        }

        [PeerFact("jinja2", "ansible")]
        public void FormatGroupingAndPercentMatchPython()
        {
            AssertRendersLikeAnsible("format",
                "{{ '{:_}'.format(n) }}|{{ '{:,}'.format(n) }}|{{ '{:_}'.format(big) }}|{{ '{:,.2f}'.format(f) }}|{{ '{:_.3f}'.format(f) }}|{{ '{:,}'.format(neg) }}|{{ '{:,}'.format(f) }}|{{ '{:,d}'.format(n) }}",
                "{{ '{:_x}'.format(n) }}|{{ '{:_b}'.format(n) }}|{{ '{:_o}'.format(n) }}|{{ '{:#_x}'.format(n) }}|{{ '{:_X}'.format(big) }}|{{ '{:#_b}'.format(5) }}",
                "{{ '{:015,}'.format(n) }}|{{ '{:>15,}'.format(n) }}|{{ '{:012_}'.format(n) }}|{{ '{:,.0f}'.format(1e20) }}|{{ '{:,}'.format(small) }}|{{ '{:,%}'.format(12.5) }}|{{ '{:_e}'.format(f) }}|{{ '{:_g}'.format(f) }}",
                "{{ '{:#012_x}'.format(255) }}|{{ '{:#010x}'.format(255) }}|{{ '{:+012,}'.format(neg) }}|{{ '{:010,.1f}'.format(1234.5) }}|{{ '{:_.2%}'.format(123.4) }}|{{ '{:0=12_}'.format(n) }}|{{ '{:x<12_}'.format(n) }}|{{ '{:5c}'.format(65) }}",
                "{{ '{:,x}'.format(n) }}",
                "{{ '{:_s}'.format('x') }}",
                "{{ '{:_n}'.format(n) }}",
                "{{ '{:,_}'.format(n) }}",
                "{{ '{0!r} {0!s} {0!a} {1[0]}'.format('é', l) }}|{{ '{:^10}|{:*<6}|{:+.1%}|{:c}|{{}}{}|{:>{w}}'.format('x', 1, 0.25, 65, 1, 1, w=4) }}",
                "{{ '{} {0}'.format(1) }}",
                "{{ '%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%#o|%e|%E|%g|%G|%.3g|%c|%%|%s|%r|%a|%i|%u' % (n, 42, 42, 42, 42, 255, 255, 255, 8, 8, 1234.5, 1234.5, 0.00001234, 1e20, 1234.5678, 65, 'x', 'y', 'é', 3, 4) }}",
                "{{ '%s' % l }}|{{ '%s %s' % (1, 2) }}|{{ '%(a)05d' % {'a': 3} }}|{{ '%*d' % (5, 3) }}|{{ '%.*f' % (2, 3.14159) }}|{{ '%s' % none }}|{{ '%d' % 3.9 }}|{{ '%x' % big }}|{{ '%d' % true }}|{{ '%.2f' % big }}|{{ '%-8.3s|' % 'abcdef' }}",
                "{{ '%d' % 'x' }}",
                "{{ '%s %s' % (1,) }}");
        }

        [PeerFact("jinja2", "ansible")]
        public void CaseMappingIsFullUnicode()
        {
            AssertRendersLikeAnsible("case",
                "{{ ss | upper }}|{{ ss | title }}|{{ ss | capitalize }}|{{ dot | lower }}|{{ dot | lower | length }}|{{ ss.casefold() }}|{{ ss.swapcase() }}|{{ ss.upper() }}|{{ dot.upper() }}",
                "{{ lig | upper }}|{{ lig | title }}|{{ lig.title() }}|{{ lig | capitalize }}|{{ lig.capitalize() }}|{{ lig.lower() }}|{{ lig.casefold() }}|{{ lig.swapcase() }}",
                "{{ greek | lower }}|{{ greek.lower() }}|{{ greek.casefold() }}|{{ greek | title }}|{{ greek | capitalize }}|{{ dz.swapcase() }}|{{ dz | upper }}|{{ dz | lower }}|{{ dz.title() }}",
                "{{ mixed | title }}|{{ mixed.title() }}|{{ mixed | capitalize }}|{{ mixed.swapcase() }}|{{ u | upper }}|{{ u.casefold() }}",
                "{{ ss is upper }}|{{ ss is lower }}|{{ dz is upper }}|{{ dz.istitle() }}|{{ 'SS' is upper }}|{{ (ss | upper) == 'STRASSE' }}|{{ ss.upper() | length }}");
        }

        [PeerFact("jinja2", "ansible")]
        public void TruthyConvertBoolAndProductRepeatMatch()
        {
            AssertRendersLikeAnsible("truthy",
                "{% for v in ['yes', 'no', 'on', 'off', 'true', 'false', '1', '0', 'y', 'n', 'abc', '', 0, 1, 2, 0.0, 0.5, true, false, 'YES', 'True', 'Off'] %}{{ v is truthy(convert_bool=true) }},{{ v is falsy(convert_bool=true) }};{% endfor %}",
                "{{ e is truthy(convert_bool=true) }} {{ l is truthy(convert_bool=true) }} {{ d is truthy(convert_bool=true) }} {{ z is truthy(convert_bool=true) }} {{ e is falsy(convert_bool=true) }} {{ {} is falsy(convert_bool=true) }}",
                "{{ l | product(repeat=2) | list }}|{{ l | product(l, repeat=2) | list | length }}|{{ l | product(repeat=0) | list }}|{{ 'ab' | product(repeat=2) | list }}|{{ l | product('x', repeat=1) | list }}",
                "{{ l | product(repeat=-1) | list }}");
        }

        [PeerFact("jinja2", "ansible")]
        public void EncodeGivesBytesAndDecodeGivesText()
        {
            AssertRendersLikeAnsible("bytes",
                "{{ u.encode() }}|{{ [u.encode()] }}|{{ {'a': 'x'.encode()} }}|{{ 'a'.encode() ~ 'b' }}|x{{ u.encode() }}|{{ u.encode('utf-8') | length }}|{{ u.encode() | type_debug }}",
                "{{ u.encode().decode() }}|{{ u.encode('utf-8').decode('utf-8') }}|{{ 'it\\'s \"q\"\\n\\t\\\\'.encode() }}|{{ ['it\\'s'.encode(), '\"'.encode(), '\\x7f\\x00'.encode()] }}|{{ u.encode() == u.encode() }}|{{ u.encode() == u }}",
                "{{ u.encode('ascii') }}",
                "x{{ u.encode('latin-1') }}|{{ [u.encode('latin1')] }}|{{ u.encode('latin-1').decode('latin-1') }}|{{ 'abc'.encode('ascii').decode('ascii') }}",
                "{{ u.encode().decode('ascii') }}",
                "{{ u.encode() is string }}|{{ u.encode() is iterable }}|{{ u.encode() | list }}|{{ u.encode()[0] }}|{{ u.encode() | b64encode }}");
        }

        /// <summary>Each template task runs in its own forked worker in Ansible, so what one render appends is gone in the next.</summary>
        [Fact]
        public void AMutationDoesNotOutliveItsRender()
        {
            var vars = new HxLiteLLM.Values.PyDict { ["l"] = new List<object?> { 1L }, ["d"] = new HxLiteLLM.Values.PyDict { ["a"] = new List<object?>() } };
            const string source = "{% set _ = l.append(2) %}{% set _ = d.a.append(3) %}{% set _ = d.update({'b': 4}) %}{{ l }} {{ d }}";
            Assert.Equal("[1, 2] {'a': [3], 'b': 4}", HxLiteLLM.Templating.AnsibleTemplate.Render(source, vars));
            Assert.Equal("[1, 2] {'a': [3], 'b': 4}", HxLiteLLM.Templating.AnsibleTemplate.Render(source, vars));
            Assert.Single((List<object?>)vars["l"]!);
        }

        [PeerFact("jinja2", "ansible")]
        public void MutatingAListIsSeenOnTheNextRead()
        {
            AssertRendersLikeAnsible("mutation",
                "{% set _ = l.append(3) %}{{ l }}|{% set _ = l.append(4) %}{{ l }}",
                "{{ l.append(3) }}{{ l }}|{{ l }}",
                "{% set _ = d.a.append(5) %}{{ d }}|{% set _ = d.update({'b': 2}) %}{{ d }}",
                "{% set m = l %}{% set _ = m.append(9) %}{{ l }}",
                "{% for x in l %}{% set _ = l.append(9) if l | length < 5 %}{{ x }}{% endfor %}{{ l }}",
                "{% set _ = l.extend([5, 6]) %}{% set _ = l.pop() %}{% set _ = l.insert(0, 0) %}{% set _ = l.remove(1) %}{{ l }} {{ l | length }}");
        }
    }
}
