using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.IO;
using HxLiteLLM.Vault;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>What an operation did to one file: its plaintext (a read), or whether it wrote the file and where the backup is.</summary>
    public sealed class VaultFileResult
    {
        private VaultFileResult(string? text, bool changed, string backupPath)
        {
            Text = text;
            Changed = changed;
            BackupPath = backupPath;
        }

        /// <summary>The file was rewritten (no backup).</summary>
        public static readonly VaultFileResult Written = new VaultFileResult(null, true, "");

        /// <summary>The file already was what the operation makes it; nothing was written.</summary>
        public static readonly VaultFileResult Unchanged = new VaultFileResult(null, false, "");

        public static VaultFileResult WrittenWithBackup(string backupPath) => new VaultFileResult(null, true, backupPath);

        public static VaultFileResult Plaintext(string text) => new VaultFileResult(text, false, "");

        /// <summary>The plaintext for a read; null otherwise.</summary>
        public string? Text { get; }
        public bool Changed { get; }
        /// <summary>The backup of the previous content; empty when none was made.</summary>
        public string BackupPath { get; }
    }

    /// <summary>What happened to one file of a batch: its index in the input, and the result or the error.</summary>
    public sealed class VaultFileOutcome
    {
        internal VaultFileOutcome(int index, string path, VaultFileResult? result, HxException? error)
        {
            Index = index;
            Path = path;
            Result = result;
            Error = error;
        }

        public int Index { get; }
        public string Path { get; }
        /// <summary>What the operation returned; null when it failed.</summary>
        public VaultFileResult? Result { get; }
        /// <summary>The plaintext for a read; null otherwise.</summary>
        public string? Text => Result?.Text;
        public HxException? Error { get; }
    }

    /// <summary>
    /// Whole-file vault operations as ansible-vault does them: encrypt and decrypt in place (atomic, mode 0600, the
    /// file untouched on any error; a symbolic link is written through to its target and stays a link) and reading the
    /// plaintext; and running one of them over many files in parallel.
    /// </summary>
    public static class VaultFiles
    {
        /// <summary>0600: what ansible-vault gives the files it writes.</summary>
        public const int SecretFileMode = 0x180;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Encrypts the file; false (nothing written) when it already is a vault, whatever its password.</summary>
        public static bool EncryptInPlace(string path, VaultSecret secret, string? vaultId)
        {
            path = RealPath.WriteTarget(path);
            using (FileLock.Acquire(path, TimeSpan.FromSeconds(30)))
            {
                var plaintext = VaultEnvelope.ReadFile(path);
                try
                {
                    if (VaultEnvelope.IsEncrypted(plaintext)) return false;
                    AtomicFile.WriteAllText(path, VaultCipher.Encrypt(plaintext, secret, vaultId), SecretFileMode);
                    return true;
                }
                finally
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
            }
        }

        public static void DecryptInPlace(string path, IReadOnlyList<VaultSecret> secrets)
        {
            path = RealPath.WriteTarget(path);
            using (FileLock.Acquire(path, TimeSpan.FromSeconds(30)))
            {
                var plaintext = VaultCipher.DecryptFile(path, secrets);
                try
                {
                    AtomicFile.WriteAllBytes(path, plaintext, SecretFileMode);
                }
                finally
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
            }
        }

        /// <summary>
        /// Re-encrypts the vault with <paramref name="newSecret"/> and a fresh salt, as `ansible-vault rekey` does: the header
        /// gets <paramref name="newVaultId"/> (none: format 1.1), the file keeps its mode. With <paramref name="backup"/> the
        /// previous file is first copied to its Ansible-style backup name, which is returned ("" without a backup).
        /// </summary>
        public static string RekeyInPlace(string path, IReadOnlyList<VaultSecret> secrets, VaultSecret newSecret, string? newVaultId, bool backup)
        {
            path = RealPath.WriteTarget(path);
            // A copy per call: the shared secret would derive the keys of every file's new salt one after the other under its lock.
            using (var own = VaultSecret.FromBytes(newSecret.Password, newSecret.Label))
            using (FileLock.Acquire(path, TimeSpan.FromSeconds(30)))
            {
                var plaintext = VaultCipher.DecryptFile(path, secrets);
                try
                {
                    var envelope = VaultCipher.Encrypt(plaintext, own, newVaultId);
                    var backupPath = backup ? AnsibleBackup.Create(path) : "";
                    AtomicFile.WriteAllText(path, envelope);
                    return backupPath;
                }
                finally
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
            }
        }

        /// <summary>The decrypted file as UTF-8 text.</summary>
        public static string ReadPlaintext(string path, IReadOnlyList<VaultSecret> secrets)
        {
            var plaintext = VaultCipher.DecryptFile(path, secrets);
            try
            {
                return StrictUtf8.GetString(plaintext);
            }
            catch (DecoderFallbackException)
            {
                throw new VaultException(VaultErrorKind.NotAMapping, "the decrypted content is not UTF-8 text; decrypt the file in place instead.", path);
            }
            finally
            {
                Array.Clear(plaintext, 0, plaintext.Length);
            }
        }

        /// <summary><see cref="ReadPlaintext"/> as a batch operation.</summary>
        public static VaultFileResult Read(string path, IReadOnlyList<VaultSecret> secrets) => VaultFileResult.Plaintext(ReadPlaintext(path, secrets));

        /// <summary>
        /// Runs <paramref name="operation"/> on every path on worker threads and yields each outcome on the calling
        /// thread as soon as it is done. Each worker gets its own copies of the secrets, so key derivations (one per
        /// salt, i.e. per file) run side by side instead of queueing on one secret's cache.
        /// </summary>
        public static IEnumerable<VaultFileOutcome> ForEachParallel(IReadOnlyList<string> paths, IReadOnlyList<VaultSecret> secrets,
            Func<string, IReadOnlyList<VaultSecret>, VaultFileResult> operation, CancellationToken cancellation)
        {
            using (var done = new BlockingCollection<VaultFileOutcome>())
            {
                var options = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
                var work = Task.Run(() =>
                {
                    try
                    {
                        Parallel.For(0, paths.Count, options,
                            () => secrets.Select(s => VaultSecret.FromBytes(s.Password, s.Label)).ToList(),
                            (i, _, own) =>
                            {
                                done.Add(Run(i, paths[i], own, operation));
                                return own;
                            },
                            own => own.ForEach(s => s.Dispose()));
                    }
                    finally
                    {
                        done.CompleteAdding();
                    }
                });
                try
                {
                    foreach (var outcome in done.GetConsumingEnumerable(cancellation)) yield return outcome;
                    work.GetAwaiter().GetResult();
                }
                finally
                {
                    // Never dispose the queue under running workers (a stopped pipeline leaves them finishing their file).
                    if (!work.IsCompleted) ((IAsyncResult)work).AsyncWaitHandle.WaitOne();
                }
            }
        }

        private static VaultFileOutcome Run(int index, string path, IReadOnlyList<VaultSecret> secrets, Func<string, IReadOnlyList<VaultSecret>,
            VaultFileResult> operation)
        {
            try
            {
                return new VaultFileOutcome(index, path, operation(path, secrets), null);
            }
            catch (HxException e)
            {
                return new VaultFileOutcome(index, path, null, e);
            }
            catch (FileNotFoundException)
            {
                return new VaultFileOutcome(index, path, null,
                    new HxException("VaultFileNotFound", path + ": the file does not exist.", path, kind: HxErrorKind.NotFound));
            }
            catch (Exception e) when (HxFileError.IsFileSystemError(e))
            {
                return new VaultFileOutcome(index, path, null, HxFileError.From("VaultFileIO", path, e, writing: false));
            }
        }
    }
}
