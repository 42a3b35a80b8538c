using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// Python's <c>shlex.split(line, comments=True, posix=True)</c>, which Ansible's INI plugin applies to host lines:
    /// whitespace is space/tab/CR/LF only, an unquoted <c>#</c> (even mid-word) ends the line, quotes join into
    /// the word, backslash escapes outside quotes and before <c>"</c>/<c>\</c> inside double quotes.
    /// </summary>
    internal static class PosixShlex
    {
        /// <summary>Splits the line; returns null with Python's error text on unbalanced quotes or a trailing backslash.</summary>
        [MethodImpl(HotPath.Optimize)]
        public static List<string>? Split(string line, out string? error)
        {
            error = null;
            var tokens = new List<string>();
            var token = new StringBuilder();
            var inToken = false;
            var i = 0;
            while (i < line.Length)
            {
                var c = line[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    if (inToken) { tokens.Add(token.ToString()); token.Clear(); inToken = false; }
                    i++;
                }
                else if (c == '#')
                {
                    // A comment runs to the end of the physical line.
                    while (i < line.Length && line[i] != '\n') i++;
                    if (inToken) { tokens.Add(token.ToString()); token.Clear(); inToken = false; }
                }
                else if (c == '\\')
                {
                    if (i + 1 >= line.Length) { error = "No escaped character"; return null; }
                    token.Append(line[i + 1]);
                    inToken = true;
                    i += 2;
                }
                else if (c == '\'' || c == '"')
                {
                    inToken = true;
                    i++;
                    var closed = false;
                    while (i < line.Length)
                    {
                        var q = line[i];
                        if (q == c) { closed = true; i++; break; }
                        if (c == '"' && q == '\\' && i + 1 < line.Length && (line[i + 1] == '"' || line[i + 1] == '\\'))
                        {
                            token.Append(line[i + 1]);
                            i += 2;
                            continue;
                        }
                        if (c == '"' && q == '\\' && i + 1 >= line.Length) { error = "No escaped character"; return null; }
                        token.Append(q);
                        i++;
                    }
                    if (!closed) { error = "No closing quotation"; return null; }
                }
                else
                {
                    token.Append(c);
                    inToken = true;
                    i++;
                }
            }
            if (inToken) tokens.Add(token.ToString());
            return tokens;
        }
    }
}
