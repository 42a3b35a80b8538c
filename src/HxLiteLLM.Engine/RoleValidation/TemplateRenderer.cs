using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
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

        public TemplateRenderer(HostVariables variables)
        {
            _variables = variables;
            _resolver = new VariableResolver(variables.Values);
        }

        /// <summary>The rendered text of a template (nothing written). Errors are <see cref="HxException"/>s naming file, line and column.</summary>
        public (string Text, bool ContainsSecrets) RenderText(TemplateFile template, string destinationPath)
        {
            try
            {
                var compiled = AnsibleTemplate.CompileFile(template.Path, null, template.LoaderRoot);
                var names = new HashSet<string>(compiled.FreeVariables, StringComparer.Ordinal);
                if (TemplateAnalysis.LoadsOthers(compiled)) names.UnionWith(OtherTemplatesNames(template));
                var closure = _resolver.Closure(names);
                var values = _resolver.Resolve(closure);
                var secretInputs = closure.Where(n => _variables.VaultedNames.Contains(n)).ToList();
                // A value derived from a secret (e.g. "Bearer {{ key }}" or key|b64encode) is a secret too.
                foreach (var n in closure.Where(n => values[n] is string && _resolver.Closure(_resolver.Dependencies(n)).Any(d => _variables.VaultedNames.Contains(d))))
                {
                    _variables.Redactor.Register((string)values[n]!);
                }
                var text = AnsibleTemplate.RenderFile(template.Path, values, null, template.LoaderRoot, destinationPath);
                return (text, secretInputs.Count > 0 || _variables.Redactor.ContainsSecret(text));
            }
            catch (TemplateException e)
            {
                // Messages of the engine quote template source and variable names, never values.
                throw new HxException(e is UndefinedVariableException ? "TemplateUndefinedVariable" : e is TemplateSyntaxException ? "TemplateSyntaxError" : "TemplateRenderError",
                    _variables.Redactor.Redact(e.Message), template.Path, e.Line, e.Column, e);
            }
        }

        /// <summary>Renders into <paramref name="outputDirectory"/> (when <paramref name="write"/>) and files a redacted copy as evidence.</summary>
        public RenderedTemplate Render(TemplateFile template, string outputDirectory, EvidenceStore? evidence, bool write)
        {
            var output = Path.Combine(Path.GetFullPath(outputDirectory), template.OutputName.Replace('/', Path.DirectorySeparatorChar));
            var (text, secret) = RenderText(template, output);
            var bytes = AtomicFile.Utf8.GetBytes(text);
            if (write) AtomicFile.WriteAllBytes(output, bytes, secret ? SecretFileMode : (int?)null);
            var result = new RenderedTemplate(template.Path, output, Sha256Hex(bytes), bytes.Length, secret) { WhatIf = !write };
            if (evidence != null) result.EvidencePath = evidence.WriteText(EvidenceArea.RoleValidation, "rendered/" + template.OutputName, text);
            return result;
        }

        private static IEnumerable<string> OtherTemplatesNames(TemplateFile template)
        {
            foreach (var file in Directory.EnumerateFiles(template.LoaderRoot, "*", SearchOption.AllDirectories))
            {
                CompiledTemplate other;
                try { other = AnsibleTemplate.CompileFile(file, null, template.LoaderRoot); }
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
}
