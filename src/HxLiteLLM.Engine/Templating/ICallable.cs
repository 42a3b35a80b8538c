using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
    /// <summary>Something a template can call: macros, globals like range(), bound str/list/dict methods.</summary>
    internal interface ICallable
    {
        object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs);
    }
}
