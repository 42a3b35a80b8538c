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

# A fresh copy of examples/hx-dev that the example role can deploy on this machine: the stand-in gateway (the peer
# fixture's wheelhouse) in the role's process mode, every path under the copy's scratch folder, a dedicated service user
# and a free loopback port. The copy lies under a world-traversable folder: the gateway runs as the service user, which
# cannot read under /root. Vars holds the variables (also written to vars.yml); remove it with Remove-HxStandInDeploy.
function New-HxStandInDeploy {
    if (-not $env:HX_PEER_WHEELHOUSE) { throw 'HX_PEER_WHEELHOUSE is not set: the peer fixture builds the stand-in wheel (tests/Peers/Peers.psm1)' }
    $copy = Join-Path ([System.IO.Path]::GetTempPath()) ('hx-deploy-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    Copy-HxExample hx-dev $copy
    & chmod 755 $copy
    $scratch = Join-Path $copy 'scratch'
    New-Item -ItemType Directory $scratch | Out-Null
    do { $user = 'hxstandin' + (Get-Random -Minimum 1000 -Maximum 9999) } while (& getent passwd $user)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $vars = [ordered]@{
        litellm_service_manager = 'process'
        litellm_package         = 'hx-litellm-standin'
        litellm_pip_extra_args  = "--no-index --find-links $($env:HX_PEER_WHEELHOUSE)"
        litellm_port            = $port
        litellm_install_dir     = "$scratch/opt"
        litellm_venv_dir        = "$scratch/opt/venv"
        litellm_config_dir      = "$scratch/etc"
        litellm_pid_file        = "$scratch/litellm.pid"
        litellm_python          = '/usr/bin/python3'
        litellm_user            = $user
        litellm_group           = $user
    }
    ($vars.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value)" }) | Set-Content "$copy/vars.yml"
    return [pscustomobject]@{
        Copy = $copy; Port = $port; User = $user; PidFile = $vars.litellm_pid_file; ConfigDir = $vars.litellm_config_dir
        Vars = $vars; ModelsUri = "http://127.0.0.1:$port/v1/models"
    }
}

# Stops the stand-in gateway, removes its service user and the copy.
function Remove-HxStandInDeploy($Deploy) {
    if (-not $Deploy) { return }
    if (Test-Path $Deploy.PidFile) { & start-stop-daemon --stop --oknodo --retry 'TERM/10/KILL/5' --pidfile $Deploy.PidFile --remove-pidfile | Out-Null }
    if (& getent passwd $Deploy.User) { & userdel $Deploy.User }
    Remove-Item -Recurse -Force $Deploy.Copy -ErrorAction Ignore
}

# A copy of a bundled example without what a Demo or an earlier run left in it (.evidence, .rendered, _quarantine at any
# depth): a test never depends on what another README command did before it.
function Copy-HxExample([string] $Name, [string] $Destination) {
    Copy-Item -Recurse (Join-Path (Get-HxRepoRoot) "examples/$Name") $Destination
    @(Get-ChildItem $Destination -Recurse -Directory -Force | Where-Object Name -in '.evidence', '.rendered', '_quarantine') |
        Sort-Object { $_.FullName.Length } -Descending | Remove-Item -Recurse -Force -ErrorAction Ignore
}

# A suite's counts (inputs, kills, hosts, files scanned), one line, printed with the Test task's summary.
function Write-HxTestReport([string] $Line) { if ($env:HX_TEST_REPORT) { Add-Content $env:HX_TEST_REPORT $Line } }

Export-ModuleMember -Function Get-HxBuiltModulePath, Get-HxRepoRoot, Get-HxPeerSkipReason, Invoke-HxChildScript, Write-HxTestReport, New-HxStandInDeploy, Remove-HxStandInDeploy, Copy-HxExample
