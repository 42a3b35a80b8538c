using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Templating
{
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
}
