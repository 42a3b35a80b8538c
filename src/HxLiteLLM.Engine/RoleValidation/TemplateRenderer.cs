using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Renders templates as the template module does on the controller, with a host's variables resolved lazily.
    /// A file holding a vault-sourced value is written mode 0600; others follow the umask. Writes are atomic.
    /// </summary>
    public sealed class TemplateRenderer
    {
        /// <summary>Owner read/write only.</summary>
        public const int SecretFileMode = 0x180;

        private readonly HostVariables _variables;
        private readonly VariableResolver _resolver;
        private readonly TemplateOptions? _options;
        private VariableResolver? _maskedResolver;

        /// <param name="options">Template module defaults when null; <see cref="TemplateOptions.AllowCommandLookups"/> opts in to pipe/lines.</param>
        public TemplateRenderer(HostVariables variables, TemplateOptions? options = null)
        {
            _variables = variables;
            _resolver = new VariableResolver(variables.Values);
            _options = options;
        }

        /// <summary>
        /// The rendered text of a template (nothing written). Errors are <see cref="HxException"/>s naming file, line and
        /// column; the error of a render that read a secret is told by <see cref="SecretSafeError"/>.
        /// </summary>
        public (string Text, bool ContainsSecrets) RenderText(TemplateFile template, string destinationPath)
        {
            var closure = (IReadOnlyCollection<string>)Array.Empty<string>();
            var readsByName = false;
            using (var lookupSecrets = LookupSecrets.Collect())
            {
                try
                {
                    var options = Options();
                    var names = NamesRead(template, options);
                    // hostvars and lookups (vars, template) reach variables by a name computed at render time.
                    readsByName = names.Contains("hostvars") || names.Contains("ansible_search_path");
                    closure = _resolver.Closure(names);
                    var values = _resolver.Resolve(closure);
                    var secretInputs = closure.Where(n => _variables.VaultedNames.Contains(n)).ToList();
                    // A value derived from a secret (e.g. "Bearer {{ key }}" or key|b64encode) is a secret too.
                    foreach (var n in closure.Where(n => values[n] is string
                        && _resolver.Closure(_resolver.Dependencies(n)).Any(d => _variables.VaultedNames.Contains(d))))
                    {
                        _variables.Redactor.Register((string)values[n]!);
                    }
                    // A role's task names its template relative to templates/ (src: litellm.env.j2): that is template_path.
                    var text = AnsibleTemplate.RenderFile(template.Path, values, options, template.LoaderRoot, destinationPath, template.RolePath != null
                        ? template.Name : null, valuesTemplated: true);
                    // What lookups read from password files, keys and vaults is a secret like a vault value.
                    foreach (var secret in lookupSecrets.Values) _variables.Redactor.Register(secret);
                    return (text, lookupSecrets.Values.Count > 0 || secretInputs.Count > 0 || _variables.Redactor.ContainsSecret(text));
                }
                catch (HxException e)
                {
                    foreach (var secret in lookupSecrets.Values) _variables.Redactor.Register(secret);
                    if (lookupSecrets.Values.Count > 0 || closure.Any(ReadsSecret)
                        || (readsByName && (_variables.VaultedNames.Count > 0 || _variables.Redactor.HasSecrets)))
                        throw SecretSafeError(e, () => RenderMasked(template, destinationPath), template.Path,
                            e is TemplateException t && t.TemplateName != null ? t.TemplateName : template.Name);
                    // Messages of the engine quote template source and variable names; a value only when no secret was read.
                    if (e is TemplateException caught)
                    {
                        // The render sees only the variables the template reads: the suggestion comes from all the host's, as in validation.
                        var told = caught is UndefinedVariableException undefined && undefined.VariableName != null
                            ? undefined.SuggestingFrom(_variables.SuggestionNames) : caught;
                        throw new HxException(ErrorId(told), _variables.Redactor.Redact(told.Message), template.Path, told.Line, told.Column, told,
                            told.ErrorKind);
                    }
                    throw;
                }
            }
        }

        private static string ErrorId(HxException e) =>
            e is UndefinedVariableException ? "TemplateUndefinedVariable" : e is TemplateSyntaxException ? "TemplateSyntaxError" : e is TemplateException
                ? "TemplateRenderError" : e.ErrorId;

        /// <summary>
        /// The error of a render that read a secret, with no part of the secret in it: a message may quote the value
        /// an expression failed on (a missing key, a date that does not parse, mandatory's message), and that value
        /// may be a slice, an upper-cased or encoded form of the secret, which no redaction of the exact value catches.
        /// So the message is the one the render gives with every secret masked (<see cref="RenderMasked"/>) when that
        /// render fails the same way at the same place; otherwise only the kind and position are told. The original
        /// exception is not kept as the inner one: its text would carry the value.
        /// </summary>
        /// <param name="failMasked">Does the same with every secret masked (a render, a variable's value).</param>
        /// <param name="what">The template or variable the message names.</param>
        private HxException SecretSafeError(HxException error, Action failMasked, string path, string what)
        {
            var id = ErrorId(error);
            try
            {
                failMasked();
            }
            catch (HxException masked) when (ErrorId(masked) == id && masked.Line == error.Line && masked.Column == error.Column)
            {
                return new HxException(id, _variables.Redactor.Redact(masked.Message), path, error.Line, error.Column, kind: error.ErrorKind);
            }
            catch (Exception)
            {
                // Failing differently with the secrets masked: the message cannot be told safely.
            }
            var where = error.Line > 0 ? " at line " + error.Line + (error.Column > 0 ? ", column " + error.Column : "") : "";
            return new HxException(id, what + ": " + id + where +
                " on a value read from or derived from a secret; the message is withheld so that no part of the secret is shown. Check the expression there.",
                path, error.Line, error.Column, kind: error.ErrorKind);
        }

        /// <summary>
        /// A host variable's value as Ansible templates it (null when undefined). The error of a value that read a secret
        /// (the master key, a vault value) is told by <see cref="SecretSafeError"/>, as a template's is.
        /// </summary>
        /// <param name="path">The file the error names (the inventory).</param>
        public object? VariableValue(string name, string path)
        {
            if (!_resolver.IsDefined(name)) return null;
            try
            {
                return _resolver.Value(name);
            }
            catch (HxException e) when (_resolver.Closure(new[] { name }).Any(ReadsSecret))
            {
                throw SecretSafeError(e, () => MaskedResolver().Value(name), path, name);
            }
        }

        private VariableResolver MaskedResolver() => _maskedResolver ??= new VariableResolver(Masked(_variables.Values));

        /// <summary>Renders into <paramref name="outputDirectory"/> (when <paramref name="write"/>) and files a copy with masked secrets as evidence.</summary>
        /// <param name="evidenceFolder">Folder of the copy inside the run's role-validation evidence, e.g. rendered/&lt;host&gt;.</param>
        public RenderedTemplate Render(TemplateFile template, string outputDirectory, EvidenceStore? evidence, bool write,
            string evidenceFolder = EvidenceArea.RenderedFolder) =>
            Write(Prepare(template, outputDirectory), evidence, write, evidenceFolder);

        /// <summary>Renders a template for <paramref name="outputDirectory"/> into memory: nothing is written yet.</summary>
        public PendingRender Prepare(TemplateFile template, string outputDirectory)
        {
            var output = OutputPath(template, outputDirectory);
            var (text, secret) = RenderText(template, output);
            return new PendingRender(template, Path.GetFullPath(outputDirectory), output, AtomicFile.Utf8.GetBytes(text), secret);
        }

        /// <summary>Writes what <see cref="Prepare"/> rendered (atomically, 0600 when it holds secrets) and files the evidence copy.</summary>
        public RenderedTemplate Write(PendingRender pending, EvidenceStore? evidence, bool write, string evidenceFolder = EvidenceArea.RenderedFolder)
        {
            // As the template module: an output that already has these bytes is left alone (no write, changed=false).
            if (write) ContainedPath.Folder(pending.OutputFolder, Path.GetDirectoryName(pending.OutputPath)!);
            if (write && !SameContent(pending.OutputPath, pending.Bytes)) AtomicFile.WriteAllBytes(pending.OutputPath, pending.Bytes, pending.ContainsSecrets
                ? SecretFileMode : (int?)null);
            var result = new RenderedTemplate(pending.Template.Path, pending.OutputPath, Sha256Hex(pending.Bytes), pending.Bytes.Length,
                pending.ContainsSecrets) { WhatIf = !write };
            if (evidence != null) result.EvidencePath = evidence.WriteText(EvidenceArea.RoleValidation, evidenceFolder + "/" + pending.Template.OutputName,
                EvidenceCopy(pending.Template, pending.OutputPath));
            return result;
        }

        /// <summary>Where a template's output goes below <paramref name="outputDirectory"/>.</summary>
        public static string OutputPath(TemplateFile template, string outputDirectory) =>
            Path.Combine(Path.GetFullPath(outputDirectory), template.OutputName.Replace('/', Path.DirectorySeparatorChar));

        private static bool SameContent(string path, byte[] bytes)
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == bytes.Length && File.ReadAllBytes(path).SequenceEqual(bytes);
        }

        /// <summary>The options of a render: the caller's (or the template module's defaults) with the host's vault secrets.</summary>
        private TemplateOptions Options()
        {
            var options = (_options ?? new TemplateOptions()).Clone();
            options.VaultSecrets = _variables.VaultSecrets;
            return options;
        }

        /// <summary>
        /// The copy filed as evidence, safe by construction: the template rendered with its secrets masked
        /// (<see cref="RenderMasked"/>), so nothing derived from a secret (b64encode, slices, upper, hashes) can appear.
        /// </summary>
        private string EvidenceCopy(TemplateFile template, string destinationPath)
        {
            try
            {
                return RenderMasked(template, destinationPath);
            }
            catch (Exception e) when (e is TemplateException || e is HxException)
            {
                // A template that cannot digest the placeholder (e.g. from_json of a secret) gets no copy rather than a real value.
                return "# not rendered for evidence: with its secrets masked the template fails (" + _variables.Redactor.Redact(e.Message) + ")\n";
            }
        }

        /// <summary>
        /// The template rendered again with every secret input (vault values, the master key, values flagged as secrets
        /// such as a password in a URL) replaced by <see cref="SecretRedactor.Mask"/>, what lookups read from secret
        /// files (vault password file, private keys, files others may not read, vaults) masked too, and what the
        /// template itself writes that looks like a secret masked.
        /// </summary>
        private string RenderMasked(TemplateFile template, string destinationPath)
        {
            var options = Options();
            var values = MaskedResolver().Resolve(MaskedResolver().Closure(NamesRead(template, options)));
            using (LookupSecrets.MaskWith(SecretRedactor.Mask))
                return MaskFlagged(AnsibleTemplate.RenderFile(template.Path, values, options, template.LoaderRoot, destinationPath, template.RolePath != null
                    ? template.Name : null, valuesTemplated: true));
        }

        /// <summary>Whether a variable's value is (or holds) a secret that <see cref="Masked(PyDict)"/> masks.</summary>
        private bool ReadsSecret(string name) =>
            _variables.Values.TryGetValue(name, out var value) && HoldsSecret(name, value, _variables.VaultedNames.Contains(name));

        private bool HoldsSecret(string name, object? value, bool secret) => value switch
        {
            string s => IsSecret(name, s, secret),
            PyDict d => d.Any(kv => HoldsSecret(PyRepr.Str(kv.Key), kv.Value, secret)),
            List<object?> l => l.Any(item => HoldsSecret(name, item, secret)),
            _ => false,
        };

        private bool IsSecret(string name, string value, bool secret) =>
            secret || _variables.Redactor.ContainsSecret(value) || InventoryPhase.PlainVariables.FindSecret(name, value) != null;

        private PyDict Masked(PyDict values)
        {
            var masked = new PyDict();
            foreach (var kv in values)
            {
                var name = (string)kv.Key;
                masked[name] = Masked(name, kv.Value, _variables.VaultedNames.Contains(name));
            }
            return masked;
        }

        private object? Masked(string name, object? value, bool secret)
        {
            switch (value)
            {
                case string s:
                    // The mask keeps the value's class, so a message naming it (a !vault value's) reads the same.
                    return !IsSecret(name, s, secret) ? s : StrSubclass.Of(s) is string className ? StrSubclass.Create(SecretRedactor.Mask, className)
                        : SecretRedactor.Mask;
                case PyDict d:
                    var dict = new PyDict();
                    foreach (var kv in d) dict[kv.Key] = Masked(PyRepr.Str(kv.Key), kv.Value, secret);
                    return dict;
                case List<object?> l:
                    return l.Select(item => Masked(name, item, secret)).ToList();
                case InventoryHostVars hostvars:
                    // Other hosts' variables by the same rule: their vault values are registered secrets.
                    return hostvars.Transformed(Masked);
                default:
                    return value;
            }
        }

        private static readonly Regex UrlPassword = new Regex(@"(\b[A-Za-z][A-Za-z0-9+.-]*://[^/@:\s]+:)[^/@\s]+@", RegexOptions.CultureInvariant);

        /// <summary>What the template itself writes that looks like a secret (an sk- key, a password in a URL) is masked as well.</summary>
        private static string MaskFlagged(string text) =>
            UrlPassword.Replace(SecretPatterns.ApiKey.Replace(text, SecretRedactor.Mask), "$1" + SecretRedactor.Mask + "@");

        /// <summary>The variables a template reads, with those of the templates it includes or imports.</summary>
        private static HashSet<string> NamesRead(TemplateFile template, TemplateOptions options)
        {
            var compiled = AnsibleTemplate.CompileFile(template.Path, options, template.LoaderRoot);
            var names = new HashSet<string>(compiled.FreeVariables, StringComparer.Ordinal);
            var callsLookups = TemplateAnalysis.CallsLookups(compiled);
            // A template lookup renders another of the role's templates with the same variables.
            if (TemplateAnalysis.LoadsOthers(compiled) || callsLookups) names.UnionWith(OtherTemplatesNames(template, options));
            // Lookups find their files along the task's search path; the password lookup's paths are below the playbook's folder.
            // The private key variables tell the file lookup which file is the SSH key (a secret).
            if (callsLookups) names.UnionWith(new[] { "ansible_search_path", "playbook_dir" }.Concat(Lookups.PrivateKeyVariables));
            return names;
        }

        private static IEnumerable<string> OtherTemplatesNames(TemplateFile template, TemplateOptions options)
        {
            foreach (var file in Directory.EnumerateFiles(template.LoaderRoot, "*", SearchOption.AllDirectories))
            {
                CompiledTemplate other;
                try { other = AnsibleTemplate.CompileFile(file, options, template.LoaderRoot); }
                catch (TemplateException) { continue; }
                foreach (var n in other.FreeVariables) yield return n;
            }
        }

        /// <summary>What was rendered, for the evidence folder: one JSON object per file with its hash (never its content).</summary>
        public static string ManifestJson(IEnumerable<RenderedTemplate> rendered) =>
            PyJson.Dumps(rendered.Select(r => (object?)new PyDict
            {
                ["Template"] = r.Template,
                ["OutputPath"] = r.OutputPath,
                ["Sha256"] = r.Sha256,
                ["Bytes"] = r.Bytes,
                ["ContainsSecrets"] = r.ContainsSecrets,
            }).ToList(), new PyJsonOptions { Indent = 2, EnsureAscii = false }) + "\n";

        public static string Sha256Hex(byte[] bytes)
        {
            using (var sha = SHA256.Create())
            {
                return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>A template rendered for a host and not written yet.</summary>
    public sealed class PendingRender
    {
        internal PendingRender(TemplateFile template, string outputFolder, string outputPath, byte[] bytes, bool containsSecrets)
        {
            Template = template;
            OutputFolder = outputFolder;
            OutputPath = outputPath;
            Bytes = bytes;
            ContainsSecrets = containsSecrets;
        }

        public TemplateFile Template { get; }
        /// <summary>The folder the output goes below; no symbolic link between it and the output is followed.</summary>
        public string OutputFolder { get; }
        public string OutputPath { get; }
        public byte[] Bytes { get; }
        public bool ContainsSecrets { get; }
    }
}
