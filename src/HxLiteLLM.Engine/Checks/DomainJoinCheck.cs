using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Results;

namespace HxLiteLLM.Checks
{
    /// <summary>A realm as <c>realm list</c> prints it.</summary>
    public sealed class RealmInfo
    {
        public RealmInfo(string name, string configured)
        {
            Name = name;
            Configured = configured;
        }

        public string Name { get; }
        /// <summary>kerberos-member, or "no" when only discovered.</summary>
        public string Configured { get; }
        public bool Joined => Configured.Length > 0 && Configured != "no";
    }

    /// <summary>Domain membership as the host reports it: realmd's view first, sssd and krb5.conf as supporting evidence.</summary>
    public static class DomainJoinCheck
    {
        public static IReadOnlyList<RealmInfo> ParseRealmList(string output)
        {
            var realms = new List<RealmInfo>();
            string? name = null;
            var configured = "";
            foreach (var raw in output.Replace("\r", "").Split('\n'))
            {
                if (raw.Trim().Length == 0) continue;
                if (!char.IsWhiteSpace(raw[0]))
                {
                    if (name != null) realms.Add(new RealmInfo(name, configured));
                    name = raw.Trim();
                    configured = "";
                }
                else if (raw.Trim().StartsWith("configured:", StringComparison.Ordinal))
                {
                    configured = raw.Trim().Substring("configured:".Length).Trim();
                }
            }
            if (name != null) realms.Add(new RealmInfo(name, configured));
            return realms;
        }

        /// <summary>The <c>default_realm</c> of krb5.conf's [libdefaults], or null.</summary>
        public static string? DefaultRealm(string? krb5Conf)
        {
            if (krb5Conf == null) return null;
            var m = Regex.Match(krb5Conf, @"^\s*default_realm\s*=\s*(\S+)", RegexOptions.Multiline);
            return m.Success ? m.Groups[1].Value : null;
        }

        public static (HxCheckResult Result, string Evidence) Evaluate(string target, ProbeOutput probe, string? expectedDomain)
        {
            var realm = probe[ProbeSections.Realm];
            var sssd = probe[ProbeSections.Sssd];
            var krb5 = probe[ProbeSections.Krb5];
            var evidence = Evidence.Sections(realm, sssd, krb5);
            var defaultRealm = DefaultRealm(krb5 != null && krb5.Succeeded ? krb5.Output : null);
            var sssdState = sssd == null ? "unknown" : sssd.CommandMissing ? "not installed" : sssd.Succeeded ? "active" : "installed, not active";
            var context = "sssd " + sssdState + "; krb5 default_realm " + (defaultRealm ?? "unset");
            var domain = expectedDomain ?? defaultRealm?.ToLowerInvariant() ?? "<domain>";
            var join = "sudo apt-get install -y realmd sssd sssd-tools adcli krb5-user packagekit && sudo realm join --user=<admin> " + domain;
            if (realm == null || realm.CommandMissing)
            {
                return (Result(target, HxStatus.Failed, "not joined: realm (realmd) is not installed, so no join is configured; " + context, join), evidence);
            }
            var joined = ParseRealmList(realm.Succeeded ? realm.Output : "").Where(r => r.Joined).ToList();
            if (joined.Count == 0)
            {
                return (Result(target, HxStatus.Failed, "not joined: realm list shows no configured domain"
                    + (realm.Succeeded ? "" : " (" + Evidence.Brief(realm) + ")") + "; " + context, join), evidence);
            }
            var names = string.Join(", ", joined.Select(r => r.Name + " (" + r.Configured + ")"));
            if (expectedDomain != null && !joined.Any(r => string.Equals(r.Name, expectedDomain, StringComparison.OrdinalIgnoreCase)))
            {
                return (Result(target, HxStatus.Failed, "joined to " + names + ", not to " + expectedDomain + "; " + context,
                    "sudo realm leave && sudo realm join --user=<admin> " + expectedDomain), evidence);
            }
            if (!sssd!.Succeeded)
            {
                return (Result(target, HxStatus.Warning, "joined to " + names + " but " + context, "sudo systemctl enable --now sssd"), evidence);
            }
            return (Result(target, HxStatus.Passed, "joined to " + names + "; " + context), evidence);
        }

        private static HxCheckResult Result(string target, string status, string message, string remediation = "") =>
            PreflightCheckNames.Result(PreflightCheckNames.DomainJoin, target, status, HxCategory.Domain, message, remediation);
    }
}
