using System;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// A value written as <c>!vault |</c> in YAML (or <c>{"__ansible_vault": …}</c> in JSON): the encrypted
    /// envelope, kept undecrypted as Ansible keeps it until a task uses it. <c>ansible-inventory</c> prints
    /// it as <c>{"__ansible_vault": "&lt;envelope&gt;"}</c>; <see cref="ToJsonObject"/> gives that form.
    /// </summary>
    public sealed class VaultedString : IEquatable<VaultedString>
    {
        public const string JsonKey = "__ansible_vault";

        public VaultedString(string envelope) => Envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));

        /// <summary>The <c>$ANSIBLE_VAULT;1.1;AES256</c> header and hex lines, as written in the file.</summary>
        public string Envelope { get; }

        /// <summary>The JSON shape Ansible's encoder gives a vaulted value.</summary>
        public PyDict ToJsonObject() => new PyDict { { JsonKey, Envelope } };

        public bool Equals(VaultedString? other) => other != null && string.Equals(Envelope, other.Envelope, StringComparison.Ordinal);
        public override bool Equals(object? obj) => Equals(obj as VaultedString);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Envelope);

        /// <summary>Never the envelope or plaintext: a marker safe for logs and messages.</summary>
        public override string ToString() => "<vaulted value>";
    }
}
