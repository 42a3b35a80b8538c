using System;
using System.Collections.Generic;

namespace HxLiteLLM.Endpoint
{
    /// <summary>What the gateway smoke test asks of a LiteLLM proxy.</summary>
    public sealed class EndpointProbeOptions
    {
        public EndpointProbeOptions(Uri baseUri, string masterKey)
        {
            BaseUri = baseUri;
            MasterKey = masterKey;
        }

        /// <summary>The proxy's base address, e.g. http://gw1:4000 (a path prefix is kept).</summary>
        public Uri BaseUri { get; }
        public string MasterKey { get; }
        /// <summary>The inventory host the gateway runs on, when it came from an inventory: results name it before the address.</summary>
        public string? HostName { get; set; }
        /// <summary>Model names /v1/models must list exactly; empty skips the comparison.</summary>
        public IReadOnlyCollection<string> ExpectedModels { get; set; } = Array.Empty<string>();
        /// <summary>Models that get one tiny chat completion each.</summary>
        public IReadOnlyCollection<string> ChatModels { get; set; } = Array.Empty<string>();
        public int MaxTokens { get; set; } = 16;
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>Retry the whole sequence until it passes or this much time has gone (Goss-style); zero = one attempt.</summary>
        public TimeSpan RetryTimeout { get; set; } = TimeSpan.Zero;
        public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>PEM file of the CA the proxy's TLS certificate must chain to (instead of the system store).</summary>
        public string? CertificateAuthorityPath { get; set; }
    }
}
