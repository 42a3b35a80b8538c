using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Templating
{
    /// <summary>The whole corpus through ansible-core's Templar and through ours, compared byte for byte.</summary>
    public class DifferentialTests
    {
        [PeerFact("jinja2", "ansible")]
        public void CorpusRendersLikeAnsible()
        {
            var cases = Corpus.All();
            Assert.True(cases.Count >= 300, "corpus has " + cases.Count + " cases");
            Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
            AssertRendersLikeAnsible(cases, "hx-jinja-differential.txt");
        }

        /// <summary>Ansible's filter and test plugins (random, paths, task results, versions, ...) on their own, a quick run.</summary>
        [PeerFact("jinja2", "ansible")]
        public void AnsiblePluginCorpusRendersLikeAnsible()
        {
            var cases = PluginCorpus.All();
            Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
            AssertRendersLikeAnsible(cases, "hx-jinja-plugin-differential.txt");
        }

        private static void AssertRendersLikeAnsible(IReadOnlyList<TemplateCase> cases, string reportName)
        {
            var failures = Differences(cases, reportName);
            Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " cases differ (all in " + Path.Combine(Path.GetTempPath(), reportName) + "):\n" + string.Join("\n\n", failures.Take(15)));
        }

        /// <summary>Renders the cases through the peer and ours; one entry per case that differs (output, or error line), all written to <paramref name="reportName"/> in the temp folder.</summary>
        internal static List<string> Differences(IReadOnlyList<TemplateCase> cases, string reportName)
        {
            var peer = AnsiblePeer.RenderAll(cases);
            var work = Path.Combine(Path.GetTempPath(), "hx-jinja-" + System.Guid.NewGuid().ToString("N"));
            var failures = new List<string>();
            try
            {
                foreach (var c in cases)
                {
                    var expected = peer[c.Name];
                    var (ok, text, error) = AnsiblePeer.RenderOurs(c, work);
                    if (!ok && !expected.Ok && expected.Line > 0 && error!.Line != expected.Line)
                    {
                        failures.Add(c.Name + "\n  template: " + Show(c.Template) + "\n  ansible fails on line " + expected.Line + ", ours on line " + error.Line + ": " + text);
                    }
                    else if (ok != expected.Ok || (ok && text != expected.Output))
                    {
                        failures.Add(c.Name + "\n  template: " + Show(c.Template) + "\n  ansible:  " + (expected.Ok ? Show(expected.Output) : "ERROR " + expected.Error)
                            + "\n  ours:     " + (ok ? Show(text) : "ERROR " + text));
                    }
                }
            }
            finally
            {
                if (Directory.Exists(work)) Directory.Delete(work, true);
            }
            File.WriteAllText(Path.Combine(Path.GetTempPath(), reportName), string.Join("\n\n", failures));
            return failures;
        }

        private static string Show(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (var ch in s.Length > 600 ? s.Substring(0, 600) + "…" : s)
            {
                if (ch == '\n') sb.Append("\\n");
                else if (ch == '\r') sb.Append("\\r");
                else if (ch == '\t') sb.Append("\\t");
                else sb.Append(ch);
            }
            return sb.Append('"').ToString();
        }
    }
}
