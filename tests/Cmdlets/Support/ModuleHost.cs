using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests.Support
{
    /// <summary>
    /// One runspace whose initial session state imports the BUILT module (out/HxLiteLLM/&lt;version&gt;/HxLiteLLM.psd1, or
    /// HX_MODULE_PATH), so the cmdlets run with the module's own private load context as users load it. Tests of one
    /// collection share it one at a time; every <see cref="Run"/> starts in a given folder with fresh streams.
    /// </summary>
    public sealed class ModuleHost : IDisposable
    {
        private readonly CapturingHost _host = new CapturingHost();
        private readonly Runspace _runspace;

        public ModuleHost()
        {
            ModulePath = FindModule();
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { ModulePath });
            // Nothing from the machine the tests run on decides where a cmdlet looks (no ansible.cfg, no vault file) or what
            // it writes to the host (CI annotations). The cmdlets read the process environment: this test process's own.
            foreach (var name in new[] { "ANSIBLE_CONFIG", "ANSIBLE_INVENTORY", "ANSIBLE_VAULT_PASSWORD_FILE", "ANSIBLE_VAULT_IDENTITY_LIST", "GITHUB_ACTIONS", "TF_BUILD" })
            {
                Environment.SetEnvironmentVariable(name, null);
            }
            _runspace = RunspaceFactory.CreateRunspace(_host, state);
            _runspace.Open();
            var loaded = Run("Get-Module HxLiteLLM | ForEach-Object Path", Path.GetTempPath());
            if (loaded.Output.Count != 1) throw new InvalidOperationException("HxLiteLLM did not import from " + ModulePath + ": " + loaded.AllText());
        }

        public string ModulePath { get; }

        /// <summary>Runs a script in <paramref name="location"/>, optionally with pipeline input, and keeps every stream.</summary>
        public RunResult Run(string script, string location, IEnumerable<object>? input = null) =>
            Invoke(ps => ps.AddScript(script, useLocalScope: true), location, input); // a script's variables ($WhatIfPreference too) end with it

        /// <summary>Runs one command as the host runs a line typed at the prompt (CommandOrigin Runspace), keeping every stream.</summary>
        public RunResult RunAtPrompt(string command, Dictionary<string, object> parameters, string location) =>
            Invoke(ps => ps.AddCommand(command).AddParameters((System.Collections.IDictionary)parameters), location, null);

        private RunResult Invoke(Action<PowerShell> add, string location, IEnumerable<object>? input)
        {
            _host.Clear();
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("Set-Location").AddParameter("LiteralPath", location).Invoke();
            ps.Commands.Clear();
            add(ps);
            var output = new List<PSObject>();
            ErrorRecord? terminating = null;
            try
            {
                output.AddRange(input == null ? ps.Invoke() : ps.Invoke(input));
            }
            catch (RuntimeException error)
            {
                terminating = error.ErrorRecord;
            }
            var errors = ps.Streams.Error.ToList();
            if (terminating != null && !errors.Any(e => ReferenceEquals(e.Exception, terminating.Exception))) errors.Add(terminating);
            return new RunResult(output, errors, ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Information.ToList(), _host.Lines.ToList(), _host.ExitCode);
        }

        public void Dispose() => _runspace.Dispose();

        private static string FindModule()
        {
            var given = Environment.GetEnvironmentVariable("HX_MODULE_PATH");
            if (!string.IsNullOrEmpty(given)) return given;
            var version = XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props")).Descendants("HxVersion").Single().Value;
            var path = Path.Combine(Repo.Root, "out", "HxLiteLLM", version, "HxLiteLLM.psd1");
            if (!File.Exists(path)) throw new InvalidOperationException("The built module is missing (" + path + "): run `dotnet pwsh ./build.ps1 -Task Build` first.");
            return path;
        }
    }

    /// <summary>Everything a run wrote, each stream on its own.</summary>
    public sealed class RunResult
    {
        public RunResult(IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<string> warnings,
            IReadOnlyList<string> verbose, IReadOnlyList<InformationRecord> information, IReadOnlyList<string> hostLines, int? exitCode)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Information = information;
            HostLines = hostLines;
            ExitCode = exitCode;
        }

        public IReadOnlyList<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public IReadOnlyList<string> Warnings { get; }
        public IReadOnlyList<string> Verbose { get; }
        public IReadOnlyList<InformationRecord> Information { get; }
        public IReadOnlyList<string> HostLines { get; }
        public int? ExitCode { get; }

        public IEnumerable<string> WhatIfLines => HostLines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal));

        /// <summary>Every text a user could see or keep: objects with their properties, error records in full, every stream.</summary>
        public string AllText()
        {
            var text = new StringBuilder();
            foreach (var item in Output)
            {
                text.AppendLine(item?.ToString());
                if (item == null) continue;
                foreach (var property in item.Properties)
                {
                    object? value;
                    try { value = property.Value; } catch (GetValueException) { continue; }
                    text.AppendLine(property.Name + "=" + value);
                }
            }
            foreach (var error in Errors)
            {
                text.AppendLine(error.ToString()).AppendLine(error.FullyQualifiedErrorId).AppendLine(error.Exception.ToString())
                    .AppendLine(error.ErrorDetails?.Message).AppendLine(error.TargetObject?.ToString()).AppendLine(error.CategoryInfo.ToString());
            }
            foreach (var line in Warnings.Concat(Verbose).Concat(HostLines)) text.AppendLine(line);
            foreach (var record in Information) text.AppendLine(record.MessageData?.ToString());
            return text.ToString();
        }

        public string Describe() => "output: " + Output.Count + ", errors: [" + string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)) + "]";
    }

    [CollectionDefinition(Name)]
    public sealed class ModuleCollection : ICollectionFixture<ModuleHost>
    {
        public const string Name = "Built module";
    }

    public static class Repo
    {
        public static string Root { get; } = FindRoot();

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HxLiteLLM.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("HxLiteLLM.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
