BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:pwsh = Join-Path $PSHOME 'pwsh.dll'
    $script:kills = if ($env:HX_LONG -eq 'true') { 500 } else { 100 }
}

Describe 'Crash safety: changes killed with SIGKILL at random moments' -Skip:$skip {
    It 'leaves every file parseable by us and by Ansible, with a backup of the old content whenever a change landed' {
        $dir = Join-Path $TestDrive 'crash'
        Copy-HxExample hx-dev $dir
        $ini = "$dir/inventory/hosts.ini"
        $vault = "$dir/inventory/group_vars/litellm/vault.yml"
        $vars = "$dir/inventory/group_vars/litellm/vars.yml"
        $ready = Join-Path $TestDrive 'ready'
        # The child changes the three files in a loop until it is killed; each iteration writes new content.
        $child = @"
Import-Module '$(Get-HxBuiltModulePath)'
`$i = [int](Get-Random -Maximum 1000000)
Set-Content '$ready' 'x'
while (`$true) {
    `$i++
    Add-HxLiteLLMGroup -Path '$ini' -HostName "gw`$i.hx.test"
    Set-HxGroupVars -InventoryPath '$ini' -Variable @{ litellm_port = 4000 + (`$i % 1000) } -FileName vars.yml
    Set-HxVaultSecret -Path '$vault' -Name litellm_salt_key -Value (ConvertTo-SecureString "salt-`$i" -AsPlainText -Force) -VaultPasswordFile '$dir/.vault-pass'
}
"@
        $landed = 0
        for ($k = 0; $k -lt $kills; $k++) {
            Remove-Item $ready -ErrorAction Ignore
            $before = @{ ini = [IO.File]::ReadAllText($ini); vars = [IO.File]::ReadAllText($vars); vault = [IO.File]::ReadAllText($vault) }
            $p = Start-Process dotnet -ArgumentList @($pwsh, '-NoProfile', '-NonInteractive', '-Command', $child) -PassThru -RedirectStandardError (Join-Path $TestDrive 'child.err') -RedirectStandardOutput (Join-Path $TestDrive 'child.out')
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path $ready) -and -not $p.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds (Get-Random -Minimum 5 -Maximum 400)
            & kill -9 $p.Id 2>$null
            $p.WaitForExit()
            # Every file parses, and a changed file has a backup holding its previous content.
            Get-HxInventory -Path $ini -VaultPasswordFile "$dir/.vault-pass" -ErrorAction Stop | Out-Null
            (Unprotect-HxVault -Path $vault -AsPlainText -VaultPasswordFile "$dir/.vault-pass" -ErrorAction Stop) | Should -Match 'litellm_master_key'
            foreach ($name in 'ini', 'vars', 'vault') {
                $path = @{ ini = $ini; vars = $vars; vault = $vault }[$name]
                $now = [IO.File]::ReadAllText($path)
                if ($now -ne $before[$name]) {
                    $landed++
                    $backups = Get-ChildItem (Split-Path $path) -Filter "$(Split-Path $path -Leaf).*~" | ForEach-Object { [IO.File]::ReadAllText($_.FullName) }
                    $backups | Should -Contain $before[$name] -Because "a change of $name landed"
                }
            }
        }
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'; Set-Content $env:ANSIBLE_CONFIG ''
        & ansible-inventory -i $ini --list --vault-password-file "$dir/.vault-pass" 2>$null | Out-Null
        $LASTEXITCODE | Should -Be 0
        & ansible-vault view --vault-password-file "$dir/.vault-pass" $vault 2>$null | Out-Null
        $LASTEXITCODE | Should -Be 0
        Write-HxTestReport "Crash safety: $kills SIGKILLs during changes, $landed changes landed, every file parsed after each kill, 0 corrupt"
        $landed | Should -BeGreaterThan 0
    }
}

Describe 'Concurrency: two runs changing the same inventory at once' {
    It 'loses no update' {
        $dir = Join-Path $TestDrive 'concurrent'
        New-Item -ItemType Directory $dir | Out-Null
        $ini = Join-Path $dir 'hosts.ini'
        Set-Content $ini "[web]`nweb1"
        $jobs = foreach ($side in 'a', 'b') {
            Start-Process dotnet -PassThru -ArgumentList @($pwsh, '-NoProfile', '-NonInteractive', '-Command',
                "Import-Module '$(Get-HxBuiltModulePath)'; 1..15 | ForEach-Object { Add-HxLiteLLMGroup -Path '$ini' -HostName ('$side' + `$_ + '.hx.test') }")
        }
        $jobs | ForEach-Object { $_.WaitForExit() }
        $jobs.ExitCode | Should -Be @(0, 0)
        $names = @(Get-HxInventory -Path $ini -Group litellm).Name
        $names.Count | Should -Be 30
        Write-HxTestReport "Concurrency: 2 processes x 15 changes to one inventory, $($names.Count) of 30 hosts present, 0 lost"
    }
}
