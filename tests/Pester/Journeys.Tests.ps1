# The user's journeys, run literally: the README's commands and the CI definitions in examples/ci, each in a fresh
# workspace holding a copy of the examples and the built module, in a fresh pwsh started the way the user or the CI runner starts it.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:repo = Get-HxRepoRoot
    # A command run without its own folder writes its evidence into this file's scratch drive, never into the repository.
    Push-Location $TestDrive
    $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'

    # A folder laid out like a clone after the build: examples/ copied, out/ linked to the built module.
    function New-Workspace {
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $ws | Out-Null
        New-Item -ItemType Directory "$ws/examples" | Out-Null
        foreach ($example in Get-ChildItem -Directory "$repo/examples") { Copy-HxExample $example.Name "$ws/examples/$($example.Name)" }
        $module = Split-Path (Split-Path (Split-Path (Get-HxBuiltModulePath)))
        New-Item -ItemType SymbolicLink -Path "$ws/out" -Target $module | Out-Null
        $ws
    }

    # The first ```powershell block after a README heading, as the user copies it.
    function Get-ReadmeBlock([string] $Heading) {
        $lines = Get-Content "$repo/README.md"
        $start = [array]::IndexOf($lines, $Heading)
        $start | Should -BeGreaterOrEqual 0 -Because "README has '$Heading'"
        $open = $start + 1
        while ($lines[$open] -ne '```powershell') { $open++ }
        $close = $open + 1
        while ($lines[$close] -ne '```') { $close++ }
        $lines[($open + 1)..($close - 1)] -join "`n"
    }

    # The body of a `run: |` (GitHub) or `- pwsh: |` (Azure DevOps) block of the step named $Step.
    function Get-CiScript([string] $File, [string] $Step, [string] $Kind) {
        $lines = @(Get-Content $File)
        $named = -1
        for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i].Contains($Step)) { $named = $i; break } }
        $named | Should -BeGreaterOrEqual 0 -Because "$File has the step '$Step'"
        # GitHub: the run block follows the step's name; Azure DevOps: the pwsh block comes before its displayName.
        $start = -1
        if ($Kind -eq 'run') { for ($i = $named; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^\s*run: \|$') { $start = $i; break } } }
        else { for ($i = $named; $i -ge 0; $i--) { if ($lines[$i] -match '^\s*- pwsh: \|$') { $start = $i; break } } }
        $start | Should -BeGreaterOrEqual 0 -Because "$File has the script block of '$Step'"
        $body = [System.Collections.Generic.List[string]]::new()
        $indent = -1
        for ($i = $start + 1; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line.Trim().Length -eq 0) { $body.Add(''); continue }
            $lead = $line.Length - $line.TrimStart().Length
            if ($indent -lt 0) { $indent = $lead }
            if ($lead -lt $indent) { break }
            $body.Add($line.Substring($indent))
        }
        $body -join "`n"
    }

    function Invoke-Pwsh([string] $WorkingDirectory, [string[]] $Arguments, [hashtable] $Environment = @{}) {
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $info.ArgumentList.Add($pwshDll)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $info.WorkingDirectory = $WorkingDirectory
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        foreach ($name in 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'TF_BUILD', 'ANSIBLE_VAULT_PASSWORD_FILE') { $info.Environment.Remove($name) | Out-Null }
        foreach ($kv in $Environment.GetEnumerator()) { $info.Environment[$kv.Key] = [string]$kv.Value }
        $p = [System.Diagnostics.Process]::Start($info)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(600000)) { $p.Kill($true); throw "pwsh did not end within 600 s: $stdout" }
        [pscustomobject]@{ Code = $p.ExitCode; Out = $stdout; Err = $stderr.Result }
    }

    function Assert-FailedJUnit([string] $Path) {
        Test-Path $Path | Should -BeTrue -Because 'the JUnit file is written before the step fails'
        $xml = [xml](Get-Content $Path -Raw)
        [int]$xml.testsuites.failures | Should -BeGreaterThan 0
        @($xml.SelectNodes('//testcase[failure]')).Count | Should -BeGreaterThan 0
    }
}

