using System.Collections.Generic;
using System.Management.Automation;

namespace HxLiteLLM.Cmdlets.Tests
{
    /// <summary>A documented way to call a cmdlet: the parameter set it resolves to and the parameters it binds.</summary>
    public sealed record BindingCase(string Cmdlet, string Script, string ParameterSet, params string[] Bound);

    /// <summary>A -WhatIf run on a copy of examples/hx-dev: it writes nothing and says what it would do to the target.</summary>
    public sealed record WhatIfCase(string Cmdlet, string Script, string Target, string? Setup = null);

    /// <summary>
    /// One typical failure: the ErrorRecord's FullyQualifiedErrorId prefix, category and target. A check cmdlet that reports
    /// what it checks as results (<see cref="AsFailedResult"/>) gives no ErrorRecord but a Failed result: ErrorId is then its
    /// Check and Target a part of its Target.
    /// </summary>
    public sealed record ErrorCase(string Cmdlet, string Script, string ErrorId, ErrorCategory Category, string Target, bool AsFailedResult = false)
    {
        public static ErrorCase FailedResult(string cmdlet, string script, string check, string target) =>
            new ErrorCase(cmdlet, script, check, ErrorCategory.NotSpecified, target, AsFailedResult: true);
    }

    /// <summary>
    /// The tables, one or more rows per cmdlet of the module. Scripts run in a fresh copy of examples/hx-dev (its vault
    /// password file is ./.vault-pass) after <see cref="Prelude"/>. A cmdlet the module exports without a row in each
    /// table that applies to it fails CoverageTests; a new parameter or alias needs no row (the metadata tests find it).
    /// </summary>
    public static class CmdletCases
    {
        public const string WrongPassword = "hx-wrong-vault-password-7Q";
        public const string NewPassword = "hx-new-vault-password-8R";
        public const string MasterKey = "sk-hx-test-master-key-4711";

        public const string VaultFile = "./inventory/group_vars/litellm/vault.yml";
        public const string Inventory = "./inventory/hosts.ini";
        public const string Missing = "./missing/hosts.ini";

        /// <summary>
        /// Secrets as a user holds them, one check result to pipe, and the verbose and information streams on, so a secret
        /// in them would be seen.
        /// </summary>
        public const string Prelude =
            "$VerbosePreference = 'Continue'\n$InformationPreference = 'Continue'\n" +
            "$wrong = [System.Net.NetworkCredential]::new('', '" + WrongPassword + "').SecurePassword\n" +
            "$newPassword = [System.Net.NetworkCredential]::new('', '" + NewPassword + "').SecurePassword\n" +
            "$masterKey = [System.Net.NetworkCredential]::new('', '" + MasterKey + "').SecurePassword\n" +
            "$result = [HxLiteLLM.Results.HxCheckResult]::new('RoleValidation', 'HxProbe', 'localhost', 'Failed', 'probe')\n";

        /// <summary>Every secret a script above can hold: none may appear in any stream.</summary>
        public static IEnumerable<string> Secrets(Support.ExampleCopy example) => new[] { example.VaultPassword, WrongPassword, NewPassword, MasterKey };

