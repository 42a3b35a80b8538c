using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.InventoryPhase;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Vault;

namespace HxLiteLLM.PowerShell.Commands.Vault
{
    /// <summary>
    /// What the vault cmdlets share: the three ways to give a password (never a prompt), the vault id label, and
    /// verbose output that passes through a redactor holding every secret value the cmdlet handled.
    /// </summary>
    public abstract class HxVaultCmdlet : HxCmdlet
    {
        /// <summary><para type="description">The vault password (never prompted for).</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">A vault password file, read as Ansible reads it; without it and -VaultPassword, ANSIBLE_VAULT_PASSWORD_FILE is used.</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        // Each cmdlet declares -VaultId itself: what the label does differs between them (new header, kept header, hint).
        public abstract string? VaultId { get; set; }

        protected SecretRedactor Redactor { get; } = new SecretRedactor();

        /// <summary>
        /// The secrets from -VaultPassword and -VaultPasswordFile, else from ANSIBLE_VAULT_PASSWORD_FILE; none at all is
        /// a VaultNoSecrets error naming the three ways (unless <paramref name="optional"/>). The caller disposes them.
        /// </summary>
        protected IReadOnlyList<VaultSecret> ResolveSecrets(string? path, bool optional = false)
        {
            var secrets = ResolveVaultSecrets(VaultPassword, VaultPasswordFile, VaultId);
            if (secrets.Count == 0 && !optional) throw VaultSecretFile.NoSecrets(path);
            return secrets;
        }

        protected void WriteRedactedVerbose(string message) => WriteVerbose(Redactor.Redact(message));

        private void WriteOutcome(VaultFileOutcome outcome, string changeName, bool passThru)
        {
            if (outcome.Error != null)
            {
                WriteHxError(outcome.Error, outcome.Path);
            }
            else if (outcome.Text != null)
            {
                Redactor.Register(outcome.Text);
                WritePlaintext(outcome.Text);
            }
            else
            {
                var result = outcome.Result!;
                WriteRedactedVerbose(changeName + ": " + outcome.Path + (result.Changed ? "" : " (nothing to change)"));
                if (passThru) WriteObject(new HxFileChange(outcome.Path, changeName) { Changed = result.Changed, BackupPath = result.BackupPath });
            }
        }

        /// <summary>How a read's plaintext goes to the output: one string per file unless a cmdlet says otherwise.</summary>
        protected virtual void WritePlaintext(string text) => WriteObject(text);

        /// <summary>
        /// The run of the whole-file vault cmdlets: confirmation per file on the pipeline thread, the work on
        /// worker threads, and each file's error or result written back on the pipeline thread as soon as it is done.
        /// </summary>
        /// <param name="action">What ShouldProcess shows; null for a read, which changes nothing and asks nothing.</param>
        /// <param name="operation">The work on one file; returns its plaintext (a read) or what it wrote.</param>
        protected void RunFileBatch(IReadOnlyList<string> paths, string? action, string changeName, bool passThru,
            Func<string, IReadOnlyList<VaultSecret>, VaultFileResult> operation)
        {
            if (paths.Count == 0) return;
            IReadOnlyList<VaultSecret> secrets;
            try
            {
                secrets = ResolveSecrets(paths[0]);
            }
            catch (HxException error)
            {
                ThrowHxError(error, paths[0]);
                return;
            }
            try
            {
                var approved = new List<string>();
                foreach (var path in paths)
                {
                    if (action == null || ShouldProcess(path, action)) approved.Add(path);
                    else if (passThru) WriteObject(new HxFileChange(path, changeName) { WhatIf = true });
                }
                WriteRedactedVerbose((action ?? "Read the plaintext of") + ": " + ReportText.Count(approved.Count, "file") + ".");
                // Written in input order (each as soon as all before it are done), so output lines up with the input.
                var pending = new Dictionary<int, VaultFileOutcome>();
                var next = 0;
                foreach (var outcome in VaultFiles.ForEachParallel(approved, secrets, operation, Cancellation))
                {
                    pending[outcome.Index] = outcome;
                    while (pending.TryGetValue(next, out var ready))
                    {
                        pending.Remove(next++);
                        WriteOutcome(ready, changeName, passThru);
                    }
                }
            }
            finally
            {
                foreach (var secret in secrets) secret.Dispose();
            }
        }
    }
}
