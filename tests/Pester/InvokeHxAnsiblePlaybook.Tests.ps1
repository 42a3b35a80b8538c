# Invoke-HxAnsiblePlaybook against the real ansible-playbook, ansible_connection=local on this machine.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:password = 'hx-dev-example-only'

    # A folder with a local inventory and the playbook given, named with a random marker so its processes can be found.
    function New-Play([string] $Yaml) {
        $marker = 'hxplay-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $dir = New-Item -ItemType Directory -Path (Join-Path $TestDrive $marker)
        Set-Content "$dir/hosts.ini" 'localhost ansible_connection=local'
        Set-Content "$dir/$marker.yml" $Yaml
        [pscustomobject]@{ Dir = $dir.FullName; Playbook = "$dir/$marker.yml"; Inventory = "$dir/hosts.ini"; Marker = $marker }
    }

    # Every process as its pid, session id and command line (NULs as spaces); processes that ended meanwhile are left out.
    function Get-ProcessTable {
        foreach ($p in Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$') {
            try {
                $stat = [IO.File]::ReadAllText("/proc/$($p.Name)/stat")
                $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
                [pscustomobject]@{ Pid = [int]$p.Name; Sid = [int]$fields[3]; CommandLine = [IO.File]::ReadAllText("/proc/$($p.Name)/cmdline").Replace([char]0, ' ') }
            } catch { }
        }
    }

    function Get-Leftover([string] $Pattern) { @(Get-ProcessTable | Where-Object { $_.CommandLine -like $Pattern -and $_.Pid -ne $PID }) }

    # Waits (bounded) until no process matches; returns what is left.
    function Wait-NoLeftover([string[]] $Pattern) {
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        do {
            $left = @(foreach ($p in $Pattern) { Get-Leftover $p })
            if ($left.Count -eq 0) { return @() }
            Start-Sleep -Milliseconds 250
        } while ([DateTime]::UtcNow -lt $deadline)
        $left
    }
}

