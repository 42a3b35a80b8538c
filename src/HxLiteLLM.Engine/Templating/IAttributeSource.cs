
namespace HxLiteLLM.Templating
{
    /// <summary>A runtime object with named attributes (loop, namespace, cycler, macro).</summary>
    internal interface IAttributeSource
    {
        bool TryGetAttribute(string name, out object? value);
    }
}
