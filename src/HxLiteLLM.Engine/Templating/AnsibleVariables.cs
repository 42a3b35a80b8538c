using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// The caller's variables as Ansible's AnsibleJ2Vars hands them to a template: a value containing Jinja
    /// markers is rendered (with the same variables, its backslashes escaped as Ansible's Templar does) when first
    /// read; an undefined name inside it makes the whole variable a lazy undefined; a result that looks like a list,
    /// dict or bool becomes that value. Values the caller already templated are handed over as they are: a value
    /// produced by templating is never templated again.
    /// </summary>
    internal sealed class AnsibleVariables : IVariableSource
    {
        private static readonly Regex SingleVariable = new Regex(@"^\{\{\s*(\w*)\s*\}\}$");
        private readonly TemplateEnvironment _environment;
        private readonly IDictionary<object, object?> _variables;
        private readonly Dictionary<string, object?> _resolved = new Dictionary<string, object?>();
        private readonly HashSet<string> _resolving = new HashSet<string>();

        private readonly bool _templatesValues;

        public AnsibleVariables(TemplateEnvironment environment, IDictionary<object, object?> variables, bool copiesValues, bool templatesValues = true)
        {
            _environment = environment;
            _variables = variables;
            CopiesValues = copiesValues;
            _templatesValues = templatesValues;
        }

        /// <summary>
        /// Whether this render reads lists and dicts as its own copies. Copying costs every render, so it starts off; the
        /// first list or dict method that would change a value (append, update, ...) stops a render that shares the
        /// caller's values, and the render runs again with copies (<see cref="SharedValueMutation"/>).
        /// </summary>
        public bool CopiesValues { get; }

        /// <summary>The Ansible variables under <paramref name="source"/> (through the template lookup's overlays), if any.</summary>
        public static AnsibleVariables? Under(IVariableSource? source) => source switch
        {
            AnsibleVariables variables => variables,
            OverlayVariables overlay => Under(overlay.LookupVariables),
            _ => null,
        };

        public IEnumerable<string> Names => _variables.Keys.OfType<string>();

        public bool TryGet(string name, out object? value)
        {
            // One render reads each variable once: later reads (every loop iteration) reuse the first result.
            if (_resolved.TryGetValue(name, out value)) return true;
            if (!_variables.TryGetValue(name, out value)) return false;
            if (!_templatesValues || !HasMarkers(value, 0))
            {
                if (CopiesValues) value = Fresh(value);
                _resolved[name] = value;
                return true;
            }
            if (!_resolving.Add(name)) throw new TemplateError("recursive loop detected in template string: " + Ops.Str(_variables[name]));
            try
            {
                value = TemplateValue(_variables[name], name);
            }
            catch (UndefinedVariableException e)
            {
                value = new Undefined(Ops.Str(_variables[name] is string s ? s : PyRepr.Repr(_variables[name])) + ": " + e.Reason, name);
            }
            finally { _resolving.Remove(name); }
            _resolved[name] = value;
            return true;
        }

        /// <summary>Ansible's is_possibly_template, applied through lists and dicts.</summary>
        private static bool HasMarkers(object? value, int depth)
        {
            if (depth > 200) return false;
            switch (value)
            {
                case string s: return s.IndexOf('{') >= 0 && (s.Contains("{{") || s.Contains("{%") || s.Contains("{#"));
                case LazyMapping _:
                    return false;
                case IDictionary<object, object?> d:
                    foreach (var kv in d) if (HasMarkers(kv.Value, depth + 1)) return true;
                    return false;
                case IList<object?> l:
                    for (var i = 0; i < l.Count; i++) if (HasMarkers(l[i], depth + 1)) return true;
                    return false;
                default: return false;
            }
        }

        private object? TemplateValue(object? value, string name)
        {
            switch (value)
            {
                case string s when HasMarkers(s, 0):
                    // Templar.template passes "{{ name }}" of a number, bool or None through unchanged.
                    var single = SingleVariable.Match(s);
                    if (single.Success && _variables.TryGetValue(single.Groups[1].Value, out var direct)
                        && (direct == null || PyNumber.IsNumber(direct))) return direct;
                    var rendered = _environment.CompileValue(Lexer.EscapeBackslashes(s, _environment.ValueOptions), name).Render(this);
                    return LiteralOrText(AnsibleTemplate.FixTrailingNewlines(rendered, AnsibleTemplate.CountTrailingNewlines(s),
                        _environment.Options.NewlineSequence), _environment.ValueOptions);
                case IDictionary<object, object?> d when HasMarkers(d, 0):
                    return new PyDict(d.Select(kv => new KeyValuePair<object, object?>(kv.Key, TemplateValue(kv.Value, name))));
                case IList<object?> l when HasMarkers(l, 0):
                    return l.Select(v => TemplateValue(v, name)).ToList();
                default:
                    return CopiesValues ? Fresh(value) : value;
            }
        }

        /// <summary>
        /// A render's own copy of a list or dict variable (made on its first read, then shared by every read of that
        /// render): Ansible runs each template task in a forked worker, so what one render appends or updates is gone
        /// in the next. Other values are immutable and returned as they are.
        /// </summary>
        private static object? Fresh(object? value) => value switch
        {
            List<object?> list => list.Select(Fresh).ToList(),
            PyDict dict => new PyDict(dict.Select(kv => new KeyValuePair<object, object?>(kv.Key, Fresh(kv.Value)))),
            PyTuple tuple => tuple.Any(item => item is List<object?> || item is PyDict || item is PyTuple) ? new PyTuple(tuple.Select(Fresh)) : tuple,
            _ => value,
        };

        /// <summary>ansible_eval_concat: text starting with { or [, or exactly True/False, is read as a Python literal when it is one.</summary>
        internal static object? LiteralOrText(string text, TemplateOptions options)
        {
            if (text == "True") return true;
            if (text == "False") return false;
            if (!text.StartsWith("{") && !text.StartsWith("[")) return text;
            try
            {
                var wrapped = "{{ " + Lexer.Normalize(text, options) + " }}";
                var map = new SourceMap(wrapped);
                var tokens = Lexer.Tokenize(wrapped, options, null, map);
                if (tokens.Any(t => t.Type == TokenType.Name && t.Value != "True" && t.Value != "False" && t.Value != "None")) return text;
                var body = Parser.Parse(tokens, map, null);
                return body.Count == 1 && body[0] is OutputStmt output && TryLiteral(output.Value, out var literal) ? literal : text;
            }
            catch (TemplateException)
            {
                return text;
            }
        }

        private static bool TryLiteral(Expr expr, out object? value)
        {
            value = null;
            switch (expr)
            {
                case ConstExpr c:
                    value = c.Value;
                    return true;
                case UnaryExpr u when (u.Op == "-" || u.Op == "+") && u.Operand is ConstExpr n && PyNumber.IsNumber(n.Value) && !(n.Value is bool):
                    value = u.Op == "-" ? Ops.Negate(n.Value) : n.Value;
                    return true;
                case ListExpr l:
                    var items = new List<object?>();
                    foreach (var item in l.Items)
                    {
                        if (!TryLiteral(item, out var v)) return false;
                        items.Add(v);
                    }
                    value = items;
                    return true;
                case TupleExpr t:
                    var parts = new List<object?>();
                    foreach (var item in t.Items)
                    {
                        if (!TryLiteral(item, out var v)) return false;
                        parts.Add(v);
                    }
                    value = new PyTuple(parts);
                    return true;
                case DictExpr d:
                    var dict = new PyDict();
                    foreach (var kv in d.Items)
                    {
                        if (!TryLiteral(kv.Key, out var k) || k == null || k is List<object?> || k is PyDict || !TryLiteral(kv.Value, out var v)) return false;
                        dict[k] = v;
                    }
                    value = dict;
                    return true;
                default:
                    return false;
            }
        }
    }
}
