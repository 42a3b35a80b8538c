BeforeDiscovery {
    # One real call per result type: the object it returns must be of the declared output type and export cleanly.
    $script:cases = @(
        @{ Command = 'Test-HxPythonRuntime'; Produce = { param($d) Test-HxPythonRuntime -HostName localhost -Connection local -MinimumVersion 3.0 -EvidencePath "$d/evidence" } }
        @{ Command = 'Get-HxInventory'; Produce = { param($d) Get-HxInventory -Path "$d/inventory/hosts.ini" -VaultPasswordFile "$d/.vault-pass" } }
        @{ Command = 'Add-HxLiteLLMGroup'; Produce = { param($d) Add-HxLiteLLMGroup -Path "$d/inventory/hosts.ini" -HostName gw7.hx.test -PassThru } }
        @{ Command = 'Invoke-HxLiteLLMPipeline'; Produce = { param($d) Invoke-HxLiteLLMPipeline -InventoryPath "$d/inventory/hosts.ini" -VaultPasswordFile "$d/.vault-pass" -Phase Inventory } }
        @{ Command = 'Find-HxStrayVault'; Produce = { param($d) Copy-Item "$d/inventory/group_vars/litellm/vault.yml" "$d/stray-vault.yml"; Find-HxStrayVault -Path $d } }
        @{ Command = 'Invoke-HxTemplateRender'; Produce = { param($d) Invoke-HxTemplateRender -Path "$d/roles/litellm" -OutputPath "$d/out" -InventoryPath "$d/inventory/hosts.ini" -HostName localhost -VaultPasswordFile "$d/.vault-pass" -EvidencePath "$d/evidence" } }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
}

Describe 'Results of <Command>' -ForEach $cases {
    BeforeAll {
        $dir = Join-Path $TestDrive $Command
        Copy-Item -Recurse (Join-Path (Get-HxRepoRoot) 'examples/hx-dev') $dir
        Remove-Item -Recurse -Force "$dir/inventory/.evidence", "$dir/inventory/.rendered" -ErrorAction Ignore
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
