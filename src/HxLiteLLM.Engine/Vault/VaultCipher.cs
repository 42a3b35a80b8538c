using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// Ansible Vault 1.1/1.2 encryption: PBKDF2-HMAC-SHA256 (10000 iterations) gives AES key, HMAC key and counter;
    /// the PKCS#7-padded plaintext is AES-256-CTR encrypted and the ciphertext authenticated with HMAC-SHA256.
    /// </summary>
    public static class VaultCipher
    {
        public const int SaltBytes = 32;
        private const int PadBlock = 16;

        /// <summary>
        /// Encrypts with a fresh random salt. The header carries <paramref name="vaultId"/> (default: the secret's
        /// label) as format 1.2, unless it is "default", which gives format 1.1 like ansible-vault.
        /// </summary>
        public static string Encrypt(byte[] plaintext, VaultSecret secret, string? vaultId = null)
        {
            var salt = new byte[SaltBytes];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(salt);
            return Encrypt(plaintext, secret, vaultId, salt);
        }

        /// <summary>Encryption with a chosen salt, for byte-exact comparisons; a salt must never be reused in production.</summary>
        internal static string Encrypt(byte[] plaintext, VaultSecret secret, string? vaultId, byte[] salt)
        {
            if (plaintext == null) throw new ArgumentNullException(nameof(plaintext));
            if (secret == null) throw new ArgumentNullException(nameof(secret));
            if (VaultEnvelope.IsEncrypted(plaintext))
                throw new VaultException(VaultErrorKind.AlreadyEncrypted, "Input is already encrypted; decrypt it first or encrypt the plaintext.");
            var label = VaultEnvelope.HeaderLabel(vaultId ?? secret.Label);
            VaultEnvelope.CheckLabel(label);
            var keys = secret.KeysFor(salt);
            var padded = Pad(plaintext);
            var ciphertext = AesCtr.Transform(keys.AesKey, keys.InitialCounter, padded);
            Array.Clear(padded, 0, padded.Length);
            var envelope = new VaultEnvelope(label == null ? "1.1" : "1.2", VaultEnvelope.Aes256, label, (byte[])salt.Clone(), Mac(keys, ciphertext),
                ciphertext);
            return envelope.ToString();
        }

        /// <inheritdoc cref="DecryptWithDetails(string, IReadOnlyList{VaultSecret}, string?)"/>
        public static byte[] Decrypt(string envelope, IReadOnlyList<VaultSecret> secrets, string? sourceName = null) =>
            DecryptWithDetails(envelope, secrets, sourceName).Plaintext;

        /// <inheritdoc cref="DecryptWithDetails(string, IReadOnlyList{VaultSecret}, string?)"/>
        public static byte[] Decrypt(byte[] content, IReadOnlyList<VaultSecret> secrets, string? sourceName = null) =>
            DecryptWithDetails(content, secrets, sourceName).Plaintext;

        /// <summary>Reads the file's bytes unchanged (a BOM makes it "not a vault", as in Ansible; over <see cref="VaultEnvelope.MaxBytes"/> it is refused
        /// unread) and decrypts them.</summary>
        public static byte[] DecryptFile(string path, IReadOnlyList<VaultSecret> secrets) => Decrypt(VaultEnvelope.ReadFile(path), secrets, path);

        /// <summary>
        /// Decrypts with the first secret whose HMAC verifies: secrets labelled like the header first, then the others
        /// in the given order. The HMAC is checked in constant time before anything is decrypted.
        /// </summary>
        public static VaultDecryption DecryptWithDetails(string envelope, IReadOnlyList<VaultSecret> secrets, string? sourceName = null) =>
            Open(VaultEnvelope.Parse(envelope, sourceName), secrets, sourceName);

        /// <inheritdoc cref="DecryptWithDetails(string, IReadOnlyList{VaultSecret}, string?)"/>
        public static VaultDecryption DecryptWithDetails(byte[] content, IReadOnlyList<VaultSecret> secrets, string? sourceName = null) =>
            Open(VaultEnvelope.Parse(content, sourceName), secrets, sourceName);

        private static VaultDecryption Open(VaultEnvelope envelope, IReadOnlyList<VaultSecret> secrets, string? sourceName)
        {
            if (secrets == null || secrets.Count == 0)
            {
                throw new VaultException(VaultErrorKind.NoSecrets,
                    "Attempting to decrypt but no vault secrets found; give a vault password, a password file, or set " + VaultSecret.PasswordFileVariable
                        + ".", sourceName);
            }
            var ordered = secrets.Where(s => s.Label == envelope.VaultId).Concat(secrets.Where(s => s.Label != envelope.VaultId)).ToList();
            foreach (var secret in ordered)
            {
                var keys = secret.KeysFor(envelope.Salt);
                if (!VaultKeys.FixedTimeEquals(Mac(keys, envelope.Ciphertext), envelope.Hmac)) continue;
                var padded = AesCtr.Transform(keys.AesKey, keys.InitialCounter, envelope.Ciphertext);
                return new VaultDecryption(Unpad(padded, sourceName), secret, envelope);
            }
            var labels = string.Join(", ", ordered.Select(s => s.Label).Distinct());
            var labelled = envelope.VaultId == null ? "" : " The vault is labelled '" + envelope.VaultId + "'" +
                (ordered.Any(s => s.Label == envelope.VaultId) ? "." : " but no secret has that label.");
            throw new VaultException(VaultErrorKind.WrongPassword,
                "Decryption failed (no vault secrets were found that could decrypt): the HMAC did not verify with any secret tried (labels: " + labels + ")." +
                labelled + " Check the password, or the vault text was altered.", sourceName);
        }

        private static byte[] Mac(VaultKeys keys, byte[] ciphertext)
        {
            using (var hmac = new HMACSHA256(keys.HmacKey)) return hmac.ComputeHash(ciphertext);
        }

        /// <summary>PKCS#7 to 16 bytes, although CTR needs none: the vault format always adds 1..16 bytes.</summary>
        private static byte[] Pad(byte[] plaintext)
        {
            var pad = PadBlock - plaintext.Length % PadBlock;
            var padded = new byte[plaintext.Length + pad];
            Buffer.BlockCopy(plaintext, 0, padded, 0, plaintext.Length);
            for (var i = plaintext.Length; i < padded.Length; i++) padded[i] = (byte)pad;
            return padded;
        }

        private static byte[] Unpad(byte[] padded, string? sourceName)
        {
            var pad = padded.Length == 0 ? 0 : padded[padded.Length - 1];
            var valid = padded.Length % PadBlock == 0 && pad >= 1 && pad <= PadBlock && pad <= padded.Length;
            for (var i = padded.Length - pad; valid && i < padded.Length; i++) valid = padded[i] == pad;
            if (!valid)
            {
                Array.Clear(padded, 0, padded.Length);
                throw new VaultException(VaultErrorKind.BadFormat, "Invalid padding bytes after decryption; the vault was not written by a vault tool.",
                    sourceName);
            }
            var plaintext = new byte[padded.Length - pad];
            Buffer.BlockCopy(padded, 0, plaintext, 0, plaintext.Length);
            Array.Clear(padded, 0, padded.Length);
            return plaintext;
        }
    }
}
