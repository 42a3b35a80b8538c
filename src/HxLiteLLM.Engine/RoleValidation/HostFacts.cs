using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Values;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Gathered facts of a host, as a play sees them once its facts are known (VariableManager.get_vars): all of them
    /// under <c>ansible_facts</c> without their <c>ansible_</c> prefix (namespace_facts), and, as the default
    /// INJECT_FACTS_AS_VARS does, each as a top-level variable, less the names a fact may not set (clean_facts).
    /// They come from Ansible's jsonfile fact cache (a folder holding one JSON file per host name) or from a file of
    /// the setup module's JSON (<c>{"ansible_facts": {...}}</c>, as <c>ansible -m setup --tree</c> writes per host).
    /// </summary>
    public static class HostFacts
    {
        /// <summary>Facts files larger than this are refused (a real host's facts are well below a megabyte).</summary>
        public const long MaxFileBytes = 16L * 1024 * 1024;

        // clean_facts: the magic and common connection variables (C.MAGIC_VARIABLE_MAPPING, C.COMMON_CONNECTION_VARS),
        // RESTRICTED_RESULT_KEYS and INTERNAL_RESULT_KEYS of ansible-core 2.14.
        private static readonly HashSet<string> RestrictedNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "ansible_become", "ansible_become_exe", "ansible_become_flags", "ansible_become_method", "ansible_become_pass",
            "ansible_become_password", "ansible_become_user", "ansible_connection", "ansible_connection_user",
            "ansible_docker_extra_args", "ansible_host", "ansible_module_compression", "ansible_network_os", "ansible_password",
            "ansible_pipelining", "ansible_port", "ansible_private_key_file", "ansible_scp_extra_args", "ansible_sftp_extra_args",
            "ansible_shell_executable", "ansible_shell_type", "ansible_ssh_common_args", "ansible_ssh_executable",
            "ansible_ssh_extra_args", "ansible_ssh_host", "ansible_ssh_pass", "ansible_ssh_pipelining", "ansible_ssh_port",
            "ansible_ssh_private_key_file", "ansible_ssh_timeout", "ansible_ssh_transfer_method", "ansible_ssh_user",
            "ansible_timeout", "ansible_user",
            "ansible_rsync_path", "ansible_playbook_python", "ansible_facts", "add_host", "add_group",
        };

        // The connection plugins ansible-core 2.14 ships: a fact named ansible_<plugin>_... is removed too.
        private static readonly Regex ConnectionVariable = new Regex("^ansible_(local|paramiko_ssh|psrp|ssh|winrm)_", RegexOptions.CultureInvariant);
        private static readonly Regex InterpreterVariable = new Regex("^ansible_.*_interpreter$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>
        /// The facts of <paramref name="hostName"/> from <paramref name="path"/>: a folder is a fact cache (no file for the
        /// host: no facts, null); a file holds the facts of the host being rendered.
        /// </summary>
        public static PyDict? Read(string path, string hostName)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                // The jsonfile cache names each file after the host; a name that is not a plain file name has none.
                if (hostName.Length == 0 || hostName == "." || hostName == ".." || hostName.IndexOfAny(new[] { '/', '\\', '\0' }) >= 0) return null;
                var file = Path.Combine(full, hostName);
                return File.Exists(file) ? ReadFile(file) : null;
            }
            if (!File.Exists(full)) throw new HxException("FactsNotFound", "No facts file or fact-cache folder at " + full + ".", full,
                kind: HxErrorKind.NotFound);
            return ReadFile(full);
        }

        private static PyDict ReadFile(string file)
        {
            var length = new FileInfo(file).Length;
            if (length > MaxFileBytes) throw new HxException("FactsTooLarge", file + " is " + length + " bytes; facts files above " + MaxFileBytes
                + " bytes are refused.", file);
            object? data;
            try
            {
                data = PyJsonReader.Parse(FileText.ReadUtf8(file), ansibleObjects: true);
            }
            catch (HxException e)
            {
                throw new HxException("FactsNotJson", file + " is not the JSON of a fact cache or of the setup module: " + e.Message, file,
                    kind: HxErrorKind.ParseError);
            }
            if (!(data is PyDict dict)) throw new HxException("FactsNotMapping", file + " must hold a JSON object of facts.", file);
            // The setup module's result keeps the facts under ansible_facts; a cache file is the facts themselves.
            var facts = dict.TryGetValue("ansible_facts", out var inner) && inner is PyDict setup ? setup : dict;
            var marked = FirstTemplateMarker(facts, "");
            // Ansible marks facts unsafe (never templated); this engine would template them, so it refuses instead.
            if (marked != null) throw new HxException("FactsHoldTemplateMarkers", file + ": the fact " + marked
                + " holds a Jinja marker ({{, {% or {#); Ansible never templates facts, this engine cannot keep such text untemplated.", file);
            return facts;
        }

        /// <summary>The variables the facts give (namespace_facts, then clean_facts with INJECT_FACTS_AS_VARS on).</summary>
        public static PyDict Variables(PyDict? facts)
        {
            facts ??= new PyDict();
            var namespaced = new PyDict();
            foreach (var kv in facts)
            {
                var name = kv.Key as string;
                var key = name != null && name.StartsWith("ansible_", StringComparison.Ordinal) && name != "ansible_local" ? name.Substring(8) : kv.Key;
                namespaced[key!] = Copy(kv.Value, false);
            }
            var result = new PyDict { ["ansible_facts"] = namespaced };
            foreach (var kv in facts)
            {
                if (kv.Key is string name && Restricted(name)) continue;
                result[kv.Key] = Copy(kv.Value, true);
            }
            return result;
        }

        private static bool Restricted(string name)
        {
            if (name.StartsWith("ansible_ssh_host_key_", StringComparison.Ordinal)) return false;
            if (name.StartsWith("_ansible_", StringComparison.Ordinal)) return true;
            if (RestrictedNames.Contains(name) || InterpreterVariable.IsMatch(name)
                || name.StartsWith("ansible_become_", StringComparison.Ordinal)) return true;
            return ConnectionVariable.IsMatch(name) && !name.EndsWith("_bridge", StringComparison.Ordinal)
                && !name.EndsWith("_gwbridge", StringComparison.Ordinal);
        }

        /// <summary>A deep copy; with <paramref name="stripInternal"/>, keys starting with _ansible_ are dropped (strip_internal_keys).</summary>
        private static object? Copy(object? value, bool stripInternal) => value switch
        {
            PyDict d => new PyDict(d.Where(kv => !(stripInternal && kv.Key is string k && k.StartsWith("_ansible_", StringComparison.Ordinal)))
                .Select(kv => new KeyValuePair<object, object?>(kv.Key, Copy(kv.Value, stripInternal)))),
            List<object?> l => l.Select(item => Copy(item, stripInternal)).ToList(),
            _ => value,
        };

        private static string? FirstTemplateMarker(object? value, string path)
        {
            switch (value)
            {
                case string s:
                    return VariableResolver.IsTemplate(s) ? (path.Length == 0 ? "value" : path) : null;
                case PyDict d:
                    foreach (var kv in d)
                    {
                        var at = path + "[" + PyRepr.Repr(kv.Key) + "]";
                        if (kv.Key is string k && VariableResolver.IsTemplate(k)) return at;
                        var found = FirstTemplateMarker(kv.Value, at);
                        if (found != null) return found;
                    }
                    return null;
                case List<object?> l:
                    for (var i = 0; i < l.Count; i++)
                    {
                        var found = FirstTemplateMarker(l[i], path + "[" + i + "]");
                        if (found != null) return found;
                    }
                    return null;
                default:
                    return null;
            }
        }
    }
}
