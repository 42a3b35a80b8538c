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
        Unprotect-HxVault -Path $file -VaultPasswordFile $passwordFile -Confirm:$false
        [IO.File]::ReadAllText($file) | Should -BeExactly "litellm_master_key: top-secret-plaintext-42`n"
    }

    It 'asks before decrypting in place (ConfirmImpact High), so a script must say -Confirm:$false' {
        (Get-Command Unprotect-HxVault).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
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

    It 'leaves an already encrypted file untouched and reports it with Changed = False; a file that is not a vault is an error' {
        $other = Join-Path $dir 'other.yml'
        [IO.File]::WriteAllText($other, "a: 1`n")
        Protect-HxVault -Path $file -VaultPassword $secure
        $vault = [IO.File]::ReadAllText($file)
        $changes = Protect-HxVault -Path $file, $other -VaultPassword (ConvertTo-SecureString 'another password' -AsPlainText -Force) -PassThru -ErrorVariable errs
        $errs.Count | Should -Be 0
        [IO.File]::ReadAllText($file) | Should -BeExactly $vault
        @($changes).Path | Should -Be @($file, $other)
        @($changes).Changed | Should -Be @($false, $true)
        $plain = Join-Path $dir 'plain.yml'
        [IO.File]::WriteAllText($plain, "a: 1`n")
        Unprotect-HxVault -Path $plain -VaultPassword $secure -Confirm:$false -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotVault,*'
        [IO.File]::ReadAllText($plain) | Should -BeExactly "a: 1`n"
        $bom = Join-Path $dir 'bom.yml'
        [IO.File]::WriteAllText($bom, "`u{FEFF}" + $vault)
        Unprotect-HxVault -Path $bom -VaultPassword $secure -Confirm:$false -ErrorVariable errs3 -ErrorAction SilentlyContinue
        $errs3[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotVault,*' -Because 'Ansible does not read a vault behind a BOM either'
        [IO.File]::ReadAllText($bom) | Should -BeExactly ("`u{FEFF}" + $vault)
    }

    It 'with a wrong password leaves the file untouched and leaks neither password nor plaintext on any stream' {
        Protect-HxVault -Path $file -VaultPassword $secure
        $vault = [IO.File]::ReadAllText($file)
        $wrong = 'wrong-password-99'
        $streams = & {
            Unprotect-HxVault -Path $file -VaultPassword (ConvertTo-SecureString $wrong -AsPlainText -Force) -Confirm:$false -Verbose -Debug -ErrorAction Continue
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
        Unprotect-HxVault -Path $theirs -VaultPasswordFile $passwordFile -Confirm:$false
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

Describe 'Get-HxVaultContent' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:file = Join-Path $dir 'vault.yml'
        [IO.File]::WriteAllText($file, "a: 1`r`nb: two`nlast line without end")
        Protect-HxVault -Path $file -VaultPassword $secure
        $script:vault = [IO.File]::ReadAllText($file)
    }

    It 'returns lines as Get-Content does, or one string with -Raw, and leaves the file encrypted' {
        Get-HxVaultContent -Path $file -VaultPassword $secure | Should -Be @('a: 1', 'b: two', 'last line without end')
        Get-HxVaultContent $file -VaultPasswordFile $passwordFile -Raw | Should -BeExactly "a: 1`r`nb: two`nlast line without end"
        [IO.File]::ReadAllText($file) | Should -BeExactly $vault
    }

    It 'reads piped files in input order; a wrong password is an error for that file only, without secrets in any stream' {
        $other = Join-Path $dir 'other.yml'
        [IO.File]::WriteAllText($other, "other: secret-other-77`n")
        Protect-HxVault -Path $other -VaultPassword (ConvertTo-SecureString 'different password' -AsPlainText -Force)
        $streams = Get-ChildItem $file, $other | Get-HxVaultContent -VaultPassword $secure -Verbose -ErrorAction Continue *>&1
        $errors = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'VaultWrongPassword,*'
        $errors[0].TargetObject | Should -Be $other
        @($streams | Where-Object { $_ -is [string] }) | Should -Be @('a: 1', 'b: two', 'last line without end')
        $text = ($streams | Where-Object { $_ -isnot [string] } | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } else { "$_" } }) -join "`n"
        $text | Should -Not -Match 'two|secret-other|different password'
        $text | Should -Not -Match ([regex]::Escape($password))
    }

    It 'shows what ansible-vault view shows, for vaults of either side' -Skip:([bool](Get-HxPeerSkipReason)) {
        $theirs = Join-Path $dir 'theirs.yml'
        [IO.File]::WriteAllText($theirs, "k: théirs`nsecond: line`n")
        & ansible-vault encrypt --vault-id "lab@$passwordFile" $theirs 2>$null
        Get-HxVaultContent -Path $theirs -VaultPasswordFile $passwordFile | Should -Be @(& ansible-vault view --vault-password-file $passwordFile $theirs 2>$null)
        Get-HxVaultContent -Path $file -VaultPassword $secure | Should -Be @(& ansible-vault view --vault-password-file $passwordFile $file 2>$null)
    }
}

