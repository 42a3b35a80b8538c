BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:key = ConvertTo-SecureString $env:HX_PEER_GATEWAY_KEY -AsPlainText -Force
    $script:config = Join-Path $TestDrive 'litellm.config.yaml'
    @"
model_list:
  - model_name: llama3-8b
    litellm_params: {model: ollama_chat/llama3:8b}
  - model_name: qwen2.5-coder
    litellm_params: {model: hosted_vllm/qwen}
  - model_name: mistral-7b
    litellm_params: {model: ollama_chat/mistral:7b}
"@ | Set-Content $config
    function Invoke-Probe([string] $Scenario, [hashtable] $Extra = @{}) {
        Test-HxLiteLLMEndpoint -Uri "$($env:HX_PEER_GATEWAY)/$Scenario" -MasterKey $key @Extra
    }
}

Describe 'Test-HxLiteLLMEndpoint against a LiteLLM-shaped gateway on loopback' -Skip:$skip {
    It 'passes every check of a healthy, keyed gateway' {
        $r = @(Invoke-Probe ok @{ ConfigPath = $config; Model = 'llama3-8b' })
        $r.Check | Should -Be @('Liveliness', 'Readiness', 'AuthEnforced', 'Models', 'ChatCompletion:llama3-8b')
        $r.Status | Sort-Object -Unique | Should -Be 'Passed'
        ($r | Where-Object Check -eq Readiness).Message | Should -BeLike '*litellm_version=1.55.8*'
        $r[0].Phase | Should -Be 'Endpoint'
    }

    It 'fails an open gateway (models answered without a key)' {
        $auth = Invoke-Probe open | Where-Object Check -eq AuthEnforced
        $auth.Status | Should -Be 'Failed'
        $auth.Category | Should -Be 'Auth'
        $auth.Message | Should -BeLike '*open to anyone*'
    }

    It 'fails readiness with the proxy detail on 503' {
        $ready = Invoke-Probe unready | Where-Object Check -eq Readiness
        $ready.Status | Should -Be 'Failed'
        $ready.Message | Should -BeLike '*503*database not connected*'
    }

    It 'fails when the served models differ from the rendered config' {
        $models = Invoke-Probe wrongmodels @{ ConfigPath = $config } | Where-Object Check -eq Models
        $models.Status | Should -Be 'Failed'
        $models.Message | Should -BeLike '*missing llama3-8b, qwen2.5-coder, mistral-7b unexpected other-model*'
    }

    It 'fails a chat completion for a model the gateway does not serve' {
        $chat = Invoke-Probe ok @{ Model = 'gpt-9' } | Where-Object Check -eq 'ChatCompletion:gpt-9'
        $chat.Status | Should -Be 'Failed'
        $chat.Message | Should -BeLike '*HTTP 400*invalid_request_error*'
    }

    It 'retries a slow start until it passes' {
        $r = @(Invoke-Probe slow @{ RetryTimeout = [timespan]::FromSeconds(20) })
        $r.Status | Sort-Object -Unique | Should -Be 'Passed'
        $r[0].Message | Should -Match '\(attempt \d+\)$'
    }

    It 'reports a refused connection and skips what depends on it' {
        $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop()
        $r = @(Test-HxLiteLLMEndpoint -Uri "http://127.0.0.1:$port" -MasterKey $key)
        $r[0].Status | Should -Be 'Failed'
        $r[0].Category | Should -Be 'Tcp'
        @($r | Select-Object -Skip 1).Status | Sort-Object -Unique | Should -Be 'Skipped'
    }

    It 'never shows the master key, not even in verbose and debug streams' {
        $all = Invoke-Probe ok @{ Model = 'gpt-9'; Verbose = $true; Debug = $true } *>&1 | Out-String
        $all | Should -Not -BeNullOrEmpty
        $all | Should -Not -Match $env:HX_PEER_GATEWAY_KEY
        (Invoke-Probe open | ConvertTo-Json) | Should -Not -Match $env:HX_PEER_GATEWAY_KEY
    }
}

