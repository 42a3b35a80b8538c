using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Vault;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Finds vault-encrypted files outside the places vaults belong, and plaintext API keys anywhere, below a root.
    /// Symbolic links are never followed (so nothing outside the root is read), <c>.git/</c>, the root's
    /// <c>_quarantine/</c> and HxLiteLLM's own output folders (<see cref="OwnedFolder"/>) are skipped, and so are files larger than <see cref="MaxFileBytes"/>.
    /// </summary>
    public static class StrayVaultFinder
    {
        public const string QuarantineFolder = "_quarantine";
        public const long MaxFileBytes = 16 * 1024 * 1024;
        public const string EncryptedFile = "EncryptedFile";
        public const string PlaintextKey = "PlaintextKey";

        /// <summary>
        /// Where whole-file vaults belong (relative globs: '*' within a folder, '**/' any folders): a vault file in a group's
        /// or host's vars directory, at any depth (inventories often sit in a subfolder). Ansible-style backups
        /// (<c>&lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~</c>) of an allowed file are allowed too: Ansible never reads them.
        /// </summary>
        public static readonly IReadOnlyList<string> DefaultAllowedPaths = new[]
        {
            "**/group_vars/*/vault", "**/group_vars/*/vault.yml", "**/group_vars/*/vault.yaml",
            "**/host_vars/*/vault", "**/host_vars/*/vault.yml", "**/host_vars/*/vault.yaml",
        };

        private static readonly Regex BackupSuffix = new Regex(@"\.\d+\.\d{4}-\d\d-\d\d@\d\d[:-]\d\d[:-]\d\d(?:\.\d+)?~$", RegexOptions.CultureInvariant);

        /// <summary>Every stray below <paramref name="root"/>, in sorted path order.</summary>
        /// <param name="allowedPaths">Globs (relative to the root) added to <see cref="DefaultAllowedPaths"/>.</param>
        /// <param name="inventories">Inventory files known to be used (the pipeline's); files beside group_vars/host_vars count anyway.</param>
        public static List<HxStrayVault> Find(string root, IEnumerable<string>? allowedPaths = null, Action<string>? warn = null,
            IEnumerable<string>? inventories = null)
        {
            var full = FullRoot(root);
            var scan = new Scan(full, AllowedMatchers(full, allowedPaths), inventories);
            var found = new List<HxStrayVault>();
            Walk(scan, full, found, warn ?? (_ => { }));
            return found;
        }

        /// <summary>Inspects one file below the root; null when it is not a stray (or is skipped).</summary>
        public static HxStrayVault? Inspect(string root, string path, IEnumerable<string>? allowedPaths = null, IEnumerable<string>? inventories = null)
        {
            var full = FullRoot(root);
            var file = Path.GetFullPath(path);
            // The scan never follows links; a single file is given by path, so a linked folder on the way is checked here.
            CheckReallyBelow(full, file);
            // The scan never enters HxLiteLLM's own folders; a single file is checked against them here.
            return InOwnedFolder(full, file) ? null : Inspect(new Scan(full, AllowedMatchers(full, allowedPaths), inventories), file);
        }

        /// <summary>What one scan compares files against.</summary>
        private sealed class Scan
        {
            public Scan(string root, List<Regex> allowed, IEnumerable<string>? inventories)
            {
                Root = root;
                Allowed = allowed;
                Inventories = new HashSet<string>((inventories ?? Enumerable.Empty<string>()).Select(Path.GetFullPath), StringComparer.Ordinal);
            }

            public string Root { get; }
            public List<Regex> Allowed { get; }
            public HashSet<string> Inventories { get; }
        }

        /// <summary>
        /// Throws "StrayOutsideRoot" when the file, with every symbolic link on its path resolved, is not below the root
        /// (itself resolved): a linked folder inside the root must not let a file from elsewhere be read or moved.
        /// </summary>
        public static void CheckReallyBelow(string root, string path)
        {
            var realRoot = RealPath.Of(root);
            var real = RealPath.Of(path);
            if (!real.StartsWith(realRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new HxException("StrayOutsideRoot",
                    path + " is not below the root " + root + " once symbolic links are resolved (it is " + real
                        + "); nothing was moved. Only files that really live below the root are quarantined.",
                    path, kind: HxErrorKind.InvalidArgument);
            }
        }

        /// <summary>'/'-separated path relative to the root; throws when the path is not below it.</summary>
        public static string RelativePath(string root, string path)
        {
            var prefix = FullRoot(root) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(path);
            if (!full.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new HxException("StrayOutsideRoot", full + " is not below the root " + prefix + "; give the root it was found under.", full,
                    kind: HxErrorKind.InvalidArgument);
            }
            return full.Substring(prefix.Length).Replace(Path.DirectorySeparatorChar, '/');
        }

        private static string FullRoot(string root)
        {
            var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (!Directory.Exists(full)) throw new HxException("RootNotFound", "The folder " + full + " does not exist.", full, kind: HxErrorKind.NotFound);
            return full;
        }

        private static void Walk(Scan scan, string directory, List<HxStrayVault> found, Action<string> warn)
        {
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory).OrderBy(e => e, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                warn("Skipped " + directory + ": " + e.Message);
                return;
            }
            foreach (var entry in entries)
            {
                var attributes = File.GetAttributes(entry);
                if ((attributes & FileAttributes.ReparsePoint) != 0) continue;
                var name = Path.GetFileName(entry);
                if ((attributes & FileAttributes.Directory) != 0)
                {
                    if (name == ".git" || directory == scan.Root && name == QuarantineFolder || OwnedFolder.IsOwned(entry)) continue;
                    Walk(scan, entry, found, warn);
                    continue;
                }
                try
                {
                    var stray = Inspect(scan, entry);
                    if (stray != null) found.Add(stray);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    warn("Skipped " + entry + ": " + e.Message);
                }
            }
        }

        /// <summary>True when a folder between the root and the file is HxLiteLLM's own output (.evidence, .rendered, _quarantine).</summary>
        private static bool InOwnedFolder(string root, string path)
        {
            for (var dir = Path.GetDirectoryName(path); dir != null && dir.Length > root.Length; dir = Path.GetDirectoryName(dir))
            {
                if (OwnedFolder.IsOwned(dir)) return true;
            }
            return false;
        }

        private static HxStrayVault? Inspect(Scan scan, string path)
        {
            var root = scan.Root;
            var relative = RelativePath(root, path);
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes || (info.Attributes & FileAttributes.ReparsePoint) != 0) return null;
            if (relative.StartsWith(QuarantineFolder + "/", StringComparison.Ordinal)) return null;
            var content = File.ReadAllBytes(path);
            var segments = relative.Split('/');
            var loadedAs = AnsibleVarsLookup.LoadedAs(root, segments) ?? AnsibleVarsLookup.InventoryRole(path, scan.Inventories);
            var loaded = loadedAs == null ? "" : "; Ansible loads it as " + loadedAs;
            HxStrayVault stray;
            if (VaultEnvelope.IsEncrypted(content))
            {
                var unsuffixed = BackupSuffix.Replace(relative, "");
                if (scan.Allowed.Any(a => a.IsMatch(unsuffixed))) return null;
                stray = new HxStrayVault(root, path, relative, EncryptedFile,
                    "vault-encrypted file outside the allowed vault locations" + loaded +
                    (loadedAs == null ? "" : ", so every run touching those hosts fails without the vault password"));
                stray.VaultId = HeaderLabel(content);
                if (loadedAs != null) stray.Remediation = EncryptedConfigurationFix(relative, loadedAs);
            }
            else
            {
                var text = new UTF8Encoding(false, false).GetString(content);
                var match = SecretPatterns.ApiKey.Match(text);
                if (!match.Success) return null;
                var line = 1 + text.Take(match.Index).Count(c => c == '\n');
                stray = new HxStrayVault(root, path, relative, PlaintextKey,
                    "plaintext API key (sk-…) at line " + line + loaded + "; keep keys in a vault (Set-HxVaultSecret)")
                {
                    Line = line,
                    MaskedSecret = MasterKey.Mask(match.Value),
                };
                if (loadedAs != null) stray.Remediation = PlaintextConfigurationFix(path, segments, loadedAs, text, match.Index, line);
            }
            stray.LoadedByAnsible = loadedAs != null;
            stray.LoadedAs = loadedAs ?? "";
            return stray;
        }

        private static readonly Regex AssignedName = new Regex(@"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)\s*[:=]\s*['""]?$", RegexOptions.CultureInvariant);
        private static readonly Regex IniSection = new Regex(@"^\s*\[([^\]:\s]+)(:vars)?\]", RegexOptions.CultureInvariant | RegexOptions.Multiline);

        /// <summary>
        /// The fix for a key in a file Ansible loads: the value goes into the vault of the group or host that file
        /// serves (an INI inventory's [group:vars] or host line names it; otherwise a placeholder), then the plain line goes.
        /// </summary>
        private static string PlaintextConfigurationFix(string path, string[] segments, string loadedAs, string text, int keyAt, int line)
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, keyAt - 1)) + 1;
            var name = AssignedName.Match(text.Substring(lineStart, keyAt - lineStart));
            var variable = name.Success ? name.Groups[1].Value : "<name>";
            var folder = Path.GetDirectoryName(path)!;
            string vault;
            var at = segments.Length - 2;
            while (at >= 0 && segments[at] != "group_vars" && segments[at] != "host_vars") at--;
            if (at >= 0)
            {
                var varsDirectory = folder;
                for (var up = segments.Length - 2; up > at; up--) varsDirectory = Path.GetDirectoryName(varsDirectory)!;
                var owner = loadedAs.Substring(loadedAs.IndexOf('\'') + 1).TrimEnd('\'');
                vault = Path.Combine(varsDirectory, owner, "vault.yml");
            }
            else
            {
                var section = IniSection.Matches(text.Substring(0, lineStart)).Cast<Match>().LastOrDefault();
                var lineText = text.Substring(lineStart).Split('\n')[0].Trim();
                vault = section == null || !ContainedPath.IsPlainSegment(section.Groups[1].Value) ? Path.Combine(folder, "group_vars", "<group>", "vault.yml")
                    : section.Groups[2].Success ? Path.Combine(folder, "group_vars", section.Groups[1].Value, "vault.yml")
                    : ContainedPath.IsPlainSegment(lineText.Split(' ', '\t')[0]) ? Path.Combine(folder, "host_vars", lineText.Split(' ', '\t')[0], "vault.yml")
                    : Path.Combine(folder, "host_vars", "<host>", "vault.yml");
            }
            return "Ansible loads this file as " + loadedAs + ": it is configuration and is never moved. Put the key in a vault: " +
                "Set-HxVaultSecret -Path '" + vault.Replace("'", "''") + "' -Name " + variable + ", then remove line " + line + " from " + path +
                "; or encrypt the value in place with Protect-HxVaultString -Name " + variable + " and replace the plain value with its output.";
        }

        private static string EncryptedConfigurationFix(string relative, string loadedAs) =>
            "Ansible loads this file as " + loadedAs + ": it is configuration and is never moved. If it belongs there, allow it " +
            "(Find-HxStrayVault -AllowedPath '" + relative.Replace("'", "''") + "'); otherwise move its variables into the vault.yml beside it " +
            "(Get-HxVaultContent, Set-HxVaultSecret) and delete it yourself.";

        private static string HeaderLabel(byte[] content)
        {
            var end = Array.IndexOf(content, (byte)'\n');
            var header = Encoding.ASCII.GetString(content, 0, end < 0 ? content.Length : end).Split(';');
            return header.Length > 3 ? header[3].Trim() : "";
        }

        private static List<Regex> AllowedMatchers(string root, IEnumerable<string>? extra)
        {
            var globs = DefaultAllowedPaths.Concat(extra ?? Enumerable.Empty<string>());
            return globs.Select(g => Glob(Path.IsPathRooted(g) ? RelativePath(root, g) : g.Replace('\\', '/'))).ToList();
        }

        /// <summary>'**/' any folders (also none), '**' anything, '*' and '?' within one path segment.</summary>
        internal static Regex Glob(string pattern)
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else if (c == '*') regex.Append("[^/]*");
                else if (c == '?') regex.Append("[^/]");
                else regex.Append(Regex.Escape(c.ToString()));
            }
            return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
        }
    }
}
