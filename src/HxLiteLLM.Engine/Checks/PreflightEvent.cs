using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>What a running pre-flight reports: a finished check, or progress. Exactly one of the two is set.</summary>
    public sealed class PreflightEvent
    {
        private PreflightEvent(HxCheckResult? result, PreflightProgress? progress)
        {
            Result = result;
            Progress = progress;
        }

        public HxCheckResult? Result { get; }
        public PreflightProgress? Progress { get; }

        internal static PreflightEvent Of(HxCheckResult result) => new PreflightEvent(result, null);
        internal static PreflightEvent Of(PreflightProgress progress) => new PreflightEvent(null, progress);
    }

    /// <summary>Where the run is: which host started which step, and how many hosts are done.</summary>
    public sealed class PreflightProgress
    {
        public PreflightProgress(string host, string activity, int completedHosts, int totalHosts)
        {
            Host = host;
            Activity = activity;
            CompletedHosts = completedHosts;
            TotalHosts = totalHosts;
        }

        public string Host { get; }
        /// <summary>The step starting (a check name), or "Done".</summary>
        public string Activity { get; }
        public int CompletedHosts { get; }
        public int TotalHosts { get; }
        public int PercentComplete => TotalHosts == 0 ? 100 : CompletedHosts * 100 / TotalHosts;
    }
}
