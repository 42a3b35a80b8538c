BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $closed.Start(); $script:deadDns = "127.0.0.1:$($closed.LocalEndpoint.Port)"; $closed.Stop()
    $evidence = Join-Path $TestDrive 'evidence'
    # Real results of both kinds: a local Python check and DNS queries to a server that is not there.
    $script:results = @(
        Test-HxPythonRuntime -HostName localhost -Connection local -MinimumVersion 3.0 -EvidencePath $evidence
        'a.hx.test', 'b.hx.test' | Test-HxDnsResolution -DnsServer $deadDns -DnsTimeout 00:00:00.300 -EvidencePath $evidence
    )
}

Describe 'Export-HxJUnitReport' {
    It 'writes well-formed JUnit whose counts equal the results' {
        $path = Join-Path $TestDrive 'junit.xml'
        $change = $results | Export-HxJUnitReport -Path $path
        $change.Changed | Should -BeTrue
        $xml = [xml](Get-Content $path -Raw)
        [int]$xml.testsuites.tests | Should -Be $results.Count
        [int]$xml.testsuites.failures | Should -Be @($results | Where-Object Status -eq Failed).Count
        [int]$xml.testsuites.skipped | Should -Be @($results | Where-Object Status -eq Skipped).Count
        @($xml.testsuites.testsuite).name | Should -Be @('Preflight')
        @($xml.testsuites.testsuite.testcase).Count | Should -Be $results.Count
        @($xml.testsuites.testsuite.testcase | Where-Object { $_.failure }).Count | Should -BeGreaterThan 1
    }

    It 'writes loadable XML when a result quotes control characters and CI commands, shown as \uXXXX and made inert' {
        $hostile = "`e[2J`a`u{1}`u{7f} value`r`n::error file=x::owned`n##vso[task.setvariable variable=v]leak"
        $r = [HxLiteLLM.Results.HxCheckResult]::new('Inventory', 'BindHost', "gw`e[1m", 'Failed', "not $hostile")
        $r.Remediation = "fix $hostile"
        $path = Join-Path $TestDrive 'hostile.xml'
        $r | Export-HxJUnitReport -Path $path | Out-Null
        $reader = [System.Xml.XmlReader]::Create($path)
        try { $xml = [System.Xml.XmlDocument]::new(); $xml.Load($reader) } finally { $reader.Dispose() }
        $failure = $xml.testsuites.testsuite.testcase.failure
        $failure.message | Should -BeLike 'not \u001b`[2J\u0007\u0001\u007f value*\u003a:error file=x::owned*\u0023#vso`[task.setvariable*'
        $xml.testsuites.testsuite.testcase.name | Should -Be 'BindHost [gw\u001b[1m]'
        $r.ToString() -split "`n" | ForEach-Object { $_ | Should -Not -Match '^\s*(::[a-z]|##\[|.*##vso\[)' }
    }

    It 'passes the results on with -PassThru and writes nothing under -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.xml'
        $out = @($results | Export-HxJUnitReport -Path $path -PassThru -WhatIf)
        $out.Count | Should -Be $results.Count
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Export-Csv of results' {
    It 'leaves no cell a spreadsheet would run as a formula when a host name is one' {
        $names = '=HYPERLINK("http://127.0.0.1/x")', '+cmd|x', '-2+3', '@SUM(1+1)', " `t=1+2"
        $r = @($names | Test-HxDnsResolution -DnsServer $deadDns -DnsTimeout 00:00:00.300 -EvidencePath (Join-Path $TestDrive 'csv-evidence'))
        $r.Count | Should -Be $names.Count
        $path = Join-Path $TestDrive 'results.csv'
        $r | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows.Count | Should -Be $names.Count
        foreach ($row in $rows) {
            foreach ($cell in $row.PSObject.Properties.Value) { $cell | Should -Not -Match '^[\s]*[=+\-@]' }
        }
        $rows.Target | Sort-Object | Should -Be ($names | ForEach-Object { "'$_" } | Sort-Object)
    }
}
