using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Encodings and digests: base64, URL encoding, hashes, password_hash, to_uuid.</summary>
    internal static class EncodingFilters
    {
        private static readonly Guid AnsibleUuidNamespace = new Guid("361E6D51-FAEC-444A-9079-341386DA8E2E");

        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(B64Encode, "b64encode"),
            new FilterDefinition(B64Decode, "b64decode"),
            new FilterDefinition(UrlEncode, "urlencode"),
            new FilterDefinition(HashFilter, "hash"),
            new FilterDefinition(Sha1, "sha1", "checksum"),
            new FilterDefinition(Md5, "md5"),
            new FilterDefinition(PasswordHashFilter, "password_hash"),
            new FilterDefinition(ToUuid, "to_uuid"),
        };

        /// <summary>Ansible's b64encode: to_bytes of the value, so bytes are encoded as they are.</summary>
        public static object? B64Encode(Interpreter it, object? v, CallArgs a) =>
            Convert.ToBase64String(v is PyBytes bytes ? bytes.ToArray() : Encoding.GetEncoding(a.Str(0, "encoding", "utf-8")).GetBytes(S(v)));

        public static object? B64Decode(Interpreter it, object? v, CallArgs a)
        {
            try { return Encoding.GetEncoding(a.Str(0, "encoding", "utf-8")).GetString(Convert.FromBase64String(S(v))); }
            catch (FormatException e) { throw new TemplateError("b64decode: " + e.Message); }
        }

        public static object? UrlEncode(Interpreter it, object? v, CallArgs a) => UrlEncode(v);

        public static object? HashFilter(Interpreter it, object? v, CallArgs a) => Hash(S(v), a.Str(0, "hashtype", "sha1"));

        public static object? Sha1(Interpreter it, object? v, CallArgs a) => Hash(S(v), "sha1");

        public static object? Md5(Interpreter it, object? v, CallArgs a) => Hash(S(v), "md5");

        public static object? PasswordHashFilter(Interpreter it, object? v, CallArgs a) =>
            PasswordHash.Hash(v as string ?? throw new TemplateError("password_hash expects a string, got " + Ops.TypeName(v)),
                a.Str(0, "hashtype", "sha512"), a.Get(1, "salt") is object salt ? S(salt) : null, OptionalInt(a, 2, "salt_size"), OptionalInt(a, 3, "rounds"),
                a.Get(4, "ident") is object ident ? S(ident) : null);

        public static object? ToUuid(Interpreter it, object? v, CallArgs a) => Uuid5(AnsibleUuidNamespace, S(v), a.Get(0, "namespace") as string);

        private static string UrlQuote(string s, bool forQuery)
        {
            var sb = new StringBuilder();
            foreach (var b in new UTF8Encoding(false).GetBytes(s))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~'
                    || (!forQuery && c == '/')) sb.Append(c);
                else if (forQuery && c == ' ') sb.Append('+');
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        private static string UrlEncode(object? v)
        {
            if (v is string s) return UrlQuote(s, false);
            if (!(v is System.Collections.IEnumerable)) return UrlQuote(S(v), false);
            IEnumerable<object?> pairs = Ops.Check(v) is IDictionary<object, object?> d ? d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value }))
                : Ops.Iterate(v);
            return string.Join("&", pairs.Select(p =>
            {
                var l = Ops.ToList(p);
                if (l.Count != 2) throw new TemplateError(l.Count > 2 ? "too many values to unpack (expected 2)" :
                    "not enough values to unpack (expected 2, got " + l.Count + ")");
                return UrlQuote(S(l[0]), true) + "=" + UrlQuote(S(l[1]), true);
            }));
        }

        private static string Hash(string data, string type)
        {
            HashAlgorithm algorithm = type switch
            {
                "md5" => MD5.Create(),
                "sha1" => SHA1.Create(),
                "sha256" => SHA256.Create(),
                "sha384" => SHA384.Create(),
                "sha512" => SHA512.Create(),
                _ => throw new TemplateError("unsupported hash type " + type),
            };
            using (algorithm)
            {
                var bytes = algorithm.ComputeHash(new UTF8Encoding(false).GetBytes(data));
                return string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        private static string Uuid5(Guid defaultNamespace, string name, string? ns)
        {
            var nsGuid = ns != null ? new Guid(ns) : defaultNamespace;
            var nsBytes = nsGuid.ToByteArray();
            // Guid.ToByteArray is little-endian in its first three fields; RFC 4122 wants network order.
            Array.Reverse(nsBytes, 0, 4);
            Array.Reverse(nsBytes, 4, 2);
            Array.Reverse(nsBytes, 6, 2);
            byte[] hash;
            using (var sha1 = SHA1.Create()) hash = sha1.ComputeHash(nsBytes.Concat(new UTF8Encoding(false).GetBytes(name)).ToArray());
            hash[6] = (byte)((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
            var hex = string.Concat(hash.Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            return hex.Substring(0, 8) + "-" + hex.Substring(8, 4) + "-" + hex.Substring(12, 4) + "-" + hex.Substring(16, 4) + "-" + hex.Substring(20, 12);
        }
    }
}
