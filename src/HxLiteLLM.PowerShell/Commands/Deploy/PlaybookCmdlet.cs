using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HxLiteLLM.PowerShell.Module;

namespace HxLiteLLM.PowerShell.Commands.Deploy
{
    /// <summary>
    /// What the cmdlets that run ansible-playbook share: Ansible's -e, --check and --diff, and the vault parameters, with one
    /// meaning each (as HxVaultCmdlet is for the vault cmdlets).
    /// </summary>
    public abstract class PlaybookCmdlet : HxCmdlet
    {
        /// <summary><para type="description">Extra variables (-e), highest precedence; passed as a private JSON file, never on a command line.</para></summary>
        [Parameter]
        public IDictionary? ExtraVariable { get; set; }

        /// <summary><para type="description">Check mode (--check): modules run on the targets but change nothing that supports check mode; tasks with check_mode: false still run.</para></summary>
        [Parameter]
        public SwitchParameter Check { get; set; }

        /// <summary><para type="description">Report the differences of changed files (--diff).</para></summary>
        [Parameter]
        public SwitchParameter Diff { get; set; }

        /// <summary><para type="description">The vault password (never prompted for); handed to ansible-playbook through a pipe.</para></summary>
        [Parameter]
        public SecureString? VaultPassword { get; set; }

        /// <summary><para type="description">A vault password file, read as Ansible reads it; without it and -VaultPassword, ansible.cfg's vault_password_file and vault_identity_list (or their ANSIBLE_* variables).</para></summary>
        [Parameter]
        public string? VaultPasswordFile { get; set; }

        /// <summary><para type="description">The vault id label of -VaultPassword or -VaultPasswordFile (--vault-id label@...); default when not given.</para></summary>
        [Parameter]
        public string? VaultId { get; set; }

        /// <summary>-ExtraVariable in the value model (null when not given); a value outside it is an InvalidExtraVariable error.</summary>
        protected IDictionary<object, object?>? ExtraVariables()
        {
            try
            {
                return ExtraVariable == null ? null : (IDictionary<object, object?>?)PowerShellValues.ToValue(ExtraVariable);
            }
            catch (ArgumentException error)
            {
                throw new HxException("InvalidExtraVariable", "-ExtraVariable: " + error.Message, kind: HxErrorKind.InvalidArgument);
            }
        }

        /// <summary>Passwords given here are handed to ansible-playbook; those of ansible.cfg it reads itself.</summary>
        protected bool HandsOverVaultSecrets => VaultPassword != null || VaultPasswordFile != null;
    }
}
