using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using HxLiteLLM.Inventory;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>
    /// Completes names from the inventory named by an already bound -Path or -InventoryPath. An inventory that cannot
    /// be read (syntax error) simply offers nothing: completion never throws or prompts.
    /// </summary>
    public abstract class InventoryNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var path = (fakeBoundParameters["InventoryPath"] ?? fakeBoundParameters["Path"]) as string;
            if (string.IsNullOrEmpty(path)) return Array.Empty<CompletionResult>();
            var prefix = wordToComplete.Trim('\'', '"');
            try
            {
                var full = Path.GetFullPath(path);
                if (!File.Exists(full) && !Directory.Exists(full)) return Array.Empty<CompletionResult>();
                // Names only: vaulted vars files are read as empty instead of asking for a password.
                var model = InventoryLoader.Load(full, new InventoryLoadOptions { DecryptVaultFile = (_, _) => "" });
                return Names(model)
                    .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Distinct()
                    .Select(n => new CompletionResult(n.IndexOfAny(new[] { ' ', '\'', '$', '`' }) >= 0 ? "'" + n.Replace("'", "''") + "'" : n, n,
                        CompletionResultType.ParameterValue, n))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        protected abstract IEnumerable<string> Names(InventoryModel model);
    }

    public sealed class InventoryHostCompleter : InventoryNameCompleter
    {
        protected override IEnumerable<string> Names(InventoryModel model) => model.Hosts.Select(h => h.Name);
    }

    public sealed class InventoryGroupCompleter : InventoryNameCompleter
    {
        protected override IEnumerable<string> Names(InventoryModel model) =>
            model.Groups.Select(g => g.Name).Where(n => n != "all" && n != "ungrouped");
    }
}
