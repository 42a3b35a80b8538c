using System.Collections.Generic;
using HxLiteLLM.Checks;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Pipeline
{
    /// <summary>The phases, in the playbooks' order; Deploy and SmokeTest (the seed's next steps) run only when asked for.</summary>
    public enum PipelinePhase
    {
        Preflight,
        Inventory,
        RoleValidation,
        Deploy,
        SmokeTest,
    }

    /// <summary>Everything one run of the pipeline needs, from parameters and the optional hxlitellm.yml.</summary>
    public sealed class PipelineOptions
    {
        public PipelineOptions(string inventoryPath)
        {
            InventoryPath = inventoryPath;
        }

        public string InventoryPath { get; }
        public string Group { get; set; } = "litellm";
        /// <summary>The Ansible role to validate; null skips the role checks with a Failed result naming the parameter.</summary>
        public string? RolePath { get; set; }
        public string EvidencePath { get; set; } = "";
        /// <summary>JUnit XML file the run writes its results to; null for none.</summary>
        public string? JUnitPath { get; set; }
        /// <summary>Folder the real (unredacted) rendered files go to, one subfolder per host.</summary>
        public string RenderPath { get; set; } = "";
        /// <summary>What a run does when no phase is named: validation only, never a deploy.</summary>
        public static readonly IReadOnlyList<PipelinePhase> DefaultPhases = new[] { PipelinePhase.Preflight, PipelinePhase.Inventory,
            PipelinePhase.RoleValidation };

        /// <summary>Phases that run only when named (-Phase, -Deploy, settings): they change the targets.</summary>
        public static bool IsOptIn(PipelinePhase phase) => phase == PipelinePhase.Deploy || phase == PipelinePhase.SmokeTest;

        public IList<PipelinePhase> Phases { get; set; } = new List<PipelinePhase>(DefaultPhases);
        /// <summary>The deploy and its smoke test (Deploy, SmokeTest phases); null when neither phase was asked for.</summary>
        public Deploy.DeployRequest? Deploy { get; set; }
        /// <summary>Start a phase even when the one before it failed (the playbooks' skip_on_failure=true).</summary>
        public bool ContinueOnFailure { get; set; }
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = new List<VaultSecret>();
        /// <summary>Hosts to add to the group (Add-HxLiteLLMGroup); none leaves the group as it is.</summary>
        public IList<string> AddHosts { get; set; } = new List<string>();
        /// <summary>A master key to store in group_vars/&lt;group&gt;/vault.yml (automates the playbooks' manual vault step).</summary>
        public string? MasterKey { get; set; }
        /// <summary>Store <see cref="MasterKey"/> only when the vault has none (a generated key never replaces an existing one).</summary>
        public bool MasterKeyOnlyWhenMissing { get; set; }
        /// <summary>Non-secret variables of the group to set in its group_vars (seed 3.02.02); none leaves group_vars as they are.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> GroupVars { get; set; } = new List<KeyValuePair<string, object?>>();
        /// <summary>Move stray vault files into _quarantine/ (seed 3.02.04); false only reports them.</summary>
        public bool Quarantine { get; set; } = true;
        /// <summary>Create the role's missing folders and stubs (seed 3.03.01); false only checks.</summary>
        public bool CreateRoleStructure { get; set; } = true;
        /// <summary>Lets the role's templates use the lookup that creates files on this machine (password); off, such a template fails to render.</summary>
        public bool AllowFileWritingLookups { get; set; }
        /// <summary>The ansible.cfg (with its ANSIBLE_* variables) the role's templates' config lookup reads; null: the one Ansible would find from the current
        /// directory.</summary>
        public Remote.AnsibleConfig? AnsibleConfig { get; set; }
        /// <summary>The parameters of the run as given (no secrets), for the run manifest.</summary>
        public IDictionary<string, object?> ManifestParameters { get; set; } = new Dictionary<string, object?>();
        /// <summary>The settings file, when one was read (its hash goes into the run manifest).</summary>
        public string? SettingsPath { get; set; }
        public PreflightOptions Preflight { get; set; } = new PreflightOptions();
        /// <summary>Ansible's --limit host pattern narrowing the hosts of every phase (<see cref="InventoryPhase.InventorySelection.Limit"/>); null for
        /// all.</summary>
        public string? Limit { get; set; }
        /// <summary>After the run, keep only this many newest run folders per evidence area (<see cref="Evidence.EvidenceRetention"/>); null keeps
        /// all.</summary>
        public int? KeepLast { get; set; }
        /// <summary>How each host is reached: known_hosts, key, timeouts (applied to every inventory host).</summary>
        public System.Action<Remote.RemoteConnectionOptions>? ConfigureConnection { get; set; }
    }
}
