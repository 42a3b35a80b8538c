BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:commands = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $script:shouldProcess = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object { @{ Name = $_.Name } })
    # Cmdlets whose every example must run as written in a copy of examples/hx-dev.
    $script:allRunnable = @('Get-HxInventory', 'Get-HxVaultContent', 'Get-HxVaultValue', 'Protect-HxVault', 'Protect-HxVaultString',
        'Unprotect-HxVault', 'Update-HxVaultPassword' | ForEach-Object { @{ Name = $_ } })
    $script:runnable = @(foreach ($c in Get-Command -Module HxLiteLLM -CommandType Cmdlet) {
        $i = 0
        foreach ($ex in (Get-Help $c.Name -Full).examples.example) {
            $i++
            if (($ex.remarks.Text -join ' ') -like '*Runs as is in a copy of examples/hx-dev*') { @{ Name = $c.Name; Number = $i; Code = $ex.code } }
        }
    })
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    # -WhatIf and -Confirm are documented like the cmdlets' own parameters; only the other common ones are left to about_CommonParameters.
    $script:common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll { $script:help = Get-Help $Name -Full }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $params = @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common })
        foreach ($p in $params) {
            $text = ($help.parameters.parameter | Where-Object name -eq $p).description.Text -join ' '
            $text | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }

    It 'shows a default value for every parameter' {
        foreach ($p in $help.parameters.parameter) {
            "$($p.defaultValue)" | Should -Not -BeNullOrEmpty -Because "-$($p.name) needs a default value"
        }
    }

    It 'names its pipeline input and its output types' {
        $inputs = @($help.inputTypes.inputType.type.name)
        $inputs.Count | Should -BeGreaterThan 0
        $piped = @((Get-Command $Name).Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } })
        $shown = @($piped | ForEach-Object { $type = $_.ParameterType; if ([Nullable]::GetUnderlyingType($type)) { [Nullable]::GetUnderlyingType($type) } else { $type } })
        if ($piped) { $inputs | Should -Be @($shown.FullName) } else { $inputs | Should -Be 'None' }
        $outputs = @($help.returnValues.returnValue)
        @($outputs.type.name) | Should -Be @((Get-Command $Name).OutputType.Name)
        foreach ($o in $outputs) { ($o.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "output $($o.type.name) needs a description" }
    }

    It 'links the other cmdlets of its area and about_HxLiteLLM' {
        $links = @($help.relatedLinks.navigationLink.linkText)
        $links | Should -Contain 'about_HxLiteLLM'
        $namespace = (Get-Command $Name).ImplementingType.Namespace
        $area = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | Where-Object { $_.ImplementingType.Namespace -eq $namespace -and $_.Name -ne $Name }).Name
        foreach ($other in $area) { $links | Should -Contain $other }
        $links | Should -Not -Contain $Name
    }

    It 'has at least one example with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($ex in $help.examples.example) {
            $ex.code | Should -Not -BeNullOrEmpty
            ($ex.remarks.Text -join ' ') | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Help of <Name> (ShouldProcess)' -ForEach $shouldProcess {
    It 'lists -WhatIf and -Confirm in every syntax line and in its parameters, described' {
        $help = Get-Help $Name -Full
        foreach ($item in $help.syntax.syntaxItem) {
            @($item.parameter.name) | Should -Contain 'WhatIf'
            @($item.parameter.name) | Should -Contain 'Confirm'
        }
        foreach ($p in 'WhatIf', 'Confirm') {
            $entry = $help.parameters.parameter | Where-Object name -eq $p
            ($entry.description.Text -join ' ') | Should -Not -BeNullOrEmpty
            $entry.defaultValue | Should -Be 'False'
        }
    }
}

Describe 'Help types' {
    It 'shows an optional value type as the type to give, never as Nullable`1, in SYNTAX, PARAMETERS and INPUTS' {
        foreach ($command in Get-Command -Module HxLiteLLM -CommandType Cmdlet) {
            $text = Get-Help $command.Name -Full | Out-String -Width 200
            $text | Should -Not -Match '`1' -Because "$($command.Name) shows its types as a user gives them"
        }
        # SYNTAX is wrapped at the console's width, even inside words: joined again before matching.
        $syntax = (Get-Help Invoke-HxPreflight | Out-String -Width 400) -replace '\r?\n', ''
        $syntax | Should -Match ([regex]::Escape('[-Port <Int32>]'))
    }
}

Describe 'Help defaults' {
    It 'shows the value a parameter has when it is not given' {
        $help = Get-Help Invoke-HxPreflight -Full
        ($help.parameters.parameter | Where-Object name -eq 'ThrottleLimit').defaultValue | Should -Be '32'
        ($help.parameters.parameter | Where-Object name -eq 'CommandTimeout').defaultValue | Should -Be '00:01:00'
        ((Get-Help Get-HxVaultContent -Full).parameters.parameter | Where-Object name -eq 'Raw').defaultValue | Should -Be 'False'
    }
}

Describe 'Examples of <Name>' -ForEach $allRunnable {
    It 'are all marked runnable in a copy of examples/hx-dev' {
        foreach ($ex in (Get-Help $Name -Full).examples.example) {
            ($ex.remarks.Text -join ' ') | Should -BeLike '*Runs as is in a copy of examples/hx-dev*' -Because $ex.code
        }
    }
}

Describe 'Runnable example <Number> of <Name>' -ForEach $runnable {
    It 'runs without error in a fresh copy of examples/hx-dev, with the vault password it names itself' {
        $copy = Join-Path $TestDrive "$Name-$Number"
        Copy-HxExample hx-dev $copy
        Push-Location $copy
        $saved = $env:ANSIBLE_VAULT_PASSWORD_FILE
        $env:ANSIBLE_VAULT_PASSWORD_FILE = $null
        try {
            $Error.Clear()
            $null = Invoke-Expression $Code -ErrorAction Stop
            $Error.Count | Should -Be 0
        } finally {
            $env:ANSIBLE_VAULT_PASSWORD_FILE = $saved
            Pop-Location
        }
    }
}

Describe 'about_HxLiteLLM' {
    It 'is installed with the module' {
        $about = Get-Help about_HxLiteLLM
        ($about | Out-String) | Should -BeLike '*EVIDENCE*'
    }
}
