BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    function New-ExampleCopy {
        $copy = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $copy
        # Only what the repository holds: no evidence or rendered files of earlier local runs.
        & chmod 755 $copy
        $copy
    }
    # Run from the copy, as Ansible runs from its project root: evidence goes to $Copy/.evidence, rendered files to $Copy/.rendered.
    function Invoke-Example([string] $Copy, [hashtable] $Extra = @{}) {
        Push-Location $Copy
        try {
            Invoke-HxLiteLLMPipeline -InventoryPath "$Copy/inventory/hosts.ini" -RolePath "$Copy/roles/litellm" -VaultPasswordFile "$Copy/.vault-pass" @Extra
        } finally {
            Pop-Location
        }
    }
    # A test that forgets to choose its folder writes into this file's scratch drive, never into the repository.
    Push-Location $TestDrive
}

AfterAll {
    Pop-Location
}

Describe 'Invoke-HxLiteLLMPipeline on the bundled example' {
    It 'runs every phase to the end with -ContinueOnFailure and leaves the evidence trail' {
        $copy = New-ExampleCopy
        Push-Location $copy
        try {
            $results = @(Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -ContinueOnFailure -InformationVariable phases)
        } finally {
            Pop-Location
        }
        $summaries = @($phases.MessageData)
        $summaries.Phase | Should -Be @('Preflight', 'Inventory', 'RoleValidation')
        $summaries.Outcome | Should -Not -Contain 'NotStarted'
        @($results | Where-Object { $_ -isnot [HxLiteLLM.Results.HxCheckResult] }).Count | Should -Be 0
        $results.Count | Should -Be (($summaries | Measure-Object Passed, Failed, Warning, Skipped -Sum).Sum | Measure-Object -Sum).Sum
        ($results | Where-Object Check -eq 'DomainJoin').Status | Should -Be 'Failed'
        ($results | Where-Object Check -eq 'DomainJoin').Remediation | Should -BeLike '*realm join*'
        $evidence = "$copy/.evidence"
        @(Get-ChildItem $evidence -Filter 'litellm_orchestration_*.txt').Count | Should -Be 1
        foreach ($area in 'api-preflight', 'litellm_inventory', 'litellm_role_validation') { Test-Path "$evidence/$area" | Should -BeTrue }
        @(Get-ChildItem $evidence -Recurse -Filter full_report.txt).Count | Should -Be 1
    }

    It 'keeps the master key out of the evidence, and in the real env file with mode 0600' {
        $copy = New-ExampleCopy
        Invoke-Example $copy @{ ContinueOnFailure = $true; Phase = 'RoleValidation' } | Out-Null
        $key = (Unprotect-HxVault -Path "$copy/inventory/group_vars/litellm/vault.yml" -AsPlainText -VaultPasswordFile "$copy/.vault-pass") -replace '(?s).*litellm_master_key:\s*(\S+).*', '$1'
        $key | Should -Match '^sk-[0-9a-f]{64}$'
        $env = "$copy/.rendered/localhost/litellm.env"
        Get-Content $env -Raw | Should -Match $key
        if ($IsLinux) { [int][System.IO.File]::GetUnixFileMode($env) | Should -Be ([Convert]::ToInt32('600', 8)) }
        foreach ($file in Get-ChildItem "$copy/.evidence" -Recurse -File) {
            Get-Content $file.FullName -Raw | Should -Not -Match $key -Because $file.FullName
        }
    }

    It 'does not start a phase after a failed one without -ContinueOnFailure' {
        $copy = New-ExampleCopy
        Push-Location $copy
        try {
            Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -InformationVariable phases | Out-Null
        } finally {
            Pop-Location
        }
        $summaries = @($phases.MessageData)
        $summaries[0].Outcome | Should -Be 'Failed'
        $summaries[1..2].Outcome | Should -Be @('NotStarted', 'NotStarted')
    }

    It 'writes GitHub annotations and the step summary, and Azure DevOps logging commands' {
        $copy = New-ExampleCopy
        $summaryFile = Join-Path $TestDrive 'step-summary.md'
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $run = "Import-Module '$(Get-HxBuiltModulePath)'; Set-Location '$copy'; Invoke-HxLiteLLMPipeline -InventoryPath '$copy/inventory/hosts.ini' -RolePath '$copy/roles/litellm' -VaultPasswordFile '$copy/.vault-pass' -ContinueOnFailure | Out-Null"
        $env:GITHUB_ACTIONS = 'true'; $env:GITHUB_STEP_SUMMARY = $summaryFile
        try { $gh = & dotnet $pwsh -NoProfile -NonInteractive -Command $run } finally { Remove-Item env:GITHUB_ACTIONS, env:GITHUB_STEP_SUMMARY }
        ($gh -match '^::error title=Preflight/DomainJoin \(localhost\)::').Count | Should -Be 1
        Get-Content $summaryFile -Raw | Should -BeLike '*| Preflight |*'
        $env:TF_BUILD = 'True'
        try { $az = & dotnet $pwsh -NoProfile -NonInteractive -Command $run } finally { Remove-Item env:TF_BUILD }
        ($az -match '^##vso\[task.logissue type=error\]Preflight/DomainJoin').Count | Should -Be 1
    }

    It 'takes its inputs from hxlitellm.yml, parameters winning' {
        $copy = New-ExampleCopy
        @"
inventory: inventory/hosts.ini
role: roles/litellm
vault_password_file: .vault-pass
continue_on_failure: true
phases: [Inventory, RoleValidation]
"@ | Set-Content "$copy/hxlitellm.yml"
        Invoke-HxLiteLLMPipeline -SettingsPath "$copy/hxlitellm.yml" -SkipRoleValidation -InformationVariable phases | Out-Null
        $summaries = @($phases.MessageData)
        $summaries.Outcome | Should -Be @('Skipped', 'Completed', 'Skipped')
    }

    It 'changes nothing under -WhatIf' {
        $copy = New-ExampleCopy
        $before = Get-FileHash "$copy/inventory/hosts.ini", "$copy/inventory/group_vars/litellm/vault.yml"
        $r = @(Invoke-Example $copy @{ Phase = 'Inventory'; AddHostName = 'gw9.hx.test'; RotateMasterKey = $true; WhatIf = $true })
        (Get-FileHash "$copy/inventory/hosts.ini", "$copy/inventory/group_vars/litellm/vault.yml").Hash | Should -Be $before.Hash
        ($r | Where-Object Check -eq 'InventoryGroup').Message | Should -BeLike '*would add group*gw9.hx.test*'
        ($r | Where-Object Check -eq 'VaultSecret').Status | Should -Be 'Skipped'
    }
}

