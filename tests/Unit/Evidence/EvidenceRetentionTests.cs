using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HxLiteLLM.Evidence;
using Xunit;

namespace HxLiteLLM.Tests.Evidence
{
    /// <summary>-KeepLast keeps the newest run folders of each area and touches nothing else.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class EvidenceRetentionTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hx-retention-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, true);
        }

        private string Run(string area, string stamp)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_root, area, stamp)).FullName;
            File.WriteAllText(Path.Combine(folder, "results.json"), "[]");
            return folder;
        }

        private IReadOnlyList<string> Left(string area) =>
            Directory.EnumerateFileSystemEntries(Path.Combine(_root, area)).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList()!;

        [Fact]
        public void KeepsTheNewestRunsOfEachAreaCountingSameSecondSuffixesAfterThePlainStamp()
        {
            foreach (var stamp in new[] { "20261101T100000Z", "20261101T100000Z-2", "20261101T100000Z-10", "20261102T090000Z", "20261103T080000Z" })
            {
                Run(EvidenceArea.Preflight, stamp);
            }
            Run(EvidenceArea.Orchestration, "20261101T100000Z");
            var removed = EvidenceRetention.Prune(_root, new[] { EvidenceArea.Preflight, EvidenceArea.Orchestration }, 2, "20261103T080000Z", (_, _) => true);
            Assert.Equal(new[] { "20261101T100000Z", "20261101T100000Z-2", "20261101T100000Z-10" }, removed.Select(Path.GetFileName));
            Assert.Equal(new[] { "20261102T090000Z", "20261103T080000Z" }, Left(EvidenceArea.Preflight));
            Assert.Equal(new[] { "20261101T100000Z" }, Left(EvidenceArea.Orchestration));
        }

        [Fact]
        public void NeverRemovesTheCurrentRunNorAnythingNotNamedAsAStamp()
        {
            Run(EvidenceArea.Preflight, "20261101T100000Z");
            Run(EvidenceArea.Preflight, "20261102T100000Z");
            // The current run is the oldest here (a clock set back): it stays anyway.
            Run(EvidenceArea.Preflight, "20261001T100000Z");
            Run(EvidenceArea.Preflight, "notes");
            Run(EvidenceArea.Preflight, "20261101T100000Z-1");
            File.WriteAllText(Path.Combine(_root, EvidenceArea.Preflight, "20260101T000000Z"), "a file, not a run folder");
            EvidenceRetention.Prune(_root, new[] { EvidenceArea.Preflight }, 1, "20261001T100000Z", (_, _) => true);
            Assert.Equal(new[] { "20260101T000000Z", "20261001T100000Z", "20261101T100000Z-1", "20261102T100000Z", "notes" }, Left(EvidenceArea.Preflight));
        }

        [Fact]
        public void NeverFollowsNorRemovesALinkedRunFolderAndUnlinksALinkInsideWithoutFollowingIt()
        {
            var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
            File.WriteAllText(Path.Combine(outside, "keep.txt"), "not evidence");
            Directory.CreateDirectory(Path.Combine(_root, EvidenceArea.Preflight));
            Directory.CreateSymbolicLink(Path.Combine(_root, EvidenceArea.Preflight, "20261001T100000Z"), outside);
            var old = Run(EvidenceArea.Preflight, "20261002T100000Z");
            File.CreateSymbolicLink(Path.Combine(old, "planted"), outside);
            Run(EvidenceArea.Preflight, "20261103T100000Z");
            var removed = EvidenceRetention.Prune(_root, new[] { EvidenceArea.Preflight }, 1, null, (_, _) => true);
            Assert.Equal(new[] { old }, removed);
            Assert.True(File.Exists(Path.Combine(outside, "keep.txt")));
            Assert.Equal(new[] { "20261001T100000Z", "20261103T100000Z" }, Left(EvidenceArea.Preflight));
        }

        [Fact]
        public void UnderWhatIfSaysWhatWouldBeRemovedAndRemovesNothing()
        {
            var old = Run(EvidenceArea.RoleValidation, "20261001T100000Z");
            Run(EvidenceArea.RoleValidation, "20261002T100000Z");
            var asked = new List<(string Target, string Action)>();
            var removed = EvidenceRetention.Prune(_root, new[] { EvidenceArea.RoleValidation, "missing_area" }, 1, null, (target, action) =>
            {
                asked.Add((target, action));
                return false;
            });
            Assert.Empty(removed);
            Assert.Equal(new[] { (old, "Remove evidence folder (-KeepLast 1)") }, asked);
            Assert.True(Directory.Exists(old));
        }

        [Fact]
        public void KeepLastBelowOneIsRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceRetention.Surplus(_root, EvidenceArea.Preflight, 0, null));
        }
    }
}
