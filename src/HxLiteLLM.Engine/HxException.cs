using System;

namespace HxLiteLLM
{
    /// <summary>
    /// Base of every error the engine raises on bad input. Carries where the problem is (file, line, column),
    /// a stable ErrorId and its <see cref="HxErrorKind"/>, which the cmdlets turn into an ErrorRecord. Messages never contain
    /// secret values.
    /// </summary>
    public class HxException : Exception
    {
        public HxException(string errorId, string message, string? file = null, int line = 0, int column = 0, Exception? inner = null,
            HxErrorKind kind = HxErrorKind.InvalidData)
            : base(message, inner)
        {
            ErrorId = errorId;
            ErrorKind = kind;
            File = file;
            Line = line;
            Column = column;
        }

        /// <summary>Stable identifier scripts can branch on, e.g. "InventoryParseError".</summary>
        public string ErrorId { get; }
        /// <summary>The kind of failure, one ErrorCategory per kind in every cmdlet.</summary>
        public HxErrorKind ErrorKind { get; }
        public string? File { get; }
        /// <summary>1-based line, 0 when not tied to a line.</summary>
        public int Line { get; }
        /// <summary>1-based column, 0 when not tied to a column.</summary>
        public int Column { get; }
    }
}
