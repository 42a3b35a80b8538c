using System;
using System.Collections.Generic;
using System.Globalization;

namespace HxLiteLLM.Checks
{
    /// <summary>One section of the probe script's output.</summary>
    public sealed class ProbeSection
    {
        public ProbeSection(string name, string output, int exitCode)
        {
            Name = name;
            Output = output;
            ExitCode = exitCode;
        }

        public string Name { get; }
        /// <summary>What the section's commands printed (stdout and stderr interleaved).</summary>
        public string Output { get; }
        public int ExitCode { get; }
        public bool Succeeded => ExitCode == 0;
        /// <summary>Exit 127: the shell did not find the command.</summary>
        public bool CommandMissing => ExitCode == 127;
    }

    /// <summary>The parsed output of a <see cref="ProbeScript"/> run.</summary>
    public sealed class ProbeOutput
    {
        private readonly Dictionary<string, ProbeSection> _sections;

        private ProbeOutput(Dictionary<string, ProbeSection> sections)
        {
            _sections = sections;
        }

        public IReadOnlyCollection<ProbeSection> Sections => _sections.Values;

        /// <summary>The section, or null when the script did not reach it (timeout, killed shell).</summary>
        public ProbeSection? this[string name] => _sections.TryGetValue(name, out var s) ? s : null;

        public static ProbeOutput Parse(string text)
        {
            var sections = new Dictionary<string, ProbeSection>(StringComparer.Ordinal);
            var pos = 0;
            while (true)
            {
                var begin = FindLine(text, ProbeScript.Begin, pos);
                if (begin < 0) break;
                var nameEnd = text.IndexOf('\n', begin);
                if (nameEnd < 0) break;
                var name = text.Substring(begin + ProbeScript.Begin.Length, nameEnd - begin - ProbeScript.Begin.Length);
                var endMarker = "\n" + ProbeScript.End + name + " ";
                var end = text.IndexOf(endMarker, nameEnd, StringComparison.Ordinal);
                if (end < 0) break; // cut off: the section never finished
                var codeStart = end + endMarker.Length;
                var codeEnd = text.IndexOf('\n', codeStart);
                if (codeEnd < 0) codeEnd = text.Length;
                var code = int.TryParse(text.Substring(codeStart, codeEnd - codeStart), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : -1;
                var content = end > nameEnd ? text.Substring(nameEnd + 1, end - nameEnd - 1) : "";
                sections[name] = new ProbeSection(name, content, code);
                pos = codeEnd;
            }
            return new ProbeOutput(sections);
        }

        private static int FindLine(string text, string prefix, int from)
        {
            var at = from;
            while (at < text.Length)
            {
                var i = text.IndexOf(prefix, at, StringComparison.Ordinal);
                if (i < 0) return -1;
                if (i == 0 || text[i - 1] == '\n') return i;
                at = i + 1;
            }
            return -1;
        }
    }
}