        public static readonly IReadOnlyList<BindingCase> Binding = new[]
        {
            new BindingCase("Add-HxLiteLLMGroup", "'gw1.hx.test', 'gw2.hx.test' | Add-HxLiteLLMGroup " + Inventory, "__AllParameterSets", "HostName", "InventoryPath"),
            new BindingCase("Add-HxLiteLLMGroup", "Add-HxLiteLLMGroup -Path " + Inventory + " -ComputerName gw1 -GroupName gateways", "__AllParameterSets", "InventoryPath", "HostName", "Group"),
            new BindingCase("Deploy-HxLiteLLM", "Deploy-HxLiteLLM " + Inventory + " -Limit localhost -VaultPasswordFile ./.vault-pass", "__AllParameterSets", "InventoryPath", "Limit", "VaultPasswordFile"),
            new BindingCase("Export-HxEvidence", "$result, $result | Export-HxEvidence -DestinationPath ./e.zip", "__AllParameterSets", "InputObject", "DestinationPath"),
            new BindingCase("Export-HxJUnitReport", "$result | Export-HxJUnitReport ./junit.xml", "__AllParameterSets", "InputObject", "Path"),
            new BindingCase("Find-HxStrayVault", "Get-Item . | Find-HxStrayVault", "__AllParameterSets", "Path"),
            new BindingCase("Get-HxInventory", "Get-HxInventory " + Inventory + " -HostName localhost", "Hosts", "InventoryPath", "HostName"),
            new BindingCase("Get-HxInventory", "Get-Item " + Inventory + " | Get-HxInventory -AsAnsibleJson", "AnsibleJson", "InventoryPath", "AsAnsibleJson"),
            new BindingCase("Get-HxVaultContent", "Get-Item " + VaultFile + " | Get-HxVaultContent -VaultPasswordFile ./.vault-pass", "__AllParameterSets", "Path", "VaultPasswordFile"),
            new BindingCase("Get-HxVaultValue", "Get-HxVaultValue " + VaultFile + " vault_litellm_master_key -VaultPassword $wrong", "__AllParameterSets", "Path", "Name", "VaultPassword"),
            new BindingCase("Invoke-HxAnsiblePlaybook", "Invoke-HxAnsiblePlaybook ./site.yml -InventoryPath " + Inventory + " -Tags a, b -Forks 2", "__AllParameterSets", "PlaybookPath", "InventoryPath", "Tags", "Forks"),
            new BindingCase("Invoke-HxLiteLLMPipeline", "Invoke-HxLiteLLMPipeline " + Inventory + " -RolePath ./roles/litellm -OutputPath ./r -Phase Inventory", "__AllParameterSets", "InventoryPath", "RolePath", "RenderPath", "Phase"),
            new BindingCase("Invoke-HxPreflight", "Invoke-HxPreflight -InventoryPath " + Inventory + " -Check Dns, Sudo", "Inventory", "InventoryPath", "Check"),
            new BindingCase("Invoke-HxPreflight", "[pscustomobject]@{ Name = 'gw1'; ansible_host = '127.0.0.1'; ansible_port = 2222; ansible_user = 'hx' } | Invoke-HxPreflight", "Host", "HostName", "Address", "Port", "User"),
            new BindingCase("Invoke-HxPreflight", "Get-HxInventory " + Inventory + " -VaultPasswordFile ./.vault-pass -Group inference | Invoke-HxPreflight -Check Sudo", "Host", "HostName", "Address", "Port", "Vars", "Check"),
            new BindingCase("Invoke-HxTemplateRender", "Get-Item ./roles/litellm/templates/litellm.env.j2 | Invoke-HxTemplateRender -OutputPath ./r", "__AllParameterSets", "Path", "RenderPath"),
            new BindingCase("Move-HxStrayVault", "[pscustomobject]@{ Path = './x.yml'; Root = '.' } | Move-HxStrayVault", "__AllParameterSets", "Path", "Root"),
            new BindingCase("New-HxIssueReport", "$result | New-HxIssueReport ./issue.md", "__AllParameterSets", "InputObject", "Path"),
            new BindingCase("New-HxMasterKey", "New-HxMasterKey -AsPlainText", "__AllParameterSets", "AsPlainText"),
            new BindingCase("Protect-HxVault", "Get-Item ./inventory/group_vars/all.yml | Protect-HxVault -VaultPasswordFile ./.vault-pass", "__AllParameterSets", "Path", "VaultPasswordFile"),
            new BindingCase("Protect-HxVaultString", "'s3cret' | Protect-HxVaultString db_password -VaultPassword $wrong", "__AllParameterSets", "Value", "Name", "VaultPassword"),
            new BindingCase("Set-HxGroupVars", "@{ litellm_port = 4000 } | Set-HxGroupVars " + Inventory + " litellm", "__AllParameterSets", "Variable", "InventoryPath", "Group"),
            new BindingCase("Set-HxVaultSecret", "$masterKey | Set-HxVaultSecret " + VaultFile + " vault_litellm_master_key", "__AllParameterSets", "Value", "Path", "Name"),
            new BindingCase("Test-HxCATrust", "Test-HxCATrust -CertificatePath ./ca.pem -InventoryPath " + Inventory, "Inventory", "CertificatePath", "InventoryPath"),
            new BindingCase("Test-HxCATrust", "'gw1' | Test-HxCATrust -CertificatePath ./ca.pem", "Host", "HostName", "CertificatePath"),
            new BindingCase("Test-HxDnsResolution", "Test-HxDnsResolution -InventoryPath " + Inventory + " -DnsServer 127.0.0.1", "Inventory", "InventoryPath", "DnsServer"),
            new BindingCase("Test-HxDnsResolution", "[pscustomobject]@{ HostName = 'gw1'; IPAddress = '127.0.0.1' } | Test-HxDnsResolution", "Host", "HostName", "Address"),
            new BindingCase("Test-HxDomainJoin", "Test-HxDomainJoin -InventoryPath " + Inventory + " -Domain hx.test", "Inventory", "InventoryPath", "Domain"),
            new BindingCase("Test-HxDomainJoin", "Test-HxDomainJoin gw1 -Domain hx.test", "Host", "HostName", "Domain"),
            new BindingCase("Test-HxLiteLLMConfig", "[pscustomobject]@{ ConfigPath = './c.yaml'; EnvPath = './l.env' } | Test-HxLiteLLMConfig", "__AllParameterSets", "Path", "EnvPath"),
            new BindingCase("Test-HxLiteLLMEndpoint", "[pscustomobject]@{ Url = 'http://127.0.0.1:4000/' } | Test-HxLiteLLMEndpoint -MasterKey $masterKey", "__AllParameterSets", "Uri", "MasterKey"),
            new BindingCase("Test-HxNetworkConnectivity", "Test-HxNetworkConnectivity -InventoryPath " + Inventory + " -Backend 127.0.0.1:11434", "Inventory", "InventoryPath", "Backend"),
            new BindingCase("Test-HxNetworkConnectivity", "'gw1', 'gw2' | Test-HxNetworkConnectivity -Backend 127.0.0.1:11434", "Host", "HostName", "Backend"),
            new BindingCase("Test-HxPythonRuntime", "Test-HxPythonRuntime -InventoryPath " + Inventory + " -MinimumVersion 3.9", "Inventory", "InventoryPath", "MinimumVersion"),
            new BindingCase("Test-HxPythonRuntime", "[pscustomobject]@{ ComputerName = 'gw1'; ansible_connection = 'local' } | Test-HxPythonRuntime", "Host", "HostName", "Connection"),
            new BindingCase("Test-HxRoleStructure", "Get-Item ./roles/litellm | Test-HxRoleStructure -Create", "__AllParameterSets", "Path", "Create"),
            new BindingCase("Test-HxSudoPrivilege", "Test-HxSudoPrivilege -InventoryPath " + Inventory + " -Group litellm", "Inventory", "InventoryPath", "Group"),
            new BindingCase("Test-HxSudoPrivilege", "[pscustomobject]@{ Host = 'gw1'; UserName = 'hx'; Port = 22 } | Test-HxSudoPrivilege", "Host", "HostName", "User", "Port"),
            new BindingCase("Test-HxTemplate", "Get-ChildItem ./roles/litellm/templates | Test-HxTemplate -InventoryPath " + Inventory, "__AllParameterSets", "Path", "InventoryPath"),
            new BindingCase("Test-HxVariables", "Get-Item " + Inventory + " | Select-Object @{ n = 'Path'; e = { $_.FullName } } | Test-HxVariables -Group litellm", "__AllParameterSets", "InventoryPath", "Group"),
            new BindingCase("Unprotect-HxVault", "Unprotect-HxVault " + VaultFile + " -VaultPasswordFile ./.vault-pass -AsPlainText", "__AllParameterSets", "Path", "VaultPasswordFile", "AsPlainText"),
            new BindingCase("Update-HxVaultPassword", "Get-Item " + VaultFile + " | Update-HxVaultPassword -VaultPasswordFile ./.vault-pass -NewVaultPassword $newPassword", "__AllParameterSets", "Path", "VaultPasswordFile", "NewVaultPassword"),
        };

