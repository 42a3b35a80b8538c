using System;
using System.IO;
using Xunit;

namespace HxLiteLLM.Tests.Support
{
    /// <summary>
    /// A fact that needs a real peer tool (ansible-inventory, ansible-vault, Debian's python3 with jinja2, openssl).
    /// Where the tool is missing the test is Skipped with the reason; under CI=true it is never skipped,
    /// so a missing peer fails the run instead of hiding it.
    /// </summary>
    public sealed class PeerFactAttribute : FactAttribute
    {
        public PeerFactAttribute(params string[] tools)
        {
            var missing = Peers.FirstMissing(tools);
            if (missing != null && !Peers.IsCI) Skip = "peer not installed: " + missing + " (the Test task of build.ps1 installs it)";
        }
    }

    /// <summary>Theory twin of <see cref="PeerFactAttribute"/>.</summary>
    public sealed class PeerTheoryAttribute : TheoryAttribute
    {
        public PeerTheoryAttribute(params string[] tools)
        {
            var missing = Peers.FirstMissing(tools);
            if (missing != null && !Peers.IsCI) Skip = "peer not installed: " + missing + " (the Test task of build.ps1 installs it)";
        }
    }

    public static class Peers
    {
        /// <summary>Debian's python3, the one ansible-core's jinja2 and PyYAML belong to (not pyenv's).</summary>
        public const string Python = "/usr/bin/python3";

        public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        public static string? FirstMissing(string[] tools)
        {
            foreach (var tool in tools)
            {
                if (tool == "jinja2")
                {
                    if (!File.Exists(Python) || PeerProcess.Run(Python, new[] { "-c", "import jinja2" }).ExitCode != 0) return "python3-jinja2 for " + Python;
                }
                else if (Find(tool) == null) return tool;
            }
            return null;
        }

        public static string? Find(string tool)
        {
            if (Path.IsPathRooted(tool)) return File.Exists(tool) ? tool : null;
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (dir.Length == 0) continue;
                var candidate = Path.Combine(dir, tool);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }
    }
}
