namespace HxLiteLLM.Vault
{
    /// <summary>What went wrong with a vault operation; lets callers react without parsing messages.</summary>
    public enum VaultErrorKind
    {
        /// <summary>The input does not start with <c>$ANSIBLE_VAULT</c> (also when a BOM or a space precedes it).</summary>
        NotVault,
        /// <summary>No secret verified the HMAC: a wrong password, or the salt, HMAC or ciphertext was altered.</summary>
        WrongPassword,
        /// <summary>The envelope is damaged: header fields, hex layers or padding.</summary>
        BadFormat,
        /// <summary>The header names a cipher other than AES256.</summary>
        UnsupportedCipher,
        /// <summary>The plaintext to encrypt is already a vault.</summary>
        AlreadyEncrypted,
        /// <summary>A password (given, read from a file or printed by a script) is empty.</summary>
        EmptyPassword,
        /// <summary>Decryption was asked for without any secret.</summary>
        NoSecrets,
        /// <summary>A password file is missing or unreadable, or its script failed or timed out.</summary>
        PasswordFile,
        /// <summary>A vault id label cannot be written into a header (contains ';', whitespace or control characters).</summary>
        InvalidLabel,
        /// <summary>Decrypted content is not the YAML mapping a secrets document must be.</summary>
        NotAMapping,
        /// <summary>A vault file or envelope is larger than <see cref="VaultEnvelope.MaxBytes"/>; it was not read.</summary>
        TooLarge,
    }
}
