namespace HxLiteLLM.Results
{
    /// <summary>How one phase of a pipeline run ended. Flat, like every result.</summary>
    public sealed class HxPhaseSummary
    {
        public HxPhaseSummary(string phase, string outcome)
        {
            Phase = phase;
            Outcome = outcome;
        }

        public string Phase { get; }
        /// <summary>Completed, Failed (completed with failures), Skipped (not selected) or NotStarted (an earlier phase failed).</summary>
        public string Outcome { get; set; }
        public int Passed { get; set; }
        public int Failed { get; set; }
        public int Warning { get; set; }
        public int Skipped { get; set; }
        public double DurationMs { get; set; }
        public string EvidencePath { get; set; } = "";

        public override string ToString() => Phase + ": " + Outcome + " (" + HxStatus.CountText(Passed, Failed, Warning, Skipped) + ")";
    }
}
