using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja's <c>namespace()</c>: the one object a template may assign attributes to.</summary>
    internal sealed class Namespace : IAttributeSource
    {
        public PyDict Attributes { get; } = new PyDict();

        public bool TryGetAttribute(string name, out object? value) => Attributes.TryGetValue(name, out value);

        public override string ToString() => "<Namespace " + PyRepr.Repr(Attributes) + ">";
    }
}