Describe 'A hostile hxlitellm.yml in the current folder' {
    BeforeAll {
        # A settings file whose password "file" is a script leaving a marker, and whose junit_path points out of its folder.
        function New-HostileFolder([string] $Mode) {
            $folder = Join-Path $TestDrive ([guid]::NewGuid())
            New-Item -ItemType Directory $folder | Out-Null
            $marker = Join-Path $TestDrive "ran-$([guid]::NewGuid())"
            "#!/bin/sh`ntouch '$marker'`necho pw`n" | Set-Content "$folder/evil.sh"
            & chmod 755 "$folder/evil.sh"
            "vault_password_file: ./evil.sh`nphases: [Inventory]`n" | Set-Content "$folder/hxlitellm.yml"
            & chmod $Mode $folder
            @{ Folder = $folder; Marker = $marker }
        }
    }

    It 'is ignored in a world-writable folder with a warning saying why: its script never runs' {
        $copy = New-ExampleCopy
        $hostile = New-HostileFolder 777
        Push-Location $hostile.Folder
        try {
            Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -Phase Inventory -EvidencePath "$copy/.evidence" -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null
        } finally {
            Pop-Location
        }
        Test-Path $hostile.Marker | Should -BeFalse
        ($warnings -join "`n") | Should -BeLike "*Ignoring settings file $($hostile.Folder)/hxlitellm.yml*world-writable*"
    }

    It 'is read in a folder only its owner writes (the script runs), and its junit_path may not leave its folder' {
        $copy = New-ExampleCopy
        $hostile = New-HostileFolder 755
        Push-Location $hostile.Folder
        try {
            Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -EvidencePath "$copy/.evidence" -WarningVariable warnings -ErrorAction SilentlyContinue | Out-Null
        } finally {
            Pop-Location
        }
        Test-Path $hostile.Marker | Should -BeTrue
        $warnings | Should -BeNullOrEmpty
        $owned = Join-Path $TestDrive "owned-$([guid]::NewGuid()).xml"
        "junit_path: $owned`n" | Add-Content "$($hostile.Folder)/hxlitellm.yml"
        { Invoke-HxLiteLLMPipeline -SettingsPath "$($hostile.Folder)/hxlitellm.yml" -InventoryPath "$copy/inventory/hosts.ini" -EvidencePath "$copy/.evidence" -ErrorAction Stop } |
            Should -Throw "*'junit_path'*must stay inside the settings file's folder*"
        Test-Path $owned | Should -BeFalse
    }

    It 'gives way to ANSIBLE_VAULT_PASSWORD_FILE for the vault password, as Ansible''s environment wins over its config' {
        $copy = New-ExampleCopy
        $hostile = New-HostileFolder 755
        $env:ANSIBLE_VAULT_PASSWORD_FILE = "$copy/.vault-pass"
        Push-Location $hostile.Folder
        try {
            Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -EvidencePath "$copy/.evidence" -InformationVariable phases | Out-Null
        } finally {
            Pop-Location
            Remove-Item Env:ANSIBLE_VAULT_PASSWORD_FILE
        }
        Test-Path $hostile.Marker | Should -BeFalse
        (@($phases.MessageData) | Where-Object Phase -eq 'Inventory').Outcome | Should -Be 'Completed'
    }
}

