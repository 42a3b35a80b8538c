using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>Passwordless sudo for the connecting user (<c>sudo -n true</c>).</summary>
    public static class SudoCheck
    {
        public static (HxCheckResult Result, string Evidence) Evaluate(string target, string user, ProbeSection? sudo)
        {
            var evidence = Evidence.Sections(sudo);
            var who = user.Length > 0 ? user : "the connecting user";
            var sudoers = user.Length > 0
                ? "as root: echo '" + user + " ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/" + user + " && chmod 440 /etc/sudoers.d/" + user + " && visudo -c"
                : "grant the connecting user NOPASSWD sudo in /etc/sudoers.d/";
            if (sudo != null && sudo.Succeeded)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.Sudo, target, HxStatus.Passed, HxCategory.Privilege, "passwordless sudo works for "
                    + who), evidence);
            }
            if (sudo != null && sudo.CommandMissing)
            {
                return (PreflightCheckNames.Result(PreflightCheckNames.Sudo, target, HxStatus.Failed, HxCategory.Privilege, "sudo is not installed",
                    "as root: apt-get install -y sudo (or dnf install -y sudo), then " + sudoers), evidence);
            }
            return (PreflightCheckNames.Result(PreflightCheckNames.Sudo, target, HxStatus.Failed, HxCategory.Privilege,
                "passwordless sudo is not available for " + who + ": " + Evidence.Brief(sudo), sudoers), evidence);
        }
    }
}
