using System;

namespace HxLiteLLM.Yaml
{
    /// <summary>A YAML or JSON vars/inventory file Ansible would refuse; the message names file, line, column and the fix.</summary>
    public sealed class AnsibleYamlException : Exception
    {
        public AnsibleYamlException(string? file, int line, int column, string problem, Exception? inner = null)
            : base(Format(file, line, column, problem), inner)
        {
            File = file;
            Line = line;
            Column = column;
            Problem = problem;
        }

        /// <summary>The file read, or null for text given directly.</summary>
        public string? File { get; }

        /// <summary>1-based; 0 when the problem concerns the whole document.</summary>
        public int Line { get; }

        public int Column { get; }

        /// <summary>The message without the location prefix.</summary>
        public string Problem { get; }

        private static string Format(string? file, int line, int column, string problem) =>
            (file ?? "<text>") + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem;
    }
}
