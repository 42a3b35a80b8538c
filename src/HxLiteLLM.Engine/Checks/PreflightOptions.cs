using System;
using System.Collections.Generic;
using HxLiteLLM.Remote;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>The pre-flight steps; the connection itself is implied by any remote step.</summary>
    [Flags]
    public enum PreflightChecks
    {
        None = 0,
        /// <summary>Forward and reverse DNS of the host name, from the controller.</summary>
        Dns = 1,
        /// <summary>Network configuration evidence and backend reachability from the target.</summary>
        Network = 2,
        /// <summary>realm/sssd/krb5 domain membership as the host reports it.</summary>
        DomainJoin = 4,
        /// <summary>Passwordless sudo for the connecting user.</summary>
        Sudo = 8,
        /// <summary>The root CA in the target's trust bundle (and optionally a TLS endpoint validated against it).</summary>
        CaTrust = 16,
        /// <summary>python3 version, pip and venv.</summary>
        Python = 32,
        /// <summary>The host's own name and the backend names resolved on the target with its resolver (getent ahosts).</summary>
        DnsFromTarget = 64,
        Remote = Network | DomainJoin | Sudo | CaTrust | Python,
        All = Dns | DnsFromTarget | Remote,
    }

    /// <summary>What the pre-flight checks and how long it waits; one instance for a whole run.</summary>
    public sealed class PreflightOptions
    {
        public PreflightChecks Checks { get; set; } = PreflightChecks.All;
        /// <summary>Run the later steps of a host even when an earlier one failed (a failed connection still stops the remote steps).</summary>
        public bool ContinueOnFailure { get; set; }
        /// <summary>
        /// The seed's strict chain: 3.01.01 → 3.01.05 in report order, each check run only when no earlier check of the
        /// host failed; the later ones are Skipped naming the failed one. Wins over <see cref="ContinueOnFailure"/>.
        /// </summary>
        public bool StrictOrder { get; set; }
        /// <summary>Hosts checked at the same time.</summary>
        public int ThrottleLimit { get; set; } = 32;

        /// <summary>DNS server as address or address:port (IPv6 as [address]:port); null for the system's resolvers.</summary>
        public string? DnsServer { get; set; }
        public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Backends to reach from each target: URLs (http/https, probed with a GET) or host:port. An https backend's
        /// certificate is validated against <see cref="CaCertificatePath"/> when given, else against this machine's trust.
        /// </summary>
        public IList<string> Backends { get; set; } = new List<string>();
        /// <summary>Time allowed for each TCP/HTTP/TLS probe from a target.</summary>
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>
        /// Characters the probe script may print in all (each section keeps only its head and tail anyway): a target
        /// printing more, e.g. a command that never stops printing, is stopped and fails as over the limit, not as a stall.
        /// </summary>
        public long ProbeOutputLimit { get; set; } = 256L * 1024 * 1024;

        /// <summary>PEM file (on this machine) of the root CA the targets must trust.</summary>
        public string? CaCertificatePath { get; set; }
        /// <summary>Trust bundle on the target; null to use the first existing system bundle.</summary>
        public string? CaBundlePath { get; set; }
        /// <summary>TLS endpoint (URL or host:port) validated, from the target, against the root CA only.</summary>
        public string? TlsEndpoint { get; set; }

        /// <summary>Domain the hosts must be joined to; null accepts any joined domain.</summary>
        public string? ExpectedDomain { get; set; }

        public Version MinimumPythonVersion { get; set; } = new Version(3, 11);
        /// <summary>Interpreter on the target, as the connecting user's PATH finds it.</summary>
        public string PythonCommand { get; set; } = "python3";
        /// <summary>
        /// Create the throw-away venv with pip bootstrapped into it (what <c>python3 -m venv</c> does; several seconds per
        /// host). Off: the venv is created without pip and ensurepip's bundled pip is checked, which fails the same way
        /// when the venv package is missing, in a fraction of the time.
        /// </summary>
        public bool PythonVenvFullBootstrap { get; set; }
    }

    /// <summary>One host of a pre-flight run: its inventory name and how to reach it.</summary>
    public sealed class PreflightHost
    {
        public PreflightHost(string name, RemoteConnectionOptions connection)
        {
            Name = name;
            Connection = connection;
        }

        /// <summary>Inventory name; the Target of every result.</summary>
        public string Name { get; }
        public RemoteConnectionOptions Connection { get; }

        public static PreflightHost FromInventory(HxInventoryHost host) => new PreflightHost(host.Name, RemoteConnectionOptions.FromInventory(host));

        /// <summary>The name DNS must know: ansible_host when it is a name, else the inventory name; null when both are addresses.</summary>
        public string? DnsName =>
            !System.Net.IPAddress.TryParse(Connection.Address, out _) ? Connection.Address
            : !System.Net.IPAddress.TryParse(Name, out _) ? Name
            : null;
    }
}
