using System;

namespace HxLiteLLM.Templating
{
    /// <summary>An error raised while evaluating, before the renderer attaches template name and position.</summary>
    internal class TemplateError : Exception
    {
        public TemplateError(string message, Undefined? undefined = null) : base(message) => Undefined = undefined;
        public Undefined? Undefined { get; }
    }
}
