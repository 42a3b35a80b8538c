using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Deploy
{
    /// <summary>One deploy of the gateway group and its smoke test, as Deploy-HxLiteLLM and the pipeline's Deploy phase ask for it.</summary>
    public sealed class DeployRequest
    {
        public DeployRequest(string inventoryPath, string playbookPath, string ansiblePlaybookPath, string supportFolder, string workingDirectory)
        {
            InventoryPath = inventoryPath;
            PlaybookPath = playbookPath;
            AnsiblePlaybookPath = ansiblePlaybookPath;
            SupportFolder = supportFolder;
            WorkingDirectory = workingDirectory;
        }

        public string InventoryPath { get; }
        /// <summary>The deploy playbook (the seed's litellm_enforce.yml).</summary>
        public string PlaybookPath { get; }
        public string AnsiblePlaybookPath { get; }
        /// <summary>The module's ansible folder (supervisor and callback plugin).</summary>
        public string SupportFolder { get; }
        public string WorkingDirectory { get; }
        public string Group { get; set; } = "litellm";
        /// <summary>--limit; empty deploys every host the playbook targets.</summary>
        public IReadOnlyList<string> Limit { get; set; } = Array.Empty<string>();
        /// <summary>The smoke-test playbook (litellm_smoke_test.yml); null when there is none.</summary>
        public string? SmokeTestPlaybookPath { get; set; }
        /// <summary>The gateway address to probe instead of the one the inventory gives each host.</summary>
        public Uri? EndpointUri { get; set; }
        /// <summary>How long the endpoint probe retries until the gateway answers.</summary>
        public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromMinutes(2);
        /// <summary>Extra variables (-e) of both playbooks; the endpoint probe sees them too (litellm_port, litellm_bind_host).</summary>
        public IDictionary<object, object?>? ExtraVariables { get; set; }
        public bool Check { get; set; }
        public bool Diff { get; set; }
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = Array.Empty<VaultSecret>();
        /// <summary>Whether the vault secrets go to ansible-playbook as pipes (false when ansible.cfg names them and it reads them itself).</summary>
        public bool HandOverVaultSecrets { get; set; }
        public IReadOnlyList<string> CallbackPlugins { get; set; } = Array.Empty<string>();
        /// <summary>Where the validation run manifests are (the evidence root).</summary>
        public string EvidenceRoot { get; set; } = "";
        /// <summary>Deploy although the inventory is not validated; the evidence records it.</summary>
        public bool Force { get; set; }
        /// <summary>The gate's verdict when the caller validated in the same run (the pipeline); null reads the run manifests.</summary>
        public DeployGateVerdict? ValidatedInRun { get; set; }
    }

    /// <summary>
    /// Where the seed's playbooks are when not given: in the project root, then in the inventory's folder and each folder above
    /// it, the first &lt;folder&gt;/&lt;name&gt; or &lt;folder&gt;/playbooks/Lite-LLM/&lt;name&gt; that exists (examples/hx-dev keeps them
    /// beside inventory/, the seed's layout under playbooks/Lite-LLM/).
    /// </summary>
    public static class DeployPlaybooks
    {
        public const string Enforce = "litellm_enforce.yml";
        public const string SmokeTest = "litellm_smoke_test.yml";
        public static readonly string SeedFolder = Path.Combine("playbooks", "Lite-LLM");

        /// <summary>The first match of the rule above; null when there is none.</summary>
        public static string? Find(string name, string projectRoot, string inventoryPath) =>
            Folders(projectRoot, inventoryPath)
                .SelectMany(folder => new[] { Path.Combine(folder, name), Path.Combine(folder, SeedFolder, name) })
                .FirstOrDefault(File.Exists);

        /// <summary>Where <see cref="Find"/> looks, for the error that says it found nothing.</summary>
        public static IEnumerable<string> Folders(string projectRoot, string inventoryPath)
        {
            yield return Path.GetFullPath(projectRoot);
            var inventory = Path.GetFullPath(inventoryPath);
            var folder = Directory.Exists(inventory) ? inventory : Path.GetDirectoryName(inventory);
            while (!string.IsNullOrEmpty(folder))
            {
                yield return folder!;
                folder = Path.GetDirectoryName(folder);
            }
        }
    }
}
