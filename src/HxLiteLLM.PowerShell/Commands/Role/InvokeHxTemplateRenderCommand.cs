using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Steps;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Renders a role's Jinja2 templates for one host, byte for byte as Ansible's template module would.</para>
    /// <para type="description">Variables are resolved as a play applying the role sees them, low to high: role defaults, inventory group
    /// vars and group_vars, host vars and host_vars, role vars, then -Variable as extra vars; vault values are decrypted and variables
    /// that hold templates ("{{ litellm_install_dir }}/venv") are templated lazily, as Ansible does. Each output file is written
    /// atomically; a file holding a vault-sourced value (the env file with the master key) gets mode 0600, others follow the umask.
    /// A redacted copy of every rendered file goes to the evidence folder (rendered/&lt;host&gt;/) with render_validation_report.txt; the rendered
    /// LiteLLM config and env file are checked (problems as warnings). Several -HostName values render into one folder per host below
    /// -RenderPath. Seed task 3.03.03.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Invoke-HxTemplateRender -Path ./roles/litellm -RenderPath ./rendered -InventoryPath ./inventory/hosts.ini -HostName localhost -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Renders the config, env file and systemd unit of the bundled role for localhost into ./rendered (vault password from ANSIBLE_VAULT_PASSWORD_FILE).</para>
    /// </example>
    /// <example>
    ///   <code>Invoke-HxTemplateRender -Path ./roles/litellm/templates/litellm.config.yaml.j2 -RenderPath /tmp/out -InventoryPath ./inventory/hosts.ini -HostName gw1 -Variable @{ litellm_port = 4001 } -VaultPasswordFile ./.vault-pass</code>
    ///   <para>Renders one template with an extra variable overriding the inventory.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "HxTemplateRender", SupportsShouldProcess = true)]
    [OutputType(typeof(RenderedTemplate))]
    public sealed class InvokeHxTemplateRenderCommand : RoleTemplateCommandBase
    {
        /// <summary><para type="description">Folder the rendered files go to (created when missing); each is named as its template without .j2.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("OutputPath")]
        public string RenderPath { get; set; } = "";

        protected override void EndProcessing()
        {
            if (Templates.Count == 0) return;
            var redactor = new SecretRedactor();
            IReadOnlyList<TemplateHost> hosts;
            try
            {
                hosts = LoadHosts(redactor);
                if (hosts.Count == 0) hosts = new[] { new TemplateHost("",
                    RoleVariableInput.Load(Templates, null, null, Array.Empty<string>(), null, null, null,
                    ResolveVaultSecrets(VaultPassword, VaultPasswordFile), null, redactor)) };
            }
            catch (HxException error)
            {
                ThrowHxError(error, InventoryPath);
                return;
            }
            var output = ResolvePath(RenderPath);
            // One host renders into -RenderPath itself; several get a folder each below it.
            var targets = hosts.Count == 1 ? new[] { new RenderTarget(hosts[0], output) } : hosts.Select(h => RenderTarget.PerHost(output, h)).ToArray();
            var outcome = RenderStep.Run(NewStepContext(redactor, EvidenceRoot(EvidencePath)), Templates, targets, RenderOptions);
            foreach (var failure in outcome.Results.Where(r => r.Check == "Render" && r.Status == HxStatus.Failed))
            {
                WriteHxError(new HxException("TemplateRenderError", failure.Message, failure.Target), failure.Target);
            }
            foreach (var problem in outcome.Results.Where(r => r.Check != "Render" && r.Status != HxStatus.Passed))
            {
                WriteWarning(problem.Check + " " + problem.Target + ": " + problem.Message);
            }
            WriteObject(outcome.Rendered, true);
        }
    }
}
