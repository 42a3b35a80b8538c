# The default table of every result type (a type with Status and Message) fits an 80-column console: Status and
# Message are there, headers whole, and a long Message wraps instead of disappearing.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $long = 'the backend http://127.0.0.1:11434 did not answer within 5 seconds from gw1; check the firewall and the service on the backend host'
    $check = [HxLiteLLM.Results.HxCheckResult]::new('Preflight', 'NetworkConfig', 'gateway-01.hx.test', 'Warning', $long)
    $task = [HxLiteLLM.Results.HxPlaybookTaskResult]::new('gateway-01', 'litellm : Install the LiteLLM package', 'unreachable')
    $task.Message = $long
    $script:samples = @(
        @{ Type = 'HxCheckResult'; Sample = $check; Status = 'Warning' }
        @{ Type = 'HxPlaybookTaskResult'; Sample = $task; Status = 'unreachable' }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
}

Describe 'The default views' {
    It 'cover every result type with Status and Message' {
        $resultTypes = [HxLiteLLM.Results.HxCheckResult].Assembly.GetExportedTypes() |
            Where-Object { $_.GetProperty('Status') -and $_.GetProperty('Message') } | ForEach-Object Name
        @($resultTypes | Sort-Object) | Should -Be @($samples.Type | Sort-Object)
    }
}

Describe 'The default table of <Type> at 80 columns' -ForEach $samples {
    BeforeAll {
        $script:lines = @(($Sample | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
    }

    It 'fits in 80 columns' {
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows the Status and Message headers whole, on the header line' {
        $lines[0] | Should -Match '\bStatus\b'
        $lines[0] | Should -Match '\bMessage\s*$'
        $lines[1] | Should -Match '^[- ]+$'
    }

    # PowerShell wraps a column by width, splitting words, so the message is compared without its whitespace.
    It 'shows the status and the whole message, wrapped' {
        $lines[2] | Should -Match ([regex]::Escape($Status))
        $messageStart = $lines[0].IndexOf('Message')
        $message = ($lines | Select-Object -Skip 2 | ForEach-Object { $_.Substring([math]::Min($messageStart, $_.Length)).Trim() }) -join ' '
        ($message -replace '\s') | Should -Be ($Sample.Message -replace '\s')
    }
}
