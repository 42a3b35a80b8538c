BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:vault = "`$ANSIBLE_VAULT;1.1;AES256`n6161`n"
    $script:key = 'sk-' + ('9' * 60) + 'f00d'
    function Write-File([string] $Path, [string] $Content) {
        New-Item -ItemType Directory (Split-Path $Path) -Force | Out-Null
        [IO.File]::WriteAllText($Path, $Content)
    }
}

Describe 'Find-HxStrayVault and Move-HxStrayVault' {
    BeforeEach {
        $script:root = Join-Path $TestDrive ([guid]::NewGuid())
        Write-File "$root/inventory/group_vars/litellm/vault.yml" $vault
        Write-File "$root/inventory/group_vars/litellm/old_vault.yml" $vault
        Write-File "$root/backup/vault.yml" $vault
        Write-File "$root/notes/keys.txt" "master: $key`n"
    }

    It 'finds strays with flat results: reason, kind and whether Ansible loads them' {
        $found = @(Find-HxStrayVault -Path $root)
        $found.RelativePath | Should -Be @('backup/vault.yml', 'inventory/group_vars/litellm/old_vault.yml', 'notes/keys.txt')
        $found[1].LoadedByAnsible | Should -BeTrue
        $found[1].LoadedAs | Should -Be "group_vars of 'litellm'"
        $found[0].LoadedByAnsible | Should -BeFalse
        $found[2].Kind | Should -Be 'PlaintextKey'
        $found[2].MaskedSecret | Should -Be 'sk-********f00d (67 characters)'
        ($found | ConvertTo-Csv | Out-String) | Should -Not -Match $key
        @(Find-HxStrayVault -Path $root -AllowedPath 'backup/*.yml').Count | Should -Be 2
    }

    It 'quarantines piped strays under their relative paths, writes a report without secrets, and never overwrites' {
        $moved = Find-HxStrayVault -Path $root | Move-HxStrayVault -PassThru -ErrorVariable refused -ErrorAction SilentlyContinue
        @($moved).Count | Should -Be 2
        $stamp = Split-Path (Split-Path (Split-Path $moved[0].QuarantinePath -Parent) -Parent) -Leaf
        Test-Path "$root/_quarantine/$stamp/backup/vault.yml" | Should -BeTrue
        Test-Path "$root/_quarantine/$stamp/notes/keys.txt" | Should -BeTrue
        Test-Path "$root/backup/vault.yml" | Should -BeFalse
        # group_vars Ansible loads are configuration: refused by name, left in place
        $refused.FullyQualifiedErrorId | Should -BeLike 'ConfigurationNotMoved,*'
        "$refused" | Should -BeLike "*old_vault.yml was not moved: Ansible loads this file as group_vars of 'litellm': it is configuration*"
        Test-Path "$root/inventory/group_vars/litellm/old_vault.yml" | Should -BeTrue
        Test-Path "$root/inventory/group_vars/litellm/vault.yml" | Should -BeTrue
        $report = Get-Content -Raw (Get-ChildItem "$root/_quarantine" -Filter 'quarantine_report_*.txt').FullName
        $report | Should -Match 'keys\.txt'
        $report | Should -Not -Match 'old_vault\.yml'
        $report | Should -Match 'sk-\*{8}f00d'
        $report | Should -Not -Match $key
        @(Find-HxStrayVault -Path $root).RelativePath | Should -Be @('inventory/group_vars/litellm/old_vault.yml')
    }

    It 'refuses an inventory or group_vars file holding a plaintext key by name, with the vault fix' {
        Write-File "$root/inventory/hosts.ini" "[litellm]`ngw1`n[litellm:vars]`nlitellm_master_key=$key`n"
        Write-File "$root/inventory/group_vars/litellm/vars.yml" "litellm_salt_key: $key`n"
        $found = @(Find-HxStrayVault -Path $root | Where-Object Kind -eq 'PlaintextKey' | Where-Object LoadedByAnsible)
        $found.RelativePath | Should -Be @('inventory/group_vars/litellm/vars.yml', 'inventory/hosts.ini')
        $found[1].LoadedAs | Should -Be 'the inventory'
        $found[1].Remediation | Should -BeLike "*Set-HxVaultSecret -Path '$root/inventory/group_vars/litellm/vault.yml' -Name litellm_master_key, then remove line 4*Protect-HxVaultString*"
        $found[0].Remediation | Should -BeLike "*Set-HxVaultSecret -Path '$root/inventory/group_vars/litellm/vault.yml' -Name litellm_salt_key*"
        { Move-HxStrayVault -Root $root -Path "$root/inventory/hosts.ini" -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigurationNotMoved,*'
        { Move-HxStrayVault -Root $root -Path "$root/inventory/group_vars/litellm/vars.yml" -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigurationNotMoved,*'
        Get-Content -Raw "$root/inventory/hosts.ini" | Should -Match 'litellm_master_key'
        Test-Path "$root/inventory/group_vars/litellm/vars.yml" | Should -BeTrue
        Test-Path "$root/_quarantine" | Should -BeFalse
    }

    It 'moves nothing under -WhatIf and refuses files that are no strays' {
        Find-HxStrayVault -Path $root | Move-HxStrayVault -WhatIf -ErrorAction SilentlyContinue
        Test-Path "$root/_quarantine" | Should -BeFalse
        { Move-HxStrayVault -Root $root -Path "$root/inventory/group_vars/litellm/vault.yml" -ErrorAction Stop } | Should -Throw -ErrorId 'NotAStrayVault,*'
    }

    It 'refuses a file reached through a linked folder that leads out of the root' -Skip:$IsWindows {
        $outside = Join-Path $TestDrive ([guid]::NewGuid())
        Write-File "$outside/vault.yml" $vault
        New-Item -ItemType SymbolicLink -Path "$root/linked" -Target $outside | Out-Null
        @(Find-HxStrayVault -Path $root).RelativePath | Should -Not -Contain 'linked/vault.yml'
        { Move-HxStrayVault -Root $root -Path "$root/linked/vault.yml" -ErrorAction Stop } | Should -Throw -ErrorId 'StrayOutsideRoot,*'
        Test-Path "$outside/vault.yml" | Should -BeTrue
        Test-Path "$root/_quarantine" | Should -BeFalse
    }

    It 'leaves an encrypted group_vars file that breaks ansible-inventory in place and says how to fix it' -Skip:([bool](Get-HxPeerSkipReason)) {
        [IO.File]::WriteAllText("$root/inventory/hosts.ini", "[litellm]`ngw1`n")
        Remove-Item "$root/inventory/group_vars/litellm/vault.yml"
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        & ansible-inventory -i "$root/inventory/hosts.ini" --list 2>$null | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        $stray = Find-HxStrayVault -Path $root | Where-Object LoadedByAnsible
        $stray.Remediation | Should -BeLike '*configuration and is never moved*-AllowedPath*'
        { $stray | Move-HxStrayVault -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigurationNotMoved,*'
        Test-Path "$root/inventory/group_vars/litellm/old_vault.yml" | Should -BeTrue
    }
}
