using System;
using System.Security.Cryptography;

namespace HxLiteLLM.Vault
{
    /// <summary>
    /// PBKDF2 with HMAC-SHA256 (RFC 8018). netstandard2.0's Rfc2898DeriveBytes only offers SHA-1, and its HMAC API
    /// allocates a new array per call; the vault's 10000 iterations run here on precomputed HMAC pad states with a
    /// word-level SHA-256 compression, so an iteration costs two compressions and no allocation. Hosts on .NET 6+
    /// have a native one-shot PBKDF2 about twice as fast, which is used when present.
    /// </summary>
    internal static class Pbkdf2HmacSha256
    {
        private const int BlockBytes = 64;
        private const int DigestWords = 8;

        private static readonly uint[] InitialState =
        {
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
        };

        private static readonly uint[] RoundConstants =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private static readonly Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>? RuntimePbkdf2 = FindRuntimePbkdf2();

        public static byte[] DeriveBytes(byte[] password, byte[] salt, int iterations, int length) =>
            RuntimePbkdf2 != null
                ? RuntimePbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length)
                : DeriveBytesManaged(password, salt, iterations, length);

        /// <summary>Rfc2898DeriveBytes.Pbkdf2(byte[], byte[], int, HashAlgorithmName, int), which netstandard2.0 cannot name.</summary>
        private static Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>? FindRuntimePbkdf2()
        {
            var method = typeof(Rfc2898DeriveBytes).GetMethod("Pbkdf2",
                new[] { typeof(byte[]), typeof(byte[]), typeof(int), typeof(HashAlgorithmName), typeof(int) });
            return method == null || method.ReturnType != typeof(byte[]) || !method.IsStatic
                ? null
                : (Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>)Delegate.CreateDelegate(typeof(Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>), method);
        }

        internal static byte[] DeriveBytesManaged(byte[] password, byte[] salt, int iterations, int length)
        {
            if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations));
            var result = new byte[length];
            var key = password.Length > BlockBytes ? Sha256(password) : password;
            var inner = PadState(key, 0x36);
            var outer = PadState(key, 0x5c);
            var schedule = new uint[64];
            var u = new uint[DigestWords];
            var t = new uint[DigestWords];
            var firstMessage = new byte[salt.Length + 4];
            Buffer.BlockCopy(salt, 0, firstMessage, 0, salt.Length);
            using (var hmac = new HMACSHA256(key))
            {
                for (int block = 1, offset = 0; offset < length; block++, offset += DigestWords * 4)
                {
                    firstMessage[salt.Length] = (byte)(block >> 24);
                    firstMessage[salt.Length + 1] = (byte)(block >> 16);
                    firstMessage[salt.Length + 2] = (byte)(block >> 8);
                    firstMessage[salt.Length + 3] = (byte)block;
                    var first = hmac.ComputeHash(firstMessage);
                    for (var i = 0; i < DigestWords; i++) u[i] = t[i] = ReadWord(first, i * 4);
                    Array.Clear(first, 0, first.Length);
                    for (var iteration = 1; iteration < iterations; iteration++)
                    {
                        HmacOfDigest(inner, outer, u, schedule);
                        for (var i = 0; i < DigestWords; i++) t[i] ^= u[i];
                    }
                    for (var i = 0; i < DigestWords && offset + i * 4 < length; i++)
                        for (var b = 0; b < 4 && offset + i * 4 + b < length; b++)
                            result[offset + i * 4 + b] = (byte)(t[i] >> (24 - 8 * b));
                }
            }
            Array.Clear(inner, 0, inner.Length);
            Array.Clear(outer, 0, outer.Length);
            Array.Clear(schedule, 0, schedule.Length);
            Array.Clear(u, 0, u.Length);
            Array.Clear(t, 0, t.Length);
            Array.Clear(firstMessage, 0, firstMessage.Length);
            if (!ReferenceEquals(key, password)) Array.Clear(key, 0, key.Length);
            return result;
        }

        private static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create()) return sha.ComputeHash(data);
        }

        /// <summary>SHA-256 state after absorbing the one block (key XOR pad) that starts every HMAC with this key.</summary>
        private static uint[] PadState(byte[] key, byte pad)
        {
            var block = new byte[BlockBytes];
            for (var i = 0; i < BlockBytes; i++) block[i] = (byte)((i < key.Length ? key[i] : 0) ^ pad);
            var schedule = new uint[64];
            for (var i = 0; i < 16; i++) schedule[i] = ReadWord(block, i * 4);
            var state = (uint[])InitialState.Clone();
            Compress(state, schedule);
            Array.Clear(block, 0, block.Length);
            Array.Clear(schedule, 0, schedule.Length);
            return state;
        }

        /// <summary>Replaces <paramref name="digest"/> with HMAC(key, digest): the 32-byte message fits one padded block per hash.</summary>
        private static void HmacOfDigest(uint[] inner, uint[] outer, uint[] digest, uint[] schedule)
        {
            for (var round = 0; round < 2; round++)
            {
                var start = round == 0 ? inner : outer;
                for (var i = 0; i < DigestWords; i++) schedule[i] = digest[i];
                schedule[8] = 0x80000000;
                for (var i = 9; i < 15; i++) schedule[i] = 0;
                schedule[15] = (BlockBytes + DigestWords * 4) * 8;
                for (var i = 0; i < DigestWords; i++) digest[i] = start[i];
                Compress(digest, schedule);
            }
        }

        /// <summary>One SHA-256 compression; <paramref name="w"/> holds the 16 message words and is expanded in place.</summary>
        private static void Compress(uint[] state, uint[] w)
        {
            for (var i = 16; i < 64; i++)
            {
                uint x = w[i - 15], y = w[i - 2];
                var s0 = Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
                var s1 = Rotr(y, 17) ^ Rotr(y, 19) ^ (y >> 10);
                w[i] = unchecked(w[i - 16] + s0 + w[i - 7] + s1);
            }
            uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
            for (var i = 0; i < 64; i++)
            {
                var t1 = unchecked(h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + RoundConstants[i] + w[i]);
                var t2 = unchecked((Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)));
                h = g; g = f; f = e; e = unchecked(d + t1); d = c; c = b; b = a; a = unchecked(t1 + t2);
            }
            unchecked
            {
                state[0] += a; state[1] += b; state[2] += c; state[3] += d;
                state[4] += e; state[5] += f; state[6] += g; state[7] += h;
            }
        }

        private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));

        private static uint ReadWord(byte[] bytes, int offset) =>
            (uint)bytes[offset] << 24 | (uint)bytes[offset + 1] << 16 | (uint)bytes[offset + 2] << 8 | bytes[offset + 3];
    }
}
