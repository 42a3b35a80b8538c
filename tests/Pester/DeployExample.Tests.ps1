# The example role deployed through the real ansible-playbook, as the seed's next steps run it: litellm_enforce.yml, then
# litellm_smoke_test.yml, then a request from the controller. The gateway is the stand-in (tests/Peers/fake_litellm.py,
# installed by the role's pip task from the fixture's wheelhouse) run in the role's process mode, since PyPI is
# unreachable and systemd is not PID 1 here.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

Describe 'Deploying examples/hx-dev with ansible-playbook' -Skip:$skip {
    BeforeAll {
        Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
        Import-Module (Get-HxBuiltModulePath) -Force
        $script:deploy = New-HxStandInDeploy
        $script:copy = $deploy.Copy
        $script:user = $deploy.User
        $script:pidFile = $deploy.PidFile
        $script:configDir = $deploy.ConfigDir

        $script:masterKey = (Get-HxVaultValue "$copy/inventory/group_vars/litellm/vault.yml" litellm_master_key -VaultPasswordFile "$copy/.vault-pass").Value
        $handler = [System.Net.Http.HttpClientHandler]::new()
        $handler.UseProxy = $false
        $script:http = [System.Net.Http.HttpClient]::new($handler)
        $script:modelsUri = $deploy.ModelsUri

        # ansible-playbook as the seed runs it, from the project folder; its whole output (stdout and stderr) and exit code.
        function Invoke-Playbook([string] $Playbook) {
            Push-Location $copy
            try {
                $output = (& /usr/bin/ansible-playbook -i inventory/hosts.ini $Playbook -e '@vars.yml' --vault-password-file .vault-pass 2>&1) -join "`n"
                return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
            } finally {
                Pop-Location
            }
        }
        $script:enforce = Invoke-Playbook litellm_enforce.yml
    }

    AfterAll {
        if ($script:http) { $http.Dispose() }
        Remove-HxStandInDeploy $script:deploy
    }

    It 'litellm_enforce.yml exits 0 and the gateway runs as the service user' {
        $enforce.ExitCode | Should -Be 0 -Because $enforce.Output
        $enforce.Output | Should -Match 'localhost\s+: ok=\d+\s+changed=[1-9]\d*\s+unreachable=0\s+failed=0'
        $gatewayPid = (Get-Content $pidFile -Raw).Trim()
        (& ps -o user= -p $gatewayPid).Trim() | Should -Be $user
        (& stat -c '%a %U' "$configDir/litellm.env") | Should -Be '600 root'
    }

    It 'litellm_smoke_test.yml exits 0 and reports the served models' {
        $smoke = Invoke-Playbook litellm_smoke_test.yml
        $smoke.ExitCode | Should -Be 0 -Because $smoke.Output
        $smoke.Output | Should -Match 'served models: llama3-8b, qwen2.5-coder, mistral-7b'
        $smoke.Output | Should -Match 'localhost\s+: ok=4\s+changed=0\s+unreachable=0\s+failed=0'
    }

    It '/v1/models with the vault''s master key lists the rendered config''s models, and refuses a request without it' {
        $rendered = [regex]::Matches((Get-Content "$configDir/config.yaml" -Raw), '(?m)^\s*-\s*model_name:\s*(\S+)\s*$') | ForEach-Object { $_.Groups[1].Value }
        $rendered | Should -Be @('llama3-8b', 'qwen2.5-coder', 'mistral-7b')
        $request = [System.Net.Http.HttpRequestMessage]::new('GET', $modelsUri)
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $masterKey)
        $reply = $http.SendAsync($request).GetAwaiter().GetResult()
        [int]$reply.StatusCode | Should -Be 200
        ($reply.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).data.id | Should -Be $rendered
        [int]$http.GetAsync($modelsUri).GetAwaiter().GetResult().StatusCode | Should -Be 401
    }

    It 'a second litellm_enforce.yml run changes nothing' {
        $second = Invoke-Playbook litellm_enforce.yml
        $second.ExitCode | Should -Be 0 -Because $second.Output
        $second.Output | Should -Match 'localhost\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0'
    }

    It 'shows the master key in no playbook output' {
        $masterKey | Should -Match '^sk-'
        $enforce.Output | Should -Not -BeLike "*$masterKey*"
    }
}
