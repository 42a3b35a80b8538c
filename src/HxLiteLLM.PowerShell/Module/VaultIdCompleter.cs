using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>
    /// Completes vault ids with the labels already used in format 1.2 vault headers near the bound -Path (or the current
    /// folder), plus "default". Reads only each file's first line, a bounded number of files; never throws.
    /// </summary>
    public sealed class VaultIdCompleter : IArgumentCompleter
    {
        private const int MaxFiles = 2000;
        private const string Header = "$ANSIBLE_VAULT;1.2;";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = wordToComplete.Trim('\'', '"');
            var labels = new SortedSet<string>(StringComparer.Ordinal) { "default" };
            try
            {
                var bound = fakeBoundParameters["Path"];
                var path = bound is string s ? s : bound is IEnumerable list ? list.OfType<object>().Select(o => o.ToString()).FirstOrDefault() : null;
                var full = Path.GetFullPath(string.IsNullOrEmpty(path) ? "." : path!);
                var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
                if (folder != null && Directory.Exists(folder))
                {
                    foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Take(MaxFiles))
                    {
                        var label = LabelOf(file);
                        if (label != null) labels.Add(label);
                    }
                }
            }
            catch (Exception)
            {
                // Completion offers what it found so far; an unreadable folder is not an error here.
            }
            return labels.Where(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(l => new CompletionResult(l, l, CompletionResultType.ParameterValue, l)).ToList();
        }

        private static string? LabelOf(string file)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[256];
                var read = stream.Read(buffer, 0, buffer.Length);
                var first = Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].TrimEnd('\r');
                if (!first.StartsWith(Header, StringComparison.Ordinal)) return null;
                var fields = first.Split(';');
                return fields.Length >= 4 && fields[3].Trim().Length > 0 ? fields[3].Trim() : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
