<#
.SYNOPSIS
Builds, tests, demonstrates, packages and benchmarks HxLiteLLM.

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo
Builds the module and runs it on the bundled example.

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
Builds, starts the real peers on loopback, runs the unit and Pester tests, prints "N passed, N failed, N skipped".
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Test: the reliability suites with bigger counts (100,000 fuzz inputs per parser, 500 kills) instead of CI's.
    [switch] $Long,
    # Passed on to bench/Invoke-Bench.ps1, words separated by spaces: -BenchArguments '-Rows Preflight,Vault -Pairs 1'
    [string] $BenchArguments = '',
    # Test: which suites run (developers narrowing a run; CI runs All).
    [ValidateSet('All', 'Unit', 'Pester')]
    [string] $Suite = 'All',
    # Test: a dotnet test --filter expression for the unit suite, e.g. 'FullyQualifiedName~Vault'.
    [string] $UnitFilter = '',
    # Test: Pester files or folders to run instead of tests/Pester (comma-separated, since pwsh -File passes no arrays).
    [string[]] $PesterPath = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# The pwsh and dotnet processes started from here (tests, demo, bench) send no telemetry: nothing leaves loopback,
# and a bench would otherwise time the telemetry upload with the work.
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

$Root = $PSScriptRoot
$Version = ([xml](Get-Content "$Root/Directory.Build.props")).Project.PropertyGroup.HxVersion
$Out = Join-Path $Root 'out'
$ModuleDir = Join-Path $Out "HxLiteLLM/$Version"

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# A fresh pwsh of the same version: tests and demos load the built module in a clean process.
# (Run as a dotnet tool, this process is `dotnet pwsh.dll`, so start the child the same way.)
function Invoke-ChildPwsh([string[]] $Arguments) {
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @Arguments | Out-Host
    return $LASTEXITCODE
}

function Invoke-Build {
    $publish = Join-Path $Out 'publish'
    Remove-Item -Recurse -Force $publish, $ModuleDir -ErrorAction Ignore
    Invoke-Native dotnet @('publish', "$Root/src/HxLiteLLM.PowerShell", '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')
    $deps = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDir 'Dependencies')
    # Beside the manifest: the thin cmdlet assembly and the result types, both in the default load context so scripts
    # can name the types; everything else (engine, third-party) is private to our resolver.
    $beside = 'HxLiteLLM.dll', 'HxLiteLLM.Results.dll'
    $beside | ForEach-Object { Copy-Item "$publish/$_" $ModuleDir }
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -notin $beside | Copy-Item -Destination $deps
    Copy-Item "$Root/src/HxLiteLLM.PowerShell/Formats/HxLiteLLM.Format.ps1xml" $ModuleDir
    # Invoke-HxAnsiblePlaybook's supervisor and callback plugin (Python run by Ansible's interpreter; no exec bit needed).
    Copy-Item -Recurse "$Root/src/HxLiteLLM.Engine/Deploy/ansible" (Join-Path $ModuleDir 'ansible')
    New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDir 'en-US') | Out-Null
    Copy-Item "$Root/src/HxLiteLLM.PowerShell/Help/about_HxLiteLLM.help.txt" (Join-Path $ModuleDir 'en-US')
    (Get-Content "$Root/HxLiteLLM.psd1" -Raw).Replace('{{HxVersion}}', $Version) |
        Set-Content -Path (Join-Path $ModuleDir 'HxLiteLLM.psd1') -NoNewline
    $code = Invoke-ChildPwsh @('-File', "$Root/tools/New-HxHelp.ps1", '-ModulePath', (Join-Path $ModuleDir 'HxLiteLLM.psd1'),
        '-XmlDocPath', "$publish/HxLiteLLM.xml", '-OutFile', (Join-Path $ModuleDir 'en-US/HxLiteLLM.dll-Help.xml'))
    if ($code -ne 0) { throw "help generation failed ($code)" }
    Write-Host "Built HxLiteLLM $Version -> $ModuleDir"
}

function Get-PesterModulePath {
    # Pester comes from NuGet (the unit test project downloads it); PSGallery is not reachable.
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $nugetRoot 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) { Invoke-Native dotnet @('restore', "$Root/tests/Unit", '--nologo', '-v', 'quiet') }
    return $path
}

function Invoke-UnitTest {
    $results = Join-Path $Out 'test'
    Remove-Item -Recurse -Force $results -ErrorAction Ignore
    $filter = if ($UnitFilter) { @('--filter', $UnitFilter) } else { @() }
    # The engine's tests, then the cmdlets hosted in-process on the module just built (tests/Cmdlets); one trx each.
    $sum = [pscustomobject]@{ Suite = 'Unit'; Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in 'Unit', 'Cmdlets') {
        $trxName = $project.ToLowerInvariant() + '.trx'
        & dotnet test "$Root/tests/$project" -c $Configuration --nologo --logger "trx;LogFileName=$trxName" --results-directory $results @filter | Out-Host
        $trxPath = Join-Path $results $trxName
        if (-not (Test-Path $trxPath)) {
            # -UnitFilter may match no test of one project: dotnet test says so and succeeds without a trx.
            if ($LASTEXITCODE -ne 0) { throw "dotnet test tests/$project failed with exit code $LASTEXITCODE and wrote no $trxName" }
            continue
        }
        $c = ([xml](Get-Content $trxPath)).TestRun.ResultSummary.Counters
        $sum.Passed += [int]$c.passed
        $sum.Failed += [int]$c.failed + [int]$c.error + [int]$c.timeout
        $sum.Skipped += [int]$c.notExecuted
    }
    return $sum
}

