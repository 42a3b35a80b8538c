using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using HxLiteLLM.Inventory;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;

namespace HxLiteLLM.Endpoint
{
    /// <summary>One gateway of the inventory: where it answers, the master key Ansible resolves for it, and the models it should serve.</summary>
    public sealed class EndpointTarget
    {
        public EndpointTarget(string hostName, Uri baseUri, string masterKey, IReadOnlyCollection<string> models)
        {
            HostName = hostName;
            BaseUri = baseUri;
            MasterKey = masterKey;
            Models = models;
        }

        public string HostName { get; }
        public Uri BaseUri { get; }
        public string MasterKey { get; }
        /// <summary>model_name of each entry of the host's litellm_models (what the role renders into the config).</summary>
        public IReadOnlyCollection<string> Models { get; }
    }

    /// <summary>
    /// The gateways of an inventory group as a play of the role sees them: each host's variables merged and templated as
    /// Ansible resolves them (vaulted files and inline !vault values opened with the secrets given), the address built from
    /// litellm_bind_host (a wildcard bind means the host's own address: ansible_host, else the inventory name) and
    /// litellm_port, the role's defaults (127.0.0.1, 4000) where the inventory sets neither.
    /// </summary>
    public static class EndpointTargets
    {
        public const string DefaultBindHost = "127.0.0.1";
        public const int DefaultPort = 4000;

        /// <param name="hostNames">Only these hosts of the group (all of them when empty); each must be one of its hosts.</param>
        /// <param name="redactor">Every vault plaintext read (the master keys among them) is registered with it.</param>
        /// <param name="extraVars">The play's extra variables (-e), which win over the inventory as in Ansible.</param>
        /// <param name="playbookDirectory">The playbook folder whose group_vars/ and host_vars/ apply too (null: the current directory).</param>
        public static IReadOnlyList<EndpointTarget> FromInventory(string inventoryPath, string group, IReadOnlyCollection<string> hostNames,
            IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor, IDictionary<object, object?>? extraVars = null, string? playbookDirectory = null)
        {
            InventorySelection.RequireSource(inventoryPath);
            var model = VaultedInventory.Load(inventoryPath, secrets, redactor, playbookDirectory);
            // The one host-selection rule: an unknown or empty group, or a host outside it, is an error naming the closest name.
            var members = InventorySelection.GroupHosts(model, group, inventoryPath).Select(h => h.Name).ToList();
            foreach (var name in hostNames.Where(n => !members.Contains(n, StringComparer.Ordinal)))
            {
                throw InventorySelection.NotFound("host", name, members, inventoryPath);
            }
            var selected = hostNames.Count == 0 ? members : members.Where(hostNames.Contains).ToList();
            return selected.Select(host => Target(inventoryPath, host, secrets, redactor, extraVars, playbookDirectory)).ToList();
        }

        private static EndpointTarget Target(string inventoryPath, string host, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor,
            IDictionary<object, object?>? extraVars, string? playbookDirectory)
        {
            var variables = HostVariables.Load(new VariableSources
            {
                InventoryPath = inventoryPath,
                HostName = host,
                VaultSecrets = secrets,
                ExtraVars = extraVars,
                PlaybookDirectory = playbookDirectory,
            }, redactor);
            // Values are templated as the role's templates are: an error of one that read the master key quotes no part of it.
            var renderer = new TemplateRenderer(variables);
            object? Value(string name) => renderer.VariableValue(name, inventoryPath);
            var key = Value("litellm_master_key");
            if (key is VaultedString)
            {
                throw new HxException("EndpointMasterKeyVaulted", host
                    + ": litellm_master_key is vault-encrypted; give -VaultPassword or -VaultPasswordFile (or vault_password_file in ansible.cfg).",
                    inventoryPath, kind: HxErrorKind.SecurityError);
            }
            var keyText = key as string;
            if (string.IsNullOrEmpty(keyText))
            {
                throw new HxException("EndpointMasterKeyMissing", host + ": litellm_master_key is not set for this host in " + inventoryPath
                    + " (group_vars/<group>/vault.yml); give -MasterKey or set it with Set-HxVaultSecret.", inventoryPath, kind: HxErrorKind.SecurityError);
            }
            redactor.Register(keyText!);
            var bind = variables.Values.ContainsKey("litellm_bind_host")
                ? Convert.ToString(Value("litellm_bind_host"), CultureInfo.InvariantCulture) ?? "" : DefaultBindHost;
            var address = bind == "0.0.0.0" || bind == "::" || bind.Length == 0
                ? (variables.Values.ContainsKey("ansible_host") ? Convert.ToString(Value("ansible_host"), CultureInfo.InvariantCulture) ?? host : host)
                : bind;
            var port = variables.Values.ContainsKey("litellm_port") ? Value("litellm_port") : DefaultPort;
            if (!int.TryParse(Convert.ToString(port, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber)
                || portNumber < 1 || portNumber > 65535)
            {
                throw new HxException("EndpointPortInvalid", host + ": litellm_port is '" + port + "', not a port number (1-65535).", inventoryPath,
                    kind: HxErrorKind.InvalidArgument);
            }
            if (IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6) address = "[" + address + "]";
            if (!Uri.TryCreate("http://" + address + ":" + portNumber.ToString(CultureInfo.InvariantCulture) + "/", UriKind.Absolute, out var uri))
            {
                throw new HxException("EndpointAddressInvalid", host + ": '" + address + "' (litellm_bind_host, ansible_host) is not a host address.",
                    inventoryPath, kind: HxErrorKind.InvalidArgument);
            }
            return new EndpointTarget(host, uri, keyText!, ModelNames(Value("litellm_models")));
        }

        private static IReadOnlyCollection<string> ModelNames(object? litellmModels)
        {
            if (!(litellmModels is IEnumerable<object?> models)) return Array.Empty<string>();
            return models.OfType<IDictionary<object, object?>>()
                .Select(m => m.TryGetValue("model_name", out var n) ? Convert.ToString(n, CultureInfo.InvariantCulture) ?? "" : "")
                .Where(n => n.Length > 0).Distinct().ToList();
        }
    }
}
