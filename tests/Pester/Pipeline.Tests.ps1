BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    function New-ExampleCopy {
        $copy = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-Item -Recurse (Join-Path (Get-HxRepoRoot) 'examples/hx-dev') $copy
        # Only what the repository holds: no evidence or rendered files of earlier local runs.
        Remove-Item -Recurse -Force "$copy/inventory/.evidence", "$copy/inventory/.rendered" -ErrorAction Ignore
        $copy
    }
    function Invoke-Example([string] $Copy, [hashtable] $Extra = @{}) {
        Invoke-HxLiteLLMPipeline -InventoryPath "$Copy/inventory/hosts.ini" -RolePath "$Copy/roles/litellm" -VaultPasswordFile "$Copy/.vault-pass" @Extra
    }
}

Describe 'Invoke-HxLiteLLMPipeline on the bundled example' {
    It 'runs every phase to the end with -ContinueOnFailure and leaves the evidence trail' {
        $copy = New-ExampleCopy
        $results = @(Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -RolePath "$copy/roles/litellm" -VaultPasswordFile "$copy/.vault-pass" -ContinueOnFailure -InformationVariable phases)
        $summaries = @($phases.MessageData)
        $summaries.Phase | Should -Be @('Preflight', 'Inventory', 'RoleValidation')
        $summaries.Outcome | Should -Not -Contain 'NotStarted'
        @($results | Where-Object { $_ -isnot [HxLiteLLM.Results.HxCheckResult] }).Count | Should -Be 0
        $results.Count | Should -Be (($summaries | Measure-Object Passed, Failed, Warning, Skipped -Sum).Sum | Measure-Object -Sum).Sum
        ($results | Where-Object Check -eq 'DomainJoin').Status | Should -Be 'Failed'
        ($results | Where-Object Check -eq 'DomainJoin').Remediation | Should -BeLike '*realm join*'
        $evidence = "$copy/inventory/.evidence"
        @(Get-ChildItem $evidence -Filter 'litellm_orchestration_*.txt').Count | Should -Be 1
        foreach ($area in 'api-preflight', 'litellm_inventory', 'litellm_role_validation') { Test-Path "$evidence/$area" | Should -BeTrue }
        @(Get-ChildItem $evidence -Recurse -Filter full_report.txt).Count | Should -Be 1
    }

    It 'keeps the master key out of the evidence, and in the real env file with mode 0600' {
        $copy = New-ExampleCopy
        Invoke-Example $copy @{ ContinueOnFailure = $true; Phase = 'RoleValidation' } | Out-Null
        $key = (Unprotect-HxVault -Path "$copy/inventory/group_vars/litellm/vault.yml" -AsPlainText -VaultPasswordFile "$copy/.vault-pass") -replace '(?s).*litellm_master_key:\s*(\S+).*', '$1'
        $key | Should -Match '^sk-[0-9a-f]{64}$'
        $env = "$copy/inventory/.rendered/localhost/litellm.env"
        Get-Content $env -Raw | Should -Match $key
        if ($IsLinux) { [int][System.IO.File]::GetUnixFileMode($env) | Should -Be ([Convert]::ToInt32('600', 8)) }
        foreach ($file in Get-ChildItem "$copy/inventory/.evidence" -Recurse -File) {
            Get-Content $file.FullName -Raw | Should -Not -Match $key -Because $file.FullName
        }
    }

    It 'does not start a phase after a failed one without -ContinueOnFailure' {
        $copy = New-ExampleCopy
        Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -RolePath "$copy/roles/litellm" -VaultPasswordFile "$copy/.vault-pass" -InformationVariable phases | Out-Null
        $summaries = @($phases.MessageData)
        $summaries[0].Outcome | Should -Be 'Failed'
        $summaries[1..2].Outcome | Should -Be @('NotStarted', 'NotStarted')
    }

    It 'writes GitHub annotations and the step summary, and Azure DevOps logging commands' {
        $copy = New-ExampleCopy
        $summaryFile = Join-Path $TestDrive 'step-summary.md'
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $run = "Import-Module '$(Get-HxBuiltModulePath)'; Invoke-HxLiteLLMPipeline -InventoryPath '$copy/inventory/hosts.ini' -RolePath '$copy/roles/litellm' -VaultPasswordFile '$copy/.vault-pass' -ContinueOnFailure | Out-Null"
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
        $r = @(Invoke-Example $copy @{ Phase = 'Inventory'; HostName = 'gw9.hx.test'; RotateMasterKey = $true; WhatIf = $true })
        (Get-FileHash "$copy/inventory/hosts.ini", "$copy/inventory/group_vars/litellm/vault.yml").Hash | Should -Be $before.Hash
        ($r | Where-Object Check -eq 'InventoryGroup').Message | Should -BeLike '*would add group*gw9.hx.test*'
        ($r | Where-Object Check -eq 'VaultSecret').Status | Should -Be 'Skipped'
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
}
