using System;
using System.Text;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// A vault password with its vault id label. Holds its own copy of the password bytes and zeroes it (and the
    /// last derived key) on <see cref="Dispose"/>.
    /// </summary>
    public sealed class VaultSecret : IDisposable
    {
        /// <summary>The label Ansible gives a password without an explicit vault id; it never produces a 1.2 header.</summary>
        public const string DefaultLabel = "default";

        /// <summary>The variable Ansible reads a default password file from.</summary>
        public const string PasswordFileVariable = "ANSIBLE_VAULT_PASSWORD_FILE";

        private readonly object _gate = new object();
        private byte[]? _password;
        private byte[]? _cachedSalt;
        private VaultKeys? _cachedKeys;

        private VaultSecret(byte[] password, string? label, string? source)
        {
            try
            {
                VaultEnvelope.CheckLabel(label);
            }
            catch (VaultException)
            {
                Array.Clear(password, 0, password.Length);
                throw;
            }
            if (password.Length == 0)
            {
                throw new VaultException(VaultErrorKind.EmptyPassword,
                    source == null ? "The vault password is empty." : "Invalid vault password was provided from " + source + ": it is empty.");
            }
            _password = password;
            Label = string.IsNullOrEmpty(label) ? DefaultLabel : label!;
            Source = source ?? "a password given directly";
        }

        public string Label { get; }

        /// <summary>Where the password came from, never the password: "file (path)", "script (path)", or a password given directly.</summary>
        public string Source { get; }

        /// <summary>
        /// The password as UTF-8 bytes, used exactly as given (Ansible strips prompted passwords; a caller that
        /// prompts should trim what was typed).
        /// </summary>
        public static VaultSecret FromPassword(string password, string? label = null) =>
            new VaultSecret(EncodeUtf8((password ?? throw new ArgumentNullException(nameof(password))).ToCharArray(), clearInput: true), label, null);

        /// <summary>The password as UTF-8 bytes; the caller may clear <paramref name="password"/> afterwards.</summary>
        public static VaultSecret FromPassword(char[] password, string? label = null) =>
            new VaultSecret(EncodeUtf8(password ?? throw new ArgumentNullException(nameof(password)), clearInput: false), label, null);

        /// <summary>Raw password bytes, copied (Ansible does not re-encode bytes read from files).</summary>
        public static VaultSecret FromBytes(byte[] password, string? label = null) =>
            new VaultSecret((byte[])(password ?? throw new ArgumentNullException(nameof(password))).Clone(), label, null);

        /// <summary>
        /// A password file as Ansible reads it: the whole content stripped of surrounding whitespace, or, when the
        /// file is executable, the standard output of running it (no shell) stripped of CR/LF.
        /// </summary>
        public static VaultSecret FromFile(string path, string? label = null, TimeSpan? scriptTimeout = null)
        {
            var read = VaultPasswordFile.Read(path, label ?? DefaultLabel, scriptTimeout ?? VaultPasswordFile.DefaultScriptTimeout);
            return new VaultSecret(read.Password, label, read.Source);
        }

        /// <summary>Strict UTF-8; the encoder's own error message would quote the offending character, so it is not passed on.</summary>
        private static byte[] EncodeUtf8(char[] password, bool clearInput)
        {
            try
            {
                return new UTF8Encoding(false, true).GetBytes(password);
            }
            catch (EncoderFallbackException)
            {
                throw new ArgumentException("The vault password is not valid Unicode text (it holds an unpaired surrogate).", nameof(password));
            }
            finally
            {
                if (clearInput) Array.Clear(password, 0, password.Length);
            }
        }

        internal byte[] Password => _password ?? throw new ObjectDisposedException(nameof(VaultSecret));

        /// <summary>Key material for one salt; the last derivation is kept so repeated use of a salt costs no PBKDF2.</summary>
        internal VaultKeys KeysFor(byte[] salt)
        {
            lock (_gate)
            {
                if (_cachedKeys != null && _cachedSalt != null && VaultKeys.FixedTimeEquals(_cachedSalt, salt)) return _cachedKeys;
                // The replaced keys are not cleared here: another thread may still be using them.
                var keys = VaultKeys.Derive(Password, salt);
                _cachedKeys = keys;
                _cachedSalt = (byte[])salt.Clone();
                return keys;
            }
        }

        public override string ToString() => "VaultSecret(" + Label + ")";

        public void Dispose()
        {
            lock (_gate)
            {
                if (_password != null) Array.Clear(_password, 0, _password.Length);
                _password = null;
                _cachedKeys?.Clear();
                _cachedKeys = null;
                _cachedSalt = null;
            }
        }
    }
}