        public static readonly IReadOnlyList<WhatIfCase> WhatIf = new[]
        {
            new WhatIfCase("Add-HxLiteLLMGroup", "Add-HxLiteLLMGroup " + Inventory + " -HostName gw1.hx.test -WhatIf", "hosts.ini"),
            new WhatIfCase("Deploy-HxLiteLLM", "Deploy-HxLiteLLM " + Inventory + " -VaultPasswordFile ./.vault-pass -Force -WhatIf", "hosts.ini"),
            new WhatIfCase("Export-HxEvidence", "$validated | Export-HxEvidence -DestinationPath ./evidence.zip -WhatIf", "evidence.zip",
                Setup: "$global:validated = Test-HxRoleStructure ./roles/litellm"),
            new WhatIfCase("Export-HxJUnitReport", "$result | Export-HxJUnitReport ./junit.xml -WhatIf", "junit.xml"),
            new WhatIfCase("Invoke-HxAnsiblePlaybook", "Invoke-HxAnsiblePlaybook ./site.yml -InventoryPath " + Inventory + " -VaultPasswordFile ./.vault-pass -WhatIf", "site.yml"),
            new WhatIfCase("Invoke-HxLiteLLMPipeline", "Invoke-HxLiteLLMPipeline " + Inventory + " -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -SkipPreflight -AddHostName gw1.hx.test -WhatIf", "hosts.ini"),
            new WhatIfCase("Invoke-HxPreflight", "Invoke-HxPreflight -HostName localhost -Connection local -Check PythonRuntime -Archive -WhatIf", ".evidence"),
            new WhatIfCase("Invoke-HxTemplateRender", "Invoke-HxTemplateRender ./roles/litellm/templates/litellm.env.j2 ./rendered -InventoryPath " + Inventory + " -HostName localhost -VaultPasswordFile ./.vault-pass -WhatIf", "litellm.env"),
            new WhatIfCase("Move-HxStrayVault", "Find-HxStrayVault . | Move-HxStrayVault -WhatIf", "stray.yml",
                Setup: "Copy-Item " + VaultFile + " ./roles/litellm/files/stray.yml"),
            new WhatIfCase("New-HxIssueReport", "$result | New-HxIssueReport ./issue.md -WhatIf", "issue.md"),
            new WhatIfCase("Protect-HxVault", "Protect-HxVault ./inventory/group_vars/all.yml -VaultPasswordFile ./.vault-pass -WhatIf", "all.yml"),
            new WhatIfCase("Set-HxGroupVars", "Set-HxGroupVars " + Inventory + " litellm -Variable @{ hx_probe = 1 } -WhatIf", "litellm"),
            new WhatIfCase("Set-HxVaultSecret", "Set-HxVaultSecret " + VaultFile + " hx_probe $newPassword -VaultPasswordFile ./.vault-pass -WhatIf", "vault.yml"),
            new WhatIfCase("Test-HxCATrust", "Test-HxCATrust -HostName localhost -Connection local -CertificatePath /etc/ssl/certs/ca-certificates.crt -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxDnsResolution", "Test-HxDnsResolution -HostName localhost -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxDomainJoin", "Test-HxDomainJoin -HostName localhost -Connection local -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxNetworkConnectivity", "Test-HxNetworkConnectivity -HostName localhost -Connection local -Backend http://127.0.0.1:9 -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxPythonRuntime", "Test-HxPythonRuntime -HostName localhost -Connection local -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxRoleStructure", "Test-HxRoleStructure ./roles/litellm -Create -WhatIf", "files", Setup: "Remove-Item -Recurse -Force ./roles/litellm/files"),
            new WhatIfCase("Test-HxSudoPrivilege", "Test-HxSudoPrivilege -HostName localhost -Connection local -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxTemplate", "Test-HxTemplate ./roles/litellm -InventoryPath " + Inventory + " -HostName localhost -VaultPasswordFile ./.vault-pass -WhatIf", ".evidence"),
            new WhatIfCase("Test-HxVariables", "Test-HxVariables -InventoryPath " + Inventory + " -VaultPasswordFile ./.vault-pass -WhatIf", ".evidence"),
            new WhatIfCase("Unprotect-HxVault", "Unprotect-HxVault " + VaultFile + " -VaultPasswordFile ./.vault-pass -WhatIf", "vault.yml"),
            new WhatIfCase("Update-HxVaultPassword", "Update-HxVaultPassword " + VaultFile + " -VaultPasswordFile ./.vault-pass -NewVaultPassword $newPassword -WhatIf", "vault.yml"),
        };

