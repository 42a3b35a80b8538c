using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HxLiteLLM.Checks;
using HxLiteLLM.Evidence;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>Alone, so the allocation count is this test's own.</summary>
    [CollectionDefinition(nameof(TargetOutputLimitTests), DisableParallelization = true)]
    public sealed class TargetOutputLimitCollection
    {
    }

    /// <summary>Whatever a target prints costs this machine bounded memory, and the cut is reported.</summary>
    [Collection(nameof(TargetOutputLimitTests))]
    public sealed class TargetOutputLimitTests : IDisposable
    {
        private readonly string _dir;

        public TargetOutputLimitTests()
        {
            _dir = Path.Combine(Path.GetTempPath(), "hx-output-limit-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void BoundedTextKeepsHeadAndTailAndCountsTheRest()
        {
            var text = new BoundedText(4, 3);
            text.Write("ab");
            text.Write('c');
            Assert.Equal("abc", text.ToString());
            text.Write("defgh".ToCharArray(), 0, 5);
            Assert.Equal(8, text.Total);
            Assert.Equal(1, text.Cut);
            Assert.Equal("abcd\n[... 1 of 8 characters cut ...]\nfgh", text.ToString());
            foreach (var c in "ijklmnopqrstuvwxyz") text.Write(c);
            text.Write("0123456789".ToCharArray(), 2, 2);
            Assert.Equal("abcd\n[... 21 of 28 characters cut ...]\nz23", text.ToString());
        }

        [Fact]
        public void TheStreamingReaderReadsTheSameSectionsInAnyChunksAndCutsLongOnes()
        {
            var text = "noise before\n@@hx-begin a\nline1\n\n@@hx-end a 0\n@@hx-begin long\n" + new string('x', 3 * ProbeOutputReader.SectionHead) + "\nlast line\n@@hx-end long 1\n@@hx-begin open\nnever ends";
            var whole = ProbeOutput.Parse(text);
            var reader = new ProbeOutputReader();
            foreach (var chunk in Enumerable.Range(0, (text.Length + 999) / 1000)) reader.Write(text.Substring(chunk * 1000, Math.Min(1000, text.Length - chunk * 1000)));
            var chunked = reader.Complete();
            foreach (var probe in new[] { whole, chunked })
            {
                Assert.Equal(2, probe.Sections.Count);
                Assert.Equal("line1\n", probe["a"]!.Output);
                Assert.Equal(0, probe["a"]!.CutCharacters);
                var cut = probe["long"]!;
                Assert.Equal(1, cut.ExitCode);
                Assert.Equal(3L * ProbeOutputReader.SectionHead + "\nlast line".Length - ProbeOutputReader.SectionHead - ProbeOutputReader.SectionTail, cut.CutCharacters);
                Assert.EndsWith("characters cut ...]\n" + new string('x', ProbeOutputReader.SectionTail - "\nlast line".Length) + "\nlast line", cut.Output);
                Assert.True(cut.Output.Length < ProbeOutputReader.SectionHead + ProbeOutputReader.SectionTail + 100);
            }
        }

        /// <summary>A trust bundle of 100 MB of text: the probe's CaTrust section prints all of it (no certificate matches the filter).</summary>
        private (PreflightOptions Options, string Ca) HugeBundle(long bytes)
        {
            var bundle = Path.Combine(_dir, "huge-bundle.pem");
            var line = Encoding.ASCII.GetBytes(new string('x', 99) + "\n");
            using (var file = File.Create(bundle))
            {
                for (long written = 0; written < bytes; written += line.Length) file.Write(line, 0, line.Length);
            }
            var system = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt");
            var start = system.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
            var end = system.IndexOf("-----END CERTIFICATE-----", start, StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
            var ca = Path.Combine(_dir, "root.pem");
            File.WriteAllText(ca, system.Substring(start, end - start) + "\n");
            return (new PreflightOptions { Checks = PreflightChecks.CaTrust, CaCertificatePath = ca, CaBundlePath = bundle }, ca);
        }

        private static void AssertCutReported(HxCheckResult result, long printed)
        {
            Assert.Equal(HxStatus.Failed, result.Status);
            Assert.Contains("(target output cut: ca.bundle printed " + (printed + "/huge-bundle.pem".Length).ToString().Substring(0, 3), result.Message);
            Assert.Contains(" of them not kept (the first 1048576 and last 65536 are)", result.Message);
            Assert.True(result.Message.Length <= 4400, "message of " + result.Message.Length + " characters");
        }

        /// <summary>Runs the CaTrust check on this machine against a bundle of the given size; the result and the bytes allocated meanwhile.</summary>
        private (HxCheckResult Result, long Allocated) RunLocally(long printed)
        {
            var (options, _) = HugeBundle(printed);
            var store = new EvidenceStore(Path.Combine(_dir, "evidence-" + printed), new SecretRedactor());
            var host = new PreflightHost("chatty", new RemoteConnectionOptions("localhost") { Local = true, CommandTimeout = TimeSpan.FromMinutes(10) });
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var result = new PreflightRunner(options, store).RunResults(new[] { host }, CancellationToken.None).Single(r => r.Check == "CaTrust");
            return (result, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        [Fact]
        public void ATargetPrintingAHundredMegabytesIsReadInBoundedMemoryAndTheCutIsReported()
        {
            const long printed = 100L * 1000 * 1000;
            var (small, smallAllocated) = RunLocally(printed / 5);
            var (result, allocated) = RunLocally(printed);
            // Kept whole, 100 MB of output costs at least 200 MB as .NET text, several times over. Bounded, the cost
            // does not grow with the output: five times the output allocates about the same.
            Assert.True(allocated < 160L * 1024 * 1024, "allocated " + allocated + " bytes");
            Assert.True(allocated < smallAllocated + 32L * 1024 * 1024, "allocated " + allocated + " bytes for 100 MB, " + smallAllocated + " for 20 MB");
            AssertCutReported(small, printed / 5);
            AssertCutReported(result, printed);
            var evidence = new FileInfo(result.EvidencePath);
            Assert.True(evidence.Length < 4L * 1024 * 1024, "evidence of " + evidence.Length + " bytes");
        }

        [FixtureFact("ssh")]
        public void OverSshTheOutputIsStreamedAndCutToo()
        {
            const long printed = 20L * 1000 * 1000;
            var (options, _) = HugeBundle(printed);
            var host = new PreflightHost("chatty", new RemoteConnectionOptions("127.0.0.1")
            {
                Port = FixturePeers.SshPort,
                User = FixturePeers.SshUser,
                KeyFilePath = FixturePeers.SshKey,
                KnownHostsPath = FixturePeers.SshKnownHosts,
                CommandTimeout = TimeSpan.FromMinutes(10),
            });
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var result = new PreflightRunner(options).RunResults(new[] { host }, CancellationToken.None).Single(r => r.Check == "CaTrust");
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            // SSH.NET's own packet buffers are counted too: still far below the 40 MB that the text alone would take.
            Assert.True(allocated < 256L * 1024 * 1024, "allocated " + allocated + " bytes");
            AssertCutReported(result, printed);
        }
    }
}
