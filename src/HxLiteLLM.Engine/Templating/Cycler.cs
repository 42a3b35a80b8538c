using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
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
                case "next": value = new NativeFunction("next",
                    (c, a) => { var v = _items[_position]; _position = (_position + 1) % _items.Count; return v; }); return true;
                case "reset": value = new NativeFunction("reset", (c, a) => { _position = 0; return null; }); return true;
            }
            value = null;
            return false;
        }
    }
}
