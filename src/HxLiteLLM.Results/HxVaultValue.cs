namespace HxLiteLLM.Results
{
    /// <summary>
    /// One top-level variable of a vars file with its vault values decrypted, as `ansible -m debug -a var=name` shows it.
    /// Value is the plaintext the caller asked for: a string for a vault value, the YAML value otherwise (mappings as
    /// variable tables, lists as arrays).
    /// </summary>
    public sealed class HxVaultValue
    {
        public HxVaultValue(string name, object? value, string source, bool encrypted)
        {
            Name = name;
            Value = value;
            Source = source;
            Encrypted = encrypted;
        }

        public string Name { get; }
        public object? Value { get; }
        /// <summary>The vars file the value was read from.</summary>
        public string Source { get; }
        /// <summary>True when the value (or some part of it) was vault-encrypted: inline !vault or the whole file.</summary>
        public bool Encrypted { get; }
    }
}