Describe 'README and CI journeys' {
    It 'the README quick start runs as written: results.xml with the failures, exit code 1 under -File' {
        $ws = New-Workspace
        Set-Content "$ws/quickstart.ps1" (Get-ReadmeBlock '## Using the module')
        $run = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/quickstart.ps1")
        $run.Code | Should -Be 1 -Because "$($run.Out)`n$($run.Err)"
        $run.Err | Should -Not -Match 'cannot be bound'
        Assert-FailedJUnit "$ws/results.xml"
    }

    It 'the GitHub Actions step runs under the runner''s pwsh wrapper: JUnit, annotations, step summary, then exit 1' {
        $ws = New-Workspace
        $temp = New-Item -ItemType Directory "$ws/runner-temp"
        $body = (Get-CiScript "$ws/examples/ci/github-actions.yml" 'name: Run the pipeline' 'run').Replace('${{ runner.temp }}', $temp.FullName)
        # What the runner writes for `shell: pwsh` and runs as `pwsh -command ". '{0}'"`.
        Set-Content "$ws/step.ps1" ("`$ErrorActionPreference = 'stop'`n" + $body + "`nif ((Test-Path -LiteralPath variable:\LASTEXITCODE)) { exit `$LASTEXITCODE }")
        $summary = "$ws/step-summary.md"
        $run = Invoke-Pwsh $ws @('-command', ". '$ws/step.ps1'") @{
            GITHUB_ACTIONS = 'true'; GITHUB_STEP_SUMMARY = $summary; ANSIBLE_VAULT_PASSWORD_FILE = "$($temp.FullName)/vault-pass"
        }
        $run.Code | Should -Be 1 -Because "$($run.Out)`n$($run.Err)"
        Assert-FailedJUnit "$ws/results.xml"
        $run.Out | Should -Match '(?m)^::error title=Preflight/DomainJoin'
        Get-Content $summary -Raw | Should -BeLike '*| Preflight |*'
    }

    It 'the Azure DevOps pwsh step runs under the agent''s wrapper: JUnit, logging commands, then exit 1' {
        $ws = New-Workspace
        $staging = New-Item -ItemType Directory "$ws/staging"
        $agentTemp = New-Item -ItemType Directory "$ws/agent-temp"
        $body = (Get-CiScript "$ws/examples/ci/azure-pipelines.yml" 'displayName: Run the pipeline' 'pwsh').Replace('$(Build.ArtifactStagingDirectory)', $staging.FullName)
        # What the pwsh task writes around the inline script (errorActionPreference stop, LASTEXITCODE checked).
        Set-Content "$ws/task.ps1" ("`$ErrorActionPreference = 'Stop'`n" + $body + "`nif (!(Test-Path -LiteralPath variable:\LASTEXITCODE)) { Write-Host 'LASTEXITCODE is not set' } else { exit `$LASTEXITCODE }")
        $run = Invoke-Pwsh $ws @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', ". '$ws/task.ps1'") @{ TF_BUILD = 'True'; AGENT_TEMPDIRECTORY = $agentTemp.FullName }
        $run.Code | Should -Be 1 -Because "$($run.Out)`n$($run.Err)"
        Assert-FailedJUnit "$($staging.FullName)/results.xml"
        $run.Out | Should -Match '(?m)^##vso\[task.logissue type=error\]Preflight/DomainJoin'
    }

    It 'a script keeps the results in a variable and still exits 1, under -File and -Command' {
        $ws = New-Workspace
        Set-Content "$ws/ci.ps1" @'
Import-Module ./out/HxLiteLLM/*/HxLiteLLM.psd1
$r = Invoke-HxLiteLLMPipeline -InventoryPath examples/hx-dev/inventory/hosts.ini -RolePath examples/hx-dev/roles/litellm `
    -VaultPasswordFile examples/hx-dev/.vault-pass -ContinueOnFailure -JUnitPath results.xml -FailOnError
$r.Count | Set-Content count.txt
'@
        foreach ($mode in @(@('-File', "$ws/ci.ps1"), @('-Command', ". '$ws/ci.ps1'"))) {
            Remove-Item "$ws/count.txt", "$ws/results.xml" -ErrorAction Ignore
            $run = Invoke-Pwsh $ws (@('-NoProfile', '-NonInteractive') + $mode)
            $run.Code | Should -Be 1 -Because "$($mode[0]): $($run.Out)`n$($run.Err)"
            [int](Get-Content "$ws/count.txt") | Should -BeGreaterThan 10 -Because "`$r keeps the results ($($mode[0]))"
            Assert-FailedJUnit "$ws/results.xml"
        }
    }

    It 'a CI step whose run cannot start (a mistyped inventory path) exits 1 under -File with the default $ErrorActionPreference' {
        $ws = New-Workspace
        Set-Content "$ws/typo.ps1" @'
Import-Module ./out/HxLiteLLM/*/HxLiteLLM.psd1
Invoke-HxLiteLLMPipeline -InventoryPath examples/hx-dev/inventory/hots.ini -RolePath examples/hx-dev/roles/litellm `
    -VaultPasswordFile examples/hx-dev/.vault-pass -JUnitPath results.xml -FailOnError
'@
        $run = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/typo.ps1")
        $run.Code | Should -Be 1 -Because "$($run.Out)`n$($run.Err)"
        $run.Err | Should -Match 'hots\.ini'
    }

    It '-FailOnError at an interactive prompt sets $LASTEXITCODE to 1 and leaves the session open' {
        $ws = New-Workspace
        # pwsh started as at a terminal (no -Command, -File or -NonInteractive), its commands typed on standard input.
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in $pwshDll, '-NoProfile') { $info.ArgumentList.Add($a) }
        $info.WorkingDirectory = $ws
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        foreach ($name in 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'TF_BUILD') { $info.Environment.Remove($name) | Out-Null }
        $p = [System.Diagnostics.Process]::Start($info)
        $stderr = $p.StandardError.ReadToEndAsync()
        $p.StandardInput.WriteLine('Import-Module ./out/HxLiteLLM/*/HxLiteLLM.psd1')
        $p.StandardInput.WriteLine('$r = Invoke-HxLiteLLMPipeline -InventoryPath examples/hx-dev/inventory/hosts.ini -RolePath examples/hx-dev/roles/litellm -VaultPasswordFile examples/hx-dev/.vault-pass -ContinueOnFailure -FailOnError 3>$null')
        $p.StandardInput.WriteLine('"exit code: $LASTEXITCODE"')
        $p.StandardInput.WriteLine('"still open"')
        $p.StandardInput.Close()
        $out = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(600000)) { $p.Kill($true); throw "pwsh did not end: $out" }
        $out | Should -Match 'exit code: 1' -Because "$out`n$($stderr.Result)"
        $out | Should -Match 'still open'
    }

    It 'a run with nothing failed exits 0 with -FailOnError' {
        $ws = New-Workspace
        Set-Content "$ws/ok.ps1" @'
Import-Module ./out/HxLiteLLM/*/HxLiteLLM.psd1
Invoke-HxLiteLLMPipeline -InventoryPath examples/hx-dev/inventory/hosts.ini -RolePath examples/hx-dev/roles/litellm `
    -VaultPasswordFile examples/hx-dev/.vault-pass -Phase RoleValidation -FailOnError | Out-Null
'@
        $run = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/ok.ps1")
        $run.Code | Should -Be 0 -Because "$($run.Out)`n$($run.Err)"
    }
}

Describe 'Pipeline output in scripts' {
    It 'exports to CSV and JSON with names, groups by Status, and lists groups as arrays' {
        Import-Module (Get-HxBuiltModulePath) -Force
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $ws
        $r = @(Invoke-HxLiteLLMPipeline -InventoryPath "$ws/inventory/hosts.ini" -RolePath "$ws/roles/litellm" -VaultPasswordFile "$ws/.vault-pass" -ContinueOnFailure -WarningAction SilentlyContinue)
        $r | Export-Csv "$ws/r.csv"
        $rows = @(Import-Csv "$ws/r.csv")
        $rows.Count | Should -Be $r.Count
        @($rows | Where-Object { -not $_.Status -or -not $_.Check -or -not $_.Task }).Count | Should -Be 0 -Because 'one result type: no blank columns'
        $rows[0].Timestamp | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
        ($r | ConvertTo-Json -Depth 3) | Should -Match '"Status": "(Passed|Failed|Warning|Skipped)"'
        ($r | Group-Object Status).Name | Should -Not -Contain ''
        ($r | Group-Object Status).Name | Should -Contain 'Failed'
        (Get-HxInventory -Path "$ws/inventory/hosts.ini" -Name localhost -VaultPasswordFile "$ws/.vault-pass").Groups -contains 'litellm' | Should -BeTrue
    }
}

Describe 'The README walk-through from an empty folder' -Skip:$skip {
    It 'builds an inventory that ansible-inventory reads with every variable' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $ws | Out-Null
        $script = "Import-Module '$(Get-HxBuiltModulePath)'`n" + (Get-ReadmeBlock '### Walk-through: an inventory from an empty folder')
        Set-Content "$ws/walk.ps1" $script
        $run = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/walk.ps1")
        $run.Code | Should -Be 0 -Because "$($run.Out)`n$($run.Err)"
        $run.Err | Should -BeNullOrEmpty
        Test-Path "$ws/inventory/group_vars/litellm.yml" | Should -BeFalse -Because 'one group_vars form per group'
        Push-Location $ws
        try {
            $json = & /usr/bin/ansible-inventory -i inventory/hosts.ini --host gw1.hx.test --vault-password-file .vault-pass 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$json"
        } finally { Pop-Location }
        $vars = ($json -join "`n") | ConvertFrom-Json
        $vars.litellm_bind_host | Should -Be '0.0.0.0'
        $vars.litellm_port | Should -Be 4000
        $vars.litellm_master_key | Should -Match '^sk-[0-9a-f]{64}$'
        $vars.ansible_host | Should -Be '127.0.0.1'

        $again = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/walk.ps1")
        $again.Code | Should -Be 0 -Because "$($again.Out)`n$($again.Err)"
        $again.Err | Should -BeNullOrEmpty
        $again.Out | Should -Not -Match 'replaced by a new value' -Because 'a second run replaces no key'
        Push-Location $ws
        try { $view = & /usr/bin/ansible-vault view --vault-password-file .vault-pass inventory/group_vars/litellm/vault.yml 2>&1 } finally { Pop-Location }
        ($view -join "`n") | Should -BeExactly "litellm_master_key: $($vars.litellm_master_key)" -Because 'a second run keeps the key (-NoClobber)'
    }
}

Describe 'The README examples run as written in the bundled example''s folder' -Skip:$skip {
    BeforeEach {
        $script:copy = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $copy
    }

    BeforeAll {
        $script:vault = 'inventory/group_vars/litellm/vault.yml'
        function Invoke-ReadmeBlock([string] $Heading) {
            Set-Content "$copy/readme.ps1" ("Import-Module '$(Get-HxBuiltModulePath)'`n" + (Get-ReadmeBlock $Heading))
            $run = Invoke-Pwsh $copy @('-NoProfile', '-NonInteractive', '-File', "$copy/readme.ps1")
            $run.Code | Should -Be 0 -Because "$($run.Out)`n$($run.Err)"
            $run.Err | Should -BeNullOrEmpty
            $run
        }
        function Get-VaultView([string] $PasswordFile) {
            Push-Location $copy
            try { (& /usr/bin/ansible-vault view --vault-password-file $PasswordFile $vault 2>&1) -join "`n" } finally { Pop-Location }
        }
    }

    It 'the cmdlets alone: DNS rows in dns.csv, the master key kept, stray vaults only listed' {
        $before = Get-VaultView .vault-pass
        Invoke-ReadmeBlock 'For example, in the bundled example''s folder (`examples/hx-dev`, whose vault password is `./.vault-pass`):' | Out-Null
        @(Import-Csv "$copy/dns.csv" | Where-Object Target -eq 'localhost').Count | Should -BeGreaterThan 0
        Get-VaultView .vault-pass | Should -BeExactly $before
    }

    It 'the vault verbs: the master key read, every vault rekeyed to the new password' {
        $before = Get-VaultView .vault-pass
        $run = Invoke-ReadmeBlock 'In the bundled example''s folder (`examples/hx-dev`):'
        $run.Out | Should -Match 'litellm_master_key'
        Get-VaultView .vault-pass-new | Should -BeExactly $before
    }
}

Describe 'An Ansible project''s ansible.cfg counts, as for Ansible' -Skip:$skip {
    It 'finds the inventory and the vault password where ansible-inventory finds them, without parameters' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $ws
        & chmod 755 $ws
        "[defaults]`ninventory = inventory/hosts.ini`nvault_password_file = .vault-pass`n" | Set-Content "$ws/ansible.cfg"
        $script = @"
Import-Module '$(Get-HxBuiltModulePath)'
Get-HxInventory -Name localhost | Select-Object -ExpandProperty Vars | ConvertTo-Json -Depth 5 | Set-Content vars.json
`$r = @(Invoke-HxLiteLLMPipeline -RolePath roles/litellm -Phase RoleValidation -WarningAction SilentlyContinue)
`$r.Count | Set-Content count.txt
@(`$r | Where-Object Status -eq 'Failed').Count | Set-Content failed.txt
"@
        Set-Content "$ws/project.ps1" $script
        $run = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/project.ps1")
        $run.Code | Should -Be 0 -Because "$($run.Out)`n$($run.Err)"
        $run.Err | Should -BeNullOrEmpty
        # ansible-inventory in the same folder reads the same ansible.cfg: no -i, no --vault-password-file.
        Push-Location $ws
        try {
            $json = & /usr/bin/ansible-inventory --host localhost 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$json"
        } finally { Pop-Location }
        $theirs = ($json -join "`n") | ConvertFrom-Json -AsHashtable
        $ours = Get-Content "$ws/vars.json" -Raw | ConvertFrom-Json -AsHashtable
        @($ours.Keys | Sort-Object) | Should -Be @($theirs.Keys | Sort-Object)
        [int](Get-Content "$ws/count.txt") | Should -BeGreaterThan 0
        [int](Get-Content "$ws/failed.txt") | Should -Be 0
        Test-Path "$ws/.rendered/localhost/litellm.env" | Should -BeTrue -Because 'the vaulted master key was decrypted with the configured password file'
        Test-Path "$ws/.evidence/litellm_role_validation/*/issues/full_report.txt" | Should -BeTrue -Because 'the evidence root is the folder of ansible.cfg'
    }

    It 'refuses a vault identity that asks to prompt, as a clear error, and writes nothing' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $ws
        & chmod 755 $ws
        "[defaults]`ninventory = inventory/hosts.ini`nvault_identity_list = prod@prompt`n" | Set-Content "$ws/ansible.cfg"
        Set-Content "$ws/project.ps1" "Import-Module '$(Get-HxBuiltModulePath)'`ntry { Get-HxInventory -Name localhost -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; exit 3 }"
        $run = Invoke-Pwsh $ws @('-NoProfile', '-NonInteractive', '-File', "$ws/project.ps1")
        $run.Code | Should -Be 3
        $run.Out | Should -BeLike 'AnsibleConfigInvalid,*'
        $run.Out | Should -BeLike '*never prompts*'
        @(Get-ChildItem $ws -Force -Recurse -Filter '.evidence').Count | Should -Be 0
    }
}

