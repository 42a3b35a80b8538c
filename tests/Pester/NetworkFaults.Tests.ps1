BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'Network faults: one pre-flight over hosts that each meet another fault' -Skip:$skip {
    BeforeAll {
        $script:dir = New-Item -ItemType Directory (Join-Path $TestDrive 'faults')
        # The drop relay cuts (and the stall relay goes silent) once the client has sent this many bytes and the server
        # answered: past SSH.NET's key exchange and public-key login (about 2.1 KB with an ed25519 key) and into the exec
        # request of the probe script (about 1.2 KB for the checks below), so the session is up and the command under way.
        $dropAfter = 2700
        $script:peers = Start-Process /usr/bin/python3 -PassThru -RedirectStandardOutput "$dir/peers.json" -RedirectStandardError "$dir/peers.err" -ArgumentList @(
            (Join-Path (Get-HxRepoRoot) 'tests/Peers/fault_peers.py'), '--upstream', $env:HX_PEER_DNS, '--target', $env:HX_PEER_SSH_PORT, '--drop-after', $dropAfter,
            '--servfail', 'servfail.hx.test',
            '--record', 'refused.hx.test=127.0.0.21', '--record', 'blackholed.hx.test=127.0.0.22', '--record', 'hostkey.hx.test=127.0.0.23',
            '--record', 'auth.hx.test=127.0.0.24', '--record', 'dropped.hx.test=127.0.0.25', '--record', 'stalled.hx.test=127.0.0.26')
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (-not (Get-Content "$dir/peers.json" -ErrorAction Ignore) -and [DateTime]::UtcNow -lt $deadline) {
            if ($peers.HasExited) { throw "fault peers exited: $(Get-Content "$dir/peers.err" -Raw)" }
            Start-Sleep -Milliseconds 100
        }
        $ports = Get-Content "$dir/peers.json" | ConvertFrom-Json

        # A port nothing listens on; another host key for the relay's address; a key sshd does not authorize.
        $closed = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $closed.Start(); $refusedPort = $closed.LocalEndpoint.Port; $closed.Stop()
        & ssh-keygen -q -t ed25519 -N '' -f "$dir/other_host_key" -C other-host
        & ssh-keygen -q -t ed25519 -N '' -f "$dir/unauthorized_key" -C unauthorized
        $realKey = (Get-Content "$env:HX_PEER_DIR/ssh_host_ed25519_key.pub" -Raw).Trim().Split(' ')
        $otherKey = (Get-Content "$dir/other_host_key.pub" -Raw).Trim().Split(' ')
        $known = "$dir/known_hosts"
        Copy-Item $env:HX_PEER_SSH_KNOWN_HOSTS $known
        Add-Content $known "[127.0.0.1]:$($ports.relay) $($otherKey[0]) $($otherKey[1])", "[127.0.0.1]:$($ports.drop) $($realKey[0]) $($realKey[1])",
            "[127.0.0.1]:$($ports.stall) $($realKey[0]) $($realKey[1])"

        $script:expected = [ordered]@{
            # host                  = port, key, the check that fails, its category, what its message says
            'refused.hx.test'    = $refusedPort, $env:HX_PEER_SSH_KEY, 'Connection', 'Tcp', 'refused'
            'blackholed.hx.test' = $ports.blackhole, $env:HX_PEER_SSH_KEY, 'Connection', 'Tcp', 'timed out'
            'nxdomain.hx.test'   = $env:HX_PEER_SSH_PORT, $env:HX_PEER_SSH_KEY, 'Dns', 'Dns', 'NXDOMAIN'
            'servfail.hx.test'   = $env:HX_PEER_SSH_PORT, $env:HX_PEER_SSH_KEY, 'Dns', 'Dns', 'SERVFAIL'
            'hostkey.hx.test'    = $ports.relay, $env:HX_PEER_SSH_KEY, 'Connection', 'HostKey', 'does not match'
            'auth.hx.test'       = $env:HX_PEER_SSH_PORT, "$dir/unauthorized_key", 'Connection', 'Auth', 'authentication'
            'dropped.hx.test'    = $ports.drop, $env:HX_PEER_SSH_KEY, 'NetworkConfig', 'Tcp', 'lost while a command ran'
            'stalled.hx.test'    = $ports.stall, $env:HX_PEER_SSH_KEY, 'NetworkConfig', 'Tcp', 'no complete answer .* within 5 s'
        }
        $script:healthy = 'node1.hx.test', 'node2.hx.test'
        $lines = @('[litellm]')
        foreach ($name in $expected.Keys) { $lines += "$name ansible_host=127.0.0.1 ansible_port=$($expected[$name][0]) ansible_user=$($env:HX_PEER_SSH_USER) ansible_ssh_private_key_file=$($expected[$name][1])" }
        foreach ($name in $healthy) { $lines += "$name ansible_host=127.0.0.1 ansible_port=$($env:HX_PEER_SSH_PORT) ansible_user=$($env:HX_PEER_SSH_USER) ansible_ssh_private_key_file=$($env:HX_PEER_SSH_KEY)" }
        $lines | Set-Content "$dir/hosts.ini"

        # Short connect and command timeouts; the DNS timeout (2 s a query; A, AAAA and PTR in turn) is the default.
        # Hosts run in parallel, so one host's worst case, with room for a loaded machine, bounds the run: a guard
        # against hanging, not a speed test.
        $connectSeconds = 3
        $commandSeconds = 5
        $script:boundSeconds = 3 * 2 + $connectSeconds + $commandSeconds + 30
        $child = @"
Import-Module '$(Get-HxBuiltModulePath)'
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$results = @(Invoke-HxPreflight -InventoryPath '$dir/hosts.ini' -DnsServer '127.0.0.1:$($ports.dns)' -KnownHostsPath '$known' ``
    -ConnectTimeout 00:00:0$connectSeconds -CommandTimeout 00:00:0$commandSeconds -Check Dns, Network, DomainJoin, Sudo, Python -EvidencePath '$dir/evidence' -ErrorAction Continue)
Set-Content '$dir/elapsed.txt' `$watch.Elapsed.TotalSeconds
`$results | ConvertTo-Json -Depth 4 -EnumsAsStrings | Set-Content '$dir/results.json'
"@
        Invoke-HxChildScript $child $dir -TimeoutSeconds $boundSeconds
        if (-not (Test-Path "$dir/results.json")) { throw "the run ended without results: $(Get-Content "$dir/console-error.txt", "$dir/console.txt" -Raw)" }
        $script:results = @(Get-Content "$dir/results.json" -Raw | ConvertFrom-Json)
        $script:elapsed = [double](Get-Content "$dir/elapsed.txt")
    }

    AfterAll {
        if ($peers -and -not $peers.HasExited) { $peers.Kill(); $peers.WaitForExit(5000) | Out-Null }
    }

    It 'fails each faulty host at the faulty step with the category of the fault and a message that names it' {
        foreach ($name in $expected.Keys) {
            $check, $category, $says = $expected[$name][2..4]
            $mine = @($results | Where-Object Target -eq $name)
            $failed = @($mine | Where-Object Status -eq 'Failed')
            $failed.Count | Should -BeGreaterThan 0 -Because "$name meets a fault"
            "$($failed[0].Check) $($failed[0].Category)" | Should -Be "$check $category" -Because "$name's first failure: $($failed[0].Message)"
            $failed[0].Message | Should -Match $says -Because $name
            if ($check -eq 'Dns') {
                # The host has an ansible_host address: a failed lookup of its inventory name does not keep SSH from it.
                ($mine | Where-Object Check -eq 'Connection').Status | Should -Be 'Passed' -Because "$name is reached at its ansible_host"
            } else {
                # Everything after the failed step is Skipped, not Failed again and not missing.
                @($mine | Where-Object { $_.Status -eq 'Failed' -and $_.Check -ne $check }).Count | Should -Be 0 -Because "$name fails once: $($mine.Message -join ' | ')"
            }
        }
    }

    It 'lets the healthy hosts finish every check' {
        foreach ($name in $healthy) {
            $mine = @($results | Where-Object Target -eq $name)
            ($mine | Where-Object Check -eq 'Dns').Status | Should -Be 'Passed' -Because $name
            ($mine | Where-Object Check -eq 'Connection').Status | Should -Be 'Passed' -Because $name
            $mine.Check | Should -Contain 'PythonRuntime'
            @($mine | Where-Object Status -eq 'Skipped').Count | Should -Be 0 -Because "$name has no failed dependency"
        }
    }

    It 'ends within a bound set by the timeouts, not by the faults' {
        $elapsed | Should -BeLessThan $boundSeconds
        $faulty = @($expected.Keys | Where-Object { $n = $_; $results | Where-Object { $_.Target -eq $n -and $_.Check -eq $expected[$n][2] -and $_.Category -eq $expected[$n][3] -and $_.Status -eq 'Failed' } })
        $passed = @($healthy | Where-Object { $n = $_; @($results | Where-Object { $_.Target -eq $n -and $_.Check -in 'Dns', 'Connection' -and $_.Status -eq 'Passed' }).Count -eq 2 })
        Write-HxTestReport "Network faults: $($expected.Count) fault kinds, $($faulty.Count) hosts Failed with the expected category, $($passed.Count) healthy hosts connected and finished, in $([Math]::Round($elapsed, 1)) s (bound $boundSeconds s)"
    }
}
