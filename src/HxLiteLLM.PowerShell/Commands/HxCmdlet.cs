using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading;
using HxLiteLLM.PowerShell.Module;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands
{
    /// <summary>
    /// What every HxLiteLLM cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, and one way
    /// of turning engine errors into ErrorRecords with a stable ErrorId, a real category and the offending item.
    /// </summary>
    public abstract class HxCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken Cancellation => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        /// <summary>A path as the user gave it (relative to the current location, PSDrives allowed) made absolute.</summary>
        protected string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>
        /// The vault secrets a command was given: -VaultPassword and -VaultPasswordFile, else the file named by
        /// ANSIBLE_VAULT_PASSWORD_FILE (as ansible-vault). Never prompts; an empty list when there is none.
        /// The caller disposes them.
        /// </summary>
        protected IReadOnlyList<VaultSecret> ResolveVaultSecrets(SecureString? password, string? passwordFile, string? vaultId = null)
        {
            var given = new List<VaultSecret?>();
            try
            {
                if (password != null)
                {
                    var chars = SecureText.ToChars(password);
                    try
                    {
                        given.Add(VaultSecret.FromPassword(chars, vaultId));
                    }
                    finally
                    {
                        Array.Clear(chars, 0, chars.Length);
                    }
                }
                if (passwordFile != null) given.Add(VaultSecret.FromFile(ResolvePath(passwordFile), vaultId));
            }
            catch
            {
                foreach (var secret in given) secret?.Dispose();
                throw;
            }
            return VaultSecret.Resolve(given);
        }

        protected ErrorRecord ToErrorRecord(HxException error, object? target) =>
            new ErrorRecord(error, error.ErrorId, CategoryOf(error), target ?? error.File);

        protected void WriteHxError(HxException error, object? target) => WriteError(ToErrorRecord(error, target));

        protected void ThrowHxError(HxException error, object? target) => ThrowTerminatingError(ToErrorRecord(error, target));

        private static ErrorCategory CategoryOf(HxException error)
        {
            if (error.ErrorId.EndsWith("NotFound", StringComparison.Ordinal)) return ErrorCategory.ObjectNotFound;
            if (error.ErrorId.StartsWith("Vault", StringComparison.Ordinal)) return ErrorCategory.SecurityError;
            if (error.File != null) return ErrorCategory.ParserError;
            return ErrorCategory.InvalidData;
        }
    }
}
