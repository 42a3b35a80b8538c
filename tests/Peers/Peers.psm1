# Real peers for the tests and benchmarks: Debian's sshd, dnsmasq, ansible-core (with passlib), python3-jinja2 and openssl,
# installed when missing and started on 127.0.0.1 only, with every file under one temp folder; and a wheelhouse holding
# the LiteLLM stand-in (fake_litellm.py packaged as hx-litellm-standin) for deploying the example role without PyPI.
Set-StrictMode -Version Latest

$script:Packages = [ordered]@{
    # package          = file that proves it is installed
    'openssh-server'   = '/usr/sbin/sshd'
    'dnsmasq-base'     = '/usr/sbin/dnsmasq'
    'ansible-core'     = '/usr/bin/ansible-inventory'
    'python3-jinja2'   = '/usr/lib/python3/dist-packages/jinja2/__init__.py'
    # ansible-core recommends passlib and uses it for password_hash when present (rounds, errors); a recommends-less
    # install would fall back to crypt and hash differently.
    'python3-passlib'  = '/usr/lib/python3/dist-packages/passlib/__init__.py'
    'openssl'          = '/usr/bin/openssl'
    # Building the stand-in's wheel offline, and the role's `python3 -m venv` and pip task.
    'python3-pip'        = '/usr/lib/python3/dist-packages/pip/__init__.py'
    'python3-setuptools' = '/usr/lib/python3/dist-packages/setuptools/__init__.py'
    'python3-wheel'      = '/usr/lib/python3/dist-packages/wheel/__init__.py'
    'python3-venv'       = '/usr/lib/python3.11/ensurepip/__init__.py'
}

# The loopback SSH target logs in as this user, whose shell profile is empty (root's here runs pyenv init).
$script:PeerUser = 'hxpeer'

function Test-PeerPrivilege {
    if (-not $IsLinux) { return 'peers need Linux' }
    if ((& id -u) -ne '0') { return 'peers need root (apt-get, sshd)' }
    if (-not (Get-Command apt-get -ErrorAction Ignore)) { return 'peers need apt-get' }
    return $null
}

function Install-PeerPackage {
    $missing = @($script:Packages.Keys | Where-Object { -not (Test-Path $script:Packages[$_]) })
    if ($missing.Count -eq 0) { return }
    Write-Host "Installing peers: $($missing -join ', ')"
    # Packages must not start their system services (sshd on 0.0.0.0:22): policy-rc.d 101 forbids it.
    $policy = '/usr/sbin/policy-rc.d'
    $hadPolicy = Test-Path $policy
    if (-not $hadPolicy) { Set-Content -Path $policy -Value "#!/bin/sh`nexit 101" -NoNewline; & chmod 755 $policy }
    try {
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get update -qq 2>&1 | Out-Null
        & apt-get install -y -qq --no-install-recommends @missing 2>&1 | Select-Object -Last 3 | Write-Host
        if ($LASTEXITCODE -ne 0) { throw "apt-get install $($missing -join ' ') failed ($LASTEXITCODE)" }
    } finally {
        if (-not $hadPolicy) { Remove-Item $policy -Force }
    }
}

function Get-FreeLoopbackPort {
    # A port free for both TCP and UDP (dnsmasq listens on both).
    for ($i = 0; $i -lt 50; $i++) {
        $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $tcp.Start()
        $port = $tcp.LocalEndpoint.Port
        try {
            $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, $port))
            $udp.Dispose()
            return $port
        } catch {
            continue
        } finally {
            $tcp.Stop()
        }
    }
    throw 'no free loopback port'
}

function Initialize-PeerUser {
    if (-not (& getent passwd $script:PeerUser)) {
        & useradd --create-home --shell /bin/sh $script:PeerUser
        if ($LASTEXITCODE -ne 0) { throw "useradd $script:PeerUser failed" }
    }
    # No password, but not locked: without PAM, sshd refuses key logins to locked ("!") accounts.
    & usermod -p '*' $script:PeerUser
    $home_ = (& getent passwd $script:PeerUser).Split(':')[5]
    foreach ($f in '.profile', '.bashrc', '.bash_profile', '.bash_login') {
        $p = Join-Path $home_ $f
        if (Test-Path $p) { Set-Content -Path $p -Value '' -NoNewline }
    }
    return $home_
}

function Wait-PeerPort([int] $Port, [string] $Name, [System.Diagnostics.Process] $Process, [string] $Log) {
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($Process.HasExited) { throw "$Name exited ($($Process.ExitCode)): $(Get-Content $Log -Raw -ErrorAction Ignore)" }
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); return } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
    }
    throw "$Name did not listen on 127.0.0.1:$Port"
}

