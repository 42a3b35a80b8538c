using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.IO;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.PowerShell.Commands.Inventory
{
    /// <summary>
    /// <para type="synopsis">Writes non-secret variables of a group into its group_vars file, keeping everything else in it.</para>
    /// <para type="description">Writes into the file Ansible reads for the group: the first existing of group_vars/&lt;group&gt;,
    /// &lt;group&gt;.yml, &lt;group&gt;.yaml, &lt;group&gt;.json, or the directory group_vars/&lt;group&gt;/ (then main.yml or -FileName inside it);
    /// group_vars/&lt;group&gt;.yml when there is none. Top-level variables given are replaced or added, written as PyYAML writes
    /// them, so types survive (int, bool, lists, mappings, strings such as 'yes' or '0755'); other variables, comments, order,
    /// BOM and line ends are kept. The old file is backed up the Ansible way and the new one written atomically under a lock;
    /// when nothing changes nothing is written. Values that look like secrets are refused (use Set-HxVaultSecret), and so is
    /// a vault-encrypted target file.</para>
    /// </summary>
    /// <example>
    ///   <code>Set-HxGroupVars -InventoryPath ./inventory/hosts.ini -Group litellm -Variable ([ordered]@{ litellm_bind_host = '0.0.0.0'; litellm_port = 4000 }) -PassThru</code>
    ///   <para>Sets the bind address and port of the litellm group in group_vars/litellm.yml and returns what changed.</para>
    /// </example>
    /// <example>
    ///   <code>Set-HxGroupVars -InventoryPath ./inventory/hosts.ini -Group litellm -FileName litellm.yml -Variable @{ litellm_models = @(@{ model_name = 'llama3-8b'; backend = 'ollama'; model = 'ollama_chat/llama3:8b' }) } -WhatIf</code>
    ///   <para>Shows which file of the directory form group_vars/litellm/ would get the model list, without writing.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "HxGroupVars", SupportsShouldProcess = true)]
    [OutputType(typeof(HxFileChange))]
    public sealed class SetHxGroupVarsCommand : HxCmdlet
    {
        /// <summary><para type="description">The inventory (file or directory) whose group_vars folder is written.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Path")]
        public string InventoryPath { get; set; } = "";

        /// <summary><para type="description">The group whose variables are set (default litellm).</para></summary>
        [Parameter(Position = 1)]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">The variables to set: top-level names and values (strings, numbers, booleans, lists, hashtables).</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public IDictionary Variable { get; set; } = new Hashtable();

        /// <summary><para type="description">The file to write inside the directory form group_vars/&lt;group&gt;/ (default main.yml); giving it creates that form.</para></summary>
        [Parameter]
        public string? FileName { get; set; }

        /// <summary><para type="description">Where to put the backup instead of Ansible's &lt;file&gt;.&lt;pid&gt;.&lt;date&gt;~ name.</para></summary>
        [Parameter]
        public string? BackupPath { get; set; }

        /// <summary><para type="description">Return the change object.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var inventory = ResolvePath(InventoryPath);
            string? target = null;
            try
            {
                var variables = ToVariables(Variable);
                var location = GroupVarsTarget.Resolve(GroupVarsTarget.GroupVarsDirectoryOf(inventory), Group, FileName);
                target = location.Path;
                WarnWhenGroupUnknown(inventory);
                using (FileLock.Acquire(target, TimeSpan.FromSeconds(30), Cancellation))
                {
                    var exists = File.Exists(target);
                    var edit = GroupVarsDocument.SetVariables(exists ? FileText.ReadUtf8(target) : "", variables, target);
                    var change = new HxFileChange(target, "SetGroupVars")
                    {
                        Item = Group,
                        Added = new HxNameList(edit.Added),
                        Updated = new HxNameList(edit.Updated),
                        Changed = edit.Changed,
                    };
                    WarnWhenOverridden(location, variables.Select(v => v.Key));
                    if (edit.Changed)
                    {
                        var what = "Set " + string.Join(", ", edit.Added.Concat(edit.Updated)) + " of group '" + Group + "'";
                        if (ShouldProcess(target, what))
                        {
                            if (exists) change.BackupPath = AnsibleBackup.Create(target, BackupPath == null ? null : ResolvePath(BackupPath));
                            AtomicFile.WriteAllText(target, edit.Content);
                            WriteVerbose("Wrote " + target + " (" + what + ")");
                        }
                        else
                        {
                            change.WhatIf = true;
                        }
                    }
                    else
                    {
                        WriteVerbose(target + " already holds these values; nothing written.");
                    }
                    if (PassThru) WriteObject(change);
                }
            }
            catch (HxException error)
            {
                ThrowHxError(error, target ?? inventory);
            }
        }

        private List<KeyValuePair<string, object?>> ToVariables(IDictionary dictionary)
        {
            var variables = new List<KeyValuePair<string, object?>>();
            foreach (DictionaryEntry e in dictionary)
            {
                var name = Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (!PlainVariables.IsValidName(name))
                {
                    throw new HxException("InvalidVariableName",
                        "'" + name + "' is not a valid Ansible variable name: use letters, digits and '_', not starting with a digit, not a Python keyword.");
                }
                object? value;
                try
                {
                    value = PowerShellValues.ToValue(e.Value);
                }
                catch (ArgumentException)
                {
                    throw SecretRefused(name, "it is a SecureString");
                }
                var secret = PlainVariables.FindSecret(name, value);
                if (secret != null) throw SecretRefused(secret.Value.Where, secret.Value.Reason);
                variables.Add(new KeyValuePair<string, object?>(name, value));
            }
            return variables;
        }

        private HxException SecretRefused(string where, string reason) =>
            new HxException("SecretInPlainVars",
                "Refusing to write '" + where + "' into the plain group_vars of '" + Group + "': " + reason +
                ". Keep it in a vault: Set-HxVaultSecret -Path group_vars/" + Group + "/vault.yml -Name <name> -Value <SecureString>, or Protect-HxVaultString for an inline value.");

        private void WarnWhenGroupUnknown(string inventory)
        {
            if (Group == "all" || !File.Exists(inventory) && !Directory.Exists(inventory)) return;
            try
            {
                if (InventoryLoader.Load(inventory).GetGroup(Group) == null)
                {
                    WriteWarning("The inventory " + inventory + " has no group '" + Group + "': Ansible ignores group_vars of groups that do not exist.");
                }
            }
            catch (HxException)
            {
                // The inventory cannot be read as is (e.g. a vaulted file without a password); that is not this cmdlet's check.
            }
        }

        private void WarnWhenOverridden(GroupVarsTarget location, IEnumerable<string> names)
        {
            var wanted = new HashSet<string>(names, StringComparer.Ordinal);
            foreach (var later in location.FilesReadAfter())
            {
                if (VaultEnvelope.IsEncryptedFile(later)) continue;
                try
                {
                    if (AnsibleYamlReader.LoadFile(later) is IDictionary<object, object?> vars)
                    {
                        var overridden = vars.Keys.OfType<string>().Where(wanted.Contains).ToList();
                        if (overridden.Count > 0)
                        {
                            WriteWarning(later + " is read after " + location.Path + " and sets " + string.Join(", ", overridden) + " too: its values win.");
                        }
                    }
                }
                catch (AnsibleYamlException)
                {
                    WriteWarning(later + " is read after " + location.Path + " but is not valid YAML; ansible-inventory will fail on it.");
                }
            }
        }
    }
}
