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
    # Vault; all by default. The pre-flight row at 200 hosts takes minutes per pair.
    [string[]] $Rows = @('Inventory', 'Template', 'Import', 'Preflight', 'Vault'),
    # Inventory sizes of the pre-flight row, likewise.
    [string[]] $PreflightHosts = @('1', '50', '200')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$rowFunctions = [ordered]@{ Inventory = 'Invoke-InventoryRow'; Template = 'Invoke-TemplateRow'; Import = 'Invoke-ImportRow'; Preflight = 'Invoke-PreflightRow'; Vault = 'Invoke-VaultRow' }
$Rows = $Rows -split ','
$unknown = @($Rows | Where-Object { -not $rowFunctions.Contains($_) })
if ($unknown) { throw "unknown row(s) $($unknown -join ', '); rows: $($rowFunctions.Keys -join ', ')" }
$hostCounts = [int[]]($PreflightHosts -split ',')

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("hx-bench-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $work | Out-Null
& chmod 755 $work
$env:ANSIBLE_CONFIG = Join-Path $work 'ansible.cfg'
Set-Content $env:ANSIBLE_CONFIG ''
$pwshCommand = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive')
$module = $ModulePath.Replace("'", "''")
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
function Measure-Pairs([string] $Ours, [string] $Peer, [scriptblock] $Prepare = {}, [scriptblock] $Verify) {
    $outputFile = if ($Verify) { Join-Path $work 'run.out' } else { '/dev/null' }
    $sides = [ordered]@{ Ours = $Ours; Peer = $Peer }
    $samples = @{ Ours = @(); Peer = @() }
    for ($i = -1; $i -lt $Pairs; $i++) {
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
    $s = Measure-Pairs (Get-OursCommand '') "$($pwshCommand -join ' ') -c exit"
    $added = (Get-Median $s.Ours.Wall) - (Get-Median $s.Peer.Wall)
    Add-LimitRow 'Import-Module HxLiteLLM (seconds added to a bare pwsh start)' $added (Get-Median $s.Peer.Wall) 0.2 `
    ((Get-Median $s.Ours.Cpu) - (Get-Median $s.Peer.Cpu)) (Get-Median $s.Peer.Cpu) 'peer column: bare pwsh -c exit; goal: at most 0.2 s added'
}

# --- Pre-flight: N inventory hosts that all reach the loopback sshd of the peer fixture ---
# dnsmasq gives every hx-node-NNNN.bench.test its own loopback address with the matching PTR (one address for all
# would need a PTR answer of N names, which only TCP carries), the fixture's gateway stands in for an inference
# backend, and the target's trust bundle is a copy of this machine's with a generated CA appended (named with
# -BundlePath, so the system trust store stays untouched).
function Invoke-PreflightRow {
    $count = ($hostCounts | Measure-Object -Maximum).Maximum
    $names = 1..$count | ForEach-Object { 'hx-node-{0:d4}.bench.test' -f $_ }
    Import-Module (Join-Path (Split-Path $PSScriptRoot) 'tests/Peers/Peers.psm1') -Force
    $fixture = Start-PeerFixture -DnsmasqOptions '--local=/bench.test/', '--local=/127.in-addr.arpa/' `
        -HostsEntries (1..$count | ForEach-Object { "127.1.$([math]::Floor($_ / 250)).$($_ % 250 + 1) $($names[$_ - 1])" })
    if (-not $fixture.Available) { throw "the pre-flight row needs the peer fixture: $($fixture.Reason)" }
    try {
        $dir = Join-Path $work 'preflight'
        New-Item -ItemType Directory $dir | Out-Null
        & chmod 755 $dir
        $ca = Join-Path $dir 'bench-ca.pem'
        & openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $dir 'bench-ca.key') -out $ca -days 1 -subj '/CN=HxLiteLLM bench root CA' 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0) { throw 'openssl could not generate the bench CA' }
        $bundle = Join-Path $dir 'ca-certificates.crt'
        Set-Content $bundle ((Get-Content /etc/ssl/certs/ca-certificates.crt -Raw) + (Get-Content $ca -Raw)) -NoNewline
        & chmod 644 $bundle
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
        [void]$md.AppendLine("| $($r.Row) | $($r.OursSeconds) | $($r.PeerSeconds) | $($r.Ratio) | $($r.Goal) | $(if ($r.MeetsGoal) { 'yes' } else { '**no**' }) | $($r.OursCpuSeconds) | $($r.PeerCpuSeconds) | $($r.Note) |")
    }
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

