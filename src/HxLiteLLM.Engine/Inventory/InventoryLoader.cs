using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.Inventory
{
    /// <summary>Options for <see cref="InventoryLoader.Load"/>.</summary>
    public sealed class InventoryLoadOptions
    {
        /// <summary>
        /// Turns a whole-file vaulted group_vars/host_vars file (path, envelope text) into its plaintext.
        /// Without it such a file fails the load, as it fails ansible-inventory without a vault password.
        /// </summary>
        public Func<string, string, string>? DecryptVaultFile { get; set; }

        /// <summary>
        /// Receives the variables (host and group vars) of an inventory source that was a vault, once decrypted, so
        /// they can be treated as the secrets they are; host and group names stay structure.
        /// </summary>
        public Action<object?>? VaultedInventoryValues { get; set; }

        /// <summary>
        /// The playbook folder (ansible-inventory's --playbook-dir) whose group_vars/ and host_vars/ apply after those beside
        /// the inventory; null: the current directory, which is Ansible's default (its loader's base folder is ".").
        /// </summary>
        public string? PlaybookDirectory { get; set; }
    }

    /// <summary>
    /// Reads an inventory as <c>ansible-inventory -i &lt;path&gt;</c> does: a file (YAML plugin first for
    /// no-extension/.yml/.yaml/.json names, then INI) or a directory of such files, then the
    /// group_vars/ and host_vars/ beside it, then those of the playbook folder. Any problem raises <see cref="InventoryException"/>.
    /// </summary>
    public static class InventoryLoader
    {
        /// <summary>Names Ansible skips inside an inventory directory whatever they are (IGNORED_ALWAYS): hidden entries and the vars folders.</summary>
        private static readonly Regex IgnoredAlways = new Regex(@"^\.|^host_vars$|^group_vars$|^vars_plugins$", RegexOptions.CultureInvariant);

        /// <summary>Extensions Ansible skips inside an inventory directory (INVENTORY_IGNORE_EXTS): an INI file there must have no .ini.</summary>
        private static readonly Regex IgnoredExtension = new Regex(@"(?:\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$",
            RegexOptions.CultureInvariant);

        private static readonly string[] YamlExtensions = { "", ".yaml", ".yml", ".json" };

        public static InventoryModel Load(string path, InventoryLoadOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            options ??= new InventoryLoadOptions();
            var full = Path.GetFullPath(path);
            var model = new InventoryModel();
            if (Directory.Exists(full)) ParseDirectory(model, full, options);
            else if (File.Exists(full)) ParseFile(model, full, options);
            else throw new InventoryException(path, 0, "Unable to parse " + full + " as an inventory source", "the path does not exist");

            try
            {
                model.Reconcile();
            }
            catch (InventoryRuleException e)
            {
                throw new InventoryException(full, 0, e.Message, e.Hint);
            }
            var inventoryVars = VarsBaseDirectory(full);
            LoadVarsFiles(model, inventoryVars, options, model.GroupFileVars, model.HostFileVars);
            var playbookVars = PlaybookVarsDirectory(inventoryVars, options.PlaybookDirectory);
            if (playbookVars != null)
            {
                model.PlaybookVarsDirectory = playbookVars;
                LoadVarsFiles(model, playbookVars, options, model.PlaybookGroupFileVars, model.PlaybookHostFileVars);
            }
            return model;
        }

        /// <summary>The folder whose group_vars/ and host_vars/ Ansible reads for an inventory source: the directory itself, or the file's folder.</summary>
        public static string VarsBaseDirectory(string inventoryPath)
        {
            var full = Path.GetFullPath(inventoryPath);
            return Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
        }

        /// <summary>
        /// The playbook folder whose vars files apply too, or null when it is the inventory's own vars folder (Ansible reads
        /// that one twice; the second read changes nothing).
        /// </summary>
        public static string? PlaybookVarsDirectory(string inventoryVarsDirectory, string? playbookDirectory)
        {
            var full = Path.GetFullPath(playbookDirectory ?? Directory.GetCurrentDirectory()).TrimEnd(Path.DirectorySeparatorChar);
            if (full.Length == 0) full = Path.DirectorySeparatorChar.ToString();
            return string.Equals(full, inventoryVarsDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal) ? null : full;
        }

        private static void ParseDirectory(InventoryModel model, string directory, InventoryLoadOptions options)
        {
            var names = new List<string>();
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory)) names.Add(Path.GetFileName(entry));
            names.Sort(PyJson.CompareCodePoints);
            foreach (var name in names)
            {
                var full = Path.Combine(directory, name);
                if (IgnoredAlways.IsMatch(name)) continue;
                if (IgnoredExtension.IsMatch(name))
                {
                    // Named when nothing was parsed: a hosts.ini in an inventory directory is the usual reason.
                    if (File.Exists(full)) model.AddSkippedFile(full);
                    continue;
                }
                if (Directory.Exists(full)) ParseDirectory(model, full, options);
                else ParseFile(model, full, options);
            }
        }

        private static void ParseFile(InventoryModel model, string path, InventoryLoadOptions options)
        {
            var bytes = ReadBytes(path);
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                // Ansible's ini plugin forgives undecodable bytes on comment lines only (issue 17593).
                IniInventoryParser.Parse(model, path, IniTextFromInvalidUtf8(path, bytes));
                model.AddSource(path);
                return;
            }
            if (!Vault.VaultEnvelope.IsEncrypted(text))
            {
                ParseText(model, path, text);
                return;
            }
            // The ini and yaml plugins read their file through the vault-aware loader, as ansible-inventory does.
            if (options.DecryptVaultFile == null)
            {
                throw new InventoryException(path, 1, "Attempting to decrypt but no vault secrets found",
                    "the inventory file is vault-encrypted; give the vault password (-VaultPassword or -VaultPasswordFile)");
            }
            var plaintext = options.DecryptVaultFile(path, text);
            try
            {
                if (options.VaultedInventoryValues != null)
                {
                    var scratch = new InventoryModel();
                    ParseText(scratch, path, plaintext);
                    foreach (var group in scratch.Groups) options.VaultedInventoryValues(group.Vars);
                    foreach (var host in scratch.Hosts) options.VaultedInventoryValues(host.Vars);
                }
                ParseText(model, path, plaintext);
            }
            catch (InventoryException e)
            {
                // The problem text may quote decrypted values: keep only the position.
                throw new InventoryException(path, e.Line, "the vault-decrypted inventory is not a valid inventory (line " + e.Line + ")",
                    "details are withheld because they may contain secret values; decrypt the file with ansible-vault view to inspect it");
            }
        }

        private static void ParseText(InventoryModel model, string path, string text)
        {
            var ext = VarsFiles.PythonExtension(Path.GetFileName(path));
            InventoryException? yamlError = null;
            if (Array.IndexOf(YamlExtensions, ext) >= 0 && !StartsWithFlowSequence(text))
            {
                object? data = null;
                var keyLines = new YamlKeyLines();
                try
                {
                    var warnings = new List<string>();
                    data = AnsibleYamlReader.Load(text, path, warnings, keyLines, ansibleStrings: true);
                    foreach (var w in warnings) model.Warn(w);
                }
                catch (AnsibleYamlException e)
                {
                    yamlError = new InventoryException(path, e.Line, e.Problem, null, e);
                }
                if (yamlError == null)
                {
                    var reason = YamlInventoryParser.RejectReason(data);
                    if (reason == null)
                    {
                        YamlInventoryParser.Parse(model, path, (PyDict)data!, keyLines);
                        model.AddSource(path);
                        return;
                    }
                    yamlError = new InventoryException(path, 0, reason,
                        reason.StartsWith("Plugin", StringComparison.Ordinal) ? "inventory plugin configurations are not supported; use a static inventory"
                            : null);
                }
            }
            try
            {
                IniInventoryParser.Parse(model, path, text);
                model.AddSource(path);
            }
            catch (InventoryException) when (yamlError != null && ext.Length > 0)
            {
                // A .yml/.yaml/.json file was meant as YAML: its YAML problem is the useful one.
                throw yamlError;
            }
        }

        /// <summary>
        /// True when the first content line starts with '[' (an INI section): YAML would read a flow sequence,
        /// which the yaml plugin always rejects, so the (costly) YAML attempt is skipped.
        /// </summary>
        private static bool StartsWithFlowSequence(string text)
        {
            var i = text.Length > 0 && text[0] == '\ufeff' ? 1 : 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { i++; continue; }
                if (c != '#') return c == '[';
                while (i < text.Length && text[i] != '\n') i++;
            }
            return false;
        }

        /// <summary>Lines split as Python's bytes.splitlines(); comment lines blanked, every other line strict UTF-8.</summary>
        private static string IniTextFromInvalidUtf8(string path, byte[] bytes)
        {
            var strict = new UTF8Encoding(false, true);
            var sb = new StringBuilder(bytes.Length);
            var start = 0;
            var line = 0;
            while (start <= bytes.Length)
            {
                var end = start;
                while (end < bytes.Length && bytes[end] != (byte)'\n' && bytes[end] != (byte)'\r') end++;
                line++;
                if (end > start && bytes[start] != (byte)'#' && bytes[start] != (byte)';')
                {
                    try
                    {
                        sb.Append(strict.GetString(bytes, start, end - start));
                    }
                    catch (DecoderFallbackException)
                    {
                        throw new InventoryException(path, line, "'utf-8' codec can't decode this line", "save the file as UTF-8 (without BOM)");
                    }
                }
                sb.Append('\n');
                if (end >= bytes.Length) break;
                start = end + (bytes[end] == (byte)'\r' && end + 1 < bytes.Length && bytes[end + 1] == (byte)'\n' ? 2 : 1);
            }
            return sb.ToString();
        }

        /// <summary>UTF-8 as Ansible decodes it (strict); a BOM is kept, as Ansible keeps it.</summary>
        internal static string ReadText(string path)
        {
            try
            {
                return new UTF8Encoding(false, true).GetString(ReadBytes(path));
            }
            catch (DecoderFallbackException)
            {
                throw new InventoryException(path, 0, "the file is not valid UTF-8", "save it as UTF-8 (without BOM)");
            }
        }

        private static byte[] ReadBytes(string path)
        {
            try
            {
                return BoundedFile.ReadAllBytes(path);
            }
            catch (BoundedFile.RefusedException e)
            {
                throw new InventoryException(path, 0, e.Message,
                    "split it into smaller files (an inventory folder, group_vars/<group>/ folders), or remove it if it is not an inventory");
            }
            catch (IOException e)
            {
                throw new InventoryException(path, 0, "cannot read the file: " + e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new InventoryException(path, 0, "cannot read the file: " + e.Message);
            }
        }

        private static void LoadVarsFiles(InventoryModel model, string baseDirectory, InventoryLoadOptions options,
            Dictionary<string, PyDict> groupFileVars, Dictionary<string, PyDict> hostFileVars)
        {
            var groupVars = VarsDirectory(model, baseDirectory, "group_vars");
            if (groupVars != null)
            {
                foreach (var group in model.Groups)
                {
                    var vars = LoadEntity(groupVars, group.Name, options, model);
                    if (vars != null) groupFileVars[group.Name] = vars;
                }
            }
            var hostVars = VarsDirectory(model, baseDirectory, "host_vars");
            if (hostVars != null)
            {
                foreach (var host in model.Hosts)
                {
                    if (host.Name.StartsWith("/", StringComparison.Ordinal)) continue;
                    var vars = LoadEntity(hostVars, host.Name, options, model);
                    if (vars != null) hostFileVars[host.Name] = vars;
                }
            }
        }

        private sealed class VarsDirectoryListing
        {
            public string Path = "";
            public HashSet<string> Names = new HashSet<string>(StringComparer.Ordinal);
        }

        private static VarsDirectoryListing? VarsDirectory(InventoryModel model, string baseDirectory, string subdirectory)
        {
            var path = Path.Combine(baseDirectory, subdirectory);
            if (File.Exists(path))
            {
                model.Warn("Found " + subdirectory + " that is not a directory, skipping: " + path);
                return null;
            }
            if (!Directory.Exists(path)) return null;
            var listing = new VarsDirectoryListing { Path = path };
            foreach (var entry in Directory.EnumerateFileSystemEntries(path)) listing.Names.Add(System.IO.Path.GetFileName(entry));
            return listing;
        }

        private static PyDict? LoadEntity(VarsDirectoryListing directory, string name, InventoryLoadOptions options, InventoryModel model)
        {
            // One directory listing answers "is there anything for this name" without probing 4 paths per host.
            if (name.IndexOf('/') < 0 && !directory.Names.Contains(name) && !directory.Names.Contains(name + ".yml") &&
                !directory.Names.Contains(name + ".yaml") && !directory.Names.Contains(name + ".json"))
            {
                return null;
            }
            var files = VarsFiles.Find(directory.Path, name);
            foreach (var file in files) model.AddVarsFile(file);
            return VarsFiles.Load(files, options, model.Warn);
        }
    }
}
