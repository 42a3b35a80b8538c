using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using Xunit;

namespace HxLiteLLM.Tests.Reporting
{
    public class ReportingTests
    {
        private const string Secret = "sk-0123456789abcdef0123456789abcdef";

        private static List<HxCheckResult> Sample() => new List<HxCheckResult>
        {
            new HxCheckResult("Preflight", "DnsForward", "gw1.hx.test", HxStatus.Passed, "127.0.0.1") { Category = HxCategory.Dns, DurationMs = 12 },
            new HxCheckResult("Preflight", "PythonRuntime", "gw1.hx.test", HxStatus.Failed, "python3 3.9 < 3.11")
                { Category = HxCategory.Runtime, Remediation = "sudo apt-get install -y python3.11 python3.11-venv", DurationMs = 250 },
            new HxCheckResult("Preflight", "CATrust", "gw2.hx.test", HxStatus.Skipped, "dependency Connection failed") { Category = HxCategory.Dependency },
            new HxCheckResult("Inventory", "MasterKey", "vault.yml", HxStatus.Failed, "master key " + Secret + " is in plain text")
                { Category = HxCategory.Vault, Remediation = "Set-HxVaultSecret -Path group_vars/litellm/vault.yml -Name litellm_master_key" },
            new HxCheckResult("Inventory", "UnknownVariable", "litellm_prot", HxStatus.Warning, "did you mean litellm_port?") { Category = HxCategory.Config },
        };

        private static SecretRedactor Redactor()
        {
            var r = new SecretRedactor();
            r.Register(Secret);
            return r;
        }

        [Fact]
        public void JUnitHasOneSuitePerPhaseAndCountsThatMatchTheResults()
        {
            var xml = JUnitReportWriter.Write(Sample(), Redactor());
            var doc = XDocument.Parse(xml);
            var root = doc.Root!;
            Assert.Equal("testsuites", root.Name.LocalName);
            Assert.Equal("5", (string?)root.Attribute("tests"));
            Assert.Equal("2", (string?)root.Attribute("failures"));
            Assert.Equal("1", (string?)root.Attribute("skipped"));
            var suites = root.Elements("testsuite").ToList();
            Assert.Equal(new[] { "Preflight", "Inventory" }, suites.Select(s => (string?)s.Attribute("name")));
            Assert.Equal(3, suites[0].Elements("testcase").Count());
            Assert.Equal("0.262", (string?)suites[0].Attribute("time"));
            var failure = suites[0].Descendants("failure").Single();
            Assert.Equal("Runtime", (string?)failure.Attribute("type"));
            Assert.Contains("Remediation: sudo apt-get", failure.Value);
            Assert.DoesNotContain(Secret, xml);
        }

        [Fact]
        public void GitHubAndAzureAnnotationsEscapeTheirSyntax()
        {
            var results = new[] { new HxCheckResult("Preflight", "Dns", "a,b:c", HxStatus.Failed, "50% lost\nline2; x]") };
            var gh = CiAnnotationWriter.Annotations(CiSystem.GitHubActions, results, new SecretRedactor()).Single();
            Assert.Equal("::error title=Preflight/Dns (a%2Cb%3Ac)::50%25 lost%0Aline2; x]", gh);
            var az = CiAnnotationWriter.Annotations(CiSystem.AzurePipelines, results, new SecretRedactor()).Single();
            Assert.Equal("##vso[task.logissue type=error]Preflight/Dns (a,b:c): 50%AZP25 lost%0Aline2%3B x%5D", az);
            Assert.Empty(CiAnnotationWriter.Annotations(CiSystem.GitHubActions, Sample().Where(r => r.Status == HxStatus.Passed), new SecretRedactor()));
        }

