using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HxLiteLLM.IO;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// The password lookup (needs <see cref="TemplateOptions.AllowFileWritingLookups"/>): reads "password[ salt=s[ ident=i]]"
    /// from the file, or, when the file is missing, generates a password and saves it (mode 0600, folder 0700), as
    /// ansible-core 2.14 does; /dev/null generates without saving.
    /// </summary>
    internal static partial class Lookups
    {
        private static readonly string[] PasswordParameters = { "length", "encrypt", "chars", "ident", "seed" };
        private const string NoFile = "/dev/null";
        private const string SaltChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";
        private static readonly object PasswordFileLock = new object();

        /// <summary>Python's string module constants that a chars entry may name.</summary>
        private static readonly Dictionary<string, string> StringModuleChars = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ascii_letters"] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
            ["ascii_lowercase"] = "abcdefghijklmnopqrstuvwxyz",
            ["ascii_uppercase"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            ["digits"] = "0123456789",
            ["hexdigits"] = "0123456789abcdefABCDEF",
            ["octdigits"] = "01234567",
            ["punctuation"] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            ["printable"] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c",
            ["whitespace"] = " \t\n\r\x0b\x0c",
        };

        private static List<object?> Password(LookupContext c, List<object?> terms, CallArgs o)
        {
            var result = new List<object?>();
            foreach (var t in terms)
            {
                var term = Ops.Str(t);
                var (relative, parameters) = ParsePasswordTerm(term, o);
                var length = Filters.ToInt(parameters["length"], null, 10) as long?
                    ?? throw new TemplateError("invalid literal for int() with base 10: " + PyRepr.Repr(parameters["length"]));
                var encrypt = parameters["encrypt"] == null ? null : Ops.Str(parameters["encrypt"]);
                if (parameters["seed"] != null)
                    throw new TemplateError("the password lookup's seed= (Python's seeded random generator) is not supported by this engine; leave it out");
                if (encrypt != null && encrypt != "sha512_crypt" && encrypt != "sha256_crypt")
                    throw new TemplateError("the password lookup's encrypt=" + encrypt
                        + " is not supported by this engine (sha512_crypt and sha256_crypt are)");
                if (parameters["ident"] != null && encrypt != null)
                    throw new TemplateError("the password lookup's ident= applies to bcrypt only, which this engine does not support");
                var chars = CandidateChars(parameters["chars"]);
                var path = PasswordPath(c, relative);
                var noFile = path == NoFile;
                string plaintext;
                string? salt = null, ident = null;
                lock (PasswordFileLock)
                {
                    var lockFile = noFile ? null : TakePasswordFileLock(path);
                    try
                    {
                        var content = ReadPasswordFile(path);
                        var changed = false;
                        if (content == null || noFile)
                        {
                            plaintext = RandomText(length, chars);
                            changed = true;
                        }
                        else (plaintext, salt, ident) = ParsePasswordContent(content);
                        if (encrypt != null && salt == null)
                        {
                            salt = RandomText(16, SaltChars);
                            changed = true;
                        }
                        if (changed && !noFile) WritePasswordFile(path, FormatPasswordContent(plaintext, salt, encrypt, ident));
                    }
                    finally
                    {
                        if (lockFile != null && File.Exists(lockFile)) File.Delete(lockFile);
                    }
                }
                result.Add(LookupSecrets.Read(encrypt != null ? PasswordHash.Hash(plaintext, encrypt, salt, null, null) : plaintext));
            }
            return result;
        }

        /// <summary>_parse_parameters: the first word is the path (later words without '=' continue it), then key=value parameters.</summary>
        private static (string Path, Dictionary<string, object?> Parameters) ParsePasswordTerm(string term, CallArgs o)
        {
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["length"] = o.Get(-1, "length", 20L), ["encrypt"] = o.Get(-1, "encrypt"), ["ident"] = o.Get(-1, "ident"),
                ["seed"] = o.Get(-1, "seed"), ["chars"] = o.Get(-1, "chars", new List<object?> { "ascii_letters", "digits", ".,:-_" }),
            };
            var space = term.IndexOf(' ');
            if (space < 0) return (term, parameters);
            var path = term.Substring(0, space);
            var (raw, pairs) = ParseKeyValues(term.Substring(space + 1));
            if (raw != null)
            {
                path = path + " " + raw;
                if (!term.StartsWith(path, StringComparison.Ordinal)) throw new TemplateError("Unrecognized value after key=value parameters given to " +
                    "password lookup");
            }
            var invalid = pairs.Select(p => p.Key).Where(k => !PasswordParameters.Contains(k)).Distinct().ToList();
            if (invalid.Count > 0) throw new TemplateError("Unrecognized parameter(s) given to password lookup: " + string.Join(", ", invalid));
            foreach (var kv in pairs) parameters[kv.Key] = kv.Value;
            if (parameters["chars"] is string inline)
            {
                var list = new List<object?>();
                if (inline.Contains(",,")) list.Add(",");
                list.AddRange(inline.Replace(",,", ",").Split(',').Where(x => x.Length > 0));
                parameters["chars"] = list;
            }
            return (path, parameters);
        }

        /// <summary>_gen_candidate_chars: each entry a string-module name (digits, ascii_letters …) or literal characters; quotes dropped.</summary>
        private static string CandidateChars(object? spec)
        {
            var sb = new StringBuilder();
            foreach (var entry in spec is string s ? s.Select(ch => (object?)ch.ToString()) : Ops.Iterate(spec))
            {
                var name = Ops.Str(entry);
                sb.Append(StringModuleChars.TryGetValue(name, out var chars) ? chars : name);
            }
            var candidates = sb.Replace("\"", "").Replace("'", "").ToString();
            if (candidates.Length == 0) throw new TemplateError("the password lookup has no characters to choose from (chars is empty)");
            return candidates;
        }

        /// <summary>DataLoader.path_dwim: absolute or ~ paths as given, others below the base directory (the playbook's folder).</summary>
        private static string PasswordPath(LookupContext c, string relative)
        {
            var given = Unquote(relative);
            if (given.StartsWith("~", StringComparison.Ordinal)) given = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + given.Substring(1);
            return Path.GetFullPath(given.StartsWith("/", StringComparison.Ordinal) ? given : Path.Combine(c.BaseDirectory, given));
        }

        /// <summary>Ansible's lock beside the file (sha1 of the path + .ansible_lockfile), so a concurrent ansible run does not write it twice.</summary>
        private static string? TakePasswordFileLock(string path)
        {
            var folder = Path.GetDirectoryName(path)!;
            string hex;
            using (var sha1 = SHA1.Create()) hex = string.Concat(sha1.ComputeHash(Encoding.UTF8.GetBytes(path)).Select(b => b.ToString("x2")));
            var lockFile = Path.Combine(folder, hex + ".ansible_lockfile");
            if (File.Exists(lockFile)) throw new TemplateError("Password lookup cannot get the lock: remove the lockfile " + lockFile
                + " if no ansible run is writing " + path);
            CreatePrivateFolder(folder);
            try
            {
                using (new FileStream(lockFile, FileMode.CreateNew)) { }
            }
            catch (IOException)
            {
                throw new TemplateError("Password lookup cannot get the lock: remove the lockfile " + lockFile + " if no ansible run is writing " + path);
            }
            return lockFile;
        }

        private static void CreatePrivateFolder(string folder)
        {
            if (Directory.Exists(folder)) return;
            Directory.CreateDirectory(folder);
            UnixPermissions.Set(folder, 0x1C0);
        }

        /// <summary>The file's text with trailing whitespace removed, or null when there is no file.</summary>
        private static string? ReadPasswordFile(string path)
        {
            if (!File.Exists(path)) return null;
            var bytes = File.ReadAllBytes(path);
            var end = bytes.Length;
            while (end > 0 && (bytes[end - 1] == ' ' || (bytes[end - 1] >= 9 && bytes[end - 1] <= 13))) end--;
            try { return new UTF8Encoding(false, true).GetString(bytes, 0, end); }
            catch (DecoderFallbackException) { throw new TemplateError("the password file " + path + " is not valid UTF-8"); }
        }

        /// <summary>_parse_content: "password salt=s ident=i", split at the last " salt=" and then the last " ident=".</summary>
        internal static (string Password, string? Salt, string? Ident) ParsePasswordContent(string content)
        {
            var at = content.LastIndexOf(" salt=", StringComparison.Ordinal);
            if (at < 0) return (content, null, null);
            var rest = content.Substring(at + 6);
            var password = content.Substring(0, at);
            if (rest.Length == 0) return (password, null, null);
            var identAt = rest.LastIndexOf(" ident=", StringComparison.Ordinal);
            return identAt < 0 ? (password, rest, null) : (password, rest.Substring(0, identAt), rest.Substring(identAt + 7));
        }

        private static string FormatPasswordContent(string password, string? salt, string? encrypt, string? ident)
        {
            if (encrypt == null && salt == null) return password;
            return password + " salt=" + salt + (ident != null ? " ident=" + ident : "");
        }

        /// <summary>The file written as Ansible writes it: its folder created 0700, the file 0600, the content and a newline.</summary>
        private static void WritePasswordFile(string path, string content)
        {
            CreatePrivateFolder(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                UnixPermissions.Set(path, 0x180);
                var bytes = new UTF8Encoding(false).GetBytes(content + "\n");
                stream.Write(bytes, 0, bytes.Length);
            }
        }

        /// <summary>random_password: each character drawn uniformly (SystemRandom.choice) from the candidates.</summary>
        private static string RandomText(long length, string chars)
        {
            var sb = new StringBuilder();
            using (var random = RandomNumberGenerator.Create())
            {
                var bytes = new byte[4];
                // Rejection sampling keeps every candidate equally likely, as Python's choice() does.
                var limit = uint.MaxValue - uint.MaxValue % (uint)chars.Length;
                for (long i = 0; i < length; i++)
                {
                    uint value;
                    do
                    {
                        random.GetBytes(bytes);
                        value = BitConverter.ToUInt32(bytes, 0);
                    }
                    while (value >= limit);
                    sb.Append(chars[(int)(value % (uint)chars.Length)]);
                }
            }
            return sb.ToString();
        }
    }
}
