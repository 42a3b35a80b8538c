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