Describe 'Update-HxVaultPassword' {
    BeforeAll {
        $script:newPassword = 'new pässword 8'
        $script:newSecure = ConvertTo-SecureString $newPassword -AsPlainText -Force
        $script:newPasswordFile = Join-Path $TestDrive 'vault-pass-new.txt'
        [IO.File]::WriteAllText($newPasswordFile, "$newPassword`n")
    }

    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:files = 1..3 | ForEach-Object { $f = Join-Path $dir "v$_.yml"; [IO.File]::WriteAllText($f, "secret_$($_): value-$_`n"); $f }
        Protect-HxVault -Path $files -VaultPassword $secure -VaultId old
    }

    It 're-keys many files with a fresh salt, backs each up as Ansible names backups under -Backup, and the old password no longer opens them' {
        $before = $files | ForEach-Object { [IO.File]::ReadAllText($_) }
        $changes = Get-ChildItem $files | Update-HxVaultPassword -VaultPassword $secure -NewVaultPasswordFile $newPasswordFile -Backup -PassThru
        @($changes).Path | Should -Be $files
        @($changes).Changed | Should -Be @($true, $true, $true)
        @($changes).Action | Should -Be @('RekeyVault', 'RekeyVault', 'RekeyVault')
        for ($i = 0; $i -lt 3; $i++) {
            $changes[$i].BackupPath | Should -Match ([regex]::Escape($files[$i]) + '\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d(\.\d+)?~$')
            [IO.File]::ReadAllText($changes[$i].BackupPath) | Should -BeExactly $before[$i]
            [IO.File]::ReadAllLines($files[$i])[0] | Should -BeExactly '$ANSIBLE_VAULT;1.1;AES256' -Because 'without -NewVaultId the label goes, as with ansible-vault rekey'
        }
        Get-HxVaultContent -Path $files -VaultPassword $newSecure | Should -Be @('secret_1: value-1', 'secret_2: value-2', 'secret_3: value-3')
        Get-HxVaultContent -Path $files[0] -VaultPassword $secure -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'VaultWrongPassword,*'
    }

    It 'writes -NewVaultId into the header, makes no backup under the old password without -Backup, and writes nothing under -WhatIf' {
        $whatIf = Update-HxVaultPassword -Path $files[0] -VaultPassword $secure -NewVaultPassword $newSecure -WhatIf -PassThru
        $whatIf.WhatIf | Should -BeTrue
        Get-HxVaultContent -Path $files[0] -VaultPassword $secure | Should -Be 'secret_1: value-1'
        $change = Update-HxVaultPassword -Path $files[0] -VaultPassword $secure -NewVaultPassword $newSecure -NewVaultId prod -PassThru
        $change.BackupPath | Should -BeNullOrEmpty
        @(Get-ChildItem $dir -Filter 'v1.yml.*~').Count | Should -Be 0
        [IO.File]::ReadAllLines($files[0])[0] | Should -BeExactly '$ANSIBLE_VAULT;1.2;AES256;prod'
    }

    It 'needs exactly one new password (never ANSIBLE_VAULT_PASSWORD_FILE, never a prompt) and leaves files it cannot open untouched' {
        $env:ANSIBLE_VAULT_PASSWORD_FILE = $passwordFile
        try {
            $err = { Update-HxVaultPassword -Path $files[0] } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'VaultNoSecrets,*'
            $err.Exception.Message | Should -Match '-NewVaultPassword'
            { Update-HxVaultPassword -Path $files[0] -NewVaultPassword $newSecure -NewVaultPasswordFile $newPasswordFile } | Should -Throw -ExpectedMessage '*exactly one*'
        } finally { $env:ANSIBLE_VAULT_PASSWORD_FILE = $null }
        $before = [IO.File]::ReadAllText($files[1])
        $plain = Join-Path $dir 'plain.yml'
        [IO.File]::WriteAllText($plain, "a: 1`n")
        $streams = Update-HxVaultPassword -Path $files[1], $plain, $files[2] -VaultPassword (ConvertTo-SecureString 'wrong-99' -AsPlainText -Force) -NewVaultPassword $newSecure -PassThru -Verbose -ErrorAction Continue *>&1
        $errors = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.FullyQualifiedErrorId | ForEach-Object { $_ -replace ',.*' } | Should -Be @('VaultWrongPassword', 'VaultNotVault', 'VaultWrongPassword')
        [IO.File]::ReadAllText($files[1]) | Should -BeExactly $before
        [IO.File]::ReadAllText($plain) | Should -BeExactly "a: 1`n"
        ($streams | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } else { "$_" } }) -join "`n" |
            Should -Not -Match 'wrong-99|new pässword|value-2'
    }

    It 're-keys vaults ansible-vault reads with the new password, and reads what ansible-vault rekey wrote' -Skip:([bool](Get-HxPeerSkipReason)) {
        Update-HxVaultPassword -Path $files[0] -VaultPassword $secure -NewVaultPasswordFile $newPasswordFile
        Update-HxVaultPassword -Path $files[1] -VaultPasswordFile $passwordFile -NewVaultPassword $newSecure -NewVaultId prod
        ((& ansible-vault view --vault-password-file $newPasswordFile $files[0] 2>&1) -join "`n") | Should -BeExactly 'secret_1: value-1'
        ((& ansible-vault view --vault-id "prod@$newPasswordFile" $files[1] 2>&1) -join "`n") | Should -BeExactly 'secret_2: value-2'
        & ansible-vault rekey --vault-password-file $passwordFile --new-vault-id "lab@$newPasswordFile" $files[2] 2>$null
        $LASTEXITCODE | Should -Be 0
        [IO.File]::ReadAllLines($files[2])[0] | Should -BeExactly '$ANSIBLE_VAULT;1.2;AES256;lab'
        Get-HxVaultContent -Path $files[2] -VaultPassword $newSecure | Should -Be 'secret_3: value-3'
        Update-HxVaultPassword -Path $files[2] -VaultPassword $newSecure -NewVaultPassword $secure
        ((& ansible-vault view --vault-password-file $passwordFile $files[2] 2>&1) -join "`n") | Should -BeExactly 'secret_3: value-3'
    }
}

