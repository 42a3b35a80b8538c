using System.Linq;
using HxLiteLLM.Deploy;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using Xunit;

namespace HxLiteLLM.Tests.Deploy
{
    /// <summary>The callback's JSON lines (as hxlitellm_events.py writes them on ansible-core 2.14) turned into rows.</summary>
    public sealed class PlaybookEventsTests
    {
        private const string Ignored =
            "{\"created\":\"2026-12-07T18:25:26.277700Z\",\"event\":\"runner_on_failed\",\"event_data\":{\"changed\":true,\"end\":1796667926.2776666," +
            "\"host\":\"localhost\",\"ignore_errors\":true,\"msg\":\"non-zero return code\",\"play\":\"all\",\"rc\":1,\"start\":1796667926.0130763," +
            "\"status\":\"ignored\",\"task\":\"fail ignored\",\"task_action\":\"command\"}}";

        private const string Stats =
            "{\"created\":\"2026-12-07T18:25:26.399301Z\",\"event\":\"playbook_on_stats\",\"event_data\":{\"hosts\":{\"localhost\":" +
            "{\"changed\":2,\"failures\":0,\"ignored\":1,\"ok\":3,\"rescued\":0,\"skipped\":1,\"unreachable\":0}}}}";

        [Fact]
        public void AHostResultBecomesOneFlatRow()
        {
            var events = new PlaybookEvents(new SecretRedactor());
            var row = Assert.Single(events.Read(Ignored));
            Assert.Equal("localhost", row.Host);
            Assert.Equal("all", row.Play);
            Assert.Equal("fail ignored", row.Task);
            Assert.Equal("command", row.Action);
            Assert.Equal(HxPlaybookStatus.Ignored, row.Status);
            Assert.True(row.Changed);
            Assert.Equal(1, row.ReturnCode);
            Assert.Equal("non-zero return code", row.Message);
            Assert.Equal(264.6, row.DurationMs);
            Assert.Equal("2026-12-07T18:25:26.013Z", row.StartTime);
            Assert.Equal("2026-12-07T18:25:26.278Z", row.EndTime);
            Assert.True(events.Started);
            Assert.False(events.Finished);
        }

        [Fact]
        public void TheStatsBecomeOneRecapRowPerHost()
        {
            var events = new PlaybookEvents(new SecretRedactor());
            var recap = Assert.Single(events.Read(Stats));
            Assert.Equal(HxPlaybookStatus.Recap, recap.Status);
            Assert.Equal(HxPlaybookTaskResult.RecapTask, recap.Task);
            Assert.Equal((3, 2, 0, 0, 1, 0, 1), (recap.OkCount, recap.ChangedCount, recap.UnreachableCount, recap.FailedCount, recap.SkippedCount, recap.RescuedCount, recap.IgnoredCount));
            Assert.Equal("ok=3 changed=2 unreachable=0 failed=0 skipped=1 rescued=0 ignored=1", recap.Message);
            Assert.Equal("2026-12-07T18:25:26.399Z", recap.EndTime);
            Assert.True(events.Finished);
        }

        [Fact]
        public void OnlyThePlaybookStartSaysTheRunStarted()
        {
            var events = new PlaybookEvents(new SecretRedactor());
            Assert.Empty(events.Read("{\"event\":\"playbook_on_play_start\",\"event_data\":{\"play\":\"all\"}}"));
            Assert.False(events.Started);
            Assert.Empty(events.Read("{\"event\":\"playbook_on_start\",\"event_data\":{\"playbook\":\"site.yml\"}}"));
            Assert.True(events.Started);
        }

        [Fact]
        public void EveryTextIsRedactedTaskNamesIncluded()
        {
            var redactor = new SecretRedactor();
            redactor.Register("sk-topsecret");
            var line = "{\"event\":\"runner_on_failed\",\"event_data\":{\"host\":\"gw1\",\"play\":\"p sk-topsecret\",\"task\":\"print sk-topsecret\"," +
                "\"msg\":\"the key is sk-topsecret\",\"status\":\"failed\",\"task_action\":\"fail\"}}";
            var row = new PlaybookEvents(redactor).Read(line).Single();
            Assert.Equal("the key is ********", row.Message);
            Assert.Equal("print ********", row.Task);
            Assert.Equal("p ********", row.Play);
        }

        [Fact]
        public void ALineThatIsNotAnObjectIsAnError()
        {
            var error = Assert.Throws<HxException>(() => new PlaybookEvents(new SecretRedactor()).Read("[1]"));
            Assert.Equal("AnsibleEventInvalid", error.ErrorId);
        }
    }
}
