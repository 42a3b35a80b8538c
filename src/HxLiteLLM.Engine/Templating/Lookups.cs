using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    internal delegate List<object?> LookupFunction(LookupContext context, List<object?> terms, CallArgs options);

    /// <summary>One lookup plugin: its function and whether it runs commands or writes files (then it needs the explicit opt-in).</summary>
    internal sealed class LookupDefinition
    {
        public LookupDefinition(string name, LookupFunction function, bool runsCommands = false, bool writesFiles = false)
        {
            Name = name;
            Function = function;
            RunsCommands = runsCommands;
            WritesFiles = writesFiles;
        }

        public string Name { get; }
        public LookupFunction Function { get; }
        public bool RunsCommands { get; }
        public bool WritesFiles { get; }
    }

    /// <summary>
    /// A lookup error that errors='warn'/'ignore' does not turn into nothing: Ansible's AnsibleOptionsError (bad options
    /// or terms), and this engine's refusals, so that ignoring errors never hides a value the engine cannot give.
    /// </summary>
    internal sealed class LookupOptionsError : TemplateError
    {
        public LookupOptionsError(string message) : base(message)
        {
        }
    }

    /// <summary>What a lookup may read: the render's variables, its options and the role's search path.</summary>
    internal sealed class LookupContext
    {
        public LookupContext(RenderContext render)
        {
            Render = render;
        }

        public RenderContext Render { get; }

        public TemplateOptions Options => Render.Environment.Options;

        /// <summary>The task's variables: inside a template lookup's render, still the caller's (not its template_vars).</summary>
        public IVariableSource? Variables => Render.Variables is OverlayVariables nested ? nested.LookupVariables : Render.Variables;

        public bool TryGetVariable(string name, out object? value)
        {
            value = null;
            return Variables != null && Variables.TryGet(name, out value) && !(value is Undefined);
        }

        public IEnumerable<string> VariableNames => Variables?.Names ?? Enumerable.Empty<string>();

        /// <summary>The loader's base directory: the playbook's folder when known, else where the template's includes resolve.</summary>
        public string BaseDirectory =>
            TryGetVariable("playbook_dir", out var dir) && dir is string s ? s : Render.Environment.LoaderRoot ?? Directory.GetCurrentDirectory();

        /// <summary>ansible_search_path when set (a role task's: role, role/tasks, playbook, and the template's folder), else the base directory.</summary>
        public List<string> SearchPath =>
            TryGetVariable("ansible_search_path", out var paths) && paths is IList<object?> list ? list.Select(Ops.Str).ToList()
                : new List<string> { BaseDirectory };

        /// <summary>DataLoader.path_dwim_relative_stack: each search path's <paramref name="subdirectory"/> then itself, the base directory last.</summary>
        public string? FindFile(string subdirectory, string needle)
        {
            if (needle.StartsWith("/", StringComparison.Ordinal) || needle.StartsWith("~", StringComparison.Ordinal))
            {
                var absolute = needle.StartsWith("~", StringComparison.Ordinal) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)
                    + needle.Substring(1) : needle;
                return File.Exists(absolute) || Directory.Exists(absolute) ? absolute : null;
            }
            var usesSubdirectory = needle.Split('/')[0] == subdirectory;
            var candidates = new List<string>();
            foreach (var path in SearchPath.Concat(new[] { BaseDirectory }))
            {
                if (!usesSubdirectory) candidates.Add(Path.Combine(path, subdirectory, needle));
                candidates.Add(Path.Combine(path, needle));
            }
            return candidates.FirstOrDefault(c => File.Exists(c) || Directory.Exists(c));
        }
    }

    /// <summary>
    /// ansible-core 2.14's lookup() / query() / q() and the ansible.builtin lookup plugins this engine runs.
    /// Lookups that run commands (pipe, lines) need <see cref="TemplateOptions.AllowCommandLookups"/>; the one that creates
    /// files (password) needs <see cref="TemplateOptions.AllowFileWritingLookups"/>.
    /// </summary>
    internal static partial class Lookups
    {
        public static readonly LookupDefinition[] Definitions =
        {
            new LookupDefinition("list", List),
            new LookupDefinition("items", Items),
            new LookupDefinition("indexed_items", IndexedItems),
            new LookupDefinition("dict", Dict),
            new LookupDefinition("nested", Nested),
            new LookupDefinition("together", Together),
            new LookupDefinition("sequence", Sequence),
            new LookupDefinition("random_choice", RandomChoice),
            new LookupDefinition("env", Env),
            new LookupDefinition("vars", Vars),
            new LookupDefinition("varnames", VarNames),
            new LookupDefinition("file", FileContents),
            new LookupDefinition("fileglob", FileGlob),
            new LookupDefinition("first_found", FirstFound),
            new LookupDefinition("template", TemplateLookup),
            new LookupDefinition("ini", Ini),
            new LookupDefinition("csvfile", CsvFile),
            new LookupDefinition("subelements", Subelements),
            new LookupDefinition("inventory_hostnames", InventoryHostnames),
            new LookupDefinition("config", ConfigLookup),
            new LookupDefinition("unvault", Unvault),
            new LookupDefinition("password", Password, writesFiles: true),
            new LookupDefinition("pipe", Pipe, runsCommands: true),
            new LookupDefinition("lines", Lines, runsCommands: true),
        };

        private static readonly Dictionary<string, LookupDefinition> Registry = Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

        public static IReadOnlyCollection<string> Names => Registry.Keys;

        public static bool TryGet(string name, out LookupDefinition definition) =>
            Registry.TryGetValue(name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name.Substring(16) : name, out definition!);

        /// <summary>Templar._lookup: wantlist and errors handling, and the comma join of a non-list result.</summary>
        public static object? Run(RenderContext context, CallArgs call, bool query)
        {
            if (call.Positional.Count == 0) throw new TemplateError("lookup() missing 1 required positional argument: 'name'");
            var name = Ops.Str(call.Positional[0]);
            if (!TryGet(name, out var lookup)) throw new TemplateError("lookup plugin (" + name + ") not found");
            var options = call.Keywords.Where(k => k.Key != "wantlist" && k.Key != "errors" && k.Key != "allow_unsafe").ToList();
            var wantlist = query || call.Keywords.Any(k => k.Key == "wantlist" && Ops.Truthy(k.Value));
            var errors = call.Keywords.Where(k => k.Key == "errors").Select(k => Ops.Str(k.Value)).LastOrDefault() ?? "strict";
            if (lookup.RunsCommands && !context.Environment.Options.AllowCommandLookups)
                throw new TemplateError("lookup plugin (" + lookup.Name
                    + ") runs commands on this machine, which is off unless explicitly allowed (-AllowCommandLookup)");
            if (lookup.WritesFiles && !context.Environment.Options.AllowFileWritingLookups)
                throw new TemplateError("lookup plugin (" + lookup.Name
                    + ") creates files on this machine (a missing password file is generated and saved), which is off unless explicitly allowed "
                    + "(-AllowFileWritingLookup)");
            var terms = call.Positional.Skip(1).ToList();
            List<object?> ran;
            try
            {
                ran = lookup.Function(new LookupContext(context), terms, new CallArgs(lookup.Name, new List<object?>(), options));
            }
            catch (TemplateError e) when ((errors == "warn" || errors == "ignore") && !(e is LookupOptionsError))
            {
                // The warning goes to Ansible's display; the template carries on with nothing.
                _ = e;
                return wantlist ? new List<object?>() : null;
            }
            if (wantlist || ran.Count == 0) return ran;
            if (ran.All(x => x is string)) return string.Join(",", ran.Cast<string>());
            return ran.Count == 1 ? ran[0] : ran;
        }

        // ---- list shaping (LookupBase._flatten, _combine, _flatten_hash_to_list) ----

        private static List<object?> Flatten(IEnumerable<object?> terms)
        {
            var result = new List<object?>();
            foreach (var term in terms)
            {
                if (term is IList<object?> l) result.AddRange(l);
                else if (term is PyTuple t) result.AddRange(t);
                else result.Add(term);
            }
            return result;
        }

        /// <summary>listify_lookup_plugin_terms of one argument: a string or a scalar becomes a one-item list.</summary>
        private static List<object?> Listify(object? term) =>
            term is string || !(term is System.Collections.IEnumerable) || term is IDictionary<object, object?>
                ? new List<object?> { term is string s ? s.Trim() : term } : Ops.ToList(term);

        private static List<object?> List(LookupContext c, List<object?> terms, CallArgs o) => terms;

        private static List<object?> Items(LookupContext c, List<object?> terms, CallArgs o) => Flatten(terms);

        private static List<object?> IndexedItems(LookupContext c, List<object?> terms, CallArgs o) =>
            Flatten(terms).Select((item, i) => (object?)new PyTuple(new object?[] { (long)i, item })).ToList();

        private static List<object?> Dict(LookupContext c, List<object?> terms, CallArgs o)
        {
            var result = new List<object?>();
            foreach (var term in terms)
            {
                if (!(Ops.Check(term) is IDictionary<object, object?> d)) throw new TemplateError("with_dict expects a dict");
                foreach (var kv in d) result.Add(new PyDict { ["key"] = kv.Key, ["value"] = kv.Value });
            }
            return result;
        }

        private static List<object?> Nested(LookupContext c, List<object?> terms, CallArgs o)
        {
            var lists = terms.Select(Listify).ToList();
            if (lists.Count == 0) throw new TemplateError("with_nested requires at least one element in the nested list");
            var result = lists[0];
            foreach (var next in lists.Skip(1))
            {
                result = result.SelectMany(x => next.Select(y => (object?)Flatten(new[] { x, y }))).ToList();
            }
            return result.Select(x => (object?)Flatten(Ops.Iterate(x))).ToList();
        }

        private static List<object?> Together(LookupContext c, List<object?> terms, CallArgs o)
        {
            var lists = terms.Select(Listify).ToList();
            if (lists.Count == 0) throw new TemplateError("with_together requires at least one element in each list");
            var length = lists.Max(l => l.Count);
            return Enumerable.Range(0, length).Select(i => (object?)Flatten(lists.Select(l => i < l.Count ? l[i] : null))).ToList();
        }

        private static List<object?> RandomChoice(LookupContext c, List<object?> terms, CallArgs o)
        {
            if (terms.Count == 0) return terms;
            var index = System.Security.Cryptography.RandomNumberGenerator.Create();
            var bytes = new byte[4];
            index.GetBytes(bytes);
            return new List<object?> { terms[(int)(BitConverter.ToUInt32(bytes, 0) % (uint)terms.Count)] };
        }

        private const string Number = "(0?x?[0-9a-f]+)";
        private static readonly Regex Shortcut = new Regex("^(" + Number + "-)?" + Number + "(/" + Number + ")?(:(.+))?$", RegexOptions.IgnoreCase);

        /// <summary>The sequence lookup: "[start-]end[/stride][:format]" or start= end= count= stride= format=.</summary>
        private static List<object?> Sequence(LookupContext c, List<object?> terms, CallArgs o)
        {
            var results = new List<object?>();
            foreach (var termValue in terms)
            {
                var term = Ops.Str(termValue);
                long start = 1, stride = 1;
                long? end = null, count = null;
                var format = "%d";
                var m = Shortcut.Match(term);
                if (m.Success)
                {
                    if (m.Groups[2].Success) start = SequenceInt(m.Groups[2].Value, "start");
                    end = SequenceInt(m.Groups[3].Value, "end");
                    if (m.Groups[5].Success) stride = SequenceInt(m.Groups[5].Value, "stride");
                    if (m.Groups[7].Success) format = m.Groups[7].Value;
                }
                else
                {
                    foreach (var pair in term.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        var eq = pair.IndexOf('=');
                        if (eq < 0) throw new TemplateError("unrecognized arguments to with_sequence: " + PyRepr.Repr(new List<object?> { "_raw_params" }));
                        var key = pair.Substring(0, eq);
                        var value = pair.Substring(eq + 1);
                        switch (key)
                        {
                            case "start": start = SequenceInt(value, key); break;
                            case "end": end = SequenceInt(value, key); break;
                            case "count": count = SequenceInt(value, key); break;
                            case "stride": stride = SequenceInt(value, key); break;
                            case "format": format = value; break;
                            default: throw new TemplateError("unrecognized arguments to with_sequence: " + PyRepr.Repr(new List<object?> { key }));
                        }
                    }
                }
                if (count == null && end == null) throw new TemplateError("must specify count or end in with_sequence");
                if (count != null && end != null) throw new TemplateError("can't specify both count and end in with_sequence");
                if (count != null)
                {
                    if (count != 0) end = start + count * stride - 1;
                    else { start = 0; end = 0; stride = 0; }
                }
                if (stride > 0 && end < start) throw new TemplateError("to count backwards make stride negative");
                if (stride < 0 && end > start) throw new TemplateError("to count forward don't make stride negative");
                if (format.Count(ch => ch == '%') != 1) throw new TemplateError("bad formatting string: " + format);
                if (stride == 0) continue;
                var stop = end!.Value + (stride > 0 ? 1 : -1);
                for (var i = start; stride > 0 ? i < stop : i > stop; i += stride) results.Add(PyFormat.Percent(format, new PyTuple(new object?[] { i })));
            }
            return results;
        }

        /// <summary>Python int(text, 0): decimal, 0x hex, 0o octal, 0b binary.</summary>
        private static long SequenceInt(string text, string name)
        {
            var t = text.Trim().ToLowerInvariant();
            var radix = t.StartsWith("0x") ? 16 : t.StartsWith("0o") ? 8 : t.StartsWith("0b") ? 2 : 10;
            if (radix == 10 && t.Length > 1 && t.TrimStart('-', '+').StartsWith("0") && t.Trim('0', '-', '+').Length > 0) throw new TemplateError("can't parse "
                + name + "=" + text + " as integer");
            if (!Filters.TryParseInt(t, radix, out var value) || !(value is long l)) throw new TemplateError("can't parse " + name + "=" + text
                + " as integer");
            return l;
        }

        private static List<object?> Env(LookupContext c, List<object?> terms, CallArgs o)
        {
            var fallback = o.Get(-1, "default", "");
            return terms.Select(t =>
            {
                var name = Methods.Split(Ops.Str(t), null, -1).Cast<string>().FirstOrDefault() ?? "";
                var value = Environment.GetEnvironmentVariable(name);
                if (value == null && fallback is Undefined) throw new UndefinedVariableException("The \"env\" lookup, found an undefined variable: " + name,
                    name, null, null, 0, 0, null);
                return value ?? fallback;
            }).ToList();
        }

        private static List<object?> Vars(LookupContext c, List<object?> terms, CallArgs o)
        {
            var fallback = o.Get(-1, "default");
            var result = new List<object?>();
            foreach (var term in terms)
            {
                if (!(term is string name)) throw new TemplateError("Invalid setting identifier, \"" + Ops.Str(term) + "\" is not a string, its a "
                    + Ops.TypeName(term));
                if (c.TryGetVariable(name, out var value)) result.Add(value);
                else if (fallback != null) result.Add(fallback);
                else throw new TemplateError("No variable found with this name: " + name);
            }
            return result;
        }

        private static List<object?> VarNames(LookupContext c, List<object?> terms, CallArgs o)
        {
            var names = c.VariableNames.ToList();
            var result = new List<object?>();
            foreach (var term in terms)
            {
                if (!(term is string pattern)) throw new TemplateError("Invalid setting identifier, \"" + Ops.Str(term) + "\" is not a string, it is a "
                    + Ops.TypeName(term));
                var regex = PyRegex.Compile(pattern, false, false).Regex;
                result.AddRange(names.Where(n => regex.IsMatch(n)));
            }
            return result;
        }

        private static List<object?> FileContents(LookupContext c, List<object?> terms, CallArgs o)
        {
            var lstrip = o.Bool(-1, "lstrip", false);
            var rstrip = o.Bool(-1, "rstrip", true);
            return terms.Select(t =>
            {
                var term = Ops.Str(t);
                var path = c.FindFile("files", term);
                if (path == null || !File.Exists(path)) throw new TemplateError("could not locate file in lookup: " + term);
                // As Ansible's loader: a vault-encrypted file is decrypted with the run's secrets (refused without them).
                var text = ReadFound(c, path, term);
                if (lstrip) text = Methods.Strip(text, null, true, false);
                if (rstrip) text = Methods.Strip(text, null, false, true);
                return (object?)text;
            }).ToList();
        }

        private static List<object?> FileGlob(LookupContext c, List<object?> terms, CallArgs o)
        {
            var result = new List<object?>();
            foreach (var t in terms)
            {
                var term = Ops.Str(t);
                var slash = term.LastIndexOf('/');
                var pattern = term.Substring(slash + 1);
                var folders = new List<string?>();
                if (slash >= 0) folders.Add(c.FindFile("files", term.Substring(0, slash)));
                else foreach (var p in c.SearchPath) { folders.Add(Path.Combine(p, "files")); folders.Add(p); }
                foreach (var folder in folders)
                {
                    if (folder == null || !Directory.Exists(folder)) continue;
                    var found = Directory.EnumerateFiles(folder, pattern).Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal)
                        || pattern.StartsWith(".", StringComparison.Ordinal)).ToList();
                    if (found.Count == 0) continue;
                    result.AddRange(found);
                    break;
                }
            }
            return result;
        }

        /// <summary>first_found: the first of the given names (strings, lists, or dicts with files/paths) that exists.</summary>
        private static List<object?> FirstFound(LookupContext c, List<object?> terms, CallArgs o)
        {
            var files = new List<string>();
            var paths = new List<string>();
            var skip = o.Bool(-1, "skip", false);
            void AddSplit(List<string> target, object? value)
            {
                foreach (var item in value is string s ? new List<object?> { s } : Ops.ToList(value))
                    target.AddRange(Regex.Split(Ops.Str(item), "[,;]").Where(x => x.Length > 0));
            }
            foreach (var term in Flatten(terms))
            {
                if (Ops.Check(term) is IDictionary<object, object?> d)
                {
                    if (d.TryGetValue("files", out var f)) AddSplit(files, f);
                    if (d.TryGetValue("paths", out var p)) AddSplit(paths, p);
                    if (d.TryGetValue("skip", out var sk)) skip = Ops.Truthy(sk);
                }
                else files.Add(Ops.Str(term));
            }
            if (o.Has(-1, "files")) AddSplit(files, o.Get(-1, "files"));
            if (o.Has(-1, "paths")) AddSplit(paths, o.Get(-1, "paths"));
            var candidates = paths.Count == 0 ? files : paths.SelectMany(p => files.Select(f => Path.Combine(p, f))).ToList();
            foreach (var candidate in candidates)
            {
                var found = c.FindFile("files", candidate);
                if (found != null) return new List<object?> { found };
            }
            if (skip) return new List<object?>();
            throw new TemplateError("No file was found when using first_found.");
        }

        /// <summary>
        /// subelements: (item, subitem) pairs of a list (or dict's values) of dicts and the list at a dotted key of each;
        /// the item comes without that key (Ansible pops it); skip_missing passes over items lacking it.
        /// </summary>
        private static List<object?> Subelements(LookupContext c, List<object?> terms, CallArgs o)
        {
            const string usage = "subelements lookup expects a list of two or three items, ";
            if (terms.Count < 2 || terms.Count > 3) throw new TemplateError(usage);
            var source = Ops.Check(terms[0]) is string s ? Listify(s) : Ops.Check(terms[0]);
            if (!(source is IList<object?> || source is IDictionary<object, object?>) || !(terms[1] is string path))
                throw new TemplateError(usage + "first a dict or a list, second a string pointing to the subkey");
            var keys = path.Split('.');
            List<object?> elements;
            if (source is IDictionary<object, object?> d)
            {
                if (d.TryGetValue("skipped", out var skipped) && !(skipped is bool b && !b)) return new List<object?>();
                elements = d.Values.ToList();
            }
            else elements = ((IList<object?>)source).ToList();
            var flags = terms.Count == 3 ? Ops.Check(terms[2]) : new PyDict();
            if (!(flags is IDictionary<object, object?>) && !Ops.Iterate(flags).All(k => k is string ks && ks == "skip_missing"))
                throw new TemplateError(usage + "the optional third item must be a dict with flags ('skip_missing',)");
            var skipMissing = flags is IDictionary<object, object?> fd && fd.TryGetValue("skip_missing", out var sm) && Boolean(sm);
            var result = new List<object?>();
            foreach (var element in elements)
            {
                if (!(Ops.Check(element) is IDictionary<object, object?> item)) throw new TemplateError("subelements lookup expects a dictionary, got '"
                    + Ops.Str(element) + "'");
                if (item.TryGetValue("skipped", out var itemSkipped) && !(itemSkipped is bool sb && !sb)) continue;
                // The item is copied along the key's path, so popping the list changes neither the variable nor the other items.
                var copy = new PyDict(item);
                IDictionary<object, object?> current = copy;
                List<object?> sublist = new List<object?>();
                for (var i = 0; i < keys.Length; i++)
                {
                    var last = i == keys.Length - 1;
                    if (!current.TryGetValue(keys[i], out var value))
                    {
                        if (skipMissing) continue;
                        throw new TemplateError("could not find '" + keys[i] + "' key in iterated item '" + Ops.Str(current) + "'");
                    }
                    if (!last)
                    {
                        if (!(Ops.Check(value) is IDictionary<object, object?> inner))
                        {
                            if (skipMissing) continue;
                            throw new TemplateError("the key " + keys[i] + " should point to a dictionary, got '" + Ops.Str(value) + "'");
                        }
                        var innerCopy = new PyDict(inner);
                        current[keys[i]] = innerCopy;
                        current = innerCopy;
                    }
                    else
                    {
                        if (!(Ops.Check(value) is IList<object?> list)) throw new TemplateError("the key " + keys[i] + " should point to a list, got '"
                            + Ops.Str(value) + "'");
                        sublist = list.ToList();
                        current.Remove(keys[i]);
                    }
                }
                foreach (var sub in sublist) result.Add(new PyTuple(new[] { (object?)copy, sub }));
            }
            return result;
        }

        private static List<object?> Pipe(LookupContext c, List<object?> terms, CallArgs o) =>
            terms.Select(t =>
            {
                var (code, output) = Shell(c, Ops.Str(t));
                if (code != 0) throw new TemplateError("lookup_plugin.pipe(" + Ops.Str(t) + ") returned " + code);
                return (object?)Methods.Strip(output, null, false, true);
            }).ToList();

        private static List<object?> Lines(LookupContext c, List<object?> terms, CallArgs o)
        {
            var result = new List<object?>();
            foreach (var t in terms)
            {
                var (code, output) = Shell(c, Ops.Str(t));
                if (code != 0) throw new TemplateError("lookup_plugin.lines(" + Ops.Str(t) + ") returned " + code);
                result.AddRange(Methods.SplitLines(output, false));
            }
            return result;
        }

        /// <summary>/bin/sh -c in the base directory, as subprocess.Popen(shell=True) runs it.</summary>
        private static (int Code, string Output) Shell(LookupContext c, string command)
        {
            var start = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = c.BaseDirectory,
                StandardOutputEncoding = new UTF8Encoding(false),
            };
            start.Arguments = "-c " + ShellArgument(command);
            using (var process = Process.Start(start)!)
            {
                process.StandardInput.Close();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, output);
            }
        }

        /// <summary>One argument for ProcessStartInfo.Arguments (netstandard2.0 has no ArgumentList).</summary>
        private static string ShellArgument(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
