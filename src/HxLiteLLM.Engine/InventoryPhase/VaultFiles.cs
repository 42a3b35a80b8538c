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
    /// <summary>What happened to one file of a batch: its index in the input, and the result text or the error.</summary>
    public sealed class VaultFileOutcome
    {
        internal VaultFileOutcome(int index, string path, string? text, HxException? error)
        {
            Index = index;
            Path = path;
            Text = text;
            Error = error;
        }

        public int Index { get; }
        public string Path { get; }
        /// <summary>What the operation returned (the plaintext for a read); null otherwise.</summary>
        public string? Text { get; }
        public HxException? Error { get; }
    }

    /// <summary>
    /// Whole-file vault operations as ansible-vault does them: encrypt and decrypt in place (atomic, mode 0600, the
    /// file untouched on any error) and reading the plaintext; and running one of them over many files in parallel.
    /// </summary>
    public static class VaultFiles
    {
        /// <summary>0600: what ansible-vault gives the files it writes.</summary>
        public const int SecretFileMode = 0x180;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        public static void EncryptInPlace(string path, VaultSecret secret, string? vaultId)
        {
            using (FileLock.Acquire(path, TimeSpan.FromSeconds(30)))
            {
                var plaintext = File.ReadAllBytes(path);
                try
                {
                    if (VaultEnvelope.IsEncrypted(plaintext))
                    {
                        throw new VaultException(VaultErrorKind.AlreadyEncrypted, "input is already encrypted; it was left as it is (decrypt it first to re-key it).", path);
                    }
                    AtomicFile.WriteAllText(path, VaultCipher.Encrypt(plaintext, secret, vaultId), SecretFileMode);
                }
                finally
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
            }
        }

        public static void DecryptInPlace(string path, IReadOnlyList<VaultSecret> secrets)
        {
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

        /// <summary>
        /// Runs <paramref name="operation"/> on every path on worker threads and yields each outcome on the calling
        /// thread as soon as it is done. Each worker gets its own copies of the secrets, so key derivations (one per
        /// salt, i.e. per file) run side by side instead of queueing on one secret's cache.
        /// </summary>
        public static IEnumerable<VaultFileOutcome> ForEachParallel(IReadOnlyList<string> paths, IReadOnlyList<VaultSecret> secrets,
            Func<string, IReadOnlyList<VaultSecret>, string?> operation, CancellationToken cancellation)
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

        private static VaultFileOutcome Run(int index, string path, IReadOnlyList<VaultSecret> secrets, Func<string, IReadOnlyList<VaultSecret>, string?> operation)
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
                return new VaultFileOutcome(index, path, null, new HxException("VaultFileNotFound", path + ": the file does not exist.", path));
            }
            catch (IOException e)
            {
                return new VaultFileOutcome(index, path, null, new HxException("VaultFileIO", path + ": " + e.Message, path));
            }
            catch (UnauthorizedAccessException e)
            {
                return new VaultFileOutcome(index, path, null, new HxException("VaultFileIO", path + ": " + e.Message, path));
            }
        }
    }
}
