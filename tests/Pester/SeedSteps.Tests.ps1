# The seed's steps as one pipeline run on three hosts, and each step run alone by its cmdlet giving what the pipeline gives.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    # Commands run from their project folder, as Ansible runs from its project root; anything else writes into this file's scratch drive.
    Push-Location $TestDrive

    # The bundled example with three gateway hosts on the loopback sshd, each with its own port in host_vars.
    function New-ThreeHostProject {
        $copy = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $copy
        & chmod 755 $copy
        $port = if ($env:HX_PEER_SSH_PORT) { $env:HX_PEER_SSH_PORT } else { '22' }
        $user = if ($env:HX_PEER_SSH_USER) { $env:HX_PEER_SSH_USER } else { 'hxpeer' }
        $hosts = 'gateway.hx.test', 'node1.hx.test', 'node2.hx.test'
        $lines = @('[litellm]') + ($hosts | ForEach-Object { "$_ ansible_host=127.0.0.1 ansible_port=$port ansible_user=$user" })
        Set-Content "$copy/inventory/hosts.ini" $lines
        $i = 0
        foreach ($h in $hosts) {
            New-Item -ItemType Directory -Force "$copy/inventory/host_vars" | Out-Null
            Set-Content "$copy/inventory/host_vars/$h.yml" "litellm_port: $(4100 + $i)"
            $i++
        }
        $copy
    }

    # The pipeline's parameters for a project (splatted by the caller, so -InformationVariable and -WarningVariable land in its scope).
    function Get-ThreeHostParameters([string] $Copy) {
        $p = @{ InventoryPath = "$Copy/inventory/hosts.ini"; RolePath = "$Copy/roles/litellm"; VaultPasswordFile = "$Copy/.vault-pass"; ContinueOnFailure = $true }
        if ($env:HX_PEER_SSH_KEY) { $p += @{ KeyFilePath = $env:HX_PEER_SSH_KEY; KnownHostsPath = $env:HX_PEER_SSH_KNOWN_HOSTS; DnsServer = $env:HX_PEER_DNS } }
        $p
    }

    # Content hash of every project file outside HxLiteLLM's evidence folder, to prove a second run changes nothing.
    function Get-ProjectState([string] $Copy) {
        Get-ChildItem $Copy -Recurse -File -Force | Where-Object FullName -notlike '*/.evidence/*' |
            ForEach-Object { '{0} {1}' -f $_.FullName.Substring($Copy.Length), (Get-FileHash $_.FullName -Algorithm SHA256).Hash } | Sort-Object
    }

    function Get-Single([string] $Pattern, [switch] $Directory) {
        $found = @(Get-ChildItem $Pattern -ErrorAction Ignore -Directory:$Directory)
        $found.Count | Should -Be 1 -Because $Pattern
        $found[0]
    }
}

