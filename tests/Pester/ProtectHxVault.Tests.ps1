BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:password = 'correct horse 7'
    $script:secure = ConvertTo-SecureString $password -AsPlainText -Force
    $script:passwordFile = Join-Path $TestDrive 'vault-pass.txt'
    [IO.File]::WriteAllText($passwordFile, "$password`n")
    $env:ANSIBLE_CONFIG = Join-Path $TestDrive 'ansible.cfg'
    Set-Content $env:ANSIBLE_CONFIG ''
    $script:savedPasswordFileVariable = $env:ANSIBLE_VAULT_PASSWORD_FILE
    $env:ANSIBLE_VAULT_PASSWORD_FILE = $null
}

AfterAll {
    $env:ANSIBLE_VAULT_PASSWORD_FILE = $savedPasswordFileVariable
}

Describe 'Protect-HxVault and Unprotect-HxVault' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:file = Join-Path $dir 'vault.yml'
        [IO.File]::WriteAllText($file, "litellm_master_key: top-secret-plaintext-42`n")
    }

    It 'encrypts in place (1.1 header, mode 0600) and decrypts back byte for byte' {
        $change = Protect-HxVault -Path $file -VaultPassword $secure -PassThru
        $change.Changed | Should -BeTrue
        $change.Action | Should -Be 'ProtectVault'
        [IO.File]::ReadAllLines($file)[0] | Should -BeExactly '$ANSIBLE_VAULT;1.1;AES256'
        if (-not $IsWindows) { [int](Get-Item $file).UnixFileMode | Should -Be 384 -Because 'mode 0600' }
        Unprotect-HxVault -Path $file -VaultPassword $secure -AsPlainText | Should -BeExactly "litellm_master_key: top-secret-plaintext-42`n"
        Unprotect-HxVault -Path $file -VaultPasswordFile $passwordFile
        [IO.File]::ReadAllText($file) | Should -BeExactly "litellm_master_key: top-secret-plaintext-42`n"
    }

    It 'writes format 1.2 with -VaultId' {
        Protect-HxVault -Path $file -VaultPassword $secure -VaultId prod
        [IO.File]::ReadAllLines($file)[0] | Should -BeExactly '$ANSIBLE_VAULT;1.2;AES256;prod'
    }

    It 'takes the password file from ANSIBLE_VAULT_PASSWORD_FILE' {
        $env:ANSIBLE_VAULT_PASSWORD_FILE = $passwordFile
        try {
            Protect-HxVault -Path $file
            Unprotect-HxVault -Path $file -AsPlainText | Should -Match 'top-secret'
        } finally { $env:ANSIBLE_VAULT_PASSWORD_FILE = $null }
    }

    It 'without any password fails with an error naming the three ways, and never prompts' {
        $err = { Protect-HxVault -Path $file } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'VaultNoSecrets,HxLiteLLM.PowerShell.Commands.Vault.ProtectHxVaultCommand'
        $err.Exception.Message | Should -Match '-VaultPassword'
        $err.Exception.Message | Should -Match '-VaultPasswordFile'
        $err.Exception.Message | Should -Match 'ANSIBLE_VAULT_PASSWORD_FILE'
        [IO.File]::ReadAllText($file) | Should -BeExactly "litellm_master_key: top-secret-plaintext-42`n"
    }

    It 'reports an already encrypted / not encrypted file per item and leaves it untouched' {
        $other = Join-Path $dir 'other.yml'
        [IO.File]::WriteAllText($other, "a: 1`n")
        Protect-HxVault -Path $file -VaultPassword $secure
        $vault = [IO.File]::ReadAllText($file)
        $changes = Protect-HxVault -Path $file, $other -VaultPassword $secure -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'VaultAlreadyEncrypted,*'
        [IO.File]::ReadAllText($file) | Should -BeExactly $vault
        @($changes).Path | Should -Be @($other)
        $plain = Join-Path $dir 'plain.yml'
        [IO.File]::WriteAllText($plain, "a: 1`n")
        Unprotect-HxVault -Path $plain -VaultPassword $secure -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotVault,*'
        [IO.File]::ReadAllText($plain) | Should -BeExactly "a: 1`n"
        $bom = Join-Path $dir 'bom.yml'
        [IO.File]::WriteAllText($bom, "`u{FEFF}" + $vault)
        Unprotect-HxVault -Path $bom -VaultPassword $secure -ErrorVariable errs3 -ErrorAction SilentlyContinue
        $errs3[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotVault,*' -Because 'Ansible does not read a vault behind a BOM either'
        [IO.File]::ReadAllText($bom) | Should -BeExactly ("`u{FEFF}" + $vault)
    }

    It 'with a wrong password leaves the file untouched and leaks neither password nor plaintext on any stream' {
        Protect-HxVault -Path $file -VaultPassword $secure
        $vault = [IO.File]::ReadAllText($file)
        $wrong = 'wrong-password-99'
        $streams = & {
            Unprotect-HxVault -Path $file -VaultPassword (ConvertTo-SecureString $wrong -AsPlainText -Force) -Verbose -Debug -ErrorAction Continue
            Unprotect-HxVault -Path $file -VaultPassword (ConvertTo-SecureString $wrong -AsPlainText -Force) -AsPlainText -Verbose -Debug -ErrorAction Continue
        } *>&1
        $errors = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'VaultWrongPassword,*' }
        $text = ($streams | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } else { "$_" } }) -join "`n"
        $text | Should -Not -Match $wrong
        $text | Should -Not -Match ([regex]::Escape($password))
        $text | Should -Not -Match 'top-secret'
        [IO.File]::ReadAllText($file) | Should -BeExactly $vault
    }

    It 'processes many piped files (FileInfo) in parallel and writes results in input order' {
        $files = 1..12 | ForEach-Object { $f = Join-Path $dir "f$_.yml"; [IO.File]::WriteAllText($f, "n: $_`n"); $f }
        $changes = Get-ChildItem $files | Protect-HxVault -VaultPassword $secure -PassThru
        @($changes).Path | Should -Be $files
        Get-ChildItem $files | Unprotect-HxVault -VaultPassword $secure -AsPlainText | Should -Be (1..12 | ForEach-Object { "n: $_`n" })
    }

    It 'writes nothing under -WhatIf' {
        (Protect-HxVault -Path $file -VaultPassword $secure -WhatIf -PassThru).WhatIf | Should -BeTrue
        [IO.File]::ReadAllText($file) | Should -BeExactly "litellm_master_key: top-secret-plaintext-42`n"
    }

    It 'makes vaults ansible-vault opens, and opens the ones ansible-vault makes (CRLF and 1.2 included)' -Skip:([bool](Get-HxPeerSkipReason)) {
        $ours = 1..3 | ForEach-Object { $f = Join-Path $dir "ours$_.yml"; [IO.File]::WriteAllText($f, "k: v$_`n"); $f }
        Protect-HxVault -Path $ours[0..1] -VaultPassword $secure
        Protect-HxVault -Path $ours[2] -VaultPassword $secure -VaultId prod
        ((& ansible-vault view --vault-password-file $passwordFile @ours 2>&1) -join "`n") | Should -BeExactly "k: v1`nk: v2`nk: v3"
        $theirs = 1..2 | ForEach-Object { $f = Join-Path $dir "theirs$_.yml"; [IO.File]::WriteAllText($f, "t: $_`n"); $f }
        & ansible-vault encrypt --vault-password-file $passwordFile $theirs[0] 2>$null
        & ansible-vault encrypt --vault-id "lab@$passwordFile" $theirs[1] 2>$null
        $crlf = Join-Path $dir 'crlf.yml'
        [IO.File]::WriteAllText($crlf, ([IO.File]::ReadAllText($theirs[0]) -replace "`n", "`r`n"))
        Unprotect-HxVault -Path $theirs[0], $theirs[1], $crlf -VaultPassword $secure -AsPlainText | Should -Be @("t: 1`n", "t: 2`n", "t: 1`n")
        Unprotect-HxVault -Path $theirs -VaultPasswordFile $passwordFile
        [IO.File]::ReadAllText($theirs[1]) | Should -BeExactly "t: 2`n"
    }
}

