using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace HxLiteLLM.Remote
{
    /// <summary>Verdict on a presented host key.</summary>
    public enum HostKeyVerdict
    {
        /// <summary>A line for this host holds exactly this key.</summary>
        Trusted,
        /// <summary>No line names this host.</summary>
        Unknown,
        /// <summary>
        /// A line for this host holds a different key: of the same type, or (as OpenSSH's accept-new sees it) only keys
        /// of other types, so the host is known and this key is not its key. Possible man-in-the-middle.
        /// </summary>
        Mismatch,
        /// <summary>The key is marked @revoked.</summary>
        Revoked,
    }

    /// <summary>One usable line of a known_hosts file.</summary>
    public sealed class KnownHostEntry
    {
        internal KnownHostEntry(int line, string marker, string hosts, string keyType, byte[] key)
        {
            Line = line;
            Marker = marker;
            Hosts = hosts;
            KeyType = keyType;
            Key = key;
            _hashed = IsHashed ? DecodeHashed(Hosts) : null;
        }

        /// <summary>Salt and hash of a hashed host field, decoded once (null when malformed): every host's lookup reads them.</summary>
        private readonly (byte[] Salt, byte[] Hash)? _hashed;

        private bool IsHashed => Hosts.StartsWith("|1|", StringComparison.Ordinal);

        public int Line { get; }
        /// <summary>Empty, or "@revoked" / "@cert-authority".</summary>
        public string Marker { get; }
        /// <summary>The host field as written: patterns separated by commas, or one hashed <c>|1|salt|hash</c>.</summary>
        public string Hosts { get; }
        public string KeyType { get; }
        public byte[] Key { get; }

        /// <summary>True when the host field names this host (OpenSSH pattern rules, hashed names, negation).</summary>
        public bool Matches(string hostPattern)
        {
            if (IsHashed)
            {
                // A malformed hashed field names no host. OpenSSH hashes the lowercased name, so "Gateway" finds what "gateway" recorded.
                return _hashed != null && _hashed.Value.Hash.SequenceEqual(KnownHosts.HashHost(_hashed.Value.Salt, hostPattern.ToLowerInvariant()));
            }
            var matched = false;
            foreach (var raw in Hosts.Split(','))
            {
                var negated = raw.StartsWith("!", StringComparison.Ordinal);
                var pattern = negated ? raw.Substring(1) : raw;
                if (!KnownHosts.WildcardMatch(pattern, hostPattern)) continue;
                if (negated) return false;
                matched = true;
            }
            return matched;
        }

        private static (byte[], byte[])? DecodeHashed(string field)
        {
            var parts = field.Split('|');
            if (parts.Length != 4) return null;
            try
            {
                return (Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// OpenSSH known_hosts: plain and hashed (<c>|1|salt|hash</c>) host fields, <c>[host]:port</c> for non-22 ports,
    /// wildcards and negation, comments and blank lines. <c>@revoked</c> keys are refused; <c>@cert-authority</c>
    /// lines are skipped, since host certificates are not accepted here (a plain key line is required).
    /// </summary>
    public sealed class KnownHosts
    {
        private static readonly ConcurrentDictionary<string, object> FileLocks = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);

        private KnownHosts(IReadOnlyList<KnownHostEntry> entries)
        {
            Entries = entries;
        }

        public IReadOnlyList<KnownHostEntry> Entries { get; }

        public static KnownHosts Parse(string text)
        {
            var entries = new List<KnownHostEntry>();
            var lines = text.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var marker = fields[0].StartsWith("@", StringComparison.Ordinal) ? fields[0] : "";
                var offset = marker.Length > 0 ? 1 : 0;
                if (fields.Length < offset + 3) continue;
                byte[] key;
                try
                {
                    key = Convert.FromBase64String(fields[offset + 2]);
                }
                catch (FormatException)
                {
                    continue; // OpenSSH skips malformed lines too
                }
                entries.Add(new KnownHostEntry(i + 1, marker, fields[offset], fields[offset + 1], key));
            }
            return new KnownHosts(entries);
        }

        /// <summary>
        /// Reads the file; a missing file is an empty list. The parsed file is reused while its time and length are
        /// unchanged: a pre-flight loads it for every host, and parsing a known_hosts that lists the whole fleet for
        /// each of its hosts would grow with the square of the fleet. Appends change the length, so they are seen.
        /// </summary>
        public static KnownHosts Load(string path)
        {
            lock (LockFor(path))
            {
                var file = new FileInfo(path);
                if (!file.Exists) return new KnownHosts(Array.Empty<KnownHostEntry>());
                if (ParsedFiles.TryGetValue(file.FullName, out var known) && known.Written == file.LastWriteTimeUtc
                    && known.Length == file.Length) return known.Hosts;
                var hosts = Parse(File.ReadAllText(file.FullName));
                ParsedFiles[file.FullName] = (file.LastWriteTimeUtc, file.Length, hosts);
                return hosts;
            }
        }

        private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, KnownHosts Hosts)> ParsedFiles =
            new ConcurrentDictionary<string, (DateTime, long, KnownHosts)>(StringComparer.Ordinal);

        /// <summary>The host field OpenSSH writes and looks up: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
        public static string HostPattern(string host, int port) =>
            port == 22 ? host : "[" + host + "]:" + port.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// The lines naming this host, found in one pass: a hashed line costs an HMAC per lookup, and a known_hosts that
        /// lists the whole fleet would otherwise be scanned several times for each host.
        /// </summary>
        public KnownHosts ForHost(string host, int port)
        {
            var pattern = HostPattern(host, port);
            return new KnownHosts(Entries.Where(e => e.Marker != "@cert-authority" && e.Matches(pattern)).ToList());
        }

        public HostKeyVerdict Verify(string host, int port, string keyType, byte[] key)
        {
            var forHost = ForHost(host, port).Entries;
            if (forHost.Any(e => e.Marker == "@revoked" && e.Key.SequenceEqual(key))) return HostKeyVerdict.Revoked;
            var plain = forHost.Where(e => e.Marker.Length == 0).ToList();
            if (plain.Any(e => e.KeyType == keyType && e.Key.SequenceEqual(key))) return HostKeyVerdict.Trusted;
            return plain.Count > 0 ? HostKeyVerdict.Mismatch : HostKeyVerdict.Unknown;
        }

        /// <summary>Key types already recorded for the host, so the client can prefer them during negotiation.</summary>
        public IReadOnlyList<string> KeyTypesFor(string host, int port)
        {
            return ForHost(host, port).Entries.Where(e => e.Marker.Length == 0).Select(e => e.KeyType).Distinct().ToList();
        }

        /// <summary>
        /// Appends a line for the host unless an equal one was added meanwhile (several hosts may accept keys
        /// in parallel; one lock per file inside the process, append-only writes outside it). The host field is
        /// hashed (<c>|1|salt|hash</c>) when the file already holds hashed entries, as <c>HashKnownHosts yes</c> writes it;
        /// a missing folder is created 0700 like ~/.ssh.
        /// </summary>
        public static void Append(string path, string host, int port, string keyType, byte[] key)
        {
            lock (LockFor(path))
            {
                var existing = File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
                if (existing != null && existing.Verify(host, port, keyType, key) == HostKeyVerdict.Trusted) return;
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
                {
                    Directory.CreateDirectory(dir);
                    IO.UnixPermissions.Set(dir, PrivateFolderMode);
                }
                var pattern = HostPattern(host, port).ToLowerInvariant();
                var hosts = existing != null && existing.Entries.Any(e => e.Hosts.StartsWith("|1|", StringComparison.Ordinal)) ? HashedField(pattern) : pattern;
                var prefix = existing != null && !EndsWithNewline(path) ? "\n" : "";
                File.AppendAllText(path, prefix + hosts + " " + keyType + " " + Convert.ToBase64String(key) + "\n", new UTF8Encoding(false));
            }
        }

        /// <summary>Owner-only folder (drwx------), what ssh expects of ~/.ssh.</summary>
        public const int PrivateFolderMode = 0x1C0;

        /// <summary>A hashed host field with a fresh 20-byte salt, as ssh-keygen -H writes it.</summary>
        public static string HashedField(string hostPattern)
        {
            var salt = new byte[20];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(salt);
            return "|1|" + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(HashHost(salt, hostPattern));
        }

        /// <summary>HMAC-SHA1 of the host field keyed with the salt, as <c>HashKnownHosts yes</c> writes it.</summary>
        public static byte[] HashHost(byte[] salt, string hostPattern)
        {
            using var hmac = new HMACSHA1(salt);
            return hmac.ComputeHash(Encoding.UTF8.GetBytes(hostPattern));
        }

        /// <summary>OpenSSH pattern match: <c>*</c> any run, <c>?</c> one character, case-insensitive.</summary>
        public static bool WildcardMatch(string pattern, string text)
        {
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
                {
                    p++;
                    t++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    t = ++starT;
                }
                else return false;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }

        private static object LockFor(string path) => FileLocks.GetOrAdd(Path.GetFullPath(path), _ => new object());

        private static bool EndsWithNewline(string path)
        {
            using var s = File.OpenRead(path);
            if (s.Length == 0) return true;
            s.Seek(-1, SeekOrigin.End);
            return s.ReadByte() == '\n';
        }
    }
}
