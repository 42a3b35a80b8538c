BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:example = Join-Path (Get-HxRepoRoot) 'examples/hx-dev/inventory/hosts.ini'
    $script:vaultPass = Join-Path (Get-HxRepoRoot) 'examples/hx-dev/.vault-pass'
    $PSDefaultParameterValues['Get-HxInventory:VaultPasswordFile'] = $vaultPass
}

# The default would reach later files of the same run (Pester runs them in one session).
AfterAll { $PSDefaultParameterValues.Remove('Get-HxInventory:VaultPasswordFile') }

Describe 'Get-HxInventory' {
    It 'emits one flat object per host with connection data from the merged variables' {
        $hosts = @(Get-HxInventory -Path $example)
        $hosts.Name | Should -Be @('localhost', 'ollama-dev', 'vllm-dev')
        $local = $hosts | Where-Object Name -eq 'localhost'
        $local.Connection | Should -Be 'local'
        $local.Port | Should -BeNullOrEmpty
        $local.Groups | Should -Be @('hx_dev', 'litellm')
        $local.Vars.litellm_port | Should -Be 4000
        $local.Vars.litellm_backends.vllm.api_base | Should -Be 'http://127.0.0.1:8000/v1'
        $node = $hosts | Where-Object Name -eq 'ollama-dev'
        $node.Address | Should -Be '127.0.0.1'
        $node.Port | Should -Be 22
    }

    It 'filters by group and name with wildcards' {
        @(Get-HxInventory -Path $example -Group litellm).Name | Should -Be @('localhost')
        @(Get-HxInventory -Path $example -Group hx_dev -Name '*-dev').Name | Should -Be @('ollama-dev', 'vllm-dev')
        @(Get-HxInventory -Path $example -Group all).Name | Should -Be @('localhost', 'ollama-dev', 'vllm-dev')
    }

    It 'reports a -Name or -Group that matches nothing as an error with the closest name, still returning the other matches' {
        $out = Get-HxInventory -Path $example -Group litelm -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InventoryGroupNotFound,HxLiteLLM.PowerShell.Commands.Inventory.GetHxInventoryCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'litelm'
        $err[0].Exception.Message | Should -BeLike "*did you mean 'litellm'?"
        $out = Get-HxInventory -Path $example -Name 'ollama-dev', 'vlm-dev', 'web*' -ErrorVariable err2 -ErrorAction SilentlyContinue
        @($out).Name | Should -Be 'ollama-dev'
        $err2.FullyQualifiedErrorId | ForEach-Object { $_ -replace ',.*' } | Should -Be @('InventoryHostNotFound', 'InventoryHostNotFound')
        $err2.TargetObject | Should -Be @('vlm-dev', 'web*')
        $err2[0].Exception.Message | Should -BeLike "*did you mean 'vllm-dev'?"
        $err2[1].Exception.Message | Should -Not -BeLike '*did you mean*'
    }

    It 'reports a missing inventory as InventoryNotFound naming the path and the closest file' {
        $missing = Join-Path (Split-Path $example) 'host.ini'
        $out = Get-HxInventory -Path $missing -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InventoryNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
        $err[0].Exception.Message | Should -BeLike "*$missing does not exist (did you mean 'hosts.ini'?)*"
    }

    It 'binds -Path by property name from the pipeline' {
        @([pscustomobject]@{ InventoryPath = $example } | Get-HxInventory -Group litellm).Name | Should -Be 'localhost'
    }

    It 'exports clean CSV columns' {
        $csv = Get-HxInventory -Path $example -Group litellm | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Name | Should -Be 'localhost'
        $csv.Groups | Should -Be 'hx_dev,litellm'
        ($csv.Vars | ConvertFrom-Json).litellm_port | Should -Be 4000
    }

    It 'writes the same JSON as ansible-inventory --list, with vault values masked' -Skip:([bool](Get-HxPeerSkipReason)) {
        $ours = Get-HxInventory -Path $example -AsAnsibleJson
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        $theirs = (& ansible-inventory -i $example --list --vault-password-file $vaultPass 2>$null) -join "`n"
        $LASTEXITCODE | Should -Be 0
        $key = ($theirs | ConvertFrom-Json)._meta.hostvars.localhost.litellm_master_key
        $key | Should -Match '^sk-[0-9a-f]{64}$'
        $ours | Should -Not -Match $key
        $ours | Should -BeExactly $theirs.Replace($key, '********')
    }

    It 'shows an inventory directory holding only a hosts.ini empty, as ansible-inventory does, and warns why' -Skip:([bool](Get-HxPeerSkipReason)) {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        Copy-Item $example "$dir/hosts.ini"
        $ours = Get-HxInventory -Path $dir.FullName -AsAnsibleJson -WarningVariable warnings -WarningAction SilentlyContinue
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        try {
            $theirs = (& ansible-inventory -i $dir.FullName --list 2>$null) -join "`n"
        } finally {
            Remove-Item env:ANSIBLE_CONFIG
        }
        $ours | Should -BeExactly $theirs
        "$warnings" | Should -BeLike '*No inventory source was parsed*Ansible skips hosts.ini inside an inventory directory*'
    }

    It 'reads a vault-encrypted inventory file with the password and refuses it without, as ansible-inventory does' {
        $dir = Join-Path $TestDrive 'vaulted-inventory'
        New-Item -ItemType Directory -Path $dir | Out-Null
        $inventory = Join-Path $dir 'hosts'
        Set-Content -LiteralPath $inventory -Value "[litellm]`nvh1 api_token=vaulted-inventory-token"
        & ansible-vault encrypt --vault-password-file $vaultPass $inventory 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-Content -LiteralPath $inventory -TotalCount 1 | Should -BeLike '$ANSIBLE_VAULT;1.1;AES256*'
        $hostInfo = Get-HxInventory -Path $inventory
        $hostInfo.Name | Should -Be 'vh1'
        $hostInfo.Vars.api_token | Should -Be '********'
        $out = Get-HxInventory -Path $inventory -VaultPasswordFile $null -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].Exception.Message | Should -BeLike '*hosts:1: Attempting to decrypt but no vault secrets found*'
    }

    It 'masks values that came from a vault and fails like Ansible without the password' {
        (Get-HxInventory -Path $example -Group litellm).Vars.litellm_master_key | Should -Be '********'
        $out = Get-HxInventory -Path $example -VaultPasswordFile $null -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].Exception.Message | Should -BeLike '*vault.yml:1: Attempting to decrypt but no vault secrets found*'
        $wrong = Join-Path $TestDrive 'wrong-pass'
        Set-Content $wrong 'not-the-password'
        Get-HxInventory -Path $example -VaultPasswordFile $wrong -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'VaultWrongPassword,*'
    }

    It 'reports a bad inventory with file and line, and returns nothing' {
        $bad = Join-Path $TestDrive 'bad.ini'
        "[web]`nh1`n[bad group]`n" | Set-Content -Path $bad -NoNewline
        $out = Get-HxInventory -Path $bad -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].Exception.Message | Should -BeLike "*bad.ini:3:*"
        $err[0].TargetObject | Should -Be $bad
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Inventory*,HxLiteLLM.PowerShell.Commands.Inventory.GetHxInventoryCommand'
    }
}
