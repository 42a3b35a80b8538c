using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>What an edit of an INI inventory did; <see cref="Content"/> is the whole new file.</summary>
    public sealed class IniEditResult
    {
        internal IniEditResult(string content, bool changed, IReadOnlyList<string> hostsAdded, IReadOnlyList<string> hostsUpdated, bool parentLinked)
        {
            Content = content;
            Changed = changed;
            HostsAdded = hostsAdded;
            HostsUpdated = hostsUpdated;
            ParentLinked = parentLinked;
        }

        public string Content { get; }
        public bool Changed { get; }
        public IReadOnlyList<string> HostsAdded { get; }
        /// <summary>Hosts already in the group whose inline variables were changed.</summary>
        public IReadOnlyList<string> HostsUpdated { get; }
        /// <summary>True when the group was added to the parent's <c>:children</c>.</summary>
        public bool ParentLinked { get; }
    }

    /// <summary>
    /// Adds a group and its hosts to an INI inventory as a person would with an editor: every other byte of the
    /// file (lines, comments, order, line endings) stays as it was, and running it again changes nothing.
    /// </summary>
    public static class IniInventoryEditor
    {
        private static readonly Regex Header = new Regex(@"^\s*\[([^\s:\]]+)(?::(\w+))?\]\s*(#.*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex ValidName = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        private static readonly Regex PlainValue = new Regex(@"^([A-Za-z_/][A-Za-z0-9_./:@+\-]*|\d+(\.\d+){2,})$", RegexOptions.CultureInvariant);

        public static IniEditResult AddGroup(string content, string file, string group, IReadOnlyList<string> hosts,
            IDictionary<string, object?>? hostVars = null, string? parentGroup = null)
        {
            if (content.Length > 0 && content[0] == '\uFEFF')
            {
                throw new HxException("InventoryHasBom", file
                    + ":1: the file starts with a UTF-8 byte order mark, which Ansible's INI parser cannot read. Save it as UTF-8 without BOM.", file, 1);
            }
            if (Vault.VaultEnvelope.IsEncrypted(content))
            {
                // Lines appended to a vault would make it unreadable for Ansible and for us.
                throw new HxException("InventoryIsVaulted", file
                    + ":1: the inventory file is vault-encrypted; decrypt it (ansible-vault decrypt), edit it, then encrypt it again.", file, 1);
            }
            RequireName(group, "group", file);
            if (parentGroup != null) RequireName(parentGroup, "parent group", file);
            foreach (var host in hosts) RequireHostName(host, file);
            var vars = hostVars == null ? new List<string>() : hostVars.Select(kv => FormatVariable(kv.Key, kv.Value, file)).ToList();

            var lines = SplitLines(content);
            var newline = lines.Count > 0 && lines[0].Ending == "\r\n" ? "\r\n" : "\n";
            var added = new List<string>();
            var updated = new List<string>();

            foreach (var host in hosts.Distinct(StringComparer.Ordinal))
            {
                var existing = FindHostLine(lines, group, host);
                if (existing >= 0)
                {
                    var rewritten = WithVariables(lines[existing].Text, vars, file, existing + 1);
                    if (rewritten != lines[existing].Text)
                    {
                        lines[existing] = new Line(rewritten, lines[existing].Ending);
                        updated.Add(host);
                    }
                    continue;
                }
                var hostLine = string.Join(" ", new[] { host }.Concat(vars));
                InsertInSection(lines, group, "hosts", hostLine, newline);
                added.Add(host);
            }

            var linked = false;
            if (parentGroup != null && FindChildLine(lines, parentGroup, group) < 0)
            {
                InsertInSection(lines, parentGroup, "children", group, newline);
                linked = true;
            }

            var result = string.Concat(lines.Select(l => l.Text + l.Ending));
            if (result != content) Verify(result, file);
            return new IniEditResult(result, result != content, added, updated, linked);
        }

        /// <summary>The new text must be an inventory Ansible accepts; otherwise nothing is written (e.g. a broken file stays as it was).</summary>
        private static void Verify(string text, string file)
        {
            var model = new InventoryModel();
            IniInventoryParser.Parse(model, file, text);
            try
            {
                model.Reconcile();
            }
            catch (InventoryRuleException e)
            {
                throw new InventoryException(file, 0, e.Message, e.Hint);
            }
        }

        /// <summary>One <c>key=value</c> token that Ansible's INI parser reads back as the same value and type.</summary>
        public static string FormatVariable(string key, object? value, string file = "")
        {
            RequireName(key, "variable", file);
            return key + "=" + FormatValue(value);
        }

        private static string FormatValue(object? value)
        {
            switch (value)
            {
                case null: return "None";
                case bool b: return b ? "True" : "False";
                case string s:
                    if (s.Length > 0 && PlainValue.IsMatch(s) && s != "True" && s != "False" && s != "None") return s;
                    // shlex removes the outer double quotes, literal_eval the inner Python quotes: a string stays a string.
                    return ShellQuote(PyRepr.Repr(s));
                default:
                    if (PyNumber.IsNumber(value)) return PyRepr.Repr(value);
                    return ShellQuote(PyRepr.Repr(value));
            }
        }

        /// <summary>POSIX shlex double quotes: only the quote and the backslash are escaped inside.</summary>
        private static string ShellQuote(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (var c in text)
            {
                if (c == '"' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            return sb.Append('"').ToString();
        }

        private static void RequireName(string name, string what, string file)
        {
            if (!ValidName.IsMatch(name))
            {
                throw new HxException("InventoryInvalidName",
                    $"{file}: '{name}' is not a valid {what} name for Ansible. Use letters, digits and underscores, not starting with a digit.", file,
                    kind: HxErrorKind.InvalidArgument);
            }
        }

        private static void RequireHostName(string host, string file)
        {
            if (host.Length == 0 || host == "---" || host.Any(c => char.IsWhiteSpace(c) || c == '#' || c == '=' || c == '\'' || c == '"')
                || host.EndsWith(":", StringComparison.Ordinal))
            {
                throw new HxException("InventoryInvalidHostName",
                    $"{file}: '{host}' cannot be written as an INI inventory host. Use a host name or address without spaces, quotes, '#' or '='.", file,
                    kind: HxErrorKind.InvalidArgument);
            }
        }

        private readonly struct Line
        {
            public Line(string text, string ending) { Text = text; Ending = ending; }
            public string Text { get; }
            public string Ending { get; }
        }

        private static List<Line> SplitLines(string content)
        {
            var lines = new List<Line>();
            var start = 0;
            for (var i = 0; i < content.Length; i++)
            {
                if (content[i] != '\n') continue;
                var end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                lines.Add(new Line(content.Substring(start, end - start), content.Substring(end, i + 1 - end)));
                start = i + 1;
            }
            if (start < content.Length) lines.Add(new Line(content.Substring(start), ""));
            return lines;
        }

        /// <summary>Section of each line: (group, kind) where kind is hosts, children or vars; null before any header (ungrouped).</summary>
        private static IEnumerable<(int Index, string Group, string Kind)> Sections(List<Line> lines)
        {
            string? group = null;
            var kind = "hosts";
            for (var i = 0; i < lines.Count; i++)
            {
                var m = Header.Match(lines[i].Text);
                if (m.Success)
                {
                    group = m.Groups[1].Value;
                    kind = m.Groups[2].Success ? m.Groups[2].Value : "hosts";
                    continue;
                }
                if (group != null) yield return (i, group, kind);
            }
        }

        private static bool IsContent(string text)
        {
            var t = text.TrimStart();
            return t.Length > 0 && t[0] != '#' && t[0] != ';';
        }

        private static string FirstToken(string text)
        {
            var t = text.Trim();
            var end = 0;
            while (end < t.Length && !char.IsWhiteSpace(t[end]) && t[end] != '#') end++;
            return t.Substring(0, end);
        }

        private static int FindHostLine(List<Line> lines, string group, string host) =>
            Sections(lines).Where(s => s.Group == group && s.Kind == "hosts" && IsContent(lines[s.Index].Text) && FirstToken(lines[s.Index].Text) == host)
                .Select(s => s.Index).DefaultIfEmpty(-1).First();

        private static int FindChildLine(List<Line> lines, string parent, string child) =>
            Sections(lines).Where(s => s.Group == parent && s.Kind == "children" && IsContent(lines[s.Index].Text) && FirstToken(lines[s.Index].Text) == child)
                .Select(s => s.Index).DefaultIfEmpty(-1).First();

        /// <summary>Appends a line after the last content line of the group's last section of that kind, or a new section at the end.</summary>
        private static void InsertInSection(List<Line> lines, string group, string kind, string text, string newline)
        {
            var headerIndex = -1;
            for (var i = 0; i < lines.Count; i++)
            {
                var m = Header.Match(lines[i].Text);
                if (m.Success && m.Groups[1].Value == group && (m.Groups[2].Success ? m.Groups[2].Value : "hosts") == kind) headerIndex = i;
            }
            if (headerIndex >= 0)
            {
                var after = headerIndex;
                for (var i = headerIndex + 1; i < lines.Count && !Header.IsMatch(lines[i].Text); i++)
                {
                    if (IsContent(lines[i].Text)) after = i;
                }
                if (lines[after].Ending.Length == 0) lines[after] = new Line(lines[after].Text, newline);
                lines.Insert(after + 1, new Line(text, newline));
                return;
            }
            if (lines.Count > 0)
            {
                var last = lines[lines.Count - 1];
                if (last.Ending.Length == 0) lines[lines.Count - 1] = new Line(last.Text, newline);
                if (last.Text.Trim().Length > 0) lines.Add(new Line("", newline));
            }
            lines.Add(new Line("[" + group + (kind == "hosts" ? "" : ":" + kind) + "]", newline));
            lines.Add(new Line(text, newline));
        }

        /// <summary>Sets each <c>key=value</c> on a host line: replaces the token of an existing key, appends the others.</summary>
        private static string WithVariables(string line, List<string> vars, string file, int lineNumber)
        {
            if (vars.Count == 0) return line;
            var tokens = ShlexSpans(line, file, lineNumber);
            var result = line;
            var appended = new List<string>();
            foreach (var assignment in vars)
            {
                var key = assignment.Substring(0, assignment.IndexOf('=') + 1);
                var span = tokens.Skip(1).Where(t => result.Substring(t.Start, t.Length).StartsWith(key, StringComparison.Ordinal)).ToList();
                if (span.Count == 0) { appended.Add(assignment); continue; }
                var last = span[span.Count - 1];
                if (result.Substring(last.Start, last.Length) == assignment) continue;
                result = result.Substring(0, last.Start) + assignment + result.Substring(last.Start + last.Length);
                tokens = ShlexSpans(result, file, lineNumber);
            }
            if (appended.Count == 0) return result;
            var end = tokens.Count == 0 ? 0 : tokens[tokens.Count - 1].Start + tokens[tokens.Count - 1].Length;
            return result.Substring(0, end) + " " + string.Join(" ", appended) + result.Substring(end);
        }

        /// <summary>Token positions as POSIX shlex with comments splits a host line (quotes and escapes kept inside the token).</summary>
        private static List<(int Start, int Length)> ShlexSpans(string line, string file, int lineNumber)
        {
            var spans = new List<(int, int)>();
            var i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
                if (i >= line.Length || line[i] == '#') break;
                var start = i;
                char quote = '\0';
                while (i < line.Length)
                {
                    var c = line[i];
                    if (quote == '\0')
                    {
                        if (char.IsWhiteSpace(c) || c == '#') break;
                        if (c == '\'' || c == '"') quote = c;
                        else if (c == '\\') i++;
                    }
                    else if (c == quote) quote = '\0';
                    else if (c == '\\' && quote == '"') i++;
                    i++;
                }
                if (quote != '\0')
                {
                    throw new HxException("InventoryParseError",
                        $"{file}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: Error parsing host definition '{line}': No closing quotation. Close the quote on that line.", file, lineNumber);
                }
                spans.Add((start, Math.Min(i, line.Length) - start));
            }
            return spans;
        }
    }
}
