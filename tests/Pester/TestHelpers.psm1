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

Export-ModuleMember -Function Get-HxBuiltModulePath, Get-HxRepoRoot, Get-HxPeerSkipReason
