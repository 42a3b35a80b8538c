using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;

namespace HxLiteLLM.Reporting
{
    /// <summary>
    /// JUnit XML as Azure DevOps PublishTestResults and the GitHub test reporters read it: one testsuite per phase,
    /// one testcase per check × target. Failed → failure, Skipped → skipped, Warning → passed with its text in system-out.
    /// </summary>
    public static class JUnitReportWriter
    {
        public static string Write(IReadOnlyCollection<HxCheckResult> results, SecretRedactor redactor)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            using var stream = new MemoryStream();
            using (var w = XmlWriter.Create(stream, settings))
            {
                w.WriteStartDocument();
                w.WriteStartElement("testsuites");
                w.WriteAttributeString("name", "HxLiteLLM");
                WriteCounts(w, results);
                foreach (var phase in results.GroupBy(r => r.Phase))
                {
                    var suite = phase.ToList();
                    w.WriteStartElement("testsuite");
                    w.WriteAttributeString("name", phase.Key);
                    WriteCounts(w, suite);
                    w.WriteAttributeString("timestamp", Started(suite).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                    foreach (var r in suite)
                    {
                        w.WriteStartElement("testcase");
                        // The seed task leads the class name, so a CI test tab groups results by requirement (TASK-3.01.01 ...).
                        w.WriteAttributeString("classname", (r.Task.Length > 0 ? "TASK-" + r.Task + "." : "") + r.Phase + "." + r.Check);
                        w.WriteAttributeString("name", r.Check + " [" + redactor.Redact(r.Target) + "]");
                        w.WriteAttributeString("time", Seconds(r.DurationMs));
                        var message = redactor.Redact(r.Message);
                        switch (r.Status)
                        {
                            case HxStatus.Failed:
                                w.WriteStartElement("failure");
                                w.WriteAttributeString("message", message);
                                w.WriteAttributeString("type", r.Category.ToString());
                                w.WriteString(message + (r.Remediation.Length > 0 ? "\nRemediation: " + redactor.Redact(r.Remediation) : ""));
                                w.WriteEndElement();
                                break;
                            case HxStatus.Skipped:
                                w.WriteStartElement("skipped");
                                w.WriteAttributeString("message", message);
                                w.WriteEndElement();
                                break;
                            case HxStatus.Warning:
                                w.WriteElementString("system-out", "WARNING: " + message);
                                break;
                        }
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                w.WriteEndDocument();
            }
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        private static void WriteCounts(XmlWriter w, IReadOnlyCollection<HxCheckResult> results)
        {
            w.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("failures", results.Count(r => r.Status == HxStatus.Failed).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("skipped", results.Count(r => r.Status == HxStatus.Skipped).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("time", Seconds(results.Sum(r => r.DurationMs)));
        }

        /// <summary>The earliest result of a suite; the timestamps are ISO 8601 UTC text, so ordinal order is time order.</summary>
        private static DateTime Started(IEnumerable<HxCheckResult> suite) =>
            DateTime.Parse(suite.Select(r => r.Timestamp).OrderBy(t => t, StringComparer.Ordinal).First(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        private static string Seconds(double ms) => (ms / 1000).ToString("0.###", CultureInfo.InvariantCulture);
    }
}
