namespace HxLiteLLM
{
    /// <summary>
    /// What kind of failure an <see cref="HxException"/> is. The cmdlets turn each kind into one ErrorCategory, so the same
    /// failure has the same category in every command.
    /// </summary>
    public enum HxErrorKind
    {
        /// <summary>The input was read but is not acceptable (a value, a file's content, a result).</summary>
        InvalidData,
        /// <summary>A named file, folder, host, group or value does not exist.</summary>
        NotFound,
        /// <summary>A file's text is not valid syntax (INI, YAML, JSON, Jinja, a vault envelope).</summary>
        ParseError,
        /// <summary>A parameter value cannot be used: a folder where a file is expected, a bad name, a missing required input.</summary>
        InvalidArgument,
        /// <summary>A file exists but could not be read.</summary>
        ReadError,
        /// <summary>A file or folder could not be written.</summary>
        WriteError,
        /// <summary>The file system refused access to a path.</summary>
        PermissionDenied,
        /// <summary>No vault password given opens the vault; an SSH login was refused.</summary>
        AuthenticationError,
        /// <summary>A secret is missing, or is where it must not be.</summary>
        SecurityError,
        /// <summary>A remote peer could not be reached or refused the connection.</summary>
        ConnectionError,
        /// <summary>Another run holds the lock on a file or folder.</summary>
        ResourceBusy,
        /// <summary>An external run did not finish in its time.</summary>
        OperationTimeout,
        /// <summary>An external run was stopped or interrupted.</summary>
        OperationStopped,
    }
}
