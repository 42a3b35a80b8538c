using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Values;

namespace HxLiteLLM.Pipeline
{
    /// <summary>
    /// The run manifest beside the orchestration log (run_manifest_&lt;stamp&gt;.json): who ran what where, with which module
    /// version and parameters (never a secret), the SHA-256 of every input file as it was when the run started, every file
    /// change and the counts per seed task. What an auditor needs to tie the evidence to its inputs.
    /// </summary>
    public static class RunManifestWriter
    {
        /// <summary>Path and SHA-256 of every input file: the inventory, its group_vars/host_vars, the role and the settings file.</summary>
        public static List<KeyValuePair<string, string>> HashInputs(PipelineOptions options) =>
            InputHashes.Of(options.InventoryPath, options.RolePath, options.SettingsPath);

        public static string Write(EvidenceStore evidence, PipelineOptions options, IReadOnlyList<KeyValuePair<string, string>> inputs,
            IReadOnlyList<HxFileChange> changes, IReadOnlyList<HxCheckResult> results)
        {
            var manifest = new PyDict
            {
                ["stamp"] = evidence.Stamp,
                ["command"] = "Invoke-HxLiteLLMPipeline",
                ["module_version"] = typeof(RunManifestWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
                ["user"] = Environment.UserName,
                ["machine"] = Environment.MachineName,
                ["working_directory"] = Environment.CurrentDirectory,
                ["parameters"] = ToPy(options.ManifestParameters),
                ["inputs"] = inputs.Select(i => (object?)new PyDict { ["path"] = i.Key, ["sha256"] = i.Value }).ToList(),
                ["changes"] = changes.Select(c => (object?)new PyDict
                {
                    ["path"] = c.Path, ["action"] = c.Action, ["item"] = c.Item, ["changed"] = c.Changed, ["whatif"] = c.WhatIf, ["backup"] = c.BackupPath,
                }).ToList(),
                ["tasks"] = ToPy(results.Where(r => r.Task.Length > 0).GroupBy(r => r.Task).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => (object)("TASK-" + g.Key), g => (object?)new PyDict
                    {
                        ["requirement"] = SeedTask.RequirementOf(g.Key),
                        ["passed"] = (long)g.Count(r => r.Status == HxStatus.Passed),
                        ["failed"] = (long)g.Count(r => r.Status == HxStatus.Failed),
                        ["warning"] = (long)g.Count(r => r.Status == HxStatus.Warning),
                        ["skipped"] = (long)g.Count(r => r.Status == HxStatus.Skipped),
                    })),
                // The seed's next steps (Deploy, SmokeTest, Endpoint) carry no task id: their counts per phase, and each host's recap.
                ["next_steps"] = ToPy(results.Where(r => r.Task.Length == 0).GroupBy(r => r.Phase).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => (object)g.Key, g => (object?)new PyDict
                    {
                        ["passed"] = (long)g.Count(r => r.Status == HxStatus.Passed),
                        ["failed"] = (long)g.Count(r => r.Status == HxStatus.Failed),
                        ["warning"] = (long)g.Count(r => r.Status == HxStatus.Warning),
                        ["skipped"] = (long)g.Count(r => r.Status == HxStatus.Skipped),
                        ["recap"] = g.Where(r => r.Check == "PLAY RECAP").Select(r => (object?)(r.Target + ": " + r.Message)).ToList(),
                    })),
            };
            var text = PyJson.Dumps(manifest, new PyJsonOptions { Indent = 2, EnsureAscii = false }) + "\n";
            var path = Path.Combine(OwnedFolder.Ensure(evidence.Root), EvidenceStore.ManifestPrefix + evidence.Stamp + ".json");
            AtomicFile.WriteAllText(path, evidence.Redactor.Redact(text));
            return path;
        }

        private static PyDict ToPy<TKey>(IDictionary<TKey, object?> values) where TKey : notnull
        {
            var dict = new PyDict();
            foreach (var kv in values) dict[kv.Key] = kv.Value;
            return dict;
        }
    }
}
