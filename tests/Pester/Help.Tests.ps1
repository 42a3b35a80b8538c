BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:commands = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
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
    $script:common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
        [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name
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

    It 'has at least one example with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($ex in $help.examples.example) {
            $ex.code | Should -Not -BeNullOrEmpty
            ($ex.remarks.Text -join ' ') | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Runnable example <Number> of <Name>' -ForEach $runnable {
    It 'runs without error in a copy of examples/hx-dev' {
        $copy = Join-Path $TestDrive "$Name-$Number"
        Copy-Item -Recurse (Join-Path (Get-HxRepoRoot) 'examples/hx-dev') $copy
        Push-Location $copy
        $env:ANSIBLE_VAULT_PASSWORD_FILE = Join-Path $copy '.vault-pass'
        try {
            $Error.Clear()
            $null = Invoke-Expression $Code -ErrorAction Stop
            $Error.Count | Should -Be 0
        } finally {
            Remove-Item env:ANSIBLE_VAULT_PASSWORD_FILE
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
