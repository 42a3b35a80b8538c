using System;
using System.IO;

namespace HxLiteLLM.Tests.Reliability
{
    /// <summary>
    /// Lines for the Test task's summary ("10000 inputs, 0 crashes"): appended to the file named by HX_TEST_REPORT,
    /// which build.ps1 prints after the run, so a reader sees the counts and not only pass/fail.
    /// </summary>
    internal static class TestReport
    {
        private static readonly object Gate = new object();

        public static void Line(string text)
        {
            var path = Environment.GetEnvironmentVariable("HX_TEST_REPORT");
            if (string.IsNullOrEmpty(path)) return;
            lock (Gate) File.AppendAllText(path, text + Environment.NewLine);
        }
    }
}
