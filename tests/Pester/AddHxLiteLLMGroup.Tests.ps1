BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:original = "# site`n[web]`nweb1 ansible_host=10.0.0.5`n"
}

Describe 'Add-HxLiteLLMGroup' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:ini = Join-Path $dir 'hosts.ini'
        [IO.File]::WriteAllText($ini, $original)
    }

    It 'adds the group, backs up the old file the Ansible way and reports the change' {
        $change = Add-HxLiteLLMGroup -Path $ini -HostName gw1, gw2 -ParentGroup ai -PassThru
        $change.Changed | Should -BeTrue
        $change.Added | Should -Be @('gw1', 'gw2')
        $change.BackupPath | Should -Match ([regex]::Escape($ini) + '\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~$')
        [IO.File]::ReadAllText($change.BackupPath) | Should -BeExactly $original
        [IO.File]::ReadAllText($ini) | Should -BeExactly ($original + "`n[litellm]`ngw1`ngw2`n`n[ai:children]`nlitellm`n")
    }

    It 'is idempotent: a second run changes nothing and makes no backup' {
        Add-HxLiteLLMGroup -Path $ini -HostName gw1 -HostVars @{ litellm_port = 4000 }
        $before = [IO.File]::ReadAllText($ini)
        $backups = @(Get-ChildItem $dir -Filter '*~').Count
        $change = Add-HxLiteLLMGroup -Path $ini -HostName gw1 -HostVars @{ litellm_port = 4000 } -PassThru
        $change.Changed | Should -BeFalse
        $change.BackupPath | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($ini) | Should -BeExactly $before
        @(Get-ChildItem $dir -Filter '*~').Count | Should -Be $backups
    }

    It 'takes host names from the pipeline by property name' {
        @([pscustomobject]@{ Name = 'gw1' }, [pscustomobject]@{ Name = 'gw2' }) | Add-HxLiteLLMGroup -Path $ini
        [IO.File]::ReadAllText($ini) | Should -BeLike "*[[]litellm]`ngw1`ngw2`n"
    }

    It 'writes nothing under -WhatIf' {
        $change = Add-HxLiteLLMGroup -Path $ini -HostName gw1 -WhatIf -PassThru
        $change.WhatIf | Should -BeTrue
        [IO.File]::ReadAllText($ini) | Should -BeExactly $original
        @(Get-ChildItem $dir).Count | Should -Be 1
    }

    It 'refuses a secret in the host variables and leaves the file untouched' {
        $secret = 'sk-' + ('ab' * 32)
        { Add-HxLiteLLMGroup -Path $ini -HostName gw1 -HostVars @{ litellm_master_key = $secret } } |
            Should -Throw -ErrorId 'SecretInPlainVars,HxLiteLLM.PowerShell.Commands.Inventory.AddHxLiteLLMGroupCommand'
        [IO.File]::ReadAllText($ini) | Should -BeExactly $original
        try { Add-HxLiteLLMGroup -Path $ini -HostName gw1 -HostVars @{ k = $secret } } catch { $_.Exception.Message | Should -Not -Match $secret }
    }

    It 'is read by ansible-inventory with the group, the parent and typed variables' -Skip:([bool](Get-HxPeerSkipReason)) {
        Add-HxLiteLLMGroup -Path $ini -HostName gw1 -ParentGroup ai -HostVars @{ litellm_port = 4000; note = 'a b'; ansible_user = 'deploy' }
        $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
        Set-Content $env:ANSIBLE_CONFIG ''
        $json = (& ansible-inventory -i $ini --list 2>$null) -join "`n" | ConvertFrom-Json
        $json.ai.children | Should -Be @('litellm')
        $json.litellm.hosts | Should -Be @('gw1')
        $json._meta.hostvars.gw1.litellm_port | Should -Be 4000
        $json._meta.hostvars.gw1.note | Should -Be 'a b'
        (Get-HxInventory -Path $ini -AsAnsibleJson) | Should -BeExactly ((& ansible-inventory -i $ini --list 2>$null) -join "`n")
    }
}
