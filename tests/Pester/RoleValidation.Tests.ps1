BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:example = Join-Path (Get-HxRepoRoot) 'examples/hx-dev'
    $script:vaultPass = Join-Path $example '.vault-pass'
    $script:inventory = Join-Path $example 'inventory/hosts.ini'
    $script:role = Join-Path $example 'roles/litellm'
    # Evidence of commands without -EvidencePath goes to the current folder: this file's scratch drive, not the repository.
    Push-Location $TestDrive
}

AfterAll {
    Pop-Location
}

Describe 'Test-HxRoleStructure' {
    BeforeEach {
        $script:work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $work | Out-Null
    }

    It 'reports the bundled role as complete and writes the structure report as evidence' {
        $results = Test-HxRoleStructure -Path $role -EvidencePath "$work/.evidence"
        $results | Should -Not -BeNullOrEmpty
        @($results | Where-Object Status -ne 'Passed') | Should -BeNullOrEmpty
        $results[0].Phase | Should -Be 'RoleValidation'
        "$($results[0].Category)" | Should -Be 'Role'
        $results[0].EvidencePath | Should -BeLike "*litellm_role_validation*role_structure_litellm.txt"
        Test-Path $results[0].EvidencePath | Should -BeTrue
    }

    It 'binds role folders from Get-ChildItem' {
        $results = Get-Item $role | Test-HxRoleStructure -EvidencePath "$work/.evidence"
        @($results | Where-Object Check -eq 'RoleDirectory').Count | Should -Be 1
    }

    It 'creates nothing under -WhatIf and the missing layout with -Create' {
        $new = Join-Path $work 'roles/newrole'
        Test-HxRoleStructure -Path $new -Create -WhatIf -EvidencePath "$work/.evidence" | Out-Null
        Test-Path $new | Should -BeFalse
        $results = Test-HxRoleStructure -Path $new -Create -EvidencePath "$work/.evidence"
        @($results | Where-Object Status -eq 'Failed') | Should -BeNullOrEmpty
        Get-Content -Raw "$new/tasks/main.yml" | Should -BeExactly "---`n# tasks file for newrole`n"
    }

    It 'fails on broken YAML with file, line and column' {
        $broken = Join-Path $work 'roles/broken'
        Copy-Item -Recurse $role $broken
        Set-Content -Path "$broken/defaults/main.yml" -Value "a: 1`n  b: [1"
        $failed = @(Test-HxRoleStructure -Path $broken -EvidencePath "$work/.evidence" | Where-Object Status -eq 'Failed')
        $failed.Count | Should -Be 1
        $failed[0].Message | Should -Match 'defaults[/\\]main\.yml:\d+:\d+: '
    }

    It 'exports clean CSV columns' {
        $csv = Join-Path $work 'r.csv'
        Test-HxRoleStructure -Path $role -EvidencePath "$work/.evidence" | Export-Csv $csv
        $rows = Import-Csv $csv
        ($rows[0].PSObject.Properties.Name) | Should -Be @('Timestamp', 'Phase', 'Check', 'Target', 'Status', 'Category', 'Message', 'Remediation', 'DurationMs', 'EvidencePath', 'Task', 'Requirement', 'File', 'Line', 'Column')
        $rows[0].Status | Should -Be 'Passed'
    }
}

