using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>Decisions about a pre-flight run that the cmdlet and the pipeline share.</summary>
    public static class PreflightPlan
    {
        /// <summary>The api_base of every entry of litellm_backends (name → {api_base}) in a host's variables.</summary>
        public static IEnumerable<string> BackendUrls(IDictionary<object, object?> vars)
        {
            if (!vars.TryGetValue("litellm_backends", out var value) || !(value is IDictionary<object, object?> backends)) yield break;
            foreach (var backend in backends.Values)
            {
                if (backend is IDictionary<object, object?> b && b.TryGetValue("api_base", out var url) && url is string s && s.Length > 0) yield return s;
            }
        }

        /// <summary>
        /// Without a root CA certificate the CA trust check cannot run; it is reported as a Warning per host with the
        /// fix, not silently left out. Returns the checks to run and the warnings.
        /// </summary>
        public static (PreflightChecks Checks, IReadOnlyList<HxCheckResult> NotRun) WithoutMissingCa(PreflightChecks checks, string? caCertificatePath,
            IEnumerable<PreflightHost> hosts)
        {
            if ((checks & PreflightChecks.CaTrust) == 0 || !string.IsNullOrEmpty(caCertificatePath)) return (checks, new HxCheckResult[0]);
            var warnings = hosts.Select(h => new HxCheckResult(PreflightCheckNames.Phase, PreflightCheckNames.CaTrust, h.Name, HxStatus.Warning,
                "not checked: no root CA certificate was given (-CertificatePath)")
            {
                Category = HxCategory.Trust,
                Task = SeedTask.CaTrust,
                Remediation = "Give the PEM of the internal root CA: -CertificatePath <hx-root-ca.pem>",
            }).ToList();
            return (checks & ~PreflightChecks.CaTrust, warnings);
        }
    }
}
