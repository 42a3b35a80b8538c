using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Evidence;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Values;

namespace HxLiteLLM.Deploy
{
    /// <summary>Whether the inventory about to be deployed is the one a validation run passed, and why (not).</summary>
    public sealed class DeployGateVerdict
    {
        public DeployGateVerdict(bool validated, string reason, string? file)
        {
            Validated = validated;
            Reason = reason;
            File = file;
        }

        public bool Validated { get; }
        /// <summary>What validated it (a run manifest, this run), or what is missing or changed.</summary>
        public string Reason { get; }
        /// <summary>The first changed or unvalidated file; null when validated.</summary>
        public string? File { get; }
    }

    /// <summary>
    /// The seed's "once all tasks complete successfully": a deploy goes ahead only when the newest run manifest of the
    /// inventory whose input hashes equal today's files recorded no Failed result in variable validation (3.02.05),
    /// template validation (3.03.02) and rendering (3.03.03). A file edited after that run makes the inventory
    /// unvalidated again, and the verdict names it.
    /// </summary>
    public static class DeployGate
    {
        public static readonly IReadOnlyList<string> RequiredTasks = new[] { SeedTask.ValidateVariables, SeedTask.ValidateTemplates, SeedTask.RenderTemplates };

        /// <summary>Validated by results of the current run (the pipeline's own phases), when they cover every required task.</summary>
        public static DeployGateVerdict? FromResults(IReadOnlyCollection<HxCheckResult> results)
        {
            if (RequiredTasks.Any(task => !results.Any(r => r.Task == task))) return null;
            var failed = RequiredTasks.FirstOrDefault(task => results.Any(r => r.Task == task && r.Status == HxStatus.Failed));
            return failed == null
                ? new DeployGateVerdict(true, "validated in this run (TASK-" + string.Join(", TASK-", RequiredTasks) + " without failures)", null)
                : new DeployGateVerdict(false, "TASK-" + failed + " failed in this run", null);
        }

        /// <summary>The verdict of the run manifests under <paramref name="evidenceRoot"/> for <paramref name="inventoryPath"/>.</summary>
        public static DeployGateVerdict FromManifests(string evidenceRoot, string inventoryPath)
        {
            var inventory = Path.GetFullPath(inventoryPath);
            var manifests = Directory.Exists(evidenceRoot)
                ? Directory.GetFiles(evidenceRoot, EvidenceStore.ManifestPrefix + "*.json").OrderByDescending(f => Path.GetFileName(f),
                    StringComparer.Ordinal).ToList()
                : new List<string>();
            string? firstChanged = null;
            foreach (var manifestPath in manifests)
            {
                if (!(Read(manifestPath) is IDictionary<object, object?> manifest)) continue;
                var parameters = manifest.TryGetValue("parameters", out var p) ? p as IDictionary<object, object?> : null;
                if (parameters == null || Text(parameters, "inventory") != inventory) continue;
                var recorded = (manifest.TryGetValue("inputs", out var i) ? i as IEnumerable<object?> : null)?
                    .OfType<IDictionary<object, object?>>().Select(e => new KeyValuePair<string, string>(Text(e, "path") ?? "", Text(e, "sha256")
                        ?? "")).ToList()
                    ?? new List<KeyValuePair<string, string>>();
                var today = InputHashes.Of(inventory, Text(parameters, "role"), Text(parameters, "settings"));
                var changed = FirstDifference(recorded, today);
                if (changed != null)
                {
                    firstChanged ??= changed;
                    continue;
                }
                var name = Path.GetFileName(manifestPath);
                var tasks = manifest.TryGetValue("tasks", out var t) ? t as IDictionary<object, object?> : null;
                foreach (var task in RequiredTasks)
                {
                    var counts = tasks != null && tasks.TryGetValue("TASK-" + task, out var c) ? c as IDictionary<object, object?> : null;
                    if (counts == null)
                    {
                        return new DeployGateVerdict(false, name + " (the newest validation of today's files) did not run TASK-" + task + " ("
                            + SeedTask.RequirementOf(task) +
                            "); run Invoke-HxLiteLLMPipeline -Phase Inventory,RoleValidation", inventory);
                    }
                    if (counts.TryGetValue("failed", out var f) && f is long failedCount && failedCount > 0)
                    {
                        return new DeployGateVerdict(false, name + " (the newest validation of today's files) recorded "
                            + ReportText.Count((int)failedCount, "failed result") +
                            " in TASK-" + task + "; fix them and validate again", inventory);
                    }
                }
                return new DeployGateVerdict(true, "validated by " + manifestPath, null);
            }
            if (firstChanged != null)
            {
                return new DeployGateVerdict(false, firstChanged
                    + " changed after the last validation run; run Invoke-HxLiteLLMPipeline -Phase Inventory,RoleValidation again", firstChanged);
            }
            return new DeployGateVerdict(false, inventory + " has no validation run under " + evidenceRoot
                + "; run Invoke-HxLiteLLMPipeline -Phase Inventory,RoleValidation first", inventory);
        }

        /// <summary>The first file (by path) that is new, gone or different; null when both sets are equal.</summary>
        private static string? FirstDifference(IReadOnlyList<KeyValuePair<string, string>> recorded, IReadOnlyList<KeyValuePair<string, string>> today)
        {
            var before = recorded.GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            var now = today.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            return before.Keys.Union(now.Keys, StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal)
                .FirstOrDefault(path => !before.TryGetValue(path, out var a) || !now.TryGetValue(path, out var b) || a != b);
        }

        private static object? Read(string path)
        {
            // An unreadable or torn manifest validates nothing; the next older one may.
            try
            {
                return PyJsonReader.TryParse(File.ReadAllText(path), false, out var value) ? value : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static string? Text(IDictionary<object, object?> data, string key) =>
            data.TryGetValue(key, out var value) && value is string s ? s : null;
    }
}
