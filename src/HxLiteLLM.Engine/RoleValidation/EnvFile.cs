using System;
using System.Collections.Generic;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// A systemd EnvironmentFile (what litellm.env is): KEY=VALUE lines, # and ; comments, blank lines ignored,
    /// whitespace around the key and value trimmed, one pair of surrounding quotes removed. Later lines win.
    /// </summary>
    public static class EnvFile
    {
        public static IReadOnlyDictionary<string, string> Parse(string text)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                var eq = line.IndexOf('=');
                if (eq <= 0) continue;
                var key = line.Substring(0, eq).Trim();
                var value = line.Substring(eq + 1).Trim();
                if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0]) value = value.Substring(1,
                    value.Length - 2);
                values[key] = value;
            }
            return values;
        }
    }
}
