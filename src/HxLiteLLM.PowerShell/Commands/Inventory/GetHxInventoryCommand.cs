using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.PowerShell.Commands.Inventory
{
    /// <summary>
    /// <para type="synopsis">Reads an Ansible inventory (INI or YAML, with group_vars/ and host_vars/) the way Ansible does.</para>
    /// <para type="description">Emits one object per host with the connection data and merged variables Ansible would use,
    /// ready to pipe into the pre-flight cmdlets; or, with -AsAnsibleJson, the same JSON document as `ansible-inventory --list`.
    /// Vault-encrypted vars files are decrypted with the vault password (as ansible-inventory does), but their values are
    /// shown as ******** in Vars and in the JSON. A -HostName or -Group value that matches no host or group of the inventory is an
    /// error (InventoryHostNotFound, InventoryGroupNotFound) naming the closest one, and a path where there is no inventory is
    /// an InventoryNotFound error: a typo never passes as an empty result.</para>
    /// <para type="outputs">With -AsAnsibleJson, the `ansible-inventory --list` document as one string.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Lists the hosts of the litellm group with their address, port, user and connection.</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>$env:ANSIBLE_VAULT_PASSWORD_FILE = (Resolve-Path ./.vault-pass).Path; Get-HxInventory -InventoryPath ./inventory/hosts.ini -Group litellm | Export-Csv litellm-hosts.csv</code>
    ///   <para>Writes the hosts to CSV; the Vars column holds each host's merged variables as JSON (ANSIBLE_VAULT_PASSWORD_FILE gives the vault password, as for ansible-inventory).</para>
    /// </example>
    /// <example runnable="true">
    ///   <code>Get-HxInventory -InventoryPath ./inventory/hosts.ini -AsAnsibleJson -VaultPasswordFile ./.vault-pass | Set-Content inventory.json</code>
    ///   <para>Writes the same document as `ansible-inventory -i ./inventory/hosts.ini --list`, without Python.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "HxInventory", DefaultParameterSetName = HostsSet)]
    [OutputType(typeof(HxInventoryHost), ParameterSetName = new[] { HostsSet })]
    [OutputType(typeof(string), ParameterSetName = new[] { JsonSet })]
    public sealed class GetHxInventoryCommand : HxCmdlet
    {
        private const string HostsSet = "Hosts";
        private const string JsonSet = "AnsibleJson";

        /// <summary><para type="description">Inventory file or directory, as given to `ansible-inventory -i` (default: the inventory of the user's ansible.cfg or ANSIBLE_INVENTORY, as ansible-inventory finds it).</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName")]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">Only hosts whose name matches one of these wildcard patterns.</para></summary>
        [Parameter(ParameterSetName = HostsSet)]
        [SupportsWildcards]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InventoryHostCompleter))]
        public string[]? HostName { get; set; }

        /// <summary><para type="description">Only hosts in a group (directly or through child groups) matching one of these wildcard patterns.</para></summary>
        [Parameter(ParameterSetName = HostsSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string[]? Group { get; set; }

        /// <summary><para type="description">Write the inventory as one JSON document with the content of `ansible-inventory --list`.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = JsonSet)]
        public SwitchParameter AsAnsibleJson { get; set; }

        /// <summary><para type="description">Password of vault-encrypted group_vars/host_vars files (their values are masked in the output).</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">File holding the vault password, as ansible's --vault-password-file; ANSIBLE_VAULT_PASSWORD_FILE is used when neither vault parameter is given.</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        /// <summary><para type="description">The playbook folder whose group_vars/ and host_vars/ apply after those beside the inventory, as ansible-inventory's --playbook-dir (default: ansible.cfg's playbook_dir, else the current folder, as Ansible).</para></summary>
        [Parameter]
        public string? PlaybookDirectory { get; set; }

        protected override void ProcessRecord()
        {
            var path = InventoryPath ?? "";
            var redactor = new SecretRedactor();
            InventoryModel model;
            try
            {
                path = InventoryOrConfigured(InventoryPath);
                var missing = InventorySelection.MissingSource(path);
                if (missing != null) throw missing;
                model = VaultedInventory.Load(path, ResolveVaultSecrets(VaultPassword, VaultPasswordFile), redactor, PlaybookFolder(PlaybookDirectory));
            }
            catch (HxException error)
            {
                WriteHxError(error, path);
                return;
            }
            WriteSourcesUsed(model.SourcesUsed);
            foreach (var warning in model.Warnings) WriteWarning(warning);
            // Ansible warns "No inventory was parsed" and shows an empty inventory; this says why.
            var noSource = InventorySelection.NoSourceParsed(model, path);
            if (noSource != null) WriteWarning(noSource.Message);

            if (AsAnsibleJson)
            {
                // As one string without the final newline: Set-Content/Out-File add it back, as ansible-inventory prints it.
                WriteObject(redactor.Redact(model.ToAnsibleListJson().TrimEnd('\n')));
                return;
            }
            var names = Patterns(HostName);
            var groups = Patterns(Group);
            ReportUnmatched(HostName, names, model.Hosts.Select(h => h.Name), "host", path);
            ReportUnmatched(Group, groups, model.Groups.Select(g => g.Name), "group", path);
            foreach (var host in model.Hosts)
            {
                if (names != null && !names.Any(p => p.IsMatch(host.Name))) continue;
                if (groups != null)
                {
                    var hostGroups = InventoryHostRecord.GroupNames(host);
                    if (!groups.Any(p => p.IsMatch("all") || hostGroups.Any(p.IsMatch))) continue;
                }
                WriteObject(InventoryHostRecord.From(model, host, path, redactor));
            }
        }

        /// <summary>A -HostName or -Group value that matches nothing is an error of its own, not an empty result.</summary>
        private void ReportUnmatched(string[]? values, List<WildcardPattern>? patterns, IEnumerable<string> names, string kind, string path)
        {
            if (values == null || patterns == null) return;
            var known = names.ToList();
            for (var i = 0; i < values.Length; i++)
            {
                if (!known.Any(patterns[i].IsMatch)) WriteHxError(InventorySelection.NotFound(kind, values[i], known, path), values[i]);
            }
        }

        private static List<WildcardPattern>? Patterns(string[]? values) =>
            values?.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
    }
}
