using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Inventory
{
    /// <summary>
    /// <para type="synopsis">Adds the LiteLLM group and its hosts to an Ansible INI inventory.</para>
    /// <para type="description">Every other line, comment and byte of the file stays as it was. Before a change the file is
    /// backed up the way Ansible's backup option names backups, then written atomically. Running it again with the same
    /// input changes nothing and makes no backup. Secrets are refused: they belong in a vault. Seed task 3.02.01.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Add-HxLiteLLMGroup -InventoryPath ./inventory/hosts.ini -HostName gw1.hx.test, gw2.hx.test -ParentGroup ai -PassThru</code>
    ///   <para>Adds [litellm] with two hosts and lists it under [ai:children]; returns what changed and where the backup is.</para>
    /// </example>
    /// <example>
    ///   <code>Import-Csv gateways.csv | Add-HxLiteLLMGroup -InventoryPath ./inventory/hosts.ini -HostVars @{ ansible_user = 'deploy' } -WhatIf</code>
    ///   <para>Shows what would be added for every Name in the CSV without writing anything.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Add, "HxLiteLLMGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class AddHxLiteLLMGroupCommand : HxCmdlet
    {
        private readonly List<string> _hosts = new List<string>();

        /// <summary><para type="description">The INI inventory file (YAML inventories are refused); -Force creates it when it does not exist. Default: the inventory of ansible.cfg or ANSIBLE_INVENTORY, as ansible-inventory finds it.</para></summary>
        [Parameter(Position = 0)]
        [Alias("Path")]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">Hosts to put in the group (names or addresses); binds the Name of Get-HxInventory output or CSV rows.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "ComputerName")]
        public string[] HostName { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">Name of the group (default litellm).</para></summary>
        [Parameter]
        [Alias("GroupName")]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">Inline variables set on every added host line (e.g. @{ ansible_user = 'deploy' }).</para></summary>
        [Parameter]
        public IDictionary? HostVars { get; set; }

        /// <summary><para type="description">A group that gets the new group as a child ([parent:children]).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string? ParentGroup { get; set; }

        /// <summary><para type="description">Where to put the backup instead of Ansible's &lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~ name.</para></summary>
        [Parameter]
        public string? BackupPath { get; set; }

        /// <summary><para type="description">Create the inventory when the file does not exist (without it, a missing file is an error: a typo must not make a new inventory).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Return the change object.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => _hosts.AddRange(HostName);

        protected override void EndProcessing()
        {
            var path = InventoryPath ?? "ansible.cfg";
            try
            {
                path = InventoryOrConfigured(InventoryPath);
                var vars = new Dictionary<string, object?>();
                if (HostVars != null)
                {
                    foreach (DictionaryEntry e in HostVars)
                    {
                        vars[Convert.ToString(e.Key) ?? ""] = PowerShellValues.ToValue(e.Value);
                    }
                }
                var outcome = AddGroupStep.Run(NewStepContext(new SecretRedactor(), null), new AddGroupRequest(path, Group, _hosts)
                {
                    HostVars = vars,
                    ParentGroup = ParentGroup,
                    BackupPath = BackupPath == null ? null : ResolvePath(BackupPath),
                    CreateMissing = Force,
                });
                if (PassThru) WriteObject(outcome.Changes, true);
            }
            catch (HxException error)
            {
                ThrowHxError(error, path);
            }
        }
    }
}
