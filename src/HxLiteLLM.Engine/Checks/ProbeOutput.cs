using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using HxLiteLLM.Remote;

namespace HxLiteLLM.Checks
{
    /// <summary>One section of the probe script's output.</summary>
    public sealed class ProbeSection
    {
        public ProbeSection(string name, string output, int exitCode, long cutCharacters = 0, double durationMs = 0)
        {
            Name = name;
            Output = output;
            ExitCode = exitCode;
            CutCharacters = cutCharacters;
            DurationMs = durationMs;
        }

        public string Name { get; }
        /// <summary>What the section's commands printed (stdout and stderr interleaved), head and tail when it was too long.</summary>
        public string Output { get; }
        public int ExitCode { get; }
        /// <summary>Characters the target printed in this section beyond what is kept (see <see cref="ProbeOutputReader.SectionHead"/>).</summary>
        public long CutCharacters { get; }
        /// <summary>
        /// The section's share of the probe: from the end of the section before it (or the start) to its own end, as
        /// they arrived here, so a command that prints only when done (the Python sections) is counted too.
        /// </summary>
        public double DurationMs { get; }
        public bool Succeeded => ExitCode == 0;
        /// <summary>Exit 127: the shell did not find the command.</summary>
        public bool CommandMissing => ExitCode == 127;
    }

    /// <summary>The parsed output of a <see cref="ProbeScript"/> run.</summary>
    public sealed class ProbeOutput
    {
        private readonly Dictionary<string, ProbeSection> _sections;

        internal ProbeOutput(Dictionary<string, ProbeSection> sections)
        {
            _sections = sections;
        }

        public IReadOnlyCollection<ProbeSection> Sections => _sections.Values;

        /// <summary>The section, or null when the script did not reach it (timeout, killed shell).</summary>
        public ProbeSection? this[string name] => _sections.TryGetValue(name, out var s) ? s : null;

        public static ProbeOutput Parse(string text)
        {
            var reader = new ProbeOutputReader();
            reader.Write(text);
            return reader.Complete();
        }
    }

    /// <summary>
    /// Reads the probe's output as it streams in, in bounded memory whatever the target prints: each section keeps
    /// its first <see cref="SectionHead"/> and last <see cref="SectionTail"/> characters (and how many it cut), text
    /// outside sections is dropped, and only the start of a line is held to recognise the marker lines. A section
    /// holds the text between its begin line and the newline before its end line, byte for byte when nothing was cut.
    /// </summary>
    public sealed class ProbeOutputReader : TextWriter
    {
        /// <summary>Characters kept from the start of a section: room for a whole system trust bundle.</summary>
        public const int SectionHead = 1024 * 1024;
        /// <summary>Characters kept from the end of a section (exit messages come last).</summary>
        public const int SectionTail = 64 * 1024;
        /// <summary>Longer lines cannot be marker lines; only this much of a line is held back.</summary>
        private const int MarkerLineLimit = 512;

        private readonly Dictionary<string, ProbeSection> _sections = new Dictionary<string, ProbeSection>(StringComparer.Ordinal);
        /// <summary>The start of the current line, held until it is known to be a marker or content.</summary>
        private readonly char[] _line = new char[MarkerLineLimit];
        private int _lineLength;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _lineIsContent;
        private string? _name;
        private string _endMarker = "";
        private BoundedText? _content;
        private bool _contentHasLine;
        private double _lastEnd;
        private readonly long _limit;
        private readonly Action? _overLimit;
        private long _received;

        /// <param name="limit">Characters read in all; beyond them the rest is dropped and <paramref name="overLimit"/> called once.</param>
        public ProbeOutputReader(long limit = long.MaxValue, Action? overLimit = null)
        {
            _limit = limit;
            _overLimit = overLimit;
        }

        /// <summary>The output went past the limit; what came after it was not read.</summary>
        public bool OverLimit { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(new[] { value }, 0, 1);

        public override void Write(string? value)
        {
            if (value != null) Write(value.ToCharArray(), 0, value.Length);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            _received += count;
            if (OverLimit) return;
            if (_received > _limit)
            {
                OverLimit = true;
                _overLimit?.Invoke();
                return;
            }
            var end = index + count;
            while (index < end)
            {
                var newline = Array.IndexOf(buffer, '\n', index, end - index);
                var stop = newline < 0 ? end : newline;
                Take(buffer, index, stop - index);
                if (newline < 0) return;
                EndLine();
                index = newline + 1;
            }
        }

        /// <summary>The sections that finished; one still open when the output ended is dropped.</summary>
        public ProbeOutput Complete()
        {
            if (_lineLength > 0) EndLine();
            return new ProbeOutput(_sections);
        }

        private void Take(char[] buffer, int index, int count)
        {
            if (count == 0) return;
            if (_lineIsContent)
            {
                _content?.Write(buffer, index, count);
                return;
            }
            var room = Math.Min(count, MarkerLineLimit - _lineLength);
            Array.Copy(buffer, index, _line, _lineLength, room);
            _lineLength += room;
            if (_lineLength < MarkerLineLimit) return;
            // Too long for a marker: the line is content (inside a section) or dropped (outside).
            _lineIsContent = true;
            StartContentLine();
            _content?.Write(_line, 0, _lineLength);
            _content?.Write(buffer, index + room, count - room);
            _lineLength = 0;
        }

        private void StartContentLine()
        {
            if (_content == null) return;
            if (_contentHasLine) _content.Write('\n');
            _contentHasLine = true;
        }

        private void EndLine()
        {
            if (_lineIsContent)
            {
                _lineIsContent = false;
                return;
            }
            var length = _lineLength;
            _lineLength = 0;
            if (_name == null)
            {
                if (LineStartsWith(length, ProbeScript.Begin))
                {
                    _name = new string(_line, ProbeScript.Begin.Length, length - ProbeScript.Begin.Length);
                    _endMarker = ProbeScript.End + _name + " ";
                    _content = new BoundedText(SectionHead, SectionTail);
                    _contentHasLine = false;
                }
                return;
            }
            if (LineStartsWith(length, _endMarker))
            {
                var code = int.TryParse(new string(_line, _endMarker.Length, length - _endMarker.Length), NumberStyles.Integer, CultureInfo.InvariantCulture,
                    out var c) ? c : -1;
                var now = _clock.Elapsed.TotalMilliseconds;
                _sections[_name] = new ProbeSection(_name, _content!.ToString(), code, _content.Cut, now - _lastEnd);
                _lastEnd = now;
                _name = null;
                _content = null;
                return;
            }
            StartContentLine();
            _content!.Write(_line, 0, length);
        }

        private bool LineStartsWith(int length, string prefix)
        {
            if (length < prefix.Length) return false;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (_line[i] != prefix[i]) return false;
            }
            return true;
        }
    }
}
