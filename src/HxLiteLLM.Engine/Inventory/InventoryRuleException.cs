using System;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// An inventory rule broken while building the model (group loops, bad ranges); the parser that
    /// was reading a line turns it into an <see cref="InventoryException"/> carrying file and line.
    /// </summary>
    internal sealed class InventoryRuleException : Exception
    {
        public InventoryRuleException(string message, string? hint = null) : base(message) => Hint = hint;

        public string? Hint { get; }
    }
}
