using System.Collections;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Remote;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands.Role
{
    /// <summary>The host variables the template cmdlets work with, from their common parameters.</summary>
    internal static class RoleVariableInput
    {
        /// <param name="selectedHosts">Every host the invocation selected: the play's hosts, as ansible-playbook --limit gives them.</param>
        public static HostVariables Load(IReadOnlyList<TemplateFile> templates, string? inventoryPath, string? hostName,
            IReadOnlyCollection<string> selectedHosts,
            IDictionary? variable, string? factsPath, string? playbookDirectory, IReadOnlyList<VaultSecret> secrets, AnsibleConfig? ansibleConfig,
                SecretRedactor redactor)
        {
            var roles = templates.Select(t => t.RolePath).Where(r => r != null).Distinct().ToList();
            if (roles.Count > 1)
            {
                throw new HxException("TemplatesFromSeveralRoles", "The templates belong to several roles (" + string.Join(", ", roles)
                    + "); check one role at a time.");
            }
            PyDict? extra;
            try
            {
                extra = variable == null ? null : (PyDict?)PowerShellValues.ToValue(variable);
            }
            catch (System.ArgumentException e)
            {
                throw new HxException("InvalidVariable", "-Variable: " + e.Message, kind: HxErrorKind.InvalidArgument);
            }
            var sources = new VariableSources
            {
                RolePath = roles.FirstOrDefault(),
                InventoryPath = inventoryPath,
                HostName = hostName,
                ExtraVars = extra,
                FactsPath = factsPath,
                PlaybookDirectory = playbookDirectory,
                VaultSecrets = secrets,
                Limit = selectedHosts,
                AnsibleConfig = ansibleConfig,
            };
            return HostVariables.Load(sources, redactor);
        }
    }
}
