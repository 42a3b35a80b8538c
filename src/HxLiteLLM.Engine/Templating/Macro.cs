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
                    if (!given[i]) values[i] = p.Default != null ? _interpreter.Eval(p.Default, frame)
                        : new Undefined("parameter '" + p.Name + "' was not provided", null);
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
}
