using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>python3 at the minimum version, with pip and a venv that can be created (which needs ensurepip).</summary>
    public static class PythonCheck
    {
        /// <summary>First "X.Y[.Z]" in the text.</summary>
        public static Version? ParseVersion(string text)
        {
            var m = Regex.Match(text, @"(\d+)\.(\d+)(?:\.(\d+))?");
            if (!m.Success) return null;
            return m.Groups[3].Success
                ? new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value))
                : new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
        }

        public static (HxCheckResult Result, string Evidence) Evaluate(string target, ProbeOutput probe, Version minimum, string pythonCommand)
        {
            var versionSection = probe[ProbeSections.PythonVersion];
            var pip = probe[ProbeSections.Pip];
            var venv = probe[ProbeSections.Venv];
            var evidence = Evidence.Sections(versionSection, pip, venv);
            var wanted = minimum.Major + "." + minimum.Minor;
            if (versionSection == null || !versionSection.Succeeded)
            {
                return (Result(target, HxStatus.Failed, pythonCommand + " is not usable: " + Evidence.Brief(versionSection),
                    "sudo apt-get install -y python" + wanted + " python" + wanted + "-venv python3-pip"), evidence);
            }
            var lines = versionSection.Output.Split('\n');
            var version = ParseVersion(lines[0]);
            var path = lines.Length > 1 ? lines[1].Trim() : pythonCommand;
            if (version == null)
            {
                return (Result(target, HxStatus.Failed, pythonCommand + " printed no version: " + Evidence.Brief(versionSection), ""), evidence);
            }
            var parts = new List<string> { "python " + version + " (" + path + ")" };
            var problems = new List<string>();
            var fixes = new List<string>();
            var series = version.Major + "." + version.Minor;
            if (version < minimum)
            {
                // The newer interpreter comes with its venv package; that also covers a broken venv below.
                problems.Add("python " + version + " is older than " + minimum);
                fixes.Add("sudo apt-get install -y python" + wanted + " python" + wanted + "-venv");
            }
            if (pip != null && pip.Succeeded)
            {
                parts.Add("pip " + (ParseVersion(pip.Output)?.ToString() ?? "?"));
            }
            else
            {
                problems.Add("pip is not usable (" + Evidence.Brief(pip) + ")");
                fixes.Add("sudo apt-get install -y python3-pip");
            }
            if (venv != null && venv.Succeeded)
            {
                parts.Add("venv ok (" + venv.Output.Trim().Split('\n').Last().Trim() + ")");
            }
            else
            {
                problems.Add("venv cannot be created (" + Evidence.Brief(venv) + ")");
                if (version >= minimum) fixes.Add("sudo apt-get install -y python" + series + "-venv");
            }
            if (problems.Count > 0)
            {
                return (Result(target, HxStatus.Failed, string.Join("; ", problems) + "; found " + string.Join(", ", parts), string.Join(" && ", fixes)),
                    evidence);
            }
            return (Result(target, HxStatus.Passed, string.Join(", ", parts)), evidence);
        }

        private static HxCheckResult Result(string target, string status, string message, string remediation = "") =>
            PreflightCheckNames.Result(PreflightCheckNames.PythonRuntime, target, status, HxCategory.Runtime, message, remediation);
    }
}
