# -WhatIf writes nothing at all: every cmdlet that can write a file (its target, a backup, evidence, a report, JUnit)
# declares SupportsShouldProcess and, run with -WhatIf on a copy of examples/hx-dev, leaves the copy and its evidence root
# byte for byte as they were, while a read or a check still returns its results.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
    # Each writer, run in the copy (the current location, so the default evidence root .evidence is inside it too).
    # Setup (outside the comparison) prepares what the command needs: results to export, a stray vault, a new password.
    $script:writers = @(
        @{ Name = 'Invoke-HxPreflight'; Checks = $true; Run = { Invoke-HxPreflight -HostName localhost -Connection local -Check PythonRuntime, Sudo -Archive -WhatIf } }
        @{ Name = 'Test-HxDnsResolution'; Checks = $true; Run = { Test-HxDnsResolution -HostName localhost -WhatIf } }
        @{ Name = 'Test-HxNetworkConnectivity'; Checks = $true; Run = { Test-HxNetworkConnectivity -HostName localhost -Connection local -Backend http://127.0.0.1:9 -WhatIf } }
        @{ Name = 'Test-HxDomainJoin'; Checks = $true; Run = { Test-HxDomainJoin -HostName localhost -Connection local -WhatIf } }
        @{ Name = 'Test-HxSudoPrivilege'; Checks = $true; Run = { Test-HxSudoPrivilege -HostName localhost -Connection local -WhatIf } }
        @{ Name = 'Test-HxCATrust'; Checks = $true; Run = { Test-HxCATrust -HostName localhost -Connection local -CertificatePath $env:HX_TEST_CA -WhatIf } }
        @{ Name = 'Test-HxPythonRuntime'; Checks = $true; Run = { Test-HxPythonRuntime -HostName localhost -Connection local -WhatIf } }
        @{ Name = 'Test-HxVariables'; Checks = $true; Run = { Test-HxVariables -InventoryPath inventory/hosts.ini -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'Test-HxTemplate'; Checks = $true; Run = { Test-HxTemplate -Path roles/litellm -InventoryPath inventory/hosts.ini -HostName localhost -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'Test-HxRoleStructure'; Checks = $true; Run = { Test-HxRoleStructure -Path roles/litellm -Create -WhatIf; Test-HxRoleStructure -Path roles/newrole -Create -WhatIf } }
        @{ Name = 'Invoke-HxTemplateRender'; Run = { Invoke-HxTemplateRender -Path roles/litellm -RenderPath rendered -InventoryPath inventory/hosts.ini -HostName localhost -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'New-HxIssueReport'; Setup = { $script:given = @(Test-HxVariables -InventoryPath inventory/hosts.ini -WhatIf) }; Run = { $given | New-HxIssueReport -Path issues -WhatIf } }
        @{ Name = 'Export-HxEvidence'; Setup = { $script:given = @(Invoke-HxPreflight -HostName localhost -Connection local -Check PythonRuntime) }; Run = { $given | Export-HxEvidence -WhatIf } }
        @{ Name = 'Export-HxJUnitReport'; Setup = { $script:given = @(Test-HxVariables -InventoryPath inventory/hosts.ini -VaultPasswordFile .vault-pass -WhatIf) }; Run = { $given | Export-HxJUnitReport -Path results.xml -WhatIf } }
        @{ Name = 'Add-HxLiteLLMGroup'; Run = { Add-HxLiteLLMGroup -InventoryPath inventory/hosts.ini -HostName gw9.hx.test -BackupPath backups -WhatIf } }
        @{ Name = 'Set-HxGroupVars'; Run = { Set-HxGroupVars -InventoryPath inventory/hosts.ini -Variable @{ litellm_port = 4100; litellm_new = 'x' } -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'Set-HxVaultSecret'; Run = { New-HxMasterKey | Set-HxVaultSecret -Path inventory/group_vars/litellm/vault.yml -Name litellm_master_key -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'Protect-HxVault'; Run = { Protect-HxVault -Path inventory/group_vars/litellm/vars.yml -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'Unprotect-HxVault'; Run = { Unprotect-HxVault -Path inventory/group_vars/litellm/vault.yml -VaultPasswordFile .vault-pass -WhatIf } }
        @{ Name = 'Update-HxVaultPassword'; Run = { Update-HxVaultPassword -Path inventory/group_vars/litellm/vault.yml -VaultPasswordFile .vault-pass -NewVaultPasswordFile $env:HX_TEST_NEW_PASS -WhatIf } }
        @{ Name = 'Move-HxStrayVault'; Setup = { New-Item -ItemType Directory stray | Out-Null; Copy-Item inventory/group_vars/litellm/vault.yml stray/old.yml }; Run = { Find-HxStrayVault -Path . | Move-HxStrayVault -WhatIf } }
        @{ Name = 'Invoke-HxLiteLLMPipeline'; Run = { Invoke-HxLiteLLMPipeline -InventoryPath inventory/hosts.ini -RolePath roles/litellm -VaultPasswordFile .vault-pass -AddHostName gw9.hx.test -RotateMasterKey -ContinueOnFailure -JUnitPath results.xml -WhatIf -WarningAction SilentlyContinue } }
        @{ Name = 'Deploy-HxLiteLLM'; Run = { Deploy-HxLiteLLM -InventoryPath inventory/hosts.ini -VaultPasswordFile .vault-pass -Force -JUnitPath results.xml -WhatIf -WarningAction SilentlyContinue } }
        @{ Name = 'Invoke-HxAnsiblePlaybook'; Run = { Invoke-HxAnsiblePlaybook -PlaybookPath site.yml -InventoryPath inventory/hosts.ini -VaultPasswordFile .vault-pass -WhatIf } }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    # Outside every copy: the CA a trust check looks for, the new password a rekey would use.
    $env:HX_TEST_CA = Join-Path $TestDrive 'ca.pem'
    & openssl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $TestDrive 'ca.key') -out $env:HX_TEST_CA -subj '/CN=HxLiteLLM WhatIf CA' -days 1 2>$null
    $env:HX_TEST_NEW_PASS = Join-Path $TestDrive 'new-pass'
    Set-Content $env:HX_TEST_NEW_PASS 'another-password'

    # Every folder and file below a root, each file with its hash: any file written, changed, removed or folder made shows.
    function Get-TreeState([string] $Root) {
        @(Get-ChildItem $Root -Recurse -Force | Sort-Object FullName | ForEach-Object {
                $relative = [System.IO.Path]::GetRelativePath($Root, $_.FullName)
                if ($_.PSIsContainer) { "$relative/" } else { "$relative $((Get-FileHash $_.FullName -Algorithm SHA256).Hash)" }
            })
    }
}

AfterAll {
    $env:HX_TEST_CA = $null
    $env:HX_TEST_NEW_PASS = $null
}

Describe '<Name> -WhatIf' -ForEach $writers -Skip:$skip {
    It 'writes nothing in the example, its evidence root or anywhere below it' {
        $copy = Join-Path $TestDrive $Name
        Copy-HxExample hx-dev $copy
        Push-Location $copy
        $savedPassword = $env:ANSIBLE_VAULT_PASSWORD_FILE
        $env:ANSIBLE_VAULT_PASSWORD_FILE = $null
        try {
            if ($Setup) { . $Setup }
            $before = Get-TreeState $copy
            $out = @(. $Run 6>$null)
            $after = Get-TreeState $copy
            Compare-Object $before $after | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty -Because "$Name -WhatIf must write nothing"
            Test-Path (Join-Path $copy '.evidence') | Should -Be ([bool]($before -like '.evidence/')) -Because 'no evidence root is made'
            if ($Checks) {
                @($out | Where-Object { $_ -is [HxLiteLLM.Results.HxCheckResult] -and $_.Check -ne 'EvidenceArchive' }).Count | Should -BeGreaterThan 0 -Because 'a check still reports what it found'
                @($out | Where-Object { $_ -is [HxLiteLLM.Results.HxCheckResult] -and $_.EvidencePath }).Count | Should -Be 0 -Because 'no result points at evidence that was not written'
            }
        } finally {
            $env:ANSIBLE_VAULT_PASSWORD_FILE = $savedPassword
            Pop-Location
        }
    }
}

Describe '$WhatIfPreference' -Skip:$skip {
    It 'is honoured like -WhatIf: Invoke-HxPreflight -Archive writes no summary, results.json, host file or archive' {
        $copy = Join-Path $TestDrive 'preference'
        Copy-HxExample hx-dev $copy
        Push-Location $copy
        try {
            $before = Get-TreeState $copy
            $WhatIfPreference = $true
            try { $out = @(Invoke-HxPreflight -HostName localhost -Connection local -Check PythonRuntime -Archive 6>$null) } finally { $WhatIfPreference = $false }
            Get-TreeState $copy | Should -Be $before
            ($out | Where-Object Check -eq 'PythonRuntime').Status | Should -Not -BeNullOrEmpty
            ($out | Where-Object Check -eq 'EvidenceArchive').Status | Should -Be 'Skipped'
        } finally { Pop-Location }
    }
}

Describe 'Cmdlets that write' -ForEach @(@{ Listed = @($writers.Name) }) {
    It 'every one declares SupportsShouldProcess (the table above lists each of them, and nothing else has -WhatIf)' {
        $withWhatIf = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') }).Name | Sort-Object
        $withWhatIf | Should -Be ($Listed | Sort-Object)
    }

    It 'every cmdlet with a parameter naming a file or folder it writes supports -WhatIf' {
        $writePaths = 'EvidencePath', 'JUnitPath', 'BackupPath', 'RenderPath', 'DestinationPath', 'NewVaultPasswordFile'
        foreach ($command in Get-Command -Module HxLiteLLM -CommandType Cmdlet) {
            $writes = @($command.Parameters.Keys | Where-Object { $_ -in $writePaths })
            if ($writes) {
                $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                $attribute.SupportsShouldProcess | Should -BeTrue -Because "$($command.Name) writes -$($writes -join ', -')"
            }
        }
    }
}
