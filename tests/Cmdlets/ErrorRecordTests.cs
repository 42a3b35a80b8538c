using System;
using System.Linq;
using HxLiteLLM.Cmdlets.Tests.Support;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests
{
    /// <summary>
    /// One typical failure per cmdlet (missing inventory, wrong vault password, bad path, ...) gives an ErrorRecord with the
    /// documented FullyQualifiedErrorId, a fitting category and the offending item as TargetObject; no stream shows a
    /// secret the run was given (vault passwords, the master key).
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class ErrorRecordTests
    {
        private readonly ModuleHost _host;

        public ErrorRecordTests(ModuleHost host) => _host = host;

        public static TheoryData<int, string> Rows()
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < CmdletCases.Errors.Count; i++) data.Add(i, CmdletCases.Errors[i].Cmdlet);
            return data;
        }

        [Theory]
        [MemberData(nameof(Rows))]
        public void A_typical_failure_is_a_documented_error_record_without_secrets(int row, string cmdlet)
        {
            var expected = CmdletCases.Errors[row];
            using var example = new ExampleCopy();

            var run = _host.Run(CmdletCases.Prelude + expected.Script, example.Root);

            if (expected.AsFailedResult)
            {
                Assert.True(run.Errors.Count == 0, cmdlet + " -> " + run.Describe());
                Assert.Contains(run.Output, o => o.BaseObject.GetType().Name == "HxCheckResult" && (string)o.Properties["Status"].Value == "Failed" &&
                    (string)o.Properties["Check"].Value == expected.ErrorId && ((string)o.Properties["Target"].Value).Contains(expected.Target, StringComparison.Ordinal));
            }
            else
            {
                var error = run.Errors.FirstOrDefault();
                Assert.True(error != null, cmdlet + " wrote no error: " + run.Describe());
                var actual = error!.FullyQualifiedErrorId + " [" + error.CategoryInfo.Category + "] target " + error.TargetObject;
                Assert.True(error.FullyQualifiedErrorId.StartsWith(expected.ErrorId, StringComparison.Ordinal), actual);
                Assert.EndsWith("," + ModuleCommands.Named(_host, cmdlet).ImplementingType.FullName, error.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.True(expected.Category == error.CategoryInfo.Category, actual);
                Assert.True((error.TargetObject?.ToString() ?? "").Contains(expected.Target, StringComparison.Ordinal), actual);
            }
            var text = run.AllText();
            foreach (var secret in CmdletCases.Secrets(example))
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
