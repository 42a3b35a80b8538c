# What an operator is told: -Verbose names every source a run read (as `ansible -v` does), every result carries its check's
# Category, and CI annotations point at the file, line and column, relative to the repository.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    # The verbose lines of a command given -Verbose (its other streams dropped).
    function Get-VerboseLine([scriptblock] $Command) {
        @(& $Command 4>&1 2>$null 3>$null | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}

Describe 'The sources a run read, under -Verbose' {
    BeforeAll {
        $script:root = Join-Path $TestDrive 'seed'
        Copy-HxExample seed-layout $root
        $script:password = (Get-Content (Join-Path $root '.vault-pass') -Raw).Trim()
        $script:expected = @(
            "Using $root/ansible.cfg as config file",
            "Parsed $root/inventories/dev.ini inventory source",
            "Read vars file $root/inventories/group_vars/all/vault.yml",
            "Read vars file $root/inventories/group_vars/litellm/vars.yml",
            "Vault password (default) from file ($root/.vault-pass), named by vault_password_file in $root/ansible.cfg"
        )
        Push-Location $root
    }
    AfterAll { Pop-Location }

    It 'Get-HxInventory names ansible.cfg, the inventory, the vars files and the vault password file, each once' {
        $lines = Get-VerboseLine { Get-HxInventory -Verbose }
        foreach ($line in $expected) { @($lines | Where-Object { $_ -eq $line }).Count | Should -Be 1 -Because ($lines -join "`n") }
        ($lines -join "`n") | Should -Not -Match ([regex]::Escape($password))
    }

    It 'Test-HxVariables names the same sources' {
        $lines = Get-VerboseLine { Test-HxVariables -EvidencePath (Join-Path $TestDrive 'ev-vars') -Verbose }
        foreach ($line in $expected) { $lines | Should -Contain $line }
    }

    It 'the pipeline names them and its settings file' {
        $lines = Get-VerboseLine { Invoke-HxLiteLLMPipeline -Phase Inventory, RoleValidation -EvidencePath (Join-Path $TestDrive 'ev-pipe') -WarningAction SilentlyContinue -Verbose | Out-Null }
        foreach ($line in $expected + "Settings: $root/hxlitellm.yml") { $lines | Should -Contain $line }
        ($lines -join "`n") | Should -Not -Match ([regex]::Escape($password))
    }

    It 'names the variable a vault password file came from, and a parameter as the parameter' {
        $env:ANSIBLE_VAULT_PASSWORD_FILE = "$root/.vault-pass"
        try { $lines = Get-VerboseLine { Get-HxInventory -Verbose } } finally { Remove-Item env:ANSIBLE_VAULT_PASSWORD_FILE }
        $lines | Should -Contain "Vault password (default) from file ($root/.vault-pass), named by ANSIBLE_VAULT_PASSWORD_FILE"
        $given = Get-VerboseLine { Get-HxInventory -VaultPassword (ConvertTo-SecureString $password -AsPlainText -Force) -Verbose }
        $given | Should -Contain 'Vault password (default) from -VaultPassword'
        ($given -join "`n") | Should -Not -Match ([regex]::Escape($password))
    }

    It 'says why ./ansible.cfg of a world-writable folder was ignored' {
        $open = Join-Path $TestDrive 'open'
        Copy-HxExample seed-layout $open
        & chmod o+w $open
        Push-Location $open
        try {
            $lines = Get-VerboseLine { Get-HxInventory -InventoryPath inventories/dev.ini -VaultPasswordFile .vault-pass -Verbose }
        } finally { Pop-Location }
        $lines | Should -Contain "Ignoring $open/ansible.cfg: its folder $open is world-writable, so anyone could have put it there (Ansible ignores it too)"
        $lines | Should -Contain "Vault password (default) from file ($open/.vault-pass)"
    }
}

Describe 'Every result carries its check''s Category, passes too' {
    It 'the pipeline''s inventory and role validation results' {
        $root = Join-Path $TestDrive 'category'
        Copy-HxExample seed-layout $root
        Add-Content (Join-Path $root hxlitellm.yml) @('group_vars:', '  litellm_port: 4100')
        Push-Location $root
        try { $results = @(Invoke-HxLiteLLMPipeline -Phase Inventory, RoleValidation -GenerateMasterKey -WarningAction SilentlyContinue) } finally { Pop-Location }
        @($results | Where-Object Status -eq Passed).Count | Should -BeGreaterThan 10
        $none = @($results | Where-Object { $_.Category -in @('', 'None') } | ForEach-Object { "$($_.Status) $($_.Check)" })
        $none | Should -BeNullOrEmpty
        ($results | Where-Object Check -eq TemplateSyntax | Select-Object -First 1).Category | Should -Be 'Template'
        ($results | Where-Object Check -eq GroupVars).Category | Should -Be 'Inventory'
        ($results | Where-Object Check -eq VaultSecret).Category | Should -Be 'Vault'
    }

    It 'the pre-flight results against the loopback sshd and dnsmasq' -Skip:$skip {
        $hostRecord = [pscustomobject]@{ Name = 'node1.hx.test'; Address = '127.0.0.1'; Port = [int]$env:HX_PEER_SSH_PORT; User = $env:HX_PEER_SSH_USER }
        $results = @($hostRecord | Invoke-HxPreflight -KeyFilePath $env:HX_PEER_SSH_KEY -KnownHostsPath $env:HX_PEER_SSH_KNOWN_HOSTS -DnsServer $env:HX_PEER_DNS `
                -Check Dns, Network -Backend "127.0.0.1:$([uri]::new($env:HX_PEER_GATEWAY).Port)" -EvidencePath (Join-Path $TestDrive 'ev-pre'))
        $passed = @($results | Where-Object Status -eq Passed)
        $passed.Check | Should -Contain 'Dns'
        $passed.Check | Should -Contain 'Connection'
        ($passed | Where-Object Check -eq Dns).Category | Should -Be 'Dns'
        ($passed | Where-Object Check -eq Connection).Category | Should -Be 'Tcp'
        @($results | Where-Object { $_.Category -in @('', 'None') }) | Should -BeNullOrEmpty
    }

    It 'the endpoint smoke test against the loopback gateway' -Skip:$skip {
        $results = @(Test-HxLiteLLMEndpoint -Uri "$($env:HX_PEER_GATEWAY)/ok" -MasterKey (ConvertTo-SecureString $env:HX_PEER_GATEWAY_KEY -AsPlainText -Force))
        $results.Status | Sort-Object -Unique | Should -Be 'Passed'
        ($results | Where-Object Check -eq AuthEnforced).Category | Should -Be 'Auth'
        ($results | Where-Object Check -eq Liveliness).Category | Should -Be 'Http'
    }
}

Describe 'CI annotations point at the file, line and column, relative to the repository' {
    BeforeAll {
        $script:repo = Join-Path $TestDrive 'repo'
        Copy-HxExample seed-layout $repo
        # A template with a Jinja syntax error on line 2, column 4 of a file of the role.
        Set-Content (Join-Path $repo 'roles/litellm/templates/broken.conf.j2') @('# broken', 'x={{ litellm_port }')
        $script:run = "Import-Module '$(Get-HxBuiltModulePath)'; Set-Location '$repo'; Invoke-HxLiteLLMPipeline -Phase Inventory, RoleValidation -WarningAction SilentlyContinue | Out-Null"
        $script:pwsh = Join-Path $PSHOME 'pwsh.dll'
    }

    It 'under GitHub Actions: ::error file=<relative>,line=N,col=M,title=... with no runner path' {
        $env:GITHUB_ACTIONS = 'true'; $env:GITHUB_WORKSPACE = $repo
        try { $out = @(& dotnet $pwsh -NoProfile -NonInteractive -Command $run) } finally { Remove-Item env:GITHUB_ACTIONS, env:GITHUB_WORKSPACE }
        $annotation = @($out -match '^::error file=roles/litellm/templates/broken\.conf\.j2,line=2,col=\d+,title=RoleValidation/TemplateSyntax \(roles/litellm/templates/broken\.conf\.j2\)::')
        $annotation.Count | Should -Be 1 -Because ($out -join "`n")
        @($out -match '^::(error|warning)' -match [regex]::Escape($repo)) | Should -BeNullOrEmpty
    }

    It 'under Azure Pipelines: ##vso[task.logissue type=error;sourcepath=<relative>;linenumber=N;columnnumber=M]' {
        $env:TF_BUILD = 'True'; $env:BUILD_SOURCESDIRECTORY = $repo
        try { $out = @(& dotnet $pwsh -NoProfile -NonInteractive -Command $run) } finally { Remove-Item env:TF_BUILD, env:BUILD_SOURCESDIRECTORY }
        $annotation = @($out -match '^##vso\[task\.logissue type=error;sourcepath=roles/litellm/templates/broken\.conf\.j2;linenumber=2;columnnumber=\d+\]RoleValidation/TemplateSyntax')
        $annotation.Count | Should -Be 1 -Because ($out -join "`n")
        @($out -match '^##vso' -match [regex]::Escape($repo)) | Should -BeNullOrEmpty
    }
}
