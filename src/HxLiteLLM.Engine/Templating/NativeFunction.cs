using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
    /// <summary>A built-in function (range, dict, namespace, loop.cycle …).</summary>
    internal sealed class NativeFunction : ICallable
    {
        private readonly System.Func<RenderContext, CallArgs, object?> _body;

        public NativeFunction(string name, System.Func<RenderContext, CallArgs, object?> body)
        {
            Name = name;
            _body = body;
        }

        public string Name { get; }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs) =>
            _body(context, new CallArgs(Name, args, kwargs));

        public override string ToString() => "<function " + Name + ">";
    }
}