Describe 'Invoke-HxLiteLLMPipeline progress' {
    It 'writes each update as a record of its own, never going back, and ends at 100%' {
        $copy = New-ExampleCopy
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("`$ProgressPreference = 'Continue'; Import-Module '$(Get-HxBuiltModulePath)'; Set-Location '$copy'
                Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -Phase Inventory, RoleValidation -ContinueOnFailure -WhatIf -WarningAction SilentlyContinue")
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress | Where-Object Activity -eq 'HxLiteLLM pipeline')
        } finally {
            $ps.Dispose()
        }
        $records.Count | Should -BeGreaterThan 0
        @($records | ForEach-Object { [System.Runtime.CompilerServices.RuntimeHelpers]::GetHashCode($_) } | Sort-Object -Unique).Count | Should -Be $records.Count
        $records[-1].RecordType | Should -Be 'Completed'
        $records[-1].PercentComplete | Should -Be 100
        $updates = @($records | Select-Object -SkipLast 1)
        $updates | ForEach-Object { $_.RecordType | Should -Be 'Processing'; $_.PercentComplete | Should -BeIn (0..99) }
        @($updates.PercentComplete) | Should -Be @($updates.PercentComplete | Sort-Object)
    }
}

Describe 'Invoke-HxLiteLLMPipeline host selection' {
    It 'fails each phase that needs hosts, naming why, when the inventory directory holds only a hosts.ini Ansible skips' {
        $copy = New-ExampleCopy
        Push-Location $copy
        try {
            $r = @(Invoke-HxLiteLLMPipeline -InventoryPath ./inventory -RolePath ./roles/litellm -VaultPasswordFile ./.vault-pass -Phase Preflight, RoleValidation -ContinueOnFailure)
        } finally {
            Pop-Location
        }
        $hosts = @($r | Where-Object Check -eq 'Hosts')
        $hosts.Phase | Should -Be @('Preflight', 'RoleValidation')
        foreach ($h in $hosts) {
            $h.Status | Should -Be 'Failed'
            $h.Message | Should -BeLike '*No inventory source was parsed*Ansible skips hosts.ini inside an inventory directory*'
        }
    }
}

