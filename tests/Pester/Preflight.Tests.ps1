BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:ssh = @{
        KeyFilePath    = $env:HX_PEER_SSH_KEY
        KnownHostsPath = $env:HX_PEER_SSH_KNOWN_HOSTS
    }
    function New-PeerHost([string] $Name) {
        [pscustomobject]@{ Name = $Name; Address = '127.0.0.1'; Port = [int]$env:HX_PEER_SSH_PORT; User = $env:HX_PEER_SSH_USER }
    }
    $script:venvInstalled = [bool](& dpkg-query -W -f '${Status}' python3.11-venv 2>$null | Select-String 'install ok installed')
}

Describe 'Pre-flight cmdlets against the loopback sshd and dnsmasq' -Skip:$skip {
    BeforeEach {
        $script:evidence = Join-Path $TestDrive ([guid]::NewGuid())
    }

    It 'resolves names forward and reverse and tells NXDOMAIN apart' {
        $r = @('gateway.hx.test', 'missing.hx.test' | Test-HxDnsResolution -DnsServer $env:HX_PEER_DNS -EvidencePath $evidence)
        ($r | Where-Object Target -eq 'gateway.hx.test').Status | Should -Be 'Passed'
        ($r | Where-Object Target -eq 'gateway.hx.test').Message | Should -BeLike '*127.0.0.1*'
        $missing = $r | Where-Object Target -eq 'missing.hx.test'
        $missing.Status | Should -Be 'Failed'
        $missing.Category | Should -Be 'Dns'
        $missing.Message | Should -BeLike '*NXDOMAIN*'
    }

    It 'takes many host names at once, as a parameter or from the pipeline' {
        $given = @(Test-HxDnsResolution -HostName gateway.hx.test, missing.hx.test -DnsServer $env:HX_PEER_DNS -EvidencePath $evidence)
        $given.Target | Sort-Object | Should -Be @('gateway.hx.test', 'missing.hx.test')
        $piped = @(@('gateway.hx.test', 'node1.hx.test') | Test-HxDnsResolution -DnsServer $env:HX_PEER_DNS -EvidencePath $evidence)
        $piped.Status | Should -Be @('Passed', 'Passed')
    }

    It 'runs the checks of a piped host over one SSH connection and writes the evidence tree' {
        $r = @(New-PeerHost 'node1.hx.test' | Invoke-HxPreflight @ssh -DnsServer $env:HX_PEER_DNS -Check Dns, Network, Python `
                -Backend "127.0.0.1:$([uri]::new($env:HX_PEER_GATEWAY).Port)" -EvidencePath $evidence)
        ($r | Where-Object Check -eq 'Dns').Status | Should -Be 'Passed'
        ($r | Where-Object Check -eq 'Connection').Status | Should -Be 'Passed'
        ($r | Where-Object Check -eq 'Backend').Status | Should -Be 'Passed'
        ($r | Where-Object Check -eq 'PythonRuntime').Status | Should -Be $(if ($venvInstalled) { 'Passed' } else { 'Failed' })
        $r.Target | Sort-Object -Unique | Should -Be 'node1.hx.test'
        $run = @(Get-ChildItem (Join-Path $evidence 'api-preflight') -Directory)
        $run.Count | Should -Be 1
        Test-Path (Join-Path $run[0].FullName 'dns/node1.hx.test.txt') | Should -BeTrue
        Test-Path (Join-Path $run[0].FullName 'network') | Should -BeTrue
        Test-Path (Join-Path $run[0].FullName 'python') | Should -BeTrue
        (Get-Content (Join-Path $run[0].FullName 'results.json') -Raw | ConvertFrom-Json).Count | Should -Be $r.Count
        Get-Content (Join-Path $run[0].FullName 'preflight_summary.txt') -Raw | Should -BeLike '*node1.hx.test*'
    }

    It 'fails an unknown host key with its fingerprint, without prompting, and accepts it only when asked' {
        $known = Join-Path $TestDrive 'empty_known_hosts'
        Set-Content $known ''
        $r = New-PeerHost 'node1.hx.test' | Test-HxPythonRuntime -KeyFilePath $env:HX_PEER_SSH_KEY -KnownHostsPath $known -EvidencePath $evidence
        $conn = $r | Where-Object Check -eq 'Connection'
        $conn.Status | Should -Be 'Failed'
        $conn.Category | Should -Be 'HostKey'
        $conn.Message | Should -Match 'SHA256:[A-Za-z0-9+/]{43}'
        ($r | Where-Object Check -eq 'PythonRuntime').Status | Should -Be 'Skipped'
        $accepted = New-PeerHost 'node1.hx.test' | Test-HxSudoPrivilege -KeyFilePath $env:HX_PEER_SSH_KEY -KnownHostsPath $known -AcceptNewHostKey -EvidencePath $evidence
        ($accepted | Where-Object Check -eq 'Connection').Status | Should -Be 'Passed'
        Get-Content $known -Raw | Should -BeLike "*127.0.0.1]:$($env:HX_PEER_SSH_PORT) ssh-ed25519 *"
    }

    It 'takes remote_user, private_key_file and host_key_checking from the ansible.cfg of the current directory' {
        $work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $work | Out-Null
        & chmod 755 $work
        $known = Join-Path $work 'known_hosts'
        Set-Content $known ''
        "[defaults]`nremote_user = $($env:HX_PEER_SSH_USER)`nprivate_key_file = $($env:HX_PEER_SSH_KEY)`nhost_key_checking = False`n" | Set-Content (Join-Path $work 'ansible.cfg')
        Push-Location $work
        try {
            $r = @(Test-HxSudoPrivilege -HostName node1.hx.test -Address 127.0.0.1 -Port ([int]$env:HX_PEER_SSH_PORT) -KnownHostsPath $known -EvidencePath $evidence)
        } finally {
            Pop-Location
        }
        $r[0].Check | Should -Be 'Connection'
        $r[0].Status | Should -Be 'Passed' -Because $r[0].Message
        $r[0].Message | Should -BeLike "connected to $($env:HX_PEER_SSH_USER)@``[127.0.0.1``]:*recorded in*"
        # host_key_checking = False is taken as accept-new: the unknown key is recorded, never skipped.
        Get-Content $known -Raw | Should -BeLike "*127.0.0.1]:$($env:HX_PEER_SSH_PORT) ssh-ed25519 *"
    }

    It 'tries a host without ansible_user as the current user and says so, never a raw argument error' {
        $ini = Join-Path $TestDrive 'nouser.ini'
        "[litellm]`ngw-nouser.hx.test ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT)" | Set-Content $ini
        $r = @(Invoke-HxPreflight -InventoryPath $ini @ssh -Check Sudo -EvidencePath $evidence -ConnectTimeout 00:00:05)
        $conn = $r | Where-Object Check -eq 'Connection'
        $conn.Status | Should -Be 'Failed'
        $conn.Category | Should -Be 'Auth'
        $conn.Message | Should -BeLike "*authentication as '$([Environment]::UserName)' (the current user: the host has no ansible_user)*"
        $conn.Message | Should -Not -BeLike '*Parameter*'
        $conn.Remediation | Should -BeLike 'set ansible_user for the host*'
    }

    It 'connects to an ansible_host address although the inventory name does not resolve' {
        $ini = Join-Path $TestDrive 'unresolved.ini'
        "[litellm]`nmissing.hx.test ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT) ansible_user=$($env:HX_PEER_SSH_USER)" | Set-Content $ini
        $r = @(Invoke-HxPreflight -InventoryPath $ini @ssh -Check Dns, Sudo -DnsServer $env:HX_PEER_DNS -EvidencePath $evidence -ConnectTimeout 00:00:05)
        ($r | Where-Object Check -eq 'Dns').Status | Should -Be 'Failed'
        ($r | Where-Object Check -eq 'Dns').Message | Should -BeLike '*NXDOMAIN*'
        ($r | Where-Object Check -eq 'Connection').Status | Should -Be 'Passed' -Because 'the name lookup does not block SSH to an address'
        ($r | Where-Object Check -eq 'Sudo').Status | Should -Not -Be 'Skipped'
    }

    It 'checks every host of an inventory group and packs the evidence' {
        $ini = Join-Path $TestDrive 'multi.ini'
        $lines = @('[litellm]') + (1..6 | ForEach-Object { "gw$_.hx.test ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT) ansible_user=$($env:HX_PEER_SSH_USER)" })
        # One host whose port is closed: it fails alone, the others pass.
        $lines += "gw-down.hx.test ansible_host=127.0.0.1 ansible_port=1 ansible_user=$($env:HX_PEER_SSH_USER)"
        $lines | Set-Content $ini
        $r = @(Invoke-HxPreflight -InventoryPath $ini @ssh -Check Sudo -Archive -EvidencePath $evidence -ConnectTimeout 00:00:05)
        @($r | Where-Object Check -eq 'Connection' | Where-Object Status -eq 'Passed').Count | Should -Be 6
        $down = $r | Where-Object { $_.Target -eq 'gw-down.hx.test' -and $_.Check -eq 'Connection' }
        $down.Status | Should -Be 'Failed'
        $down.Category | Should -Be 'Tcp'
        @(Get-ChildItem (Join-Path $evidence 'api-preflight') -Filter *.zip).Count | Should -Be 1
    }

    It 'reports CA trust as a warning when no CA certificate is given' {
        $r = @(New-PeerHost 'node1.hx.test' | Invoke-HxPreflight @ssh -Check CaTrust, Sudo -EvidencePath $evidence)
        ($r | Where-Object Check -eq 'CaTrust').Status | Should -Be 'Warning'
        ($r | Where-Object Check -eq 'CaTrust').Remediation | Should -BeLike '*-CertificatePath*'
    }

    It 'gives clean CSV columns and exports the evidence archive' {
        $r = @(New-PeerHost 'node1.hx.test' | Test-HxSudoPrivilege @ssh -EvidencePath $evidence)
        $csv = $r | ConvertTo-Csv | ConvertFrom-Csv
        ($csv[0].PSObject.Properties.Name -join ',') | Should -Be 'Timestamp,Phase,Check,Target,Status,Category,Message,Remediation,DurationMs,EvidencePath,Task,Requirement,File,Line,Column'
        $zip = Join-Path $TestDrive 'evidence.zip'
        $archive = $r | Export-HxEvidence -DestinationPath $zip
        $archive.Status | Should -Be 'Passed'
        $archive.Task | Should -Be '3.01.06'
        $archive.EvidencePath | Should -Be $zip
        $entries = [System.IO.Compression.ZipFile]::OpenRead($zip)
        try { @($entries.Entries.FullName -like '*/results.json').Count | Should -Be 1 } finally { $entries.Dispose() }
    }
}

