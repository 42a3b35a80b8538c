<#
.SYNOPSIS
HxLiteLLM side by side with the Ansible tools it replaces, in one run: each row alternates ours and the peer
(>= 5 pairs after a warm-up) and reports both medians and the ratio peer/ours. Writes Markdown and JSON to
bench/results/. Timings live here, never in tests.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [int] $Pairs = 5,
    # Rows to run, by name or comma-separated (pwsh -File passes no arrays): Inventory, Template, Import, Preflight,
    # Fleet, Vault; all by default. The pre-flight row at 200 hosts takes minutes per pair, the fleet row at 5,000 more.
    [string[]] $Rows = @('Inventory', 'Template', 'Import', 'Preflight', 'Fleet', 'Vault'),
    # Inventory sizes of the pre-flight row, likewise.
    [string[]] $PreflightHosts = @('1', '50', '200'),
    # Inventory sizes of the fleet row (canned answers, controller cost only), likewise.
    [string[]] $FleetHosts = @('200', '1000', '5000')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$rowFunctions = [ordered]@{ Inventory = 'Invoke-InventoryRow'; Template = 'Invoke-TemplateRow'; Import = 'Invoke-ImportRow'; Preflight = 'Invoke-PreflightRow'; Fleet = 'Invoke-FleetRow'; Vault = 'Invoke-VaultRow' }