        [Fact]
        public void AResultWithAFileIsAnnotatedOnItRelativeToTheRepository()
        {
            var results = new[]
            {
                new HxCheckResult("RoleValidation", "TemplateSyntax", "/runner/work/app/roles/litellm/templates/env.j2", HxStatus.Failed,
                    "/runner/work/app/roles/litellm/templates/env.j2:3:7: unexpected '}'") { Remediation = "Fix the Jinja syntax." }
                    .At("/runner/work/app/roles/litellm/templates/env.j2", 3, 7),
                new HxCheckResult("Inventory", "MultipleDefinitions", "/runner/work/app/inv/group_vars/all.yml", HxStatus.Warning, "defined twice")
                    .At("/runner/work/app/inv/group_vars/all.yml", 4),
                new HxCheckResult("Inventory", "VaultDecrypt", "/elsewhere/vault.yml", HxStatus.Failed, "wrong password").At("/elsewhere/vault.yml"),
                new HxCheckResult("RoleValidation", "Render", "a,b:c;d]", HxStatus.Failed, "x").At("/runner/work/app/a,b:c;d].j2", 1, 2),
            };
            var gh = CiAnnotationWriter.Annotations(CiSystem.GitHubActions, results, new SecretRedactor(), "/runner/work/app/").ToList();
            Assert.Equal("::error file=roles/litellm/templates/env.j2,line=3,col=7,title=RoleValidation/TemplateSyntax (roles/litellm/templates/env.j2)"
                + "::roles/litellm/templates/env.j2:3:7: unexpected '}' Remediation: Fix the Jinja syntax.", gh[0]);
            Assert.Equal("::warning file=inv/group_vars/all.yml,line=4,title=Inventory/MultipleDefinitions (inv/group_vars/all.yml)::defined twice", gh[1]);
            // Outside the repository: no file to annotate, and the path stays as it is.
            Assert.Equal("::error title=Inventory/VaultDecrypt (/elsewhere/vault.yml)::wrong password", gh[2]);
            Assert.Equal("::error file=a%2Cb%3Ac;d].j2,line=1,col=2,title=RoleValidation/Render (a%2Cb%3Ac;d])::x", gh[3]);
            var az = CiAnnotationWriter.Annotations(CiSystem.AzurePipelines, results, new SecretRedactor(), "/runner/work/app").ToList();
            Assert.Equal("##vso[task.logissue type=error;sourcepath=roles/litellm/templates/env.j2;linenumber=3;columnnumber=7]RoleValidation/TemplateSyntax "
                + "(roles/litellm/templates/env.j2): roles/litellm/templates/env.j2:3:7: unexpected '}' Remediation: Fix the Jinja syntax.", az[0]);
            Assert.Equal("##vso[task.logissue type=warning;sourcepath=inv/group_vars/all.yml;linenumber=4]Inventory/MultipleDefinitions (inv/group_vars/all.yml): defined twice", az[1]);
            Assert.Equal("##vso[task.logissue type=error]Inventory/VaultDecrypt (/elsewhere/vault.yml): wrong password", az[2]);
            Assert.Equal("##vso[task.logissue type=error;sourcepath=a,b:c%3Bd%5D.j2;linenumber=1;columnnumber=2]RoleValidation/Render (a,b:c%3Bd%5D): x", az[3]);
            Assert.All(gh.Concat(az), line => Assert.DoesNotContain("/runner/work", line));
        }

        [Fact]
        public void TheRepositoryRootIsTheCiWorkspaceElseTheGitWorkTreeElseTheCurrentFolder()
        {
            var tree = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hx-root-" + Guid.NewGuid().ToString("N"));
            var inner = System.IO.Path.Combine(tree, "repo", "examples", "seed");
            System.IO.Directory.CreateDirectory(inner);
            try
            {
                Assert.Equal("/gh/ws", CiAnnotationWriter.RepositoryRoot(n => n == "GITHUB_WORKSPACE" ? "/gh/ws/" : null, inner));
                Assert.Equal("/az/s", CiAnnotationWriter.RepositoryRoot(n => n == "BUILD_SOURCESDIRECTORY" ? "/az/s" : null, inner));
                Assert.Equal(inner, CiAnnotationWriter.RepositoryRoot(_ => null, inner));
                System.IO.File.WriteAllText(System.IO.Path.Combine(tree, "repo", ".git"), "gitdir: /elsewhere/.git/worktrees/repo\n");
                Assert.Equal(System.IO.Path.Combine(tree, "repo"), CiAnnotationWriter.RepositoryRoot(_ => null, inner));
                Assert.Equal("examples/seed/x.yml", CiAnnotationWriter.RelativePath(System.IO.Path.Combine(tree, "repo"), System.IO.Path.Combine(inner, "x.yml")));
                Assert.Null(CiAnnotationWriter.RelativePath(System.IO.Path.Combine(tree, "repo"), System.IO.Path.Combine(tree, "repository", "x.yml")));
            }
            finally
            {
                System.IO.Directory.Delete(tree, true);
            }
        }

