BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:moduleDir = Split-Path (Get-HxBuiltModulePath)
}

Describe 'The installable package' {
    It 'installs from a local PSResourceGet repository and runs in a fresh pwsh' {
        $feed = Join-Path $TestDrive 'feed'
        $scope = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $feed, $scope | Out-Null
        # The same packing the Package task does.
        Compress-PSResource -Path $moduleDir -DestinationPath $feed
        @(Get-ChildItem $feed -Filter 'HxLiteLLM.*.nupkg').Count | Should -Be 1
        $repo = 'HxLiteLLMTest' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        Register-PSResourceRepository -Name $repo -Uri $feed -Trusted
        try {
            $found = Find-PSResource -Name HxLiteLLM -Repository $repo
            $found.Version.ToString() | Should -Be (Import-PowerShellDataFile (Get-HxBuiltModulePath)).ModuleVersion
            $found.Tags | Should -Contain 'PSEdition_Core'
            Save-PSResource -Name HxLiteLLM -Repository $repo -Path $scope -TrustRepository
        } finally {
            Unregister-PSResourceRepository -Name $repo
        }
        $example = Join-Path (Get-HxRepoRoot) 'examples/hx-dev'
        $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command @"
`$env:PSModulePath = '$scope' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module HxLiteLLM
(Get-Module HxLiteLLM).ModuleBase
(Get-HxInventory -Path '$example/inventory/hosts.ini' -VaultPasswordFile '$example/.vault-pass' -Group litellm).Name
"@
        $LASTEXITCODE | Should -Be 0
        $out[0] | Should -BeLike "$scope*"
        $out[-1] | Should -Be 'localhost'
    }
}