Describe 'One evidence root per Ansible project' {
    It 'puts the evidence of pre-flight and render cmdlets on an inventory directory under the same root' {
        $copy = New-ExampleCopy
        # An inventory directory: Ansible reads the INI file there only without the .ini extension.
        Move-Item "$copy/inventory/hosts.ini" "$copy/inventory/hosts"
        Push-Location $copy
        try {
            $checked = @(Test-HxPythonRuntime -InventoryPath ./inventory -VaultPasswordFile ./.vault-pass -MinimumVersion 3.0)
            $rendered = @(Invoke-HxTemplateRender -Path ./roles/litellm -RenderPath ./out -InventoryPath ./inventory -HostName localhost -VaultPasswordFile ./.vault-pass)
        } finally {
            Pop-Location
        }
        $checked.Target | Sort-Object -Unique | Should -Be 'localhost'
        $rendered.Count | Should -BeGreaterThan 0
        Test-Path "$copy/.evidence/api-preflight/*/python" | Should -BeTrue
        Test-Path "$copy/.evidence/litellm_role_validation/*" | Should -BeTrue
        @(Get-ChildItem $copy -Recurse -Force -Directory -Filter .evidence).FullName | Should -Be @("$copy/.evidence")
    }

    It 'leaves the issue report where the seed troubleshooting commands read it, from the folder of ansible.cfg' {
        $copy = New-ExampleCopy
        "[defaults]`ninventory = inventory/hosts.ini`nvault_password_file = .vault-pass`n" | Set-Content "$copy/ansible.cfg"
        $elsewhere = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        # ANSIBLE_CONFIG names the same project from another folder: still one root, the project's.
        $env:ANSIBLE_CONFIG = "$copy/ansible.cfg"
        Push-Location $elsewhere
        try {
            Test-HxRoleStructure -Path "$copy/roles/litellm" | Out-Null
        } finally {
            Pop-Location
            Remove-Item env:ANSIBLE_CONFIG
        }
        Test-Path "$copy/.evidence/litellm_role_validation/*/role_structure_litellm.txt" | Should -BeTrue
        @(Get-ChildItem $elsewhere -Force).Count | Should -Be 0
        Push-Location $copy
        try {
            Invoke-HxLiteLLMPipeline -RolePath ./roles/litellm -ContinueOnFailure | Out-Null
        } finally {
            Pop-Location
        }
        # The seed's own command, as a shell runs it from the project root.
        $found = @(& bash -c "cd '$copy' && ls .evidence/litellm_role_validation/*/issues/full_report.txt")
        $LASTEXITCODE | Should -Be 0
        $found.Count | Should -Be 1
        Test-Path "$copy/inventory/.evidence" | Should -BeFalse
    }
}

