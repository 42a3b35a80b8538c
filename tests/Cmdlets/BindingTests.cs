using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HxLiteLLM.Cmdlets.Tests.Support;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests
{
    /// <summary>
    /// Parameter binding as PowerShell's binder does it on each cmdlet's declared metadata: documented calls and pipelines
    /// resolve to their parameter set, every alias binds, a missing mandatory parameter and an invalid value are binding
    /// errors of the real cmdlet (before it does anything).
    /// </summary>
    [Collection(ModuleCollection.Name)]
    public sealed class BindingTests
    {
        private readonly ModuleHost _host;

        public BindingTests(ModuleHost host) => _host = host;

        public static TheoryData<int, string> Rows() => Indexed(CmdletCases.Binding.Select(r => r.Cmdlet + ": " + r.Script));

        public static TheoryData<string> Cmdlets()
        {
            var data = new TheoryData<string>();
            foreach (var name in CmdletCases.Binding.Select(r => r.Cmdlet).Distinct()) data.Add(name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Rows))]
        public void A_documented_call_resolves_its_parameter_set(int row, string description)
        {
            var binding = CmdletCases.Binding[row];
            var cmdlet = ModuleCommands.Named(_host, binding.Cmdlet);
            var probe = ModuleCommands.BindingProbe(cmdlet, out var probeName);
            using var example = new ExampleCopy();

            var run = _host.Run(CmdletCases.Prelude + probe + binding.Script.Replace(binding.Cmdlet, probeName, StringComparison.Ordinal), example.Root);

            Assert.True(run.Errors.Count == 0, description + " -> " + run.Describe());
            Assert.NotEmpty(run.Output);
            foreach (var bound in run.Output)
            {
                Assert.Equal(binding.ParameterSet, (string)bound.Properties["Set"].Value);
                var names = ((object[])bound.Properties["Bound"].Value).Cast<string>().ToList();
                Missing.None(binding.Bound.Where(b => !names.Contains(b)));
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Every_alias_binds_its_parameter(string name)
        {
            var cmdlet = ModuleCommands.Named(_host, name);
            var probe = ModuleCommands.BindingProbe(cmdlet, out var probeName);
            var failures = new List<string>();
            foreach (var parameter in ModuleCommands.OwnParameters(cmdlet))
            {
                foreach (var alias in parameter.Aliases)
                {
                    var set = cmdlet.ParameterSets.First(s => s.Parameters.Any(p => p.Name == parameter.Name));
                    var others = set.Parameters.Where(p => p.IsMandatory && p.Name != parameter.Name).Select(p => Argument(p.Name, p.ParameterType, p.Attributes));
                    var call = probeName + " " + Argument(alias, parameter.ParameterType, parameter.Attributes) + " " + string.Join(" ", others);
                    var run = _host.Run(CmdletCases.Prelude + probe + call, Path.GetTempPath());
                    var bound = run.Output.Count == 1 ? ((object[])run.Output[0].Properties["Bound"].Value).Cast<string>() : Enumerable.Empty<string>();
                    if (run.Errors.Count > 0 || !bound.Contains(parameter.Name)) failures.Add("-" + alias + " (" + parameter.Name + "): " + call + " -> " + run.Describe());
                }
            }
            Assert.Empty(failures);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void A_missing_mandatory_parameter_is_a_binding_error(string name)
        {
            var cmdlet = ModuleCommands.Named(_host, name);
            var set = cmdlet.ParameterSets.Count == 1 ? cmdlet.ParameterSets[0] : cmdlet.ParameterSets.Single(s => s.IsDefault);
            var mandatory = set.Parameters.Where(p => p.IsMandatory).Select(p => p.Name).ToList();
            if (mandatory.Count == 0) return; // nothing to leave out: the cmdlet runs without arguments
            using var empty = new TempFolder();

            var run = _host.Run(name, empty.Path);

            var error = Assert.Single(run.Errors);
            Assert.IsType<ParameterBindingException>(error.Exception);
            Assert.StartsWith("MissingMandatoryParameter,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(empty.Path));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void A_value_outside_a_parameters_validation_or_type_is_a_binding_error(string name)
        {
            var cmdlet = ModuleCommands.Named(_host, name);
            var failures = new List<string>();
            using var empty = new TempFolder();
            foreach (var parameter in ModuleCommands.OwnParameters(cmdlet))
            {
                var invalid = InvalidValue(parameter);
                if (invalid == null) continue;
                var call = name + " -" + parameter.Name + " " + invalid.Value.Argument + (ModuleCommands.SupportsShouldProcess(cmdlet) ? " -WhatIf" : "");
                var run = _host.Run(call, empty.Path);
                var error = run.Errors.FirstOrDefault();
                if (error == null || error.Exception is not ParameterBindingException || !error.FullyQualifiedErrorId.StartsWith(invalid.Value.ErrorId + ",", StringComparison.Ordinal))
                {
                    failures.Add(call + " -> " + run.Describe());
                }
                else if (invalid.Value.ErrorId == "ParameterArgumentValidationError" && error.Exception.InnerException is not ValidationMetadataException)
                {
                    failures.Add(call + " -> not a ValidationMetadataException: " + error.Exception.InnerException);
                }
            }
            Assert.Empty(failures);
            Assert.Empty(Directory.EnumerateFileSystemEntries(empty.Path));
        }

        /// <summary>An argument outside what the parameter declares, and the binder's ErrorId for it; null when any text is valid.</summary>
        private static (string Argument, string ErrorId)? InvalidValue(ParameterMetadata parameter)
        {
            if (parameter.Attributes.OfType<ValidateSetAttribute>().Any()) return ("'NotOneOfTheSet'", "ParameterArgumentValidationError");
            var range = parameter.Attributes.OfType<ValidateRangeAttribute>().FirstOrDefault();
            if (range != null)
            {
                // Above the maximum, or below the minimum when the maximum is the type's own (one more would not convert).
                var max = Convert.ToInt64(range.MaxRange, System.Globalization.CultureInfo.InvariantCulture);
                var outside = max == int.MaxValue ? Convert.ToInt64(range.MinRange, System.Globalization.CultureInfo.InvariantCulture) - 1 : max + 1;
                return (outside.ToString(System.Globalization.CultureInfo.InvariantCulture), "ParameterArgumentValidationError");
            }
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (type == typeof(int) || type == typeof(TimeSpan) || type == typeof(Version)) return ("'not-a-" + type.Name + "'", "CannotConvertArgumentNoMessage");
            return null;
        }

        /// <summary>A well-typed argument for a parameter (values from <see cref="CmdletCases.Prelude"/> where PowerShell has no literal).</summary>
        private static string Argument(string name, Type type, IEnumerable<Attribute> attributes)
        {
            var set = attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
            if (set != null) return "-" + name + " '" + set.ValidValues[0] + "'";
            var element = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
            var value = element == typeof(SwitchParameter) ? null
                : element == typeof(string) || element == typeof(object) || element == typeof(PSObject) ? "'x'"
                : element == typeof(int) ? "2"
                : element == typeof(Uri) ? "'http://127.0.0.1:4000/'"
                : element == typeof(TimeSpan) ? "'00:00:05'"
                : element == typeof(Version) ? "'3.9'"
                : element == typeof(System.Collections.IDictionary) ? "@{ a = 1 }"
                : element == typeof(System.Security.SecureString) ? "$wrong"
                : element.Name == "HxCheckResult" ? "$result"
                : throw new InvalidOperationException("no sample value for -" + name + " of type " + type + ": add one here");
            return value == null ? "-" + name : "-" + name + " " + value;
        }

        private static TheoryData<int, string> Indexed(IEnumerable<string> descriptions)
        {
            var data = new TheoryData<int, string>();
            var i = 0;
            foreach (var description in descriptions) data.Add(i++, description);
            return data;
        }
    }
}
