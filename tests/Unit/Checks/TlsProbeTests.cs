using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Checks;
using Xunit;

namespace HxLiteLLM.Tests.Checks
{
    /// <summary>Validation against one given root: chain, validity period and name, each reported.</summary>
    public sealed class TlsProbeTests
    {
        private static X509Certificate2 Root(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        }

        private static X509Certificate2 Leaf(X509Certificate2 root, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest("CN=leaf", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            req.CertificateExtensions.Add(san.Build());
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            var serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            using var cert = req.Create(root, notBefore, notAfter, serial);
            // A server certificate needs its key in a form SslStream can use: round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(cert.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
        }

        private static async Task<TlsOutcome> Probe(X509Certificate2 leaf, X509Certificate2 root, string host)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var server = Task.Run(async () =>
            {
                using var accepted = await listener.AcceptTcpClientAsync();
                using var ssl = new SslStream(accepted.GetStream());
                try
                {
                    await ssl.AuthenticateAsServerAsync(leaf);
                    _ = await ssl.ReadAsync(new byte[1]);
                }
                catch (Exception e) when (e is System.IO.IOException || e is System.Security.Authentication.AuthenticationException)
                {
                    // the client closed after looking at the certificate
                }
            });
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var outcome = await TlsProbe.HandshakeAsync(client.GetStream(), host, root, TimeSpan.FromSeconds(5), CancellationToken.None);
            outcome.Stream.Dispose();
            await server;
            listener.Stop();
            return outcome;
        }

        [Fact]
        public async Task ReportsChainExpiryAndNameSeparately()
        {
            var root = Root("hx-root");
            var now = DateTimeOffset.UtcNow;
            var good = await Probe(Leaf(root, now.AddDays(-1), now.AddDays(5)), root, "127.0.0.1");
            Assert.True(good.Valid, string.Join("; ", good.Problems));
            Assert.Contains("CN=leaf <- CN=hx-root", good.Details);

            var expired = await Probe(Leaf(root, now.AddDays(-10), now.AddDays(-2)), root, "127.0.0.1");
            var problem = Assert.Single(expired.Problems);
            Assert.StartsWith("expired (CN=leaf", problem);

            var wrongName = await Probe(Leaf(root, now.AddDays(-1), now.AddDays(5)), root, "localhost");
            Assert.Contains(wrongName.Problems, p => p.StartsWith("name mismatch", StringComparison.Ordinal));

            var otherRoot = Root("other-root");
            var foreign = await Probe(Leaf(otherRoot, now.AddDays(-1), now.AddDays(5)), root, "127.0.0.1");
            Assert.Contains(foreign.Problems, p => p.Contains("does not end at the given CA (CN=hx-root)"));
        }
    }
}