Describe 'Invoke-HxLiteLLMPipeline verdicts and validation' {
    It '-FailOnWarning makes a run with a warning and no failure exit 1 under pwsh -File, after its JUnit file; -FailOnError alone exits 0' {
        $copy = New-ExampleCopy
        # A database without litellm_salt_key is the SaltKey warning (the URL is a secret: it goes to the vault).
        ConvertTo-SecureString 'postgresql://127.0.0.1:5432/litellm' -AsPlainText -Force |
            Set-HxVaultSecret -Path "$copy/inventory/group_vars/litellm/vault.yml" -Name litellm_database_url -VaultPasswordFile "$copy/.vault-pass" -WarningAction SilentlyContinue
        $codes = foreach ($verdict in '-FailOnWarning', '-FailOnError') {
            Remove-Item "$copy/results.xml" -ErrorAction Ignore
            Set-Content "$copy/ci.ps1" @"
Import-Module '$(Get-HxBuiltModulePath)'
Set-Location '$copy'
`$r = Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -VaultPasswordFile ./.vault-pass -Phase Inventory -JUnitPath results.xml $verdict
`$r | ConvertTo-Json -Depth 3 -EnumsAsStrings | Set-Content results.json
"@
            $p = Start-Process dotnet -PassThru -Wait -ArgumentList @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', "$copy/ci.ps1") `
                -RedirectStandardOutput "$copy/console.txt" -RedirectStandardError "$copy/console-error.txt"
            $results = @(Get-Content "$copy/results.json" -Raw | ConvertFrom-Json)
            @($results | Where-Object Status -eq 'Failed').Count | Should -Be 0 -Because ($results | Out-String)
            ($results | Where-Object Status -eq 'Warning').Check | Should -Be 'SaltKey'
            Test-Path "$copy/results.xml" | Should -BeTrue -Because "the JUnit file is written before the verdict ($verdict)"
            $p.ExitCode
        }
        $codes | Should -Be @(1, 0)
    }

    It 'refuses <Given> as a validation error naming both, before anything runs' -ForEach @(
        @{ Given = '-Phase Preflight -SkipPreflight'; Extra = @{ Phase = 'Preflight'; SkipPreflight = $true }; Id = 'PhaseSkipConflict'; Names = '-Phase', '-SkipPreflight' }
        @{ Given = '-Phase RoleValidation -SkipRoleValidation'; Extra = @{ Phase = 'RoleValidation'; SkipRoleValidation = $true }; Id = 'PhaseSkipConflict'; Names = '-Phase', '-SkipRoleValidation' }
        @{ Given = '-MasterKey -GenerateMasterKey'; Extra = @{ MasterKey = (ConvertTo-SecureString "sk-$('ab' * 20)" -AsPlainText -Force); GenerateMasterKey = $true }; Id = 'MasterKeyConflict'; Names = '-MasterKey', '-GenerateMasterKey' }
        @{ Given = '-MasterKey -RotateMasterKey'; Extra = @{ MasterKey = (ConvertTo-SecureString "sk-$('ab' * 20)" -AsPlainText -Force); RotateMasterKey = $true }; Id = 'MasterKeyConflict'; Names = '-MasterKey', '-RotateMasterKey' }
    ) {
        $copy = New-ExampleCopy
        $before = Get-FileHash "$copy/inventory/group_vars/litellm/vault.yml"
        $thrown = { Invoke-Example $copy $Extra } | Should -Throw -ErrorId "$Id,*" -PassThru
        foreach ($name in $Names) { $thrown.Exception.Message | Should -BeLike "*$name*" }
        $thrown.Exception.Message | Should -Not -Match "sk-(ab){20}"
        Test-Path "$copy/.evidence" | Should -BeFalse
        (Get-FileHash "$copy/inventory/group_vars/litellm/vault.yml").Hash | Should -Be $before.Hash
    }

    It '-KeepLast keeps the newest run folders of each area, names what it would remove under -WhatIf, and leaves other folders alone' {
        $copy = New-ExampleCopy
        $area = "$copy/.evidence/litellm_role_validation"
        foreach ($name in '20200101T000000Z', '20200102T000000Z', 'notes') { New-Item -ItemType Directory -Force "$area/$name" | Out-Null }
        $transcript = Join-Path $copy 'transcript.txt'
        Start-Transcript $transcript | Out-Null
        try {
            Invoke-Example $copy @{ Phase = 'RoleValidation'; KeepLast = 1; WhatIf = $true } | Out-Null
        } finally {
            Stop-Transcript | Out-Null
        }
        $said = @(Select-String 'Remove evidence folder \(-KeepLast 1\)' $transcript)
        $said.Count | Should -BeGreaterThan 0
        ($said.Line -join "`n") | Should -Match '20200101T000000Z'
        ($said.Line -join "`n") | Should -Not -Match '20200102T000000Z'
        @(Get-ChildItem $area).Name | Sort-Object | Should -Be @('20200101T000000Z', '20200102T000000Z', 'notes')
        Invoke-Example $copy @{ Phase = 'RoleValidation'; KeepLast = 1 } | Out-Null
        $left = @(Get-ChildItem $area).Name
        $left.Count | Should -Be 2
        $left | Should -Contain 'notes'
        # The one run folder left is this run's.
        $left | Where-Object { $_ -ne 'notes' } | Should -Match '^2\d{7}T\d{6}Z'
        $left | Should -Not -Contain '20200102T000000Z'
    }

    It 'checks a given -MasterKey against the MasterKeyFormat rule before storing it, never echoing it' {
        $copy = New-ExampleCopy
        $before = Get-FileHash "$copy/inventory/group_vars/litellm/vault.yml"
        $thrown = { Invoke-Example $copy @{ Phase = 'Inventory'; MasterKey = (ConvertTo-SecureString 'sk-1234' -AsPlainText -Force) } } |
            Should -Throw -ErrorId 'MasterKeyFormat,*' -PassThru
        $thrown.Exception.Message | Should -Not -Match 'sk-1234'
        (Get-FileHash "$copy/inventory/group_vars/litellm/vault.yml").Hash | Should -Be $before.Hash
    }
}

