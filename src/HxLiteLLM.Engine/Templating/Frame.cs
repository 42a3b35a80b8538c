using System;
using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
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
}
