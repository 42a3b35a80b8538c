using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// Python's immutable <c>bytes</c> (from <c>str.encode()</c>): a sequence of ints 0..255 that prints as its repr
    /// (<c>b'h\xc3\xa9'</c>) inside containers and through <c>str()</c>.
    /// </summary>
    public sealed class PyBytes : IReadOnlyList<object?>, IEquatable<PyBytes>
    {
        private readonly byte[] _bytes;

        public PyBytes(byte[] bytes) => _bytes = bytes;

        public int Count => _bytes.Length;
        public object? this[int index] => (long)_bytes[index];
        public byte[] ToArray() => (byte[])_bytes.Clone();

        public IEnumerator<object?> GetEnumerator() => _bytes.Select(b => (object?)(long)b).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public bool Equals(PyBytes? other) => other != null && _bytes.SequenceEqual(other._bytes);
        public override bool Equals(object? obj) => obj is PyBytes other && Equals(other);
        public override int GetHashCode()
        {
            var hash = 17;
            foreach (var b in _bytes) hash = hash * 31 + b;
            return hash;
        }

        /// <summary>Ansible's to_text of bytes (how a template prints them): UTF-8, undecodable bytes as lone surrogates (surrogateescape).</summary>
        public string ToText()
        {
            try { return new UTF8Encoding(false, true).GetString(_bytes); }
            catch (DecoderFallbackException) { return SurrogateEscape(); }
        }

        private string SurrogateEscape()
        {
            var sb = new StringBuilder();
            var strict = new UTF8Encoding(false, true);
            var i = 0;
            while (i < _bytes.Length)
            {
                var length = SequenceLength(_bytes[i]);
                if (length > 0 && i + length <= _bytes.Length)
                {
                    try
                    {
                        sb.Append(strict.GetString(_bytes, i, length));
                        i += length;
                        continue;
                    }
                    catch (DecoderFallbackException) { }
                }
                sb.Append((char)(0xdc00 + _bytes[i]));
                i++;
            }
            return sb.ToString();
        }

        private static int SequenceLength(byte lead) => lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0
            && lead < 0xf5 ? 4 : 0;

        /// <summary>Python's repr: b'...' (b"..." when it holds ' but no "), printable ASCII as is, the rest escaped.</summary>
        public override string ToString()
        {
            var quote = Array.IndexOf(_bytes, (byte)'\'') >= 0 && Array.IndexOf(_bytes, (byte)'"') < 0 ? '"' : '\'';
            var sb = new StringBuilder("b").Append(quote);
            foreach (var b in _bytes)
            {
                switch (b)
                {
                    case (byte)'\\': sb.Append("\\\\"); break;
                    case (byte)'\t': sb.Append("\\t"); break;
                    case (byte)'\n': sb.Append("\\n"); break;
                    case (byte)'\r': sb.Append("\\r"); break;
                    default:
                        if (b == quote) sb.Append('\\').Append(quote);
                        else if (b < 0x20 || b >= 0x7f) sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                        else sb.Append((char)b);
                        break;
                }
            }
            return sb.Append(quote).ToString();
        }
    }
}
