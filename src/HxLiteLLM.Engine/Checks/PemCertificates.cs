using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HxLiteLLM.Checks
{
    /// <summary>PEM certificate blocks and their SHA-256 fingerprints (of the DER), as openssl x509 -fingerprint -sha256 prints them.</summary>
    public static class PemCertificates
    {
        private static readonly Regex Block = new Regex("-----BEGIN CERTIFICATE-----(?<b64>[A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----",
            RegexOptions.Compiled);

        /// <summary>The DER bytes of every well-formed certificate block, in order; malformed blocks are left out.</summary>
        public static IReadOnlyList<byte[]> Read(string pem)
        {
            var result = new List<byte[]>();
            foreach (Match m in Block.Matches(pem))
            {
                try
                {
                    result.Add(Convert.FromBase64String(Regex.Replace(m.Groups["b64"].Value, "\\s", "")));
                }
                catch (FormatException)
                {
                    // a damaged block is not a certificate the trust store could use either
                }
            }
            return result;
        }

        /// <summary>Upper-case hex pairs separated by colons, e.g. <c>3A:0F:…</c>.</summary>
        public static string Sha256Fingerprint(byte[] der)
        {
            using var sha = SHA256.Create();
            return string.Join(":", sha.ComputeHash(der).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
