using System;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// CPython's random.Random (3.11): the MT19937 generator, seed() from int/str/float (version 2), getrandbits,
    /// _randbelow, randrange, choice and shuffle, so a seeded filter gives the numbers Ansible writes.
    /// </summary>
    internal sealed class PyRandom
    {
        private const int N = 624;
        private const int M = 397;
        private readonly uint[] _state = new uint[N];
        private int _index;

        private PyRandom() { }

        /// <summary>random.Random(seed): str seeds hash to a big integer, ints use their absolute value, floats their hash.</summary>
        public static PyRandom FromSeed(object seed)
        {
            var generator = new PyRandom();
            generator.SeedByInteger(SeedInteger(seed));
            return generator;
        }

        /// <summary>random.SystemRandom's role: an unseeded filter draws from the operating system.</summary>
        public static PyRandom FromSystem()
        {
            var bytes = new byte[65];
            using (var source = RandomNumberGenerator.Create()) source.GetBytes(bytes, 0, 64);
            var generator = new PyRandom();
            generator.SeedByInteger(new BigInteger(bytes));
            return generator;
        }

        private static BigInteger SeedInteger(object seed)
        {
            switch (seed)
            {
                case bool b: return b ? BigInteger.One : BigInteger.Zero;
                case long l: return l;
                case BigInteger big: return big;
                case double d: return PyFloatHash(d);
                case string s:
                    // int.from_bytes(a + sha512(a).digest()), big-endian.
                    var text = Encoding.UTF8.GetBytes(s);
                    byte[] digest;
                    using (var sha = SHA512.Create()) digest = sha.ComputeHash(text);
                    // Reversed to little-endian, with a zero byte on top so the number stays positive.
                    var all = new byte[text.Length + digest.Length + 1];
                    text.CopyTo(all, 0);
                    digest.CopyTo(all, text.Length);
                    System.Array.Reverse(all, 0, all.Length - 1);
                    return new BigInteger(all);
                default:
                    throw new TemplateError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
            }
        }

        /// <summary>Python's hash(float) (the value modulo the Mersenne prime 2**61 - 1), taken as size_t as random_seed does.</summary>
        private static BigInteger PyFloatHash(double x)
        {
            if (double.IsInfinity(x)) return x > 0 ? 314159 : -314159;
            if (double.IsNaN(x)) throw new TemplateError("a NaN seed has no stable hash");
            const ulong modulus = (1UL << 61) - 1;
            var sign = x < 0 ? -1 : 1;
            var (m, e) = Frexp(Math.Abs(x));
            ulong h = 0;
            while (m != 0)
            {
                h = ((h << 28) & modulus) | (h >> (61 - 28));
                m *= 268435456.0;
                e -= 28;
                var y = (ulong)m;
                m -= y;
                h += y;
                if (h >= modulus) h -= modulus;
            }
            e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
            h = ((h << e) & modulus) | (h >> (61 - e));
            var hash = sign * (long)h;
            return (ulong)(hash == -1 ? -2 : hash);
        }

        /// <summary>frexp for a non-negative finite x: mantissa in [0.5, 1) and exponent, exactly.</summary>
        private static (double Mantissa, int Exponent) Frexp(double x)
        {
            if (x == 0) return (0, 0);
            var e = 0;
            // Subnormals are scaled into the normal range first.
            if (x < 2.2250738585072014E-308) { x *= 18014398509481984.0; e = -54; }
            var bits = BitConverter.DoubleToInt64Bits(x);
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = BitConverter.Int64BitsToDouble((bits & ~(0x7FFL << 52)) | (1022L << 52));
            return (mantissa, e + exponent - 1022);
        }

        /// <summary>random_seed: the absolute value's 32-bit words, least significant first, through init_by_array.</summary>
        private void SeedByInteger(BigInteger seed)
        {
            var bytes = BigInteger.Abs(seed).ToByteArray();
            var used = bytes.Length;
            while (used > 0 && bytes[used - 1] == 0) used--;
            var words = Math.Max(1, (used + 3) / 4);
            var key = new uint[words];
            for (var i = 0; i < used; i++) key[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
            InitByArray(key);
        }

        private void InitGenrand(uint s)
        {
            _state[0] = s;
            for (var i = 1; i < N; i++) _state[i] = 1812433253U * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
            _index = N;
        }

        private void InitByArray(uint[] key)
        {
            InitGenrand(19650218U);
            int i = 1, j = 0;
            for (var k = Math.Max(N, key.Length); k > 0; k--)
            {
                _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
                i++; j++;
                if (i >= N) { _state[0] = _state[N - 1]; i = 1; }
                if (j >= key.Length) j = 0;
            }
            for (var k = N - 1; k > 0; k--)
            {
                _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941U)) - (uint)i;
                i++;
                if (i >= N) { _state[0] = _state[N - 1]; i = 1; }
            }
            _state[0] = 0x80000000U;
        }

        private uint NextUInt32()
        {
            if (_index >= N)
            {
                for (var kk = 0; kk < N; kk++)
                {
                    var y = (_state[kk] & 0x80000000U) | (_state[(kk + 1) % N] & 0x7fffffffU);
                    _state[kk] = _state[(kk + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfU : 0U);
                }
                _index = 0;
            }
            var x = _state[_index++];
            x ^= x >> 11;
            x ^= (x << 7) & 0x9d2c5680U;
            x ^= (x << 15) & 0xefc60000U;
            x ^= x >> 18;
            return x;
        }

        /// <summary>getrandbits(k): 32-bit words filled from the least significant end, the last one cut to size.</summary>
        public BigInteger GetRandBits(int k)
        {
            if (k == 0) return BigInteger.Zero;
            if (k <= 32) return NextUInt32() >> (32 - k);
            var result = BigInteger.Zero;
            var shift = 0;
            for (var remaining = k; remaining > 0; remaining -= 32, shift += 32)
            {
                var word = NextUInt32();
                if (remaining < 32) word >>= 32 - remaining;
                result |= (BigInteger)word << shift;
            }
            return result;
        }

        /// <summary>_randbelow_with_getrandbits: rejection sampling on n.bit_length() bits.</summary>
        public BigInteger RandBelow(BigInteger n)
        {
            var k = BitLength(n);
            var r = GetRandBits(k);
            while (r >= n) r = GetRandBits(k);
            return r;
        }

        public BigInteger RandRange(BigInteger start, BigInteger stop, BigInteger step)
        {
            var width = stop - start;
            if (step.IsOne)
            {
                if (width > 0) return start + RandBelow(width);
                throw new TemplateError("empty range for randrange() (" + start + ", " + stop + ", " + width + ")");
            }
            if (step.IsZero) throw new TemplateError("zero step for randrange()");
            var n = step > 0 ? FloorDiv(width + step - 1, step) : FloorDiv(width + step + 1, step);
            if (n <= 0) throw new TemplateError("empty range for randrange()");
            return start + step * RandBelow(n);
        }

        public void Shuffle<T>(System.Collections.Generic.IList<T> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = (int)RandBelow(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        private static int BitLength(BigInteger n)
        {
            var bytes = n.ToByteArray();
            var top = bytes.Length - 1;
            while (top > 0 && bytes[top] == 0) top--;
            var bits = 8 * top;
            for (var b = bytes[top]; b != 0; b >>= 1) bits++;
            return bits;
        }

        private static BigInteger FloorDiv(BigInteger a, BigInteger b)
        {
            var q = BigInteger.DivRem(a, b, out var r);
            return r != 0 && (r < 0) != (b < 0) ? q - 1 : q;
        }
    }
}
