using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.IO;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Pipeline
{
    /// <summary>
    /// The pipeline's settings file (hxlitellm.yml), read strictly: an unknown key or a value of the wrong kind is an error
    /// naming the key (with a did-you-mean), never ignored. The seed's own variable names (run_preflight, run_inventory,
    /// run_role_validation, skip_on_failure) are accepted with their seed meaning. Relative paths are relative to the file.
    /// </summary>
    public sealed class PipelineSettings
    {
        private enum Kind { Text, Path, Flag, List, Map }

        private static readonly Dictionary<string, Kind> Keys = new Dictionary<string, Kind>(StringComparer.Ordinal)
        {
            ["inventory"] = Kind.Path, ["group"] = Kind.Text, ["role"] = Kind.Path, ["evidence_path"] = Kind.Path,
            ["render_path"] = Kind.Path, ["vault_password_file"] = Kind.Path, ["continue_on_failure"] = Kind.Flag,
            ["phases"] = Kind.List, ["skip_preflight"] = Kind.Flag, ["skip_inventory"] = Kind.Flag, ["skip_role_validation"] = Kind.Flag,
            ["hosts"] = Kind.List, ["group_vars"] = Kind.Map, ["quarantine"] = Kind.Flag, ["create_role_structure"] = Kind.Flag,
            ["junit_path"] = Kind.Path, ["dns_server"] = Kind.Text, ["backends"] = Kind.List, ["ca_certificate"] = Kind.Path,
            ["domain"] = Kind.Text, ["deploy"] = Kind.Flag, ["deploy_playbook"] = Kind.Path, ["smoke_test_playbook"] = Kind.Path, ["known_hosts"] = Kind.Path,
                ["accept_new_host_key"] = Kind.Flag, ["key_file"] = Kind.Path, ["limit"] = Kind.List,
            // The seed's names (master-orchestration.yml -e ...).
            ["run_preflight"] = Kind.Flag, ["run_inventory"] = Kind.Flag, ["run_role_validation"] = Kind.Flag, ["skip_on_failure"] = Kind.Flag,
        };

        private readonly PyDict _values;

        private PipelineSettings(PyDict values, string directory, string? path)
        {
            _values = values;
            Directory = directory;
            FilePath = path;
        }

        /// <summary>The folder relative paths are resolved against.</summary>
        public string Directory { get; }
        /// <summary>The file read; null when there was none.</summary>
        public string? FilePath { get; }

        /// <summary>No settings file: every key unset.</summary>
        public static PipelineSettings None(string directory) => new PipelineSettings(new PyDict(), directory, null);

        /// <summary>The settings file looked for in the current folder when none is named.</summary>
        public const string ImplicitName = "hxlitellm.yml";

        /// <summary>
        /// ./hxlitellm.yml when it exists and can be trusted; otherwise no settings. One that someone else could have put
        /// there (a world-writable folder, another user's file: <see cref="UntrustedLocation"/>) is ignored with a
        /// warning saying why, as Ansible ignores ./ansible.cfg in a world-writable folder: its vault_password_file would
        /// run as a script and its output paths would be written. A file named explicitly is always read.
        /// </summary>
        public static PipelineSettings FindInCurrentFolder(string currentDirectory, Action<string> warn)
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(currentDirectory), ImplicitName);
            if (!File.Exists(path)) return None(System.IO.Path.GetDirectoryName(path)!);
            if (UntrustedLocation.Reason(path) is string why)
            {
                warn("Ignoring settings file " + path + ": " + why + ". Name it with -SettingsPath to use it anyway.");
                return None(System.IO.Path.GetDirectoryName(path)!);
            }
            return Load(path);
        }

        public static PipelineSettings Load(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (!File.Exists(full)) throw new HxException("SettingsNotFound", "Settings file not found: " + full, full, kind: HxErrorKind.NotFound);
            var values = AnsibleYamlReader.LoadFile(full) as PyDict
                ?? throw new HxException("SettingsNotAMapping", full + ": the settings file must be a YAML mapping (key: value).", full);
            foreach (var entry in values)
            {
                var key = entry.Key as string ?? PyRepr.Str(entry.Key);
                if (!Keys.TryGetValue(key, out var kind))
                {
                    var near = DidYouMean.Closest(key, Keys.Keys);
                    throw new HxException("SettingsUnknownKey",
                        full + ": unknown key '" + key + "'" + (near != null ? "; did you mean '" + near + "'?" : ".") + " Known keys: "
                            + string.Join(", ", Keys.Keys.OrderBy(k => k, StringComparer.Ordinal)) + ".", full);
                }
                if (entry.Value != null && !Fits(kind, entry.Value))
                {
                    throw new HxException("SettingsInvalidValue", full + ": '" + key + "' must be " + Describe(kind) + ".", full);
                }
            }
            return new PipelineSettings(values, System.IO.Path.GetDirectoryName(full)!, full);
        }

        public string? Text(string key) => Get(key) is object v ? PyRepr.Str(v) : null;

        public string? Path(string key) => Text(key) is string p ? System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, p)) : null;

        /// <summary>
        /// A path the run writes (junit_path, evidence_path, render_path): it must stay inside the settings file's folder,
        /// not reached through a symbolic link, so a settings file cannot make the run overwrite any file the user may
        /// write. Otherwise "SettingsPathOutside" naming the key; a path given on the command line is not limited.
        /// </summary>
        public string? OutputPath(string key)
        {
            if (!(Path(key) is string path)) return null;
            try
            {
                return ContainedPath.RefuseLinksBelow(Directory, path);
            }
            catch (HxException error)
            {
                throw new HxException("SettingsPathOutside",
                    FilePath + ": '" + key + "' (" + path + ") must stay inside the settings file's folder " + Directory + " (" + error.Message
                        + "). Give it on the command line instead.", FilePath);
            }
        }

        /// <summary>The flag's value; null when unset.</summary>
        public bool? Flag(string key) => Get(key) as bool?;

        public IReadOnlyList<string> List(string key) => Get(key) is IEnumerable<object?> l ? l.Select(PyRepr.Str).ToList() : new List<string>();

        public PyDict? Map(string key) => Get(key) as PyDict;

        private object? Get(string key)
        {
            if (!Keys.ContainsKey(key)) throw new ArgumentException("not a settings key: " + key, nameof(key));
            return _values.TryGetValue(key, out var v) ? v : null;
        }

        private static bool Fits(Kind kind, object value)
        {
            switch (kind)
            {
                case Kind.Flag: return value is bool;
                case Kind.List: return value is IEnumerable<object?> && !(value is string) && !(value is PyDict);
                case Kind.Map: return value is PyDict;
                default: return value is string || value is long || value is int || value is System.Numerics.BigInteger;
            }
        }

        private static string Describe(Kind kind) =>
            kind == Kind.Flag ? "true or false" : kind == Kind.List ? "a list" : kind == Kind.Map ? "a mapping of names to values" : "a string";
    }
}
