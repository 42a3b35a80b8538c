using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Endpoint;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.PowerShell.Commands.Endpoint
{
    /// <summary>
    /// <para type="synopsis">Smoke-tests a deployed LiteLLM gateway.</para>
    /// <para type="description">Checks /health/liveliness, /health/readiness, that /v1/models refuses a request without the
    /// master key (an open gateway fails), that /v1/models with the key lists exactly the model_names of the rendered
    /// config (-ConfigPath), and optionally one tiny chat completion per -Model. With -RetryTimeout the sequence is repeated
    /// until it passes or the time is up, for use right after a deploy. The master key never appears in any output.</para>
    /// </summary>
    /// <example>
    ///   <code>Test-HxLiteLLMEndpoint -Uri http://gw1.hx.test:4000 -MasterKey (Read-Host -AsSecureString) -ConfigPath ./out/litellm.config.yaml</code>
    ///   <para>Runs the smoke test and compares the served models with the rendered config.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxLiteLLMEndpoint -Uri https://gw1.hx.test:4000 -MasterKey $key -Model llama3-8b -RetryTimeout 00:02:00 -CertificatePath ./hx-root-ca.pem</code>
    ///   <para>Waits up to two minutes for a fresh deploy to pass, validates TLS against the internal CA only, and asks llama3-8b for a one-word answer.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxLiteLLMEndpoint")]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxLiteLLMEndpointCommand : HxCmdlet
    {
        /// <summary><para type="description">Base address of the gateway, e.g. http://gw1:4000.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Url", "Endpoint")]
        public Uri Uri { get; set; } = null!;

        /// <summary><para type="description">The gateway's master key (sk-…).</para></summary>
        [Parameter(Mandatory = true)]
        public SecureString MasterKey { get; set; } = null!;

        /// <summary><para type="description">Models that each get one chat completion with a small max_tokens.</para></summary>
        [Parameter]
        public string[] Model { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">The rendered LiteLLM config; /v1/models must list exactly its model_names.</para></summary>
        [Parameter]
        public string? ConfigPath { get; set; }

        /// <summary><para type="description">Repeat the whole check until it passes or this much time has gone.</para></summary>
        [Parameter]
        public TimeSpan RetryTimeout { get; set; } = TimeSpan.Zero;

        /// <summary><para type="description">Timeout of each HTTP request (default 10 seconds).</para></summary>
        [Parameter]
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary><para type="description">PEM file of the CA the gateway's TLS certificate must chain to (the system store is not used then).</para></summary>
        [Parameter]
        public string? CertificatePath { get; set; }

        /// <summary><para type="description">max_tokens of the chat completions (default 16).</para></summary>
        [Parameter]
        [ValidateRange(1, 4096)]
        public int MaxTokens { get; set; } = 16;

        protected override void ProcessRecord()
        {
            try
            {
                var options = new EndpointProbeOptions(Uri, SecureText.ToPlainString(MasterKey))
                {
                    ChatModels = Model,
                    ExpectedModels = ConfigPath == null ? Array.Empty<string>() : ModelNames(ResolvePath(ConfigPath)),
                    RetryTimeout = RetryTimeout,
                    RequestTimeout = RequestTimeout,
                    MaxTokens = MaxTokens,
                    CertificateAuthorityPath = CertificatePath == null ? null : ResolvePath(CertificatePath),
                };
                var probe = new LiteLLMEndpointProbe(options, new SecretRedactor());
                WriteVerbose("Smoke-testing " + Uri);
                foreach (var result in probe.RunAsync(Cancellation).GetAwaiter().GetResult()) WriteObject(result);
            }
            catch (HxException error)
            {
                WriteHxError(error, Uri);
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell stops the pipeline itself.
            }
        }

        private static IReadOnlyCollection<string> ModelNames(string configPath)
        {
            var config = AnsibleYamlReader.LoadFile(configPath) as IDictionary<object, object?>;
            var list = config != null && config.TryGetValue("model_list", out var l) ? l as IEnumerable<object?> : null;
            if (list == null) throw new HxException("ConfigWithoutModelList", configPath + ": no model_list found; give the rendered LiteLLM config.", configPath);
            return list.OfType<IDictionary<object, object?>>()
                .Select(m => m.TryGetValue("model_name", out var n) ? Convert.ToString(n) ?? "" : "")
                .Where(n => n.Length > 0).Distinct().ToList();
        }
    }
}
