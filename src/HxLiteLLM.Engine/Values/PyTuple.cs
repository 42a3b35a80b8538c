using System.Collections;
using System.Collections.Generic;

namespace HxLiteLLM.Values
{
    /// <summary>A Python tuple: an immutable sequence that prints as <c>('a', 1)</c>.</summary>
    public sealed class PyTuple : IReadOnlyList<object?>
    {
        private readonly object?[] _items;

        public PyTuple(IEnumerable<object?> items) => _items = new List<object?>(items).ToArray();

        public object? this[int index] => _items[index];
        public int Count => _items.Length;
        public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
        public override string ToString() => PyRepr.Repr(this);
    }
}
