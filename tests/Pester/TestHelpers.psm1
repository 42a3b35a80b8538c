# Shared by the Pester suites: where the built module is, and the peer fixture the Test task started.
Set-StrictMode -Version Latest

function Get-HxBuiltModulePath {
    if (-not $env:HX_MODULE_PATH) { throw 'HX_MODULE_PATH is not set: run the tests through build.ps1 -Task Test (they test the built module, never the sources)' }
    return $env:HX_MODULE_PATH
}

function Get-HxRepoRoot { return (Resolve-Path "$PSScriptRoot/../..").Path }

# Why a peer-dependent test cannot run here, or $null when it can. Under CI=true peers must be there:
# the test then runs (and fails) instead of being skipped.
function Get-HxPeerSkipReason {
    if ($env:HX_PEER_SSH_PORT) { return $null }
    if ($env:CI -eq 'true') { return $null }
    return 'real peers not provisioned (run as root through build.ps1 -Task Test)'
}

# Runs a script in a fresh pwsh (the module loaded as a user would), with its console output in $Directory; a run
# that does not end within $TimeoutSeconds is killed and fails the test instead of hanging it.
function Invoke-HxChildScript([string] $Script, [string] $Directory, [int] $TimeoutSeconds) {
    Set-Content "$Directory/run.ps1" $Script
    $p = Start-Process dotnet -PassThru -ArgumentList @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', "$Directory/run.ps1") `
        -RedirectStandardOutput "$Directory/console.txt" -RedirectStandardError "$Directory/console-error.txt"
    if (-not $p.WaitForExit($TimeoutSeconds * 1000)) {
        $p.Kill($true)
        throw "the run did not end within $TimeoutSeconds s: $(Get-Content "$Directory/console.txt" -Raw)"
    }
}

# A suite's counts (inputs, kills, hosts, files scanned), one line, printed with the Test task's summary.
function Write-HxTestReport([string] $Line) { if ($env:HX_TEST_REPORT) { Add-Content $env:HX_TEST_REPORT $Line } }

Export-ModuleMember -Function Get-HxBuiltModulePath, Get-HxRepoRoot, Get-HxPeerSkipReason, Invoke-HxChildScript, Write-HxTestReport