Describe 'The pipeline on three hosts (seed evidence tree)' -Skip:$skip {
    BeforeAll {
        $script:copy = New-ThreeHostProject
        # A stray vault file the inventory phase must quarantine.
        New-Item -ItemType Directory "$copy/inventory/old" | Out-Null
        Copy-Item "$copy/inventory/group_vars/litellm/vault.yml" "$copy/inventory/old/vault-copy.yml"
        $p = Get-ThreeHostParameters $copy
        Push-Location $copy
        $script:first = @(Invoke-HxLiteLLMPipeline @p -InformationVariable phases -WarningAction SilentlyContinue)
        $script:phases = $phases
        $script:evidence = "$copy/.evidence"
    }

    AfterAll {
        Pop-Location
    }

    It 'emits only check results, each with its seed task and requirement' {
        $first.Count | Should -BeGreaterThan 20
        @($first | Where-Object { $_ -isnot [HxLiteLLM.Results.HxCheckResult] }).Count | Should -Be 0
        foreach ($r in $first) {
            $r.Task | Should -Match '^3\.0[123]\.0[1-6]$' -Because "$($r.Phase)/$($r.Check) $($r.Target)"
            $r.Requirement | Should -Be ('REQ-' + $r.Task.Substring(0, 4))
        }
        foreach ($task in '3.01.01', '3.01.02', '3.01.06', '3.02.04', '3.02.05', '3.03.01', '3.03.02', '3.03.03', '3.03.04') {
            @($first | Where-Object Task -eq $task).Count | Should -BeGreaterThan 0 -Because "task $task ran"
        }
        $phases.MessageData.Phase | Should -Be @('Preflight', 'Inventory', 'RoleValidation')
    }

    It 'writes the pre-flight folders, summary and archive' {
        $run = Get-Single "$evidence/api-preflight/*" -Directory
        foreach ($folder in 'dns', 'network', 'domain', 'python') { Test-Path "$($run.FullName)/$folder" -PathType Container | Should -BeTrue -Because $folder }
        Test-Path "$($run.FullName)/preflight_summary.txt" | Should -BeTrue
        $zip = "$($run.FullName).zip"
        Test-Path $zip | Should -BeTrue
        ($first | Where-Object Check -eq 'EvidenceArchive').EvidencePath | Should -Be $zip
    }

    It '3.01.01-05 Invoke-HxPreflight gives the pipeline''s pre-flight results' {
        $p = Get-ThreeHostParameters $copy
        $alone = @(Invoke-HxPreflight -InventoryPath $p.InventoryPath -DnsServer $p.DnsServer -KeyFilePath $p.KeyFilePath -KnownHostsPath $p.KnownHostsPath `
                -VaultPasswordFile $p.VaultPasswordFile -EvidencePath "$TestDrive/preflight-alone")
        $key = { param($r) $r | Where-Object Task -like '3.01.0[1-5]' | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Task, $_.Check, $_.Target, $_.Status } | Sort-Object }
        & $key $alone | Should -Be (& $key $first)
    }

    It '3.01.06 Export-HxEvidence packs what the pipeline packed' {
        $run = Get-Single "$evidence/api-preflight/*" -Directory
        $entries = { param($zip) [System.IO.Compression.ZipFile]::OpenRead($zip) | ForEach-Object { $_.Entries.FullName; $_.Dispose() } | Sort-Object }
        $pipelineEntries = & $entries "$($run.FullName).zip"
        $archive = @($first | Where-Object Task -like '3.01.0[1-5]' | Export-HxEvidence -DestinationPath "$TestDrive/alone.zip")
        $archive.Task | Should -Be '3.01.06'
        & $entries "$TestDrive/alone.zip" | Should -Be $pipelineEntries
    }

    It 'writes the inventory report under one name and quarantines the stray' {
        Test-Path "$evidence/litellm_inventory/*/variable_validation.txt" | Should -BeTrue
        Test-Path "$copy/inventory/old/vault-copy.yml" | Should -BeFalse
        @(Get-ChildItem "$copy/inventory/_quarantine" -Recurse -Filter vault-copy.yml).Count | Should -Be 1
        @(Get-ChildItem "$copy/inventory/_quarantine" -Filter 'quarantine_report_*.txt').Count | Should -Be 1
    }

    It 'writes the role reports, per-host rendered copies that differ where the hosts differ, and an executable remediation.sh' {
        $run = (Get-Single "$evidence/litellm_role_validation/*" -Directory).FullName
        foreach ($report in 'role_structure_litellm.txt', 'template_validation.txt', 'render_validation_report.txt', 'issues/full_report.txt', 'issues/analysis.txt') {
            Test-Path "$run/$report" | Should -BeTrue -Because $report
        }
        $ports = foreach ($h in 'gateway.hx.test', 'node1.hx.test', 'node2.hx.test') {
            $copyFile = "$run/rendered/$h/litellm.config.yaml"
            Test-Path $copyFile | Should -BeTrue -Because $h
            (Get-Content "$copy/.rendered/$h/litellm.service" -Raw) -replace '(?s).*--port (\d+).*', '$1'
        }
        $ports | Should -Be @('4100', '4101', '4102')
        $sh = "$run/issues/remediation.sh"
        if (Test-Path $sh) {
            [int][System.IO.File]::GetUnixFileMode($sh) | Should -Be ([Convert]::ToInt32('755', 8))
            & bash -n $sh
            $LASTEXITCODE | Should -Be 0
        }
    }

    It 'writes the orchestration log and a run manifest with the inputs hashed and no secret' {
        $log = Get-Single "$evidence/litellm_orchestration_*.txt"
        Get-Content $log -Raw | Should -BeLike '*TASK-3.02.05 (REQ-3.02)*'
        $manifest = Get-Content (Get-Single "$evidence/run_manifest_*.json") -Raw | ConvertFrom-Json
        $manifest.command | Should -Be 'Invoke-HxLiteLLMPipeline'
        $manifest.user | Should -Not -BeNullOrEmpty
        $manifest.inputs.path | Should -Contain "$copy/inventory/hosts.ini"
        ($manifest.inputs | Where-Object path -eq "$copy/inventory/hosts.ini").sha256 | Should -Be (Get-FileHash "$copy/inventory/hosts.ini" -Algorithm SHA256).Hash.ToLowerInvariant()
        $manifest.parameters.vault_password | Should -Be 'given'
        Get-Content (Get-Single "$evidence/run_manifest_*.json") -Raw | Should -Not -Match (Get-Content "$copy/.vault-pass" -Raw).Trim()
    }

    It 'marks its own output folders so git never commits them' {
        foreach ($folder in '.evidence', '.rendered', 'inventory/_quarantine') {
            Get-Content "$copy/$folder/.gitignore" | Should -Contain '*'
        }
    }

    It 'changes nothing on a second run: no file, no backup, no stray warning about its own files' {
        $before = Get-ProjectState $copy
        Start-Sleep -Seconds 1  # a new evidence stamp
        $p = Get-ThreeHostParameters $copy
        $second = @(Invoke-HxLiteLLMPipeline @p -WarningVariable secondWarnings -WarningAction SilentlyContinue)
        Get-ProjectState $copy | Should -Be $before
        @($second | Where-Object { $_.Check -eq 'StrayVault' -and $_.Status -ne 'Passed' }).Count | Should -Be 0
        @($second | Where-Object Check -eq 'StrayVault').Message | Should -BeLike 'no stray*'
        $secondWarnings.Count | Should -Be 0 -Because ($secondWarnings -join '; ')
    }
}

Describe 'Each seed step alone gives what the pipeline gives' -Skip:$skip {
    BeforeAll {
        # Result identity without run-specific parts (stamps, paths of the two copies).
        function Get-Comparable($Results, [string] $Copy) {
            $Results | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Task, $_.Check, $_.Status, (($_.Target + ' ' + $_.Message).Replace($Copy, '<copy>') -replace '\d{8}T\d{6}Z', '<stamp>') } | Sort-Object
        }
        function Add-Stray([string] $Copy) {
            New-Item -ItemType Directory "$Copy/inventory/old" | Out-Null
            Copy-Item "$Copy/inventory/group_vars/litellm/vault.yml" "$Copy/inventory/old/vault-copy.yml"
        }
        $script:masterKey = 'sk-' + ('0123456789abcdef' * 4)
        $script:piped = New-ThreeHostProject
        Add-Stray $piped
        $settings = "$piped/hxlitellm.yml"
        Set-Content $settings @('group_vars:', '  litellm_log_level: DEBUG', 'quarantine: true')
        $p = Get-ThreeHostParameters $piped
        Push-Location $piped
        try {
            $script:pipeline = @(Invoke-HxLiteLLMPipeline @p -SettingsPath $settings -AddHostName gw9.hx.test -Phase Inventory, RoleValidation -WarningAction SilentlyContinue `
                    -MasterKey (ConvertTo-SecureString $masterKey -AsPlainText -Force))
        } finally {
            Pop-Location
        }
        $script:alone = New-ThreeHostProject
        Add-Stray $alone
        Push-Location $alone
    }

    AfterAll {
        Pop-Location
    }

    It '3.02.01 Add-HxLiteLLMGroup' {
        Add-HxLiteLLMGroup -Path "$alone/inventory/hosts.ini" -HostName gw9.hx.test | Out-Null
        Get-Content "$alone/inventory/hosts.ini" -Raw | Should -Be (Get-Content "$piped/inventory/hosts.ini" -Raw)
    }

    It '3.02.02 Set-HxGroupVars: what ansible-inventory resolves for every host, alone as in the pipeline' -Skip:([bool](Get-HxPeerSkipReason)) {
        Set-HxGroupVars -InventoryPath "$alone/inventory/hosts.ini" -Variable @{ litellm_log_level = 'DEBUG' } -VaultPasswordFile "$alone/.vault-pass"
        foreach ($copy in $alone, $piped) {
            foreach ($h in 'gateway.hx.test', 'node1.hx.test', 'node2.hx.test', 'gw9.hx.test') {
                Push-Location $copy
                try { $vars = (& /usr/bin/ansible-inventory -i inventory/hosts.ini --host $h --vault-password-file .vault-pass 2>$null) -join "`n" | ConvertFrom-Json }
                finally { Pop-Location }
                $vars.litellm_log_level | Should -Be 'DEBUG' -Because "$h in $copy"
            }
        }
        $alonePasses = @(Get-Comparable ($pipeline | Where-Object Task -eq '3.02.02') $piped)
        $alonePasses | Should -BeLike '3.02.02|GroupVars|Passed|*is what Ansible resolves for*'
    }

    It '3.02.03 Set-HxVaultSecret' {
        ConvertTo-SecureString $masterKey -AsPlainText -Force | Set-HxVaultSecret -Path "$alone/inventory/group_vars/litellm/vault.yml" -Name litellm_master_key -VaultPasswordFile "$alone/.vault-pass" -WarningAction SilentlyContinue
        $plain = { param($c) Unprotect-HxVault -Path "$c/inventory/group_vars/litellm/vault.yml" -AsPlainText -VaultPasswordFile "$c/.vault-pass" }
        & $plain $alone | Should -Be (& $plain $piped)
        & $plain $alone | Should -Match ([regex]::Escape($masterKey))
    }

    It '3.02.04 Find-HxStrayVault | Move-HxStrayVault' {
        Find-HxStrayVault -Path "$alone/inventory" | Move-HxStrayVault
        $moved = { param($c) Get-ChildItem "$c/inventory/_quarantine" -Recurse -File | Where-Object Name -ne '.gitignore' | ForEach-Object { $_.FullName.Substring($c.Length) -replace '\d{8}T\d{6}Z', '<stamp>' } | Sort-Object }
        & $moved $alone | Should -Be (& $moved $piped)
        Test-Path "$alone/inventory/old/vault-copy.yml" | Should -BeFalse
    }

    It '3.02.05 Test-HxVariables' {
        $r = @(Test-HxVariables -InventoryPath "$alone/inventory/hosts.ini" -VaultPasswordFile "$alone/.vault-pass")
        Get-Comparable $r $alone | Should -Be (Get-Comparable ($pipeline | Where-Object Task -eq '3.02.05') $piped)
        Test-Path "$alone/.evidence/litellm_inventory/*/variable_validation.txt" | Should -BeTrue
    }

    It '3.03.01 Test-HxRoleStructure -Create' {
        $r = @(Test-HxRoleStructure -Path "$alone/roles/litellm" -Create -EvidencePath "$alone/.evidence")
        Get-Comparable $r $alone | Should -Be (Get-Comparable ($pipeline | Where-Object Task -eq '3.03.01') $piped)
    }

    It '3.03.02 Test-HxTemplate for every host' {
        $r = @(Test-HxTemplate -Path "$alone/roles/litellm" -InventoryPath "$alone/inventory/hosts.ini" -HostName gateway.hx.test, node1.hx.test, node2.hx.test, gw9.hx.test -VaultPasswordFile "$alone/.vault-pass")
        Get-Comparable $r $alone | Should -Be (Get-Comparable ($pipeline | Where-Object Task -eq '3.03.02') $piped)
        Test-Path "$alone/.evidence/litellm_role_validation/*/template_validation.txt" | Should -BeTrue
    }

    It '3.03.03 Invoke-HxTemplateRender for every host' {
        $hosts = 'gateway.hx.test', 'node1.hx.test', 'node2.hx.test', 'gw9.hx.test'
        $r = @(Invoke-HxTemplateRender -Path "$alone/roles/litellm" -OutputPath "$alone/.rendered" -InventoryPath "$alone/inventory/hosts.ini" -HostName $hosts -VaultPasswordFile "$alone/.vault-pass" -WarningAction SilentlyContinue)
        $r.Count | Should -Be (@($pipeline | Where-Object { $_.Task -eq '3.03.03' -and $_.Check -eq 'Render' }).Count)
        foreach ($h in $hosts) {
            foreach ($file in Get-ChildItem "$piped/.rendered/$h" -File) {
                Get-Content "$alone/.rendered/$h/$($file.Name)" -Raw | Should -Be (Get-Content $file.FullName -Raw) -Because "$h/$($file.Name)"
            }
        }
    }
}