Describe 'Test-HxLiteLLMEndpoint on the gateways of an inventory' -Skip:$skip {
    BeforeAll {
        # The example project with its gateway on a free loopback port, and the stand-in serving it with the master key
        # Ansible resolves for the host (ansible-inventory --host, through the vault).
        $script:project = Join-Path $TestDrive 'project'
        Copy-HxExample hx-dev $project
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $script:port = $listener.LocalEndpoint.Port; $listener.Stop()
        $vars = "$project/inventory/group_vars/litellm/vars.yml"
        (Get-Content $vars -Raw) -replace '(?m)^litellm_port: 4000$', "litellm_port: $port" | Set-Content $vars
        # A second gateway bound to every address: its URL comes from ansible_host.
        (Get-Content "$project/inventory/hosts.ini" -Raw) -replace '(?m)^localhost ansible_connection=local$',
            "`$0`ngw2 ansible_host=127.0.0.1 ansible_connection=local litellm_bind_host=0.0.0.0" | Set-Content "$project/inventory/hosts.ini"
        $script:inventory = "$project/inventory/hosts.ini"
        $script:vaultPass = "$project/.vault-pass"
        $hostVars = & /usr/bin/ansible-inventory -i $inventory --host localhost --vault-password-file $vaultPass | ConvertFrom-Json
        $script:vaultKey = $hostVars.litellm_master_key
        # The models of the example's group_vars, as the role's template renders them.
        $config = "$project/config.yaml"
        "model_list:`n  - model_name: llama3-8b`n  - model_name: qwen2.5-coder`n  - model_name: mistral-7b" | Set-Content $config
        $env:LITELLM_MASTER_KEY = $vaultKey
        try {
            $script:standin = Start-Process -FilePath /usr/bin/python3 -PassThru -RedirectStandardError "$TestDrive/standin.err" -RedirectStandardOutput "$TestDrive/standin.out" -ArgumentList @(
                '-c', "`"import sys; sys.path.insert(0, '$((Get-HxRepoRoot))/tests/Peers'); import fake_litellm; sys.argv[0] = 'litellm'; fake_litellm.litellm_main()`"",
                '--config', $config, '--host', '127.0.0.1', '--port', $port)
        } finally {
            Remove-Item env:LITELLM_MASTER_KEY
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ($true) {
            $client = [System.Net.Sockets.TcpClient]::new()
            try { $client.Connect('127.0.0.1', $port); break } catch {
                if ($standin.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw "the stand-in did not start: $(Get-Content "$TestDrive/standin.err" -Raw)" }
                Start-Sleep -Milliseconds 100
            } finally { $client.Dispose() }
        }
    }

    AfterAll {
        if ($script:standin -and -not $standin.HasExited) { $standin.Kill(); $standin.WaitForExit(5000) | Out-Null }
    }

    It 'tests every host of the group with the vault''s master key, the URL from litellm_bind_host and litellm_port' {
        $r = @(Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPasswordFile $vaultPass)
        $r.Count | Should -Be 8
        $r.Status | Sort-Object -Unique | Should -Be 'Passed'
        ($r | Where-Object Check -eq Liveliness).Target | Should -Be @("localhost (http://127.0.0.1:$port/)", "gw2 (http://127.0.0.1:$port/)")
        ($r | Where-Object Check -eq Readiness)[0].Message | Should -BeLike '*litellm_version=standin-0.1.0*'
    }

    It 'compares /v1/models with the host''s litellm_models, or with -ConfigPath when given' {
        $config = Join-Path $TestDrive 'other.config.yaml'
        "model_list:`n  - model_name: other-model" | Set-Content $config
        $models = Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPasswordFile $vaultPass -HostName localhost -ConfigPath $config | Where-Object Check -eq Models
        $models.Status | Should -Be 'Failed'
        $models.Message | Should -BeLike '*missing other-model*'
    }

    It 'selects hosts with -HostName and takes the vault password as -VaultPassword' {
        $password = ConvertTo-SecureString (Get-Content $vaultPass -Raw).Trim() -AsPlainText -Force
        $r = @(Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPassword $password -HostName gw2)
        $r.Target | Sort-Object -Unique | Should -Be "gw2 (http://127.0.0.1:$port/)"
        $r.Status | Sort-Object -Unique | Should -Be 'Passed'
    }

    It 'reads the inventory and the vault password file from ansible.cfg' {
        "[defaults]`ninventory = inventory/hosts.ini`nvault_password_file = .vault-pass" | Set-Content "$project/ansible.cfg"
        Push-Location $project
        try {
            $r = @(Test-HxLiteLLMEndpoint -HostName localhost)
        } finally {
            Pop-Location
            Remove-Item "$project/ansible.cfg"
        }
        $r.Status | Sort-Object -Unique | Should -Be 'Passed'
    }

    It 'uses the key Ansible resolves for the host: an inline !vault value in host_vars over the group''s vault' {
        $hostKey = 'sk-' + -join ((1..24) | ForEach-Object { '{0:x2}' -f (Get-Random -Maximum 256) })
        New-Item -ItemType Directory -Force "$project/inventory/host_vars" | Out-Null
        Protect-HxVaultString -Name litellm_master_key -Value $hostKey -VaultPasswordFile $vaultPass | Set-Content "$project/inventory/host_vars/localhost.yml"
        try {
            # ansible-inventory prints inline vault values sealed; debug shows the value a play gets.
            $seen = (& /usr/bin/ansible localhost -i $inventory -m debug -a var=litellm_master_key --vault-password-file $vaultPass) -join "`n"
            $seen | Should -Match ('"litellm_master_key": "' + $hostKey + '"')
            $r = @(Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPasswordFile $vaultPass -HostName localhost)
        } finally {
            Remove-Item -Recurse "$project/inventory/host_vars"
        }
        # The stand-in knows only the group's key: the host's own key is refused.
        ($r | Where-Object Check -eq AuthEnforced).Status | Should -Be 'Passed'
        $models = $r | Where-Object Check -eq Models
        $models.Status | Should -Be 'Failed'
        $models.Message | Should -BeLike '*HTTP 401*'
        ($r | ConvertTo-Json) | Should -Not -BeLike "*$hostKey*"
    }

    It 'lets an explicit -Uri win over the inventory''s address' {
        $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $closed.Start(); $closedPort = $closed.LocalEndpoint.Port; $closed.Stop()
        $r = @(Test-HxLiteLLMEndpoint -EndpointUri "http://127.0.0.1:$closedPort" -InventoryPath $inventory -VaultPasswordFile $vaultPass -HostName localhost)
        $r[0].Target | Should -Be "localhost (http://127.0.0.1:$closedPort/)"
        $r[0].Category | Should -Be 'Tcp'
    }

    It 'names a host that is not in the group, with a did-you-mean' {
        $e = { Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPasswordFile $vaultPass -HostName localhst -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'InventoryHostNotFound*'
        $e.Exception.Message | Should -BeLike "*Did you mean 'localhost'?*"
    }

    It 'fails a wrong vault password as an error and never shows the master key' {
        $wrong = ConvertTo-SecureString 'not-the-password' -AsPlainText -Force
        $all = @(Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPassword $wrong -ErrorVariable failed -ErrorAction SilentlyContinue)
        $all.Count | Should -Be 0
        $failed.Count | Should -Be 1
        $text = (Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPasswordFile $vaultPass -Model gpt-9 -Verbose -Debug *>&1 | Out-String) +
            ($failed | Out-String) + (Test-HxLiteLLMEndpoint -InventoryPath $inventory -VaultPasswordFile $vaultPass | ConvertTo-Json)
        $vaultKey | Should -Match '^sk-'
        $text | Should -Not -BeLike "*$vaultKey*"
    }
}
