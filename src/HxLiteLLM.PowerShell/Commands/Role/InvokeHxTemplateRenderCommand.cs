using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Evidence;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Renders a role's Jinja2 templates for one host, byte for byte as Ansible's template module would.</para>
    /// <para type="description">Variables are resolved as a play applying the role sees them, low to high: role defaults, inventory group
    /// vars and group_vars, host vars and host_vars, role vars, then -Variable as extra vars; vault values are decrypted and variables
    /// that hold templates ("{{ litellm_install_dir }}/venv") are templated lazily, as Ansible does. Each output file is written
    /// atomically; a file holding a vault-sourced value (the env file with the master key) gets mode 0600, others follow the umask.
    /// A redacted copy of every rendered file goes to the evidence folder: secrets never land in evidence.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Invoke-HxTemplateRender -Path ./roles/litellm -OutputPath ./rendered -InventoryPath ./inventory/hosts.ini -HostName localhost</code>
    ///   <para>Renders the config, env file and systemd unit of the bundled role for localhost into ./rendered (vault password from ANSIBLE_VAULT_PASSWORD_FILE).</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxTemplateRender -Path ./roles/litellm/templates/litellm.config.yaml.j2 -OutputPath /tmp/out -InventoryPath ./inventory/hosts.ini -HostName gw1 -Variable @{ litellm_port = 4001 } -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Renders one template with an extra variable overriding the inventory.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "HxTemplateRender", SupportsShouldProcess = true)]
    [OutputType(typeof(RenderedTemplate))]
    public sealed class InvokeHxTemplateRenderCommand : RoleTemplateCommandBase
    {
        /// <summary><para type="description">Folder the rendered files go to (created when missing); each is named as its template without .j2.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        public string OutputPath { get; set; } = "";

        /// <summary><para type="description">Root of the evidence trail (default: .evidence beside the inventory, else in the current directory).</para></summary>
        [Parameter]
        public string? EvidencePath { get; set; }

        protected override void EndProcessing()
        {
            if (Templates.Count == 0) return;
            var redactor = new SecretRedactor();
            var inventory = InventoryPath == null ? null : ResolvePath(InventoryPath);
            HostVariables variables;
            try
            {
                variables = LoadVariables(redactor);
            }
            catch (HxException error)
            {
                ThrowHxError(error, inventory);
                return;
            }
            var evidenceRoot = EvidencePath != null ? ResolvePath(EvidencePath)
                : System.IO.Path.Combine(inventory != null ? System.IO.Path.GetDirectoryName(inventory)! : ResolvePath("."), ".evidence");
            var evidence = new EvidenceStore(evidenceRoot, redactor);
            var renderer = new TemplateRenderer(variables, RenderOptions);
            var output = ResolvePath(OutputPath);
            var rendered = new List<RenderedTemplate>();
            foreach (var template in Templates)
            {
                Cancellation.ThrowIfCancellationRequested();
                try
                {
                    var target = System.IO.Path.Combine(output, template.OutputName);
                    var write = ShouldProcess(target, "Render " + template.Name);
                    var result = renderer.Render(template, output, write ? evidence : null, write);
                    if (write) rendered.Add(result);
                    WriteObject(result);
                }
                catch (HxException error)
                {
                    WriteHxError(error, template.Path);
                }
                catch (IOException error)
                {
                    WriteHxError(new HxException("RenderIOError", template.Path + ": " + error.Message, template.Path, 0, 0, error), template.Path);
                }
            }
            if (rendered.Count > 0) evidence.WriteText(EvidenceArea.RoleValidation, "rendered/manifest.json", TemplateRenderer.ManifestJson(rendered));
        }
    }
}