Describe 'The issue report alone gives what the pipeline wrote' -Skip:$skip {
    It '3.03.04 New-HxIssueReport' {
        $copy = New-ThreeHostProject
        $p = Get-ThreeHostParameters $copy
        Push-Location $copy
        try {
            $results = @(Invoke-HxLiteLLMPipeline @p -Phase Inventory, RoleValidation -WarningAction SilentlyContinue)
        } finally {
            Pop-Location
        }
        $results | Where-Object Task -ne '3.03.04' | New-HxIssueReport -Path "$TestDrive/alone"
        $written = (Get-Single "$copy/.evidence/litellm_role_validation/*" -Directory).FullName + '/issues'
        $names = { param($dir) Get-ChildItem $dir -File | ForEach-Object Name | Sort-Object }
        & $names "$TestDrive/alone/issues" | Should -Be (& $names $written)
        $body = { param($file) (Get-Content $file) -notmatch '^Generated: |^# HxLiteLLM remediation' }
        foreach ($name in & $names $written) { & $body "$TestDrive/alone/issues/$name" | Should -Be (& $body "$written/$name") -Because $name }
    }
}

Describe 'Settings and -WhatIf' {
    It 'refuses an unknown settings key with a did-you-mean, and accepts the seed names' {
        $copy = New-ThreeHostProject
        Set-Content "$copy/hxlitellm.yml" @('continue_on_failur: true')
        { Invoke-HxLiteLLMPipeline -SettingsPath "$copy/hxlitellm.yml" -InventoryPath "$copy/inventory/hosts.ini" -Phase Inventory } |
            Should -Throw -ErrorId 'SettingsUnknownKey,HxLiteLLM.PowerShell.Commands.Pipeline.InvokeHxLiteLLMPipelineCommand' -ExpectedMessage "*did you mean 'continue_on_failure'*"
        Set-Content "$copy/hxlitellm.yml" @('run_preflight: false', 'run_role_validation: false', 'skip_on_failure: true', 'quarantine: false')
        $r = @(Invoke-HxLiteLLMPipeline -SettingsPath "$copy/hxlitellm.yml" -InventoryPath "$copy/inventory/hosts.ini" -VaultPasswordFile "$copy/.vault-pass")
        ($r.Phase | Sort-Object -Unique) | Should -Be 'Inventory'
    }

    It 'writes nothing at all under -WhatIf' {
        $copy = New-ThreeHostProject
        $before = Get-ChildItem $copy -Recurse -Force | ForEach-Object FullName | Sort-Object
        Push-Location $copy
        try {
            Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -RolePath "$copy/roles/litellm" -VaultPasswordFile "$copy/.vault-pass" `
                -Phase Inventory, RoleValidation -AddHostName gw9.hx.test -GenerateMasterKey -ContinueOnFailure -WhatIf -WarningAction SilentlyContinue | Out-Null
        } finally {
            Pop-Location
        }
        Get-ChildItem $copy -Recurse -Force | ForEach-Object FullName | Sort-Object | Should -Be $before
    }

    It 'keeps the master key the vault has unless -RotateMasterKey' {
        $copy = New-ThreeHostProject
        $vault = "$copy/inventory/group_vars/litellm/vault.yml"
        $hash = (Get-FileHash $vault).Hash
        $r = @(Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -VaultPasswordFile "$copy/.vault-pass" -Phase Inventory -GenerateMasterKey)
        (Get-FileHash $vault).Hash | Should -Be $hash
        ($r | Where-Object Task -eq '3.02.03').Message | Should -BeLike '*kept*'
        Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -VaultPasswordFile "$copy/.vault-pass" -Phase Inventory -RotateMasterKey -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        (Get-FileHash $vault).Hash | Should -Not -Be $hash
        "$w" | Should -BeLike '*litellm_master_key*replaced*'
    }
}

AfterAll {
    Pop-Location
}
