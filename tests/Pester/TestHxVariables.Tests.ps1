BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:repo = Get-HxRepoRoot
    $script:secure = ConvertTo-SecureString 'inventory vault pw' -AsPlainText -Force
    $script:savedPasswordFileVariable = $env:ANSIBLE_VAULT_PASSWORD_FILE
    $env:ANSIBLE_VAULT_PASSWORD_FILE = $null
}

AfterAll {
    $env:ANSIBLE_VAULT_PASSWORD_FILE = $savedPasswordFileVariable
}

Describe 'Test-HxVariables' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-Item -Recurse "$repo/examples/hx-dev/inventory" $dir
        $script:ini = Join-Path $dir 'hosts.ini'
        $script:evidence = Join-Path $dir 'evidence'
    }

    It 'passes the bundled example with its vault password, the master key found in the encrypted vault' {
        $results = @(Test-HxVariables -InventoryPath $ini -VaultPasswordFile "$repo/examples/hx-dev/.vault-pass" -EvidencePath $evidence)
        @($results | Where-Object Status -eq Failed).Count | Should -Be 0
        ($results | Where-Object Check -eq MasterKeyVaulted).Message | Should -Match 'encrypted vault file'
        $results | ForEach-Object { $_.Phase | Should -Be 'Inventory' }
    }

    It 'fails a missing master key with the command that fixes it, then passes after it, keeping secrets out of every stream' {
        Remove-Item "$dir/group_vars/litellm/vault.yml"
        $failed = @(Test-HxVariables -InventoryPath $ini -EvidencePath $evidence | Where-Object Status -eq Failed)
        $failed.Count | Should -Be 1
        $failed[0].Check | Should -Be 'RequiredVariable'
        $failed[0].Target | Should -Be 'localhost/litellm_master_key'
        $failed[0].Category | Should -Be 'Vault'
        $failed[0].Remediation | Should -Match 'Set-HxVaultSecret -Path .*group_vars.litellm.vault\.yml. -Name litellm_master_key -Value \(New-HxMasterKey\)'
        $key = New-HxMasterKey -AsPlainText
        Set-HxVaultSecret -Path "$dir/group_vars/litellm/vault.yml" -Name litellm_master_key -Value (ConvertTo-SecureString $key -AsPlainText -Force) -VaultPassword $secure
        $streams = Test-HxVariables -InventoryPath $ini -VaultPassword $secure -EvidencePath $evidence -Verbose -Debug *>&1
        $results = @($streams | Where-Object { $_.GetType().Name -eq 'HxCheckResult' })
        @($results | Where-Object Status -ne Passed).Count | Should -Be 0
        $folder = Split-Path $results[0].EvidencePath
        $folder | Should -BeLike (Join-Path $evidence 'litellm_inventory/*')
        (Get-Content -Raw (Join-Path $folder 'results.json') | ConvertFrom-Json).Count | Should -Be $results.Count
        $all = (($streams | Out-String) + ($results | ConvertTo-Json | Out-String) + (Get-ChildItem -Recurse -File $evidence | Get-Content -Raw) -join "`n")
        $all | Should -Not -Match $key
        $all | Should -Not -Match 'inventory vault pw'
    }

    It 'reports a vault it cannot open as a failed check naming the three ways to give a password' {
        $decrypt = Test-HxVariables -InventoryPath $ini -EvidencePath $evidence | Where-Object Check -eq VaultDecrypt
        $decrypt.Status | Should -Be 'Failed'
        $decrypt.Remediation | Should -Match '-VaultPassword.*-VaultPasswordFile.*ANSIBLE_VAULT_PASSWORD_FILE'
    }

    It 'suggests the known name for a misspelt variable and flags a plain master key' {
        Remove-Item "$dir/group_vars/litellm/vault.yml"
        Set-HxGroupVars -InventoryPath $ini -Variable @{ litellm_bind_hots = '0.0.0.0' } -FileName vars.yml
        Add-Content "$dir/group_vars/litellm/vars.yml" 'litellm_master_key: sk-1234'
        $results = Test-HxVariables -InventoryPath $ini -EvidencePath $evidence
        ($results | Where-Object Check -eq UnknownVariable).Message | Should -Match 'did you mean litellm_bind_host\?'
        ($results | Where-Object Check -eq MasterKeyVaulted).Status | Should -Be 'Failed'
        ($results | Where-Object Check -eq MasterKeyFormat).Status | Should -Be 'Failed'
    }

    It 'decrypts an inline master key made by ansible-vault encrypt_string' -Skip:([bool](Get-HxPeerSkipReason)) {
        Remove-Item "$dir/group_vars/litellm/vault.yml"
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        $passwordFile = Join-Path $dir 'pw.txt'
        [IO.File]::WriteAllText($passwordFile, 'inventory vault pw')
        $key = New-HxMasterKey -AsPlainText
        $block = (& ansible-vault encrypt_string --vault-password-file $passwordFile --name litellm_master_key $key 2>$null) -join "`n"
        Add-Content "$dir/group_vars/litellm/vars.yml" $block
        $results = Test-HxVariables -InventoryPath $ini -VaultPasswordFile $passwordFile -EvidencePath $evidence
        ($results | Where-Object Check -eq MasterKeyVaulted).Message | Should -Match 'inline !vault'
        @($results | Where-Object Status -ne Passed).Count | Should -Be 0
    }
}
