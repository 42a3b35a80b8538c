using System.Collections;
using System.Collections.Generic;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// A Python dict: insertion-ordered, keys compared the way Python compares them (1 == 1.0 == True).
    /// Every mapping the engine produces (inventory vars, YAML, template values) is one of these, so
    /// key order survives from file to JSON, YAML and template output.
    /// </summary>
    public sealed class PyDict : IDictionary<object, object?>, IReadOnlyDictionary<object, object?>
    {
        private readonly List<KeyValuePair<object, object?>> _entries = new List<KeyValuePair<object, object?>>();
        private readonly Dictionary<object, int> _index = new Dictionary<object, int>(PyKeyComparer.Instance);

        public PyDict() { }

        public PyDict(IEnumerable<KeyValuePair<object, object?>> items)
        {
            foreach (var item in items) this[item.Key] = item.Value;
        }

        public object? this[object key]
        {
            get => _index.TryGetValue(key, out var i) ? _entries[i].Value : throw new KeyNotFoundException(PyRepr.Repr(key));
            set
            {
                if (_index.TryGetValue(key, out var i))
                {
                    // Python keeps the first key object and the original position on update.
                    _entries[i] = new KeyValuePair<object, object?>(_entries[i].Key, value);
                }
                else
                {
                    _index[key] = _entries.Count;
                    _entries.Add(new KeyValuePair<object, object?>(key, value));
                }
            }
        }

        public ICollection<object> Keys => _entries.ConvertAll(e => e.Key);
        public ICollection<object?> Values => _entries.ConvertAll(e => e.Value);
        IEnumerable<object> IReadOnlyDictionary<object, object?>.Keys => Keys;
        IEnumerable<object?> IReadOnlyDictionary<object, object?>.Values => Values;
        public int Count => _entries.Count;
        public bool IsReadOnly => false;

        public void Add(object key, object? value)
        {
            if (_index.ContainsKey(key)) throw new System.ArgumentException("Duplicate key " + PyRepr.Repr(key));
            this[key] = value;
        }

        public void Add(KeyValuePair<object, object?> item) => Add(item.Key, item.Value);
        public bool ContainsKey(object key) => _index.ContainsKey(key);
        public bool Contains(KeyValuePair<object, object?> item) => _index.TryGetValue(item.Key, out var i) && Equals(_entries[i].Value, item.Value);

        public bool TryGetValue(object key, out object? value)
        {
            if (_index.TryGetValue(key, out var i)) { value = _entries[i].Value; return true; }
            value = null;
            return false;
        }

        public bool Remove(object key)
        {
            if (!_index.TryGetValue(key, out var i)) return false;
            _entries.RemoveAt(i);
            _index.Remove(key);
            for (var j = i; j < _entries.Count; j++) _index[_entries[j].Key] = j;
            return true;
        }

        public bool Remove(KeyValuePair<object, object?> item) => Contains(item) && Remove(item.Key);

        public void Clear()
        {
            _entries.Clear();
            _index.Clear();
        }

        public void CopyTo(KeyValuePair<object, object?>[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);
        public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() => _entries.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>A shallow copy (Python's dict.copy()).</summary>
        public PyDict Copy() => new PyDict(_entries);

        public override string ToString() => PyRepr.Repr(this);
    }
}
