using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// A whole-file vault whose plaintext is a YAML mapping of secrets (e.g. <c>group_vars/all/vault.yml</c>).
    /// Edits stay at the text level: only the entry being set is rewritten, so other keys, their order, comments
    /// and line ends are kept byte for byte.
    /// </summary>
    public static class VaultSecretsDocument
    {
        /// <summary>
        /// Sets top-level <paramref name="key"/> to the string <paramref name="value"/>: every entry with that key is
        /// replaced in place, or a new entry is appended after the last one. Values are written plain when that is
        /// unambiguous in YAML 1.1, double-quoted otherwise.
        /// </summary>
        public static string SetValue(string plaintextYaml, string key, string value, string? sourceName = null)
        {
            if (plaintextYaml == null) throw new ArgumentNullException(nameof(plaintextYaml));
            if (key == null) throw new ArgumentNullException(nameof(key));
            if (value == null) throw new ArgumentNullException(nameof(value));
            // PyYAML skips a leading BOM; YamlDotNet would read it into the first key.
            var bom = plaintextYaml.StartsWith("\uFEFF", StringComparison.Ordinal) ? "\uFEFF" : "";
            var text = plaintextYaml.Substring(bom.Length);
            var layout = Scan(text, key, sourceName);
            var newline = text.Contains("\r\n") ? "\r\n" : "\n";
            var result = new StringBuilder(text);
            if (layout.Entries.Count == 0)
            {
                var entry = new string(' ', layout.Indent) + YamlScalarText.Format(key) + ": " + YamlScalarText.Format(value) + newline;
                var at = layout.InsertAt;
                result.Insert(at, at > 0 && text[at - 1] != '\n' ? newline + entry : entry);
            }
            for (var i = layout.Entries.Count - 1; i >= 0; i--)
            {
                var (keyStart, keyEnd, valueEnd) = layout.Entries[i];
                var end = valueEnd > 0 && text[valueEnd - 1] == '\n' ? valueEnd : LineEnd(text, valueEnd);
                result.Remove(keyStart, end - keyStart);
                result.Insert(keyStart, text.Substring(keyStart, keyEnd - keyStart) + ": " + YamlScalarText.Format(value) + newline);
            }
            return bom + result;
        }

        /// <summary>
        /// Decrypts <paramref name="envelope"/>, sets the key and encrypts again with a fresh salt, the secret that
        /// opened it and the label of its header.
        /// </summary>
        public static string SetValueInVault(string envelope, IReadOnlyList<VaultSecret> secrets, string key, string value, string? sourceName = null)
        {
            var opened = VaultCipher.DecryptWithDetails(envelope, secrets, sourceName);
            string plaintext;
            try
            {
                plaintext = new UTF8Encoding(false, true).GetString(opened.Plaintext);
            }
            catch (DecoderFallbackException)
            {
                throw new VaultException(VaultErrorKind.NotAMapping, "The decrypted vault is not UTF-8 text, so it is not a YAML file of secrets.", sourceName);
            }
            finally
            {
                Array.Clear(opened.Plaintext, 0, opened.Plaintext.Length);
            }
            var updated = new UTF8Encoding(false).GetBytes(SetValue(plaintext, key, value, sourceName));
            try
            {
                return VaultCipher.Encrypt(updated, opened.Secret, opened.Envelope.VaultId ?? VaultSecret.DefaultLabel);
            }
            finally
            {
                Array.Clear(updated, 0, updated.Length);
            }
        }

        private sealed class Layout
        {
            public int Indent;
            public int InsertAt;
            public readonly List<(int KeyStart, int KeyEnd, int ValueEnd)> Entries = new List<(int, int, int)>();
        }

        private static Layout Scan(string text, string key, string? sourceName)
        {
            var layout = new Layout { InsertAt = text.Length };
            var parser = new Parser(new StringReader(text));
            try
            {
                parser.MoveNext();
                Consume<StreamStart>(parser, sourceName);
                if (parser.Current is StreamEnd) return layout;
                Consume<DocumentStart>(parser, sourceName);
                var root = parser.Current!;
                if (root is Scalar empty && empty.Value.Length == 0 && empty.Style == ScalarStyle.Plain && empty.Tag.IsEmpty)
                {
                    parser.MoveNext();
                    layout.InsertAt = (int)parser.Current!.Start.Index;
                }
                else if (root is MappingStart mapping && mapping.Style != MappingStyle.Flow)
                {
                    ScanEntries(parser, key, layout);
                }
                else
                {
                    throw NotAMapping("its top level is not a block mapping of key: value lines", root.Start, sourceName);
                }
                Consume<DocumentEnd>(parser, sourceName);
                if (!(parser.Current is StreamEnd)) throw NotAMapping("it holds more than one YAML document", parser.Current!.Start, sourceName);
                return layout;
            }
            catch (YamlException e)
            {
                // The parser's own message may quote the plaintext, so only its position is passed on.
                throw NotAMapping("it is not valid YAML", e.Start, sourceName);
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this on some malformed input; the last event read is the best position.
                throw NotAMapping("it is not valid YAML", parser.Current?.End ?? Mark.Empty, sourceName);
            }
        }

        /// <summary>Reads the root mapping from its MappingStart to its MappingEnd, recording the entries for <paramref name="key"/>.</summary>
        private static void ScanEntries(IParser parser, string key, Layout layout)
        {
            parser.MoveNext();
            var first = true;
            while (!(parser.Current is MappingEnd))
            {
                var keyEvent = parser.Current!;
                if (first) layout.Indent = (int)keyEvent.Start.Column - 1;
                first = false;
                SkipNode(parser);
                var valueEnd = SkipNode(parser);
                if (keyEvent is Scalar scalar && scalar.Value == key)
                    layout.Entries.Add(((int)keyEvent.Start.Index, (int)keyEvent.End.Index, valueEnd));
            }
            layout.InsertAt = (int)parser.Current.Start.Index;
            parser.MoveNext();
        }

        /// <summary>
        /// Consumes one node and returns where its text ends. Block collections end at their last child (their end
        /// event sits on the next token, past any comments); flow ones at their closing bracket.
        /// </summary>
        private static int SkipNode(IParser parser)
        {
            var end = (int)parser.Current!.End.Index;
            var flow = new Stack<bool>();
            do
            {
                var current = parser.Current!;
                if (current is MappingStart mapping) flow.Push(mapping.Style == MappingStyle.Flow);
                else if (current is SequenceStart sequence) flow.Push(sequence.Style == SequenceStyle.Flow);
                else if ((current is MappingEnd || current is SequenceEnd) && flow.Pop()) end = Math.Max(end, (int)current.End.Index);
                else if (current is Scalar || current is AnchorAlias) end = Math.Max(end, (int)current.End.Index);
                parser.MoveNext();
            }
            while (flow.Count > 0);
            return end;
        }

        private static void Consume<T>(IParser parser, string? sourceName) where T : ParsingEvent
        {
            if (!(parser.Current is T)) throw NotAMapping("its YAML structure is unexpected", parser.Current?.Start ?? Mark.Empty, sourceName);
            parser.MoveNext();
        }

        private static int LineEnd(string text, int index)
        {
            var newline = text.IndexOf('\n', index);
            return newline < 0 ? text.Length : newline + 1;
        }

        private static VaultException NotAMapping(string why, Mark at, string? sourceName) =>
            new VaultException(VaultErrorKind.NotAMapping,
                "The vault's plaintext cannot hold secrets as key: value lines: " + why + "; fix it with ansible-vault edit.",
                sourceName, at.Line > 0 ? (int)at.Line : (int?)null, at.Column > 0 ? (int)at.Column : (int?)null);
    }
}
