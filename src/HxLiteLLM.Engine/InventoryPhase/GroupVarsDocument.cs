using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using HxLiteLLM.Inventory;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>The outcome of setting variables in a vars file's text.</summary>
    public sealed class GroupVarsEdit
    {
        internal GroupVarsEdit(string content, IReadOnlyList<string> added, IReadOnlyList<string> updated, IReadOnlyList<VariableChange> changes)
        {
            Content = content;
            Added = added;
            Updated = updated;
            Changes = changes;
        }

        public string Content { get; }
        public IReadOnlyList<string> Added { get; }
        public IReadOnlyList<string> Updated { get; }
        /// <summary>Each variable whose value changes, in the order given, with its value before and after.</summary>
        public IReadOnlyList<VariableChange> Changes { get; }
        public bool Changed => Added.Count > 0 || Updated.Count > 0;
    }

    /// <summary>One variable an edit sets: its value before (none when it was unset) and after.</summary>
    public sealed class VariableChange
    {
        internal VariableChange(string name, bool wasSet, object? before, object? after)
        {
            Name = name;
            WasSet = wasSet;
            Before = before;
            After = after;
        }

        public string Name { get; }
        public bool WasSet { get; }
        public object? Before { get; }
        public object? After { get; }

        /// <summary>
        /// "litellm_port: 4000 -> 4100", "(unset) -> …" for a new variable; a value that is or may be a secret (a name that
        /// marks it as one, a vault value, an API key, a URL with a password) shows as ******** only.
        /// </summary>
        public string Describe() => Name + ": " + (WasSet ? Show(Before) : "(unset)") + " -> " + Show(After);

        private string Show(object? value) =>
            SecretPatterns.IsSecretName(Name) || HoldsVaulted(value) || PlainVariables.FindSecret(Name, value) != null
                ? SecretRedactor.Mask
                : PyJson.Dumps(value);

        private static bool HoldsVaulted(object? value) => value switch
        {
            VaultedString _ => true,
            string text => SecretPatterns.IsVaultEnvelope(text),
            IDictionary<object, object?> dict => dict.Keys.Any(HoldsVaulted) || dict.Values.Any(HoldsVaulted),
            IEnumerable<object?> list => list.Any(HoldsVaulted),
            _ => false,
        };
    }

    /// <summary>
    /// Sets top-level variables in a group_vars/host_vars file the way a careful human would: an entry whose value
    /// differs is replaced in place by the value written as a PyYAML block (keeping its trailing comment), new entries are appended, and every
    /// other line (comments, order, quoting, BOM, line ends) stays byte for byte. JSON files and flow-mapping
    /// documents have no comments to keep and are written again whole.
    /// </summary>
    public static class GroupVarsDocument
    {
        public static GroupVarsEdit SetVariables(string text, IEnumerable<KeyValuePair<string, object?>> variables, string? sourceName = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (variables == null) throw new ArgumentNullException(nameof(variables));
            if (HxLiteLLM.Vault.VaultEnvelope.IsEncrypted(text))
            {
                throw new HxException("VarsFileEncrypted",
                    (sourceName ?? "The vars file")
                        + " is vault-encrypted; plain variables do not go there. Set secrets in it with Set-HxVaultSecret, or write plain variables to another "
                        + "file of the group (-FileName).",
                    sourceName);
            }
            var existing = LoadMapping(text, sourceName);
            var changes = new List<KeyValuePair<string, object?>>();
            var added = new List<string>();
            var updated = new List<string>();
            var diff = new List<VariableChange>();
            foreach (var kv in variables)
            {
                var wasSet = existing.TryGetValue(kv.Key, out var old);
                if (wasSet)
                {
                    if (old is VaultedString)
                    {
                        throw new HxException("VarsValueVaulted",
                            (sourceName ?? "The vars file") + ": '" + kv.Key
                                + "' holds an inline !vault value; it is a secret and is not replaced by a plain one. Change it with Protect-HxVaultString, or "
                                + "remove the line first.",
                            sourceName);
                    }
                    if (SameValue(old, kv.Value)) continue;
                    updated.Add(kv.Key);
                }
                else
                {
                    added.Add(kv.Key);
                }
                changes.Add(kv);
                diff.Add(new VariableChange(kv.Key, wasSet, old, kv.Value));
            }
            if (changes.Count == 0) return new GroupVarsEdit(text, added, updated, diff);

            var bom = text.StartsWith("\uFEFF", StringComparison.Ordinal) ? "\uFEFF" : "";
            var body = text.Substring(bom.Length);
            var map = YamlTopLevelMap.Scan(body, sourceName);
            string content;
            if (map.Kind == YamlTopLevelMap.RootKind.FlowMapping || IsJson(sourceName))
            {
                foreach (var kv in changes) existing[kv.Key] = kv.Value;
                content = IsJson(sourceName) ? PyJson.Dumps(existing, new PyJsonOptions { Indent = 4, EnsureAscii = false }) + "\n" : Dump(existing);
            }
            else if (map.Kind == YamlTopLevelMap.RootKind.Other)
            {
                throw NotAMapping(sourceName);
            }
            else
            {
                content = Splice(body, map, changes);
            }
            Verify(bom + content, existing, changes, sourceName);
            return new GroupVarsEdit(bom + content, added, updated, diff);
        }

        /// <summary>
        /// Reads the new text back as Ansible would and insists on exactly the old variables with the new values: an
        /// anchor used elsewhere or an unusual layout must never turn into a silently different file.
        /// </summary>
        private static void Verify(string content, PyDict before, List<KeyValuePair<string, object?>> changes, string? sourceName)
        {
            var expected = new PyDict(before);
            foreach (var kv in changes) expected[kv.Key] = kv.Value;
            object? reread = null;
            try
            {
                reread = AnsibleYamlReader.Load(content, sourceName);
            }
            catch (AnsibleYamlException)
            {
                // Reported below like any other mismatch.
            }
            if (!SameValue(reread, expected))
            {
                throw new HxException("VarsFileEditFailed",
                    (sourceName ?? "The vars file")
                        + " cannot be changed in place without changing other variables (anchors and aliases, or an unusual layout); set " +
                    string.Join(", ", changes.Select(c => c.Key)) + " by hand. Nothing was written.", sourceName, kind: HxErrorKind.WriteError);
            }
        }

        private static string Splice(string body, YamlTopLevelMap map, List<KeyValuePair<string, object?>> changes)
        {
            var newline = body.Contains("\r\n") ? "\r\n" : "\n";
            var indent = new string(' ', map.Indent);
            // Blank lines inside a block (folded quoted scalars) are content, so only the final newline is split off.
            string Block(KeyValuePair<string, object?> kv) =>
                string.Concat(Dump(new PyDict { [kv.Key] = kv.Value }).TrimEnd('\n').Split('\n').Select(l => (l.Length > 0 ? indent + l : l) + newline));

            var result = new StringBuilder(body);
            var appended = new StringBuilder();
            var edits = new List<(int Start, int End, string Text)>();
            foreach (var kv in changes)
            {
                var entries = map.Entries.Where(e => e.Key == kv.Key).ToList();
                if (entries.Count == 0)
                {
                    appended.Append(Block(kv));
                    continue;
                }
                // Duplicates: PyYAML keeps the last one; one entry with the new value replaces them all.
                edits.Add((entries[0].Start, entries[0].End, WithComment(Block(kv), entries[0].Comment, indent, newline)));
                foreach (var duplicate in entries.Skip(1)) edits.Add((duplicate.Start, duplicate.End, ""));
            }
            foreach (var edit in edits.OrderByDescending(e => e.Start))
            {
                result.Remove(edit.Start, edit.End - edit.Start).Insert(edit.Start, edit.Text);
            }
            if (appended.Length > 0)
            {
                var at = map.InsertAt + edits.Where(e => e.Start < map.InsertAt).Sum(e => e.Text.Length - (e.End - e.Start));
                if (at > 0 && result[at - 1] != '\n') appended.Insert(0, newline);
                result.Insert(at, appended.ToString());
            }
            return result.ToString();
        }

        /// <summary>
        /// The replaced entry keeps its trailing comment: after the value when the new entry is one line, else on a line of
        /// its own above it (after a multi-line value it could land inside a block scalar).
        /// </summary>
        private static string WithComment(string block, string comment, string indent, string newline)
        {
            if (comment.Length == 0) return block;
            var firstEnd = block.IndexOf(newline, StringComparison.Ordinal);
            if (firstEnd + newline.Length == block.Length) return block.Substring(0, firstEnd) + comment + newline;
            return indent + comment.TrimStart(' ', '\t') + newline + block;
        }

        /// <summary>PyYAML block style, keys in the caller's order (an [ordered] hashtable stays in order).</summary>
        private static string Dump(object? value) => PyYamlWriter.Dump(value, defaultFlowStyle: false, sortKeys: false);

        private static bool IsJson(string? sourceName) =>
            sourceName != null && string.Equals(Path.GetExtension(sourceName), ".json", StringComparison.OrdinalIgnoreCase);

        private static PyDict LoadMapping(string text, string? sourceName)
        {
            object? data;
            try
            {
                data = AnsibleYamlReader.Load(text, sourceName);
            }
            catch (AnsibleYamlException e)
            {
                throw InvalidYaml(sourceName ?? "<vars>", e);
            }
            if (data == null) return new PyDict();
            if (data is PyDict dict) return dict;
            throw NotAMapping(sourceName);
        }

        /// <summary>A vars file that is not valid YAML, with the parser's line and problem worded as Get-HxInventory words them.</summary>
        internal static HxException InvalidYaml(string file, AnsibleYamlException e) =>
            new HxException("VarsFileInvalidYaml", InventoryException.Text(file, e.Line, e.Problem), file, e.Line, e.Column, e, HxErrorKind.ParseError);

        private static HxException NotAMapping(string? sourceName) =>
            new HxException("VarsFileNotMapping",
                (sourceName ?? "The vars file")
                    + " does not hold a mapping of variable: value at its top level, so Ansible cannot load it as vars; fix or move it first.",
                sourceName);

        /// <summary>Equal as Ansible would see the values: same types (True is not 1, "4000" is not 4000), same content.</summary>
        internal static bool SameValue(object? a, object? b)
        {
            switch (a)
            {
                case null: return b == null;
                case bool x: return b is bool y && x == y;
                case string s: return b is string t && string.Equals(s, t, StringComparison.Ordinal);
                case double d: return b is double e && d.Equals(e);
                case long _:
                case BigInteger _:
                    return (b is long || b is BigInteger) && PyNumber.Compare(a, b!) == 0;
                case IDictionary<object, object?> da:
                    if (!(b is IDictionary<object, object?> db) || da.Count != db.Count) return false;
                    foreach (var kv in da)
                    {
                        if (!db.TryGetValue(kv.Key, out var other) || !SameValue(kv.Value, other)) return false;
                    }
                    return true;
                case IList<object?> la:
                    if (!(b is IList<object?> lb) || la.Count != lb.Count) return false;
                    for (var i = 0; i < la.Count; i++) if (!SameValue(la[i], lb[i])) return false;
                    return true;
                default:
                    return a.Equals(b);
            }
        }
    }
}
