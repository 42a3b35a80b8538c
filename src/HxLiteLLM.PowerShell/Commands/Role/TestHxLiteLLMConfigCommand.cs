using System.Management.Automation;
using HxLiteLLM.Results;
using HxLiteLLM.RoleValidation;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>
    /// <para type="synopsis">Checks a rendered LiteLLM proxy config and its environment file before deploying them.</para>
    /// <para type="description">Finds what the proxy would silently ignore or get wrong: YAML errors and duplicate keys (the proxy keeps the
    /// last one), unknown top-level keys (with did-you-mean), model_list entries without model_name or litellm_params.model, a provider
    /// prefix that does not fit its api_base (ollama/ and ollama_chat/ without /v1, hosted_vllm/ and openai/ with /v1, openai/ with a
    /// non-empty api_key), os.environ/ references the env file does not define, and a master key that is missing, under
    /// litellm_settings (ignored there: the gateway runs open), not sk- shaped or an example value. Key values are never shown.</para>
    /// </summary>
    /// <example runnable="true">
    ///   <code>Invoke-HxTemplateRender -Path ./roles/litellm -RenderPath ./rendered -InventoryPath ./inventory/hosts.ini -HostName localhost -VaultPasswordFile ./.vault-pass | Out-Null; Test-HxLiteLLMConfig -Path ./rendered/litellm.config.yaml -EnvPath ./rendered/litellm.env</code>
    ///   <para>Renders the bundled role and checks the config against the env file that goes with it.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxLiteLLMConfig -Path /etc/litellm/config.yaml | Where-Object Status -eq Failed | Format-List Check, Message, Remediation</code>
    ///   <para>Checks a deployed config without its env file; references to the environment are then reported as not checked.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxLiteLLMConfig")]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxLiteLLMConfigCommand : HxCmdlet
    {
        /// <summary><para type="description">The rendered LiteLLM config (config.yaml); binds FullName of Get-ChildItem output.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "ConfigPath")]
        public string Path { get; set; } = "";

        /// <summary><para type="description">The rendered environment file (litellm.env) the service starts with.</para></summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? EnvPath { get; set; }

        protected override void ProcessRecord()
        {
            var path = ResolvePath(Path);
            try
            {
                WriteObject(LiteLLMConfigCheck.Check(path, EnvPath == null ? null : ResolvePath(EnvPath)), true);
            }
            catch (HxException error)
            {
                WriteHxError(error, error.File ?? path);
            }
        }
    }
}
