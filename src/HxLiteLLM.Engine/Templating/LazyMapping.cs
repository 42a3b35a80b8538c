using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// A read-only mapping whose values are computed (and templated) only when read, as Ansible's HostVars and
    /// HostVarsVars are: the variable walks that look for Jinja markers or check value types stop at it, so
    /// naming <c>hostvars</c> in a template does not template every host.
    /// </summary>
    internal abstract class LazyMapping : IDictionary<object, object?>
    {
        private readonly Dictionary<string, object?> _computed = new Dictionary<string, object?>(StringComparer.Ordinal);

        /// <summary>Python's type name (what type_debug shows).</summary>
        public abstract string PythonTypeName { get; }

        /// <summary>The keys, in Python's iteration order.</summary>
        protected abstract IReadOnlyList<string> KeyNames { get; }

        protected abstract bool Contains(string key);

        /// <summary>The value of a key known to exist; called once per key.</summary>
        protected abstract object? Compute(string key);

        public bool TryGetValue(object key, out object? value)
        {
            value = null;
            if (!(key is string name) || !Contains(name)) return false;
            if (!_computed.TryGetValue(name, out value))
            {
                value = Compute(name);
                _computed[name] = value;
            }
            return true;
        }

        public object? this[object key]
        {
            get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(Ops.Str(key));
            set => throw ReadOnly();
        }

        public ICollection<object> Keys => KeyNames.Cast<object>().ToList();

        public ICollection<object?> Values => KeyNames.Select(k => this[k]).ToList();

        public int Count => KeyNames.Count;

        public bool IsReadOnly => true;

        public bool ContainsKey(object key) => key is string name && Contains(name);

        public bool Contains(KeyValuePair<object, object?> item) => TryGetValue(item.Key, out var value) && Equals(value, item.Value);

        public IEnumerator<KeyValuePair<object, object?>> GetEnumerator()
        {
            foreach (var key in KeyNames) yield return new KeyValuePair<object, object?>(key, this[key]);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void CopyTo(KeyValuePair<object, object?>[] array, int arrayIndex)
        {
            foreach (var kv in this) array[arrayIndex++] = kv;
        }

        public void Add(object key, object? value) => throw ReadOnly();
        public void Add(KeyValuePair<object, object?> item) => throw ReadOnly();
        public void Clear() => throw ReadOnly();
        public bool Remove(object key) => throw ReadOnly();
        public bool Remove(KeyValuePair<object, object?> item) => throw ReadOnly();

        private TemplateError ReadOnly() => new TemplateError("'" + PythonTypeName + "' object does not support item assignment");
    }
}
