using System;
using System.Linq;
using HxLiteLLM.Cmdlets.Tests.Support;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests
{
    /// <summary>
    /// Every cmdlet that supports ShouldProcess writes nothing under -WhatIf or $WhatIfPreference (a copy of examples/hx-dev
    /// is fingerprinted before and after) and tells what it would do, naming the target, in its "What if:" lines.
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class ShouldProcessTests
    {
        private readonly ModuleHost _host;

        public ShouldProcessTests(ModuleHost host) => _host = host;

        public static TheoryData<int, string> Rows()
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < CmdletCases.WhatIf.Count; i++) data.Add(i, CmdletCases.WhatIf[i].Cmdlet);
            return data;
        }

        [Theory]
        [MemberData(nameof(Rows))]
        public void WhatIf_writes_nothing_and_says_what_it_would_do(int row, string cmdlet)
        {
            var whatIf = CmdletCases.WhatIf[row];
            AssertWritesNothing(whatIf, whatIf.Script, cmdlet);
        }

        [Theory]
        [MemberData(nameof(Rows))]
        public void WhatIfPreference_writes_nothing_and_says_what_it_would_do(int row, string cmdlet)
        {
            var whatIf = CmdletCases.WhatIf[row];
            Assert.Contains(" -WhatIf", whatIf.Script, StringComparison.Ordinal);
            AssertWritesNothing(whatIf, "$WhatIfPreference = $true\n" + whatIf.Script.Replace(" -WhatIf", "", StringComparison.Ordinal), cmdlet);
        }

        private void AssertWritesNothing(WhatIfCase whatIf, string script, string cmdlet)
        {
            using var example = new ExampleCopy();
            if (whatIf.Setup != null)
            {
                var setup = _host.Run(CmdletCases.Prelude + whatIf.Setup, example.Root);
                Assert.True(setup.Errors.Count == 0, "setup: " + setup.Describe());
            }
            var before = example.Fingerprint();

            var run = _host.Run(CmdletCases.Prelude + script, example.Root);

            Assert.Equal(before, example.Fingerprint());
            Assert.True(run.Errors.Count == 0, cmdlet + " -> " + run.Describe());
            Assert.True(run.WhatIfLines.Any(line => line.Contains(whatIf.Target, StringComparison.Ordinal)),
                "no What if: line names " + whatIf.Target + ": " + string.Join(" | ", run.HostLines) + "; " + run.Describe());
            var text = run.AllText();
            foreach (var secret in CmdletCases.Secrets(example)) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
