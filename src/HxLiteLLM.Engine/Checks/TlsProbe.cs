using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HxLiteLLM.Checks
{
    /// <summary>What a TLS handshake showed: the peer's certificate and every validation problem.</summary>
    public sealed class TlsOutcome
    {
        internal TlsOutcome(SslStream stream, IReadOnlyList<string> problems, string details)
        {
            Stream = stream;
            Problems = problems;
            Details = details;
        }

        /// <summary>The established stream (the caller may speak HTTP over it); dispose it.</summary>
        public SslStream Stream { get; }
        /// <summary>Empty when the chain, validity period and name are all good.</summary>
        public IReadOnlyList<string> Problems { get; }
        /// <summary>Protocol, subject, issuer, validity and chain, for messages and evidence.</summary>
        public string Details { get; }
        public bool Valid => Problems.Count == 0;
    }

    /// <summary>
    /// A TLS client handshake over any stream (here: a channel opened from the target). Validation is done here,
    /// after the handshake, so every problem is reported instead of a bare "handshake failed": against the system
    /// trust, or, with a root given, against that root only (chain must end at it; expiry and name still count).
    /// </summary>
    public static class TlsProbe
    {
        public static async Task<TlsOutcome> HandshakeAsync(Stream inner, string host, X509Certificate2? trustedRoot, TimeSpan timeout,
            CancellationToken cancellationToken)
        {
            X509Certificate2? leaf = null;
            var policyErrors = SslPolicyErrors.None;
            X509ChainStatusFlags systemChainStatus = 0;
            var ssl = new SslStream(inner, false, (sender, certificate, chain, errors) =>
            {
                if (certificate != null) leaf = new X509Certificate2(certificate);
                policyErrors = errors;
                if (chain != null) foreach (var s in chain.ChainStatus) systemChainStatus |= s.Status;
                return true;
            });
            using var timer = new CancellationTokenSource(timeout);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            using (both.Token.Register(ssl.Dispose))
            {
                try
                {
                    await ssl.AuthenticateAsClientAsync(host, null, SslProtocols.None, false).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException || e is AuthenticationException || e is ObjectDisposedException)
                {
                    ssl.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                    var reason = timer.IsCancellationRequested ? "timed out after " + (int)timeout.TotalMilliseconds + " ms" : e.Message;
                    throw new ProbeException(Results.HxCategory.Tls, "TLS handshake with " + host + " failed: " + reason);
                }
            }
            if (leaf == null)
            {
                ssl.Dispose();
                throw new ProbeException(Results.HxCategory.Tls, "TLS handshake with " + host + " gave no server certificate");
            }
            var problems = new List<string>();
            var details = new StringBuilder();
            details.Append(ssl.SslProtocol).Append("; subject ").Append(leaf.Subject).Append("; issuer ").Append(leaf.Issuer)
                .Append("; valid ").Append(leaf.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" to ").Append(leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if ((policyErrors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                problems.Add("name mismatch: the certificate is not valid for " + host);
            }
            if (trustedRoot == null)
            {
                if ((policyErrors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    problems.Add("chain not trusted by this machine: " + systemChainStatus);
                }
            }
            else
            {
                ValidateAgainstRoot(leaf, trustedRoot, problems, details);
            }
            return new TlsOutcome(ssl, problems, details.ToString());
        }

        private static void ValidateAgainstRoot(X509Certificate2 leaf, X509Certificate2 root, List<string> problems, StringBuilder details)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            // The given root is not (necessarily) in any store: allow an unknown root, then require it to be exactly ours.
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            chain.ChainPolicy.ExtraStore.Add(root);
            chain.Build(leaf);
            var elements = chain.ChainElements.Cast<X509ChainElement>().Select(e => e.Certificate).ToList();
            details.Append("; chain ").Append(string.Join(" <- ", elements.Select(c => c.Subject)));
            var top = elements.LastOrDefault();
            if (top == null || !top.RawData.SequenceEqual(root.RawData))
            {
                problems.Add("chain does not end at the given CA (" + root.Subject + ")" + (top != null ? "; it ends at " + top.Subject : ""));
            }
            var relevant = chain.ChainStatus.Select(s => s.Status)
                .Where(s => s != X509ChainStatusFlags.UntrustedRoot && s != X509ChainStatusFlags.NoError && s != X509ChainStatusFlags.RevocationStatusUnknown
                    && s != X509ChainStatusFlags.OfflineRevocation)
                .ToList();
            if (relevant.Contains(X509ChainStatusFlags.NotTimeValid))
            {
                var now = DateTime.UtcNow;
                var bad = elements.First(c => c.NotAfter.ToUniversalTime() < now || c.NotBefore.ToUniversalTime() > now);
                problems.Add((bad.NotAfter.ToUniversalTime() < now ? "expired " : "not yet valid: starts ") + "(" + bad.Subject + ", valid "
                    + bad.NotBefore.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) + " to "
                    + bad.NotAfter.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")");
                relevant.Remove(X509ChainStatusFlags.NotTimeValid);
            }
            if (relevant.Count > 0) problems.Add("chain problems: " + string.Join(", ", relevant.Distinct()));
        }
    }
}
