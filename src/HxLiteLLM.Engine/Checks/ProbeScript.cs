using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
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
        /// <param name="ca">The root CA the CaTrust check looks for; without it the whole trust bundle is sent.</param>
        public static string Build(PreflightChecks checks, PreflightOptions options, X509Certificate2? ca = null) => Build(checks, options, ca, null);

        /// <summary>What each section of the script asks the target (its shell command), by section name, for the evidence.</summary>
        public static IReadOnlyDictionary<string, string> Questions(PreflightChecks checks, PreflightOptions options, X509Certificate2? ca = null)
        {
            var questions = new Dictionary<string, string>(System.StringComparer.Ordinal);
            Build(checks, options, ca, questions);
            return questions;
        }

        private static string Build(PreflightChecks checks, PreflightOptions options, X509Certificate2? ca, Dictionary<string, string>? questions)
        {
            var sb = new StringBuilder();
            void Section(string name, string command)
            {
                sb.Append("hx_section ").Append(name).Append(' ').Append(SshConnection.ShellQuote(command)).Append('\n');
                if (questions != null) questions[name] = command;
            }
            sb.Append("LC_ALL=C; export LC_ALL\n");
            // The subshell keeps one failing section from ending the script; the leading newline of the end marker
            // lets the parser restore the section's output byte for byte.
            sb.Append("hx_section() { printf '" + Begin + "%s\\n' \"$1\"; ( eval \"$2\" ) 2>&1 </dev/null; printf '\\n" + End + "%s %s\\n' \"$1\" \"$?\"; }\n");
            if ((checks & PreflightChecks.DnsFromTarget) != 0)
            {
                var endpoints = options.Backends.Select(BackendEndpoint.Parse).ToList();
                if (!string.IsNullOrEmpty(options.TlsEndpoint)) endpoints.Add(BackendEndpoint.Parse(options.TlsEndpoint!));
                Section(ProbeSections.TargetDns, TargetDnsCheck.Command(TargetDnsCheck.SharedNames(endpoints)));
            }
            if ((checks & PreflightChecks.Network) != 0)
            {
                Section(ProbeSections.Addresses,
                    "if command -v ip >/dev/null 2>&1; then ip -o addr show; else cat /proc/net/if_inet6; cat /proc/net/fib_trie; fi");
                Section(ProbeSections.Routes, "if command -v ip >/dev/null 2>&1; then ip route show; else cat /proc/net/route; fi");
                Section(ProbeSections.Resolver, "cat /etc/resolv.conf");
            }
            if ((checks & PreflightChecks.DomainJoin) != 0)
            {
                Section(ProbeSections.Realm, "command -v realm >/dev/null 2>&1 || exit 127; realm list");
                Section(ProbeSections.Sssd,
                    "command -v sssd || exit 127; if command -v systemctl >/dev/null 2>&1; then systemctl is-active sssd; else pgrep -x sssd >/dev/null && " +
                        "echo active || { echo inactive; exit 3; }; fi");
                Section(ProbeSections.Krb5, "cat /etc/krb5.conf");
            }
            if ((checks & PreflightChecks.Sudo) != 0)
            {
                Section(ProbeSections.Sudo, "command -v sudo >/dev/null 2>&1 || exit 127; sudo -n true");
            }
            if ((checks & PreflightChecks.CaTrust) != 0)
            {
                var candidates = new List<string>();
                if (!string.IsNullOrEmpty(options.CaBundlePath)) candidates.Add(options.CaBundlePath!);
                else candidates.AddRange(CaTrustCheck.SystemBundles);
                var quoted = string.Join(" ", candidates.ConvertAll(SshConnection.ShellQuote));
                // First line: the bundle path used; then its PEM text, or, when the CA is known, only the certificates
                // that could be it (see CaTrustCheck.CertificateFilter) and when none could, the whole text after all.
                var print = ca == null ? "cat \"$f\"" : CaTrustCheck.CertificateFilter(ca) + " \"$f\" || cat \"$f\"";
                Section(ProbeSections.CaBundle, "for f in " + quoted + "; do if [ -r \"$f\" ]; then echo \"$f\"; " + print
                    + "; exit 0; fi; done; echo 'no readable bundle'; exit 1");
            }
            if ((checks & PreflightChecks.Python) != 0)
            {
                // One interpreter start writes all three sections (`python3 -m pip` alone costs half a second of the
                // target's CPU); when the interpreter does not start, each section reports why, with its exit code.
                var sections = ProbeSections.PythonVersion + " " + ProbeSections.Pip + " " + ProbeSections.Venv;
                var mode = options.PythonVenvFullBootstrap ? " full" : " quick";
                sb.Append("out=$(").Append(SshConnection.ShellQuote(options.PythonCommand)).Append(" -c ").Append(SshConnection.ShellQuote(PythonProgram)).Append(mode).Append(" 2>&1 </dev/null); rc=$?\n");
                // The program itself is in this assembly; the evidence names it rather than repeating it per section.
                var asked = SshConnection.ShellQuote(options.PythonCommand) + " -c '<HxLiteLLM python probe: version, pip, venv>'" + mode;
                if (questions != null) foreach (var s in new[] { ProbeSections.PythonVersion, ProbeSections.Pip, ProbeSections.Venv }) questions[s] = asked;
                // The interpreter's own sections count once it wrote the first, even after start-up warnings on stderr.
                sb.Append("case \"$out\" in *'" + Begin + ProbeSections.PythonVersion + "'*) printf '%s\\n' \"$out\" ;;\n");
                sb.Append("*) for s in " + sections + "; do printf '" + Begin + "%s\\n%s\\n" + End
                    + "%s %s\\n' \"$s\" \"$out\" \"$s\" \"$rc\"; done ;;\nesac\n");
            }
            return sb.ToString();
        }

        /// <summary>
        /// The Python sections as the interpreter itself writes them (names as in <see cref="ProbeSections"/>): version
        /// and path; pip as <c>python3 -m pip --version</c> prints it, read from the package without loading pip's
        /// command line; a venv created in-process as <c>python3 -m venv --without-pip</c> would, plus ensurepip's
        /// bundled pip (argument "full": the venv with pip bootstrapped, and that pip's version). Any Python 3.
        /// </summary>
        private const string PythonProgram = @"import os, subprocess, sys