        [Fact]
        public void DetectsTheCiSystemFromItsVariables()
        {
            Assert.Equal(CiSystem.GitHubActions, CiAnnotationWriter.Detect(n => n == "GITHUB_ACTIONS" ? "true" : null));
            Assert.Equal(CiSystem.AzurePipelines, CiAnnotationWriter.Detect(n => n == "TF_BUILD" ? "True" : null));
            Assert.Equal(CiSystem.None, CiAnnotationWriter.Detect(_ => null));
        }

        [Fact]
        public void IssueReportSplitsRemediationByShellAndNeverLeaksSecrets()
        {
            var files = IssueReportWriter.Write(Sample(), Redactor(), new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc));
            Assert.Equal(new[] { "analysis.txt", "full_report.txt", "remediation.ps1", "remediation.sh" }, files.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains("Set-HxVaultSecret -Path group_vars/litellm/vault.yml", files["remediation.ps1"]);
            Assert.DoesNotContain("apt-get", files["remediation.ps1"]);
            Assert.Contains("# --- gw1.hx.test ---\n# PythonRuntime\nsudo apt-get install -y python3.11 python3.11-venv\n", files["remediation.sh"]);
            Assert.Contains("Runtime            1        0 gw1.hx.test", files["analysis.txt"]);
            Assert.Contains("WARNING UnknownVariable on litellm_prot [Config]", files["full_report.txt"]);
            Assert.All(files.Values, text => Assert.DoesNotContain(Secret, text));
        }

        [Fact]
        public void IssueReportScriptsRunOnlyCompleteCommandsAndKeepAdviceAsComments()
        {
            var results = new List<HxCheckResult>
            {
                new HxCheckResult("Preflight", "NetworkConfig", "gw1.hx.test", HxStatus.Failed, "no default route")
                    { Remediation = "configure a default gateway (e.g. in /etc/network/interfaces or netplan)" },
                new HxCheckResult("Preflight", "DomainJoin", "gw1.hx.test", HxStatus.Failed, "not joined")
                    { Remediation = "sudo realm join --user=<admin> corp.example\nsudo systemctl enable --now sssd" },
                new HxCheckResult("Inventory", "LiteLLMGroup", "hosts.ini", HxStatus.Failed, "no [litellm] group")
                    { Remediation = "Add-HxLiteLLMGroup -Path hosts.ini -HostName <gateway host>" },
                new HxCheckResult("Inventory", "VaultPassword", "vault.yml", HxStatus.Failed, "no password")
                    { Remediation = "Give -VaultPasswordFile (or set ANSIBLE_VAULT_PASSWORD_FILE) and run again" },
            };
            var files = IssueReportWriter.Write(results, new SecretRedactor(), new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc));
            var shell = files["remediation.sh"];
            Assert.Contains("# NetworkConfig\n# configure a default gateway (e.g. in /etc/network/interfaces or netplan)\n", shell);
            Assert.Contains("# DomainJoin\n# fill in the <placeholders>, then run: sudo realm join --user=<admin> corp.example\nsudo systemctl enable --now sssd\n", shell);
            var ps = files["remediation.ps1"];
            Assert.Contains("# fill in the <placeholders>, then run: Add-HxLiteLLMGroup -Path hosts.ini -HostName <gateway host>\n", ps);
            Assert.Contains("# Give -VaultPasswordFile (or set ANSIBLE_VAULT_PASSWORD_FILE) and run again\n", ps);
            // Every line that is not a comment is a complete command.
            var runnable = (shell + ps).Split('\n').Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "set -e", "sudo systemctl enable --now sssd", "$ErrorActionPreference = 'Stop'" }, runnable);
        }
    }
}
