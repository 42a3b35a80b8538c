namespace HxLiteLLM.Vault
{
    /// <summary>A successful decryption: the plaintext, the secret that opened it and the envelope it came from.</summary>
    public sealed class VaultDecryption
    {
        internal VaultDecryption(byte[] plaintext, VaultSecret secret, VaultEnvelope envelope)
        {
            Plaintext = plaintext;
            Secret = secret;
            Envelope = envelope;
        }

        public byte[] Plaintext { get; }
        public VaultSecret Secret { get; }
        public VaultEnvelope Envelope { get; }
    }
}
