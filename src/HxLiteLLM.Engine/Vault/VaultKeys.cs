using System;

namespace HxLiteLLM.Vault
{
    /// <summary>The 80 bytes PBKDF2 gives for one (password, salt): AES-256 key, HMAC-SHA256 key, initial CTR counter.</summary>
    internal sealed class VaultKeys
    {
        public const int Iterations = 10000;
        private const int KeyBytes = 32;
        private const int CounterBytes = 16;

        private VaultKeys(byte[] material)
        {
            AesKey = new byte[KeyBytes];
            HmacKey = new byte[KeyBytes];
            InitialCounter = new byte[CounterBytes];
            Buffer.BlockCopy(material, 0, AesKey, 0, KeyBytes);
            Buffer.BlockCopy(material, KeyBytes, HmacKey, 0, KeyBytes);
            Buffer.BlockCopy(material, 2 * KeyBytes, InitialCounter, 0, CounterBytes);
        }

        public byte[] AesKey { get; }
        public byte[] HmacKey { get; }
        public byte[] InitialCounter { get; }

        public static VaultKeys Derive(byte[] password, byte[] salt)
        {
            var material = Pbkdf2HmacSha256.DeriveBytes(password, salt, Iterations, 2 * KeyBytes + CounterBytes);
            try
            {
                return new VaultKeys(material);
            }
            finally
            {
                Array.Clear(material, 0, material.Length);
            }
        }

        public void Clear()
        {
            Array.Clear(AesKey, 0, AesKey.Length);
            Array.Clear(HmacKey, 0, HmacKey.Length);
            Array.Clear(InitialCounter, 0, InitialCounter.Length);
        }

        /// <summary>Equality whose time depends only on the lengths, so an HMAC check leaks nothing about where it differs.</summary>
        public static bool FixedTimeEquals(byte[] left, byte[] right)
        {
            if (left.Length != right.Length) return false;
            var difference = 0;
            for (var i = 0; i < left.Length; i++) difference |= left[i] ^ right[i];
            return difference == 0;
        }
    }
}