# The stand-in's wheel (hx_litellm_standin-0.1.0-py3-none-any.whl) built offline with Debian's pip, setuptools and wheel
# into <Directory>/wheelhouse, for `pip install --no-index --find-links`. Built from a copy: pip builds in the source tree.
function New-PeerStandinWheel([string] $Directory) {
    $source = Join-Path $Directory 'standin-src'
    $wheelhouse = Join-Path $Directory 'wheelhouse'
    New-Item -ItemType Directory -Force -Path $source, $wheelhouse | Out-Null
    Copy-Item "$PSScriptRoot/standin/setup.py", "$PSScriptRoot/fake_litellm.py" $source
    $log = & /usr/bin/python3 -m pip wheel --no-index --no-build-isolation --no-deps --no-cache-dir --disable-pip-version-check -w $wheelhouse $source 2>&1
    if ($LASTEXITCODE -ne 0) { throw "building the stand-in wheel failed ($LASTEXITCODE): $($log -join "`n")" }
    & chmod -R a+rX $wheelhouse
    return $wheelhouse
}

<#
.SYNOPSIS
Installs and starts the loopback peers; returns a description object and sets HX_PEER_* variables.
#>
function Start-PeerFixture {
    [CmdletBinding()]
    param(
        # Extra lines for dnsmasq's hosts file ("<address> <name>").
        [string[]] $HostsEntries = @(),
        # Extra dnsmasq options. The default adds names for the DNS failure tests: mismatch.hx.test -> 127.0.0.5
        # whose PTR is elsewhere.hx.test (forward/reverse mismatch), and noptr.hx.test -> 127.0.0.6 without a PTR
        # (NXDOMAIN, since 127.in-addr.arpa is answered locally like hx.test).
        [string[]] $DnsmasqOptions = @('--address=/mismatch.hx.test/127.0.0.5', '--ptr-record=5.0.0.127.in-addr.arpa,elsewhere.hx.test',
            '--address=/noptr.hx.test/127.0.0.6', '--local=/127.in-addr.arpa/')
    )
    $reason = Test-PeerPrivilege
    if ($reason) { return [pscustomobject]@{ Available = $false; Reason = $reason } }
    Install-PeerPackage
    $userHome = Initialize-PeerUser

    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("hx-peers-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $dir | Out-Null
    & chmod 755 $dir

    # sshd: own host key, key-only login for the peer user, local and forwarded TCP allowed (direct-tcpip checks).
    & ssh-keygen -q -t ed25519 -N '' -f "$dir/ssh_host_ed25519_key" -C hx-peer-host
    & ssh-keygen -q -t ed25519 -N '' -f "$dir/client_ed25519" -C hx-peer-client
    Copy-Item "$dir/client_ed25519.pub" "$dir/authorized_keys"
    & chown "$($script:PeerUser)" "$dir/authorized_keys"
    & chmod 644 "$dir/authorized_keys"
    New-Item -ItemType Directory -Path /run/sshd -Force | Out-Null
    $sshPort = Get-FreeLoopbackPort
    @"
Port $sshPort
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $($script:PeerUser)
AllowTcpForwarding yes
UseDNS no
PrintMotd no
PrintLastLog no
MaxStartups 300:30:400
MaxSessions 50
LogLevel ERROR
Subsystem sftp internal-sftp
"@ | Set-Content "$dir/sshd_config"
    # The target's own resolver (what its getent sees) is a resolv.conf of its own in a mount namespace, naming only
    # loopback where nothing answers: name lookups on the target stay on loopback, and names that only dnsmasq knows
    # do not resolve there (a target with a broken resolv.conf).
    "nameserver 127.0.0.1`noptions timeout:1 attempts:1" | Set-Content "$dir/resolv.conf"
    $sshd = Start-Process -FilePath /usr/bin/unshare -ArgumentList @('-m', '/bin/sh', '-c',
        "`"mount --bind $dir/resolv.conf /etc/resolv.conf && exec /usr/sbin/sshd -D -e -f $dir/sshd_config`"") `
        -RedirectStandardError "$dir/sshd.log" -RedirectStandardOutput "$dir/sshd.out" -PassThru
    Wait-PeerPort $sshPort 'sshd' $sshd "$dir/sshd.log"
    $hostKey = (Get-Content "$dir/ssh_host_ed25519_key.pub" -Raw).Trim().Split(' ')
    "[127.0.0.1]:$sshPort $($hostKey[0]) $($hostKey[1])" | Set-Content "$dir/known_hosts"

    # dnsmasq: answers only from its own hosts file (forward and reverse), no upstream servers.
    $dnsPort = Get-FreeLoopbackPort
    $hosts = @('127.0.0.1 gateway.hx.test', '127.0.0.2 node1.hx.test', '127.0.0.3 node2.hx.test') + $HostsEntries
    $hosts | Set-Content "$dir/hosts"
    & chmod 644 "$dir/hosts"
    $dnsmasq = Start-Process -FilePath /usr/sbin/dnsmasq -ArgumentList @(
        '--keep-in-foreground', "--port=$dnsPort", '--listen-address=127.0.0.1', '--bind-interfaces',
        '--no-resolv', '--no-hosts', "--addn-hosts=$dir/hosts", "--pid-file=$dir/dnsmasq.pid",
        '--user=root', '--group=root', "--log-facility=$dir/dnsmasq.log", '--local=/hx.test/' + $DnsmasqOptions) `
        -RedirectStandardError "$dir/dnsmasq.err" -RedirectStandardOutput "$dir/dnsmasq.out" -PassThru
    Wait-PeerPort $dnsPort 'dnsmasq' $dnsmasq "$dir/dnsmasq.err"

    # A LiteLLM-shaped gateway for the endpoint smoke test (the real proxy needs PyPI).
    $gatewayKey = 'sk-' + -join ((1..32) | ForEach-Object { '{0:x2}' -f (Get-Random -Maximum 256) })
    $gateway = Start-Process -FilePath /usr/bin/python3 -ArgumentList @("$PSScriptRoot/fake_litellm.py", '--key', $gatewayKey) `
        -RedirectStandardOutput "$dir/gateway.port" -RedirectStandardError "$dir/gateway.err" -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not (Get-Content "$dir/gateway.port" -ErrorAction Ignore) -and [DateTime]::UtcNow -lt $deadline) {
        if ($gateway.HasExited) { throw "gateway exited: $(Get-Content "$dir/gateway.err" -Raw)" }
        Start-Sleep -Milliseconds 100
    }
    $gatewayPort = [int](Get-Content "$dir/gateway.port" | Select-Object -First 1)
    Wait-PeerPort $gatewayPort 'gateway' $gateway "$dir/gateway.err"

    $wheelhouse = New-PeerStandinWheel $dir

    $fixture = [pscustomobject]@{
        Available      = $true
        Reason         = ''
        Directory      = $dir
        SshPort        = $sshPort
        SshUser        = $script:PeerUser
        SshUserHome    = $userHome
        SshKey         = "$dir/client_ed25519"
        KnownHosts     = "$dir/known_hosts"
        HostKeyType    = $hostKey[0]
        DnsServer      = "127.0.0.1:$dnsPort"
        DnsHostsFile   = "$dir/hosts"
        GatewayUri     = "http://127.0.0.1:$gatewayPort"
        GatewayKey     = $gatewayKey
        Wheelhouse     = $wheelhouse
        Processes      = @($sshd, $dnsmasq, $gateway)
    }
    $env:HX_PEER_DIR = $dir
    $env:HX_PEER_SSH_PORT = "$sshPort"
    $env:HX_PEER_SSH_USER = $script:PeerUser
    $env:HX_PEER_SSH_KEY = $fixture.SshKey
    $env:HX_PEER_SSH_KNOWN_HOSTS = $fixture.KnownHosts
    $env:HX_PEER_DNS = $fixture.DnsServer
    $env:HX_PEER_GATEWAY = $fixture.GatewayUri
    $env:HX_PEER_GATEWAY_KEY = $gatewayKey
    $env:HX_PEER_WHEELHOUSE = $wheelhouse
    return $fixture
}

function Stop-PeerFixture {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Fixture)
    if (-not $Fixture.Available) { return }
    foreach ($p in $Fixture.Processes) {
        if (-not $p.HasExited) { $p.Kill(); $p.WaitForExit(5000) | Out-Null }
    }
    Remove-Item -Recurse -Force $Fixture.Directory -ErrorAction Ignore
    foreach ($v in 'HX_PEER_DIR', 'HX_PEER_SSH_PORT', 'HX_PEER_SSH_USER', 'HX_PEER_SSH_KEY', 'HX_PEER_SSH_KNOWN_HOSTS', 'HX_PEER_DNS', 'HX_PEER_GATEWAY', 'HX_PEER_GATEWAY_KEY', 'HX_PEER_WHEELHOUSE') {
        Remove-Item "env:$v" -ErrorAction Ignore
    }
}

Export-ModuleMember -Function Start-PeerFixture, Stop-PeerFixture
