using System;

namespace HxLiteLLM.Yaml
{
    /// <summary>A YAML or JSON vars/inventory file Ansible would refuse; the message names file, line, column and the fix.</summary>
    public sealed class AnsibleYamlException : HxException
    {
        public AnsibleYamlException(string? file, int line, int column, string problem, Exception? inner = null)
            : base("YamlParseError", Format(file, line, column, problem), file, line, column, inner, HxErrorKind.ParseError)
        {
            Problem = problem;
        }

        /// <summary>The message without the location prefix.</summary>
        public string Problem { get; }

        private static string Format(string? file, int line, int column, string problem) =>
            (file ?? "<text>") + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem;
    }
}