Describe 'Protect-HxVaultString' {
    It 'prints the encrypt_string form that ansible decrypts to the exact value' -Skip:([bool](Get-HxPeerSkipReason)) {
        $block = Protect-HxVaultString -Name litellm_salt_key -Value (ConvertTo-SecureString 'salt value 1' -AsPlainText -Force) -VaultPassword $secure
        $block | Should -Match "^litellm_salt_key: !vault \|`n          \`$ANSIBLE_VAULT;1\.1;AES256`n"
        $block | Should -Not -Match "`n$"
        $plain = Protect-HxVaultString -Value 'plain text' -VaultPasswordFile $passwordFile -VaultId lab
        $plain | Should -Match "^!vault \|`n          \`$ANSIBLE_VAULT;1\.2;AES256;lab`n"
        $dir = Join-Path $TestDrive 'strings'
        New-Item -ItemType Directory "$dir/group_vars" -Force | Out-Null
        [IO.File]::WriteAllText("$dir/hosts.ini", "[g]`nh1`n")
        [IO.File]::WriteAllText("$dir/group_vars/g.yml", "$block`nother: $plain`n")
        $out = (& ansible -i "$dir/hosts.ini" h1 -m debug -a 'msg={{ litellm_salt_key }}|{{ other }}' --vault-password-file $passwordFile -c local 2>&1) -join "`n"
        $out | Should -Match ([regex]::Escape('"msg": "salt value 1|plain text"'))
    }

    It 'takes New-HxMasterKey output from the pipeline' {
        (New-HxMasterKey | Protect-HxVaultString -Name k -VaultPassword $secure) | Should -Match '^k: !vault \|'
    }
}
