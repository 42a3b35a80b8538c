using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using HxLiteLLM.IO;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja environment settings. Defaults are what Ansible's template module uses.</summary>
    public sealed class TemplateOptions
    {
        public bool TrimBlocks { get; set; } = true;
        public bool LstripBlocks { get; set; }
        /// <summary>"\n", "\r" or "\r\n"; every line break of the source becomes this.</summary>
        public string NewlineSequence { get; set; } = "\n";
        public bool KeepTrailingNewline { get; set; }
        /// <summary>Jinja's tag delimiters; a template's #jinja2: line may set others.</summary>
        public string BlockStartString { get; set; } = "{%";
        public string BlockEndString { get; set; } = "%}";
        public string VariableStartString { get; set; } = "{{";
        public string VariableEndString { get; set; } = "}}";
        public string CommentStartString { get; set; } = "{#";
        public string CommentEndString { get; set; } = "#}";
        /// <summary>
        /// Ansible templates variable values that contain Jinja markers when they are read ("{{ host }}:80"),
        /// recursively and lazily, turning list/dict/bool-looking results back into values.
        /// </summary>
        public bool TemplateVariableValues { get; set; } = true;
        /// <summary>Lets the lookups that run commands on this machine (pipe, lines) run; off, they fail with a clear error.</summary>
        public bool AllowCommandLookups { get; set; }
        /// <summary>Lets the lookup that creates files on this machine (password: a missing password file is generated and saved) run; off, it fails with a
        /// clear error.</summary>
        public bool AllowFileWritingLookups { get; set; }
        /// <summary>The Ansible configuration the config lookup reads (the one the caller read); null: the one Ansible would find from the current
        /// directory.</summary>
        public HxLiteLLM.Remote.AnsibleConfig? AnsibleConfig { get; set; }

        /// <summary>
        /// Secrets that open vault-encrypted template files (the rendered one and those it includes, imports or
        /// extends), as the template module opens them; with none, such a file is refused instead of being read as text.
        /// </summary>
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = Array.Empty<VaultSecret>();

        public TemplateOptions Clone() => (TemplateOptions)MemberwiseClone();
    }

    /// <summary>
    /// Compiles templates and resolves include/import/extends below one root directory (never outside it).
    /// Thread-safe: compiled templates are immutable and cached by path, size and modification time.
    /// </summary>
    public sealed class TemplateEnvironment
    {
        private static readonly string[] GlobalNames = { "range", "dict", "namespace", "cycler", "joiner", "lipsum", "lookup", "query", "q", "now", "undef" };
        // Ansible globals this engine defines but refuses to run (none today; the coverage table lists this set).
        private static readonly string[] UnsupportedGlobalNames = { };
        private readonly ConcurrentDictionary<string, (DateTime Modified, long Length, CompiledTemplate Template)> _cache =
            new ConcurrentDictionary<string, (DateTime, long, CompiledTemplate)>(StringComparer.Ordinal);

        // Compiled sources by name and text, so rendering the same role template again (per host) does not reparse.
        private readonly ConcurrentDictionary<(string Name, string Source), CompiledTemplate> _compiled = new ConcurrentDictionary<(string, string),
            CompiledTemplate>();
        private const int MaxCompiledSources = 10_000;
        private static readonly Frame SharedGlobals = BuildGlobals();

        public TemplateEnvironment(TemplateOptions? options = null, string? loaderRoot = null)
        {
            Options = options?.Clone() ?? new TemplateOptions();
            if (Options.NewlineSequence != "\n" && Options.NewlineSequence != "\r" && Options.NewlineSequence != "\r\n")
                throw new ArgumentException("newline_sequence must be one of \\n, \\r or \\r\\n", nameof(options));
            LoaderRoot = loaderRoot == null ? null : Path.GetFullPath(loaderRoot);
            ValueOptions = HasDefaultDelimiters(Options) ? Options : WithDefaultDelimiters(Options);
        }

        private static bool HasDefaultDelimiters(TemplateOptions o) =>
            o.BlockStartString == "{%" && o.BlockEndString == "%}" && o.VariableStartString == "{{" && o.VariableEndString == "}}"
            && o.CommentStartString == "{#" && o.CommentEndString == "#}";

        private static TemplateOptions WithDefaultDelimiters(TemplateOptions options)
        {
            var values = options.Clone();
            values.BlockStartString = "{%";
            values.BlockEndString = "%}";
            values.VariableStartString = "{{";
            values.VariableEndString = "}}";
            values.CommentStartString = "{#";
            values.CommentEndString = "#}";
            return values;
        }

        /// <summary>
        /// <see cref="Options"/> with the default delimiters: variable values are lexed with these, whatever delimiters
        /// a template's #jinja2: line set, as Ansible templates them.
        /// </summary>
        internal TemplateOptions ValueOptions { get; }

        public TemplateOptions Options { get; }
        /// <summary>Directory that include/import/extends names are relative to; null disables loading.</summary>
        public string? LoaderRoot { get; }

        /// <summary>Names every template can read without being given them.</summary>
        public static IReadOnlyCollection<string> Globals => GlobalNames;

        /// <summary>Ansible globals this engine defines but refuses to call (lookup, query, q, now, undef).</summary>
        public static IReadOnlyCollection<string> UnsupportedGlobals => UnsupportedGlobalNames;

        /// <summary>Filter names this engine implements (Jinja built-ins and Ansible's; ansible.builtin.* also accepted).</summary>
        public static IReadOnlyCollection<string> KnownFilters => Filters.Names;

        /// <summary>Test names this engine implements.</summary>
        public static IReadOnlyCollection<string> KnownTests => Tests.Names;

        /// <summary>
        /// Compiles <paramref name="source"/>, or returns this environment's earlier compilation of the same name and
        /// text; syntax errors are <see cref="TemplateSyntaxException"/> with position.
        /// </summary>
        public CompiledTemplate Compile(string source, string templateName = "<template>") => Compile(source, templateName, Options);

        private CompiledTemplate Compile(string source, string templateName, TemplateOptions lexOptions)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (templateName == null) throw new ArgumentNullException(nameof(templateName));
            var key = (templateName, source);
            if (_compiled.TryGetValue(key, out var cached)) return cached;
            var template = CompileUncached(source, templateName, lexOptions);
            if (_compiled.Count >= MaxCompiledSources) _compiled.Clear();
            _compiled[key] = template;
            return template;
        }

        private CompiledTemplate CompileUncached(string source, string templateName, TemplateOptions lexOptions)
        {
            var normalized = Lexer.Normalize(source, lexOptions);
            var map = new SourceMap(normalized);
            var tokens = Lexer.Tokenize(normalized, lexOptions, templateName, map);
            var parsed = Parser.ParseTemplate(tokens, map, templateName);
            return new CompiledTemplate(this, templateName, normalized, parsed);
        }

        /// <summary>Compiles a variable's value as a template with the default delimiters (cached like any source).</summary>
        internal CompiledTemplate CompileValue(string text, string variableName) => Compile(text, "<variable '" + variableName + "'>", ValueOptions);

        /// <summary>Loads and compiles a template below <see cref="LoaderRoot"/> (cached).</summary>
        public CompiledTemplate GetTemplate(string name)
        {
            if (TryLoad(name, out var template)) return template!;
            throw new TemplateRuntimeException("template not found: " + name, name, 0, 0, null);
        }

        internal bool TryLoad(string name, out CompiledTemplate? template)
        {
            template = null;
            var path = ResolveBelowRoot(name);
            if (path == null || !File.Exists(path)) return false;
            var info = new FileInfo(path);
            if (_cache.TryGetValue(path, out var cached) && cached.Modified == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                template = cached.Template;
                return true;
            }
            string source;
            try { source = ReadTemplateFile(path, name, Options.VaultSecrets); }
            catch (DecoderFallbackException) { throw new TemplateError("template " + name + " is not valid UTF-8"); }
            template = CompileUncached(source, name, Options);
            _cache[path] = (info.LastWriteTimeUtc, info.Length, template);
            return true;
        }

        /// <summary>
        /// A template file's text: a whole-file vault is decrypted with <paramref name="secrets"/> (refused without any,
        /// as Ansible refuses it), then UTF-8 as Python decodes it: strict, and a byte order mark stays in the text
        /// (Ansible copies it to the output). Only a regular file of at most <see cref="MaxFileBytes"/> is read: a device
        /// (/dev/zero), pipe or socket, or a larger file, is refused unread.
        /// </summary>
        internal static string ReadTemplateFile(string path, string name, IReadOnlyList<VaultSecret> secrets) => ReadTemplateFile(path, name, secrets, out _);

        /// <inheritdoc cref="ReadTemplateFile(string, string, IReadOnlyList{VaultSecret})"/>
        internal static string ReadTemplateFile(string path, string name, IReadOnlyList<VaultSecret> secrets, out bool vaulted)
        {
            var bytes = ReadBounded(path, name);
            vaulted = VaultEnvelope.IsEncrypted(bytes);
            if (vaulted)
            {
                if (secrets.Count == 0)
                {
                    throw new TemplateRuntimeException("A vault password or secret must be specified to decrypt " + path, name, 0, 0, null, null,
                        "the template is vault-encrypted: give the vault password (-VaultPassword or -VaultPasswordFile)");
                }
                try { bytes = VaultCipher.Decrypt(bytes, secrets, path); }
                catch (VaultException e) { throw new TemplateRuntimeException(e.Message, name, 0, 0, null, e); }
            }
            return new UTF8Encoding(false, true).GetString(bytes);
        }

        /// <summary>Files a template or a lookup reads are refused above this size: the limit of a template's output.</summary>
        public const int MaxFileBytes = Ops.MaxStringLength;

        private static byte[] ReadBounded(string path, string name)
        {
            var stat = PosixStat.Of(path, followLinks: true);
            if (stat != null && !stat.Value.IsRegularFile)
                throw new TemplateRuntimeException(name + " is not a regular file (a device, pipe or socket); only regular files are read", name, 0, 0, null);
            var tooLarge = name + " is larger than " + MaxFileBytes + " bytes (16 MiB), the limit for a file a template reads; it was not read";
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                if (stream.Length > MaxFileBytes) throw new TemplateRuntimeException(tooLarge, name, 0, 0, null);
                var buffer = new MemoryStream();
                var chunk = new byte[81920];
                for (int n; (n = stream.Read(chunk, 0, chunk.Length)) > 0;)
                {
                    if (buffer.Length + n > MaxFileBytes) throw new TemplateRuntimeException(tooLarge, name, 0, 0, null);
                    buffer.Write(chunk, 0, n);
                }
                return buffer.ToArray();
            }
        }

        /// <summary>Jinja's split_template_path rules: '/'-separated, no '..' segment, and the result stays inside the root.</summary>
        private string? ResolveBelowRoot(string name)
        {
            if (LoaderRoot == null) return null;
            var segments = new List<string>();
            foreach (var piece in name.Split('/'))
            {
                if (piece.IndexOf(Path.DirectorySeparatorChar) >= 0 || piece.IndexOf(Path.AltDirectorySeparatorChar) >= 0 || piece == "..") return null;
                if (piece.Length > 0 && piece != ".") segments.Add(piece);
            }
            if (segments.Count == 0) return null;
            var full = Path.GetFullPath(Path.Combine(new[] { LoaderRoot }.Concat(segments).ToArray()));
            var root = LoaderRoot.EndsWith(Path.DirectorySeparatorChar.ToString()) ? LoaderRoot : LoaderRoot + Path.DirectorySeparatorChar;
            return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
        }

        /// <summary>The frame of globals every root frame sits on; shared by all renders and never assigned to.</summary>
        internal Frame GlobalsFrame() => SharedGlobals;

        private static Frame BuildGlobals()
        {
            var globals = new Frame(null);
            globals.Set("range", new NativeFunction("range", (c, a) => Range(a)));
            globals.Set("dict", new NativeFunction("dict", (c, a) =>
            {
                var d = new PyDict();
                if (a.Positional.Count > 0)
                {
                    if (Ops.Check(a.Positional[0]) is IDictionary<object, object?> source) foreach (var kv in source) d[kv.Key] = kv.Value;
                    else
                    {
                        foreach (var pair in Ops.Iterate(a.Positional[0]))
                        {
                            var items = Ops.ToList(pair);
                            if (items.Count != 2) throw new TemplateError("dictionary update sequence element has length " + items.Count + "; 2 is required");
                            d[items[0] ?? throw new TemplateError("unhashable key None")] = items[1];
                        }
                    }
                }
                foreach (var kw in a.Keywords) d[kw.Key] = kw.Value;
                return d;
            }));
            globals.Set("namespace", new NativeFunction("namespace", (c, a) =>
            {
                var ns = new Namespace();
                if (a.Positional.Count > 0 && a.Positional[0] is IDictionary<object, object?> init) foreach (var kv in init) ns.Attributes[kv.Key] = kv.Value;
                foreach (var kw in a.Keywords) ns.Attributes[kw.Key] = kw.Value;
                return ns;
            }));
            foreach (var name in UnsupportedGlobalNames)
            {
                globals.Set(name, new NativeFunction(name, (c, a) =>
                    throw new TemplateError(name + "() is not supported here: templates rendered by this engine cannot read files, the environment, the "
                        + "network or the clock; pass the value in as a variable")));
            }
            globals.Set("lookup", new NativeFunction("lookup", (c, a) => Lookups.Run(c, a, false)));
            globals.Set("query", new NativeFunction("query", (c, a) => Lookups.Run(c, a, true)));
            globals.Set("q", new NativeFunction("q", (c, a) => Lookups.Run(c, a, true)));
            globals.Set("cycler", new NativeFunction("cycler", (c, a) => new Cycler(a.Positional)));
            globals.Set("lipsum", new NativeFunction("lipsum", (c, a) => Lipsum.Generate(a)));
            globals.Set("now", new NativeFunction("now", (c, a) => Now(a)));
            globals.Set("undef", new NativeFunction("undef", (c, a) => Undef(a)));
            globals.Set("joiner", new NativeFunction("joiner", (c, a) =>
            {
                var sep = a.Str(0, "sep", ", ");
                var used = false;
                return new NativeFunction("joiner", (c2, a2) =>
                {
                    if (!used) { used = true; return ""; }
                    return sep;
                });
            }));
            return globals;
        }

        /// <summary>Ansible's now(utc=False, fmt=None): the controller's clock as a naive datetime, or formatted when fmt is truthy.</summary>
        private static object Now(CallArgs a)
        {
            var clock = a.Bool(0, "utc", false) ? DateTime.UtcNow : DateTime.Now;
            var now = new PyDateTime(new DateTime(clock.Ticks - clock.Ticks % 10, DateTimeKind.Unspecified));
            var format = a.Get(1, "fmt");
            return Ops.Truthy(format) ? now.StrftimeOf(Ops.Str(format!)) : now;
        }

        /// <summary>Ansible's undef(hint=None): an undefined value whose message is the hint (Ansible's wording when none is given).</summary>
        private static object Undef(CallArgs a)
        {
            var hint = a.Get(0, "hint");
            var message = hint == null || hint is Undefined || (hint is string text && text.Length == 0) ? "Mandatory variable has not been overridden"
                : Ops.Str(hint);
            return new Undefined(message, null);
        }

        private static object Range(CallArgs a)
        {
            long start = 0, stop, step = 1;
            if (a.Positional.Count == 1) stop = a.Int(0, "stop", 0);
            else
            {
                start = a.Int(0, "start", 0);
                stop = a.Int(1, "stop", 0);
                step = a.Int(2, "step", 1);
            }
            if (step == 0) throw new TemplateError("range() arg 3 must not be zero");
            var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
            if (count > 100_000) throw new TemplateError("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
            var list = new List<object?>();
            for (var i = start; step > 0 ? i < stop : i > stop; i += step) list.Add(i);
            return list;
        }

        /// <summary>Attaches template name, line, column and excerpt to an evaluation error.</summary>
        internal TemplateException Positioned(TemplateError error, RenderContext context)
        {
            if (error.Undefined is UndefinedName name)
            {
                var candidates = name.Frame.VisibleNames().Where(n => !GlobalNames.Contains(n) && !UnsupportedGlobalNames.Contains(n)).Distinct();
                var suggestion = DidYouMean.Closest(name.VariableName!, candidates);
                return new UndefinedVariableException(error.Message, name.VariableName, suggestion, name.Template.Name, name.Node.Line, name.Node.Column,
                    name.Template.Source);
            }
            var node = context.Position;
            var template = context.Template;
            if (error.Undefined != null)
            {
                var keys = error.Undefined.Container is IDictionary<object, object?> d ? d.Keys.OfType<string>() : Enumerable.Empty<string>();
                var suggestion = error.Undefined.VariableName != null ? DidYouMean.Closest(error.Undefined.VariableName, keys) : null;
                return new UndefinedVariableException(error.Message, null, suggestion, template.Name, node?.Line ?? 0, node?.Column ?? 0, template.Source);
            }
            return new TemplateRuntimeException(error.Message, template.Name, node?.Line ?? 0, node?.Column ?? 0, template.Source, error);
        }

        /// <summary>Rejects anything outside the value model so templates can never reach .NET members.</summary>
        internal static void Validate(object? value, string name)
        {
            try { CheckValueModel(value, 0); }
            catch (InvalidVariableValue e)
            {
                e.ReversedPath.Add(name);
                e.ReversedPath.Reverse();
                throw new TemplateRuntimeException("variable " + string.Concat(e.ReversedPath) + " " + e.Message, null, 0, 0, null);
            }
        }

        /// <summary>The walk behind <see cref="Validate"/>; the path to a bad value is only built when there is one.</summary>
        private static void CheckValueModel(object? value, int depth)
        {
            if (depth > 200) throw new InvalidVariableValue("is nested too deeply (or contains itself)");
            switch (value)
            {
                case null: case bool _: case string _: case long _: case int _: case double _: case BigInteger _: case LazyMapping _: case PyDateTime _:
                    return;
                case IDictionary<object, object?> d:
                    foreach (var kv in d)
                    {
                        if (!(kv.Key is string || PyNumber.IsNumber(kv.Key) || kv.Key is PyTuple)) throw new InvalidVariableValue("has a key of unsupported " +
                            "type " + kv.Key.GetType().FullName);
                        try { CheckValueModel(kv.Value, depth + 1); }
                        catch (InvalidVariableValue e)
                        {
                            e.ReversedPath.Add("[" + PyRepr.Repr(kv.Key) + "]");
                            throw;
                        }
                    }
                    return;
                case PyTuple t:
                    CheckItems(t, depth);
                    return;
                case IList<object?> l:
                    CheckItems(l as IReadOnlyList<object?> ?? new List<object?>(l), depth);
                    return;
                default:
                    throw new InvalidVariableValue("is a " + value.GetType().FullName +
                        "; templates accept only null, bool, long, double, BigInteger, string, List<object?>, PyTuple and PyDict values");
            }
        }

        private static void CheckItems(IReadOnlyList<object?> items, int depth)
        {
            for (var i = 0; i < items.Count; i++)
            {
                try { CheckValueModel(items[i], depth + 1); }
                catch (InvalidVariableValue e)
                {
                    e.ReversedPath.Add("[" + i + "]");
                    throw;
                }
            }
        }

        private sealed class InvalidVariableValue : Exception
        {
            public InvalidVariableValue(string message) : base(message) { }
            public List<string> ReversedPath { get; } = new List<string>();
        }
    }

    /// <summary>A parsed template: render it any number of times, concurrently if wanted.</summary>
    public sealed class CompiledTemplate
    {
        private readonly IReadOnlyCollection<string> _unknownFilters;
        // Name analyses are only read by role validation, so they are worked out on first use, not per compile.
        private readonly Lazy<IReadOnlyCollection<string>> _freeVariables;
        private readonly Lazy<IReadOnlyCollection<string>> _unsupportedGlobals;
        // The last output's length, so a new render buffer starts big enough.
        private int _lastOutputLength;
        // One output buffer per thread is kept between renders (up to this many characters), so a render allocates
        // only its result string.
        private const int MaxSpareOutput = 1 << 18;
        [ThreadStatic] private static StringBuilder? _spareOutput;

        internal CompiledTemplate(TemplateEnvironment environment, string name, string source, ParsedTemplate parsed)
        {
            Environment = environment;
            Name = name;
            Source = source;
            Body = parsed.Body;
            Blocks = parsed.Blocks;
            FiltersUsed = parsed.FilterNames;
            TestsUsed = parsed.TestNames;
            _unknownFilters = FiltersUsed.Where(f => !Filters.TryGet(f, out _)).ToList();
            UnknownTests = TestsUsed.Where(t => !Tests.TryGet(t, out _)).ToList();
            _freeVariables = new Lazy<IReadOnlyCollection<string>>(() =>
                Analysis.FreeVariables(Body, TemplateEnvironment.Globals.Concat(TemplateEnvironment.UnsupportedGlobals).ToList()));
            _unsupportedGlobals = new Lazy<IReadOnlyCollection<string>>(() =>
                Analysis.FreeVariables(Body, TemplateEnvironment.Globals.ToList()).Where(n => TemplateEnvironment.UnsupportedGlobals.Contains(n)).ToList());
        }

        public TemplateEnvironment Environment { get; }
        public string Name { get; }
        /// <summary>The source after newline normalisation (what positions refer to).</summary>
        public string Source { get; }
        internal List<Stmt> Body { get; }
        /// <summary>Every block tag of the template, wherever nested.</summary>
        internal IReadOnlyList<BlockStmt> Blocks { get; }

        /// <summary>Variables read from the caller's dictionary (not set/loop/macro locals or globals).</summary>
        public IReadOnlyCollection<string> FreeVariables => _freeVariables.Value;
        public IReadOnlyCollection<string> FiltersUsed { get; }
        public IReadOnlyCollection<string> TestsUsed { get; }
        /// <summary>Filters this engine does not provide; rendering fails with Jinja's "No filter named 'x'.".</summary>
        public IReadOnlyCollection<string> UnknownFilters => _unknownFilters;
        public IReadOnlyCollection<string> UnknownTests { get; }
        /// <summary>Ansible globals the template reads that this engine refuses to run (lookup, query, now …).</summary>
        public IReadOnlyCollection<string> UnsupportedGlobals => _unsupportedGlobals.Value;

        /// <summary>Renders with <paramref name="variables"/> (value model only). Failures are <see cref="TemplateException"/>s.</summary>
        /// <param name="valuesTemplated">The values are the results of templating (a resolver's): they are not templated again.</param>
        public string Render(IDictionary<object, object?> variables, bool valuesTemplated = false)
        {
            if (variables == null) throw new ArgumentNullException(nameof(variables));
            foreach (var kv in variables)
            {
                if (!(kv.Key is string)) throw new TemplateRuntimeException("variable names must be strings, got " + kv.Key.GetType().FullName, Name, 0, 0,
                    null);
                TemplateEnvironment.Validate(kv.Value, (string)kv.Key);
            }
            FailOnUnknown(_unknownFilters, n => n is FilterExpr f ? f.Name : null, "filter", TemplateEnvironment.KnownFilters);
            FailOnUnknown(UnknownTests, n => n is TestExpr t ? t.Name : null, "test", TemplateEnvironment.KnownTests);
            if (!Environment.Options.TemplateVariableValues) return Render(new PlainVariables(variables));
            try
            {
                return Render(new AnsibleVariables(Environment, variables, copiesValues: false, templatesValues: !valuesTemplated));
            }
            catch (SharedValueMutation)
            {
                return Render(new AnsibleVariables(Environment, variables, copiesValues: true, templatesValues: !valuesTemplated));
            }
        }

        internal string Render(IVariableSource variables)
        {
            var context = new RenderContext(Environment, this) { Variables = variables };
            var interpreter = new Interpreter(context);
            var root = new Frame(Environment.GlobalsFrame(), variables);
            // The thread's spare buffer, if no render on this thread holds it (values render inside a render).
            var output = _spareOutput ?? new StringBuilder(Math.Max(Source.Length, _lastOutputLength) + 64);
            _spareOutput = null;
            interpreter.RenderTemplate(this, root, output);
            _lastOutputLength = Math.Min(output.Length, MaxSpareOutput);
            var text = output.ToString();
            if (output.Capacity <= MaxSpareOutput) _spareOutput = output.Clear();
            return text;
        }

        private void FailOnUnknown(IReadOnlyCollection<string> unknown, Func<Node, string?> nameOf, string kind, IEnumerable<string> known)
        {
            if (unknown.Count == 0) return;
            // A loop, not First(lambda): the lambda's closure would be allocated on every render, unknown names or not.
            foreach (var node in Analysis.Descendants(Body))
            {
                var name = nameOf(node);
                if (!unknown.Contains(name)) continue;
                var suggestion = DidYouMean.Closest(name!, known);
                throw new TemplateSyntaxException("No " + kind + " named '" + name + "'.", Name, node.Line, node.Column, Source, suggestion != null
                    ? "(did you mean '" + suggestion + "'?)" : null);
            }
            throw new InvalidOperationException("no node of the template names its unknown " + kind);
        }
    }
}
