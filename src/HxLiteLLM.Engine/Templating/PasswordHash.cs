using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// The password_hash filter for sha256 and sha512: the SHA-crypt scheme ($5$, $6$) that glibc's crypt and
    /// passlib implement, with ansible-core 2.14's defaults (535000 / 656000 rounds, a random 16-character salt
    /// when none is given). Like passlib, the scheme's own default of 5000 rounds is left out of the result.
    /// bcrypt ($2b$, or the ident given: 2a, 2y) is passlib's: cost 12 by default, a salt of exactly 22 characters
    /// whose last one is normalised (it carries only two bits), the secret cut at 72 bytes.
    /// </summary>
    internal static class PasswordHash
    {
        private const string CryptAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        private const int SchemeDefaultRounds = 5000;
        private const int MaxSaltLength = 16;
        private const int MaxRounds = 10_000_000;

        // Which digest bytes make up each four-character group of the output (glibc's sha256-crypt/sha512-crypt order).
        private static readonly int[][] Sha256Groups =
        {
            new[] { 0, 10, 20 }, new[] { 21, 1, 11 }, new[] { 12, 22, 2 }, new[] { 3, 13, 23 }, new[] { 24, 4, 14 },
            new[] { 15, 25, 5 }, new[] { 6, 16, 26 }, new[] { 27, 7, 17 }, new[] { 18, 28, 8 }, new[] { 9, 19, 29 },
        };

        public static string Hash(string password, string hashType, string? salt, long? saltSize, long? rounds, string? ident = null)
        {
            if (hashType == "bcrypt") return Bcrypt(password, salt, rounds, ident);
            bool sha512;
            switch (hashType)
            {
                case "sha512": case "sha512_crypt": sha512 = true; break;
                case "sha256": case "sha256_crypt": sha512 = false; break;
                default: throw new TemplateError("password_hash: hash type '" + hashType + "' is not supported by this engine (sha512, sha256 and bcrypt are)");
            }
            var roundCount = rounds ?? (sha512 ? 656_000 : 535_000);
            if (roundCount < 1000 || roundCount > 999_999_999) throw new TemplateError("password_hash: rounds must be between 1000 and 999999999, got "
                + roundCount.ToString(CultureInfo.InvariantCulture));
            // Like the step limit on statements: a render should not hash for minutes.
            if (roundCount > MaxRounds) throw new TemplateError("password_hash: more than " + MaxRounds + " rounds is refused here (a runaway template guard)");
            if (string.IsNullOrEmpty(salt)) salt = RandomSalt((int)(saltSize ?? MaxSaltLength));
            foreach (var c in salt!) if (CryptAlphabet.IndexOf(c) < 0) throw new TemplateError("password_hash: invalid characters in " + (sha512 ?
                "sha512_crypt" : "sha256_crypt") + " salt");
            if (salt.Length > MaxSaltLength) throw new TemplateError("password_hash: salt too large (" + (sha512 ? "sha512_crypt" : "sha256_crypt")
                + " requires <= 16 chars)");

            using HashAlgorithm digest = sha512 ? (HashAlgorithm)SHA512.Create() : SHA256.Create();
            var result = ShaCrypt(digest, Encoding.UTF8.GetBytes(password), Encoding.ASCII.GetBytes(salt), (int)roundCount);
            var prefix = (sha512 ? "$6$" : "$5$")
                + (roundCount == SchemeDefaultRounds ? "" : "rounds=" + roundCount.ToString(CultureInfo.InvariantCulture) + "$");
            return prefix + salt + "$" + Encode(result, sha512);
        }

        private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const int BcryptSaltLength = 22;
        // Cost 16 already takes seconds; like the rounds limit of SHA-crypt, a guard against a runaway template.
        private const int MaxBcryptCost = 16;

        private static string Bcrypt(string password, string? salt, long? rounds, string? ident)
        {
            ident = string.IsNullOrEmpty(ident) ? "2b" : ident;
            if (ident != "2a" && ident != "2b" && ident != "2y") throw new TemplateError("password_hash: bcrypt ident '" + ident
                + "' is not supported by this engine (2a, 2b and 2y are)");
            var cost = rounds ?? 12;
            if (cost < 4) throw new TemplateError("password_hash: bcrypt: min_desired_rounds (" + cost.ToString(CultureInfo.InvariantCulture)
                + ") is too low, must be at least 4");
            if (cost > 31) throw new TemplateError("password_hash: bcrypt: min_desired_rounds (" + cost.ToString(CultureInfo.InvariantCulture)
                + ") is too large, cannot be more than 31");
            if (cost > MaxBcryptCost) throw new TemplateError("password_hash: a bcrypt cost above " + MaxBcryptCost
                + " is refused here (a runaway template guard)");
            if (password.IndexOf('\0') >= 0) throw new TemplateError("password_hash: bcrypt does not allow NULL bytes in password");
            if (string.IsNullOrEmpty(salt))
            {
                var bytes = new byte[BcryptSaltLength];
                using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
                salt = new string(bytes.Select(b => BcryptAlphabet[b % BcryptAlphabet.Length]).ToArray());
            }
            foreach (var c in salt!) if (BcryptAlphabet.IndexOf(c) < 0) throw new TemplateError("password_hash: invalid characters in bcrypt salt");
            if (salt.Length != BcryptSaltLength) throw new TemplateError("password_hash: salt too " + (salt.Length < BcryptSaltLength ? "small" : "large")
                + " (bcrypt requires exactly 22 chars)");
            // The last salt character carries two bits: passlib keeps them and zeroes the rest (bcrypt decodes it that way too).
            var normalised = salt.Substring(0, BcryptSaltLength - 1) + BcryptAlphabet[BcryptAlphabet.IndexOf(salt[BcryptSaltLength - 1]) & 0x30];
            var setting = "$2b$" + cost.ToString("00", CultureInfo.InvariantCulture) + "$" + normalised;
            // The 2a, 2b and 2y idents hash alike (they differ only in how old implementations handled long or 8-bit secrets).
            var hashed = global::BCrypt.Net.BCrypt.HashPassword(password, setting);
            return "$" + ident + hashed.Substring(3);
        }

        private static string RandomSalt(int size)
        {
            if (size < 1 || size > MaxSaltLength) throw new TemplateError("password_hash: salt_size must be between 1 and 16");
            var bytes = new byte[size];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var sb = new StringBuilder(size);
            foreach (var b in bytes) sb.Append(CryptAlphabet[b % CryptAlphabet.Length]);
            return sb.ToString();
        }

        /// <summary>Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", steps 1–21.</summary>
        private static byte[] ShaCrypt(HashAlgorithm digest, byte[] password, byte[] salt, int rounds)
        {
            var size = digest.HashSize / 8;
            var b = Digest(digest, password, salt, password);
            var a = new List<byte[]> { password, salt, Repeat(b, password.Length) };
            for (var length = password.Length; length > 0; length >>= 1) a.Add((length & 1) != 0 ? b : password);
            var current = digest.ComputeHash(Join(a));

            var passwordDigest = Digest(digest, Repeated(password, password.Length));
            var passwordSequence = Repeat(passwordDigest, password.Length);
            var saltDigest = Digest(digest, Repeated(salt, 16 + current[0]));
            var saltSequence = Repeat(saltDigest, salt.Length);

            // The rounds hash at most two password sequences, a salt sequence and the previous digest: one buffer serves all.
            var buffer = new byte[2 * passwordSequence.Length + saltSequence.Length + size];
            for (var round = 0; round < rounds; round++)
            {
                var odd = (round & 1) != 0;
                var used = Put(buffer, 0, odd ? passwordSequence : current);
                if (round % 3 != 0) used = Put(buffer, used, saltSequence);
                if (round % 7 != 0) used = Put(buffer, used, passwordSequence);
                used = Put(buffer, used, odd ? current : passwordSequence);
                current = digest.ComputeHash(buffer, 0, used);
            }
            if (current.Length != size) throw new InvalidOperationException("unexpected digest size");
            return current;
        }

        private static int Put(byte[] buffer, int at, byte[] bytes)
        {
            Buffer.BlockCopy(bytes, 0, buffer, at, bytes.Length);
            return at + bytes.Length;
        }

        private static byte[] Digest(HashAlgorithm digest, params byte[][] parts) => digest.ComputeHash(Join(parts));

        private static byte[] Join(IEnumerable<byte[]> parts)
        {
            var all = new List<byte>();
            foreach (var part in parts) all.AddRange(part);
            return all.ToArray();
        }

        /// <summary><paramref name="source"/> written <paramref name="times"/> times end to end.</summary>
        private static byte[] Repeated(byte[] source, int times) => Join(Enumerable.Repeat(source, times));

        /// <summary>The first <paramref name="length"/> bytes of <paramref name="block"/> repeated end to end.</summary>
        private static byte[] Repeat(byte[] block, int length)
        {
            var result = new byte[length];
            for (var i = 0; i < length; i++) result[i] = block[i % block.Length];
            return result;
        }

        private static string Encode(byte[] hash, bool sha512)
        {
            var sb = new StringBuilder();
            if (sha512)
            {
                for (var k = 0; k < 21; k++)
                {
                    // Each group is (k, k+21, k+42) rotated left by k mod 3.
                    var group = new[] { k, k + 21, k + 42 };
                    var r = k % 3;
                    Append(sb, hash[group[r]], hash[group[(r + 1) % 3]], hash[group[(r + 2) % 3]], 4);
                }
                Append(sb, 0, 0, hash[63], 2);
            }
            else
            {
                foreach (var g in Sha256Groups) Append(sb, hash[g[0]], hash[g[1]], hash[g[2]], 4);
                Append(sb, 0, hash[31], hash[30], 3);
            }
            return sb.ToString();
        }

        private static void Append(StringBuilder sb, byte high, byte middle, byte low, int characters)
        {
            var w = (high << 16) | (middle << 8) | low;
            for (var i = 0; i < characters; i++, w >>= 6) sb.Append(CryptAlphabet[w & 0x3f]);
        }
    }
}
