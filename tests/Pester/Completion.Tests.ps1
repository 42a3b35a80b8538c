BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:example = Join-Path (Get-HxRepoRoot) 'examples/hx-dev/inventory/hosts.ini'
    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Argument completion' {
    It 'completes groups from the bound inventory, without asking for the vault password' {
        Get-Completion "Get-HxInventory -Path $example -Group li" | Should -Be @('litellm')
        Get-Completion "Add-HxLiteLLMGroup -Path $example -HostName x -ParentGroup hx" | Should -Be @('hx_dev')
    }

    It 'completes host names' {
        Get-Completion "Get-HxInventory -Path $example -Name ol" | Should -Be @('ollama-dev')
        @(Get-Completion "Get-HxInventory -Path $example -Name ''").Count | Should -Be 3
    }

    It 'completes vault ids from the labels of vaults near the bound path' {
        $dir = Join-Path $TestDrive 'vaults'
        New-Item -ItemType Directory "$dir/group_vars" -Force | Out-Null
        "`$ANSIBLE_VAULT;1.2;AES256;prod`n3132`n" | Set-Content "$dir/group_vars/prod.yml"
        "`$ANSIBLE_VAULT;1.1;AES256`n3132`n" | Set-Content "$dir/group_vars/plain.yml"
        Get-Completion "Protect-HxVault -Path $dir/new.yml -VaultId p" | Should -Be @('prod')
        Get-Completion "Protect-HxVault -Path $dir/new.yml -VaultId ''" | Should -Be @('default', 'prod')
    }

    It 'offers nothing, and does not fail, for a missing or broken inventory' {
        Get-Completion "Get-HxInventory -Path ./missing.ini -Group li" | Should -BeNullOrEmpty
        $bad = Join-Path $TestDrive 'bad.ini'
        Set-Content $bad '[bad group]'
        Get-Completion "Get-HxInventory -Path $bad -Group li" | Should -BeNullOrEmpty
    }
}
