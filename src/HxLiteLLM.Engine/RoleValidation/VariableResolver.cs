using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Templates variable values the way Ansible does when a template reads them: lazily (a variable nobody reads is
    /// never templated, so its undefined references do no harm), recursively (<c>a: "{{ b }}/x"</c> with
    /// <c>b: "{{ c }}"</c>), and with Ansible's result typing for variables: exactly "{{ name }}" of a number, bool or null
    /// gives that value itself; otherwise a result starting with { or [ or equal to True/False is read back as a Python
    /// literal, and everything else stays a string.
    /// </summary>
    public sealed class VariableResolver
    {
        private static readonly TemplateEnvironment Analyzer = new TemplateEnvironment();
        private static readonly Regex SingleVariable = new Regex(@"^\{\{\s*(\w*)\s*\}\}$", RegexOptions.CultureInvariant);
        private readonly PyDict _raw;
        private readonly Dictionary<string, object?> _resolved = new Dictionary<string, object?>(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyCollection<string>> _dependencies = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        private readonly List<string> _resolving = new List<string>();

        public VariableResolver(PyDict raw)
        {
            _raw = raw;
        }

        public bool IsDefined(string name) => _raw.ContainsKey(name);

        /// <summary>True when the text would be templated by Ansible (it holds a Jinja marker).</summary>
        public static bool IsTemplate(string text) =>
            text.IndexOf("{{", StringComparison.Ordinal) >= 0 || text.IndexOf("{%", StringComparison.Ordinal) >= 0
                || text.IndexOf("{#", StringComparison.Ordinal) >= 0;

        /// <summary>The variables a variable's value reads when templated (empty for plain values).</summary>
        public IReadOnlyCollection<string> Dependencies(string name)
        {
            if (_dependencies.TryGetValue(name, out var known)) return known;
            var names = new SortedSet<string>(StringComparer.Ordinal);
            if (_raw.TryGetValue(name, out var value)) CollectNames(value, names, name);
            _dependencies[name] = names;
            return names;
        }

        /// <summary>The given names and everything they read, transitively, that is defined.</summary>
        public IReadOnlyCollection<string> Closure(IEnumerable<string> names)
        {
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(names);
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                if (!IsDefined(n) || !seen.Add(n)) continue;
                foreach (var d in Dependencies(n)) queue.Enqueue(d);
            }
            return seen;
        }

        /// <summary>The templated values of the given names (and of what they read); undefined names are left out.</summary>
        public PyDict Resolve(IEnumerable<string> names)
        {
            var result = new PyDict();
            foreach (var name in Closure(names)) result[name] = Value(name);
            return result;
        }

        /// <summary>One variable's templated value.</summary>
        public object? Value(string name)
        {
            if (_resolved.TryGetValue(name, out var done)) return done;
            if (_resolving.Contains(name))
            {
                throw new HxException("VariableRecursion", "Recursive loop detected in template: " + string.Join(" -> ", _resolving.Concat(new[] { name }))
                    + ". Make one of these variables a plain value.");
            }
            _resolving.Add(name);
            try
            {
                var value = Template(_raw[name], name);
                _resolved[name] = value;
                return value;
            }
            finally
            {
                _resolving.Remove(name);
            }
        }

        /// <summary>
        /// A value as <c>hostvars[host][name]</c> gives it: templated like <see cref="Value"/>, but a value that reads an
        /// undefined variable stays as written (Ansible templates hostvars with fail_on_undefined=False).
        /// </summary>
        public object? ValueOrRaw(string name)
        {
            try
            {
                return Value(name);
            }
            catch (HxException e) when (e.InnerException is UndefinedVariableException)
            {
                return _raw[name];
            }
        }

        private object? Template(object? value, string owner)
        {
            switch (value)
            {
                case string s when IsTemplate(s):
                    return TemplateString(s, owner);
                case VaultedString _:
                    throw new HxException("VaultPasswordRequired", "Variable '" + owner
                        + "' holds a !vault value: give -VaultPasswordFile or -VaultPassword (or set ANSIBLE_VAULT_PASSWORD_FILE).",
                        kind: HxErrorKind.SecurityError);
                case PyDict d:
                    var dict = new PyDict();
                    foreach (var kv in d) dict[kv.Key] = Template(kv.Value, owner);
                    return dict;
                case List<object?> l:
                    return l.Select(item => Template(item, owner)).ToList();
                default:
                    return value;
            }
        }

        private object? TemplateString(string source, string owner)
        {
            // Ansible hands "{{ name }}" of a number, bool or null variable over untouched (no round trip through text).
            var single = SingleVariable.Match(source);
            if (single.Success && _raw.TryGetValue(single.Groups[1].Value, out var direct) && (direct == null || direct is bool || PyNumber.IsNumber(direct)))
            {
                return direct;
            }
            var compiled = Compile(source, owner);
            var inputs = new PyDict();
            foreach (var n in compiled.FreeVariables)
            {
                if (IsDefined(n)) inputs[n] = Value(n);
            }
            string text;
            try
            {
                text = AnsibleTemplate.RenderValue(source, inputs, owner);
            }
            catch (TemplateException e)
            {
                throw new HxException("VariableTemplateError", "Templating variable '" + owner + "' failed: " + e.Reason, null, 0, 0, e);
            }
            if ((text.StartsWith("{", StringComparison.Ordinal) || text.StartsWith("[", StringComparison.Ordinal) || text == "True" || text == "False")
                && PyLiteral.TryEval(text, out var literal))
            {
                return literal;
            }
            // "{{ name }}" of a string hands that very value over, as Ansible's concat of one node does (an AnsibleUnicode stays one).
            if (single.Success && inputs.TryGetValue(single.Groups[1].Value, out var same) && same is string sameText && sameText == text) return sameText;
            return text;
        }

        private static CompiledTemplate Compile(string source, string owner)
        {
            try
            {
                return Analyzer.Compile(source, owner);
            }
            catch (TemplateException e)
            {
                throw new HxException("VariableTemplateError", "Variable '" + owner + "' is not a valid template: " + e.Reason, null, 0, 0, e);
            }
        }

        private static void CollectNames(object? value, ISet<string> names, string owner)
        {
            switch (value)
            {
                case string s when IsTemplate(s):
                    foreach (var n in Compile(s, owner).FreeVariables) names.Add(n);
                    break;
                case PyDict d:
                    foreach (var kv in d) CollectNames(kv.Value, names, owner);
                    break;
                case List<object?> l:
                    foreach (var item in l) CollectNames(item, names, owner);
                    break;
            }
        }
    }
}
