using System;
using System.Globalization;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// One check on one target. Flat by design: every property is a scalar so Export-Csv and
    /// ConvertTo-Json give clean columns, and the names are stable for scripts and auditors.
    /// Target, Message and Remediation quote what targets and inventories hold, so they (and every other text property
    /// a report prints) are made safe where they are set (<see cref="ControlText"/>): every console, log, JUnit file and CI
    /// annotation shows them without control characters or CI logging commands.
    /// </summary>
    public sealed class HxCheckResult
    {
        public HxCheckResult(string phase, string check, string target, string status, string message)
        {
            Timestamp = DateTime.UtcNow.ToString(TimestampFormat, CultureInfo.InvariantCulture);
            Phase = phase;
            Check = check;
            Target = target;
            Status = status;
            Message = message;
        }

        /// <summary>The text form of <see cref="Timestamp"/>: ISO 8601, UTC, fixed width.</summary>
        public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        /// <summary>
        /// When the check finished: ISO 8601 UTC text of fixed width (2026-01-02T03:04:05.678Z). Text, not DateTime,
        /// because Export-Csv writes a DateTime in the current culture's format; this reads the same in CSV, JSON and
        /// every culture, and still sorts and compares in time order (Sort-Object Timestamp, -lt). For arithmetic,
        /// [DateTimeOffset]$r.Timestamp gives the time value.
        /// </summary>
        public string Timestamp { get; set; }
        /// <summary>Preflight, Inventory, RoleValidation or Endpoint.</summary>
        public string Phase { get => _phase; set => _phase = ControlText.Line(value); }
        private string _phase = "";
        /// <summary>Name of the check, e.g. DnsForward, PythonRuntime.</summary>
        public string Check { get => _check; set => _check = ControlText.Line(value); }
        private string _check = "";
        /// <summary>Host, file or URL the check looked at; one line.</summary>
        public string Target { get => _target; set => _target = ControlText.Line(value); }
        private string _target = "";
        /// <summary>One of <see cref="HxStatus"/>: Passed, Failed, Warning or Skipped.</summary>
        public string Status { get => _status; set => _status = ControlText.Line(value); }
        private string _status = "";
        /// <summary>One of <see cref="HxCategory"/>: the area of the check, on a pass as on a failure, so results group by it whatever their status.</summary>
        public string Category { get => _category; set => _category = ControlText.Line(value); }
        private string _category = HxCategory.None;
        public string Message { get => _message; set => _message = ControlText.Lines(value); }
        private string _message = "";
        /// <summary>What to do about a failure; empty when nothing is needed.</summary>
        public string Remediation { get => _remediation; set => _remediation = ControlText.Lines(value); }
        private string _remediation = "";
        public double DurationMs { get; set; }
        /// <summary>File or folder holding this check's evidence; empty when none was written.</summary>
        public string EvidencePath { get; set; } = "";
        /// <summary>The seed task this check implements, e.g. 3.01.01 (DNS); empty for checks outside the seed (the endpoint smoke test).</summary>
        public string Task { get => _task; set => _task = ControlText.Line(value); }
        private string _task = "";
        /// <summary>The requirement the task belongs to, e.g. REQ-3.01; derived from <see cref="Task"/>.</summary>
        public string Requirement => SeedTask.RequirementOf(Task);
        /// <summary>The file the finding is in (a template, a vars file, an inventory), as the check read it; empty when it is not tied to a file.</summary>
        public string File { get => _file; set => _file = ControlText.Line(value); }
        private string _file = "";
        /// <summary>1-based line in <see cref="File"/>; 0 when not known.</summary>
        public int Line { get; set; }
        /// <summary>1-based column in <see cref="File"/>; 0 when not known.</summary>
        public int Column { get; set; }

        /// <summary>Sets where in a file the finding is (<see cref="File"/>, <see cref="Line"/>, <see cref="Column"/>) and returns the result.</summary>
        public HxCheckResult At(string? file, int line = 0, int column = 0)
        {
            File = file ?? "";
            Line = line > 0 ? line : 0;
            Column = column > 0 ? column : 0;
            return this;
        }

        public override string ToString() => $"{Status} {Phase}/{Check} {Target}: {Message}";
    }
}
