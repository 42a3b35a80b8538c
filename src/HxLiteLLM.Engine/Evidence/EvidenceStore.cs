using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;

namespace HxLiteLLM.Evidence
{
    /// <summary>
    /// The evidence trail of one run: <c>&lt;root&gt;/&lt;area&gt;/&lt;stamp&gt;/…</c>, a <c>results.json</c> per area and the
    /// orchestration log <c>&lt;root&gt;/litellm_orchestration_&lt;stamp&gt;.txt</c>. Every byte written goes through the
    /// redactor and lands atomically. Stamps are UTC, sortable and valid file names on Windows, and unique per run.
    /// </summary>
    public sealed class EvidenceStore
    {
        /// <summary>Below the root: one empty file per stamp taken, the reservation that keeps stamps unique.</summary>
        public const string StampsFolder = ".stamps";

        /// <summary>Each area's machine-readable results, beside its reports.</summary>
        public const string ResultsFile = "results.json";

        /// <summary>Below the root: run_manifest_&lt;stamp&gt;.json, one per pipeline run, which the deploy gate reads.</summary>
        public const string ManifestPrefix = "run_manifest_";

        private readonly Lazy<string> _stamp;

        public EvidenceStore(string root, SecretRedactor redactor, DateTime? startedUtc = null)
        {
            Root = Path.GetFullPath(root);
            Redactor = redactor;
            var started = FormatStamp(startedUtc ?? DateTime.UtcNow);
            // Reserved on first use, so a store that never writes leaves nothing behind.
            _stamp = new Lazy<string>(() => Reserve(started));
        }

        public string Root { get; }
        public SecretRedactor Redactor { get; }
        /// <summary>
        /// The run's stamp, e.g. 20261125T120620Z. A run starting in a second another run (any process) already took
        /// gets -2, -3, … appended (20261125T120620Z-2), so two runs never share a folder, log or manifest.
        /// </summary>
        public string Stamp => _stamp.Value;

        private string Reserve(string stamp) => ReserveStamp(Root, stamp);

        /// <summary>
        /// The first of stamp, stamp-2, stamp-3, … whose reservation file (in <paramref name="root"/>/.stamps) this call
        /// creates: the rule every stamped folder of HxLiteLLM follows, so two runs in one second never share one.
        /// </summary>
        public static string ReserveStamp(string root, string stamp)
        {
            var folder = ContainedPath.Folder(root, Path.Combine(OwnedFolder.Ensure(root), StampsFolder));
            for (var n = 1; ; n++)
            {
                var candidate = n == 1 ? stamp : stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
                try
                {
                    using (new FileStream(Path.Combine(folder, candidate), FileMode.CreateNew, FileAccess.Write)) { }
                    return candidate;
                }
                catch (IOException) when (File.Exists(Path.Combine(folder, candidate)))
                {
                    // taken by another run in the same second
                }
            }
        }

        public static string FormatStamp(DateTime utc) =>
            utc.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        /// <summary>The run's folder of one area (created on first use; no symbolic link below the root).</summary>
        public string AreaFolder(string area)
        {
            OwnedFolder.Ensure(Root);
            return ContainedPath.Folder(Root, Path.Combine(Root, area, Stamp));
        }

        /// <summary>Writes a redacted text file under the area's run folder and returns its full path.</summary>
        public string WriteText(string area, string relativePath, string content)
        {
            var folder = AreaFolder(area);
            var path = Resolve(folder, relativePath);
            ContainedPath.Folder(folder, Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(path, Redactor.Redact(content));
            return path;
        }

        /// <summary>
        /// Writes a redacted text file new in this run (a host's evidence) straight to its path: no temp file, rename or
        /// flush to disk per file, which over thousands of hosts cost the controller more CPU than all their checks.
        /// Callers publish the path only after this returns, so nobody reads a half-written file. The file is created,
        /// not truncated (ext4 flushes a truncated file when it is closed). Each folder is made once, before the first file
        /// in it: hosts writing into a new folder at the same time must not race its creation (the loser's open failed
        /// with "file not found").
        /// </summary>
        public string WriteNewText(string area, string relativePath, string content)
        {
            var areaFolder = _newTextFolders.GetOrAdd(area, AreaFolder);
            var path = Resolve(areaFolder, relativePath);
            var bytes = AtomicFile.Utf8.GetBytes(Redactor.Redact(content));
            _newTextFolders.GetOrAdd(Path.GetDirectoryName(path)!, folder => ContainedPath.Folder(areaFolder, folder));
            WriteNew(path, bytes);
            return path;
        }

        /// <summary>Area folders by area name, and every folder made for new files by its path.</summary>
        private readonly ConcurrentDictionary<string, string> _newTextFolders = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Creates the file; one that exists already (two hosts whose names map to one file name) is an IOException, never overwritten.</summary>
        private static void WriteNew(string path, byte[] bytes)
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1);
            file.Write(bytes, 0, bytes.Length);
        }

        /// <summary>Writes the machine-readable results of an area as <c>results.json</c>.</summary>
        public string WriteResults(string area, IEnumerable<HxCheckResult> results) =>
            WriteText(area, ResultsFile, ResultsJson(results));

        public string WriteOrchestrationLog(string content)
        {
            OwnedFolder.Ensure(Root);
            var path = Path.Combine(Root, EvidenceArea.Orchestration + "_" + Stamp + ".txt");
            AtomicFile.WriteAllText(path, Redactor.Redact(content));
            return path;
        }

        /// <summary>Results as a JSON array with the result's property names, one object per result.</summary>
        public static string ResultsJson(IEnumerable<HxCheckResult> results)
        {
            var list = new List<object?>();
            foreach (var r in results)
            {
                list.Add(new PyDict
                {
                    ["Timestamp"] = r.Timestamp,
                    ["Phase"] = r.Phase,
                    ["Check"] = r.Check,
                    ["Target"] = r.Target,
                    ["Status"] = r.Status.ToString(),
                    ["Category"] = r.Category.ToString(),
                    ["Message"] = r.Message,
                    ["Remediation"] = r.Remediation,
                    ["DurationMs"] = Math.Round(r.DurationMs, 3),
                    ["EvidencePath"] = r.EvidencePath,
                });
            }
            return PyJson.Dumps(list, new PyJsonOptions { Indent = 2, EnsureAscii = false }) + "\n";
        }

        /// <summary>Keeps relative evidence paths inside the run folder.</summary>
        private static string Resolve(string folder, string relativePath)
        {
            var full = Path.GetFullPath(Path.Combine(folder, relativePath));
            var prefix = folder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? folder : folder + Path.DirectorySeparatorChar;
            if (!full.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new HxException("EvidencePathOutsideRun", "Evidence path '" + relativePath + "' leaves the run folder " + folder + ".",
                    kind: HxErrorKind.InvalidArgument);
            }
            return full;
        }
    }
}
