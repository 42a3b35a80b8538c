using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;
using HxLiteLLM.Templating;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// What Test-HxTemplate and Invoke-HxTemplateRender share: the templates (a role, a folder or .j2 files, from the
    /// pipeline too) and the variables a host would have, from an inventory, extra variables and the vault.
    /// </summary>
    public abstract class RoleTemplateCommandBase : HxCmdlet
    {
        /// <summary>The templates found in every -Path given so far.</summary>
        protected List<TemplateFile> Templates { get; } = new List<TemplateFile>();

        /// <summary><para type="description">A role, a folder of templates or .j2 files; binds FullName of Get-ChildItem output.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">Inventory whose host variables the templates use; with -HostName and without it, the inventory of ansible.cfg or ANSIBLE_INVENTORY (as ansible-playbook finds it).</para></summary>
        [Parameter]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">The playbook folder whose group_vars/ and host_vars/ apply after those beside the inventory, as ansible's --playbook-dir (default: ansible.cfg's playbook_dir, else the current folder, as Ansible).</para></summary>
        [Parameter]
        public string? PlaybookDirectory { get; set; }

        /// <summary><para type="description">The inventory hosts whose variables apply (needed with -InventoryPath); each host is checked or rendered with its own variables. A host the inventory lacks, or an inventory that parsed no source, stops the command with an error naming it and the closest host.</para></summary>
        [Parameter]
        [Alias("Name")]
        public string[]? HostName { get; set; }

        /// <summary><para type="description">Extra variables, as ansible's -e: they win over every other source.</para></summary>
        [Parameter]
        public IDictionary? Variable { get; set; }

        /// <summary><para type="description">Gathered facts: a folder of Ansible's jsonfile fact cache (one file per host name, as fact_caching_connection) or a file of the setup module's JSON ({"ansible_facts": {...}}, as ansible -m setup --tree writes), at most 16 MiB a file. The facts appear as ansible_facts[...] and, as Ansible's INJECT_FACTS_AS_VARS default does, as ansible_* variables; -Variable still wins.</para></summary>
        [Parameter]
        public string? FactsPath { get; set; }

        /// <summary><para type="description">Password of the vault (encrypted vars files and inline !vault values).</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">File holding the vault password; ANSIBLE_VAULT_PASSWORD_FILE is used when neither vault parameter is given.</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        /// <summary><para type="description">Lets the lookups that run commands on this machine (pipe, lines) run; without it they fail the render with a clear error.</para></summary>
        [Parameter]
        public SwitchParameter AllowCommandLookup { get; set; }

        /// <summary><para type="description">Lets the password lookup run, which creates a missing password file (mode 0600) on this machine, also under -WhatIf as in Ansible's check mode; without it the render fails with a clear error.</para></summary>
        [Parameter]
        public SwitchParameter AllowFileWritingLookup { get; set; }

        /// <summary>The template module's options, with the lookups this invocation allows; the config lookup reads the ansible.cfg the cmdlets read.</summary>
        protected TemplateOptions RenderOptions
            => new TemplateOptions { AllowCommandLookups = AllowCommandLookup.IsPresent, AllowFileWritingLookups = AllowFileWritingLookup.IsPresent,
            AnsibleConfig = AnsibleConfig };

        protected override void ProcessRecord()
        {
            foreach (var p in Path)
            {
                var full = ResolvePath(p);
                try
                {
                    Templates.AddRange(TemplateFile.Find(full));
                }
                catch (HxException error)
                {
                    WriteHxError(error, full);
                }
            }
        }

        /// <summary><para type="description">Root of the evidence trail; default .evidence in the Ansible project root: the folder of the ansible.cfg Ansible uses when it is the project's (ANSIBLE_CONFIG or ./ansible.cfg), else the current directory. The inventory path never decides it.</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        /// <summary>
        /// Each host's variables as Ansible would resolve them for these templates (one unnamed host for -Variable alone, none
        /// without variables); vault values registered with the redactor.
        /// </summary>
        protected IReadOnlyList<TemplateHost> LoadHosts(SecretRedactor redactor)
        {
            var hostsNamed = HostName != null && HostName.Length > 0;
            var inventory = InventoryPath != null ? ResolvePath(InventoryPath) : hostsNamed ? AnsibleConfig.SingleInventory : null;
            if (inventory == null && Variable == null && FactsPath == null) return Array.Empty<TemplateHost>();
            var secrets = ResolveVaultSecrets(VaultPassword, VaultPasswordFile);
            var names = hostsNamed ? HostName! : new string?[] { null };
            var selected = new HashSet<string>(names.OfType<string>(), StringComparer.Ordinal);
            // The play context's connection defaults come from ansible.cfg; a host comes only with an inventory.
            var config = inventory == null ? null : AnsibleConfig;
            return names.Select(name => new TemplateHost(name ?? "",
                RoleVariableInput.Load(Templates, inventory, name, selected, Variable, FactsPath == null ? null : ResolvePath(FactsPath),
                PlaybookFolder(PlaybookDirectory), secrets, config, redactor))).ToList();
        }
    }
}