Describe 'Test-HxTemplate' {
    It 'finds no issue in the bundled role for the example host' {
        $results = Test-HxTemplate -Path $role -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass
        @($results | Where-Object Check -eq 'TemplateSyntax').Count | Should -Be 3
        @($results | Where-Object Status -ne 'Passed') | Should -BeNullOrEmpty
    }

    It 'reports an undefined variable with a suggestion and a misspelt extra variable as unused' {
        $results = Test-HxTemplate -Path $role -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -Variable @{ litellm_prot = 4001 }
        $unused = @($results | Where-Object Check -eq 'UnusedVariable')
        $unused.Count | Should -Be 1
        $unused[0].Message | Should -BeLike "*litellm_prot*"
        "$($unused[0].Status)" | Should -Be 'Warning'
    }

    It 'takes templates from the pipeline and reports syntax errors with position' {
        $dir = Join-Path $TestDrive 'loose'
        New-Item -ItemType Directory $dir -Force | Out-Null
        Set-Content "$dir/bad.j2" "a`n{% for x in y %}`n"
        $results = Get-ChildItem $dir -Filter *.j2 | Test-HxTemplate
        $r = $results | Where-Object Check -eq 'TemplateSyntax'
        "$($r.Status)" | Should -Be 'Failed'
        $r.Message | Should -Match 'bad\.j2:\d+'
    }

    It 'fails with InventoryHostNotFound for a host the inventory lacks, naming the closest host' {
        { Test-HxTemplate -Path $role -InventoryPath $inventory -HostName localhots -VaultPasswordFile $vaultPass -ErrorAction Stop } |
            Should -Throw -ErrorId 'InventoryHostNotFound,HxLiteLLM.PowerShell.Commands.Role.TestHxTemplateCommand' -ExpectedMessage "*did you mean 'localhost'?*"
    }

    It 'stops with InventoryNoSource on an inventory directory whose only inventory file Ansible skips (hosts.ini)' {
        $dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        Copy-Item $inventory "$dir/hosts.ini"
        foreach ($command in { Test-HxTemplate -Path $role -InventoryPath $dir -HostName localhost -ErrorAction SilentlyContinue },
            { Invoke-HxTemplateRender -Path $role -OutputPath "$dir/out" -InventoryPath $dir -HostName localhost -ErrorAction SilentlyContinue }) {
            $command | Should -Throw -ErrorId 'InventoryNoSource,*' -ExpectedMessage '*no inventory source was parsed*Ansible skips hosts.ini inside an inventory directory*'
        }
        Test-Path "$dir/out" | Should -BeFalse
    }
}

