"""Python Jinja2 side of the template row: the same template and variables, configured as Ansible's template
module configures Jinja2 (trim_blocks, strict undefined). Prints "<parse+render s> <render-only s>" per iteration."""
import json
import sys
import time

import jinja2

source = open(sys.argv[1], encoding="utf-8").read()
variables = json.load(open(sys.argv[2], encoding="utf-8"))
iterations = int(sys.argv[3])
# Same warm-up rule as TemplateBench (which needs it for .NET's tiered JIT): at least 50 calls and WARM_UP_SECONDS.
WARM_UP_SECONDS = 1.5


def warm_up(call):
    start = time.perf_counter()
    calls = 0
    while calls < 50 or time.perf_counter() - start < WARM_UP_SECONDS:
        call()
        calls += 1


def environment():
    return jinja2.Environment(trim_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False)


def once():
    return environment().from_string(source).render(variables)


warm_up(once)
start = time.perf_counter()
for _ in range(iterations):
    once()
parse_render = (time.perf_counter() - start) / iterations

template = environment().from_string(source)
warm_up(lambda: template.render(variables))
start = time.perf_counter()
for _ in range(iterations):
    template.render(variables)
render_only = (time.perf_counter() - start) / iterations
print(repr(parse_render), repr(render_only))
