using System;
using System.Collections.Generic;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Deploy
{
    /// <summary>One ansible-playbook run in Ansible's own vocabulary, plus how it is started and stopped.</summary>
    public sealed class AnsiblePlaybookOptions
    {
        public AnsiblePlaybookOptions(string playbookPath, string ansiblePlaybookPath, string supportFolder, string workingDirectory)
        {
            PlaybookPath = playbookPath;
            AnsiblePlaybookPath = ansiblePlaybookPath;
            SupportFolder = supportFolder;
            WorkingDirectory = workingDirectory;
        }

        public string PlaybookPath { get; }
        /// <summary>The ansible-playbook executable (see <see cref="AnsiblePlaybookCommandLine.Locate"/>).</summary>
        public string AnsiblePlaybookPath { get; }
        /// <summary>The module's ansible folder: hx_supervise.py and callback_plugins/hxlitellm_events.py.</summary>
        public string SupportFolder { get; }
        /// <summary>Where ansible-playbook runs (the PowerShell location), so ansible.cfg is found as the user expects.</summary>
        public string WorkingDirectory { get; }
        /// <summary>-i; null leaves the inventory to ansible.cfg, as ansible-playbook does.</summary>
        public string? InventoryPath { get; set; }
        public IReadOnlyList<string> Limit { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> SkipTags { get; set; } = Array.Empty<string>();
        public bool Check { get; set; }
        public bool Diff { get; set; }
        public int? Forks { get; set; }
        /// <summary>Extra variables as one JSON object; handed to the supervisor on its stdin, never on a command line.</summary>
        public string? ExtraVariablesJson { get; set; }
        /// <summary>Every vault password of the run: each is masked in all output.</summary>
        public IReadOnlyList<VaultSecret> VaultSecrets { get; set; } = Array.Empty<VaultSecret>();
        /// <summary>Whether <see cref="VaultSecrets"/> go to ansible-playbook as inherited pipes; false when they came from ansible.cfg, which it reads
        /// itself.</summary>
        public bool HandOverVaultSecrets { get; set; }
        /// <summary>The whole run stops (as Ctrl+C does) after this long; null for no limit.</summary>
        public TimeSpan? Timeout { get; set; }
        /// <summary>From SIGINT to SIGKILL of the process group when a run is stopped.</summary>
        public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>The callback plugin path ansible-playbook would use (ansible.cfg's callback_plugins); ours is appended.</summary>
        public IReadOnlyList<string> CallbackPlugins { get; set; } = Array.Empty<string>();
    }
}
