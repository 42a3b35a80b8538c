using System;
using System.Security.Cryptography;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// AES-256 in CTR mode as the vault uses it: the whole 16-byte block is one big-endian counter, +1 per block.
    /// netstandard2.0 has no CTR mode, so counter blocks are encrypted with ECB (no padding) and XORed in.
    /// </summary>
    internal static class AesCtr
    {
        private const int BlockBytes = 16;
        private const int BatchBlocks = 256;

        /// <summary>XORs the keystream into a copy of <paramref name="input"/>; the same call encrypts and decrypts.</summary>
        public static byte[] Transform(byte[] key, byte[] initialCounter, byte[] input)
        {
            var output = new byte[input.Length];
            var counter = (byte[])initialCounter.Clone();
            var counters = new byte[BatchBlocks * BlockBytes];
            var keystream = new byte[counters.Length];
            using (var aes = Aes.Create())
            {
                aes.Mode = CipherMode.ECB;
                aes.Padding = PaddingMode.None;
                aes.Key = key;
                using (var encryptor = aes.CreateEncryptor())
                {
                    for (var offset = 0; offset < input.Length; offset += counters.Length)
                    {
                        var blocks = Math.Min(BatchBlocks, (input.Length - offset + BlockBytes - 1) / BlockBytes);
                        for (var b = 0; b < blocks; b++)
                        {
                            Buffer.BlockCopy(counter, 0, counters, b * BlockBytes, BlockBytes);
                            Increment(counter);
                        }
                        encryptor.TransformBlock(counters, 0, blocks * BlockBytes, keystream, 0);
                        var end = Math.Min(input.Length, offset + counters.Length);
                        for (var i = offset; i < end; i++) output[i] = (byte)(input[i] ^ keystream[i - offset]);
                    }
                }
            }
            Array.Clear(keystream, 0, keystream.Length);
            Array.Clear(counters, 0, counters.Length);
            return output;
        }

        private static void Increment(byte[] counter)
        {
            for (var i = counter.Length - 1; i >= 0; i--)
            {
                if (++counter[i] != 0) return;
            }
        }
    }
}