function Invoke-PesterTest {
    $summary = Join-Path $Out 'test/pester-summary.json'
    New-Item -ItemType Directory -Force -Path (Join-Path $Out 'test') | Out-Null
    Remove-Item $summary -ErrorAction Ignore
    $pester = Get-PesterModulePath
    $paths = if ($PesterPath) { ($PesterPath -split ',' | Where-Object { $_ } | ForEach-Object { "'" + (Resolve-Path $_).Path + "'" }) -join ',' } else { "'$Root/tests/Pester'" }
    $script = @"
Import-Module '$pester'
`$c = New-PesterConfiguration
`$c.Run.Path = @($paths)
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Detailed'
`$c.TestResult.Enabled = `$true
`$c.TestResult.OutputPath = '$Out/test/pester.xml'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount + `$r.NotRunCount } | ConvertTo-Json | Set-Content '$summary'
"@
    # A child pwsh, so the tests load the built module fresh and never the sources.
    $env:HX_MODULE_PATH = Join-Path $ModuleDir 'HxLiteLLM.psd1'
    Invoke-ChildPwsh @('-Command', $script) | Out-Null
    if (-not (Test-Path $summary)) { throw 'Pester did not report a summary' }
    $s = Get-Content $summary -Raw | ConvertFrom-Json
    return [pscustomobject]@{ Suite = 'Pester'; Passed = $s.Passed; Failed = $s.Failed; Skipped = $s.Skipped }
}

function Invoke-Test {
    Invoke-Build
    Import-Module "$Root/tests/Peers/Peers.psm1" -Force
    $fixture = Start-PeerFixture
    if (-not $fixture.Available) {
        if ($env:CI -eq 'true') { throw "CI=true but the real peers cannot be provisioned: $($fixture.Reason)" }
        Write-Warning "Real peers not provisioned, their tests will be skipped: $($fixture.Reason)"
    }
    # Suites that count things (fuzz inputs, kills, hosts) append lines here; they are printed with the summary.
    $env:HX_TEST_REPORT = Join-Path $Out 'test-report.txt'
    $env:HX_LONG = if ($Long) { 'true' } else { $null }
    Remove-Item $env:HX_TEST_REPORT -ErrorAction Ignore
    try {
        $suites = @(
            if ($Suite -ne 'Pester') { Invoke-UnitTest }
            if ($Suite -ne 'Unit') { Invoke-PesterTest })
    } finally {
        Stop-PeerFixture $fixture
    }
    if (Test-Path $env:HX_TEST_REPORT) { Get-Content $env:HX_TEST_REPORT | Write-Host }
    $suites | Format-Table -AutoSize | Out-String | Write-Host
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    $skipped = ($suites | Measure-Object Skipped -Sum).Sum
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { throw "$failed test(s) failed" }
    if ($passed -eq 0) { throw 'no test ran' }
}

function Invoke-Demo {
    Invoke-Build
    $example = Join-Path $Root 'examples/hx-dev'
    # The whole pipeline on the bundled example: no server to set up; what cannot pass on a plain machine
    # (domain join, CA trust without a CA) is reported with its fix, and -ContinueOnFailure runs it to the end.
    # Run from the example folder, as Ansible is run from its project root: evidence and rendered files go to ./.evidence and ./.rendered there.
    $script = @"
Import-Module '$ModuleDir/HxLiteLLM.psd1'
Set-Location '$example'
`$all = Invoke-HxLiteLLMPipeline -InventoryPath ./inventory/hosts.ini -RolePath ./roles/litellm ``
    -VaultPasswordFile ./.vault-pass -ContinueOnFailure -InformationVariable phases
`$all | Format-Table Task, Phase, Check, Status, Category, Message -Wrap
`$phases.MessageData | Format-Table -AutoSize
"Evidence: $example/.evidence"
Get-ChildItem ./.evidence | Sort-Object Name | Format-Table Name, LastWriteTime -AutoSize
"@
    $code = Invoke-ChildPwsh @('-Command', $script)
    if ($code -ne 0) { throw "demo failed ($code)" }
}

function Invoke-Package {
    Invoke-Build
    $feed = New-Item -ItemType Directory -Force -Path (Join-Path $Out 'packages')
    Compress-PSResource -Path $ModuleDir -DestinationPath $feed
    Write-Host "Package -> $feed"
}

function Invoke-Bench {
    Invoke-Build
    $code = Invoke-ChildPwsh (@('-File', "$Root/bench/Invoke-Bench.ps1", '-ModulePath', "$ModuleDir/HxLiteLLM.psd1", '-OutputPath', "$Root/bench/results") + @($BenchArguments -split '\s+' | Where-Object { $_ }))
    if ($code -ne 0) { throw "bench failed ($code)" }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
}