Describe 'Bad input is a clear error that changes nothing' {
    BeforeAll {
        Import-Module (Get-HxBuiltModulePath) -Force
        # Runs the command, expecting exactly one terminating error with the given ErrorId; returns the ErrorRecord.
        function Get-HxError([scriptblock] $Command, [string] $ErrorId) {
            $record = $null
            try { & $Command | Out-Null } catch { $record = $_ }
            $record | Should -Not -BeNullOrEmpty -Because "the command should fail with $ErrorId"
            $record.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $record.TargetObject | Should -Not -BeNullOrEmpty -Because 'the error names its target'
            $record
        }
        function Get-TreeState([string] $Path) {
            Get-ChildItem $Path -Recurse -Force -File | ForEach-Object { '{0} {1}' -f $_.FullName, (Get-FileHash $_.FullName).Hash } | Sort-Object
        }
    }

    It 'a mistyped inventory path is not made into a new inventory' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid()); New-Item -ItemType Directory $ws | Out-Null
        $e = Get-HxError { Add-HxLiteLLMGroup -Path "$ws/hostss.ini" -HostName gw1 } 'InventoryNotFound'
        $e.Exception.Message | Should -BeLike '*-Force*'
        @(Get-ChildItem $ws -Force).Count | Should -Be 0
    }

    It 'a YAML inventory is refused by the INI editor, not misread' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid()); New-Item -ItemType Directory $ws | Out-Null
        Set-Content "$ws/hosts.yml" "all:`n  hosts:`n    gw1:`n"
        $before = Get-TreeState $ws
        $e = Get-HxError { Add-HxLiteLLMGroup -Path "$ws/hosts.yml" -HostName gw2 } 'InventoryNotIni'
        $e.Exception.Message | Should -BeLike '*YAML inventory*'
        Get-TreeState $ws | Should -Be $before
    }

    It 'a misspelt settings key names the key it meant' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid()); New-Item -ItemType Directory $ws | Out-Null
        Set-Content "$ws/hosts.ini" "[litellm]`ngw1`n"
        Set-Content "$ws/hxlitellm.yml" 'inventori: hosts.ini'
        $before = Get-TreeState $ws
        $e = Get-HxError { Invoke-HxLiteLLMPipeline -SettingsPath "$ws/hxlitellm.yml" -InventoryPath "$ws/hosts.ini" } 'SettingsUnknownKey'
        $e.Exception.Message | Should -BeLike "*did you mean 'inventory'*"
        Get-TreeState $ws | Should -Be $before
    }

    It 'a missing inventory stops the pipeline before anything is written' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid()); New-Item -ItemType Directory $ws | Out-Null
        $e = Get-HxError { Invoke-HxLiteLLMPipeline -InventoryPath "$ws/nosuch.ini" } 'InventoryNotFound'
        @(Get-ChildItem $ws -Force).Count | Should -Be 0
    }

    It 'an unknown host name is an error with the closest name' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $ws
        $e = Get-HxError { Test-HxTemplate -Path "$ws/roles/litellm" -InventoryPath "$ws/inventory/hosts.ini" -HostName localhots -VaultPasswordFile "$ws/.vault-pass" -ErrorAction Stop } 'InventoryHostNotFound'
        $e.Exception.Message | Should -BeLike "*localhost*"
    }

    It 'a host name that would leave the render folder is refused for that host only' {
        $ws = Join-Path $TestDrive ([guid]::NewGuid())
        Copy-HxExample hx-dev $ws
        Set-Content "$ws/inventory/hosts.ini" "[litellm]`nlocalhost ansible_connection=local`n../../escape ansible_connection=local`n"
        Push-Location $ws
        try {
            $r = @(Invoke-HxLiteLLMPipeline -InventoryPath "$ws/inventory/hosts.ini" -RolePath "$ws/roles/litellm" -VaultPasswordFile "$ws/.vault-pass" -Phase RoleValidation -WarningAction SilentlyContinue)
        } finally {
            Pop-Location
        }
        $refused = @($r | Where-Object { $_.Check -eq 'Render' -and $_.Target -eq '../../escape' })
        $refused.Status | Should -Be 'Failed'
        $refused.Message | Should -BeLike '*one path segment*'
        Test-Path "$ws/escape" | Should -BeFalse
        Test-Path "$ws/.rendered/localhost/litellm.env" | Should -BeTrue
    }
}

AfterAll {
    Pop-Location
}
