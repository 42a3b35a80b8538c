using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// The root CA is trusted by the target when its certificate (compared by SHA-256 of the DER, never by file
    /// name) is one of the certificates in the target's trust bundle.
    /// </summary>
    public static class CaTrustCheck
    {
        /// <summary>Debian/Ubuntu, RHEL/Fedora, SUSE, Alpine-style bundles, in lookup order.</summary>
        public static readonly IReadOnlyList<string> SystemBundles = new[]
        {
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/ca-bundle.pem",
            "/etc/ssl/cert.pem",
        };

        /// <summary>Reads the CA to look for from a PEM (or DER) file on this machine.</summary>
        public static X509Certificate2 LoadCertificate(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (IOException e)
            {
                throw new HxException("CaCertificateUnreadable", "CA certificate '" + path + "' cannot be read: " + e.Message, path);
            }
            var pem = PemCertificates.Read(System.Text.Encoding.ASCII.GetString(bytes));
            try
            {
                return new X509Certificate2(pem.Count > 0 ? pem[0] : bytes);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new HxException("CaCertificateInvalid", "CA certificate '" + path + "' holds no PEM or DER certificate: " + e.Message, path);
            }
        }

        public static (HxCheckResult Result, string Evidence) Evaluate(string target, ProbeSection? bundle, X509Certificate2 ca, string caName)
        {
            var fingerprint = PemCertificates.Sha256Fingerprint(ca.RawData);
            var evidence = "CA: " + ca.Subject + "\nCA SHA-256: " + fingerprint + "\n";
            if (bundle == null || !bundle.Succeeded)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.CaTrust, target, HxStatus.Failed, HxCategory.Trust,
                    "no readable trust bundle on the target: " + Evidence.Brief(bundle), Remediation(SystemBundles[0], caName)), evidence + Evidence.Sections(bundle));
            }
            var newline = bundle.Output.IndexOf('\n');
            var path = newline < 0 ? bundle.Output : bundle.Output.Substring(0, newline);
            var certificates = PemCertificates.Read(newline < 0 ? "" : bundle.Output.Substring(newline + 1));
            var fingerprints = certificates.Select(PemCertificates.Sha256Fingerprint).ToList();
            evidence += "bundle: " + path + " (" + certificates.Count + " certificates)\n";
            var index = fingerprints.IndexOf(fingerprint);
            if (index < 0)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.CaTrust, target, HxStatus.Failed, HxCategory.Trust,
                    ca.Subject + " (SHA-256 " + fingerprint + ") is not among the " + certificates.Count + " certificates of " + path, Remediation(path, caName)),
                    evidence + "not found\n");
            }
            return (PreflightCheckNames.Result(PreflightCheckNames.CaTrust, target, HxStatus.Passed, HxCategory.Trust,
                ca.Subject + " (SHA-256 " + fingerprint + ") found in " + path + " (certificate " + (index + 1) + " of " + certificates.Count + ")"),
                evidence + "found at position " + (index + 1) + "\n");
        }

        /// <summary>The distribution's way to add a root CA, chosen by the bundle the target uses.</summary>
        public static string Remediation(string bundlePath, string caName)
        {
            var file = Path.GetFileName(caName);
            var crt = Path.ChangeExtension(file, ".crt");
            return bundlePath.StartsWith("/etc/pki/", System.StringComparison.Ordinal)
                ? "sudo cp " + file + " /etc/pki/ca-trust/source/anchors/ && sudo update-ca-trust"
                : "sudo cp " + file + " /usr/local/share/ca-certificates/" + crt + " && sudo update-ca-certificates";
        }
    }
}
