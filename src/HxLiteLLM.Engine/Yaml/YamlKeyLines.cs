using System.Collections.Generic;
using System.Runtime.CompilerServices;
using HxLiteLLM.Values;

namespace HxLiteLLM.Yaml
{
    /// <summary>
    /// Where each mapping key of a loaded YAML document was written, so that callers checking the
    /// structure afterwards (the YAML inventory) can name the line of what is wrong.
    /// </summary>
    public sealed class YamlKeyLines
    {
        private readonly ConditionalWeakTable<PyDict, Dictionary<object, int>> _lines = new ConditionalWeakTable<PyDict, Dictionary<object, int>>();

        internal void Record(PyDict dict, object key, int line)
        {
            var lines = _lines.GetValue(dict, _ => new Dictionary<object, int>(PyKeyComparer.Instance));
            lines[key] = line;
        }

        /// <summary>The 1-based line of <paramref name="key"/> in <paramref name="dict"/>, or 0 when unknown (JSON input).</summary>
        public int LineOf(PyDict dict, object key) =>
            _lines.TryGetValue(dict, out var lines) && lines.TryGetValue(key, out var line) ? line : 0;
    }
}
