using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.Endpoint;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.PowerShell.Commands.Endpoint
{
    /// <summary>
    /// <para type="synopsis">Smoke-tests a deployed LiteLLM gateway.</para>
    /// <para type="description">Checks /health/liveliness, /health/readiness, that /v1/models refuses a request without the
    /// master key (an open gateway fails), that /v1/models with the key lists exactly the model_names of the rendered
    /// config (-ConfigPath), and optionally one tiny chat completion per -Model. With -RetryTimeout the sequence is repeated
    /// until it passes or the time is up, for use right after a deploy.</para>
    /// <para type="description">Given -Uri and -MasterKey it tests that one gateway. Otherwise it tests every host of the
    /// inventory group (-Group, default litellm; -HostName selects hosts) as a play of the role sees it: the inventory is
    /// -InventoryPath, else ansible.cfg's; the master key is the host's litellm_master_key, read from the vault with
    /// -VaultPassword or -VaultPasswordFile (else ansible.cfg's vault_password_file); the address is
    /// http://litellm_bind_host:litellm_port (a 0.0.0.0 or :: bind means the host's ansible_host, else its inventory name;
    /// the role's defaults 127.0.0.1 and 4000 where unset); and /v1/models must list the host's litellm_models unless
    /// -ConfigPath is given. An explicit -Uri or -MasterKey wins over the inventory. A gateway bound to 127.0.0.1 answers
    /// only on its own host: test it from there (litellm_smoke_test.yml). The master key never appears in any output.</para>
    /// </summary>
    /// <example>
    ///   <code>Test-HxLiteLLMEndpoint -Uri http://gw1.hx.test:4000 -MasterKey (Read-Host -AsSecureString) -ConfigPath ./out/litellm.config.yaml</code>
    ///   <para>Runs the smoke test and compares the served models with the rendered config.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxLiteLLMEndpoint -InventoryPath ./inventory/hosts.ini -VaultPasswordFile ./.vault-pass -RetryTimeout 00:01:00</code>
    ///   <para>Right after ansible-playbook litellm_enforce.yml: smoke-tests the gateway of every host of the litellm group with the master key from the vault.</para>
    /// </example>
    /// <example>
    ///   <code>Test-HxLiteLLMEndpoint -Uri https://gw1.hx.test:4000 -MasterKey $key -Model llama3-8b -RetryTimeout 00:02:00 -CertificatePath ./hx-root-ca.pem</code>
    ///   <para>Waits up to two minutes for a fresh deploy to pass, validates TLS against the internal CA only, and asks llama3-8b for a one-word answer.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "HxLiteLLMEndpoint")]
    [OutputType(typeof(HxCheckResult))]
    public sealed class TestHxLiteLLMEndpointCommand : HxCmdlet
    {
        /// <summary><para type="description">Base address of the gateway, e.g. http://gw1:4000. Without it, each host's address comes from the inventory.</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Url", "Endpoint", "EndpointUri")]
        public Uri? Uri { get; set; }

        /// <summary><para type="description">The gateway's master key (sk-…). Without it, each host's litellm_master_key from the inventory's vault.</para></summary>
        [Parameter]
        public SecureString? MasterKey { get; set; }

        /// <summary><para type="description">The inventory (file or directory), as given to ansible-playbook -i; default ansible.cfg's inventory.</para></summary>
        [Parameter]
        public string? InventoryPath { get; set; }

        /// <summary><para type="description">The inventory group whose gateways are tested (default litellm).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(InventoryGroupCompleter))]
        public string Group { get; set; } = "litellm";

        /// <summary><para type="description">Only these hosts of the group.</para></summary>
        [Parameter]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InventoryHostCompleter))]
        public string[] HostName { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">The vault password (never prompted for).</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">A vault password file, read as Ansible reads it; without it and -VaultPassword, ansible.cfg's vault_password_file (or ANSIBLE_VAULT_PASSWORD_FILE).</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

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

        private bool FromInventory =>
            Uri == null || MasterKey == null || InventoryPath != null || HostName.Length > 0 || MyInvocation.BoundParameters.ContainsKey(nameof(Group));

        protected override void ProcessRecord()
        {
            var redactor = new SecretRedactor();
            object? target = Uri;
            try
            {
                var expected = ConfigPath == null ? null : ModelNames(ResolvePath(ConfigPath));
                if (!FromInventory)
                {
                    Probe(Uri!, SecureText.ToPlainString(MasterKey!), null, expected ?? Array.Empty<string>(), redactor);
                    return;
                }
                var inventory = InventoryPath != null ? ResolvePath(InventoryPath) : AnsibleConfig.SingleInventory
                    ?? throw new HxException("InventoryPathMissing",
                        "No gateway to test: give -Uri and -MasterKey, or -InventoryPath (or inventory in ansible.cfg) with the vault password.",
                            kind: HxErrorKind.InvalidArgument);
                target = inventory;
                IReadOnlyList<EndpointTarget> gateways;
                var secrets = ResolveVaultSecrets(VaultPassword, VaultPasswordFile);
                try
                {
                    gateways = EndpointTargets.FromInventory(inventory, Group, HostName, secrets, redactor, playbookDirectory: PlaybookFolder(null));
                }
                finally
                {
                    foreach (var secret in secrets) secret.Dispose();
                }
                var explicitKey = MasterKey == null ? null : SecureText.ToPlainString(MasterKey);
                foreach (var gateway in gateways)
                {
                    target = gateway.HostName;
                    Probe(Uri ?? gateway.BaseUri, explicitKey ?? gateway.MasterKey, gateway.HostName, expected ?? gateway.Models, redactor);
                }
            }
            catch (HxException error)
            {
                WriteHxError(new HxException(error.ErrorId, redactor.Redact(error.Message), error.File, error.Line, error.Column, kind: error.ErrorKind),
                    target);
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell stops the pipeline itself.
            }
        }

        private void Probe(Uri uri, string masterKey, string? hostName, IReadOnlyCollection<string> expectedModels, SecretRedactor redactor)
        {
            var options = new EndpointProbeOptions(uri, masterKey)
            {
                HostName = hostName,
                ChatModels = Model,
                ExpectedModels = expectedModels,
                RetryTimeout = RetryTimeout,
                RequestTimeout = RequestTimeout,
                MaxTokens = MaxTokens,
                CertificateAuthorityPath = CertificatePath == null ? null : ResolvePath(CertificatePath),
            };
            var probe = new LiteLLMEndpointProbe(options, redactor);
            WriteVerbose("Smoke-testing " + (hostName == null ? "" : hostName + " at ") + uri);
            foreach (var result in probe.RunAsync(Cancellation).GetAwaiter().GetResult()) WriteObject(result);
        }

        private static IReadOnlyCollection<string> ModelNames(string configPath)
        {
            var config = AnsibleYamlReader.LoadFile(configPath) as IDictionary<object, object?>;
            var list = config != null && config.TryGetValue("model_list", out var l) ? l as IEnumerable<object?> : null;
            if (list == null) throw new HxException("ConfigWithoutModelList", configPath + ": no model_list found; give the rendered LiteLLM config.",
                configPath);
            return list.OfType<IDictionary<object, object?>>()
                .Select(m => m.TryGetValue("model_name", out var n) ? Convert.ToString(n) ?? "" : "")
                .Where(n => n.Length > 0).Distinct().ToList();
        }
    }
}