Describe 'Invoke-HxLiteLLMPipeline on several hosts over SSH' -Skip:$skip {
    It 'checks every host of the group through the loopback sshd and dnsmasq' {
        $copy = New-ExampleCopy
        $hosts = 'node1.hx.test', 'node2.hx.test', 'gateway.hx.test'
        $lines = @('[litellm]') + ($hosts | ForEach-Object { "$_ ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT) ansible_user=$($env:HX_PEER_SSH_USER)" }) + @('[inference]', 'ollama-dev ansible_connection=local')
        $lines | Set-Content "$copy/inventory/hosts.ini"
        $r = @(Invoke-Example $copy @{ ContinueOnFailure = $true; Phase = 'Preflight'; DnsServer = $env:HX_PEER_DNS; KnownHostsPath = $env:HX_PEER_SSH_KNOWN_HOSTS; KeyFilePath = $env:HX_PEER_SSH_KEY })
        @($r | Where-Object { $_.Check -eq 'Connection' -and $_.Status -eq 'Passed' }).Target | Sort-Object | Should -Be ($hosts | Sort-Object)
        @($r | Where-Object { $_.Check -eq 'Dns' -and $_.Status -eq 'Passed' }).Count | Should -Be 3
    }

    It 'narrows every phase to -Limit as Ansible''s --limit selects, and fails a phase the limit leaves without hosts' {
        $copy = New-ExampleCopy
        $peer = "ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT) ansible_user=$($env:HX_PEER_SSH_USER)"
        $hosts = 'node1.hx.test', 'node2.hx.test', 'gateway.hx.test'
        @('[litellm]') + ($hosts | ForEach-Object { "$_ $peer" }) + @('[inference]', 'ollama-dev ansible_connection=local') | Set-Content "$copy/inventory/hosts.ini"
        $limit = 'litellm,!node2.hx.test'
        $expected = @(& ansible all -i "$copy/inventory/hosts.ini" --list-hosts --limit $limit 2>$null | Select-Object -Skip 1 | ForEach-Object Trim) | Sort-Object
        $expected | Should -Be @('gateway.hx.test', 'node1.hx.test')
        $r = @(Invoke-Example $copy @{ ContinueOnFailure = $true; Phase = 'Preflight', 'Inventory'; Limit = $limit; WarningAction = 'SilentlyContinue'
                DnsServer = $env:HX_PEER_DNS; KnownHostsPath = $env:HX_PEER_SSH_KNOWN_HOSTS; KeyFilePath = $env:HX_PEER_SSH_KEY })
        @($r | Where-Object { $_.Check -eq 'Connection' }).Target | Sort-Object | Should -Be $expected
        @($r | Where-Object { $_.Phase -eq 'Inventory' -and $_.Target -like 'node2.hx.test*' }).Count | Should -Be 0
        @($r | Where-Object { $_.Phase -eq 'Inventory' -and $_.Target -like 'node1.hx.test*' }).Count | Should -BeGreaterThan 0
        $none = @(Invoke-Example $copy @{ ContinueOnFailure = $true; Phase = 'Preflight'; Limit = 'inference'; WarningAction = 'SilentlyContinue' })
        $none.Count | Should -Be 1
        $none[0].Status | Should -Be 'Failed'
        $none[0].Message | Should -BeLike "*limit 'inference' leaves none*"
    }

    It 'pre-flights the hosts the run adds in that run: one the inventory defines elsewhere is checked, an unknown one is Skipped saying why' {
        $copy = New-ExampleCopy
        $peer = "ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT) ansible_user=$($env:HX_PEER_SSH_USER)"
        @('[litellm]', "node1.hx.test $peer", '[staging]', "gateway.hx.test $peer", '[inference]', 'ollama-dev ansible_connection=local') | Set-Content "$copy/inventory/hosts.ini"
        $r = @(Invoke-Example $copy @{ ContinueOnFailure = $true; Phase = 'Preflight', 'Inventory'; AddHostName = 'gateway.hx.test', 'new.hx.test'
                DnsServer = $env:HX_PEER_DNS; KnownHostsPath = $env:HX_PEER_SSH_KNOWN_HOSTS; KeyFilePath = $env:HX_PEER_SSH_KEY; WarningAction = 'SilentlyContinue' })
        $connection = @($r | Where-Object { $_.Phase -eq 'Preflight' -and $_.Check -eq 'Connection' })
        @($connection | Where-Object Status -eq 'Passed').Target | Sort-Object | Should -Be @('gateway.hx.test', 'node1.hx.test')
        $unknown = $connection | Where-Object Target -eq 'new.hx.test'
        $unknown.Status | Should -Be 'Skipped'
        $unknown.Message | Should -BeLike '*adds it to `[litellm`] after pre-flight*does not define it yet*'
        # And the Inventory phase did add both, as Ansible sees the group.
        $graph = (& ansible-inventory -i "$copy/inventory/hosts.ini" --graph litellm 2>$null) -join "`n"
        $graph | Should -Match 'gateway\.hx\.test'
        $graph | Should -Match 'new\.hx\.test'
    }
}
