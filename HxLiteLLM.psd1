# Module manifest of HxLiteLLM. The build fills in the version from Directory.Build.props.
@{
    RootModule             = 'HxLiteLLM.dll'
    ModuleVersion          = '{{HxVersion}}'
    GUID                   = '5d1f3a0e-8b7c-4f5e-9a2d-3c6b1e4f7a90'
    Author                 = 'HxLiteLLM maintainers'
    CompanyName            = 'HxLiteLLM'
    Copyright              = '(c) HxLiteLLM maintainers. MIT License.'
    Description            = 'Takes a Linux host from bare to LiteLLM-gateway-ready: pre-flight checks over SSH, Ansible inventory, group_vars and Vault, and Ansible role/Jinja2 template validation, with an evidence trail.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('HxLiteLLM.Format.ps1xml')
    CmdletsToExport        = @(
        'Add-HxLiteLLMGroup'
        'Deploy-HxLiteLLM'
        'Export-HxEvidence'
        'Export-HxJUnitReport'
        'Find-HxStrayVault'
        'Get-HxInventory'
        'Get-HxVaultContent'
        'Get-HxVaultValue'
        'Invoke-HxAnsiblePlaybook'
        'Invoke-HxLiteLLMPipeline'
        'Invoke-HxPreflight'
        'Invoke-HxTemplateRender'
        'Move-HxStrayVault'
        'New-HxIssueReport'
        'New-HxMasterKey'
        'Protect-HxVault'
        'Protect-HxVaultString'
        'Set-HxGroupVars'
        'Set-HxVaultSecret'
        'Test-HxCATrust'
        'Test-HxDnsResolution'
        'Test-HxDomainJoin'
        'Test-HxLiteLLMConfig'
        'Test-HxLiteLLMEndpoint'
        'Test-HxNetworkConnectivity'
        'Test-HxPythonRuntime'
        'Test-HxRoleStructure'
        'Test-HxSudoPrivilege'
        'Test-HxTemplate'
        'Test-HxVariables'
        'Unprotect-HxVault'
        'Update-HxVaultPassword'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS', 'Ansible', 'LiteLLM')
            ProjectUri   = 'https://example.invalid/hxlitellm'
            LicenseUri   = 'https://example.invalid/hxlitellm/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md in the repository.'
        }
    }
}