Describe 'Invoke-HxAnsiblePlaybook' -Skip:$skip {
    It 'writes one row per host and task with Ansible''s statuses, then the recap row' {
        $play = New-Play @"
- name: statuses
  hosts: all
  gather_facts: false
  tasks:
    - name: an ok task
      ansible.builtin.debug: { msg: 'hello {{ greeting }}' }
    - name: a changed task
      ansible.builtin.command: 'true'
    - name: a skipped task
      ansible.builtin.debug: { msg: never }
      when: false
    - name: an ignored failure
      ansible.builtin.fail: { msg: 'this one is ignored' }
      ignore_errors: true
    - block:
        - name: a rescued failure
          ansible.builtin.fail: { msg: 'the rescue handles this' }
      rescue:
        - name: the rescue
          ansible.builtin.debug: { msg: rescued }
"@
        $rows = @(Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -ExtraVariable @{ greeting = 'from extra vars' })
        $rows | ForEach-Object { $_ | Should -BeOfType ([HxLiteLLM.Results.HxPlaybookTaskResult]) }
        $rows.Status | Should -Be @('ok', 'changed', 'skipped', 'ignored', 'rescued', 'ok', 'recap')
        $rows.Task | Should -Be @('an ok task', 'a changed task', 'a skipped task', 'an ignored failure', 'a rescued failure', 'the rescue', 'PLAY RECAP')
        $rows[0].Message | Should -Be 'hello from extra vars'
        $rows[0].Play | Should -Be 'statuses'
        $rows[1].Changed | Should -BeTrue
        $rows[1].Action | Should -Be 'ansible.builtin.command'
        $rows[3].Message | Should -Be 'this one is ignored'
        [DateTimeOffset]$rows[0].EndTime | Should -BeLessOrEqual ([DateTimeOffset]$rows[1].EndTime)
        $recap = $rows[6]
        $recap.Host | Should -Be 'localhost'
        @($recap.OkCount, $recap.ChangedCount, $recap.SkippedCount, $recap.IgnoredCount, $recap.RescuedCount, $recap.FailedCount, $recap.UnreachableCount) | Should -Be @(4, 1, 1, 1, 1, 0, 0)
        $recap.Message | Should -Be 'ok=4 changed=1 unreachable=0 failed=0 skipped=1 rescued=1 ignored=1'
        $? | Should -BeTrue
    }

    It 'reports a host it cannot reach as unreachable, and an error after the rows' {
        $play = New-Play "- hosts: all`n  gather_facts: false`n  tasks:`n    - name: ping`n      ansible.builtin.ping:"
        # A closed loopback port: the connection is refused at once.
        Set-Content $play.Inventory "gone ansible_host=127.0.0.1 ansible_port=9 ansible_connection=ssh ansible_ssh_common_args='-o ControlMaster=no'"
        $rows = @(Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -ErrorVariable runErrors -ErrorAction SilentlyContinue)
        $rows.Status | Should -Be @('unreachable', 'recap')
        $rows[0].Host | Should -Be 'gone'
        $rows[1].UnreachableCount | Should -Be 1
        $runErrors.Count | Should -Be 1
        $runErrors[0].FullyQualifiedErrorId | Should -BeLike 'AnsiblePlaybookHostsUnreachable,*'
    }

    It 'streams: the first row arrives while ansible-playbook is still running' {
        $play = New-Play @"
- hosts: all
  gather_facts: false
  tasks:
    - name: quick
      ansible.builtin.debug: { msg: first }
    - name: slow
      ansible.builtin.command: sleep 4
"@
        $seen = [Collections.Generic.List[object]]::new()
        Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory | ForEach-Object {
            $seen.Add([pscustomobject]@{ Task = $_.Task; Running = (Get-Leftover "*ansible-playbook*$($play.Marker)*").Count })
        }
        $seen.Task | Should -Be @('quick', 'slow', 'PLAY RECAP')
        $seen[0].Running | Should -BeGreaterThan 0 -Because 'the quick task''s row came before the sleeping task ended'
    }

    It 'masks a vault value in a failed task''s message, the verbose log and the error, and the password is in no process''s command line or environment' {
        $dir = Join-Path $TestDrive 'vaulted'
        Copy-HxExample hx-dev $dir
        $key = (Get-HxVaultValue -Path "$dir/inventory/group_vars/litellm/vault.yml" -Name litellm_master_key -VaultPasswordFile "$dir/.vault-pass").Value
        $key | Should -BeLike 'sk-*'
        $marker = 'hxvault-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        Set-Content "$dir/$marker.yml" @"
- hosts: litellm
  gather_facts: false
  tasks:
    - name: fails with the key
      ansible.builtin.fail: { msg: 'the key is {{ litellm_master_key }}' }
      ignore_errors: true
    - name: wait
      ansible.builtin.command: sleep 3
    - name: fails for real with the key
      ansible.builtin.fail: { msg: 'again {{ litellm_master_key }}' }
"@
        $scan = [Collections.Generic.List[object]]::new()
        $secure = ConvertTo-SecureString $password -AsPlainText -Force
        $rows = @(Invoke-HxAnsiblePlaybook "$dir/$marker.yml" -InventoryPath "$dir/inventory/hosts.ini" -Limit localhost -VaultPassword $secure `
                -Verbose -ErrorVariable runErrors -ErrorAction SilentlyContinue 4> "$dir/verbose.txt" | ForEach-Object {
            if ($_.Task -eq 'fails with the key') {
                # While 'wait' sleeps: every process of ansible-playbook's session, and its supervisor.
                $main = @(Get-Leftover "*ansible-playbook*$marker*")
                $sids = @($main.Sid | Sort-Object -Unique)
                $session = @(Get-ProcessTable | Where-Object { $_.Sid -in $sids -or $_.CommandLine -like "*hx_supervise.py*$marker*" })
                foreach ($p in $session) {
                    $environ = try { [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes("/proc/$($p.Pid)/environ")) } catch { '' }
                    $scan.Add([pscustomobject]@{ Pid = $p.Pid; Leaks = ($p.CommandLine + $environ).Contains($password) })
                }
            }
            $_
        })
        $rows[0].Status | Should -Be 'ignored'
        $rows[0].Message | Should -Be 'the key is ********'
        ($rows | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($key))
        $rows[2].Status | Should -Be 'failed'
        $rows[2].Message | Should -Be 'again ********'
        $scan.Count | Should -BeGreaterThan 1
        @($scan | Where-Object Leaks).Count | Should -Be 0
        $verbose = Get-Content "$dir/verbose.txt" -Raw
        $verbose | Should -Match 'TASK \[fails with the key\]'
        $verbose | Should -Not -Match ([regex]::Escape($key))
        $verbose | Should -Not -Match ([regex]::Escape($password))
        $runErrors.Count | Should -Be 1
        $runErrors[0].FullyQualifiedErrorId | Should -BeLike 'AnsiblePlaybookHostsFailed,*'
        "$runErrors" | Should -Not -Match ([regex]::Escape($key))
    }

    It 'stops the whole process group at -Timeout: no ansible-playbook and no sleep is left' {
        $play = New-Play @"
- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.command: sleep 67.$(Get-Random -Maximum 9999)
"@
        $sleep = (Get-Content $play.Playbook | Select-String 'sleep [\d.]+').Matches[0].Value
        $rows = @(Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -Timeout 00:00:03 -ErrorVariable runErrors -ErrorAction SilentlyContinue)
        $runErrors[0].FullyQualifiedErrorId | Should -BeLike 'AnsiblePlaybookTimedOut,*'
        $rows.Count | Should -Be 0
        Wait-NoLeftover @("*ansible-playbook*$($play.Marker)*", "*$sleep*") | Should -BeNullOrEmpty
    }

    It 'stops the whole process group on Ctrl+C (StopProcessing)' {
        $play = New-Play @"
- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.command: sleep 68.$(Get-Random -Maximum 9999)
"@
        $sleep = (Get-Content $play.Playbook | Select-String 'sleep [\d.]+').Matches[0].Value
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-HxBuiltModulePath)'; Invoke-HxAnsiblePlaybook '$($play.Playbook)' -InventoryPath '$($play.Inventory)'")
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-Leftover "*$sleep*").Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            (Get-Leftover "*$sleep*").Count | Should -BeGreaterThan 0 -Because 'the task started'
            $ps.Stop()
            $handle.IsCompleted | Should -BeTrue
        } finally {
            $ps.Dispose()
        }
        Wait-NoLeftover @("*ansible-playbook*$($play.Marker)*", "*$sleep*") | Should -BeNullOrEmpty
    }

    It 'stops the whole process group when the calling pwsh is killed' {
        $play = New-Play @"
- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.command: sleep 69.$(Get-Random -Maximum 9999)
"@
        $sleep = (Get-Content $play.Playbook | Select-String 'sleep [\d.]+').Matches[0].Value
        Set-Content "$($play.Dir)/run.ps1" "Import-Module '$(Get-HxBuiltModulePath)'; Invoke-HxAnsiblePlaybook '$($play.Playbook)' -InventoryPath '$($play.Inventory)'"
        $caller = Start-Process dotnet -PassThru -ArgumentList @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', "$($play.Dir)/run.ps1") `
            -RedirectStandardOutput "$($play.Dir)/console.txt" -RedirectStandardError "$($play.Dir)/console-error.txt"
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-Leftover "*$sleep*").Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            (Get-Leftover "*$sleep*").Count | Should -BeGreaterThan 0 -Because 'the task started'
        } finally {
            Stop-Process -Id $caller.Id -Force  # SIGKILL: no StopProcessing, no Dispose; only the supervisor's lifeline notices
        }
        Wait-NoLeftover @("*ansible-playbook*$($play.Marker)*", "*$sleep*", "*hx_supervise.py*$($play.Marker)*") | Should -BeNullOrEmpty
    }

    It 'refuses a -Timeout under a second (a bare number binds as ticks)' {
        $play = New-Play "- hosts: all`n  tasks: []"
        { Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -Timeout 3 } | Should -Throw -ErrorId 'InvalidTimeout,*'
    }

    It 'is a terminating error naming the reason when ansible-playbook is missing' {
        $play = New-Play "- hosts: all`n  tasks: []"
        { Invoke-HxAnsiblePlaybook $play.Playbook -AnsiblePlaybookPath "$($play.Dir)/no/ansible-playbook" } |
            Should -Throw -ErrorId 'AnsiblePlaybookNotFound,*' -ExpectedMessage '*ansible-playbook was not found at*'
        $saved = $env:PATH
        try {
            $env:PATH = $play.Dir
            { Invoke-HxAnsiblePlaybook $play.Playbook } | Should -Throw -ErrorId 'AnsiblePlaybookNotFound,*' -ExpectedMessage '*not found on PATH*'
        } finally {
            $env:PATH = $saved
        }
    }

    It 'is a terminating error naming Ansible''s reason when the playbook cannot start' {
        $play = New-Play "- hosts: all`n  tasks:`n    - name: [unclosed"
        { Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory } | Should -Throw -ErrorId 'AnsiblePlaybookNotStarted,*' -ExpectedMessage '*exit 4*'
        { Invoke-HxAnsiblePlaybook "$($play.Dir)/nosuch.yml" -InventoryPath $play.Inventory } | Should -Throw -ErrorId 'AnsiblePlaybookNotStarted,*' -ExpectedMessage '*nosuch.yml could not be found*'
    }

    It 'is a terminating vault error for a wrong password, from the inventory''s vault and from the playbook''s' {
        $dir = Join-Path $TestDrive 'wrongpass'
        Copy-HxExample hx-dev $dir
        Set-Content "$dir/site-key.yml" "- hosts: litellm`n  gather_facts: false`n  tasks:`n    - ansible.builtin.debug: { msg: '{{ litellm_master_key }}' }"
        $wrong = ConvertTo-SecureString 'not-the-password' -AsPlainText -Force
        { Invoke-HxAnsiblePlaybook "$dir/site-key.yml" -InventoryPath "$dir/inventory/hosts.ini" -Limit localhost -VaultPassword $wrong } |
            Should -Throw -ErrorId 'VaultWrongPassword,*'
        # A vault only the playbook loads: ansible-playbook finds the wrong password itself.
        $play = New-Play "- hosts: all`n  gather_facts: false`n  vars_files: [vault.yml]`n  tasks:`n    - ansible.builtin.debug: { msg: '{{ litellm_master_key }}' }"
        Copy-Item "$dir/inventory/group_vars/litellm/vault.yml" "$($play.Dir)/vault.yml"
        { Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -VaultPassword $wrong } |
            Should -Throw -ErrorId 'VaultWrongPassword,*' -ExpectedMessage '*Decryption failed*'
    }

    It 'leaves the user''s ansible.cfg in force: its stdout callback, callback_plugins and callbacks_enabled' {
        $play = New-Play "- hosts: all`n  gather_facts: false`n  tasks:`n    - name: hi`n      ansible.builtin.debug: { msg: hi }"
        New-Item -ItemType Directory "$($play.Dir)/cbx" | Out-Null
        Set-Content "$($play.Dir)/cbx/hxmarker.py" @"
from ansible.plugins.callback import CallbackBase
class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'hxmarker'
    CALLBACK_NEEDS_ENABLED = True
    def v2_playbook_on_start(self, playbook):
        self._display.display('HX-MARKER-CALLBACK loaded')
"@
        Set-Content "$($play.Dir)/ansible.cfg" "[defaults]`ncallback_plugins = ./cbx`ncallbacks_enabled = hxmarker`nstdout_callback = ansible.builtin.minimal"
        Push-Location $play.Dir
        try {
            $rows = @(Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -Verbose 4> "$($play.Dir)/verbose.txt")
        } finally {
            Pop-Location
        }
        $rows.Status | Should -Be @('ok', 'recap')
        $verbose = Get-Content "$($play.Dir)/verbose.txt" -Raw
        $verbose | Should -Match 'HX-MARKER-CALLBACK loaded'
        $verbose | Should -Match 'localhost \| SUCCESS =>' -Because 'the minimal stdout callback wrote the log'
    }

    It 'runs nothing under -WhatIf' {
        $play = New-Play "- hosts: all`n  gather_facts: false`n  tasks:`n    - ansible.builtin.file: { path: '{{ playbook_dir }}/touched', state: touch }"
        $rows = @(Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory -WhatIf)
        $rows.Count | Should -Be 0
        Test-Path "$($play.Dir)/touched" | Should -BeFalse
        Invoke-HxAnsiblePlaybook $play.Playbook -InventoryPath $play.Inventory | Out-Null
        Test-Path "$($play.Dir)/touched" | Should -BeTrue -Because 'the same call without -WhatIf does touch it'
    }
}
