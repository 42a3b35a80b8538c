using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>The ini and csvfile lookups: a key's value in an INI/properties file, a column of a CSV/TSV row.</summary>
    internal static partial class Lookups
    {
        // allow_none is an alias of allow_no_value: accepted as a keyword, not inline.
        private static readonly string[] IniOptions = { "type", "file", "section", "re", "encoding", "default", "case_sensitive", "allow_no_value",
            "allow_none" };

        /// <summary>ini: options as keywords or inline ("key section=s file=f"); one ConfigParser reads the file once per term, as Ansible's does.</summary>
        private static List<object?> Ini(LookupContext c, List<object?> terms, CallArgs o)
        {
            var options = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["type"] = "ini", ["file"] = "ansible.ini", ["section"] = "global", ["re"] = false,
                ["encoding"] = "utf-8", ["default"] = "", ["case_sensitive"] = false, ["allow_no_value"] = false,
            };
            foreach (var kv in o.Keywords) options[kv.Key == "allow_none" ? "allow_no_value" : kv.Key] = kv.Value;
            var parser = new ConfigParser(Ops.Truthy(options["case_sensitive"]), Ops.Truthy(options["allow_no_value"]));
            var result = new List<object?>();
            foreach (var t in terms)
            {
                var term = Ops.Str(t);
                var key = term;
                if (term.Contains('=') || term.Trim().Contains(' '))
                {
                    var updatedKey = false;
                    foreach (var param in IniInlineParameters(term))
                    {
                        if (param.Contains('='))
                        {
                            var parts = param.Split('=');
                            if (parts.Length != 2) throw new TemplateError("Could not use '" + param
                                + "' from inline options: too many values to unpack (expected 2)");
                            if (!IniOptions.Contains(parts[0]) || parts[0] == "allow_none") throw new TemplateError(parts[0] + " is not a valid option.");
                            options[parts[0]] = parts[1];
                        }
                        else if (key == term)
                        {
                            key = param;
                            updatedKey = true;
                        }
                    }
                    if (!updatedKey) throw new TemplateError("No key to lookup was provided as first term with in string inline options: " + term);
                }
                var file = Ops.Str(options["file"]);
                var path = c.FindFile("files", file);
                if (path == null || !File.Exists(path)) throw new TemplateError("Invalid filename: 'None'");
                var text = new StringBuilder();
                if (Ops.Str(options["type"]) == "properties")
                {
                    text.Append("[java_properties]\n");
                    options["section"] = "java_properties";
                }
                var content = Decode(File.ReadAllBytes(path), Ops.Str(options["encoding"]), file);
                // A secret file's values are secrets as the file lookup's content is; reporting the whole text first also
                // keeps a parse error of it (which quotes a line) from being told.
                var secretFile = IsSecretFile(c, path, content);
                if (secretFile) LookupSecrets.Read(content);
                text.Append(content);
                parser.Read(text.ToString(), file);
                var section = Ops.Str(options["section"]);
                if (!parser.HasSection(section)) throw new TemplateError("No section '" + section + "' in " + file);
                if (Ops.Truthy(options["re"]))
                {
                    var regex = PyRegex.Compile(key, false, false).Regex;
                    result.AddRange(parser.Items(section).Where(kv => regex.Match(kv.Key) is var m && m.Success && m.Index == 0)
                        .Select(kv => secretFile && kv.Value is string v ? LookupSecrets.Read(v) : (object?)kv.Value));
                }
                else
                {
                    var value = parser.TryGet(section, key, out var found)
                        ? (secretFile && found is string v ? LookupSecrets.Read(v) : found) : options["default"];
                    if (value != null) result.Add(value);
                }
            }
            return result;
        }

        /// <summary>The ini lookup's _parse_params: words after an "option=" word belong to that option; the first word is the key.</summary>
        private static List<string> IniInlineParameters(string term)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var keys = new List<string>();
            var current = "key";
            var words = term.Split(new[] { ' ', '\t', '\n', '\r', '\f', '\v' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if (word.Contains('='))
                    foreach (var name in IniOptions.Where(n => n != "allow_none"))
                        if (word.Contains(name + "=")) current = name;
                if (i == 0 || !values.TryGetValue(current, out var had) || had.Length == 0)
                {
                    values[current] = word;
                    keys.Add(current);
                }
                else values[current] = had + " " + word;
            }
            return keys.Select(k => values[k]).ToList();
        }

        /// <summary>csvfile: the column <c>col</c> of the first row whose first field is the key; options as keywords or inline key=value.</summary>
        private static List<object?> CsvFile(LookupContext c, List<object?> terms, CallArgs o)
        {
            var options = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["col"] = "1", ["default"] = null, ["delimiter"] = "TAB", ["file"] = "ansible.csv", ["encoding"] = "utf-8",
            };
            foreach (var kv in o.Keywords) options[kv.Key] = kv.Value;
            var result = new List<object?>();
            foreach (var t in terms)
            {
                var (raw, pairs) = ParseKeyValues(Ops.Str(t));
                if (raw == null) throw new TemplateError("Search key is required but was not found");
                foreach (var kv in pairs)
                {
                    if (!options.ContainsKey(kv.Key)) throw new TemplateError(kv.Key + " is not a valid option");
                    options[kv.Key] = kv.Value;
                }
                if (Ops.Str(options["delimiter"]) == "TAB") options["delimiter"] = "\t";
                var file = Ops.Str(options["file"]);
                var path = c.FindFile("files", file);
                object? value;
                try
                {
                    if (path == null || !File.Exists(path)) throw new TemplateError("expected str, bytes or os.PathLike object, not NoneType");
                    var content = Decode(File.ReadAllBytes(path), Ops.Str(options["encoding"]), file);
                    var secretFile = IsSecretFile(c, path, content);
                    if (secretFile) LookupSecrets.Read(content);
                    var column = CsvColumn(content, raw, Ops.Str(options["delimiter"]), options["col"]);
                    value = column != null && secretFile ? LookupSecrets.Read(column) : column ?? options["default"];
                }
                catch (TemplateError e)
                {
                    throw new TemplateError("csvfile: " + e.Message);
                }
                if (value != null) result.Add(value);
            }
            return result;
        }

        private static string? CsvColumn(string text, string key, string delimiter, object? column)
        {
            if (delimiter.Length != 1) throw new TemplateError("\"delimiter\" must be a 1-character string");
            foreach (var row in CsvRows(text, delimiter[0]))
            {
                if (row.Count == 0 || row[0] != key) continue;
                if (!(Filters.ToInt(column, null, 10) is long index)) throw new TemplateError("invalid literal for int() with base 10: " + PyRepr.Repr(column));
                if (index < 0) index += row.Count;
                if (index < 0 || index >= row.Count) throw new TemplateError("list index out of range");
                return row[(int)index];
            }
            return null;
        }

        /// <summary>Python's csv.reader with the excel dialect (quote ", doubled quotes, not strict) and the given delimiter.</summary>
        private static IEnumerable<List<string>> CsvRows(string text, char delimiter)
        {
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var wasQuoted = false;
            var fieldStarted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (quoted)
                {
                    if (ch != '"') field.Append(ch);
                    else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                    continue;
                }
                if (ch == '\r' || ch == '\n')
                {
                    if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    if (fieldStarted || row.Count > 0) row.Add(field.ToString());
                    yield return row;
                    row = new List<string>();
                    field.Clear();
                    fieldStarted = wasQuoted = false;
                    continue;
                }
                if (ch == delimiter)
                {
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    wasQuoted = false;
                    continue;
                }
                if (ch == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = wasQuoted = fieldStarted = true;
                    continue;
                }
                field.Append(ch);
                fieldStarted = true;
            }
            if (fieldStarted || row.Count > 0 || quoted)
            {
                row.Add(field.ToString());
                yield return row;
            }
        }

        /// <summary>
        /// ansible's parse_kv, for the inline options of csvfile and password: whitespace-separated words (quotes keep
        /// spaces), key=value words set options with the value unquoted, the other words joined by a space are the raw parameter.
        /// </summary>
        internal static (string? Raw, List<KeyValuePair<string, string>> Pairs) ParseKeyValues(string text)
        {
            var raw = new List<string>();
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var word in SplitArguments(text))
            {
                var eq = -1;
                for (var i = 0; i < word.Length; i++)
                {
                    if (word[i] == '\\') { i++; continue; }
                    if (word[i] == '=') { eq = i; break; }
                }
                if (eq > 0) pairs.Add(new KeyValuePair<string, string>(word.Substring(0, eq).Trim(), Unquote(word.Substring(eq + 1))));
                else raw.Add(word.Replace("\\=", "="));
            }
            return (raw.Count == 0 ? null : string.Join(" ", raw), pairs);
        }

        private static IEnumerable<string> SplitArguments(string text)
        {
            var word = new StringBuilder();
            char quote = '\0';
            foreach (var ch in text.Trim())
            {
                if (quote != '\0')
                {
                    word.Append(ch);
                    if (ch == quote) quote = '\0';
                }
                else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
                {
                    if (word.Length > 0) yield return word.ToString();
                    word.Clear();
                }
                else
                {
                    if (ch == '"' || ch == '\'') quote = ch;
                    word.Append(ch);
                }
            }
            if (word.Length > 0) yield return word.ToString();
        }

        private static string Unquote(string s) =>
            s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[s.Length - 1] == s[0] ? s.Substring(1, s.Length - 2) : s;

        /// <summary>Python's bytes.decode for the encodings a file option names (utf-8, latin-1, ascii, utf-16 …), strict.</summary>
        private static string Decode(byte[] bytes, string encoding, string file)
        {
            var name = encoding.Trim().ToLowerInvariant().Replace('_', '-');
            Encoding decoder;
            switch (name)
            {
                case "utf-8": case "utf8": case "u8": decoder = new UTF8Encoding(false, true); break;
                case "latin-1": case "latin1": case "l1": case "iso-8859-1": case "iso8859-1": decoder = Encoding.GetEncoding(28591); break;
                case "ascii": case "us-ascii": decoder = Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback,
                    DecoderFallback.ExceptionFallback); break;
                default:
                    try { decoder = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback); }
                    catch (ArgumentException) { throw new TemplateError("unknown encoding: " + encoding); }
                    break;
            }
            try { return decoder.GetString(bytes); }
            catch (DecoderFallbackException) { throw new TemplateError("'" + encoding + "' codec can't decode " + file); }
        }
    }

    /// <summary>
    /// Python's configparser.ConfigParser as the ini lookup configures it: [sections], a DEFAULT section, = or :
    /// delimiters, # and ; whole-line comments, indented continuation lines, lower-cased option names unless
    /// case-sensitive, strict duplicates within one read, and %(name)s interpolation on reading a value.
    /// </summary>
    internal sealed class ConfigParser
    {
        private const string DefaultSection = "DEFAULT";
        private static readonly Regex SectionHeader = new Regex(@"^\[(?<header>.+)\]");
        private static readonly Regex OptionLine = new Regex(@"^(?<option>.*?)\s*(?<vi>=|:)\s*(?<value>.*)$", RegexOptions.Singleline);
        private static readonly Regex OptionLineNoValue = new Regex(@"^(?<option>.*?)\s*(?:(?<vi>=|:)\s*(?<value>.*))?$", RegexOptions.Singleline);
        private readonly bool _caseSensitive;
        private readonly bool _allowNoValue;
        private readonly PyDict _defaults = new PyDict();
        private readonly Dictionary<string, PyDict> _sections = new Dictionary<string, PyDict>(StringComparer.Ordinal);

        public ConfigParser(bool caseSensitive, bool allowNoValue)
        {
            _caseSensitive = caseSensitive;
            _allowNoValue = allowNoValue;
        }

        private string Transform(string option) => _caseSensitive ? option : option.ToLowerInvariant();

        public bool HasSection(string section) => section == DefaultSection || _sections.ContainsKey(section);

        public void Read(string text, string file)
        {
            var added = new HashSet<string>(StringComparer.Ordinal);
            PyDict? current = null;
            string? sectionName = null;
            string? option = null;
            var indent = int.MaxValue;
            // Each option's lines until the read ends, by section and name (then joined into the section's dict).
            var pending = new Dictionary<string, (PyDict Section, string Option, List<string>? Lines)>(StringComparer.Ordinal);
            string Key(PyDict section, string name) => (ReferenceEquals(section, _defaults) ? "\u0001" : sectionName) + "\0" + name;
            var errors = new List<string>();
            var lineNumber = 0;
            var all = text.Split('\n');
            for (var n = 0; n < all.Length; n++)
            {
                var line = n < all.Length - 1 ? all[n] + "\n" : all[n];
                if (line.Length == 0) break;
                lineNumber++;
                var stripped = line.Trim(PythonWhitespace);
                var comment = stripped.StartsWith("#", StringComparison.Ordinal) || stripped.StartsWith(";", StringComparison.Ordinal);
                var value = comment ? "" : stripped;
                if (value.Length == 0)
                {
                    // An empty line inside a value is kept (values may span blank lines); a comment line is not.
                    if (!comment && current != null && option != null && pending.TryGetValue(Key(current, option), out var blank)
                        && blank.Lines != null) blank.Lines.Add("");
                    continue;
                }
                var firstNonSpace = 0;
                while (firstNonSpace < line.Length && Array.IndexOf(PythonWhitespace, line[firstNonSpace]) >= 0) firstNonSpace++;
                if (current != null && option != null && firstNonSpace > indent)
                {
                    if (pending.TryGetValue(Key(current, option), out var continued) && continued.Lines != null) continued.Lines.Add(value);
                    continue;
                }
                indent = firstNonSpace;
                var header = SectionHeader.Match(value);
                if (header.Success)
                {
                    sectionName = header.Groups["header"].Value;
                    if (_sections.TryGetValue(sectionName, out var existing))
                    {
                        if (added.Contains(sectionName)) throw new TemplateError("While reading from '<???>' [line "
                            + lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(2) + "]: section " + PyRepr.Repr(sectionName)
                            + " already exists");
                        current = existing;
                        added.Add(sectionName);
                    }
                    else if (sectionName == DefaultSection) current = _defaults;
                    else
                    {
                        current = new PyDict();
                        _sections[sectionName] = current;
                        added.Add(sectionName);
                    }
                    option = null;
                    continue;
                }
                if (current == null)
                    throw new TemplateError("File contains no section headers.\nfile: '<???>', line: "
                        + lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + PyRepr.Repr(line));
                var m = (_allowNoValue ? OptionLineNoValue : OptionLine).Match(value);
                if (!m.Success || m.Groups["option"].Value.Length == 0)
                {
                    errors.Add("\t[line " + lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(2) + "]: " + PyRepr.Repr(line));
                    continue;
                }
                option = Transform(m.Groups["option"].Value.TrimEnd(PythonWhitespace));
                var duplicateKey = sectionName + "\0" + option;
                if (added.Contains(duplicateKey))
                    throw new TemplateError("Duplicate option in '" + file + "': While reading from '<???>' [line "
                        + lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(2) + "]: option " + PyRepr.Repr(option)
                        + " in section " + PyRepr.Repr(sectionName) + " already exists");
                added.Add(duplicateKey);
                var parts = m.Groups["vi"].Success ? new List<string> { m.Groups["value"].Value.Trim(PythonWhitespace) } : null;
                pending[Key(current, option)] = (current, option, parts);
                current[option] = null;
            }
            foreach (var entry in pending.Values) entry.Section[entry.Option] = entry.Lines == null ? null
                : string.Join("\n", entry.Lines).TrimEnd(PythonWhitespace);
            if (errors.Count > 0) throw new TemplateError("Source contains parsing errors: '<???>'\n" + string.Join("\n", errors));
        }

        private static readonly char[] PythonWhitespace = { ' ', '\t', '\n', '\r', '\f', '\v', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\u00a0' };

        /// <summary>cp.get: the option of the section or DEFAULT, interpolated; false when it has neither.</summary>
        public bool TryGet(string section, string option, out object? value)
        {
            var name = Transform(option);
            value = null;
            var values = Merged(section);
            if (!values.TryGetValue(name, out var raw)) return false;
            value = raw == null ? null : Interpolate(section, name, (string)raw, values, 1);
            return true;
        }

        /// <summary>cp.items(section): DEFAULT's options then the section's, each interpolated.</summary>
        public IEnumerable<KeyValuePair<string, object?>> Items(string section)
        {
            var values = Merged(section);
            return values.Select(kv => new KeyValuePair<string, object?>((string)kv.Key,
                kv.Value == null ? null : Interpolate(section, (string)kv.Key, (string)kv.Value, values, 1))).ToList();
        }

        private PyDict Merged(string section)
        {
            var merged = new PyDict();
            foreach (var kv in _defaults) merged[kv.Key] = kv.Value;
            if (section != DefaultSection) foreach (var kv in _sections[section]) merged[kv.Key] = kv.Value;
            return merged;
        }

        /// <summary>BasicInterpolation: %(name)s is another option of the section (or DEFAULT), %% a percent sign.</summary>
        private string Interpolate(string section, string option, string raw, PyDict values, int depth)
        {
            if (depth > 10) throw new TemplateError("Recursion limit exceeded in value substitution: option " + PyRepr.Repr(option) + " in section "
                + PyRepr.Repr(section) + " contains an interpolation key which cannot be substituted in 10 steps. Raw value: " + PyRepr.Repr(raw));
            var sb = new StringBuilder();
            var rest = raw;
            while (rest.Length > 0)
            {
                var p = rest.IndexOf('%');
                if (p < 0) { sb.Append(rest); break; }
                sb.Append(rest, 0, p);
                rest = rest.Substring(p);
                if (rest.Length > 1 && rest[1] == '%') { sb.Append('%'); rest = rest.Substring(2); continue; }
                if (rest.Length > 1 && rest[1] == '(')
                {
                    var m = Regex.Match(rest, @"^%\(([^)]+)\)s");
                    if (!m.Success) throw new TemplateError("bad interpolation variable reference " + PyRepr.Repr(rest));
                    var name = Transform(m.Groups[1].Value);
                    rest = rest.Substring(m.Length);
                    if (!values.TryGetValue(name, out var referenced))
                        throw new TemplateError("Bad value substitution: option " + PyRepr.Repr(option) + " in section " + PyRepr.Repr(section)
                            + " contains an interpolation key " + PyRepr.Repr(name) + " which is not a valid option name. Raw value: " + PyRepr.Repr(raw));
                    var text = referenced as string ?? "";
                    sb.Append(text.Contains('%') ? Interpolate(section, name, text, values, depth + 1) : text);
                    continue;
                }
                throw new TemplateError("'%' must be followed by '%' or '(', found: " + PyRepr.Repr(rest));
            }
            return sb.ToString();
        }
    }
}
