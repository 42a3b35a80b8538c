BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:password = 'vault pw 3'
    $script:secure = ConvertTo-SecureString $password -AsPlainText -Force
    $script:passwordFile = Join-Path $TestDrive 'vault-pass.txt'
    [IO.File]::WriteAllText($passwordFile, $password)
    $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
    Set-Content $env:ANSIBLE_CONFIG ''
    function ConvertTo-Secure([string] $text) { ConvertTo-SecureString $text -AsPlainText -Force }
}

Describe 'New-HxMasterKey' {
    It 'returns a SecureString by default and sk- + 64 lowercase hex with -AsPlainText, different each time' {
        New-HxMasterKey | Should -BeOfType [securestring]
        $a = New-HxMasterKey -AsPlainText
        $b = New-HxMasterKey -AsPlainText
        $a | Should -MatchExactly '^sk-[0-9a-f]{64}$'
        $a | Should -Not -Be $b
    }
}

Describe 'Set-HxVaultSecret' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        $script:vault = Join-Path $dir 'group_vars/litellm/vault.yml'
    }

    It 'creates the vault (encrypted, 0600) from New-HxMasterKey on the pipeline' {
        $change = New-HxMasterKey | Set-HxVaultSecret -Path $vault -Name litellm_master_key -VaultPassword $secure -PassThru
        $change.Changed | Should -BeTrue
        $change.BackupPath | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($vault) | Should -Match '^\$ANSIBLE_VAULT;1\.1;AES256\n'
        if (-not $IsWindows) { [int](Get-Item $vault).UnixFileMode | Should -Be 384 -Because 'mode 0600' }
        Unprotect-HxVault -Path $vault -VaultPassword $secure -AsPlainText | Should -Match '^litellm_master_key: sk-[0-9a-f]{64}\n$'
    }

    It 'sets a key keeping the other keys and comments, backs up the old vault and keeps its label' {
        $plain = Join-Path $dir 'plain.yml'
        New-Item -ItemType Directory (Split-Path $vault) -Force | Out-Null
        [IO.File]::WriteAllText($vault, "# secrets`nlitellm_salt_key: salt1`nlitellm_master_key: old`n")
        Protect-HxVault -Path $vault -VaultPassword $secure -VaultId prod
        $before = [IO.File]::ReadAllText($vault)
        $change = Set-HxVaultSecret -Path $vault -Name litellm_master_key -Value (ConvertTo-Secure 'sk-new-value-0123456789') -VaultPassword $secure -VaultId prod -PassThru
        $change.Changed | Should -BeTrue
        [IO.File]::ReadAllText($change.BackupPath) | Should -BeExactly $before
        [IO.File]::ReadAllLines($vault)[0] | Should -BeExactly '$ANSIBLE_VAULT;1.2;AES256;prod'
        Unprotect-HxVault -Path $vault -VaultPassword $secure -AsPlainText | Should -BeExactly "# secrets`nlitellm_salt_key: salt1`nlitellm_master_key: sk-new-value-0123456789`n"
    }

    It 'refuses a master key the MasterKeyFormat rule fails before storing anything, without echoing it' {
        $thrown = { Set-HxVaultSecret -Path $vault -Name litellm_master_key -Value (ConvertTo-Secure 'sk-1234') -VaultPassword $secure } |
            Should -Throw -ErrorId 'MasterKeyFormat,*' -PassThru
        $thrown.Exception.Message | Should -Not -Match 'sk-1234'
        Test-Path $vault | Should -BeFalse
    }

    It 'is idempotent: the same value writes nothing and makes no backup' {
        Set-HxVaultSecret -Path $vault -Name k -Value (ConvertTo-Secure 'same') -VaultPassword $secure
        $before = [IO.File]::ReadAllText($vault)
        (Set-HxVaultSecret -Path $vault -Name k -Value (ConvertTo-Secure 'same') -VaultPassword $secure -PassThru).Changed | Should -BeFalse
        [IO.File]::ReadAllText($vault) | Should -BeExactly $before
        @(Get-ChildItem (Split-Path $vault)).Count | Should -Be 1
    }

    It 'keeps an existing value with -NoClobber, writes nothing and says so; stores a missing one' -Skip:([bool](Get-HxPeerSkipReason)) {
        $first = New-HxMasterKey -AsPlainText
        (Set-HxVaultSecret -Path $vault -Name litellm_master_key -Value (ConvertTo-Secure $first) -VaultPasswordFile $passwordFile -NoClobber -PassThru).Changed | Should -BeTrue
        $before = [IO.File]::ReadAllText($vault)
        $change = New-HxMasterKey | Set-HxVaultSecret -Path $vault -Name litellm_master_key -VaultPasswordFile $passwordFile -NoClobber -PassThru -Verbose 4>&1 -WarningVariable warned
        ($change | Where-Object { $_ -is [HxLiteLLM.Results.HxFileChange] }).Changed | Should -BeFalse
        (@($change | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'litellm_master_key is already in the vault and was kept'
        $warned | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($vault) | Should -BeExactly $before
        @(Get-ChildItem (Split-Path $vault)).Count | Should -Be 1 -Because 'no backup'
        ((& ansible-vault view --vault-password-file $passwordFile $vault 2>&1) -join "`n") | Should -BeExactly "litellm_master_key: $first"
    }

    It 'refuses a plaintext file and a wrong password without touching the file or leaking anything' {
        New-Item -ItemType Directory (Split-Path $vault) -Force | Out-Null
        [IO.File]::WriteAllText($vault, "k: plain-secret-5`n")
        { Set-HxVaultSecret -Path $vault -Name k -Value (ConvertTo-Secure 'x') -VaultPassword $secure } | Should -Throw -ErrorId 'VaultNotVault,*'
        Protect-HxVault -Path $vault -VaultPassword $secure
        $before = [IO.File]::ReadAllText($vault)
        $streams = & {
            try { Set-HxVaultSecret -Path $vault -Name k -Value (ConvertTo-Secure 'new-secret-value-6') -VaultPassword (ConvertTo-Secure 'bad-password-7') -Verbose -Debug }
            catch { $_ }
        } *>&1
        $err = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'VaultWrongPassword,*'
        $text = ($streams | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } else { "$_" } }) -join "`n"
        $text | Should -Not -Match 'bad-password-7|new-secret-value-6|plain-secret-5'
        [IO.File]::ReadAllText($vault) | Should -BeExactly $before
    }

    It 'warns when a new group vault would hide group_vars/litellm.yml' {
        New-Item -ItemType Directory (Join-Path $dir 'group_vars') -Force | Out-Null
        [IO.File]::WriteAllText((Join-Path $dir 'group_vars/litellm.yml'), "litellm_port: 4000`n")
        Set-HxVaultSecret -Path $vault -Name k -Value (ConvertTo-Secure 'v') -VaultPassword $secure -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0] | Should -Match 'litellm\.yml'
    }

    It 'writes vaults ansible-vault view decrypts' -Skip:([bool](Get-HxPeerSkipReason)) {
        $second = Join-Path $dir 'group_vars/all/vault.yml'
        Set-HxVaultSecret -Path $vault -Name litellm_ui_password -Value (ConvertTo-Secure 'sk-abc: "quoted" #x') -VaultPasswordFile $passwordFile
        Set-HxVaultSecret -Path $second -Name litellm_salt_key -Value (ConvertTo-Secure 'yes') -VaultPassword $secure -VaultId lab
        ((& ansible-vault view --vault-password-file $passwordFile $vault $second 2>&1) -join "`n") |
            Should -BeExactly "litellm_ui_password: `"sk-abc: \`"quoted\`" #x`"`nlitellm_salt_key: `"yes`""
        [IO.File]::WriteAllText((Join-Path $dir 'hosts.ini'), "[litellm]`nh1`n")
        $vars = (& ansible-inventory -i (Join-Path $dir 'hosts.ini') --host h1 --vault-password-file $passwordFile 2>$null) -join "`n" | ConvertFrom-Json
        $vars.litellm_ui_password | Should -BeExactly 'sk-abc: "quoted" #x'
        $vars.litellm_salt_key | Should -BeExactly 'yes'
    }
}
