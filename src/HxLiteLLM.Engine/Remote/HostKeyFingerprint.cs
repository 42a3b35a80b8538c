using System;
using System.Security.Cryptography;

namespace HxLiteLLM.Remote
{
    /// <summary>Host key fingerprints as OpenSSH prints them (ssh-keygen -lf, the "authenticity" prompt).</summary>
    public static class HostKeyFingerprint
    {
        /// <summary><c>SHA256:</c> + unpadded base64 of the SHA-256 of the public key blob.</summary>
        public static string Sha256(byte[] keyBlob)
        {
            using var sha = SHA256.Create();
            return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(keyBlob)).TrimEnd('=');
        }
    }
}
