
namespace HxLiteLLM.Templating
{
    /// <summary>
    /// Ansible's strict undefined: any use (print, iterate, truth, arithmetic, compare) fails with the message;
    /// attribute and item access give the same undefined back, so <c>a.b.c | default('x')</c> works.
    /// </summary>
    internal class Undefined
    {
        private readonly string? _message;

        public Undefined(string message, string? variableName, bool lenient = false, object? container = null)
        {
            _message = message;
            VariableName = variableName;
            Lenient = lenient;
            Container = container;
        }

        /// <summary>For an undefined that words its message only when asked.</summary>
        protected Undefined(string variableName, object? container)
        {
            VariableName = variableName;
            Container = container;
        }

        /// <summary>The object the attribute or item was missing from (for did-you-mean over its keys).</summary>
        public object? Container { get; }

        /// <summary>Jinja's plain Undefined (an if-expression without else): prints empty, is false, iterates empty.</summary>
        public bool Lenient { get; }

        public virtual string Message => _message!;
        /// <summary>The missing name, attribute or key (Jinja's _undefined_name), as the mandatory filter reports it.</summary>
        public string? VariableName { get; }

        public override string ToString() => "Undefined: " + Message;
    }

    /// <summary>
    /// A missing attribute (<c>model.mode</c> when the dict has no such key). Usually it only reaches a default
    /// filter or a defined test, so the message is worded when it is read.
    /// </summary>
    internal sealed class MissingAttribute : Undefined
    {
        private string? _message;

        public MissingAttribute(object? container, string name) : base(name, container) { }

        public override string Message => _message ??= "'" + Ops.ObjectDescription(Container) + "' has no attribute '" + VariableName + "'";
    }
}
