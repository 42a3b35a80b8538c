using System;
using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// Ansible's strict undefined: any use (print, iterate, truth, arithmetic, compare) fails with the message;
    /// attribute and item access give the same undefined back, so <c>a.b.c | default('x')</c> works.
    /// </summary>
    internal class Undefined
    {
        private readonly string? _message;

        public Undefined(string message, string? variableName, bool lenient = false, object? container = null)
        {
            _message = message;
            VariableName = variableName;
            Lenient = lenient;
            Container = container;
        }

        /// <summary>For an undefined that words its message only when asked.</summary>
        protected Undefined(string variableName, object? container)
        {
            VariableName = variableName;
            Container = container;
        }

        /// <summary>The object the attribute or item was missing from (for did-you-mean over its keys).</summary>
        public object? Container { get; }

        /// <summary>Jinja's plain Undefined (an if-expression without else): prints empty, is false, iterates empty.</summary>
        public bool Lenient { get; }

        public virtual string Message => _message!;
        /// <summary>The missing name, attribute or key (Jinja's _undefined_name), as the mandatory filter reports it.</summary>
        public string? VariableName { get; }

        public override string ToString() => "Undefined: " + Message;
    }

    /// <summary>
    /// A missing attribute (<c>model.mode</c> when the dict has no such key). Usually it only reaches a default
    /// filter or a defined test, so the message is worded when it is read.
    /// </summary>
    internal sealed class MissingAttribute : Undefined
    {
        private string? _message;

        public MissingAttribute(object? container, string name) : base(name, container) { }

        public override string Message => _message ??= "'" + Ops.ObjectDescription(Container) + "' has no attribute '" + VariableName + "'";
    }

    /// <summary>An error raised while evaluating, before the renderer attaches template name and position.</summary>
    internal class TemplateError : Exception
    {
        public TemplateError(string message, Undefined? undefined = null) : base(message) => Undefined = undefined;
        public Undefined? Undefined { get; }
    }

    /// <summary>Something a template can call: macros, globals like range(), bound str/list/dict methods.</summary>
    internal interface ICallable
    {
        object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs);
    }

    /// <summary>A runtime object with named attributes (loop, namespace, cycler, macro).</summary>
    internal interface IAttributeSource
    {
        bool TryGetAttribute(string name, out object? value);
    }

    /// <summary>Where a root frame reads the caller's variables from.</summary>
    internal interface IVariableSource
    {
        bool TryGet(string name, out object? value);
        IEnumerable<string> Names { get; }
    }

    /// <summary>The caller's dictionary as it is.</summary>
    internal sealed class PlainVariables : IVariableSource
    {
        private readonly IDictionary<object, object?> _variables;

        public PlainVariables(IDictionary<object, object?> variables) => _variables = variables;

        public bool TryGet(string name, out object? value) => _variables.TryGetValue(name, out value);

        public IEnumerable<string> Names => _variables.Keys.OfType<string>();
    }

    /// <summary>A variable scope. The root frame reads the caller's variables; loops and macros open child frames.</summary>
    internal sealed class Frame
    {
        // Most frames (a loop iteration, a macro call) hold a handful of names: a short array is cheaper than a
        // dictionary to make and to search; past this many the frame switches to a dictionary.
        private const int InlineCapacity = 8;
        private static readonly Dictionary<string, object?> NoLocals = new Dictionary<string, object?>();
        private string[]? _names;
        private object?[]? _values;
        private int _count;
        private Dictionary<string, object?>? _locals;
        private readonly IVariableSource? _variables;

        public Frame(Frame? parent, IVariableSource? variables = null)
        {
            Parent = parent;
            _variables = variables;
        }

        public Frame? Parent { get; }

        public bool TryGet(string name, out object? value)
        {
            for (var f = this; f != null; f = f.Parent)
            {
                if (f.TryGetLocal(name, out value)) return true;
                if (f._variables != null && f._variables.TryGet(name, out value)) return true;
            }
            value = null;
            return false;
        }

        /// <summary>A name the template itself bound (set, loop, parameter), never one of the caller's variables.</summary>
        public bool TryGetAssigned(string name, out object? value)
        {
            for (var f = this; f != null; f = f.Parent)
                if (f.TryGetLocal(name, out value)) return true;
            value = null;
            return false;
        }

        private bool TryGetLocal(string name, out object? value)
        {
            if (_locals != null) return _locals.TryGetValue(name, out value);
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_names![i], name, StringComparison.Ordinal))
                {
                    value = _values![i];
                    return true;
                }
            }
            value = null;
            return false;
        }

        public void Set(string name, object? value)
        {
            if (_locals != null)
            {
                _locals[name] = value;
                return;
            }
            for (var i = 0; i < _count; i++)
            {
                if (!string.Equals(_names![i], name, StringComparison.Ordinal)) continue;
                _values![i] = value;
                return;
            }
            if (_count == InlineCapacity)
            {
                _locals = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < _count; i++) _locals[_names![i]] = _values![i];
                _locals[name] = value;
                _names = null;
                _values = null;
                return;
            }
            if (_names == null || _count == _names.Length)
            {
                Array.Resize(ref _names, _count == 0 ? InlineCapacity / 2 : InlineCapacity);
                Array.Resize(ref _values, _names.Length);
            }
            _names[_count] = name;
            _values![_count++] = value;
        }

        /// <summary>Every name visible from here (for did-you-mean).</summary>
        public IEnumerable<string> VisibleNames()
        {
            for (var f = this; f != null; f = f.Parent)
            {
                foreach (var k in f.Locals.Keys) yield return k;
                if (f._variables == null) continue;
                foreach (var k in f._variables.Names) yield return k;
            }
        }

        /// <summary>This frame's own assignments in assignment order (the exports of an imported template).</summary>
        public IReadOnlyDictionary<string, object?> Locals
        {
            get
            {
                if (_locals != null) return _locals;
                if (_count == 0) return NoLocals;
                var copy = new Dictionary<string, object?>(_count, StringComparer.Ordinal);
                for (var i = 0; i < _count; i++) copy[_names![i]] = _values![i];
                return copy;
            }
        }
    }

    /// <summary>One render call: the environment, the template being executed (for positions), depth guards, blocks.</summary>
    internal sealed class RenderContext
    {
        /// <summary>Include, import, macro and recursive-loop nesting allowed before a typed error.</summary>
        public const int MaxCallDepth = 100;

        public RenderContext(TemplateEnvironment environment, CompiledTemplate template)
        {
            Environment = environment;
            Template = template;
        }

        public TemplateEnvironment Environment { get; }
        /// <summary>The caller's variables of this render (what lookups such as vars and varnames read).</summary>
        public IVariableSource? Variables { get; set; }
        /// <summary>The template whose nodes are executing now.</summary>
        public CompiledTemplate Template { get; set; }
        /// <summary>The innermost node position evaluated, for errors raised by filters and operators.</summary>
        public Node? Position { get; set; }
        public int CallDepth { get; private set; }
        /// <summary>Block overrides by name, the most derived template first (extends).</summary>
        public Dictionary<string, List<(BlockStmt Block, CompiledTemplate Owner)>> Blocks { get; } = new Dictionary<string, List<(BlockStmt, CompiledTemplate)>>();

        /// <summary>Statements, loop iterations and macro calls one render may execute; beyond it the template is runaway.</summary>
        public const int MaxSteps = 1_000_000;
        private int _steps;

        public void Step()
        {
            if (++_steps > MaxSteps) throw new TemplateError("template does too much work (more than " + MaxSteps + " statements, loop iterations and calls)");
        }

        public void EnterCall(string what)
        {
            Step();
            if (++CallDepth > MaxCallDepth)
            {
                CallDepth--;
                throw new TemplateError("maximum recursion depth exceeded (" + MaxCallDepth + " nested " + what + " calls)");
            }
        }

        public void ExitCall() => CallDepth--;
    }
}
