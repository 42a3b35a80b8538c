# Deploy-HxLiteLLM on a fresh copy of examples/hx-dev, with the real ansible-playbook and the stand-in gateway
# (New-HxStandInDeploy): validate, deploy, smoke-test; the gate; a failing task; the vault; -WhatIf; CI; secrets.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

Describe 'Deploy-HxLiteLLM' -Skip:$skip {
    BeforeAll {
        Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
        Import-Module (Get-HxBuiltModulePath) -Force
        $script:deploy = New-HxStandInDeploy
        $script:copy = $deploy.Copy
        $script:vaultPassword = (Get-Content "$copy/.vault-pass" -Raw).Trim()
        $script:masterKey = (Get-HxVaultValue "$copy/inventory/group_vars/litellm/vault.yml" litellm_master_key -VaultPasswordFile "$copy/.vault-pass").Value
        $script:common = @{ InventoryPath = "$copy/inventory/hosts.ini"; ExtraVariable = $deploy.Vars; VaultPasswordFile = "$copy/.vault-pass"; RetryTimeout = [timespan]'00:01:00' }
        # The project root (and so the evidence root, where the gate looks) is the copy: it has no ansible.cfg.
        Push-Location $copy
        $script:validation = @(Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -RolePath "$copy/roles/litellm" -Phase Inventory, RoleValidation -VaultPasswordFile "$copy/.vault-pass")
        $script:streams = @(Deploy-HxLiteLLM @common -Verbose *>&1)
        $script:first = @($streams | Where-Object { $_ -is [HxLiteLLM.Results.HxCheckResult] })
        $script:firstEvidence = Get-ChildItem "$copy/.evidence/litellm_deploy" -Directory | Sort-Object LastWriteTimeUtc | Select-Object -Last 1
        $handler = [System.Net.Http.HttpClientHandler]::new()
        $handler.UseProxy = $false
        $script:http = [System.Net.Http.HttpClient]::new($handler)
    }

    AfterAll {
        Pop-Location
        if ($script:http) { $http.Dispose() }
        Remove-HxStandInDeploy $script:deploy
    }

    It 'the validation run passes the gate''s tasks' {
        @($validation | Where-Object { $_.Task -in '3.02.05', '3.03.02', '3.03.03' -and $_.Status -eq 'Failed' }) | Should -BeNullOrEmpty
    }

    It 'deploys: a Deploy row per executed task, none Failed, the pip task changed, the recap Passed and exit 0' {
        $rows = @($first | Where-Object Phase -eq 'Deploy')
        $tasks = @($rows | Where-Object { $_.Check -notin 'PLAY RECAP', 'ansible-playbook' })
        $tasks.Count | Should -BeGreaterThan 3
        @($rows | Where-Object Status -eq 'Failed') | Should -BeNullOrEmpty -Because ($rows | Out-String)
        @($tasks | Where-Object { $_.Target -ne 'localhost' }) | Should -BeNullOrEmpty
        ($tasks | Where-Object Check -eq 'litellm : Install LiteLLM into its virtual environment').Message | Should -Be 'changed'
        $recap = @($rows | Where-Object Check -eq 'PLAY RECAP')
        $recap.Count | Should -Be 1
        $recap[0].Status | Should -Be 'Passed'
        $recap[0].Message | Should -Match '^ok=\d+ changed=[1-9]\d* unreachable=0 failed=0'
        ($rows | Where-Object Check -eq 'ansible-playbook').Message | Should -BeLike 'exit 0:*'
    }

    It 'smoke-tests: the smoke playbook''s rows and the endpoint probe pass with the key from the vault' {
        $smoke = @($first | Where-Object Phase -eq 'SmokeTest')
        $smoke.Count | Should -BeGreaterThan 2
        @($smoke | Where-Object Status -ne 'Passed') | Should -BeNullOrEmpty -Because ($smoke | Out-String)
        $endpoint = @($first | Where-Object Phase -eq 'Endpoint')
        $endpoint.Check | Should -Be @('Liveliness', 'Readiness', 'AuthEnforced', 'Models')
        @($endpoint | Where-Object Status -ne 'Passed') | Should -BeNullOrEmpty -Because ($endpoint | Out-String)
        ($endpoint | Where-Object Check -eq 'AuthEnforced').Message | Should -BeLike 'HTTP 401*'
        ($endpoint | Where-Object Check -eq 'Models').Message | Should -BeLike '*models: llama3-8b, qwen2.5-coder, mistral-7b*'
        # The gateway itself, asked from here: 200 with the vault's key, 401 without.
        $request = [System.Net.Http.HttpRequestMessage]::new('GET', $deploy.ModelsUri)
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $masterKey)
        [int]$http.SendAsync($request).GetAwaiter().GetResult().StatusCode | Should -Be 200
        [int]$http.GetAsync($deploy.ModelsUri).GetAwaiter().GetResult().StatusCode | Should -Be 401
    }

    It 'writes the evidence: command, log, recap, results, smoke test and endpoint' {
        foreach ($file in 'command.txt', 'ansible-playbook.log', 'recap.txt', 'results.json', 'smoke-test/results.json', 'endpoint/results.json') {
            Test-Path (Join-Path $firstEvidence.FullName $file) | Should -BeTrue -Because $file
        }
        Get-Content "$($firstEvidence.FullName)/command.txt" -Raw | Should -Match 'gate: validated by .*run_manifest_'
        Get-Content "$($firstEvidence.FullName)/recap.txt" -Raw | Should -Match 'localhost : ok=\d+ changed=\d+ unreachable=0 failed=0'
    }

    It 'shows neither the master key nor the vault password in any object, stream or evidence file' {
        $masterKey | Should -Match '^sk-'
        $text = ($streams | ForEach-Object { if ($_ -is [HxLiteLLM.Results.HxCheckResult]) { $_ | ConvertTo-Json -Compress } else { "$_" } }) -join "`n"
        $text.Contains($masterKey) | Should -BeFalse
        $text.Contains($vaultPassword) | Should -BeFalse
        $files = @(Get-ChildItem -Recurse -File "$copy/.evidence")
        $files.Count | Should -BeGreaterThan 5
        @($files | Select-String -SimpleMatch $masterKey, $vaultPassword) | Should -BeNullOrEmpty
    }

    It 'a second run changes nothing: every Deploy task ok or skipped, recap changed=0' {
        $second = @(Deploy-HxLiteLLM @common -SkipSmokeTest)
        $tasks = @($second | Where-Object { $_.Phase -eq 'Deploy' -and $_.Check -notin 'PLAY RECAP', 'ansible-playbook' })
        $tasks.Count | Should -BeGreaterThan 3
        @($tasks | Where-Object Message -notin 'ok', 'skipped') | Should -BeNullOrEmpty -Because ($tasks | Out-String)
        ($second | Where-Object Check -eq 'PLAY RECAP').Message | Should -Match 'changed=0 '
    }

    It '-WhatIf runs nothing on any target and writes no evidence' {
        $before = @(Get-ChildItem -Recurse "$copy/.evidence").Count
        $gateway = (Get-Content $deploy.PidFile -Raw).Trim()
        $out = @(Deploy-HxLiteLLM @common -WhatIf)
        $out | Should -BeNullOrEmpty
        @(Get-ChildItem -Recurse "$copy/.evidence").Count | Should -Be $before
        (Get-Content $deploy.PidFile -Raw).Trim() | Should -Be $gateway
    }

    It 'a wrong vault password is a clear error before anything runs' {
        $before = @(Get-ChildItem "$copy/.evidence/litellm_deploy").Count
        $wrong = ConvertTo-SecureString 'not-the-password' -AsPlainText -Force
        { Deploy-HxLiteLLM -InventoryPath "$copy/inventory/hosts.ini" -ExtraVariable $deploy.Vars -VaultPassword $wrong } |
            Should -Throw -ErrorId 'VaultWrongPassword,*'
        @(Get-ChildItem "$copy/.evidence/litellm_deploy").Count | Should -Be $before
    }

    It 'a template edited after the validation stops the deploy with DeployNotValidated naming the file; -Force deploys and records it' {
        $template = Get-ChildItem -Recurse -File "$copy/roles/litellm/templates" | Sort-Object FullName | Select-Object -First 1
        Add-Content $template.FullName '{# edited after validation #}'
        { Deploy-HxLiteLLM @common -SkipSmokeTest } | Should -Throw -ErrorId 'DeployNotValidated,*' -ExpectedMessage "*$($template.FullName)*"
        $forced = @(Deploy-HxLiteLLM @common -SkipSmokeTest -Force -WarningVariable warned -WarningAction SilentlyContinue)
        @($forced | Where-Object Status -eq 'Failed') | Should -BeNullOrEmpty -Because ($forced | Out-String)
        "$warned" | Should -BeLike '*-Force*'
        $evidence = Get-ChildItem "$copy/.evidence/litellm_deploy" -Directory | Sort-Object LastWriteTimeUtc | Select-Object -Last 1
        Get-Content "$($evidence.FullName)/command.txt" -Raw | Should -Match "gate: forced \(-Force\): .*$([regex]::Escape($template.FullName))"
    }

    It 'under the <Name> wrapper a failing task gives a Failed row naming it, results.xml, and exit 1 (-FailOnError)' -ForEach @(
        @{ Name = 'GitHub Actions'; Variables = @{ GITHUB_ACTIONS = 'true' }; Annotation = '(?m)^::error title=Deploy/' }
        @{ Name = 'Azure DevOps'; Variables = @{ TF_BUILD = 'True' }; Annotation = '(?m)^##vso\[task\.logissue type=error\]Deploy/' }
    ) {
        $ws = New-Item -ItemType Directory (Join-Path $copy ('ci-' + [guid]::NewGuid().ToString('N').Substring(0, 6)))
        $bogus = [ordered]@{} + $deploy.Vars
        $bogus.litellm_package = 'hx-no-such-package-4711'
        $bogus | ConvertTo-Json | Set-Content "$ws/vars.json"
        $step = @"
`$ErrorActionPreference = 'stop'
Import-Module '$(Get-HxBuiltModulePath)'
Set-Location '$copy'
`$vars = Get-Content '$ws/vars.json' -Raw | ConvertFrom-Json -AsHashtable
`$rows = Deploy-HxLiteLLM -InventoryPath inventory/hosts.ini -ExtraVariable `$vars -VaultPasswordFile .vault-pass -Force -JUnitPath '$ws/results.xml' -FailOnError
`$rows | ConvertTo-Json | Set-Content '$ws/rows.json'
if ((Test-Path -LiteralPath variable:\LASTEXITCODE)) { exit `$LASTEXITCODE }
"@
        Set-Content "$ws/step.ps1" $step
        # Both runners' pwsh steps: the script dot-sourced by pwsh -command, then `exit $LASTEXITCODE`.
        $Variables.GITHUB_STEP_SUMMARY = "$ws/step-summary.md"
        foreach ($kv in $Variables.GetEnumerator()) { Set-Item "env:$($kv.Key)" $kv.Value }
        try {
            $p = Start-Process dotnet -PassThru -Wait -ArgumentList @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-command', ". '$ws/step.ps1'") `
                -RedirectStandardOutput "$ws/out.txt" -RedirectStandardError "$ws/err.txt"
        } finally {
            foreach ($kv in $Variables.GetEnumerator()) { Remove-Item "env:$($kv.Key)" }
        }
        $out = Get-Content "$ws/out.txt" -Raw
        $p.ExitCode | Should -Be 1 -Because "$out`n$(Get-Content "$ws/err.txt" -Raw)"
        $rows = Get-Content "$ws/rows.json" -Raw | ConvertFrom-Json
        $failed = @($rows | Where-Object { $_.Phase -eq 'Deploy' -and $_.Status -eq 'Failed' -and $_.Check -notin 'PLAY RECAP', 'ansible-playbook' })
        $failed.Count | Should -Be 1
        $failed[0].Check | Should -BeLike 'litellm : *'
        $failed[0].Category | Should -Be 'Deploy'
        $failed[0].Remediation | Should -BeLike "*--start-at-task '$($failed[0].Check)'*"
        ($rows | Where-Object Check -eq 'ansible-playbook').Message | Should -BeLike '*a task failed on at least one host (exit 2)*'
        ($rows | Where-Object Phase -eq 'SmokeTest').Status | Should -Be 'Skipped'
        $junit = [xml](Get-Content "$ws/results.xml" -Raw)
        @($junit.SelectNodes('//testcase') | Where-Object { $_.name -like "*$($failed[0].Check)*" -and $_.failure }) | Should -Not -BeNullOrEmpty
        $out | Should -Match $Annotation
        if ($Name -eq 'GitHub Actions') { Get-Content "$ws/step-summary.md" -Raw | Should -BeLike '*Deploy*' }
        $written = (Get-ChildItem -File $ws | ForEach-Object { Get-Content $_.FullName -Raw }) -join "`n"
        $written.Contains($masterKey) | Should -BeFalse
        $written.Contains($vaultPassword) | Should -BeFalse
    }

    It '-Check -Diff on a fresh target shows Ansible''s check-mode rows, creates nothing and shows no secret' {
        $fresh = [ordered]@{} + $deploy.Vars
        foreach ($name in 'litellm_install_dir', 'litellm_config_dir') { $fresh[$name] = "$copy/scratch/check-$name" }
        $fresh.litellm_venv_dir = "$copy/scratch/check-litellm_install_dir/venv"
        $streams = @(Deploy-HxLiteLLM -InventoryPath "$copy/inventory/hosts.ini" -ExtraVariable $fresh -VaultPasswordFile "$copy/.vault-pass" -Check -Diff -Force -Verbose *>&1)
        $rows = @($streams | Where-Object { $_ -is [HxLiteLLM.Results.HxCheckResult] })
        $deployRows = @($rows | Where-Object { $_.Phase -eq 'Deploy' -and $_.Check -notin 'PLAY RECAP', 'ansible-playbook' })
        @($deployRows | Where-Object Status -eq 'Failed') | Should -BeNullOrEmpty -Because ($rows | Out-String)
        ($deployRows | Where-Object Check -eq 'litellm : Create the directories').Message | Should -Be 'would change'
        ($deployRows | Where-Object Check -eq 'litellm : Render the LiteLLM config').Message | Should -Be 'would change'
        Test-Path "$copy/scratch/check-litellm_install_dir", "$copy/scratch/check-litellm_config_dir" | Should -Be @($false, $false)
        ($rows | Where-Object Phase -eq 'SmokeTest').Status | Should -Be 'Skipped'
        # Ansible's diff of the config template reaches the verbose log; the env file's (no_log) and the key never do.
        $text = ($streams | Out-String -Width 4096)
        $text | Should -Match 'model_list'
        $text.Contains($masterKey) | Should -BeFalse
        $text.Contains($vaultPassword) | Should -BeFalse
    }

    It 'the pipeline never starts Deploy or SmokeTest after a failed phase, even with -ContinueOnFailure' {
        $before = @(Get-ChildItem "$copy/.evidence/litellm_deploy").Count
        $results = @(Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -Phase RoleValidation -Deploy -ContinueOnFailure -VaultPasswordFile "$copy/.vault-pass" -InformationVariable phases)
        $summaries = @($phases.MessageData)
        ($summaries | Where-Object Phase -eq 'RoleValidation').Outcome | Should -Be 'Failed'
        ($summaries | Where-Object Phase -in 'Deploy', 'SmokeTest').Outcome | Should -Be @('NotStarted', 'NotStarted')
        $skipped = @($results | Where-Object Phase -in 'Deploy', 'SmokeTest')
        $skipped.Status | Should -Be @('Skipped', 'Skipped')
        $skipped[0].Message | Should -BeLike '*earlier phase failed*'
        @(Get-ChildItem "$copy/.evidence/litellm_deploy").Count | Should -Be $before
    }

    It 'the pipeline with -Deploy validates, deploys behind its own validation and smoke-tests' {
        # The stand-in's variables in host_vars: the pipeline validates them with the rest of the inventory.
        New-Item -ItemType Directory -Force "$copy/inventory/host_vars" | Out-Null
        ($deploy.Vars.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value)" }) | Set-Content "$copy/inventory/host_vars/localhost.yml"
        $results = @(Invoke-HxLiteLLMPipeline -InventoryPath "$copy/inventory/hosts.ini" -RolePath "$copy/roles/litellm" -Phase Inventory, RoleValidation -Deploy -VaultPasswordFile "$copy/.vault-pass" -InformationVariable phases)
        ($phases.MessageData | Where-Object Phase -in 'Deploy', 'SmokeTest').Outcome | Should -Be @('Completed', 'Completed')
        $deployRows = @($results | Where-Object Phase -eq 'Deploy')
        $deployRows.Count | Should -BeGreaterThan 3
        @($results | Where-Object { $_.Phase -in 'Deploy', 'SmokeTest', 'Endpoint' -and $_.Status -eq 'Failed' }) | Should -BeNullOrEmpty -Because ($results | Where-Object Phase -in 'Deploy', 'SmokeTest', 'Endpoint' | Out-String)
        ($results | Where-Object { $_.Phase -eq 'Endpoint' -and $_.Check -eq 'Models' }).Message | Should -BeLike '*models: llama3-8b, qwen2.5-coder, mistral-7b*'
        $evidence = Get-ChildItem "$copy/.evidence/litellm_deploy" -Directory | Sort-Object LastWriteTimeUtc | Select-Object -Last 1
        Get-Content "$($evidence.FullName)/command.txt" -Raw | Should -Match 'gate: validated in this run'
        # The orchestration log and the run manifest record the deploy with the recap.
        $log = Get-ChildItem "$copy/.evidence/litellm_orchestration_*.txt" | Sort-Object LastWriteTimeUtc | Select-Object -Last 1
        Get-Content $log.FullName -Raw | Should -Match '(?m)^Deploy: \d+ passed'
        Get-Content $log.FullName -Raw | Should -Match '(?m)^  localhost: ok=\d+ changed=\d+ unreachable=0 failed=0'
        $manifest = Get-ChildItem "$copy/.evidence/run_manifest_*.json" | Sort-Object LastWriteTimeUtc | Select-Object -Last 1 | Get-Content -Raw | ConvertFrom-Json
        $manifest.next_steps.Deploy.failed | Should -Be 0
        $manifest.next_steps.Deploy.recap | Should -BeLike 'localhost: ok=*'
        $manifest.next_steps.Endpoint.passed | Should -Be 4
    }
}
