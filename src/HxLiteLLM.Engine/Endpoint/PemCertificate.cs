using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Endpoint
{
    /// <summary>PEM certificates (netstandard2.0 has no PEM reader): each BEGIN/END CERTIFICATE block as an X509Certificate2.</summary>
    public static class PemCertificate
    {
        private static readonly Regex Block = new Regex(@"-----BEGIN CERTIFICATE-----(?<b64>[A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----", RegexOptions.CultureInvariant);

        public static IReadOnlyList<X509Certificate2> ParseAll(string pem)
        {
            var certificates = new List<X509Certificate2>();
            foreach (Match m in Block.Matches(pem))
            {
                certificates.Add(new X509Certificate2(Convert.FromBase64String(Regex.Replace(m.Groups["b64"].Value, @"\s", ""))));
            }
            return certificates;
        }

        public static X509Certificate2 Parse(string pem)
        {
            var all = ParseAll(pem);
            if (all.Count == 0) throw new HxException("CertificateNotPem", "No PEM certificate (-----BEGIN CERTIFICATE-----) found. Give the CA certificate in PEM form.");
            return all[0];
        }
    }
}
