using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace HxLiteLLM.Cmdlets.Tests.Support
{
    /// <summary>
    /// A temporary copy of examples/hx-dev without what a Demo or an earlier run left in it (.evidence, .rendered,
    /// _quarantine at any depth), removed on dispose; <see cref="Fingerprint"/> fingerprints every file and folder under it.
    /// </summary>
    public sealed class ExampleCopy : IDisposable
    {
        private static readonly string[] LeftByRuns = { ".evidence", ".rendered", "_quarantine" };

        public ExampleCopy()
        {
            Root = Path.Combine(Path.GetTempPath(), "hx-cmdlets-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Copy(Path.Combine(Repo.Root, "examples", "hx-dev"), Root);
            VaultPassword = File.ReadAllText(Path.Combine(Root, ".vault-pass")).Trim();
        }

        public string Root { get; }

        /// <summary>The example's vault password, which no stream may show.</summary>
        public string VaultPassword { get; }

        public string PathOf(string relative) => Path.Combine(Root, relative);

        /// <summary>Paths, sizes, contents and modes of everything under the copy: equal fingerprints mean nothing was written.</summary>
        public string Fingerprint()
        {
            using var sha = SHA256.Create();
            var entries = Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal);
            var text = new StringBuilder();
            foreach (var entry in entries)
            {
                var relative = Path.GetRelativePath(Root, entry);
                if (Directory.Exists(entry)) text.Append("d ").Append(relative).Append('\n');
                else text.Append("f ").Append(relative).Append(' ').Append(OperatingSystem.IsWindows() ? "" : File.GetUnixFileMode(entry).ToString()).Append(' ')
                    .Append(Convert.ToHexString(sha.ComputeHash(File.ReadAllBytes(entry)))).Append('\n');
            }
            return text.ToString();
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var dir in Directory.GetDirectories(from))
            {
                if (LeftByRuns.Contains(Path.GetFileName(dir))) continue;
                Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
    }
}
