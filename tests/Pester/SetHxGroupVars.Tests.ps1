BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:typed = [ordered]@{
        litellm_bind_host = '0.0.0.0'
        litellm_port      = 4000
        enabled           = $true
        answer            = 'yes'
        mode              = '0755'
        zero              = '0'
        ratio             = 0.5
        nothing           = $null
        litellm_backends  = [ordered]@{ ollama = [ordered]@{ api_base = 'http://127.0.0.1:11434' } }
        litellm_models    = @([ordered]@{ backend = 'ollama'; model = 'ollama_chat/llama3:8b'; model_name = 'llama3-8b' })
        tags              = @('a', 1, $false)
    }
}

Describe 'Set-HxGroupVars' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory "$dir/group_vars" | Out-Null
        $script:ini = Join-Path $dir 'hosts.ini'
        [IO.File]::WriteAllText($ini, "[litellm]`ngw1`n")
        $script:vars = Join-Path $dir 'group_vars/litellm/main.yml'
    }

    It 'creates group_vars/litellm/main.yml (the directory form, beside the vault) when the group has no vars file yet and reports what was added' {
        $change = Set-HxGroupVars -InventoryPath $ini -Group litellm -Variable ([ordered]@{ litellm_port = 4000; litellm_bind_host = '127.0.0.1' }) -PassThru
        $change.Path | Should -Be $vars
        $change.Changed | Should -BeTrue
        $change.Added | Should -Be @('litellm_port', 'litellm_bind_host')
        $change.BackupPath | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($vars) | Should -BeExactly "litellm_port: 4000`nlitellm_bind_host: 127.0.0.1`n"
    }

    It 'replaces top-level keys in place and keeps comments, other keys and their quoting' {
        $original = "---`n# LiteLLM settings`nlitellm_port: 3000  # old`nlitellm_version: `"1.55.8`"`nlitellm_models:`n  - model_name: a`n    model: ollama_chat/a`n# trailing comment`n"
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null; [IO.File]::WriteAllText($vars, $original)
        $change = Set-HxGroupVars -InventoryPath $ini -Variable ([ordered]@{ litellm_port = 4001; litellm_models = @([ordered]@{ model_name = 'b'; model = 'ollama_chat/b' }); litellm_log_level = 'INFO' }) -PassThru
        $change.Updated | Should -Be @('litellm_port', 'litellm_models')
        $change.Added | Should -Be 'litellm_log_level'
        [IO.File]::ReadAllText($change.BackupPath) | Should -BeExactly $original
        [IO.File]::ReadAllText($vars) | Should -BeExactly "---`n# LiteLLM settings`nlitellm_port: 4001  # old`nlitellm_version: `"1.55.8`"`nlitellm_models:`n- model_name: b`n  model: ollama_chat/b`n# trailing comment`nlitellm_log_level: INFO`n"
    }

    It 'is idempotent: the same values again write nothing and make no backup' {
        Set-HxGroupVars -InventoryPath $ini -Variable $typed
        $before = [IO.File]::ReadAllText($vars)
        $change = Set-HxGroupVars -InventoryPath $ini -Variable $typed -PassThru
        $change.Changed | Should -BeFalse
        [IO.File]::ReadAllText($vars) | Should -BeExactly $before
        @(Get-ChildItem "$dir/group_vars" -Filter '*~').Count | Should -Be 0
    }

    It 'treats a type change as a change ("4000" is not 4000)' {
        Set-HxGroupVars -InventoryPath $ini -Variable @{ litellm_port = 4000 }
        (Set-HxGroupVars -InventoryPath $ini -Variable @{ litellm_port = '4000' } -PassThru).Updated | Should -Be 'litellm_port'
        [IO.File]::ReadAllText($vars) | Should -BeExactly "litellm_port: '4000'`n"
    }

    It 'keeps a BOM and CRLF line ends' {
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null; [IO.File]::WriteAllText($vars, "`u{FEFF}# c`r`nlitellm_port: 1`r`nkeep: x`r`n")
        Set-HxGroupVars -InventoryPath $ini -Variable ([ordered]@{ litellm_port = 2; tags = @('a') })
        [IO.File]::ReadAllText($vars) | Should -BeExactly "`u{FEFF}# c`r`nlitellm_port: 2`r`nkeep: x`r`ntags:`r`n- a`r`n"
    }

    It 'writes into the directory form Ansible reads: main.yml, or the file named by -FileName' {
        New-Item -ItemType Directory -Force "$dir/group_vars/litellm" | Out-Null
        (Set-HxGroupVars -InventoryPath $ini -Variable @{ a = 1 } -PassThru).Path | Should -Be (Join-Path $dir 'group_vars/litellm/main.yml')
        (Set-HxGroupVars -InventoryPath $ini -Variable @{ b = 2 } -FileName settings.yml -PassThru).Path | Should -Be (Join-Path $dir 'group_vars/litellm/settings.yml')
    }

    It 'writes into the existing .json form as JSON' {
        [IO.File]::WriteAllText("$dir/group_vars/litellm.json", '{"keep": "x", "litellm_port": 1}')
        (Set-HxGroupVars -InventoryPath $ini -Variable @{ litellm_port = 2 } -PassThru).Path | Should -Be (Join-Path $dir 'group_vars/litellm.json')
        [IO.File]::ReadAllText("$dir/group_vars/litellm.json") | ConvertFrom-Json | ForEach-Object { $_.keep; $_.litellm_port } | Should -Be @('x', 2)
    }

    It 'refuses -FileName when group_vars/litellm.yml hides the directory form' {
        [IO.File]::WriteAllText("$dir/group_vars/litellm.yml", "a: 1`n")
        { Set-HxGroupVars -InventoryPath $ini -Variable @{ b = 1 } -FileName x.yml } | Should -Throw -ErrorId 'VarsFileShadowed,HxLiteLLM.PowerShell.Commands.Inventory.SetHxGroupVarsCommand'
    }

    It 'writes nothing under -WhatIf' {
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null; [IO.File]::WriteAllText($vars, "a: 1`n")
        (Set-HxGroupVars -InventoryPath $ini -Variable @{ a = 2 } -WhatIf -PassThru).WhatIf | Should -BeTrue
        [IO.File]::ReadAllText($vars) | Should -BeExactly "a: 1`n"
        @(Get-ChildItem "$dir/group_vars").Count | Should -Be 1
    }

    It 'says under -WhatIf each value before and after, "(unset)" for a new one, and masks what may be secret' {
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null
        [IO.File]::WriteAllText($vars, "litellm_port: 4000`nsmtp_password: '{{ vault_smtp_password }}'`nold_url: postgresql://app:hunter2@127.0.0.1/db`n")
        # WhatIf lines go to the host, not to a stream: a child pwsh's console shows them as the operator sees them.
        Invoke-HxChildScript @"
Import-Module '$(Get-HxBuiltModulePath)'
Set-HxGroupVars -InventoryPath '$ini' -Variable ([ordered]@{ litellm_port = 4100; litellm_log_level = 'DEBUG'; smtp_password = '{{ vault_other }}'; old_url = 'http://127.0.0.1/db' }) -WhatIf
"@ $dir 120
        $console = (Get-Content "$dir/console.txt" -Raw) -replace '\s*\r?\n\s*', ' '
        $console | Should -Match ([regex]::Escape('litellm_port: 4000 -> 4100; litellm_log_level: (unset) -> "DEBUG"; smtp_password: ******** -> ********; old_url: ******** -> "http://127.0.0.1/db"'))
        $console | Should -Not -Match 'hunter2|vault_smtp_password|vault_other'
        [IO.File]::ReadAllText($vars) | Should -Match 'litellm_port: 4000'
    }

    It 'reports a vars file that is not valid YAML with the parser''s line and problem, in Get-HxInventory''s words' {
        [IO.File]::WriteAllText("$dir/group_vars/all.yml", "a: 1`nb: [unclosed`nc: 2`n")
        $read = $null; $set = $null
        try { Get-HxInventory -InventoryPath $ini -ErrorAction Stop | Out-Null } catch { $read = $_.Exception.Message }
        try { Set-HxGroupVars -InventoryPath $ini -Group all -Variable @{ a = 2 } -ErrorAction Stop } catch { $set = $_.Exception.Message }
        $read | Should -BeLike "*all.yml:2: *unclosed*"
        $set | Should -BeExactly $read
        [IO.File]::ReadAllText("$dir/group_vars/all.yml") | Should -BeExactly "a: 1`nb: [unclosed`nc: 2`n"
    }

    It 'refuses secrets, also nested ones, and names the vault cmdlets' {
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null; [IO.File]::WriteAllText($vars, "a: 1`n")
        $key = 'sk-' + ('0a' * 32)
        { Set-HxGroupVars -InventoryPath $ini -Variable @{ litellm_master_key = 'whatever-it-is' } } |
            Should -Throw -ErrorId 'SecretInPlainVars,HxLiteLLM.PowerShell.Commands.Inventory.SetHxGroupVarsCommand'
        $err = { Set-HxGroupVars -InventoryPath $ini -Variable @{ litellm_backends = @{ vllm = @{ api_key = $key } } } } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match 'litellm_backends\.vllm\.api_key'
        $err.Exception.Message | Should -Match 'Set-HxVaultSecret'
        $err.Exception.Message | Should -Not -Match $key
        { Set-HxGroupVars -InventoryPath $ini -Variable @{ db = 'postgresql://u:pw@db/litellm' } } | Should -Throw -ErrorId 'SecretInPlainVars*'
        [IO.File]::ReadAllText($vars) | Should -BeExactly "a: 1`n"
    }

    It 'refuses a vault-encrypted target and an inline !vault value' {
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null; [IO.File]::WriteAllText($vars, "`$ANSIBLE_VAULT;1.1;AES256`n6161`n")
        { Set-HxGroupVars -InventoryPath $ini -Variable @{ a = 1 } } | Should -Throw -ErrorId 'VarsFileEncrypted*'
        New-Item -ItemType Directory -Force (Split-Path $vars) | Out-Null; [IO.File]::WriteAllText($vars, "s: !vault |`n  `$ANSIBLE_VAULT;1.1;AES256`n  6161`n")
        { Set-HxGroupVars -InventoryPath $ini -Variable @{ s = 'plain' } } | Should -Throw -ErrorId 'VarsValueVaulted*'
    }

    It 'refuses invalid variable names' {
        { Set-HxGroupVars -InventoryPath $ini -Variable @{ 'my-var' = 1 } } | Should -Throw -ErrorId 'InvalidVariableName*'
    }

    It 'writes files ansible-inventory reads with the values and types asked for' -Skip:([bool](Get-HxPeerSkipReason)) {
        [IO.File]::WriteAllText($ini, "[litellm]`ngw1`n[dirform]`ngw2`n[jsonform]`ngw3`n[crlf]`ngw4`n")
        New-Item -ItemType Directory "$dir/group_vars/dirform" | Out-Null
        [IO.File]::WriteAllText("$dir/group_vars/jsonform.json", '{"keep": true}')
        [IO.File]::WriteAllText("$dir/group_vars/crlf.yml", "`u{FEFF}# c`r`nkeep: 1`r`n")
        foreach ($g in 'litellm', 'dirform', 'jsonform', 'crlf') { Set-HxGroupVars -InventoryPath $ini -Group $g -Variable $typed }
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        $json = (& ansible-inventory -i $ini --list 2>$null) -join "`n" | ConvertFrom-Json -AsHashtable
        $expected = ($typed | ConvertTo-Json -Depth 5 -Compress)
        foreach ($h in 'gw1', 'gw2', 'gw3', 'gw4') {
            $hv = $json._meta.hostvars[$h]
            $actual = [ordered]@{}
            foreach ($k in $typed.Keys) { $actual[$k] = $hv[$k] }
            ($actual | ConvertTo-Json -Depth 5 -Compress) | Should -BeExactly $expected -Because $h
        }
        $json._meta.hostvars.gw3.keep | Should -BeTrue
        $json._meta.hostvars.gw4.keep | Should -Be 1
        $json._meta.hostvars.gw1.litellm_port | Should -BeOfType [long]
        $json._meta.hostvars.gw1.mode | Should -BeOfType [string]
    }

    It 'fails, naming the file, when the project folder''s group_vars win, as ansible-inventory run there shows' -Skip:([bool](Get-HxPeerSkipReason)) {
        # A project that keeps group_vars/ at its root and the inventory in hosts/: ansible-inventory, run from the project
        # root, reads the root's group_vars after the inventory's, so a value written beside the inventory never takes effect.
        $project = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory "$project/hosts", "$project/group_vars" | Out-Null
        [IO.File]::WriteAllText("$project/hosts/production", "[litellm]`ngw1`n")
        [IO.File]::WriteAllText("$project/group_vars/litellm.yml", "---`nlitellm_port: 5000`n")
        Set-Content "$project/ansible.cfg" ''
        Push-Location $project
        try {
            Set-HxGroupVars -InventoryPath hosts/production -Variable @{ litellm_port = 4100 } -ErrorVariable overridden -ErrorAction SilentlyContinue
            $env:ANSIBLE_CONFIG = "$project/ansible.cfg"
            $port = ((& /usr/bin/ansible-inventory -i hosts/production --host gw1 2>$null) -join "`n" | ConvertFrom-Json).litellm_port
        }
        finally { Pop-Location }
        $port | Should -Be 5000
        $overridden.Count | Should -Be 1
        "$($overridden[0])" | Should -BeLike "*litellm_port: $project/group_vars/litellm.yml:2 (group 'litellm') wins for gw1*"
    }
}
