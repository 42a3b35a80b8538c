using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// Writes a string as a YAML scalar that PyYAML (YAML 1.1, as Ansible loads it) reads back as the same string:
    /// plain when that is unambiguous, double-quoted with escapes otherwise.
    /// </summary>
    internal static class YamlScalarText
    {
        /// <summary>Starts with a letter or '_', no spaces or indicators; anything else (numbers, dates, ...) gets quoted.</summary>
        private static readonly Regex SafePlain = new Regex(@"^[A-Za-z_][A-Za-z0-9_./@+-]*$", RegexOptions.CultureInvariant);

        /// <summary>YAML 1.1 booleans and nulls PyYAML resolves (y/n are not among them, but quoting them costs nothing).</summary>
        private static readonly Regex Reserved = new Regex(@"^(y|n|yes|no|true|false|on|off|null)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static string Format(string value) =>
            SafePlain.IsMatch(value) && !Reserved.IsMatch(value) ? value : DoubleQuoted(value);

        private static string DoubleQuoted(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': text.Append("\\\""); continue;
                    case '\\': text.Append("\\\\"); continue;
                    case '\0': text.Append("\\0"); continue;
                    case '\a': text.Append("\\a"); continue;
                    case '\b': text.Append("\\b"); continue;
                    case '\t': text.Append("\\t"); continue;
                    case '\n': text.Append("\\n"); continue;
                    case '\v': text.Append("\\v"); continue;
                    case '\f': text.Append("\\f"); continue;
                    case '\r': text.Append("\\r"); continue;
                    case '\x1b': text.Append("\\e"); continue;
                }
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    text.Append(c).Append(value[++i]);
                }
                else if (IsPrintable(c))
                {
                    text.Append(c);
                }
                else
                {
                    text.Append(c <= 0xff ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u"
                        + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
            }
            return text.Append('"').ToString();
        }

        /// <summary>
        /// Characters libyaml accepts unescaped that are not line breaks (NEL, LS, PS would be folded); lone surrogates
        /// and the BOM are escaped too.
        /// </summary>
        private static bool IsPrintable(char c) =>
            (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029) || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff);
    }
}
