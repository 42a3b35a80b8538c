using System.Collections.Generic;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// The status of one <see cref="HxPlaybookTaskResult"/>, as Ansible words it (lower case), plus <see cref="Recap"/>
    /// for the per-host PLAY RECAP rows. Text constants like <see cref="HxStatus"/>.
    /// </summary>
    public static class HxPlaybookStatus
    {
        public const string Ok = "ok";
        public const string Changed = "changed";
        public const string Failed = "failed";
        public const string Skipped = "skipped";
        public const string Unreachable = "unreachable";
        /// <summary>A failure under ignore_errors: Ansible counts it as ignored and goes on.</summary>
        public const string Ignored = "ignored";
        /// <summary>A failure inside a block that has a rescue section: the recap decides whether the rescue handled it.</summary>
        public const string Rescued = "rescued";
        /// <summary>A host's PLAY RECAP row: the counts are set, Message is Ansible's recap line.</summary>
        public const string Recap = "recap";

        public static readonly IReadOnlyList<string> All = new[] { Ok, Changed, Failed, Skipped, Unreachable, Ignored, Rescued, Recap };
    }

    /// <summary>
    /// One host × task of an ansible-playbook run as it finished, or (Status recap, Task "PLAY RECAP") one host's
    /// counts at the end. One type for both, so a cmdlet has one output type and Export-Csv one set of columns: the
    /// count properties are null on task rows. Flat like <see cref="HxCheckResult"/>; every text is redacted.
    /// </summary>
    public sealed class HxPlaybookTaskResult
    {
        public const string RecapTask = "PLAY RECAP";

        public HxPlaybookTaskResult(string host, string task, string status)
        {
            Host = host;
            Task = task;
            Status = status;
        }

        /// <summary>The inventory host name.</summary>
        public string Host { get; set; }
        /// <summary>The play's name as Ansible prints it after PLAY.</summary>
        public string Play { get; set; } = "";
        /// <summary>The task's name as Ansible prints it after TASK (role tasks as "role : name"); PLAY RECAP on recap rows.</summary>
        public string Task { get; set; }
        /// <summary>The module or action, e.g. ansible.builtin.command; empty on recap rows.</summary>
        public string Action { get; set; } = "";
        /// <summary>One of <see cref="HxPlaybookStatus"/>.</summary>
        public string Status { get; set; }
        /// <summary>Whether the task changed the host (recap rows: whether anything changed on it).</summary>
        public bool Changed { get; set; }
        /// <summary>From the host starting the task to its result arriving.</summary>
        public double DurationMs { get; set; }
        /// <summary>The module's msg (or stderr when there is none); the recap line on recap rows.</summary>
        public string Message { get; set; } = "";
        /// <summary>The module's rc when it reported one.</summary>
        public int? ReturnCode { get; set; }
        /// <summary>When the host started the task: ISO 8601 UTC text, as <see cref="HxCheckResult.Timestamp"/>; empty on recap rows.</summary>
        public string StartTime { get; set; } = "";
        /// <summary>When the result arrived: ISO 8601 UTC text.</summary>
        public string EndTime { get; set; } = "";
        public int? OkCount { get; set; }
        public int? ChangedCount { get; set; }
        public int? UnreachableCount { get; set; }
        public int? FailedCount { get; set; }
        public int? SkippedCount { get; set; }
        public int? RescuedCount { get; set; }
        public int? IgnoredCount { get; set; }

        public override string ToString() => $"{Status} {Host}: {Task}" + (Message.Length > 0 ? ": " + Message : "");
    }
}
