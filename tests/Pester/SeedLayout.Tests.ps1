# The journey on the seed's own project layout (examples/seed-layout: ansible.cfg, inventories/dev.ini,
# inventories/group_vars/all/vault.yml), run from the project root as the seed runs its commands. Every claim the run's
# results make is checked against Ansible's own view: ansible-inventory and ansible-vault in the same folder.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HxBuiltModulePath) -Force

    function Get-AnsibleHostVars([string] $HostName) {
        $json = & /usr/bin/ansible-inventory --host $HostName 2>$null
        $LASTEXITCODE | Should -Be 0
        ($json -join "`n") | ConvertFrom-Json
    }

    # Every definition of a variable in the inventory's files, vault files opened with ansible-vault.
    function Get-Definitions([string] $Name) {
        Get-ChildItem inventories -Recurse -File | Where-Object { $_.FullName -notmatch '[\\/]\.' } | ForEach-Object {
            $text = Get-Content $_.FullName -Raw
            if ($text -like '$ANSIBLE_VAULT*') { $text = (& /usr/bin/ansible-vault view $_.FullName 2>$null) -join "`n" }
            if ($text -match "(?m)^$Name\s*[:=]") { $_.FullName }
        }
    }
}

Describe 'The pipeline on the seed''s project layout, from its root' -Skip:([bool](Get-HxPeerSkipReason)) {
    BeforeAll {
        $script:root = Join-Path $TestDrive 'seed'
        Copy-HxExample seed-layout $root
        Push-Location $root
        $script:seedKey = ((& /usr/bin/ansible-vault view inventories/group_vars/all/vault.yml 2>$null) -join "`n") -replace '(?s)^.*litellm_master_key:\s*"?([^"\s]+)"?.*$', '$1'
        Add-Content hxlitellm.yml @('group_vars:', '  litellm_port: 4100', '  litellm_log_level: DEBUG')
        $script:results = @(Invoke-HxLiteLLMPipeline -Phase Inventory, RoleValidation -GenerateMasterKey -WarningAction SilentlyContinue)
    }
    AfterAll { Pop-Location }

    It 'reads ansible.cfg, the settings file and the vault password with no parameter, and passes' {
        $seedKey | Should -Match '^sk-[0-9a-f]{64}$'
        @($results | Where-Object Status -eq Failed) | Should -BeNullOrEmpty -Because (($results | Where-Object Status -eq Failed).Message -join '; ')
        ($results | Where-Object Check -eq Render).Count | Should -BeGreaterThan 0
    }

    It 'sets group_vars that ansible-inventory shows for the host' {
        $groupVars = @($results | Where-Object Check -eq GroupVars)
        $groupVars.Status | Should -Be 'Passed'
        $groupVars.Target | Should -Be "$root/inventories/group_vars/litellm/vars.yml"
        $vars = Get-AnsibleHostVars hx-api-server
        $vars.litellm_port | Should -Be 4100
        $vars.litellm_log_level | Should -Be 'DEBUG'
    }

    It 'keeps the seed''s master key in group_vars/all/vault.yml: one definition, the one Ansible resolves' {
        $vault = @($results | Where-Object Check -eq VaultSecret)
        $vault.Status | Should -Be 'Passed'
        $vault.Message | Should -BeLike "*already defined ($root/inventories/group_vars/all/vault.yml:1 (group 'all')) and was kept*"
        Test-Path inventories/group_vars/litellm/vault.yml | Should -BeFalse
        @(Get-Definitions litellm_master_key) | Should -Be @("$root/inventories/group_vars/all/vault.yml")
        (Get-AnsibleHostVars hx-api-server).litellm_master_key | Should -BeExactly $seedKey
        ($results | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($seedKey))
    }

    It 'renders with the values Ansible resolves' {
        $env = Get-Content .rendered/hx-api-server/litellm.env
        $env | Should -Contain "LITELLM_MASTER_KEY=$seedKey"
        $env | Should -Contain 'LITELLM_LOG=DEBUG'
    }

    It 'lets the seed''s troubleshooting commands, run from the project root, find their files' {
        & bash -c 'cat .evidence/litellm_role_validation/*/issues/full_report.txt' | Should -Not -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 0
        & bash -c 'ls .evidence/litellm_role_validation/*/render_validation_report.txt .evidence/litellm_orchestration_*.txt' | Should -HaveCount 2
    }

    It 'changes nothing on a second run: the same files, no backup, the key kept' {
        $state = { Get-ChildItem -Recurse -File -Force | Where-Object { $_.FullName -notlike "$root/.evidence/*" } | ForEach-Object { $_.FullName + ' ' + (Get-FileHash $_.FullName).Hash } | Sort-Object }
        $before = & $state
        $second = @(Invoke-HxLiteLLMPipeline -Phase Inventory, RoleValidation -GenerateMasterKey -WarningVariable warnings -WarningAction SilentlyContinue)
        & $state | Should -Be $before
        @($second | Where-Object Status -eq Failed) | Should -BeNullOrEmpty
        ($second | Where-Object Check -eq GroupVars).Message | Should -BeLike 'already holds litellm_port, litellm_log_level*'
        $warnings.Count | Should -Be 0 -Because ($warnings -join '; ')
    }

    It 'fails the group_vars step when a host_vars file keeps another value, naming it, as ansible-inventory shows' {
        New-Item -ItemType Directory inventories/host_vars | Out-Null
        Set-Content inventories/host_vars/hx-api-server.yml @('---', 'litellm_port: 5000')
        $null = @(Set-HxGroupVars -InventoryPath inventories/dev.ini -Variable @{ litellm_port = 4200 } -VaultPasswordFile .vault-pass -ErrorVariable overridden -ErrorAction SilentlyContinue)
        $overridden.Count | Should -Be 1
        $overridden[0].FullyQualifiedErrorId | Should -BeLike 'GroupVarsOverridden*'
        "$($overridden[0])" | Should -BeLike "*litellm_port: $root/inventories/host_vars/hx-api-server.yml:2 (host 'hx-api-server') wins for hx-api-server*"
        (Get-AnsibleHostVars hx-api-server).litellm_port | Should -Be 5000
        $second = @(Invoke-HxLiteLLMPipeline -Phase Inventory -WarningAction SilentlyContinue)
        ($second | Where-Object Check -eq GroupVars).Status | Should -Be 'Failed'
        ($second | Where-Object Check -eq GroupVars).Message | Should -BeLike '*host_vars/hx-api-server.yml:2*'
        Remove-Item -Recurse inventories/host_vars
    }

    It 'ships the seed''s deploy playbook, which ansible-playbook accepts' {
        & /usr/bin/ansible-playbook --syntax-check playbooks/Lite-LLM/litellm_enforce.yml 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0
    }
}
