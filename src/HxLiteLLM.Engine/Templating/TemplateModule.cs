using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
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
}
