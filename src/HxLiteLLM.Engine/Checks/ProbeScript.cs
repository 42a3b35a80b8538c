using System.Collections.Generic;
using System.Text;
using HxLiteLLM.Remote;

namespace HxLiteLLM.Checks
{
    /// <summary>
    /// One POSIX shell script that gathers everything the enabled remote checks need in a single command execution
    /// (one round trip per host). Each section prints <c>@@hx-begin NAME</c>, the section's output (stdout and stderr
    /// together), then a newline and <c>@@hx-end NAME EXITCODE</c>; <see cref="ProbeOutput"/> reads it back.
    /// </summary>
    public static class ProbeScript
    {
        public const string Begin = "@@hx-begin ";
        public const string End = "@@hx-end ";

        /// <summary>The script for the enabled checks; sections are named as <see cref="ProbeSections"/> lists them.</summary>
        public static string Build(PreflightChecks checks, PreflightOptions options)
        {
            var sb = new StringBuilder();
            sb.Append("LC_ALL=C; export LC_ALL\n");
            // The subshell keeps one failing section from ending the script; the leading newline of the end marker
            // lets the parser restore the section's output byte for byte.
            sb.Append("hx_section() { printf '" + Begin + "%s\\n' \"$1\"; ( eval \"$2\" ) 2>&1 </dev/null; printf '\\n" + End + "%s %s\\n' \"$1\" \"$?\"; }\n");
            if ((checks & PreflightChecks.Network) != 0)
            {
                Section(sb, ProbeSections.Addresses, "if command -v ip >/dev/null 2>&1; then ip -o addr show; else cat /proc/net/if_inet6; cat /proc/net/fib_trie; fi");
                Section(sb, ProbeSections.Routes, "if command -v ip >/dev/null 2>&1; then ip route show; else cat /proc/net/route; fi");
                Section(sb, ProbeSections.Resolver, "cat /etc/resolv.conf");
            }
            if ((checks & PreflightChecks.DomainJoin) != 0)
            {
                Section(sb, ProbeSections.Realm, "command -v realm >/dev/null 2>&1 || exit 127; realm list");
                Section(sb, ProbeSections.Sssd, "command -v sssd || exit 127; if command -v systemctl >/dev/null 2>&1; then systemctl is-active sssd; else pgrep -x sssd >/dev/null && echo active || { echo inactive; exit 3; }; fi");
                Section(sb, ProbeSections.Krb5, "cat /etc/krb5.conf");
            }
            if ((checks & PreflightChecks.Sudo) != 0)
            {
                Section(sb, ProbeSections.Sudo, "command -v sudo >/dev/null 2>&1 || exit 127; sudo -n true");
            }
            if ((checks & PreflightChecks.CaTrust) != 0)
            {
                var candidates = new List<string>();
                if (!string.IsNullOrEmpty(options.CaBundlePath)) candidates.Add(options.CaBundlePath!);
                else candidates.AddRange(CaTrustCheck.SystemBundles);
                var quoted = string.Join(" ", candidates.ConvertAll(SshConnection.ShellQuote));
                // First line: the bundle path used; then its PEM text.
                Section(sb, ProbeSections.CaBundle, "for f in " + quoted + "; do if [ -r \"$f\" ]; then echo \"$f\"; cat \"$f\"; exit 0; fi; done; echo 'no readable bundle'; exit 1");
            }
            if ((checks & PreflightChecks.Python) != 0)
            {
                var py = SshConnection.ShellQuote(options.PythonCommand);
                Section(sb, ProbeSections.PythonVersion, py + " -c 'import sys; print(\"%d.%d.%d\" % sys.version_info[:3]); print(sys.executable)'");
                Section(sb, ProbeSections.Pip, py + " -m pip --version");
                // Quick: a venv without pip plus ensurepip's bundled pip (Debian ships ensurepip in python3.X-venv);
                // full: the venv as `python3 -m venv` makes it, pip bootstrapped into it (seconds, more under load).
                var create = options.PythonVenvFullBootstrap
                    ? py + " -m venv \"$d/venv\" && \"$d/venv/bin/python\" -m pip --version"
                    : py + " -m venv --without-pip \"$d/venv\" && \"$d/venv/bin/python\" -m ensurepip --version";
                Section(sb, ProbeSections.Venv, "d=$(mktemp -d) || exit 1; " + create + "; rc=$?; rm -rf \"$d\"; exit $rc");
            }
            return sb.ToString();
        }

        private static void Section(StringBuilder sb, string name, string command) =>
            sb.Append("hx_section ").Append(name).Append(' ').Append(SshConnection.ShellQuote(command)).Append('\n');
    }

    /// <summary>Section names of the probe script.</summary>
    public static class ProbeSections
    {
        public const string Addresses = "net.addr";
        public const string Routes = "net.route";
        public const string Resolver = "net.resolv";
        public const string Realm = "domain.realm";
        public const string Sssd = "domain.sssd";
        public const string Krb5 = "domain.krb5";
        public const string Sudo = "sudo";
        public const string CaBundle = "ca.bundle";
        public const string PythonVersion = "python.version";
        public const string Pip = "python.pip";
        public const string Venv = "python.venv";
    }
}
