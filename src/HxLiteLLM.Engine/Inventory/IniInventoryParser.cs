using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// Ansible's <c>ini</c> inventory plugin (ansible-core 2.14): sections, host lines through POSIX shlex
    /// with comments, <c>:vars</c> lines split at the first '=', every value through Python's literal_eval,
    /// children declared before or after use. The first error aborts the whole file.
    /// </summary>
    internal sealed class IniInventoryParser
    {
        private static readonly Regex Section = new Regex(@"^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex GroupName = new Regex(@"^([^:\]\s]+)\s*(?:#.*)?$", RegexOptions.CultureInvariant);

        private sealed class Pending
        {
            public string Name = "";
            public int Line;
            public bool IsVars;
            public readonly List<string> Parents = new List<string>();
        }

        private readonly InventoryModel _model;
        private readonly string _path;
        private int _line;
        private readonly List<Pending> _pending = new List<Pending>();

        private IniInventoryParser(InventoryModel model, string path)
        {
            _model = model;
            _path = path;
        }

        public static void Parse(InventoryModel model, string path, string text)
        {
            new IniInventoryParser(model, path).ParseLines(text);
        }

        private InventoryException Error(string message, string? hint = null) => new InventoryException(_path, _line, message, hint);

        private Pending? FindPending(string name) => _pending.Find(p => p.Name == name);

        [MethodImpl(HotPath.Optimize)]

        private void ParseLines(string text)
        {
            var group = _model.Ungrouped;
            var state = "hosts";
            var bom = text.Length > 0 && text[0] == '\ufeff';
            foreach (var (start, length) in PythonLines(text))
            {
                _line++;
                if (length > MaxLineLength)
                {
                    throw Error("line " + _line + " is " + length + " characters long; HxLiteLLM reads inventory lines of at most " + MaxLineLength
                        + " characters",
                        "move long values out of the INI file: a host's variables into host_vars/<host>.yml, a group's into group_vars/<group>.yml");
                }
                var line = PyStrip(text.Substring(start, length));
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                try
                {
                    var m = line[0] == '[' ? Section.Match(line) : Match.Empty;
                    if (m.Success)
                    {
                        var name = m.Groups[1].Value;
                        state = m.Groups[2].Success ? m.Groups[2].Value : "hosts";
                        if (state != "hosts" && state != "children" && state != "vars")
                        {
                            throw Error("Section [" + name + ":" + state + "] has unknown type: " + state, "use [" + name + "], [" + name + ":vars] or [" + name
                                + ":children]");
                        }
                        OpenSection(name, state);
                        group = _model.GetGroup(name)!;
                        continue;
                    }
                    if (line[0] == '[' && line[line.Length - 1] == ']')
                    {
                        throw Error("Invalid section entry: '" + line
                            + "'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters");
                    }
                    switch (state)
                    {
                        case "hosts": ParseHostLine(line, group, bom && _line == 1); break;
                        case "vars": ParseVarLine(line, group); break;
                        default: ParseChildLine(line, group); break;
                    }
                }
                catch (InventoryRuleException e)
                {
                    throw Error(e.Message, bom && _line == 1 ? BomHint : e.Hint);
                }
            }
            foreach (var p in _pending)
            {
                _line = p.Line;
                if (p.IsVars) throw Error("Section [" + p.Name + ":vars] not valid for undefined group: " + p.Name, "add a [" + p.Name + "] section, or a ["
                    + p.Name + ":children] one");
                throw Error("Section [" + p.Parents[p.Parents.Count - 1] + ":children] includes undefined group: " + p.Name, "add a [" + p.Name
                    + "] section; it may come later in the file");
            }
        }

        private const string BomHint =
            "the file starts with a UTF-8 byte order mark (BOM), which Ansible reads as part of the first line; save the file as UTF-8 without BOM";

        private void OpenSection(string name, string state)
        {
            if (_model.GetGroup(name) == null)
            {
                if (state == "vars" && FindPending(name) == null) _pending.Add(new Pending { Name = name, Line = _line, IsVars = true });
                _model.AddGroup(name);
            }
            var pending = FindPending(name);
            if (pending != null && state != "vars")
            {
                if (!pending.IsVars) AddPendingChildren(pending);
                else _pending.Remove(pending);
            }
        }

        private void AddPendingChildren(Pending pending)
        {
            var child = _model.GetGroup(pending.Name)!;
            foreach (var parentName in pending.Parents)
            {
                _model.AddChild(_model.GetGroup(parentName)!, child);
                var parentPending = FindPending(parentName);
                if (parentPending != null && !parentPending.IsVars) AddPendingChildren(parentPending);
            }
            _pending.Remove(pending);
        }

        [MethodImpl(HotPath.Optimize)]

        private void ParseHostLine(string line, InventoryGroup group, bool startsWithBom)
        {
            var tokens = PosixShlex.Split(line, out var shlexError);
            if (tokens == null) throw Error("Error parsing host definition '" + line + "': " + shlexError, "close the quote or quote the whole value");
            if (tokens.Count == 0) throw Error("list index out of range", "a host line needs a host name");
            var pattern = tokens[0];
            var hosts = HostPattern.Expand(pattern, out var port);
            if (PyStrip(pattern).EndsWith(":", StringComparison.Ordinal) && port == null)
            {
                throw Error("Invalid host pattern '" + pattern + "' supplied, ending in ':' is not allowed, this character is reserved to provide a port.");
            }
            foreach (var h in hosts)
            {
                if (PyStrip(h) == "---") throw Error("Invalid host pattern '" + pattern + "' supplied, '---' is normally a sign this is a YAML file.",
                    "name the file .yml so it is read as YAML");
            }
            if (startsWithBom) _model.Warn(_path + ": " + BomHint);

            // The usual line names one host: its vars go straight in (any error below aborts the whole load anyway).
            var single = hosts.Count == 1 ? _model.AddHost(hosts[0], group, port) : null;
            var shared = single == null && tokens.Count > 1 ? new List<KeyValuePair<string, object?>>(tokens.Count - 1) : null;
            for (var i = 1; i < tokens.Count; i++)
            {
                var t = tokens[i];
                var eq = t.IndexOf('=');
                if (eq < 0) throw Error("Expected key=value host variable assignment, got: " + t, "write key=value, and quote values containing spaces");
                var key = t.Substring(0, eq);
                var value = ParseValue(key, t.Substring(eq + 1));
                if (single != null) single.Vars[key] = value;
                else shared!.Add(new KeyValuePair<string, object?>(key, value));
            }
            if (single != null) return;
            foreach (var name in hosts)
            {
                var host = _model.AddHost(name, group, port);
                if (shared == null) continue;
                foreach (var kv in shared) host.Vars[kv.Key] = kv.Value;
            }
        }

        private void ParseVarLine(string line, InventoryGroup group)
        {
            var eq = line.IndexOf('=');
            if (eq < 0) throw Error("Expected key=value, got: " + line, "a [group:vars] line is key=value");
            var key = PyStrip(line.Substring(0, eq));
            InventoryModel.SetGroupVariable(group, key, ParseValue(key, PyStrip(line.Substring(eq + 1))));
        }

        private void ParseChildLine(string line, InventoryGroup group)
        {
            var m = GroupName.Match(line);
            if (!m.Success) throw Error("Expected group name, got: " + line, "a [group:children] line is one group name");
            var childName = m.Groups[1].Value;
            var child = _model.GetGroup(childName);
            if (child == null)
            {
                var pending = FindPending(childName);
                if (pending == null) _pending.Add(pending = new Pending { Name = childName, Line = _line });
                pending.Parents.Add(group.Name);
            }
            else _model.AddChild(group, child);
        }

        /// <summary>literal_eval with Ansible's fallback to the raw text; values Ansible keeps but cannot print are refused.</summary>
        [MethodImpl(HotPath.Optimize)]
        private object? ParseValue(string key, string text)
        {
            switch (PyLiteral.Evaluate(text, out var value, out var problem))
            {
                case PyLiteralStatus.Value: return value;
                case PyLiteralStatus.NotALiteral: return text;
                case PyLiteralStatus.TypeError: throw Error(problem!, "the value of " + key
                    + " is not a valid Python literal; quote it to keep it as a string");
                default:
                    throw Error("The value of " + key + " (" + text + ") is " + problem + " in Python, which Ansible cannot print as JSON",
                        "quote it to keep a string, or write a list [..] instead");
            }
        }

        /// <summary>Python's str.strip(): Unicode whitespace plus the separators \x1c-\x1f.</summary>
        [MethodImpl(HotPath.Optimize)]
        internal static string PyStrip(string s)
        {
            var start = 0;
            var end = s.Length;
            while (start < end && IsPyWhitespace(s[start])) start++;
            while (end > start && IsPyWhitespace(s[end - 1])) end--;
            return start == 0 && end == s.Length ? s : s.Substring(start, end - start);
        }

        private static bool IsPyWhitespace(char c) => c == ' ' || (c >= '\t' && c <= '\r') || (c > 127 && char.IsWhiteSpace(c)) || (c >= '\x1c' && c <= '\x1f');

        /// <summary>
        /// Characters of one line: an INI inventory line holds a host and its variables, never megabytes; a longer one is
        /// refused before it is copied, so a hostile file cannot make every later step handle a huge string.
        /// </summary>
        public const int MaxLineLength = 1024 * 1024;

        /// <summary>Python's str.splitlines() as (start, length): also \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029 end a line.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static IEnumerable<(int Start, int Length)> PythonLines(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e' || c == '\x85' || c == '\u2028'
                    || c == '\u2029')
                {
                    yield return (start, i - start);
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    start = i + 1;
                }
            }
            if (start < text.Length) yield return (start, text.Length - start);
        }
    }
}
