using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// The text form of a vault: a <c>$ANSIBLE_VAULT;1.1;AES256[;label]</c> header, then hex in 80-column lines whose
    /// decoded text is itself <c>hex(salt) LF hex(hmac) LF hex(ciphertext)</c>. Reading is as tolerant as Ansible's
    /// (CRLF, any line length, trailing blank lines, uppercase hex); writing is exactly what ansible-vault writes.
    /// </summary>
    public sealed class VaultEnvelope
    {
        public const string Marker = "$ANSIBLE_VAULT";
        public const string Aes256 = "AES256";
        private const int LineWidth = 80;

        /// <summary>
        /// The largest vault file (or envelope) read: decoding takes several times its size in memory, so a file of hundreds of
        /// megabytes is refused before it is read. Real vaults hold a few kilobytes of variables.
        /// </summary>
        public const long MaxBytes = 64L * 1024 * 1024;

        /// <summary>What Python's bytes.strip() removes from header fields.</summary>
        private static readonly char[] AsciiWhitespace = { ' ', '\t', '\n', '\v', '\f', '\r' };

        internal VaultEnvelope(string version, string cipher, string? vaultId, byte[] salt, byte[] hmac, byte[] ciphertext)
        {
            Version = version;
            Cipher = cipher;
            VaultId = vaultId;
            Salt = salt;
            Hmac = hmac;
            Ciphertext = ciphertext;
        }

        /// <summary>"1.1", or "1.2" when the header carries a vault id label.</summary>
        public string Version { get; }

        public string Cipher { get; }

        /// <summary>The header's label; null when there is none. Unauthenticated: only a hint for picking a secret.</summary>
        public string? VaultId { get; }

        internal byte[] Salt { get; }
        internal byte[] Hmac { get; }
        internal byte[] Ciphertext { get; }

        /// <summary>Ansible's test: pure ASCII and starting with <c>$ANSIBLE_VAULT</c> (so a BOM or a leading space means "not a vault").</summary>
        public static bool IsEncrypted(byte[] content)
        {
            if (content == null) return false;
            foreach (var b in content) if (b >= 0x80) return false;
            return StartsWithMarker(content);
        }

        /// <inheritdoc cref="IsEncrypted(byte[])"/>
        public static bool IsEncrypted(string text)
        {
            if (text == null || !text.StartsWith(Marker, StringComparison.Ordinal)) return false;
            foreach (var c in text) if (c >= 0x80) return false;
            return true;
        }

        /// <inheritdoc cref="IsEncrypted(byte[])"/>
        public static bool IsEncryptedFile(string path) => IsEncrypted(File.ReadAllBytes(path));

        /// <summary>
        /// The bytes of a vault file (or a file about to become one) as they are; a <see cref="VaultException"/> (TooLarge) naming the
        /// file and the limit, before anything is read, when it is larger than <see cref="MaxBytes"/>.
        /// </summary>
        public static byte[] ReadFile(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                CheckSize(stream.Length, path);
                var content = new byte[stream.Length];
                var read = 0;
                for (int n; read < content.Length && (n = stream.Read(content, read, content.Length - read)) > 0;) read += n;
                if (read < content.Length) Array.Resize(ref content, read);
                return content;
            }
        }

        private static void CheckSize(long length, string? sourceName)
        {
            if (length <= MaxBytes) return;
            throw new VaultException(VaultErrorKind.TooLarge,
                "the vault is " + length + " bytes, more than the limit of " + MaxBytes / (1024 * 1024) + " MiB (" + MaxBytes
                    + " bytes) for a vault; it was not read. Split it, or keep large data out of vaults.",
                sourceName ?? "<vault>");
        }

        /// <summary>Reads file bytes as they are: a BOM is not skipped, so BOM-prefixed input is rejected as Ansible does.</summary>
        public static VaultEnvelope Parse(byte[] content, string? sourceName = null)
        {
            if (!IsEncrypted(content)) throw NotVault(content, sourceName);
            CheckSize(content.Length, sourceName);
            return ParseChecked(Encoding.ASCII.GetString(content), sourceName);
        }

        public static VaultEnvelope Parse(string text, string? sourceName = null)
        {
            if (!IsEncrypted(text)) throw NotVault(text == null ? Array.Empty<byte>() : new UTF8Encoding(false).GetBytes(text), sourceName);
            CheckSize(text.Length, sourceName);
            return ParseChecked(text, sourceName);
        }

        /// <summary>The envelope as ansible-vault writes it: LF line ends, lowercase hex, 80 columns, final LF.</summary>
        public override string ToString()
        {
            var inner = Hex(Salt) + "\n" + Hex(Hmac) + "\n" + Hex(Ciphertext);
            var outer = Hex(Encoding.ASCII.GetBytes(inner));
            var text = new StringBuilder(Marker.Length + 32 + outer.Length + outer.Length / LineWidth + 1);
            text.Append(Marker).Append(';').Append(Version).Append(';').Append(Cipher);
            if (VaultId != null) text.Append(';').Append(VaultId);
            text.Append('\n');
            for (var i = 0; i < outer.Length; i += LineWidth) text.Append(outer, i, Math.Min(LineWidth, outer.Length - i)).Append('\n');
            return text.ToString();
        }

        /// <summary>Header version for a label: Ansible writes 1.2 only for a label other than "default".</summary>
        internal static string? HeaderLabel(string? vaultId) =>
            string.IsNullOrEmpty(vaultId) || vaultId == VaultSecret.DefaultLabel ? null : vaultId;

        /// <summary>A label must survive a round trip through the header: printable ASCII without ';', quotes or spaces.</summary>
        internal static void CheckLabel(string? label)
        {
            if (label == null) return;
            foreach (var c in label)
            {
                if (c <= ' ' || c >= 0x7f || c == ';' || c == '"' || c == '\'')
                {
                    throw new VaultException(VaultErrorKind.InvalidLabel,
                        "The vault id label '" + label
                            + "' cannot be written into a vault header; use ASCII letters, digits and punctuation other than ';' and quotes, without spaces.");
                }
            }
        }

        private static VaultException NotVault(byte[] content, string? sourceName)
        {
            var hint = "it does not start with " + Marker + ".";
            if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
                hint = "it starts with a UTF-8 byte order mark (BOM); save the file as UTF-8 without BOM.";
            else if (content.Length > 0 && (content[0] == ' ' || content[0] == '\t' || content[0] == '\r' || content[0] == '\n'))
                hint = "whitespace precedes " + Marker + "; remove it.";
            else if (StartsWithMarker(content))
                hint = "it contains non-ASCII bytes, which a vault never does.";
            return new VaultException(VaultErrorKind.NotVault, "Input is not vault encrypted data: " + hint, sourceName);
        }

        private static bool StartsWithMarker(byte[] content)
        {
            if (content.Length < Marker.Length) return false;
            for (var i = 0; i < Marker.Length; i++) if (content[i] != Marker[i]) return false;
            return true;
        }

        private static VaultEnvelope ParseChecked(string text, string? sourceName)
        {
            var lines = SplitLines(text);
            var header = lines[0].Trim(AsciiWhitespace).Split(';');
            if (header.Length < 3)
            {
                throw new VaultException(VaultErrorKind.BadFormat,
                    "Vault envelope format error: the header must be " + Marker + ";1.1;AES256 or " + Marker + ";1.2;AES256;<vault-id>.", sourceName, 1);
            }
            var cipher = header[2].Trim(AsciiWhitespace);
            if (cipher != Aes256)
            {
                throw new VaultException(VaultErrorKind.UnsupportedCipher,
                    "The vault cipher '" + cipher + "' is not supported; only " + Aes256 + " exists.", sourceName, 1);
            }
            var vaultId = header.Length >= 4 ? header[3].Trim(AsciiWhitespace) : null;
            var body = JoinBody(lines, sourceName);
            if (body.Length % 2 != 0)
            {
                throw new VaultException(VaultErrorKind.BadFormat,
                    "Vault format unhexlify error: odd number of hex digits; the vault text is truncated.", sourceName);
            }
            var inner = Encoding.ASCII.GetString(Unhex(body, 0, body.Length));
            var first = inner.IndexOf('\n');
            var second = first < 0 ? -1 : inner.IndexOf('\n', first + 1);
            if (second < 0)
            {
                throw new VaultException(VaultErrorKind.BadFormat,
                    "Vault vaulttext format error: the decoded body must hold salt, HMAC and ciphertext on three lines; the vault text is damaged.",
                        sourceName);
            }
            var salt = InnerHex(inner, 0, first, "salt", sourceName);
            var hmac = InnerHex(inner, first + 1, second, "HMAC", sourceName);
            var ciphertext = InnerHex(inner, second + 1, inner.Length, "ciphertext", sourceName);
            return new VaultEnvelope(header[1].Trim(AsciiWhitespace), cipher, string.IsNullOrEmpty(vaultId) ? null : vaultId, salt, hmac, ciphertext);
        }

        /// <summary>Python's bytes.splitlines(): LF, CR and CRLF end lines; a final line end adds no empty line.</summary>
        private static List<string> SplitLines(string text)
        {
            var lines = new List<string>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '\n' && text[i] != '\r') continue;
                lines.Add(text.Substring(start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                start = i + 1;
            }
            if (start < text.Length) lines.Add(text.Substring(start));
            return lines;
        }

        /// <summary>Body lines joined untrimmed, as Ansible does; a non-hex character is reported with its line and column.</summary>
        private static string JoinBody(List<string> lines, string? sourceName)
        {
            var body = new StringBuilder();
            for (var n = 1; n < lines.Count; n++)
            {
                var line = lines[n];
                for (var c = 0; c < line.Length; c++)
                {
                    if (HexValue(line[c]) >= 0) continue;
                    var what = line[c] == ' ' || line[c] == '\t' ? "a space" : "a non-hexadecimal character";
                    throw new VaultException(VaultErrorKind.BadFormat,
                        "Vault format unhexlify error: " + what + " in the vault text; vault lines hold only hex digits (no indentation or trailing spaces).",
                        sourceName, n + 1, c + 1);
                }
                body.Append(line);
            }
            return body.ToString();
        }

        private static byte[] InnerHex(string inner, int start, int end, string part, string? sourceName)
        {
            if ((end - start) % 2 != 0) throw InnerError(part, sourceName);
            for (var i = start; i < end; i++) if (HexValue(inner[i]) < 0) throw InnerError(part, sourceName);
            return Unhex(inner, start, end);
        }

        private static VaultException InnerError(string part, string? sourceName) =>
            new VaultException(VaultErrorKind.BadFormat, "Vault format unhexlify error: the " + part + " is not valid hex; the vault text is damaged.",
                sourceName);

        private static byte[] Unhex(string hex, int start, int end)
        {
            var bytes = new byte[(end - start) / 2];
            for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(HexValue(hex[start + 2 * i]) << 4 | HexValue(hex[start + 2 * i + 1]));
            return bytes;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static string Hex(byte[] bytes)
        {
            const string digits = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xf];
            }
            return new string(chars);
        }
    }
}
