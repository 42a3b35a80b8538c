using System;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// A vault failure. Messages name the file and, for format errors, the line; they never contain a password
    /// or any decrypted text.
    /// </summary>
    public sealed class VaultException : Exception
    {
        public VaultException(VaultErrorKind kind, string message, string? file = null, int? line = null, int? column = null)
            : base(Compose(message, file, line, column))
        {
            Kind = kind;
            File = file;
            Line = line;
            Column = column;
        }

        public VaultErrorKind Kind { get; }

        /// <summary>The file (or other named source) the vault came from, when known.</summary>
        public string? File { get; }

        /// <summary>1-based line in the source, for format errors.</summary>
        public int? Line { get; }

        /// <summary>1-based column in the source, for format errors.</summary>
        public int? Column { get; }

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
