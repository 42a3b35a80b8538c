using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// The inline form <c>ansible-vault encrypt_string</c> prints: <c>name: !vault |</c> and the envelope indented by
    /// 10 spaces, and the way back from such a YAML block scalar to the envelope.
    /// </summary>
    public static class VaultString
    {
        private const string Indent = "          ";
        private static readonly Regex TagLine = new Regex(@"^\s*(?:-\s+)?(?:\S.*?:\s+)?!vault\s+\|[-+0-9]*\s*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// <c>name: !vault |</c> (or <c>!vault |</c> without a name), then each envelope line indented by 10 spaces,
        /// joined by LF, without a final newline — byte for byte what encrypt_string prints.
        /// </summary>
        public static string Format(string? name, string envelope)
        {
            if (envelope == null) throw new ArgumentNullException(nameof(envelope));
            var text = new StringBuilder();
            if (name != null) text.Append(YamlScalarText.Format(name)).Append(": ");
            text.Append("!vault |");
            foreach (var line in envelope.Split('\n'))
            {
                if (line.Length > 0) text.Append('\n').Append(Indent).Append(line.TrimEnd('\r'));
            }
            return text.ToString();
        }

        /// <summary>Encrypts a UTF-8 value (no newline is added) and formats it like encrypt_string.</summary>
        public static string Encrypt(string? name, string value, VaultSecret secret, string? vaultId = null) =>
            Format(name, VaultCipher.Encrypt(new UTF8Encoding(false).GetBytes(value), secret, vaultId));

        /// <summary>
        /// The envelope inside a <c>!vault |</c> block: accepts the whole <c>name: !vault |</c> block, or just the
        /// scalar's lines with their indentation (any consistent amount) still on or already removed.
        /// </summary>
        public static string ExtractEnvelope(string text, string? sourceName = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var first = 0;
            while (first < lines.Length && lines[first].Trim().Length == 0) first++;
            if (first < lines.Length && TagLine.IsMatch(lines[first])) first++;
            string? indent = null;
            var body = new List<string>();
            for (var n = first; n < lines.Length; n++)
            {
                var line = lines[n];
                if (line.Trim().Length == 0)
                {
                    if (indent != null) body.Add("");
                    continue;
                }
                indent ??= line.Substring(0, line.Length - line.TrimStart(' ').Length);
                if (!line.StartsWith(indent, StringComparison.Ordinal))
                {
                    throw new VaultException(VaultErrorKind.BadFormat,
                        "The !vault block is indented less than its first line; indent every line of the block by the same amount.", sourceName, n + 1);
                }
                body.Add(line.Substring(indent.Length));
            }
            while (body.Count > 0 && body[body.Count - 1].Length == 0) body.RemoveAt(body.Count - 1);
            return body.Count == 0 ? "" : string.Join("\n", body) + "\n";
        }

        /// <summary>Decrypts a <c>!vault |</c> block (see <see cref="ExtractEnvelope"/> for the accepted forms).</summary>
        public static byte[] Decrypt(string text, IReadOnlyList<VaultSecret> secrets, string? sourceName = null) =>
            VaultCipher.Decrypt(ExtractEnvelope(text, sourceName), secrets, sourceName);
    }
}
