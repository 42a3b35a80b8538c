namespace HxLiteLLM.Vault
{
    /// <summary>
    /// A vault failure. Messages name the file and, for format errors, the line; they never contain a password
    /// or any decrypted text.
    /// </summary>
    public sealed class VaultException : HxException
    {
        public VaultException(VaultErrorKind kind, string message, string? file = null, int? line = null, int? column = null)
            : base("Vault" + kind, Compose(message, file, line, column), file, line ?? 0, column ?? 0, kind: KindOf(kind))
        {
            Kind = kind;
        }

        public VaultErrorKind Kind { get; }

        private static HxErrorKind KindOf(VaultErrorKind kind)
        {
            switch (kind)
            {
                case VaultErrorKind.WrongPassword: return HxErrorKind.AuthenticationError;
                case VaultErrorKind.BadFormat: return HxErrorKind.ParseError;
                case VaultErrorKind.EmptyPassword:
                case VaultErrorKind.InvalidLabel: return HxErrorKind.InvalidArgument;
                case VaultErrorKind.NoSecrets: return HxErrorKind.SecurityError;
                case VaultErrorKind.PasswordFile: return HxErrorKind.ReadError;
                default: return HxErrorKind.InvalidData;
            }
        }

        private static string Compose(string message, string? file, int? line, int? column)
        {
            if (file == null && line == null) return message;
            var where = file ?? "<vault>";
            if (line != null) where += ":" + line;
            if (column != null) where += ":" + column;
            return where + ": " + message;
        }
    }
}
