using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

// Usage: TemplateBench <template.j2> <vars.json> <iterations>
// Prints "<parse+render seconds per iteration> <render-only seconds per iteration>", the same two numbers
// jinja2_bench.py prints for Python Jinja2.
var source = File.ReadAllText(args[0]);
var vars = (PyDict)AnsibleYamlReader.Load(File.ReadAllText(args[1]))!;
var iterations = int.Parse(args[2], CultureInfo.InvariantCulture);
const double WarmUpSeconds = 1.5;

string Once() => new TemplateEnvironment().Compile(source, "bench.j2").Render(vars);
WarmUp(() => Once());
var watch = Stopwatch.StartNew();
for (var i = 0; i < iterations; i++) Once();
var parseRender = watch.Elapsed.TotalSeconds / iterations;

var compiled = new TemplateEnvironment().Compile(source, "bench.j2");
WarmUp(() => compiled.Render(vars));
watch.Restart();
for (var i = 0; i < iterations; i++) compiled.Render(vars);
var renderOnly = watch.Elapsed.TotalSeconds / iterations;
Console.WriteLine(parseRender.ToString("R", CultureInfo.InvariantCulture) + " " + renderOnly.ToString("R", CultureInfo.InvariantCulture));

// .NET recompiles hot methods with full optimisation only after they have run a while (tiered JIT); 200 calls
// leave the timed loop in unoptimised code. Both benches therefore warm up by time (at least 200 calls and
// WarmUpSeconds), so each side's timed loop measures its steady rate.
static void WarmUp(Action once)
{
    var watch = Stopwatch.StartNew();
    for (var calls = 0; calls < 200 || watch.Elapsed.TotalSeconds < WarmUpSeconds; calls++) once();
}
