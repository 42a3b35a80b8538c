BeforeDiscovery {
    # One real call per result type: the object it returns must be of the declared output type and export cleanly.
    $script:cases = @(
        @{ Command = 'Test-HxPythonRuntime'; Produce = { param($d) Test-HxPythonRuntime -HostName localhost -Connection local -MinimumVersion 3.0 -EvidencePath "$d/evidence" } }
        @{ Command = 'Get-HxInventory'; Produce = { param($d) Get-HxInventory -Path "$d/inventory/hosts.ini" -VaultPasswordFile "$d/.vault-pass" } }
        @{ Command = 'Add-HxLiteLLMGroup'; Produce = { param($d) Add-HxLiteLLMGroup -Path "$d/inventory/hosts.ini" -HostName gw7.hx.test -PassThru } }
        @{ Command = 'Invoke-HxLiteLLMPipeline'; Produce = { param($d) Invoke-HxLiteLLMPipeline -InventoryPath "$d/inventory/hosts.ini" -VaultPasswordFile "$d/.vault-pass" -Phase Inventory } }
        @{ Command = 'Find-HxStrayVault'; Produce = { param($d) Copy-Item "$d/inventory/group_vars/litellm/vault.yml" "$d/stray-vault.yml"; Find-HxStrayVault -Path $d } }
        @{ Command = 'Invoke-HxAnsiblePlaybook'; Produce = { param($d) Set-Content "$d/hello.yml" "- hosts: litellm`n  gather_facts: false`n  tasks:`n    - ansible.builtin.debug: { msg: hello }"; Invoke-HxAnsiblePlaybook "$d/hello.yml" -InventoryPath "$d/inventory/hosts.ini" -Limit localhost -VaultPasswordFile "$d/.vault-pass" } }
        @{ Command = 'Invoke-HxTemplateRender'; Produce = { param($d) Invoke-HxTemplateRender -Path "$d/roles/litellm" -OutputPath "$d/out" -InventoryPath "$d/inventory/hosts.ini" -HostName localhost -VaultPasswordFile "$d/.vault-pass" -EvidencePath "$d/evidence" } }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    # The pipeline's evidence goes to the current folder: this file's scratch drive, not the repository.
    Push-Location $TestDrive
}

AfterAll {
    Pop-Location
}

Describe 'Results of <Command>' -ForEach $cases {
    BeforeAll {
        $dir = Join-Path $TestDrive $Command
        Copy-HxExample hx-dev $dir
        Remove-Item -Recurse -Force "$dir/.evidence", "$dir/.rendered", "$dir/inventory/.evidence", "$dir/inventory/.rendered" -ErrorAction Ignore
        $script:objects = @(& $Produce $dir)
        $script:declared = @((Get-Command $Command).OutputType.Name)
    }

    It 'are of a declared output type' {
        $objects.Count | Should -BeGreaterThan 0
        foreach ($o in $objects) { $declared | Should -Contain $o.GetType().FullName }
    }

    It 'export to CSV with one clean column per property' {
        foreach ($type in $objects | Group-Object { $_.GetType().FullName }) {
            $rows = @($type.Group | ConvertTo-Csv | ConvertFrom-Csv)
            @($rows[0].PSObject.Properties.Name) | Should -Be @($type.Group[0].PSObject.Properties.Name)
            foreach ($row in $rows) {
                foreach ($cell in $row.PSObject.Properties) { $cell.Value | Should -Not -BeLike 'System.*' -Because "$($type.Name).$($cell.Name)" }
            }
        }
    }

    It 'convert to JSON without truncation (only the inventory host''s Vars nest, as the variables do)' {
        $json = $objects | ConvertTo-Json -Depth 10 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
        @($json | ConvertFrom-Json).Count | Should -Be $objects.Count
    }
}

Describe 'Result types named in a script' {
    It 'resolve as type literals right after Import-Module, and are the types the cmdlets return' {
        # A fresh session: the types must be there before any cmdlet ran, not only after the engine loaded them.
        $script = @"
Import-Module '$(Get-HxBuiltModulePath)'
'TYPE=' + [HxLiteLLM.Results.HxCheckResult].FullName
'FAILED=' + [HxLiteLLM.Results.HxStatus]::Failed
`$r = [HxLiteLLM.Results.HxCheckResult]::new('Preflight', 'Connection', 'gw1', [HxLiteLLM.Results.HxStatus]::Failed, 'refused')
'IS=' + (`$r -is [HxLiteLLM.Results.HxCheckResult]) + '/' + (`$r.Status -eq [HxLiteLLM.Results.HxStatus]::Failed)
`$h = Get-HxInventory -Path '$(Get-HxRepoRoot)/examples/hx-dev/inventory/hosts.ini' -VaultPasswordFile '$(Get-HxRepoRoot)/examples/hx-dev/.vault-pass' | Select-Object -First 1
'HOST=' + (`$h -is [HxLiteLLM.Results.HxInventoryHost])
"@
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'TYPE=HxLiteLLM.Results.HxCheckResult'
        $output | Should -Match 'FAILED=Failed'
        $output | Should -Match 'IS=True/True'
        $output | Should -Match 'HOST=True'
    }
}

Describe 'Output contract' {
    BeforeAll {
        $script:example = Join-Path (Get-HxRepoRoot) 'examples/hx-dev'
        function New-Result([string] $Check, [string] $Status, [string] $Category) {
            $r = [HxLiteLLM.Results.HxCheckResult]::new('Preflight', $Check, 'gw1.hx.test', $Status, 'message')
            $r.Category = $Category
            $r
        }
    }

    It 'writes Status and Category as their names in JSON, without switches' {
        $json = New-Result DnsForward Failed Dns | ConvertTo-Json
        $json | Should -Match '"Status": "Failed"'
        $json | Should -Match '"Category": "Dns"'
        (New-Result DnsForward Passed None).Category | Should -Be 'None'
    }

    It 'groups by Status under the status names' {
        $results = @((New-Result A Failed Dns), (New-Result B Passed None), (New-Result C Failed Tcp))
        $groups = $results | Group-Object Status | Sort-Object Name
        $groups.Name | Should -Be @('Failed', 'Passed')
        $groups[0].Count | Should -Be 2
        @($results | Where-Object Status -eq ([HxLiteLLM.Results.HxStatus]::Failed)).Count | Should -Be 2
    }

    It 'writes timestamps as ISO 8601 UTC in CSV and JSON whatever the culture' {
        $r = New-Result DnsForward Passed None
        $iso = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        $previous = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            (1.5).ToString() | Should -Be '1,5' -Because 'the culture must really be German for this test to mean anything'
            $csv = $r | ConvertTo-Csv | ConvertFrom-Csv
            $json = $r | ConvertTo-Json | ConvertFrom-Json -DateKind String
        } finally {
            [cultureinfo]::CurrentCulture = $previous
        }
        $csv.Timestamp | Should -Match $iso
        $json.Timestamp | Should -Match $iso
        $csv.Timestamp | Should -Be $r.Timestamp
        $json.Timestamp | Should -Be $r.Timestamp
    }

    It 'keeps timestamps sortable and comparable in time order, and convertible to a time value' {
        $early = New-Result A Passed None
        $late = New-Result B Passed None
        $early.Timestamp = '2026-01-02T09:59:59.999Z'
        $late.Timestamp = '2026-01-02T10:00:00.000Z'
        (@($late, $early) | Sort-Object Timestamp).Check | Should -Be @('A', 'B')
        $early.Timestamp -lt $late.Timestamp | Should -BeTrue
        $time = [DateTimeOffset]$late.Timestamp
        $time.Offset | Should -Be ([TimeSpan]::Zero)
        ($time - [DateTimeOffset]$early.Timestamp).TotalMilliseconds | Should -Be 1
    }

    It 'gives the host''s groups as a list: -contains, JSON array, and one readable CSV cell' {
        $h = Get-HxInventory -Path "$example/inventory/hosts.ini" -VaultPasswordFile "$example/.vault-pass" -Name localhost
        $h.Groups -contains 'litellm' | Should -BeTrue
        $h.Groups -contains 'hx_dev,litellm' | Should -BeFalse
        $h.Groups.Count | Should -Be 2
        ($h | Select-Object Name, Groups | ConvertTo-Json | ConvertFrom-Json).Groups | Should -Be @('hx_dev', 'litellm')
        ($h | ConvertTo-Csv | ConvertFrom-Csv).Groups | Should -Be 'hx_dev,litellm'
    }

    It 'gives the added and updated names of a file change as lists' {
        $ini = Join-Path $TestDrive 'hosts.ini'
        Set-Content $ini "[litellm]`ngw1`n"
        $change = Add-HxLiteLLMGroup -Path $ini -GroupName gateways -HostName gw1, gw2 -PassThru
        $change.Added -contains 'gw2' | Should -BeTrue
        ($change | ConvertTo-Json | ConvertFrom-Json).Added | Should -Be @('gw1', 'gw2')
        ($change | ConvertTo-Csv | ConvertFrom-Csv).Added | Should -Be 'gw1,gw2'
        ($change | ConvertTo-Json | ConvertFrom-Json).Updated | Should -HaveCount 0
    }
}

Describe 'Table views' {
    It 'show every check name whole at 200 columns, with the message last' {
        $r = [HxLiteLLM.Results.HxCheckResult]::new('RoleValidation', 'SecretInPlainVars', 'gw1.hx.test', 'Failed', 'the message')
        $lines = ($r | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match 'Message\s*$'
        $lines[-1] | Should -Match 'SecretInPlainVars'
        $lines[-1] | Should -Match 'the message\s*$'
        (([HxLiteLLM.Results.HxCheckResult]::new('Preflight', 'Connection', 'gw1', 'Passed', 'ok') | Format-Table | Out-String -Width 200) -split "`n")[3] | Should -Match '\bConnection\b'
    }
}
