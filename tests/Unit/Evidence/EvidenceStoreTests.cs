using System;
using System.IO;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using Xunit;

namespace HxLiteLLM.Tests.Evidence
{
    public sealed class EvidenceStoreTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hx-evidence-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, true);
        }

        [Fact]
        public void LaysOutTheRunUnderAreaAndSortableUtcStamp()
        {
            var store = new EvidenceStore(_root, new SecretRedactor(), new DateTime(2026, 11, 25, 9, 5, 7, DateTimeKind.Utc));
            var path = store.WriteText(EvidenceArea.Preflight, "dns/gateway.txt", "A 127.0.0.1\n");
            Assert.Equal(Path.Combine(_root, "api-preflight", "20261125T090507Z", "dns", "gateway.txt"), path);
            Assert.Equal("A 127.0.0.1\n", File.ReadAllText(path));
            Assert.Equal("20261125T090507Z", store.Stamp);
            Assert.DoesNotContain(':', store.Stamp);
            var log = store.WriteOrchestrationLog("done\n");
            Assert.Equal(Path.Combine(_root, "litellm_orchestration_20261125T090507Z.txt"), log);
        }

        [Fact]
        public void HostEvidenceIsCreatedInNewFoldersRedactedOnceAndARunInTheSameSecondGetsItsOwnStamp()
        {
            var redactor = new SecretRedactor();
            redactor.Register("s3cret");
            var started = new DateTime(2026, 11, 25, 9, 5, 7, DateTimeKind.Utc);
            var first = new EvidenceStore(_root, redactor, started);
            var path = first.WriteNewText(EvidenceArea.Preflight, "dns/gw1.txt", "key s3cret\n");
            Assert.Equal(Path.Combine(_root, "api-preflight", "20261125T090507Z", "dns", "gw1.txt"), path);
            Assert.Equal("key ********\n", File.ReadAllText(path));
            Assert.Equal(Path.Combine(_root, "api-preflight", "20261125T090507Z", "network", "gw1.txt"), first.WriteNewText(EvidenceArea.Preflight, "network/gw1.txt", "up\n"));
            Assert.True(OwnedFolder.IsOwned(_root));
            // A run starting in the same second gets its own stamp, hence its own file.
            Assert.Equal(Path.Combine(_root, "api-preflight", "20261125T090507Z-2", "dns", "gw1.txt"),
                new EvidenceStore(_root, redactor, started).WriteNewText(EvidenceArea.Preflight, "dns/gw1.txt", "second\n"));
            Assert.Equal("key ********\n", File.ReadAllText(path));
            // A run writes a host's file once: a second write of it is an error, never a silent overwrite.
            Assert.Throws<IOException>(() => first.WriteNewText(EvidenceArea.Preflight, "dns/gw1.txt", "again\n"));
            Assert.Equal("key ********\n", File.ReadAllText(path));
            Assert.Throws<HxException>(() => first.WriteNewText(EvidenceArea.Preflight, "../../escape.txt", "x"));
        }

        [Fact]
        public void RedactsEverySpellingOfARegisteredSecret()
        {
            var redactor = new SecretRedactor();
            redactor.Register("sk-\"quoted\"\\é");
            var store = new EvidenceStore(_root, redactor);
            var result = new HxCheckResult("Inventory", "MasterKey", "vault.yml", HxStatus.Failed, "value sk-\"quoted\"\\é is exposed");
            var json = File.ReadAllText(store.WriteResults(EvidenceArea.RoleValidation, new[] { result }));
            Assert.DoesNotContain("quoted", json);
            Assert.Contains(SecretRedactor.Mask, json);
            Assert.Equal("a ******** b", redactor.Redact("a sk-\\\"quoted\\\"\\\\\\u00e9 b"));
        }

        [Fact]
        public void ResultsJsonHasOneFlatObjectPerResult()
        {
            var r = new HxCheckResult("Preflight", "DnsForward", "gateway.hx.test", HxStatus.Passed, "127.0.0.1")
            {
                Timestamp = "2026-01-02T03:04:05.678Z",
                Category = HxCategory.Dns,
                DurationMs = 1.23456,
            };
            Assert.Equal(
                "[\n  {\n    \"Timestamp\": \"2026-01-02T03:04:05.678Z\",\n    \"Phase\": \"Preflight\",\n    \"Check\": \"DnsForward\",\n" +
                "    \"Target\": \"gateway.hx.test\",\n    \"Status\": \"Passed\",\n    \"Category\": \"Dns\",\n    \"Message\": \"127.0.0.1\",\n" +
                "    \"Remediation\": \"\",\n    \"DurationMs\": 1.235,\n    \"EvidencePath\": \"\"\n  }\n]\n",
                EvidenceStore.ResultsJson(new[] { r }));
        }

        [Fact]
        public void RefusesPathsThatLeaveTheRunFolder()
        {
            var store = new EvidenceStore(_root, new SecretRedactor());
            var error = Assert.Throws<HxException>(() => store.WriteText(EvidenceArea.Preflight, "../../escape.txt", "x"));
            Assert.Equal("EvidencePathOutsideRun", error.ErrorId);
        }

        [Fact]
        public void AtomicWriteReplacesContentKeepsModeAndLeavesNoTempFiles()
        {
            Directory.CreateDirectory(_root);
            var path = Path.Combine(_root, "vault.yml");
            AtomicFile.WriteAllText(path, "one", unixMode: Convert.ToInt32("600", 8));
            AtomicFile.WriteAllText(path, "two");
            Assert.Equal("two", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_root));
            if (UnixPermissions.IsSupported) Assert.Equal(Convert.ToInt32("600", 8), UnixPermissions.Get(path));
            Assert.Equal(new byte[] { (byte)'t', (byte)'w', (byte)'o' }, File.ReadAllBytes(path));
        }
    }
}
