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

string Once() => new TemplateEnvironment().Compile(source, "bench.j2").Render(vars);
for (var i = 0; i < 200; i++) Once();
var watch = Stopwatch.StartNew();
for (var i = 0; i < iterations; i++) Once();
var parseRender = watch.Elapsed.TotalSeconds / iterations;

var compiled = new TemplateEnvironment().Compile(source, "bench.j2");
for (var i = 0; i < 200; i++) compiled.Render(vars);
watch.Restart();
for (var i = 0; i < iterations; i++) compiled.Render(vars);
var renderOnly = watch.Elapsed.TotalSeconds / iterations;
Console.WriteLine(parseRender.ToString("R", CultureInfo.InvariantCulture) + " " + renderOnly.ToString("R", CultureInfo.InvariantCulture));
