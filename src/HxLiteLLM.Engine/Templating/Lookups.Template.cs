using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>The template and unvault lookups: files found in the search path, rendered or decrypted as ansible-core 2.14 does.</summary>
    internal static partial class Lookups
    {
        /// <summary>Nested template lookups one render may make before a template that looks itself up is stopped.</summary>
        private const int MaxTemplateLookupDepth = 32;

        [ThreadStatic] private static int _templateLookupDepth;

        private static readonly Dictionary<string, string> DefaultDelimiters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["variable_start_string"] = "{{", ["variable_end_string"] = "}}",
            ["comment_start_string"] = "{#", ["comment_end_string"] = "#}",
        };

        /// <summary>
        /// The template lookup: each term found below the search path's templates/ folders, rendered with the current
        /// variables, the template_* variables of that file and template_vars; includes resolve beside the file. The
        /// environment is the calling template's (its #jinja2: overrides included), as Ansible copies it.
        /// </summary>
        private static List<object?> TemplateLookup(LookupContext c, List<object?> terms, CallArgs o)
        {
            var convertData = !o.Has(-1, "convert_data") || Boolean(o.Get(-1, "convert_data"));
            var templateVars = o.Get(-1, "template_vars");
            if (templateVars != null && !(Ops.Check(templateVars) is IDictionary<object, object?>))
                throw new TemplateError("Invalid type for configuration option template_vars: it must be a dict, got " + Ops.TypeName(templateVars));
            foreach (var delimiter in DefaultDelimiters)
            {
                var value = o.Get(-1, delimiter.Key);
                if (value != null && Ops.Str(value) != delimiter.Value)
                    throw new TemplateError("the template lookup's " + delimiter.Key + "='" + Ops.Str(value)
                        + "' (custom delimiters) is not supported by this engine; use the default " + delimiter.Value);
            }
            var result = new List<object?>();
            foreach (var t in terms)
            {
                var term = Ops.Str(t);
                var path = c.FindFile("templates", term);
                if (path == null || !File.Exists(path)) throw new TemplateError("the template file " + term + " could not be found for the lookup");
                var source = ReadText(c, path, term, out var vaulted);
                vaulted = vaulted || IsSecretFile(c, path, source);
                // Templar.template returns text without Jinja markers as it is (no header, no conversion).
                if (!source.Contains("{{") && !source.Contains("{%") && !source.Contains("{#"))
                {
                    result.Add(vaulted ? LookupSecrets.Read(source) : source);
                    continue;
                }
                var overlay = AnsibleTemplate.TemplateVariables(path, null, term);
                if (templateVars is IDictionary<object, object?> extra) foreach (var kv in extra) overlay[kv.Key] = kv.Value;
                if (_templateLookupDepth >= MaxTemplateLookupDepth) throw new TemplateError("recursive loop detected: the template lookup of " + term
                    + " nests more than " + MaxTemplateLookupDepth + " deep");
                _templateLookupDepth++;
                string rendered;
                CompiledTemplate template;
                int sourceNewlines;
                try
                {
                    // do_template applies a #jinja2: header here too; includes resolve beside the file.
                    (template, sourceNewlines) = AnsibleTemplate.Compile(source, term, c.Options, Path.GetDirectoryName(path));
                    rendered = template.Render(new OverlayVariables(overlay, c.Variables));
                }
                catch (TemplateException e) when (!(e is SharedValueMutation))
                {
                    throw new TemplateError(e.Message);
                }
                finally { _templateLookupDepth--; }
                // ansible_eval_concat reads list/dict/bool-looking output as that value; text gets its trailing newlines back.
                var value = convertData ? AnsibleVariables.LiteralOrText(rendered, template.Environment.ValueOptions) : rendered;
                if (value is string text) value = AnsibleTemplate.FixTrailingNewlines(text, sourceNewlines, template.Environment.Options.NewlineSequence);
                // The rendering of a vaulted template is as secret as the template.
                result.Add(vaulted && value is string secret ? LookupSecrets.Read(secret) : value);
            }
            return result;
        }

        /// <summary>The unvault lookup: a file below files/, decrypted when it is a vault (refused without a vault secret), as text.</summary>
        private static List<object?> Unvault(LookupContext c, List<object?> terms, CallArgs o) =>
            terms.Select(t =>
            {
                var term = Ops.Str(t);
                var path = c.FindFile("files", term);
                if (path == null || !File.Exists(path)) throw new TemplateError("Unable to find file matching \"" + term + "\" ");
                return (object?)ReadFound(c, path, term);
            }).ToList();

        /// <summary>
        /// DataLoader._get_file_contents: a vault is decrypted with the run's secrets (refused without any), then strict
        /// UTF-8; what a secret file holds is a secret (<see cref="LookupSecrets"/>, see <see cref="IsSecretFile"/>).
        /// </summary>
        private static string ReadFound(LookupContext c, string path, string term)
        {
            var text = ReadText(c, path, term, out var vaulted);
            return vaulted || IsSecretFile(c, path, text) ? LookupSecrets.Read(text) : text;
        }

        /// <summary>
        /// A file whose content is a secret although it is no vault: the vault password file of the run (its content,
        /// stripped, is one of the vault passwords), a private key (a PEM or OpenSSH "PRIVATE KEY" block, or the file
        /// ansible_ssh_private_key_file / ansible_private_key_file names), or a file others may not read (no o+r bit).
        /// </summary>
        private static bool IsSecretFile(LookupContext c, string path, string text)
        {
            var stripped = text.Trim();
            if (stripped.Length > 0 && c.Options.VaultSecrets.Any(s => Encoding.UTF8.GetString(s.Password) == stripped)) return true;
            if (text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) >= 0) return true;
            var full = Path.GetFullPath(path);
            foreach (var name in PrivateKeyVariables)
            {
                if (c.TryGetVariable(name, out var key) && key is string keyPath && keyPath.Length > 0
                    && string.Equals(Path.GetFullPath(keyPath.StartsWith("~", StringComparison.Ordinal)
                        ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + keyPath.Substring(1) : keyPath), full, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            var stat = IO.PosixStat.Of(path, followLinks: true);
            return stat?.Owner != null && (stat.Value.Mode & OthersMayRead) == 0;
        }

        /// <summary>The variables naming the SSH private key; a template that looks files up also reads them.</summary>
        internal static readonly IReadOnlyList<string> PrivateKeyVariables = new[] { "ansible_ssh_private_key_file", "ansible_private_key_file" };

        private const uint OthersMayRead = 0x4;

        private static string ReadText(LookupContext c, string path, string term, out bool vaulted)
        {
            try
            {
                return TemplateEnvironment.ReadTemplateFile(path, term, c.Options.VaultSecrets, out vaulted);
            }
            catch (TemplateException e)
            {
                throw new TemplateError(e.Reason);
            }
            catch (DecoderFallbackException)
            {
                throw new TemplateError(term + " is not valid UTF-8");
            }
        }

        /// <summary>ansible's boolean(value, strict=False): yes/on/1/true (any case), 1 and True are true.</summary>
        private static bool Boolean(object? value)
        {
            switch (Ops.Check(value))
            {
                case bool b: return b;
                case string s:
                    var l = s.Trim().ToLowerInvariant();
                    return l == "yes" || l == "on" || l == "1" || l == "true" || l == "y" || l == "t";
                default: return PyEquality.AreEqual(value, 1L) || PyEquality.AreEqual(value, 1.0);
            }
        }
    }

    /// <summary>
    /// Variables of a nested render: its own names (template_*, template_vars) over the caller's. Lookups inside it
    /// read the caller's (<see cref="LookupVariables"/>): Ansible's lookup() stays bound to the task's templar.
    /// </summary>
    internal sealed class OverlayVariables : IVariableSource
    {
        private readonly IDictionary<object, object?> _overlay;
        private readonly IVariableSource? _inner;

        public OverlayVariables(IDictionary<object, object?> overlay, IVariableSource? inner)
        {
            _overlay = overlay;
            _inner = inner;
        }

        public bool TryGet(string name, out object? value)
        {
            if (_overlay.TryGetValue(name, out value)) return true;
            value = null;
            return _inner != null && _inner.TryGet(name, out value);
        }

        public IVariableSource? LookupVariables => _inner is OverlayVariables nested ? nested.LookupVariables : _inner;

        public IEnumerable<string> Names => _overlay.Keys.OfType<string>().Concat(_inner?.Names ?? Enumerable.Empty<string>()).Distinct();
    }
}
