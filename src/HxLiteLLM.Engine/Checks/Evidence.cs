using System.Linq;
using System.Text;

namespace HxLiteLLM.Checks
{
    /// <summary>Evidence text of probe sections: each under a header naming the section and its exit code.</summary>
    internal static class Evidence
    {
        /// <summary>Characters of a target's line quoted in a message.</summary>
        private const int BriefLine = 200;

        public static string Sections(params ProbeSection?[] sections)
        {
            var sb = new StringBuilder();
            foreach (var s in sections.Where(s => s != null))
            {
                sb.Append("### ").Append(s!.Name).Append(" (exit ").Append(s.ExitCode).Append(s.CutCharacters > 0 ? "; " + s.CutCharacters + " characters cut"
                    : "").Append(")\n").Append(s.Output);
                if (s.Output.Length > 0 && !s.Output.EndsWith("\n", System.StringComparison.Ordinal)) sb.Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>A section's failure in one line for a message.</summary>
        public static string Brief(ProbeSection? section)
        {
            if (section == null) return "no output (the probe did not finish)";
            if (section.CommandMissing) return "command not found";
            var first = section.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
            if (first.Length > BriefLine) first = first.Substring(0, BriefLine) + "...";
            return "exit " + section.ExitCode + (first.Length > 0 ? ": " + first : "");
        }
    }
}