        /// <summary>A folder given where a cmdlet takes a file: the same ErrorId and category in every cmdlet, the folder as target.</summary>
        public const string PathIsFolder = "PathIsFolder";

        public static readonly IReadOnlyList<ErrorCase> Errors = new[]
        {
            new ErrorCase("Add-HxLiteLLMGroup", "Add-HxLiteLLMGroup " + Missing + " -HostName gw1", "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Deploy-HxLiteLLM", "Deploy-HxLiteLLM " + Missing + " -VaultPasswordFile ./.vault-pass", "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Export-HxEvidence", "@(Test-HxRoleStructure ./roles/litellm -EvidencePath ./run1) + @(Test-HxRoleStructure ./roles/litellm -EvidencePath ./run2) | Export-HxEvidence -DestinationPath ./evidence.zip",
                "EvidenceFromSeveralRuns", ErrorCategory.InvalidData, "evidence.zip"),
            new ErrorCase("Export-HxJUnitReport", "$result | Export-HxJUnitReport ./inventory", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Find-HxStrayVault", "Find-HxStrayVault ./missing", "RootNotFound", ErrorCategory.ObjectNotFound, "missing"),
            new ErrorCase("Get-HxInventory", "Get-HxInventory " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Get-HxVaultContent", "Get-HxVaultContent " + VaultFile + " -VaultPassword $wrong", "VaultWrongPassword", ErrorCategory.AuthenticationError, "vault.yml"),
            new ErrorCase("Get-HxVaultValue", "Get-HxVaultValue " + VaultFile + " -VaultPassword $wrong", "VaultWrongPassword", ErrorCategory.AuthenticationError, "vault.yml"),
            new ErrorCase("Invoke-HxAnsiblePlaybook", "Invoke-HxAnsiblePlaybook ./missing.yml -InventoryPath " + Inventory, "AnsiblePlaybookNotStarted", ErrorCategory.InvalidData, "missing.yml"),
            new ErrorCase("Invoke-HxLiteLLMPipeline", "Invoke-HxLiteLLMPipeline " + Missing + " -MasterKey $masterKey -VaultPasswordFile ./.vault-pass", "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Invoke-HxPreflight", "Invoke-HxPreflight -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Invoke-HxTemplateRender", "Invoke-HxTemplateRender ./missing.j2 ./rendered", "TemplatePathNotFound", ErrorCategory.ObjectNotFound, "missing.j2"),
            new ErrorCase("Move-HxStrayVault", "Move-HxStrayVault ./missing.yml -Root .", "StrayVaultNotFound", ErrorCategory.ObjectNotFound, "missing.yml"),
            new ErrorCase("New-HxIssueReport", "$result | New-HxIssueReport ./site.yml", "PathIsFile", ErrorCategory.InvalidArgument, "site.yml"),
            new ErrorCase("New-HxMasterKey", "New-HxMasterKey -Length 8", "NamedParameterNotFound", ErrorCategory.InvalidArgument, ""),
            new ErrorCase("Protect-HxVault", "Protect-HxVault ./missing.yml -VaultPasswordFile ./.vault-pass", "VaultFileNotFound", ErrorCategory.ObjectNotFound, "missing.yml"),
            new ErrorCase("Protect-HxVaultString", "Protect-HxVaultString db_password 's3cret'", "VaultNoSecrets", ErrorCategory.SecurityError, ""),
            new ErrorCase("Set-HxGroupVars", "Set-HxGroupVars " + Missing + " litellm -Variable @{ a = 1 }", "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Set-HxVaultSecret", "Set-HxVaultSecret " + VaultFile + " hx_probe $newPassword -VaultPassword $wrong", "VaultWrongPassword", ErrorCategory.AuthenticationError, "vault.yml"),
            new ErrorCase("Test-HxCATrust", "Test-HxCATrust -CertificatePath ./ca.pem -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Test-HxDnsResolution", "Test-HxDnsResolution -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Test-HxDomainJoin", "Test-HxDomainJoin -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            ErrorCase.FailedResult("Test-HxLiteLLMConfig", "Test-HxLiteLLMConfig ./missing.yaml", "ConfigYaml", "missing.yaml"),
            new ErrorCase("Test-HxLiteLLMEndpoint", "Test-HxLiteLLMEndpoint -InventoryPath " + Missing + " -MasterKey $masterKey", "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Test-HxNetworkConnectivity", "Test-HxNetworkConnectivity -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Test-HxPythonRuntime", "Test-HxPythonRuntime -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            ErrorCase.FailedResult("Test-HxRoleStructure", "Test-HxRoleStructure ./roles/missing", "RoleDirectory", "missing"),
            new ErrorCase("Test-HxSudoPrivilege", "Test-HxSudoPrivilege -InventoryPath " + Missing, "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Test-HxTemplate", "Test-HxTemplate ./missing.j2", "TemplatePathNotFound", ErrorCategory.ObjectNotFound, "missing.j2"),
            new ErrorCase("Test-HxVariables", "Test-HxVariables " + Missing + " -VaultPasswordFile ./.vault-pass", "InventoryNotFound", ErrorCategory.ObjectNotFound, "hosts.ini"),
            new ErrorCase("Unprotect-HxVault", "Unprotect-HxVault " + VaultFile + " -VaultPassword $wrong -Confirm:$false", "VaultWrongPassword", ErrorCategory.AuthenticationError, "vault.yml"),
            new ErrorCase("Update-HxVaultPassword", "Update-HxVaultPassword " + VaultFile + " -VaultPassword $wrong -NewVaultPassword $newPassword", "VaultWrongPassword", ErrorCategory.AuthenticationError, "vault.yml"),

            // A folder instead of a file, for every cmdlet that takes the path of a file.
            new ErrorCase("Get-HxVaultContent", "Get-HxVaultContent ./inventory -VaultPasswordFile ./.vault-pass", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Get-HxVaultValue", "Get-HxVaultValue ./inventory -VaultPasswordFile ./.vault-pass", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Invoke-HxAnsiblePlaybook", "Invoke-HxAnsiblePlaybook ./inventory -InventoryPath " + Inventory, PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Invoke-HxLiteLLMPipeline", "Invoke-HxLiteLLMPipeline " + Inventory + " -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -Phase RoleValidation -JUnitPath ./inventory",
                PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Move-HxStrayVault", "Move-HxStrayVault ./inventory -Root .", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Protect-HxVault", "Protect-HxVault ./inventory -VaultPasswordFile ./.vault-pass", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Set-HxVaultSecret", "Set-HxVaultSecret ./inventory hx_probe $newPassword -VaultPasswordFile ./.vault-pass", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Test-HxCATrust", "Test-HxCATrust -CertificatePath ./inventory -InventoryPath " + Inventory + " -VaultPasswordFile ./.vault-pass", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Test-HxLiteLLMConfig", "Test-HxLiteLLMConfig ./inventory", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Test-HxLiteLLMConfig", "Set-Content ./c.yaml 'model_list: []'; Test-HxLiteLLMConfig ./c.yaml -EnvPath ./inventory", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Unprotect-HxVault", "Unprotect-HxVault ./inventory -VaultPasswordFile ./.vault-pass -Confirm:$false", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Update-HxVaultPassword", "Update-HxVaultPassword ./inventory -VaultPasswordFile ./.vault-pass -NewVaultPassword $newPassword", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
            new ErrorCase("Export-HxEvidence", "Test-HxRoleStructure ./roles/litellm | Export-HxEvidence -DestinationPath ./inventory", PathIsFolder, ErrorCategory.InvalidArgument, "inventory"),
        };
    }
}