Describe 'Get-HxVaultValue' {
    BeforeEach {
        $script:dir = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory "$dir/group_vars" -Force | Out-Null
        $script:vars = Join-Path $dir 'group_vars/g.yml'
        $block = Protect-HxVaultString -Name db_password -Value 'db-secret-31' -VaultPassword $secure
        $nested = Protect-HxVaultString -Value 'nested-secret-32' -VaultPassword $secure
        [IO.File]::WriteAllText($vars, "plain: text`nport: 4000`n$block`nbackend:`n  url: http://127.0.0.1`n  key: $($nested -replace "`n", "`n  ")`n")
    }

    It 'returns every variable in file order as Name/Value/Source/Encrypted, inline vault values decrypted' {
        $values = Get-HxVaultValue -Path $vars -VaultPassword $secure
        $values.Name | Should -Be @('plain', 'port', 'db_password', 'backend')
        $values.Encrypted | Should -Be @($false, $false, $true, $true)
        $values[0].Value | Should -BeExactly 'text'
        $values[1].Value | Should -Be 4000
        $values[2].Value | Should -BeExactly 'db-secret-31'
        $values[3].Value.key | Should -BeExactly 'nested-secret-32'
        $values[3].Value.url | Should -BeExactly 'http://127.0.0.1'
        $values.Source | Select-Object -Unique | Should -Be $vars
        $values[0].PSObject.Properties.Name | Should -Be @('Name', 'Value', 'Source', 'Encrypted')
    }

    It 'returns only the named variables, and an unknown name is an error with a suggestion' {
        (Get-HxVaultValue -Path $vars -Name db_password -VaultPasswordFile $passwordFile).Value | Should -BeExactly 'db-secret-31'
        @(Get-HxVaultValue -Path $vars -Name 'p*' -VaultPassword $secure).Name | Should -Be @('plain', 'port')
        $out = Get-HxVaultValue -Path $vars -Name db_pasword, plain -VaultPassword $secure -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Name | Should -Be 'plain'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'VaultValueNotFound,*'
        $errs[0].TargetObject | Should -Be 'db_pasword'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match "Did you mean 'db_password'\?"
    }

    It 'decrypts a whole-file vault; without a password or with a wrong one it is an error that shows no secret' {
        $vaultFile = Join-Path $dir 'group_vars/vault.yml'
        [IO.File]::WriteAllText($vaultFile, "api_key: whole-file-secret-33`n")
        Protect-HxVault -Path $vaultFile -VaultPassword $secure
        $value = Get-HxVaultValue -Path $vaultFile -Name api_key -VaultPassword $secure
        $value.Value | Should -BeExactly 'whole-file-secret-33'
        $value.Encrypted | Should -BeTrue
        $streams = & {
            Get-HxVaultValue -Path $vaultFile, $vars -Verbose -ErrorAction Continue
            Get-HxVaultValue -Path $vars -VaultPassword (ConvertTo-SecureString 'wrong-34' -AsPlainText -Force) -Verbose -ErrorAction Continue
        } *>&1
        $errors = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.FullyQualifiedErrorId | ForEach-Object { $_ -replace ',.*' } | Should -Be @('VaultNoSecrets', 'VaultNoSecrets', 'VaultWrongPassword')
        $errors[2].Exception.Message | Should -Match 'db_password'
        ($streams | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } else { "$_" } }) -join "`n" |
            Should -Not -Match 'secret-3|wrong-34'
    }

    It 'reads what ansible-vault encrypt_string wrote, and gives the values ansible -m debug shows' -Skip:([bool](Get-HxPeerSkipReason)) {
        $theirs = (& ansible-vault encrypt_string --vault-password-file $passwordFile --name their_token 'their-value ✓' 2>$null) -join "`n"
        Add-Content $vars $theirs
        (Get-HxVaultValue -Path $vars -Name their_token -VaultPassword $secure).Value | Should -BeExactly 'their-value ✓'
        [IO.File]::WriteAllText("$dir/hosts.ini", "[g]`nh1`n")
        foreach ($name in 'db_password', 'their_token', 'port') {
            $out = (& ansible -i "$dir/hosts.ini" h1 -m debug -a "var=$name" --vault-password-file $passwordFile -c local 2>&1) -join "`n"
            $json = $out.Substring($out.IndexOf('{')) | ConvertFrom-Json
            $json.$name | Should -BeExactly (Get-HxVaultValue -Path $vars -Name $name -VaultPassword $secure).Value
        }
    }
}