$Rows = $Rows -split ','
$unknown = @($Rows | Where-Object { -not $rowFunctions.Contains($_) })
if ($unknown) { throw "unknown row(s) $($unknown -join ', '); rows: $($rowFunctions.Keys -join ', ')" }
$hostCounts = [int[]]($PreflightHosts -split ',')
$fleetCounts = [int[]]($FleetHosts -split ',')
# Markdown sections printed after the table (the fleet row's profile).
$sections = [System.Collections.Generic.List[string]]::new()

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("hx-bench-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $work | Out-Null
& chmod 755 $work
$env:ANSIBLE_CONFIG = Join-Path $work 'ansible.cfg'
Set-Content $env:ANSIBLE_CONFIG ''
$pwshCommand = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive')
# Absolute: the measured commands run in other folders.
$module = (Resolve-Path -LiteralPath $ModulePath).ProviderPath.Replace("'", "''")
$results = [System.Collections.Generic.List[object]]::new()

# Runs a shell command line and returns wall, user and system seconds of it and its children (bash's `time`),
# and what it printed when an output file is given.
function Measure-Process([string] $CommandLine, [string] $OutputFile = '/dev/null') {
    $out = & bash -c "TIMEFORMAT='%R %U %S'; { time ( $CommandLine >'$OutputFile' 2>&1 ) ; } 2>&1"
    $parts = ($out | Select-Object -Last 1).Trim().Split(' ')
    [pscustomobject]@{
        Wall = [double]$parts[0]; Cpu = [double]$parts[1] + [double]$parts[2]
        Output = $(if ($OutputFile -ne '/dev/null') { Get-Content $OutputFile -Raw })
    }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[[math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

<#
Warm-up, then ours and the peer alternately; returns the timed samples of both sides. -Prepare runs before
every run (untimed) with 'Ours' or 'Peer'; -Verify gets the side and the run's output and throws when the run
did not do its work, so no row ever times failures.
#>
function Measure-Pairs([string] $Ours, [string] $Peer, [scriptblock] $Prepare = {}, [scriptblock] $Verify, [int] $Count = $Pairs) {
    $outputFile = if ($Verify) { Join-Path $work 'run.out' } else { '/dev/null' }
    $sides = [ordered]@{ Ours = $Ours; Peer = $Peer }
    $samples = @{ Ours = @(); Peer = @() }
    for ($i = -1; $i -lt $Count; $i++) {
        foreach ($side in $sides.Keys) {
            & $Prepare $side
            $sample = Measure-Process $sides[$side] $outputFile
            if ($Verify) { & $Verify $side $sample.Output }
            if ($i -ge 0) { $samples[$side] += $sample }
        }
    }
    [pscustomobject]$samples
}

# One row of two whole processes: medians of wall and CPU seconds.
function Measure-Row([string] $Name, [string] $Ours, [string] $Peer, [double] $Goal, [string] $Note = '', [scriptblock] $Prepare = {}, [scriptblock] $Verify) {
    Write-Host "== $Name"
    $s = Measure-Pairs $Ours $Peer $Prepare $Verify
    Add-Row $Name (Get-Median $s.Ours.Wall) (Get-Median $s.Peer.Wall) (Get-Median $s.Ours.Cpu) (Get-Median $s.Peer.Cpu) $Goal $Note
    $s
}

# A row whose goal is a ratio peer/ours of at least Goal (0: informational). CPU seconds are $null where they are not measured (in-process rows).
function Add-Row([string] $Name, [double] $OursSeconds, [double] $PeerSeconds, [Nullable[double]] $OursCpu, [Nullable[double]] $PeerCpu, [double] $Goal, [string] $Note) {
    $ratio = if ($OursSeconds -gt 0) { $PeerSeconds / $OursSeconds } else { [double]::PositiveInfinity }
    Add-Result $Name $OursSeconds $PeerSeconds ([math]::Round($ratio, 1)) $Goal ($Goal -le 0 -or $ratio -ge $Goal) $OursCpu $PeerCpu $Note
}

# A row whose goal is an upper bound on ours (the peer column holds the reference named in the note).
function Add-LimitRow([string] $Name, [double] $Ours, [Nullable[double]] $Reference, [double] $Limit, [Nullable[double]] $OursCpu, [Nullable[double]] $ReferenceCpu, [string] $Note) {
    Add-Result $Name $Ours $Reference $null $Limit ($Ours -le $Limit) $OursCpu $ReferenceCpu $Note
}

function Add-Result($Name, $Ours, $Peer, $Ratio, $Goal, $MeetsGoal, $OursCpu, $PeerCpu, $Note) {
    $row = [pscustomobject]@{
        Row = $Name; OursSeconds = [math]::Round($Ours, 4); PeerSeconds = $(if ($null -ne $Peer) { [math]::Round($Peer, 4) })
        Ratio = $Ratio; Goal = $Goal; MeetsGoal = $MeetsGoal
        OursCpuSeconds = $(if ($null -ne $OursCpu) { [math]::Round($OursCpu, 3) }); PeerCpuSeconds = $(if ($null -ne $PeerCpu) { [math]::Round($PeerCpu, 3) }); Note = $Note
    }
    $results.Add($row)
    $row | Format-List | Out-String | Write-Host
}

# A bash command line: pwsh imports the module and runs the script.
function Get-OursCommand([string] $Script) {
    "$($pwshCommand -join ' ') -c '" + "Import-Module '$module'; $Script".Replace("'", "'\''") + "'"
}

# --- Inventory: 10,000 hosts, 100 groups, inline vars, :vars, one :children ---
function Invoke-InventoryRow {
    $ini = Join-Path $work 'inventory-10k.ini'
    $sb = [System.Text.StringBuilder]::new()
    for ($g = 0; $g -lt 100; $g++) {
        [void]$sb.AppendLine("[group$g]")
        for ($h = 0; $h -lt 100; $h++) {
            $n = $g * 100 + $h
            [void]$sb.AppendLine("hx-node-$('{0:d5}' -f $n).bench.test ansible_host=10.$g.$h.1 ansible_port=22 rack=$h role=`"worker node`"")
        }
        [void]$sb.AppendLine("[group${g}:vars]`nlitellm_port=4000`nzone=z$($g % 7)")
    }
    [void]$sb.AppendLine("[bench:children]`n" + ((0..99 | ForEach-Object { "group$_" }) -join "`n"))
    [System.IO.File]::WriteAllText($ini, $sb.ToString())
    $s = Measure-Row 'Inventory 10,000 hosts: --list (whole process)' (Get-OursCommand "Get-HxInventory -Path '$ini' -AsAnsibleJson | Out-Null") "ansible-inventory -i '$ini' --list" 50

    # In-process time of ours: the same call repeated in one session after a warm-up.
    $inProcess = & $pwshCommand[0] $pwshCommand[1..($pwshCommand.Count - 1)] -c @"
Import-Module '$module'
Get-HxInventory -Path '$ini' -AsAnsibleJson | Out-Null
`$t = 1..$Pairs | ForEach-Object { (Measure-Command { Get-HxInventory -Path '$ini' -AsAnsibleJson | Out-Null }).TotalSeconds }
(`$t | Sort-Object)[[math]::Floor(`$t.Count / 2)]
"@
    Add-Row 'Inventory 10,000 hosts: --list (ours in-process)' ([double]($inProcess | Select-Object -Last 1)) (Get-Median $s.Peer.Wall) $null $null 50 'peer: whole process, from the row above'
}

# --- Templates: the LiteLLM config template with a 10-model loop, in-process on both sides ---
function Invoke-TemplateRow {
    Write-Host '== Templates'
    $template = Join-Path (Split-Path $PSScriptRoot) 'examples/hx-dev/roles/litellm/templates/litellm.config.yaml.j2'
    $vars = [ordered]@{
        ansible_managed = 'Ansible managed'; litellm_num_retries = 2; litellm_request_timeout = 600
        litellm_backends = [ordered]@{ ollama = @{ api_base = 'http://127.0.0.1:11434' }; vllm = @{ api_base = 'http://127.0.0.1:8000/v1' } }
        litellm_models = @(0..9 | ForEach-Object { [ordered]@{ model_name = "model-$_"; backend = @('ollama', 'vllm')[$_ % 2]; model = @('ollama_chat/m', 'openai/m')[$_ % 2] + $_ } })
    }
    $varsFile = Join-Path $work 'template-vars.json'
    $vars | ConvertTo-Json -Depth 5 | Set-Content $varsFile
    $benchExe = Join-Path $work 'template-bench'
    & dotnet publish (Join-Path $PSScriptRoot 'TemplateBench') -c Release -o $benchExe --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'template bench build failed' }
    $ours = @(); $peer = @()
    for ($i = 0; $i -lt $Pairs; $i++) {
        $ours += , ((& dotnet (Join-Path $benchExe 'HxLiteLLM.TemplateBench.dll') $template $varsFile 2000).Split(' ') | ForEach-Object { [double]$_ })
        $peer += , ((& /usr/bin/python3 (Join-Path $PSScriptRoot 'jinja2_bench.py') $template $varsFile 300).Split(' ') | ForEach-Object { [double]$_ })
    }
    Add-Row 'Template 10 models: parse+render (s per 1000)' ((Get-Median ($ours | ForEach-Object { $_[0] })) * 1000) ((Get-Median ($peer | ForEach-Object { $_[0] })) * 1000) $null $null 20 'in-process both sides; peer: Python Jinja2 (Debian)'
    Add-Row 'Template 10 models: render only (s per 1000)' ((Get-Median ($ours | ForEach-Object { $_[1] })) * 1000) ((Get-Median ($peer | ForEach-Object { $_[1] })) * 1000) $null $null 2 'compiled once; peer: Python Jinja2 (Debian)'
}

# --- Module import cost ---
function Invoke-ImportRow {
    Write-Host '== Module import'
    # At least 5 pairs: the row is a difference of two noisy whole-process times, and it is cheap.
    $s = Measure-Pairs (Get-OursCommand '') "$($pwshCommand -join ' ') -c exit" -Count ([math]::Max($Pairs, 5))
    $added = (Get-Median $s.Ours.Wall) - (Get-Median $s.Peer.Wall)
    Add-LimitRow 'Import-Module HxLiteLLM (seconds added to a bare pwsh start, whole process)' $added (Get-Median $s.Peer.Wall) 0.15 `
    ((Get-Median $s.Ours.Cpu) - (Get-Median $s.Peer.Cpu)) (Get-Median $s.Peer.Cpu) 'peer column: bare pwsh -c exit; goal: at most 0.15 s added'
    # What PowerShell charges any module: a manifest with nothing in it. Ours minus this is the module's own cost.
    $empty = Join-Path $work 'EmptyModule'
    New-Item -ItemType Directory $empty | Out-Null
    "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @(); FunctionsToExport = @() }" | Set-Content (Join-Path $empty 'EmptyModule.psd1')
    $floor = Measure-Pairs (Get-OursCommand '') "$($pwshCommand -join ' ') -c 'Import-Module $empty/EmptyModule.psd1'" -Count ([math]::Max($Pairs, 5))
    Add-Row 'Import-Module HxLiteLLM vs an empty manifest module (whole process)' (Get-Median $floor.Ours.Wall) (Get-Median $floor.Peer.Wall) `
    (Get-Median $floor.Ours.Cpu) (Get-Median $floor.Peer.Cpu) 0 ('peer: pwsh importing a manifest with nothing in it, the floor PowerShell charges any module; ours adds ' +
        [math]::Round((Get-Median $floor.Ours.Wall) - (Get-Median $floor.Peer.Wall), 3) + ' s wall, ' + [math]::Round((Get-Median $floor.Ours.Cpu) - (Get-Median $floor.Peer.Cpu), 3) + ' s CPU over it')
}

# The peer fixture with every bench host name on its own loopback address 127.<octet>.x.y (with its PTR record).
function Start-BenchFixture([string[]] $Names, [int] $Octet, [string] $Row) {
    Import-Module (Join-Path (Split-Path $PSScriptRoot) 'tests/Peers/Peers.psm1') -Force
    $fixture = Start-PeerFixture -DnsmasqOptions '--local=/bench.test/', '--local=/127.in-addr.arpa/' `
        -HostsEntries (1..$Names.Count | ForEach-Object { "127.$Octet.$([math]::Floor($_ / 250)).$($_ % 250 + 1) $($Names[$_ - 1])" })
    if (-not $fixture.Available) { throw "the $Row row needs the peer fixture: $($fixture.Reason)" }
    $fixture
}

# A row's work folder with a generated root CA and a copy of this machine's trust bundle with the CA appended
# (named with -BundlePath, so the system trust store stays untouched); returns the folder, the CA and the bundle.
function New-BenchTrust([string] $Row) {
    $dir = Join-Path $work $Row
    New-Item -ItemType Directory $dir | Out-Null
    & chmod 755 $dir
    $ca = Join-Path $dir 'bench-ca.pem'
    & openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $dir 'bench-ca.key') -out $ca -days 1 -subj "/CN=HxLiteLLM $Row root CA" 2>&1 | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "openssl could not generate the $Row CA" }
    $bundle = Join-Path $dir 'ca-certificates.crt'
    Set-Content $bundle ((Get-Content /etc/ssl/certs/ca-certificates.crt -Raw) + (Get-Content $ca -Raw)) -NoNewline
    & chmod 644 $bundle
    $dir, $ca, $bundle
}

# --- Pre-flight: N inventory hosts that all reach the loopback sshd of the peer fixture ---
# dnsmasq gives every hx-node-NNNN.bench.test its own loopback address with the matching PTR (one address for all
# would need a PTR answer of N names, which only TCP carries), the fixture's gateway stands in for an inference
# backend, and the target's trust bundle is a copy of this machine's with a generated CA appended (named with
# -BundlePath, so the system trust store stays untouched).
function Invoke-PreflightRow {
    $count = ($hostCounts | Measure-Object -Maximum).Maximum
    $names = @(1..$count | ForEach-Object { 'hx-node-{0:d4}.bench.test' -f $_ })
    $fixture = Start-BenchFixture $names 1 'pre-flight'
    try {
        $dir, $ca, $bundle = New-BenchTrust 'preflight'
        $caLines = @(Get-Content $ca)
        $backend = [uri]$fixture.GatewayUri
        $dnsAddress, $dnsPort = $fixture.DnsServer.Split(':')
        $knownHosts = Join-Path $dir 'known_hosts'
        Copy-Item $fixture.KnownHosts $knownHosts
        [ordered]@{
            bench_dns_address = $dnsAddress; bench_dns_port = [int]$dnsPort; bench_backend_host = $backend.Host; bench_backend_port = $backend.Port
            bench_ca_bundle = $bundle; bench_ca_line = $caLines[$caLines.Count - 2]
        } | ConvertTo-Json | Set-Content (Join-Path $dir 'vars.json')
        $peerDir = Join-Path $PSScriptRoot 'preflight-peer'
        $checks = 'Dns', 'Connection', 'NetworkConfig', 'Backend', 'CaTrust', 'PythonRuntime'
        foreach ($n in $hostCounts) {
            $inventory = Join-Path $dir "hosts-$n.ini"
            @('[litellm]') + $names[0..($n - 1)] + @('[litellm:vars]', 'ansible_host=127.0.0.1', "ansible_port=$($fixture.SshPort)", "ansible_user=$($fixture.SshUser)",
                "ansible_ssh_private_key_file=$($fixture.SshKey)", "ansible_ssh_common_args='-o UserKnownHostsFile=$knownHosts'") | Set-Content $inventory
            # In-process CPU of the pre-flight itself (module import and pwsh start excluded), printed with the status counts.
            $ours = Get-OursCommand (@(
                    "`$p = [Diagnostics.Process]::GetCurrentProcess(); `$cpu = `$p.TotalProcessorTime"
                    "`$r = Invoke-HxPreflight -InventoryPath '$inventory' -Check Dns, Network, CaTrust, Python -DnsServer '$($fixture.DnsServer)' -Backend '$($backend.Authority)'" +
                    " -CertificatePath '$ca' -BundlePath '$bundle' -KnownHostsPath '$knownHosts' -EvidencePath '$dir/evidence'"
                    "`$p.Refresh(); 'cpu-ms ' + (`$p.TotalProcessorTime - `$cpu).TotalMilliseconds"
                    "`$r | Group-Object Status -NoElement | ForEach-Object { 'status ' + `$_.Name + ' ' + `$_.Count }"
                    "`$r | Where-Object Status -ne Passed | Select-Object -First 5 | ForEach-Object { `$_.Target + ' ' + `$_.Check + ': ' + `$_.Message }") -join '; ')
            $peer = "ANSIBLE_CONFIG='$peerDir/ansible.cfg' ANSIBLE_SSH_CONTROL_PATH_DIR='$dir/cp' ansible-playbook -i '$inventory' '$peerDir/preflight.yml' -e '@$dir/vars.json'"
            $expected = $n * $checks.Count
            $verify = {
                param($Side, $Output)
                $passed = if ($Side -eq 'Ours') { "$($Output -split "`n" -match '^status ')".Trim() -eq "status Passed $expected" }
                else { @([regex]::Matches($Output, '(?m)^hx-node-\d+\.bench\.test\s*: ok=6 .*unreachable=0\s+failed=0')).Count -eq $n }
                if (-not $passed) { throw "pre-flight of $n host(s): not every check passed on the $Side side:`n$(($Output -split "`n" | Select-Object -Last 40) -join "`n")" }
            }.GetNewClosure()
            Write-Host "== Pre-flight $n host(s)"
            $s = Measure-Pairs $ours $peer -Verify $verify
            $perHost = (Get-Median ($s.Ours.Output | ForEach-Object { [double]([regex]::Match($_, 'cpu-ms ([\d.]+)').Groups[1].Value) })) / $n
            Add-Row "Pre-flight $n host(s) (whole process)" (Get-Median $s.Ours.Wall) (Get-Median $s.Peer.Wall) (Get-Median $s.Ours.Cpu) (Get-Median $s.Peer.Cpu) `
                $(if ($n -eq 200) { 15 } else { 0 }) "controller CPU per host: $([math]::Round($perHost, 1)) ms; checks $($checks -join ', ') all Passed; peer: ansible-playbook, forks 50, pipelining, ControlPersist"
            if ($n -eq 200) {
                Add-LimitRow 'Pre-flight 200 hosts: controller CPU per host (ms)' $perHost $null 15 $null $null 'in-process CPU of Invoke-HxPreflight / hosts; goal: at most 15 ms'
            }
        }
    } finally {
        Stop-PeerFixture $fixture
    }
}

# --- Fleet: the controller's own cost per host, with the targets' cost taken out ---
# Every host has its own name and loopback address in dnsmasq (forward and PTR, so the DNS check does its full work),
# and all connect to ONE extra sshd whose ForceCommand replays a recorded probe answer: the first connection runs
# the real probe script and records what it printed, every later one just prints the recording. Key exchange,
# authentication, the exec channel, the backend's direct-tcpip channel (to the fixture's gateway), parsing, the
# CaTrust filter and evidence are all real on the controller's side. Run at the default throttle (32) under
# `ulimit -n 1024`, the common default, so a descriptor leak per host would fail the 5,000-host run.
function Invoke-FleetRow {
    $count = ($fleetCounts | Measure-Object -Maximum).Maximum
    $names = @(1..$count | ForEach-Object { 'hx-fleet-{0:d5}.bench.test' -f $_ })
    $fixture = Start-BenchFixture $names 2 'fleet'
    $sshd = $null
    try {
        $dir, $ca, $bundle = New-BenchTrust 'fleet'
        $answer = Join-Path $dir 'probe-answer.txt'
        $replay = Join-Path $dir 'replay-probe.sh'
        @"
#!/bin/sh
# The first probe runs for real and is recorded; every later connection gets the recording.
if [ -s '$answer' ]; then exec cat '$answer'; fi
/bin/sh -c "`$SSH_ORIGINAL_COMMAND" >'$answer.tmp' 2>&1; rc=`$?; cat '$answer.tmp'; mv '$answer.tmp' '$answer'; exit `$rc
"@ | Set-Content $replay
        & chmod 755 $replay
        & chmod 777 $dir
        # MaxStartups above the throttle: sshd's default (10:30:100) drops unauthenticated connections beyond 10.
        $port = Get-FreeLoopbackPortForBench
        $config = Join-Path $dir 'sshd_config'
        @"
Port $port
ListenAddress 127.0.0.1
HostKey $($fixture.Directory)/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $($fixture.Directory)/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowUsers $($fixture.SshUser)
AllowTcpForwarding yes
UseDNS no
PrintMotd no
PrintLastLog no
MaxStartups 400:30:800
MaxSessions 10
LogLevel ERROR
ForceCommand $replay
"@ | Set-Content $config
        $sshd = Start-Process -FilePath /usr/sbin/sshd -ArgumentList @('-D', '-e', '-f', $config) -RedirectStandardError "$dir/sshd.log" -RedirectStandardOutput "$dir/sshd.out" -PassThru
        Start-Sleep -Milliseconds 500
        if ($sshd.HasExited) { throw "fleet sshd exited: $(Get-Content "$dir/sshd.log" -Raw)" }
        $knownHosts = Join-Path $dir 'known_hosts'
        $hostKey = (Get-Content "$($fixture.Directory)/ssh_host_ed25519_key.pub" -Raw).Trim().Split(' ')
        "[127.0.0.1]:$port $($hostKey[0]) $($hostKey[1])" | Set-Content $knownHosts
        $backend = ([uri]$fixture.GatewayUri).Authority
        $checks = 'Dns', 'Network', 'DomainJoin', 'Sudo', 'CaTrust', 'Python'
        $reported = 'Dns', 'Connection', 'NetworkConfig', 'Backend', 'DomainJoin', 'Sudo', 'CaTrust', 'PythonRuntime'
        function New-FleetInventory([int] $N) {
            $inventory = Join-Path $dir "hosts-$N.ini"
            @('[litellm]') + $names[0..($N - 1)] + @('[litellm:vars]', 'ansible_host=127.0.0.1', "ansible_port=$port", "ansible_user=$($fixture.SshUser)",
                "ansible_ssh_private_key_file=$($fixture.SshKey)") | Set-Content $inventory
            $inventory
        }
        # One pwsh: the pre-flight with in-process CPU, managed allocation, resident memory before and peak after;
        # results are counted as they stream (nothing collects them) and the counts printed per check and status.
        function Get-FleetCommand([int] $N, [string] $Evidence, [string] $Extra = '') {
            $run = Get-OursCommand (@(
                    "function Get-Kb([string] `$Field) { [double]((Get-Content /proc/self/status | Where-Object { `$_ -like `"`${Field}:*`" }) -replace '\D', '') }"
                    "`$p = [Diagnostics.Process]::GetCurrentProcess(); [GC]::Collect(); `$rss = Get-Kb VmRSS; `$alloc = [GC]::GetTotalAllocatedBytes(`$false); `$cpu = `$p.TotalProcessorTime; `$counts = @{}"
                    "Invoke-HxPreflight -InventoryPath '$(New-FleetInventory $N)' -Check $($checks -join ', ') -DnsServer '$($fixture.DnsServer)' -Backend '$backend' -CertificatePath '$ca' -BundlePath '$bundle'" +
                    " -KnownHostsPath '$knownHosts' -EvidencePath '$Evidence' $Extra | . { process { `$counts[`$_.Check + ' ' + `$_.Status]++ } }"
                    "`$p.Refresh(); 'cpu-ms ' + (`$p.TotalProcessorTime - `$cpu).TotalMilliseconds; 'alloc-bytes ' + ([GC]::GetTotalAllocatedBytes(`$false) - `$alloc)"
                    "'rss-kb ' + `$rss; 'hwm-kb ' + (Get-Kb VmHWM)"
                    "`$counts.GetEnumerator() | Sort-Object Name | ForEach-Object { 'count ' + `$_.Name + ' ' + `$_.Value }") -join '; ')
            "ulimit -n 1024; $run"
        }
        function Get-Value([string] $Output, [string] $Name) { [double]([regex]::Match($Output, "(?m)^$Name ([\d.]+)").Groups[1].Value) }

        # Records the real probe's answer (one host), then checks the replay answers the same way.
        $record = Measure-Process (Get-FleetCommand 1 "$dir/evidence-record") (Join-Path $dir 'record.out')
        if (-not (Test-Path $answer) -or -not (Select-String -Path $answer -Pattern '^@@hx-end python.venv' -Quiet)) { throw "the fleet sshd recorded no complete probe answer:`n$($record.Output)" }
        Write-Host "== Fleet: recorded probe answer, $((Get-Item $answer).Length) bytes"

        $measured = [ordered]@{}
        foreach ($n in $fleetCounts) {
            Write-Host "== Fleet $n host(s)"
            $samples = @()
            for ($i = 0; $i -lt [math]::Max(1, [math]::Min($Pairs, 3)); $i++) {
                $evidence = Join-Path $dir 'evidence'
                Remove-Item -Recurse -Force $evidence -ErrorAction Ignore
                $sample = Measure-Process (Get-FleetCommand $n $evidence) (Join-Path $dir 'run.out')
                $connected = Get-Value $sample.Output 'count Connection Passed'
                $all = ([regex]::Matches($sample.Output, '(?m)^count (\S+) \S+ (\d+)') | ForEach-Object { [int]$_.Groups[2].Value } | Measure-Object -Sum).Sum
                if ($connected -ne $n -or $all -ne $n * $reported.Count) { throw "fleet of $n host(s): $connected connected, $all results (expected $($n * $reported.Count)):`n$($sample.Output)" }
                $samples += [pscustomobject]@{
                    Wall = $sample.Wall; Cpu = $sample.Cpu; InProcessMs = Get-Value $sample.Output 'cpu-ms'; Alloc = Get-Value $sample.Output 'alloc-bytes'
                    Rss = Get-Value $sample.Output 'rss-kb'; Hwm = Get-Value $sample.Output 'hwm-kb'
                    Statuses = (([regex]::Matches($sample.Output, '(?m)^count (\S+ \S+) (\d+)') | ForEach-Object { $_.Groups[1].Value + ' ' + $_.Groups[2].Value }) -join ', ')
                }
            }
            $m = [pscustomobject]@{
                Wall = Get-Median $samples.Wall; Cpu = Get-Median $samples.Cpu; CpuPerHost = (Get-Median $samples.InProcessMs) / $n
                KbPerHost = (Get-Median ($samples | ForEach-Object { $_.Hwm - $_.Rss })) / $n; Hwm = Get-Median $samples.Hwm
                AllocPerHost = (Get-Median $samples.Alloc) / $n / 1KB; Statuses = $samples[0].Statuses
            }
            $measured["$n"] = $m
            Add-LimitRow "Fleet $n canned hosts: whole process (s)" $m.Wall $null 0 $m.Cpu $null `
                "whole process: wall at throttle 32 and CPU of pwsh start, import and run; peak RSS (VmHWM) $([math]::Round($m.Hwm / 1KB)) MB; results: $($m.Statuses)"
            $results[$results.Count - 1].MeetsGoal = $null
            $growth = if ($measured.Count -gt 1) { $first = @($measured.Values)[0]; "; x$([math]::Round($m.CpuPerHost / $first.CpuPerHost, 2)) of the $($fleetCounts[0])-host figure" } else { '' }
            Add-LimitRow "Fleet $n canned hosts: controller CPU per host (ms)" $m.CpuPerHost $null 15 $null $null `
                "in-process: CPU of Invoke-HxPreflight / hosts, module import and pwsh start excluded$growth; goal at 1,000 hosts: at most 15 ms"
            if ($n -ne 1000) { $results[$results.Count - 1].MeetsGoal = $null }
            $growth = if ($measured.Count -gt 1) { "; x$([math]::Round($m.KbPerHost / $first.KbPerHost, 2)) of the $($fleetCounts[0])-host figure" } else { '' }
            Add-LimitRow "Fleet $n canned hosts: controller memory per host (KB)" $m.KbPerHost $null 200 $null $null `
                "in-process: (peak RSS after - RSS before the run) / hosts$growth; managed allocation $([math]::Round($m.AllocPerHost)) KB per host (released); goal at 1,000 hosts: at most 200 KB"
            if ($n -ne 1000) { $results[$results.Count - 1].MeetsGoal = $null }
            Write-Report | Out-Null
        }

        # The profile: hosts one at a time (ThrottleLimit 1), so process-wide counters belong to one stage at a time.
        $n = $fleetCounts[0]
        Write-Host "== Fleet profile, $n hosts at throttle 1"
        $profileFile = Join-Path $dir 'profile.tsv'
        Remove-Item -Recurse -Force (Join-Path $dir 'evidence') -ErrorAction Ignore
        $env:HX_PREFLIGHT_PROFILE = $profileFile
        try { $sample = Measure-Process (Get-FleetCommand $n (Join-Path $dir 'evidence') '-ThrottleLimit 1') (Join-Path $dir 'run.out') }
        finally { Remove-Item env:HX_PREFLIGHT_PROFILE }
        if (-not (Test-Path $profileFile)) { throw "the profiled run wrote no profile:`n$($sample.Output)" }
        $lines = @(Get-Content $profileFile | Select-Object -Skip 1 | ForEach-Object { $f = $_.Split("`t"); [pscustomobject]@{ Stage = $f[0]; Count = [int]$f[1]; Wall = [double]$f[2]; Cpu = [double]$f[3]; Bytes = [double]$f[4] } })
        $whole = $lines | Where-Object Stage -eq '(whole run)'
        $md = [System.Text.StringBuilder]::new()
        [void]$md.AppendLine("## Where the controller's time goes per host (fleet, $n canned hosts, throttle 1)`n")
        [void]$md.AppendLine("Stage counters summed by the runner (HX_PREFLIGHT_PROFILE, bench only) and divided by the hosts: wall, process CPU (getrusage) and managed allocation between a stage's start and end. The caller's rows are the pwsh pipeline consuming results (here a counting script block). Whole-run CPU $([math]::Round($whole.Cpu / $n, 2)) ms per host in-process at throttle 1; the rest of the whole run is outside the stages (GC, thread pool, timers).`n")
        [void]$md.AppendLine('| Stage | Per host: wall (ms) | CPU (ms) | Share of CPU | Allocated (KB) |')
        [void]$md.AppendLine('|---|---:|---:|---:|---:|')
        foreach ($l in $lines | Sort-Object Cpu -Descending) {
            [void]$md.AppendLine("| $($l.Stage) | $([math]::Round($l.Wall / $n, 3)) | $([math]::Round($l.Cpu / $n, 3)) | $([math]::Round(100 * $l.Cpu / [math]::Max($whole.Cpu, 0.001)))% | $([math]::Round($l.Bytes / $n / 1KB, 1)) |")
        }
        $sections.Add($md.ToString())
    } finally {
        if ($sshd -and -not $sshd.HasExited) { $sshd.Kill(); $sshd.WaitForExit(5000) | Out-Null }
        Stop-PeerFixture $fixture
    }
}

# A free loopback TCP port (the OS picks one).
function Get-FreeLoopbackPortForBench {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# --- Vault: 100 vars files encrypted, then decrypted, in place, with a password file ---
function Invoke-VaultRow {
    $dir = Join-Path $work 'vault'
    $plain = New-Item -ItemType Directory (Join-Path $dir 'plain')
    foreach ($i in 1..100) {
        $lines = 1..20 | ForEach-Object { "secret_$_`: value-$i-$_-" + [guid]::NewGuid().ToString('N') }
        Set-Content (Join-Path $plain "vars-$i.yml") (@('---') + $lines)
    }
    $password = Join-Path $dir 'vault-pass'
    Set-Content $password ([guid]::NewGuid().ToString('N'))
    $encrypted = Join-Path $dir 'encrypted'
    Copy-Item -Recurse $plain $encrypted
    & bash -c "ansible-vault encrypt --vault-password-file '$password' '$encrypted'/*.yml" 2>&1 | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'ansible-vault could not encrypt the input of the decrypt row' }
    $target = @{ Ours = Join-Path $dir 'ours'; Peer = Join-Path $dir 'peer' }
    foreach ($step in @(
            @{ Name = 'encrypt'; Source = $plain; Cmdlet = 'Protect-HxVault' }
            @{ Name = 'decrypt'; Source = $encrypted; Cmdlet = 'Unprotect-HxVault' })) {
        $prepare = { param($Side) Remove-Item -Recurse -Force $target[$Side] -ErrorAction Ignore; Copy-Item -Recurse $step.Source $target[$Side] }.GetNewClosure()
        $verify = {
            param($Side, $Output)
            $done = @(Get-ChildItem $target[$Side] -File | Where-Object {
                    if ($step.Name -eq 'encrypt') { (Get-Content $_.FullName -TotalCount 1) -eq '$ANSIBLE_VAULT;1.1;AES256' }
                    else { (Get-Content $_.FullName -Raw) -eq (Get-Content (Join-Path $plain $_.Name) -Raw) }
                })
            if ($done.Count -ne 100) { throw "vault $($step.Name) on the $Side side did $($done.Count) of 100 files:`n$Output" }
        }.GetNewClosure()
        Measure-Row "Vault: $($step.Name) 100 files (whole process)" `
        (Get-OursCommand "Get-ChildItem '$($target.Ours)' -File | $($step.Cmdlet) -VaultPasswordFile '$password' -Confirm:`$false") `
            "ansible-vault $($step.Name) --vault-password-file '$password' '$($target.Peer)'/*.yml" 0 `
            'pipeline input on ours; peer: ansible-vault with the files as arguments; no goal in the issue' $prepare $verify | Out-Null
    }
}

# --- Report: rewritten after every row, so a long run that fails late keeps the rows it measured ---
$stamp = [DateTime]::UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'")
$machine = [ordered]@{
    Cores = [Environment]::ProcessorCount
    MemoryGiB = [math]::Round(((Get-Content /proc/meminfo | Select-Object -First 1) -replace '\D', '') / 1MB, 1)
    PowerShell = $PSVersionTable.PSVersion.ToString()
    Ansible = (& ansible --version | Select-Object -First 1)
    Python = (& /usr/bin/python3 --version)
    OpenSSH = "$(& /usr/sbin/sshd -V 2>&1 | Select-Object -First 1)"
    Pairs = $Pairs
}

function Write-Report {
    New-Item -ItemType Directory -Force $OutputPath | Out-Null
    [ordered]@{ Machine = $machine; Rows = $results } | ConvertTo-Json -Depth 4 | Set-Content (Join-Path $OutputPath "bench-$stamp.json")
    $md = [System.Text.StringBuilder]::new()
    [void]$md.AppendLine("# HxLiteLLM benchmark $stamp`n")
    [void]$md.AppendLine("Machine: $($machine.Cores) cores, $($machine.MemoryGiB) GiB; PowerShell $($machine.PowerShell); $($machine.Ansible); $($machine.Python); $($machine.OpenSSH). Medians of $Pairs alternating pairs after a warm-up.`n")
    [void]$md.AppendLine('| Row | Ours (s) | Peer (s) | Peer/Ours | Goal | Meets goal | Ours CPU (s) | Peer CPU (s) | Note |')
    [void]$md.AppendLine('|---|---:|---:|---:|---:|---|---:|---:|---|')
    foreach ($r in $results) {
        [void]$md.AppendLine("| $($r.Row) | $($r.OursSeconds) | $($r.PeerSeconds) | $($r.Ratio) | $($r.Goal) | $(if ($null -eq $r.MeetsGoal) { '-' } elseif ($r.MeetsGoal) { 'yes' } else { '**no**' }) | $($r.OursCpuSeconds) | $($r.PeerCpuSeconds) | $($r.Note) |")
    }
    foreach ($section in $sections) { [void]$md.AppendLine("`n$section") }
    Set-Content (Join-Path $OutputPath "bench-$stamp.md") $md.ToString()
    $md.ToString()
}

try {
    foreach ($row in $rowFunctions.Keys) {
        if ($Rows -contains $row) { & $rowFunctions[$row]; Write-Report | Out-Null }
    }
} finally {
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}
Write-Host (Write-Report)
Write-Host "Report -> $(Join-Path $OutputPath "bench-$stamp.md")"

