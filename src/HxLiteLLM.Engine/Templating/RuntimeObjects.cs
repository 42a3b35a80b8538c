using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>A macro (or the caller of a call block) bound to the frame it was defined in.</summary>
    internal sealed class Macro : ICallable, IAttributeSource
    {
        private readonly Interpreter _interpreter;
        private readonly Frame _closure;
        private readonly CompiledTemplate _owner;
        private readonly bool _catchVarargs;
        private readonly bool _catchKwargs;
        private readonly bool _usesCaller;

        public Macro(Interpreter interpreter, string name, List<MacroParameter> parameters, List<Stmt> body, Frame closure, CompiledTemplate owner)
        {
            _interpreter = interpreter;
            Name = name;
            Parameters = parameters;
            Body = body;
            _closure = closure;
            _owner = owner;
            var names = Analysis.NamesRead(body);
            _catchVarargs = names.Contains("varargs");
            _catchKwargs = names.Contains("kwargs");
            _usesCaller = names.Contains("caller");
        }

        public string Name { get; }
        public List<MacroParameter> Parameters { get; }
        public List<Stmt> Body { get; }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs) => Invoke(context, args, kwargs, null);

        /// <summary>
        /// Binds arguments as Jinja's Macro.__call__ does: positionals, then keywords for the remaining parameters, then the
        /// caller (a call block's body, passed as the keyword <c>caller</c>) when the body reads it; leftovers are errors
        /// unless the body reads varargs or kwargs.
        /// </summary>
        public string Invoke(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs, Macro? caller)
        {
            var frame = new Frame(_closure);
            var remaining = new List<KeyValuePair<string, object?>>(kwargs);
            if (caller != null) remaining.Add(new KeyValuePair<string, object?>("caller", caller));
            var values = new object?[Parameters.Count];
            var given = new bool[Parameters.Count];
            for (var i = 0; i < Parameters.Count; i++)
            {
                if (i < args.Count) (values[i], given[i]) = (args[i], true);
                else given[i] = Take(remaining, Parameters[i].Name, out values[i]);
            }
            if (_usesCaller && !Parameters.Any(p => p.Name == "caller"))
                frame.Set("caller", Take(remaining, "caller", out var passed) && passed != null ? passed : new Undefined("No caller defined", "caller"));
            var extraKwargs = new PyDict();
            if (_catchKwargs) foreach (var kw in remaining) extraKwargs[kw.Key] = kw.Value;
            else if (remaining.Count > 0)
            {
                if (remaining.Any(kw => kw.Key == "caller"))
                    throw new TemplateError("macro '" + Name + "' was invoked with two values for the special caller argument. This is most likely a bug.");
                throw new TemplateError("macro '" + Name + "' takes no keyword argument '" + remaining[0].Key + "'");
            }
            if (args.Count > Parameters.Count && !_catchVarargs)
                throw new TemplateError("macro '" + Name + "' takes not more than " + Parameters.Count + " argument(s)");
            context.EnterCall("macro");
            var previous = context.Template;
            context.Template = _owner;
            try
            {
                // A default reads the parameters as bound so far: one given later or defaulted after it is still undefined.
                for (var i = 0; i < Parameters.Count; i++)
                    frame.Set(Parameters[i].Name, given[i] ? values[i] : new Undefined("'" + Parameters[i].Name + "' is undefined", Parameters[i].Name));
                for (var i = 0; i < Parameters.Count; i++)
                {
                    var p = Parameters[i];
                    if (!given[i]) values[i] = p.Default != null ? _interpreter.Eval(p.Default, frame) : new Undefined("parameter '" + p.Name + "' was not provided", null);
                    frame.Set(p.Name, values[i]);
                }
                frame.Set("varargs", new PyTuple(args.Skip(Parameters.Count)));
                frame.Set("kwargs", extraKwargs);
                var output = new StringBuilder();
                _interpreter.ExecDetached(Body, frame, output);
                return output.ToString();
            }
            finally
            {
                context.Template = previous;
                context.ExitCall();
            }
        }

        /// <summary>Removes the keyword argument <paramref name="name"/> (the last one given, as a Python dict keeps it).</summary>
        private static bool Take(List<KeyValuePair<string, object?>> kwargs, string name, out object? value)
        {
            // Loops, not FindLastIndex/RemoveAll lambdas: those would allocate a closure for every parameter bound.
            var found = false;
            value = null;
            for (var i = kwargs.Count - 1; i >= 0; i--)
            {
                if (kwargs[i].Key != name) continue;
                if (!found) value = kwargs[i].Value;
                found = true;
                kwargs.RemoveAt(i);
            }
            return found;
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "name" => Name,
                "arguments" => new PyTuple(Parameters.Select(p => (object?)p.Name)),
                "catch_kwargs" => _catchKwargs,
                "catch_varargs" => _catchVarargs,
                "caller" => _usesCaller,
                _ => null,
            };
            return value != null;
        }

        public override string ToString() => "<Macro '" + Name + "'>";
    }

    /// <summary>Jinja's <c>self</c>: each block of the template being rendered, by name, callable.</summary>
    internal sealed class TemplateReference : IAttributeSource
    {
        private readonly Interpreter _interpreter;
        private readonly Frame _context;

        public TemplateReference(Interpreter interpreter, Frame context)
        {
            _interpreter = interpreter;
            _context = context;
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = _interpreter.HasBlock(name) ? new BlockReference(_interpreter, name, 0, _context) : null;
            return value != null;
        }

        public override string ToString() => "<TemplateReference " + PyRepr.Repr(_interpreter.Context.Template.Name) + ">";
    }

    /// <summary>One implementation of a block (<c>self.name</c>, <c>super</c>): calling it renders it; <c>.super</c> is the next one up.</summary>
    internal sealed class BlockReference : ICallable, IAttributeSource
    {
        private readonly Interpreter _interpreter;
        private readonly string _name;
        private readonly int _level;
        private readonly Frame _context;

        public BlockReference(Interpreter interpreter, string name, int level, Frame context)
        {
            _interpreter = interpreter;
            _name = name;
            _level = level;
            _context = context;
        }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs)
        {
            if (args.Count > 0 || kwargs.Count > 0) throw new TemplateError("BlockReference.__call__() takes 1 positional argument but " + (1 + args.Count) + " were given");
            return _interpreter.RenderBlockText(_name, _level, _context);
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "super" ? _interpreter.SuperOf(_name, _level, _context) : null;
            return value != null;
        }

        public override string ToString() => "<BlockReference " + PyRepr.Repr(_name) + ">";
    }

    /// <summary>The <c>loop</c> variable of a for loop.</summary>
    internal sealed class LoopContext : IAttributeSource, ICallable
    {
        private readonly List<object?> _items;
        private readonly System.Func<object?, int, string>? _recurse;
        private object? _lastChanged = new object();

        public LoopContext(List<object?> items, int depth0, System.Func<object?, int, string>? recurse)
        {
            _items = items;
            Depth0 = depth0;
            _recurse = recurse;
        }

        public int Index0 { get; set; }
        public int Depth0 { get; }

        public bool TryGetAttribute(string name, out object? value)
        {
            var n = _items.Count;
            switch (name)
            {
                case "index": value = (long)Index0 + 1; return true;
                case "index0": value = (long)Index0; return true;
                case "revindex": value = (long)(n - Index0); return true;
                case "revindex0": value = (long)(n - Index0 - 1); return true;
                case "first": value = Index0 == 0; return true;
                case "last": value = Index0 == n - 1; return true;
                case "length": value = (long)n; return true;
                case "depth": value = (long)Depth0 + 1; return true;
                case "depth0": value = (long)Depth0; return true;
                case "previtem": value = Index0 > 0 ? _items[Index0 - 1] : new Undefined("there is no previous item", null); return true;
                case "nextitem": value = Index0 + 1 < n ? _items[Index0 + 1] : new Undefined("there is no next item", null); return true;
                case "cycle": value = new NativeFunction("cycle", (ctx, a) =>
                    {
                        if (a.Positional.Count == 0) throw new TemplateError("no items for cycling given");
                        return a.Positional[Index0 % a.Positional.Count];
                    }); return true;
                case "changed": value = new NativeFunction("changed", (ctx, a) =>
                    {
                        var current = new PyTuple(a.Positional);
                        if (PyEquality.AreEqual(current, _lastChanged as PyTuple)) return false;
                        _lastChanged = current;
                        return true;
                    }); return true;
            }
            value = null;
            return false;
        }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs)
        {
            if (_recurse == null) throw new TemplateError("The loop must have the 'recursive' marker to be called recursively.");
            if (args.Count != 1) throw new TemplateError("loop() takes exactly one argument");
            return _recurse(args[0], Depth0 + 1);
        }

        public override string ToString() => "<LoopContext " + (Index0 + 1) + "/" + _items.Count + ">";
    }

    /// <summary>A built-in function (range, dict, namespace, loop.cycle …).</summary>
    internal sealed class NativeFunction : ICallable
    {
        private readonly System.Func<RenderContext, CallArgs, object?> _body;

        public NativeFunction(string name, System.Func<RenderContext, CallArgs, object?> body)
        {
            Name = name;
            _body = body;
        }

        public string Name { get; }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs) =>
            _body(context, new CallArgs(Name, args, kwargs));

        public override string ToString() => "<function " + Name + ">";
    }

    /// <summary>Jinja's <c>namespace()</c>: the one object a template may assign attributes to.</summary>
    internal sealed class Namespace : IAttributeSource
    {
        public PyDict Attributes { get; } = new PyDict();

        public bool TryGetAttribute(string name, out object? value) => Attributes.TryGetValue(name, out value);

        public override string ToString() => "<Namespace " + PyRepr.Repr(Attributes) + ">";
    }

    /// <summary>An imported template: its top-level macros and variables.</summary>
    internal sealed class TemplateModule : IAttributeSource
    {
        public TemplateModule(string name, IReadOnlyDictionary<string, object?> exports)
        {
            Name = name;
            Exports = exports;
        }

        public string Name { get; }
        public IReadOnlyDictionary<string, object?> Exports { get; }

        public bool TryGetAttribute(string name, out object? value) => Exports.TryGetValue(name, out value);

        public override string ToString() => "<TemplateModule '" + Name + "'>";
    }

    /// <summary>Jinja's cycler() and joiner() globals.</summary>
    internal sealed class Cycler : IAttributeSource
    {
        private readonly List<object?> _items;
        private int _position;

        public Cycler(List<object?> items) => _items = items;

        public bool TryGetAttribute(string name, out object? value)
        {
            switch (name)
            {
                case "current": value = _items[_position]; return true;
                case "next": value = new NativeFunction("next", (c, a) => { var v = _items[_position]; _position = (_position + 1) % _items.Count; return v; }); return true;
                case "reset": value = new NativeFunction("reset", (c, a) => { _position = 0; return null; }); return true;
            }
            value = null;
            return false;
        }
    }
}
