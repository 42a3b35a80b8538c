using System;
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
            catch (Exception e) when (HxFileError.IsFileSystemError(e))
            {
                throw HxFileError.From("CaCertificateUnreadable", path, e, writing: false);
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

        /// <summary>
        /// A POSIX awk command (the bundle file follows as its argument) that prints only the certificates whose text
        /// holds the first 64 base64 characters of the CA's DER, each after a <c>#hx-certificate N</c> line with its
        /// position, then <c>#hx-certificates TOTAL</c>; it fails when none does (say, a PEM wrapped at fewer than 64
        /// columns), so the caller sends the whole bundle then. The fingerprint is still compared on this side: the
        /// filter only spares sending and parsing a system bundle of a few hundred kilobytes from every host.
        /// </summary>
        public static string CertificateFilter(X509Certificate2 ca)
        {
            var marker = System.Convert.ToBase64String(ca.RawData, 0, System.Math.Min(48, ca.RawData.Length));
            return "awk -v m=" + Remote.SshConnection.ShellQuote(marker) + " '"
                + "/-----BEGIN CERTIFICATE-----/ { n++; block = \"\"; hit = 0; inside = 1 } "
                // Only lines of a certificate are gathered: text outside any (or a bundle that is no PEM) costs nothing.
                + "inside { block = block $0 \"\\n\" } "
                + "inside && index($0, m) { hit = 1 } "
                + "/-----END CERTIFICATE-----/ { if (hit) { printf \"" + CertificateMarker + "%d\\n%s\", n, block; found = 1 } inside = 0; block = \"\" } "
                + "END { if (found) printf \"" + TotalMarker + "%d\\n\", n; exit !found }'";
        }

        private const string CertificateMarker = "#hx-certificate ";
        private const string TotalMarker = "#hx-certificates ";

        public static (HxCheckResult Result, string Evidence) Evaluate(string target, ProbeSection? bundle, X509Certificate2 ca, string caName)
        {
            var fingerprint = PemCertificates.Sha256Fingerprint(ca.RawData);
            var evidence = "CA: " + ca.Subject + "\nCA SHA-256: " + fingerprint + "\n";
            if (bundle == null || !bundle.Succeeded)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.CaTrust, target, HxStatus.Failed, HxCategory.Trust,
                    "no readable trust bundle on the target: " + Evidence.Brief(bundle), Remediation(SystemBundles[0], caName)), evidence
                        + Evidence.Sections(bundle));
            }
            var newline = bundle.Output.IndexOf('\n');
            var path = newline < 0 ? bundle.Output : bundle.Output.Substring(0, newline);
            var (certificates, total) = ReadBundle(newline < 0 ? "" : bundle.Output.Substring(newline + 1));
            evidence += "bundle: " + path + " (" + total + " certificates)\n";
            var found = certificates.FirstOrDefault(c => PemCertificates.Sha256Fingerprint(c.Der) == fingerprint);
            if (found.Der == null)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.CaTrust, target, HxStatus.Failed, HxCategory.Trust,
                    ca.Subject + " (SHA-256 " + fingerprint + ") is not among the " + total + " certificates of " + path, Remediation(path, caName)),
                    evidence + "not found\n");
            }
            return (PreflightCheckNames.Result(PreflightCheckNames.CaTrust, target, HxStatus.Passed, HxCategory.Trust,
                ca.Subject + " (SHA-256 " + fingerprint + ") found in " + path + " (certificate " + found.Position + " of " + total + ")"),
                evidence + "found at position " + found.Position + "\n");
        }

        /// <summary>The certificates sent with their positions in the bundle, and how many it holds: all of them, or those <see cref="CertificateFilter"/> let
        /// through.</summary>
        private static (List<(int Position, byte[] Der)> Certificates, int Total) ReadBundle(string text)
        {
            var totalAt = text.LastIndexOf("\n" + TotalMarker, System.StringComparison.Ordinal);
            if (!text.StartsWith(CertificateMarker, System.StringComparison.Ordinal) || totalAt < 0)
            {
                var all = PemCertificates.Read(text);
                return (all.Select((der, i) => (i + 1, der)).ToList(), all.Count);
            }
            var certificates = new List<(int, byte[])>();
            foreach (var part in text.Substring(0, totalAt).Split(new[] { CertificateMarker }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                var end = part.IndexOf('\n');
                if (end < 0 || !int.TryParse(part.Substring(0, end), out var position)) continue;
                certificates.AddRange(PemCertificates.Read(part.Substring(end + 1)).Select(der => (position, der)));
            }
            int.TryParse(text.Substring(totalAt + 1 + TotalMarker.Length).Trim(), out var total);
            return (certificates, total);
        }

        /// <summary>The distribution's way to add a root CA, chosen by the bundle the target uses.</summary>
        public static string Remediation(string bundlePath, string caName)
        {
            var file = Path.GetFileName(caName);
            var crt = Path.ChangeExtension(file, ".crt");
            return bundlePath.StartsWith("/etc/pki/", System.StringComparison.Ordinal)
                ? "sudo cp " + Remote.SshConnection.ShellWord(file) + " /etc/pki/ca-trust/source/anchors/ && sudo update-ca-trust"
                : "sudo cp " + Remote.SshConnection.ShellWord(file) + " " + Remote.SshConnection.ShellWord("/usr/local/share/ca-certificates/" + crt)
                    + " && sudo update-ca-certificates";
        }
    }
}
