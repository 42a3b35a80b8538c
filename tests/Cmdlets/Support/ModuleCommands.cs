using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace HxLiteLLM.Cmdlets.Tests.Support
{
    /// <summary>The module's cmdlets as PowerShell sees them once the built module is imported (Get-Command -Module HxLiteLLM).</summary>
    public static class ModuleCommands
    {
        public static IReadOnlyList<CmdletInfo> All(ModuleHost host) =>
            host.Run("Get-Command -Module HxLiteLLM -CommandType Cmdlet", Path.GetTempPath()).Output
                .Select(o => (CmdletInfo)o.BaseObject).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

        public static CmdletInfo Named(ModuleHost host, string name) =>
            All(host).SingleOrDefault(c => c.Name == name) ?? throw new InvalidOperationException(name + " is not a cmdlet of the module");

        public static bool SupportsShouldProcess(CmdletInfo cmdlet) => cmdlet.Parameters.ContainsKey("WhatIf");

        /// <summary>The parameters the cmdlet declares itself (not -Verbose, -WhatIf and the other common ones).</summary>
        public static IEnumerable<ParameterMetadata> OwnParameters(CmdletInfo cmdlet) =>
            cmdlet.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && !Cmdlet.OptionalCommonParameters.Contains(p.Name));

        /// <summary>
        /// A function with the cmdlet's own [CmdletBinding()] and param block (read from its metadata) that outputs, per
        /// input, the parameter set PowerShell's binder chose and the parameters it bound: binding without the cmdlet's work.
        /// </summary>
        public static string BindingProbe(CmdletInfo cmdlet, out string probeName)
        {
            probeName = "HxBindingProbe_" + cmdlet.Name.Replace("-", "_", StringComparison.Ordinal);
            var metadata = new CommandMetadata(cmdlet);
            return "function " + probeName + " {\n" + ProxyCommand.GetCmdletBindingAttribute(metadata) + "\nparam(" + ProxyCommand.GetParamBlock(metadata) + ")\n" +
                "process { [pscustomobject]@{ Set = $PSCmdlet.ParameterSetName; Bound = @($PSBoundParameters.Keys) } } }\n";
        }
    }
}
