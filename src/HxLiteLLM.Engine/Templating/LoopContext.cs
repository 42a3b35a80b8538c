using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
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
}
