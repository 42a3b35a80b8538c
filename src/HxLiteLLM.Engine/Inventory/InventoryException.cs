using System;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// An inventory Ansible would reject (or one this module cannot represent). Nothing is returned half-parsed.
    /// The message is "&lt;file&gt;:&lt;line&gt;: &lt;what Ansible says&gt;" plus, where useful, how to fix it.
    /// </summary>
    public sealed class InventoryException : HxException
    {
        public InventoryException(string file, int line, string ansibleMessage, string? hint = null, Exception? inner = null)
            : base("InventoryParseError", Text(file, line, ansibleMessage, hint), file, line, 0, inner, HxErrorKind.ParseError)
        {
            AnsibleMessage = ansibleMessage;
            Hint = hint;
        }

        /// <summary>The error text as Ansible words it (without Ansible's location prefix).</summary>
        public string AnsibleMessage { get; }

        /// <summary>What to change, when Ansible's own text does not say.</summary>
        public string? Hint { get; }

        /// <summary>The message of an error in a file, as Get-HxInventory (and every command that reads vars files) words it.</summary>
        public static string Text(string file, int line, string message, string? hint = null) =>
            file + (line > 0 ? ":" + line : "") + ": " + message + (hint == null ? "" : " (" + hint + ")");
    }
}
