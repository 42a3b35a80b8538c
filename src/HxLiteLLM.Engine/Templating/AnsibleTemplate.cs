using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// Renders the way ansible-core 2.14's template module does: trim_blocks on, the <c>#jinja2:</c> first-line
    /// overrides, newline normalisation and the trailing-newline fix-up, and the template_* variables.
    /// </summary>
    public static class AnsibleTemplate
    {
        private const string HeaderPrefix = "#jinja2:";
        private static readonly Caches PlainCaches = new Caches();
        // What was compiled with vault secrets (decrypted templates) is kept apart, per secret list, and dropped with it.
        private static readonly ConditionalWeakTable<IReadOnlyList<VaultSecret>, Caches> SecretCaches = new ConditionalWeakTable<IReadOnlyList<VaultSecret>,
            Caches>();

        private sealed class Caches
        {
            public readonly ConcurrentDictionary<string, TemplateEnvironment> Environments = new ConcurrentDictionary<string, TemplateEnvironment>(StringComparer.Ordinal);
            public readonly ConcurrentDictionary<string, (DateTime Modified, long Length, CompiledTemplate Template, int SourceNewlines)> Files =
                new ConcurrentDictionary<string, (DateTime, long, CompiledTemplate, int)>(StringComparer.Ordinal);
        }

        private static Caches CachesFor(TemplateOptions options) =>
            options.VaultSecrets.Count == 0 ? PlainCaches : SecretCaches.GetValue(options.VaultSecrets, _ => new Caches());

        /// <summary>Renders template source text; <paramref name="loaderRoot"/> is where include/import look.</summary>
        public static string Render(string source, IDictionary<object, object?> variables, string templateName = "<template>", TemplateOptions? options = null,
            string? loaderRoot = null)
        {
            var (template, newlines) = Compile(source, templateName, options, loaderRoot);
            return FixTrailingNewlines(template.Render(variables), newlines, template.Environment.Options.NewlineSequence);
        }

        /// <summary>
        /// Renders a string that comes from a variable, as Ansible's Templar templates one: its backslashes inside
        /// <c>{{ }}</c> escaped, the trailing newlines of the value kept. The variables are already templated values
        /// (a resolver's results): what templating produced is never templated again.
        /// </summary>
        public static string RenderValue(string source, IDictionary<object, object?> variables, string name, TemplateOptions? options = null)
        {
            var (template, _) = Compile(Lexer.EscapeBackslashes(source, options ?? new TemplateOptions()), name, options, null);
            return FixTrailingNewlines(template.Render(variables, valuesTemplated: true), CountTrailingNewlines(source),
                template.Environment.Options.NewlineSequence);
        }

        /// <summary>
        /// Renders a template file with <paramref name="variables"/> plus the template_* variables and ansible_managed
        /// (caller-supplied values of those names win). Includes resolve below the file's directory unless a root is given.
        /// <paramref name="sourceName"/> is the src the task names (template_path), the path itself when not given.
        /// With <paramref name="valuesTemplated"/> the variables are already templated (a resolver's results) and are not templated again.
        /// </summary>
        public static string RenderFile(string path, IDictionary<object, object?> variables, TemplateOptions? options = null, string? loaderRoot = null,
            string? destinationPath = null, string? sourceName = null, bool valuesTemplated = false)
        {
            options ??= new TemplateOptions();
            var cached = Load(path, options, loaderRoot);
            var all = TemplateVariables(path, destinationPath, sourceName);
            foreach (var kv in variables) all[kv.Key] = kv.Value;
            if (all.TryGetValue("ansible_search_path", out var searchPath) && searchPath is IList<object?> paths)
            {
                // The template action extends the task's search path with the playbook folder and the template's own folder.
                var extended = new List<object?>(paths);
                if (all.TryGetValue("playbook_dir", out var playbookDir)) extended.Add(playbookDir);
                extended.Add(Path.GetDirectoryName(Path.GetFullPath(path)));
                all["ansible_search_path"] = extended;
            }
            // The header's newline_sequence (if any) applies to the fix-up too, as ansible-core does.
            return FixTrailingNewlines(cached.Template.Render(all, valuesTemplated), cached.SourceNewlines,
                cached.Template.Environment.Options.NewlineSequence);
        }

        /// <summary>Compiles a template file as <see cref="RenderFile"/> would (header applied, cached), for analysis without rendering.</summary>
        public static CompiledTemplate CompileFile(string path, TemplateOptions? options = null, string? loaderRoot = null) =>
            Load(path, options ?? new TemplateOptions(), loaderRoot).Template;

        private static (DateTime Modified, long Length, CompiledTemplate Template, int SourceNewlines) Load(string path, TemplateOptions options,
            string? loaderRoot)
        {
            var full = Path.GetFullPath(path);
            var info = new FileInfo(full);
            if (!info.Exists) throw new TemplateRuntimeException("could not find src=" + path, path, 0, 0, null);
            var root = loaderRoot ?? Path.GetDirectoryName(full)!;
            var key = full + "\0" + Signature(options) + "\0" + root;
            var files = CachesFor(options).Files;
            if (!files.TryGetValue(key, out var cached) || cached.Modified != info.LastWriteTimeUtc || cached.Length != info.Length)
            {
                string source;
                try { source = TemplateEnvironment.ReadTemplateFile(full, path, options.VaultSecrets); }
                catch (DecoderFallbackException) { throw new TemplateRuntimeException("Template source files must be utf-8 encoded", path, 0, 0, null); }
                var (template, newlines) = Compile(source, path, options, root);
                cached = (info.LastWriteTimeUtc, info.Length, template, newlines);
                files[key] = cached;
            }
            return cached;
        }

        /// <summary>
        /// What the template action adds: ansible_managed ("Ansible managed", the default string), template_host,
        /// template_path, template_fullpath, template_uid, template_mtime, template_run_date, template_destpath.
        /// Dates are Python datetime objects in local time; template_uid is the current user (file owners are not portable).
        /// </summary>
        public static PyDict TemplateVariables(string path, string? destinationPath = null, string? sourceName = null)
        {
            var full = Path.GetFullPath(path);
            return new PyDict
            {
                ["template_host"] = Environment.MachineName,
                ["template_path"] = sourceName ?? path,
                ["template_mtime"] = PythonDateTime(File.GetLastWriteTime(full)),
                ["template_uid"] = Environment.UserName,
                ["template_run_date"] = PythonDateTime(DateTime.Now),
                ["template_destpath"] = destinationPath,
                ["template_fullpath"] = full,
                ["ansible_managed"] = "Ansible managed",
            };
        }

        /// <summary>Python's datetime has microseconds; DateTime's 100 ns ticks are cut to them.</summary>
        private static object PythonDateTime(DateTime t) => new PyDateTime(new DateTime(t.Ticks - t.Ticks % 10, t.Kind));

        private static string Signature(TemplateOptions o) => o.TrimBlocks + "|" + o.LstripBlocks + "|" + o.KeepTrailingNewline + "|" + o.NewlineSequence + "|"
            + o.AllowCommandLookups + "|" + o.AllowFileWritingLookups
            + "|" + o.BlockStartString + "\0" + o.BlockEndString + "\0" + o.VariableStartString + "\0" + o.VariableEndString + "\0" + o.CommentStartString
                + "\0" + o.CommentEndString;

        /// <summary>Applies the #jinja2: header (removing that line) and compiles; also returns the source's trailing LF count.</summary>
        internal static (CompiledTemplate Template, int Newlines) Compile(string source, string name, TemplateOptions? options, string? loaderRoot)
        {
            var newlines = CountTrailingNewlines(source);
            var effective = (options ?? new TemplateOptions()).Clone();
            if (source.StartsWith(HeaderPrefix, StringComparison.Ordinal))
            {
                var eol = source.IndexOf('\n');
                var line = eol < 0 ? source.Substring(HeaderPrefix.Length, Math.Max(0, source.Length - 1 - HeaderPrefix.Length))
                    : source.Substring(HeaderPrefix.Length, eol - HeaderPrefix.Length);
                source = source.Substring(eol + 1);
                ApplyHeader(line, effective, name);
            }
            var environment = CachesFor(effective).Environments.GetOrAdd(Signature(effective) + "\0" + loaderRoot,
                _ => new TemplateEnvironment(effective, loaderRoot));
            return (environment.Compile(source, name), newlines);
        }

        private static void ApplyHeader(string line, TemplateOptions options, string name)
        {
            foreach (var pair in line.Split(','))
            {
                var colon = pair.IndexOf(':');
                if (colon < 0)
                    throw new TemplateSyntaxException("failed to parse jinja2 override '" + pair.Trim()
                        + "'. Did you use something different from colon as key-value separator?", name, 1, 1, line);
                var key = pair.Substring(0, colon).Trim();
                var value = pair.Substring(colon + 1).Trim();
                switch (key)
                {
                    case "trim_blocks": options.TrimBlocks = LiteralBool(value, key, name); break;
                    case "lstrip_blocks": options.LstripBlocks = LiteralBool(value, key, name); break;
                    case "keep_trailing_newline": options.KeepTrailingNewline = LiteralBool(value, key, name); break;
                    case "newline_sequence":
                        var text = LiteralString(value, key, name);
                        if (text != "\n" && text != "\r" && text != "\r\n") throw new TemplateSyntaxException("#jinja2: override 'newline_sequence' set to " +
                            "unknown line ending string; this engine supports '\\n', '\\r\\n' and '\\r'", name, 1, 1, line);
                        options.NewlineSequence = text;
                        break;
                    case "block_start_string": options.BlockStartString = Delimiter(value, key, name, line); break;
                    case "block_end_string": options.BlockEndString = Delimiter(value, key, name, line); break;
                    case "variable_start_string": options.VariableStartString = Delimiter(value, key, name, line); break;
                    case "variable_end_string": options.VariableEndString = Delimiter(value, key, name, line); break;
                    case "comment_start_string": options.CommentStartString = Delimiter(value, key, name, line); break;
                    case "comment_end_string": options.CommentEndString = Delimiter(value, key, name, line); break;
                    case "line_statement_prefix": case "line_comment_prefix":
                        if (value != "None")
                            throw new TemplateSyntaxException("#jinja2: override '" + key
                                + "' (line statements and line comments) is not supported by this engine", name, 1, 1, line);
                        break;
                    case "autoescape":
                        if (value != "False")
                            throw new TemplateSyntaxException("#jinja2: override 'autoescape' is not supported by this engine (Ansible does not autoescape)",
                                name, 1, 1, line);
                        break;
                    default:
                        // Ansible sets any other key as an environment attribute, which has no effect on rendering.
                        break;
                }
            }
        }

        /// <summary>A tag delimiter from the header; an empty one (which Jinja cannot lex with) is refused by name.</summary>
        private static string Delimiter(string value, string key, string name, string line)
        {
            var text = LiteralString(value, key, name);
            if (text.Length == 0) throw new TemplateSyntaxException("#jinja2: override '" + key + "' must not be empty", name, 1, 1, line);
            return text;
        }

        private static bool LiteralBool(string value, string key, string name) => value switch
        {
            "True" => true,
            "False" => false,
            _ => throw new TemplateSyntaxException("#jinja2: " + key + " must be True or False, got " + value, name, 1, 1, null),
        };

        private static string LiteralString(string value, string key, string name)
        {
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[value.Length - 1] == value[0])
                return value.Substring(1, value.Length - 2).Replace("\\r", "\r").Replace("\\n", "\n");
            throw new TemplateSyntaxException("#jinja2: " + key + " must be a quoted string, got " + value, name, 1, 1, null);
        }

        internal static int CountTrailingNewlines(string s)
        {
            var n = 0;
            for (var i = s.Length - 1; i >= 0 && s[i] == '\n'; i--) n++;
            return n;
        }

        /// <summary>Ansible's preserve_trailing_newlines: pad the output to as many final LFs as the source had, with the (header's) newline
        /// sequence.</summary>
        internal static string FixTrailingNewlines(string output, int sourceNewlines, string newlineSequence)
        {
            var have = CountTrailingNewlines(output);
            if (sourceNewlines <= have) return output;
            var sb = new StringBuilder(output);
            for (var i = have; i < sourceNewlines; i++) sb.Append(newlineSequence);
            return sb.ToString();
        }
    }
}
