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
    [int] $Pairs = 5
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("hx-bench-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $work | Out-Null
$env:ANSIBLE_CONFIG = Join-Path $work 'ansible.cfg'
Set-Content $env:ANSIBLE_CONFIG ''
$pwshCommand = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive')
$rows = [System.Collections.Generic.List[object]]::new()

# Runs a shell command line and returns wall, user and system seconds of it and its children (bash's `time`).
function Measure-Process([string] $CommandLine) {
    $out = & bash -c "TIMEFORMAT='%R %U %S'; { time ( $CommandLine >/dev/null 2>&1 ) ; } 2>&1"
    $parts = ($out | Select-Object -Last 1).Trim().Split(' ')
    [pscustomobject]@{ Wall = [double]$parts[0]; Cpu = [double]$parts[1] + [double]$parts[2] }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# One row: warm-up, then ours and the peer alternately.
function Measure-Row([string] $Name, [string] $Ours, [string] $Peer, [double] $Goal, [string] $Note = '') {
    Write-Host "== $Name"
    Measure-Process $Ours | Out-Null
    Measure-Process $Peer | Out-Null
    $o = @(); $p = @()
    for ($i = 0; $i -lt $Pairs; $i++) {
        $o += Measure-Process $Ours
        $p += Measure-Process $Peer
    }
    Add-Row $Name (Get-Median $o.Wall) (Get-Median $p.Wall) (Get-Median $o.Cpu) (Get-Median $p.Cpu) $Goal $Note
}

# CPU seconds are $null where they are not measured (in-process rows).
function Add-Row([string] $Name, [double] $OursSeconds, [double] $PeerSeconds, [Nullable[double]] $OursCpu, [Nullable[double]] $PeerCpu, [double] $Goal, [string] $Note) {
    $ratio = if ($OursSeconds -gt 0) { $PeerSeconds / $OursSeconds } else { [double]::PositiveInfinity }
    $row = [pscustomobject]@{
        Row = $Name; OursSeconds = [math]::Round($OursSeconds, 4); PeerSeconds = [math]::Round($PeerSeconds, 4)
        Ratio = [math]::Round($ratio, 1); Goal = $Goal; MeetsGoal = ($Goal -le 0 -or $ratio -ge $Goal)
        OursCpuSeconds = $(if ($null -ne $OursCpu) { [math]::Round($OursCpu, 3) }); PeerCpuSeconds = $(if ($null -ne $PeerCpu) { [math]::Round($PeerCpu, 3) }); Note = $Note
    }
    $rows.Add($row)
    $row | Format-List | Out-String | Write-Host
}

try {
    $module = $ModulePath.Replace("'", "''")

    # --- Inventory: 10,000 hosts, 100 groups, inline vars, :vars, one :children ---
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
    $oursInventory = "$($pwshCommand -join ' ') -c `"Import-Module '$module'; Get-HxInventory -Path '$ini' -AsAnsibleJson | Out-Null`""
    Measure-Row 'Inventory 10,000 hosts: --list (whole process)' $oursInventory "ansible-inventory -i '$ini' --list" 50

    # In-process time of ours: the same call repeated in one session after a warm-up.
    $inProcess = & $pwshCommand[0] $pwshCommand[1..($pwshCommand.Count - 1)] -c @"
Import-Module '$module'
Get-HxInventory -Path '$ini' -AsAnsibleJson | Out-Null
`$t = 1..$Pairs | ForEach-Object { (Measure-Command { Get-HxInventory -Path '$ini' -AsAnsibleJson | Out-Null }).TotalSeconds }
(`$t | Sort-Object)[[math]::Floor(`$t.Count / 2)]
"@
    $peerInventory = ($rows | Select-Object -Last 1).PeerSeconds
    Add-Row 'Inventory 10,000 hosts: --list (ours in-process)' ([double]($inProcess | Select-Object -Last 1)) $peerInventory $null $null 50 'peer: whole process, from the row above'

    # --- Templates: the LiteLLM config template with a 10-model loop, in-process on both sides ---
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

    # --- Module import cost ---
    $bare = "$($pwshCommand -join ' ') -c exit"
    $withModule = "$($pwshCommand -join ' ') -c `"Import-Module '$module'`""
    Write-Host '== Module import'
    Measure-Process $bare | Out-Null; Measure-Process $withModule | Out-Null
    $b = @(); $m = @()
    for ($i = 0; $i -lt $Pairs; $i++) { $b += Measure-Process $bare; $m += Measure-Process $withModule }
    $added = (Get-Median $m.Wall) - (Get-Median $b.Wall)
    $rows.Add([pscustomobject]@{ Row = 'Import-Module HxLiteLLM (seconds added to a bare pwsh start)'; OursSeconds = [math]::Round($added, 3)
        PeerSeconds = [math]::Round((Get-Median $b.Wall), 3); Ratio = $null; Goal = 0.2; MeetsGoal = ($added -le 0.2)
        OursCpuSeconds = [math]::Round((Get-Median $m.Cpu) - (Get-Median $b.Cpu), 3); PeerCpuSeconds = [math]::Round((Get-Median $b.Cpu), 3)
        Note = 'peer column: bare pwsh -c exit; goal: at most 0.2 s added' })
} finally {
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}

# --- Report ---
New-Item -ItemType Directory -Force $OutputPath | Out-Null
$stamp = [DateTime]::UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'")
$machine = [ordered]@{
    Cores = [Environment]::ProcessorCount
    MemoryGiB = [math]::Round(((Get-Content /proc/meminfo | Select-Object -First 1) -replace '\D', '') / 1MB, 1)
    PowerShell = $PSVersionTable.PSVersion.ToString()
    Ansible = (& ansible --version | Select-Object -First 1)
    Python = (& /usr/bin/python3 --version)
    Pairs = $Pairs
}
[ordered]@{ Machine = $machine; Rows = $rows } | ConvertTo-Json -Depth 4 | Set-Content (Join-Path $OutputPath "bench-$stamp.json")
$md = [System.Text.StringBuilder]::new()
[void]$md.AppendLine("# HxLiteLLM benchmark $stamp`n")
[void]$md.AppendLine("Machine: $($machine.Cores) cores, $($machine.MemoryGiB) GiB; PowerShell $($machine.PowerShell); $($machine.Ansible); $($machine.Python). Medians of $Pairs alternating pairs after a warm-up.`n")
[void]$md.AppendLine('| Row | Ours (s) | Peer (s) | Peer/Ours | Goal | Meets goal | Ours CPU (s) | Peer CPU (s) | Note |')
[void]$md.AppendLine('|---|---:|---:|---:|---:|---|---:|---:|---|')
foreach ($r in $rows) {
    [void]$md.AppendLine("| $($r.Row) | $($r.OursSeconds) | $($r.PeerSeconds) | $($r.Ratio) | $($r.Goal) | $(if ($r.MeetsGoal) { 'yes' } else { '**no**' }) | $($r.OursCpuSeconds) | $($r.PeerCpuSeconds) | $($r.Note) |")
}
$mdPath = Join-Path $OutputPath "bench-$stamp.md"
Set-Content $mdPath $md.ToString()
Write-Host $md.ToString()
Write-Host "Report -> $mdPath"
