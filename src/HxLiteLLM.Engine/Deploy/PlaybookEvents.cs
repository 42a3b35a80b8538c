using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;

namespace HxLiteLLM.Deploy
{
    /// <summary>
    /// The JSON lines of the hxlitellm_events callback (ansible-runner's event names, fields under event_data) turned into
    /// result rows: one per host × task result, one recap row per host from playbook_on_stats. Every text is redacted here,
    /// task and play names included (Ansible templates them, so they can hold a vault value).
    /// </summary>
    public sealed class PlaybookEvents
    {
        public const string PlaybookStart = "playbook_on_start";
        public const string Stats = "playbook_on_stats";

        private readonly SecretRedactor _redactor;

        public PlaybookEvents(SecretRedactor redactor) => _redactor = redactor;

        /// <summary>Whether the playbook got as far as running (its first event came): without it the run did not start.</summary>
        public bool Started { get; private set; }

        /// <summary>Whether the final stats came: a run stopped midway has none.</summary>
        public bool Finished { get; private set; }

        /// <summary>The rows one event line gives: none for bookkeeping events (play start), one per host for the stats.</summary>
        public IReadOnlyList<HxPlaybookTaskResult> Read(string line)
        {
            if (!(PyJsonReader.Parse(line) is IDictionary<object, object?> evt)) throw new HxException("AnsibleEventInvalid",
                "an event line is not a JSON object");
            var name = Text(evt, "event");
            var data = evt.TryGetValue("event_data", out var d) && d is IDictionary<object, object?> dict ? dict : new PyDict();
            switch (name)
            {
                case PlaybookStart:
                    Started = true;
                    return Array.Empty<HxPlaybookTaskResult>();
                case "runner_on_ok":
                case "runner_on_failed":
                case "runner_on_skipped":
                case "runner_on_unreachable":
                    Started = true;
                    return new[] { HostResult(data) };
                case Stats:
                    Finished = true;
                    return Recap(data, IsoText(Text(evt, "created")));
                default:
                    return Array.Empty<HxPlaybookTaskResult>();
            }
        }

        private HxPlaybookTaskResult HostResult(IDictionary<object, object?> data)
        {
            var start = Number(data, "start");
            var end = Number(data, "end");
            return new HxPlaybookTaskResult(_redactor.Redact(Text(data, "host")), _redactor.Redact(Text(data, "task")), Text(data, "status"))
            {
                Play = _redactor.Redact(Text(data, "play")),
                Action = Text(data, "task_action"),
                Changed = data.TryGetValue("changed", out var changed) && changed is bool b && b,
                DurationMs = start is double s && end is double e ? Math.Round((e - s) * 1000, 1) : 0,
                Message = _redactor.Redact(Text(data, "msg")),
                ReturnCode = data.TryGetValue("rc", out var rc) && rc is long code && code >= int.MinValue && code <= int.MaxValue ? (int)code : (int?)null,
                StartTime = Iso(start),
                EndTime = Iso(end),
            };
        }

        private IReadOnlyList<HxPlaybookTaskResult> Recap(IDictionary<object, object?> data, string created)
        {
            if (!(data.TryGetValue("hosts", out var h) && h is IDictionary<object, object?> hosts)) return Array.Empty<HxPlaybookTaskResult>();
            return hosts.Select(kv =>
            {
                var counts = kv.Value as IDictionary<object, object?> ?? new PyDict();
                int Count(string key) => counts.TryGetValue(key, out var v) && v is long n ? (int)n : 0;
                var row = new HxPlaybookTaskResult(_redactor.Redact(Convert.ToString(kv.Key, CultureInfo.InvariantCulture) ?? ""),
                    HxPlaybookTaskResult.RecapTask, HxPlaybookStatus.Recap)
                {
                    OkCount = Count("ok"),
                    ChangedCount = Count("changed"),
                    UnreachableCount = Count("unreachable"),
                    FailedCount = Count("failures"),
                    SkippedCount = Count("skipped"),
                    RescuedCount = Count("rescued"),
                    IgnoredCount = Count("ignored"),
                    EndTime = created,
                };
                row.Changed = row.ChangedCount > 0;
                // Ansible's PLAY RECAP line, single-spaced.
                row.Message = string.Format(CultureInfo.InvariantCulture, "ok={0} changed={1} unreachable={2} failed={3} skipped={4} rescued={5} ignored={6}",
                    row.OkCount, row.ChangedCount, row.UnreachableCount, row.FailedCount, row.SkippedCount, row.RescuedCount, row.IgnoredCount);
                return row;
            }).ToList();
        }

        private static string Text(IDictionary<object, object?> data, string key) =>
            data.TryGetValue(key, out var value) && value != null ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "";

        private static double? Number(IDictionary<object, object?> data, string key)
        {
            if (!data.TryGetValue(key, out var value)) return null;
            switch (value)
            {
                case double d: return d;
                case long l: return l;
                default: return null;
            }
        }

        /// <summary>The callback's microsecond ISO text in the fixed millisecond form of the other times.</summary>
        private static string IsoText(string created) =>
            DateTime.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToString(HxCheckResult.TimestampFormat, CultureInfo.InvariantCulture) : "";

        /// <summary>Seconds since the epoch as the ISO 8601 text of <see cref="HxCheckResult.Timestamp"/>.</summary>
        private static string Iso(double? seconds) => seconds is double s
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(s * 1000)).UtcDateTime.ToString(HxCheckResult.TimestampFormat,
                CultureInfo.InvariantCulture)
            : "";
    }
}