Describe 'Invoke-HxTemplateRender' {
    BeforeEach {
        $script:work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $work | Out-Null
    }

    It 'renders the three templates, the env file 0600, with a redacted evidence copy' {
        $key = 'sk-pesterscan0123456789abcdef0123456789'
        $out = Invoke-HxTemplateRender -Path $role -OutputPath "$work/out" -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -Variable @{ litellm_master_key = $key } -EvidencePath "$work/.evidence"
        @($out).Count | Should -Be 3
        $env = $out | Where-Object { $_.OutputPath -like '*litellm.env' }
        $env.ContainsSecrets | Should -BeTrue
        Get-Content -Raw $env.OutputPath | Should -BeLike "*LITELLM_MASTER_KEY=$key*"
        if (-not $IsWindows) { [int](Get-Item $env.OutputPath).UnixFileMode | Should -Be ([Convert]::ToInt32('600', 8)) }
        $env.Sha256 | Should -Be (Get-FileHash $env.OutputPath -Algorithm SHA256).Hash.ToLowerInvariant()
        $env.Bytes | Should -Be (Get-Item $env.OutputPath).Length
        foreach ($f in Get-ChildItem -Recurse -File "$work/.evidence") { Get-Content -Raw $f.FullName | Should -Not -BeLike "*$key*" }
        Get-Content -Raw $env.EvidencePath | Should -BeLike '*LITELLM_MASTER_KEY=`*`*`*`*`*`*`*`**'
        $manifest = Get-Content -Raw (Join-Path (Split-Path $env.EvidencePath) 'manifest.json') | ConvertFrom-Json
        @($manifest).Count | Should -Be 3
        ($manifest | Where-Object ContainsSecrets).Sha256 | Should -Be $env.Sha256
    }

    It 'writes nothing under -WhatIf' {
        $out = Invoke-HxTemplateRender -Path $role -OutputPath "$work/out" -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -EvidencePath "$work/.evidence" -WhatIf
        @($out).Count | Should -Be 3
        $out[0].WhatIf | Should -BeTrue
        Test-Path "$work/out" | Should -BeFalse
        Test-Path "$work/.evidence" | Should -BeFalse
    }

    It 'stops with VaultWrongPassword when the vault cannot be opened' {
        $env:ANSIBLE_VAULT_PASSWORD_FILE = $null
        { Invoke-HxTemplateRender -Path $role -OutputPath "$work/out" -InventoryPath $inventory -HostName localhost -VaultPassword (ConvertTo-SecureString 'wrong' -AsPlainText -Force) } |
            Should -Throw -ErrorId 'VaultWrongPassword,HxLiteLLM.PowerShell.Commands.Role.InvokeHxTemplateRenderCommand'
        Test-Path "$work/out" | Should -BeFalse
    }

    It 'keeps -Variable integers of every width exact: BigInteger, uint64, long and whole decimals print without .0' {
        $dir = Join-Path $TestDrive 'ints'
        New-Item -ItemType Directory $dir -Force | Out-Null
        Set-Content "$dir/ints.txt.j2" '{{ big }} {{ big + 1 }} {{ big is integer }}|{{ u64 }} {{ u64 // 2 }}|{{ l * 10 }}|{{ dec }} {{ dec * 3 }} {{ dec is integer }}|{{ frac }}|{{ small }}'
        $vars = @{ big = 123456789012345678901234567890n; u64 = [uint64]::MaxValue; l = 9223372036854775807; dec = 10000000000000000000000000000d; frac = 1.5d; small = [uint16]7 }
        Invoke-HxTemplateRender -Path "$dir/ints.txt.j2" -OutputPath "$work/ints" -Variable $vars | Out-Null
        Get-Content -Raw "$work/ints/ints.txt" |
            Should -Be "123456789012345678901234567890 123456789012345678901234567891 True|18446744073709551615 9223372036854775807|92233720368547758070|10000000000000000000000000000 30000000000000000000000000000 True|1.5|7`n"
    }

    It 'runs command lookups only with -AllowCommandLookup' {
        $dir = Join-Path $TestDrive 'cmd'
        New-Item -ItemType Directory $dir -Force | Out-Null
        Set-Content "$dir/cmd.txt.j2" "{{ lookup('pipe', 'echo from-pipe') }}"
        { Invoke-HxTemplateRender -Path "$dir/cmd.txt.j2" -OutputPath "$work/cmd" -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateRenderError,HxLiteLLM.PowerShell.Commands.Role.InvokeHxTemplateRenderCommand' -ExpectedMessage '*-AllowCommandLookup*'
        Test-Path "$work/cmd/cmd.txt" | Should -BeFalse
        Invoke-HxTemplateRender -Path "$dir/cmd.txt.j2" -OutputPath "$work/cmd" -AllowCommandLookup | Out-Null
        Get-Content -Raw "$work/cmd/cmd.txt" | Should -Be "from-pipe`n"
    }

    It 'runs the password lookup (which creates files) only with -AllowFileWritingLookup' {
        $dir = Join-Path $TestDrive 'pw'
        New-Item -ItemType Directory $dir -Force | Out-Null
        $saved = Join-Path $TestDrive 'pw-store/db'
        Set-Content "$dir/pw.txt.j2" "{{ lookup('password', '$saved length=12 chars=digits') }}"
        { Invoke-HxTemplateRender -Path "$dir/pw.txt.j2" -OutputPath "$work/pw" -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateRenderError,HxLiteLLM.PowerShell.Commands.Role.InvokeHxTemplateRenderCommand' -ExpectedMessage '*-AllowFileWritingLookup*'
        Test-Path $saved | Should -BeFalse
        Invoke-HxTemplateRender -Path "$dir/pw.txt.j2" -OutputPath "$work/pw" -AllowFileWritingLookup | Out-Null
        $rendered = Get-Content -Raw "$work/pw/pw.txt"
        $rendered | Should -Match '^[0-9]{12}\n$'
        Get-Content -Raw $saved | Should -Be $rendered
    }

    It 'answers the config lookup from the ansible.cfg of the current location, ANSIBLE_* variables over it' {
        $project = Join-Path $TestDrive 'config-project'
        New-Item -ItemType Directory $project -Force | Out-Null
        Set-Content "$project/ansible.cfg" "[defaults]`nremote_user = deploy`ntimeout = 30`nroles_path = roles`n[privilege_escalation]`nbecome = yes`n"
        Set-Content "$project/config.txt.j2" "{{ lookup('config', 'DEFAULT_REMOTE_USER') }}|{{ lookup('config', 'DEFAULT_TIMEOUT') }}|{{ lookup('config', 'DEFAULT_ROLES_PATH') | first }}|{{ lookup('config', 'DEFAULT_BECOME') }}|{{ lookup('config', 'CONFIG_FILE') }}"
        $saved = @{ ANSIBLE_CONFIG = $env:ANSIBLE_CONFIG; ANSIBLE_TIMEOUT = $env:ANSIBLE_TIMEOUT }
        # The PowerShell location, not the process's current directory: the cmdlet must hand its ansible.cfg to the lookup.
        Push-Location $project
        try {
            $env:ANSIBLE_CONFIG = $null
            $env:ANSIBLE_TIMEOUT = $null
            Invoke-HxTemplateRender -Path 'config.txt.j2' -OutputPath "$work/config" | Out-Null
            Get-Content -Raw "$work/config/config.txt" | Should -Be "deploy|30|$project/roles|True|$project/ansible.cfg`n"
            $env:ANSIBLE_TIMEOUT = '5'
            Invoke-HxTemplateRender -Path 'config.txt.j2' -OutputPath "$work/config-env" | Out-Null
            Get-Content -Raw "$work/config-env/config.txt" | Should -Be "deploy|5|$project/roles|True|$project/ansible.cfg`n"
        }
        finally {
            Pop-Location
            $env:ANSIBLE_CONFIG = $saved.ANSIBLE_CONFIG
            $env:ANSIBLE_TIMEOUT = $saved.ANSIBLE_TIMEOUT
        }
        Set-Content "$project/unknown.txt.j2" "{{ lookup('config', 'ANSIBLE_COW_PATH') }}"
        { Invoke-HxTemplateRender -Path "$project/unknown.txt.j2" -OutputPath "$work/unknown" -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateRenderError,HxLiteLLM.PowerShell.Commands.Role.InvokeHxTemplateRenderCommand' -ExpectedMessage '*ANSIBLE_COW_PATH exists in ansible-core but this engine does not resolve it*'
    }

    It 'refuses a SecureString variable with InvalidVariable' {
        { Invoke-HxTemplateRender -Path $role -OutputPath "$work/out" -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -Variable @{ k = (ConvertTo-SecureString 'x' -AsPlainText -Force) } } |
            Should -Throw -ErrorId 'InvalidVariable,HxLiteLLM.PowerShell.Commands.Role.InvokeHxTemplateRenderCommand'
    }

    It 'exports clean CSV columns' {
        $csv = Join-Path $work 'r.csv'
        Invoke-HxTemplateRender -Path $role -OutputPath "$work/out" -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -EvidencePath "$work/.evidence" | Export-Csv $csv
        (Import-Csv $csv)[0].PSObject.Properties.Name | Should -Be @('Template', 'OutputPath', 'Sha256', 'Bytes', 'ContainsSecrets', 'EvidencePath', 'WhatIf')
    }

    It 'renders byte-identical to ansible-playbook' -Skip:([bool](Get-HxPeerSkipReason)) {
        $roles = Join-Path $work 'roles'
        Copy-Item -Recurse $role (Join-Path $roles 'litellm')
        $names = 'litellm.config.yaml', 'litellm.env', 'litellm.service'
        $tasks = "---`n" + (($names | ForEach-Object { "- ansible.builtin.template:`n    src: $_.j2`n    dest: `"{{ hx_peer_out }}/$_`"`n  delegate_to: localhost`n" }) -join '')
        [IO.File]::WriteAllText((Join-Path $roles 'litellm/tasks/main.yml'), $tasks)
        [IO.File]::WriteAllText("$work/play.yml", "---`n- hosts: litellm`n  gather_facts: false`n  roles:`n    - litellm`n")
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        $env:ANSIBLE_ROLES_PATH = $roles
        try {
            New-Item -ItemType Directory "$work/peer" | Out-Null
            & ansible-playbook -i $inventory --vault-password-file $vaultPass -c local -e "hx_peer_out=$work/peer" "$work/play.yml" | Out-Null
            $LASTEXITCODE | Should -Be 0
        } finally { Remove-Item env:ANSIBLE_ROLES_PATH }
        $ours = Invoke-HxTemplateRender -Path $role -OutputPath "$work/ours" -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -EvidencePath "$work/.evidence"
        foreach ($n in $names) {
            (Get-FileHash "$work/peer/$n").Hash | Should -Be (Get-FileHash "$work/ours/$n").Hash -Because $n
            ($ours | Where-Object { $_.OutputPath -like "*$n" }).Sha256 | Should -Be (Get-FileHash "$work/peer/$n").Hash.ToLowerInvariant()
        }
    }
}

Describe 'Test-HxLiteLLMConfig' {
    BeforeAll {
        $script:rendered = Join-Path $TestDrive 'rendered'
        Invoke-HxTemplateRender -Path $role -OutputPath $rendered -InventoryPath $inventory -HostName localhost -VaultPasswordFile $vaultPass -EvidencePath "$TestDrive/.evidence" | Out-Null
    }

    It 'passes the rendered bundled config with its env file' {
        $results = Test-HxLiteLLMConfig -Path "$rendered/litellm.config.yaml" -EnvPath "$rendered/litellm.env"
        @($results | Where-Object Status -ne 'Passed') | Should -BeNullOrEmpty
        "$($results[0].Category)" | Should -Be 'Config'
    }

    It 'binds FullName from the pipeline and never shows the key' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        Set-Content $bad "model_list: []`nlitellm_settings:`n  master_key: sk-1234`n"
        $results = Get-Item $bad | Test-HxLiteLLMConfig
        "$(($results | Where-Object Check -eq 'MasterKeyLocation').Status)" | Should -Be 'Failed'
        ($results | Out-String) | Should -Not -BeLike '*sk-1234*'
    }
}

Describe 'New-HxIssueReport' {
    BeforeEach {
        $script:work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $work | Out-Null
        $bad = Join-Path $work 'bad.yaml'
        Set-Content $bad "model_list: []`nlitellm_settings:`n  master_key: sk-abcdefabcdefabcdefabcdef123456`n"
        $script:results = Test-HxLiteLLMConfig -Path $bad
    }

    It 'writes the report files from piped results and returns the changes' {
        $changes = $results | New-HxIssueReport -Path $work -PassThru
        $items = @($changes | ForEach-Object Item)
        $items[0..2] | Should -Be @('full_report.txt', 'analysis.txt', 'remediation.ps1')
        $items.Count | Should -Be @(Get-ChildItem "$work/issues").Count
        foreach ($c in $changes) { Test-Path $c.Path | Should -BeTrue; $c.Path | Should -BeLike "*issues*" }
        Get-Content -Raw "$work/issues/full_report.txt" | Should -BeLike '*MasterKeyLocation*'
    }

    It 'skips other objects with a warning' {
        $changes = @($results; 'not a result'; 42) | New-HxIssueReport -Path $work -PassThru -WarningVariable w -WarningAction SilentlyContinue
        @($w).Count | Should -Be 2
        @($changes).Count | Should -Be @(Get-ChildItem "$work/issues").Count
        Get-Content -Raw "$work/issues/full_report.txt" | Should -BeLike '*Results: 5 *'
    }

    It 'writes nothing under -WhatIf' {
        $changes = $results | New-HxIssueReport -Path $work -PassThru -WhatIf
        $changes[0].WhatIf | Should -BeTrue
        Test-Path "$work/issues" | Should -BeFalse
    }

    It 'never writes anything shaped like a key' {
        $r = $results | Select-Object -First 1
        $r.Status = 'Failed'
        $r.Message = 'leaked sk-leakedleakedleaked0123456789 here'
        $r | New-HxIssueReport -Path $work
        Get-Content -Raw "$work/issues/full_report.txt" | Should -Not -BeLike '*sk-leaked*'
    }
}
