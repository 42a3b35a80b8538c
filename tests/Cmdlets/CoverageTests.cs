using System.Linq;
using HxLiteLLM.Cmdlets.Tests.Support;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests
{
    /// <summary>Every cmdlet the built module exports has its rows: a new cmdlet, or one that gains ShouldProcess, cannot be missed.</summary>
    [Collection(ModuleCollection.Name)]
    public sealed class CoverageTests
    {
        private readonly ModuleHost _host;

        public CoverageTests(ModuleHost host) => _host = host;

        [Fact]
        public void Every_cmdlet_has_binding_and_error_rows()
        {
            var cmdlets = ModuleCommands.All(_host).Select(c => c.Name).ToList();
            Assert.NotEmpty(cmdlets);
            Missing.None(cmdlets.Where(c => !CmdletCases.Binding.Any(r => r.Cmdlet == c)));
            Missing.None(cmdlets.Where(c => !CmdletCases.Errors.Any(r => r.Cmdlet == c)));
        }

        [Fact]
        public void Exactly_the_cmdlets_that_support_ShouldProcess_have_WhatIf_rows()
        {
            var supporting = ModuleCommands.All(_host).Where(ModuleCommands.SupportsShouldProcess).Select(c => c.Name).ToList();
            Missing.None(supporting.Where(c => !CmdletCases.WhatIf.Any(r => r.Cmdlet == c)));
            Missing.None(CmdletCases.WhatIf.Select(r => r.Cmdlet).Distinct().Where(c => !supporting.Contains(c)));
        }

        [Fact]
        public void Rows_name_only_cmdlets_of_the_module()
        {
            var cmdlets = ModuleCommands.All(_host).Select(c => c.Name).ToList();
            var named = CmdletCases.Binding.Select(r => r.Cmdlet).Concat(CmdletCases.WhatIf.Select(r => r.Cmdlet)).Concat(CmdletCases.Errors.Select(r => r.Cmdlet));
            Missing.None(named.Distinct().Where(c => !cmdlets.Contains(c)));
        }
    }
}
