using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// Text a target printed, kept in bounded memory: the first <c>head</c> and the last <c>tail</c> characters, with
    /// the count of what lay between. A target can print without end; what it printed must not cost this machine more.
    /// </summary>
    public sealed class BoundedText : TextWriter
    {
        private readonly StringBuilder _head = new StringBuilder();
        private readonly int _headLimit;
        private readonly int _tailLimit;
        /// <summary>Allocated when the head is full: most output never needs it (a fleet runs thousands of these).</summary>
        private char[]? _tail;
        private int _tailStart;
        private int _tailLength;

        public BoundedText(int head, int tail)
        {
            if (head < 0 || tail < 0) throw new ArgumentOutOfRangeException(nameof(head));
            _headLimit = head;
            _tailLimit = tail;
        }

        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>Every character written, kept or not.</summary>
        public long Total { get; private set; }

        /// <summary>Characters written but not kept (neither in the head nor in the tail).</summary>
        public long Cut => Total - _head.Length - _tailLength;

        public override void Write(char value)
        {
            Total++;
            if (_head.Length < _headLimit)
            {
                _head.Append(value);
                return;
            }
            var tail = Tail();
            if (tail.Length == 0) return;
            tail[(_tailStart + _tailLength) % tail.Length] = value;
            if (_tailLength < tail.Length) _tailLength++;
            else _tailStart = (_tailStart + 1) % tail.Length;
        }

        public override void Write(string? value)
        {
            if (value != null) Write(value.ToCharArray(), 0, value.Length);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Total += count;
            var toHead = Math.Min(count, _headLimit - _head.Length);
            if (toHead > 0)
            {
                _head.Append(buffer, index, toHead);
                index += toHead;
                count -= toHead;
            }
            if (count == 0) return;
            var tail = Tail();
            if (tail.Length == 0) return;
            if (count > tail.Length)
            {
                index += count - tail.Length;
                count = tail.Length;
            }
            // A ring: each copy overwrites the oldest characters once the ring is full.
            while (count > 0)
            {
                var at = (_tailStart + _tailLength) % tail.Length;
                var n = Math.Min(count, tail.Length - at);
                Array.Copy(buffer, index, tail, at, n);
                index += n;
                count -= n;
                var overflow = _tailLength + n - tail.Length;
                if (overflow > 0)
                {
                    _tailStart = (_tailStart + overflow) % tail.Length;
                    _tailLength = tail.Length;
                }
                else
                {
                    _tailLength += n;
                }
            }
        }

        /// <summary>The kept text; where something was cut, a line in its place says how much.</summary>
        public override string ToString()
        {
            if (_tailLength == 0 && Cut == 0) return _head.ToString();
            var sb = new StringBuilder(_head.Length + _tailLength + 80).Append(_head);
            if (Cut > 0) sb.Append(CutLine(Cut, Total));
            for (var i = 0; i < _tailLength; i++) sb.Append(_tail![(_tailStart + i) % _tail.Length]);
            return sb.ToString();
        }

        private char[] Tail() => _tail ??= new char[_tailLimit];

        /// <summary>The line standing for cut text.</summary>
        public static string CutLine(long cut, long total) =>
            "\n[... " + cut.ToString(CultureInfo.InvariantCulture) + " of " + total.ToString(CultureInfo.InvariantCulture) + " characters cut ...]\n";
    }
}