Describe 'Pre-flight cmdlets choose their hosts by one rule: never a silent run on nothing' {
    BeforeAll {
        $script:cmdlets = 'Invoke-HxPreflight', 'Test-HxCATrust', 'Test-HxDnsResolution', 'Test-HxDomainJoin', 'Test-HxNetworkConnectivity', 'Test-HxPythonRuntime', 'Test-HxSudoPrivilege'
        # Each pre-flight cmdlet on an inventory; returns the terminating error, or fails when there is none.
        function Get-SelectionError([string] $Cmdlet, [string] $InventoryPath, [string] $Group = 'litellm') {
            $extra = if ($Cmdlet -eq 'Test-HxCATrust') { @{ CertificatePath = "$TestDrive/ca.pem" } } else { @{} }
            $out = $null
            $record = $null
            try { $out = @(& $Cmdlet -InventoryPath $InventoryPath -Group $Group -EvidencePath "$TestDrive/evidence" @extra -ErrorAction SilentlyContinue) } catch { $record = $_ }
            $record | Should -Not -BeNullOrEmpty -Because "$Cmdlet must not return nothing silently (it returned $(@($out).Count) object(s))"
            $record
        }
    }

    It 'an inventory directory whose only file Ansible skips (hosts.ini) is InventoryNoSource, saying why' {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        "[litellm]`nlocalhost ansible_connection=local`n" | Set-Content "$dir/hosts.ini"
        foreach ($cmdlet in $cmdlets) {
            $e = Get-SelectionError $cmdlet $dir.FullName
            $e.FullyQualifiedErrorId | Should -BeLike 'InventoryNoSource,*' -Because $cmdlet
            $e.Exception.Message | Should -BeLike '*No inventory source was parsed*Ansible skips hosts.ini inside an inventory directory*'
        }
        Test-Path "$TestDrive/evidence" | Should -BeFalse -Because 'nothing ran'
    }

    It 'a group without hosts is InventoryGroupEmpty and an unknown group InventoryGroupNotFound with the closest name' {
        $ini = Join-Path $TestDrive 'empty-group.ini'
        "[litellm]`n[inference]`nlocalhost ansible_connection=local`n" | Set-Content $ini
        foreach ($cmdlet in $cmdlets) {
            (Get-SelectionError $cmdlet $ini).FullyQualifiedErrorId | Should -BeLike 'InventoryGroupEmpty,*' -Because $cmdlet
            $unknown = Get-SelectionError $cmdlet $ini 'inferense'
            $unknown.FullyQualifiedErrorId | Should -BeLike 'InventoryGroupNotFound,*' -Because $cmdlet
            $unknown.Exception.Message | Should -BeLike "*did you mean 'inference'?*"
        }
    }
}
