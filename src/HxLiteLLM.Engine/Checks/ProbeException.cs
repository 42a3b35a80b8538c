
namespace HxLiteLLM.Checks
{
    /// <summary>A probe over a target's channel failed; the category says at which layer.</summary>
    public sealed class ProbeException : HxException
    {
        public ProbeException(string category, string message) : base("Probe" + category + "Failure", message, kind: HxErrorKind.ConnectionError)
        {
            Category = category;
        }

        public string Category { get; }
    }
}