def section(name, body):
    try:
        text, code = body(), 0
    except subprocess.CalledProcessError as e:
        text, code = e.output.decode(""utf-8"", ""replace""), e.returncode
    except Exception as e:
        text, code = ""%s: %s\n"" % (type(e).__name__, e), 1
    sys.stdout.write(""" + Begin + @"%s\n%s\n" + End + @"%s %d\n"" % (name, text, name, code))
    sys.stdout.flush()
def version():
    return ""%d.%d.%d\n%s\n"" % (sys.version_info[:3] + (sys.executable,))
def pip():
    import pip
    return ""pip %s from %s (python %d.%d)\n"" % ((pip.__version__, os.path.dirname(pip.__file__)) + sys.version_info[:2])
def venv():
    import shutil, tempfile, venv
    full = sys.argv[1:] == [""full""]
    work = tempfile.mkdtemp()
    try:
        target = os.path.join(work, ""venv"")
        venv.EnvBuilder(symlinks=os.name != ""nt"", with_pip=full).create(target)
        if full:
            return subprocess.check_output([os.path.join(target, ""bin"", ""python""), ""-m"", ""pip"", ""--version""], stderr=subprocess.STDOUT).decode(""utf-8"", ""replace"")
        import ensurepip
        return ""pip %s\n"" % ensurepip.version()
    finally:
        shutil.rmtree(work, ignore_errors=True)
section(""python.version"", version)
section(""python.pip"", pip)
section(""python.venv"", venv)
";
    }

    /// <summary>Section names of the probe script.</summary>
    public static class ProbeSections
    {
        public const string TargetDns = "dns.target";
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

        /// <summary>The sections a check reads; none for checks that do not read the probe.</summary>
        public static IReadOnlyList<string> Of(string check) => check switch
        {
            PreflightCheckNames.DnsFromTarget => new[] { TargetDns },
            PreflightCheckNames.NetworkConfig => new[] { Addresses, Routes, Resolver },
            PreflightCheckNames.DomainJoin => new[] { Realm, Sssd, Krb5 },
            PreflightCheckNames.Sudo => new[] { Sudo },
            PreflightCheckNames.CaTrust => new[] { CaBundle },
            PreflightCheckNames.PythonRuntime => new[] { PythonVersion, Pip, Venv },
            _ => new string[0],
        };
    }
}
