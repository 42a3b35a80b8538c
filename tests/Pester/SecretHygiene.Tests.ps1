BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    function New-RandomHex([int] $Bytes) { -join ([System.Security.Cryptography.RandomNumberGenerator]::GetBytes($Bytes) | ForEach-Object { '{0:x2}' -f $_ }) }

    # The spellings a secret could leak in: as it is, in base64 (at each of the three alignments it can have inside a
    # longer base64 text), in hex, URL-encoded and in UTF-16 (binary files); the random part of a secret also by its first
    # and last 16 characters, so a truncated or partial copy counts too. Each spelling as the bytes to look for, in Latin-1 form.
    function Get-SecretSpelling([string] $Secret) {
        $utf8 = [Text.Encoding]::UTF8.GetBytes($Secret)
        $latin1 = [Text.Encoding]::Latin1
        $spellings = [Collections.Generic.List[string]]::new()
        $spellings.Add($latin1.GetString($utf8))
        foreach ($pad in 0..2) {
            $b64 = [Convert]::ToBase64String([byte[]](@(, 0) * $pad) + $utf8).TrimEnd('=')
            # Characters that depend on the neighbouring bytes are dropped at both ends.
            $spellings.Add($b64.Substring([Math]::Ceiling($pad * 4 / 3), $b64.Length - [Math]::Ceiling($pad * 4 / 3) - 2))
        }
        $spellings.Add(-join ($utf8 | ForEach-Object { '{0:x2}' -f $_ }))
        $spellings.Add($latin1.GetString([Text.Encoding]::UTF8.GetBytes([Uri]::EscapeDataString($Secret))))
        $spellings.Add($latin1.GetString([Text.Encoding]::Unicode.GetBytes($Secret)))
        foreach ($random in [regex]::Matches($Secret, '[0-9a-f]{32,}').Value) { $spellings.Add($random.Substring(0, 16)); $spellings.Add($random.Substring($random.Length - 16)) }
        $spellings | Where-Object { $_.Length -ge 8 } | Select-Object -Unique
    }

    # Every file's bytes (and each entry of a zip archive), as Latin-1 text so any byte sequence can be searched.
    function Get-ScannedContent([string[]] $Files) {
        foreach ($file in $Files) {
            $bytes = [IO.File]::ReadAllBytes($file)
            [pscustomobject]@{ Name = $file; Text = [Text.Encoding]::Latin1.GetString($bytes) }
            if ($file -like '*.zip') {
                $zip = [IO.Compression.ZipFile]::OpenRead($file)
                try {
                    foreach ($entry in $zip.Entries) {
                        $stream = $entry.Open(); $memory = [IO.MemoryStream]::new()
                        try { $stream.CopyTo($memory) } finally { $stream.Dispose() }
                        [pscustomobject]@{ Name = "$file!$($entry.FullName)"; Text = [Text.Encoding]::Latin1.GetString($memory.ToArray()) }
                    }
                } finally { $zip.Dispose() }
            }
        }
    }
}

Describe 'Secret hygiene: a full pipeline run with every stream on' -Skip:$skip {
    It 'leaves no vault password, master key or vault value in the evidence, the transcript or any of the six streams' {
        $copy = Join-Path $TestDrive 'hx'
        Copy-HxExample hx-dev $copy
        $run = New-Item -ItemType Directory (Join-Path $TestDrive 'run')

        # A fresh random vault password, and vault values of every kind: a group vault (the master key is replaced by
        # -GenerateMasterKey during the run), a host vault, an inline !vault value in plain vars.
        $passFile = "$copy/.vault-pass"
        Set-Content $passFile (New-RandomHex 24)
        $vault = "$copy/inventory/group_vars/litellm/vault.yml"
        @(
            "litellm_master_key: sk-$(New-RandomHex 32)"
            "litellm_salt_key: sk-$(New-RandomHex 32)"
            "litellm_database_url: postgresql://litellm:$(New-RandomHex 16)@db.hx.test:5432/litellm"
            "litellm_ui_password: $(New-RandomHex 16)"
        ) | Set-Content $vault
        Protect-HxVault -Path $vault -VaultPasswordFile $passFile
        New-Item -ItemType Directory "$copy/inventory/host_vars/node1.hx.test" | Out-Null
        Set-Content "$copy/inventory/host_vars/node1.hx.test/vault.yml" "node_api_token: $(New-RandomHex 24)"
        Protect-HxVault -Path "$copy/inventory/host_vars/node1.hx.test/vault.yml" -VaultPasswordFile $passFile
        Protect-HxVaultString -Name litellm_backend_api_key -Value (New-RandomHex 24) -VaultPasswordFile $passFile |
            Add-Content "$copy/inventory/group_vars/litellm/vars.yml"
        # A template that fails on a secret for one host: Jinja's error for a missing key quotes the key, here the salt key.
        # (That host's whole rendered set is then withheld; the others render.)
        Set-Content "$copy/roles/litellm/templates/backend_by_salt.j2" "{% if inventory_hostname == 'node2.hx.test' %}backend: {{ litellm_backends[litellm_salt_key].api_base }}{% endif %}"

        # Three hosts through the loopback sshd and dnsmasq, and one that fails its checks: a name dnsmasq does not know
        # (NXDOMAIN) on a closed port (refused).
        $closed = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $closed.Start(); $closedPort = $closed.LocalEndpoint.Port; $closed.Stop()
        $ssh = "ansible_host=127.0.0.1 ansible_user=$($env:HX_PEER_SSH_USER)"
        @('[litellm]'
            'node1.hx.test', 'node2.hx.test', 'gateway.hx.test' | ForEach-Object { "$_ $ssh ansible_port=$($env:HX_PEER_SSH_PORT)" }
            "unreachable.hx.test $ssh ansible_port=$closedPort"
        ) | Set-Content "$copy/inventory/hosts.ini"

        # The run, in a fresh session as a CI step would: transcript on, every stream on and captured record by record.
        $child = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Get-HxBuiltModulePath)'
`$env:GITHUB_ACTIONS = 'true'; `$env:GITHUB_STEP_SUMMARY = '$run/step-summary.md'
Start-Transcript -Path '$run/transcript.txt' | Out-Null
# From the project folder, as Ansible runs: the evidence goes to .evidence and the rendered files to .rendered there.
Set-Location '$copy'
`$records = [System.Collections.Generic.List[object]]::new()
try {
    Invoke-HxLiteLLMPipeline -InventoryPath '$copy/inventory/hosts.ini' -RolePath '$copy/roles/litellm' -VaultPasswordFile '$passFile' ``
        -RotateMasterKey -ContinueOnFailure -FailOnError -DnsServer '$($env:HX_PEER_DNS)' ``
        -KnownHostsPath '$($env:HX_PEER_SSH_KNOWN_HOSTS)' -KeyFilePath '$($env:HX_PEER_SSH_KEY)' ``
        -Verbose -Debug -ErrorAction Continue -WarningAction Continue -InformationAction Continue *>&1 |
        ForEach-Object { `$records.Add(`$_); `$_ }
} catch {
    `$records.Add(`$_); `$_
}
Stop-Transcript | Out-Null
`$results = @(`$records | Where-Object { `$_.PSObject.Properties['Check'] })
`$results | Export-HxJUnitReport -Path '$run/junit.xml' | Out-Null
`$results | Where-Object Phase -eq 'Preflight' | Export-HxEvidence -DestinationPath '$run/evidence.zip' | Out-Null
`$results | ConvertTo-Json -Depth 4 -EnumsAsStrings | Set-Content '$run/results.json'
function Save([string] `$Name, [scriptblock] `$Text) { `$records | ForEach-Object `$Text | Out-String -Width 4096 | Set-Content "$run/stream-`$Name.txt" }
Save output { if (`$_ -isnot [System.Management.Automation.ErrorRecord] -and `$_ -isnot [System.Management.Automation.InformationalRecord] -and `$_ -isnot [System.Management.Automation.InformationRecord]) { `$_ | Format-List * -Force; `$_ | ConvertTo-Json -Depth 4 -EnumsAsStrings -WarningAction Ignore } }
Save error { if (`$_ -is [System.Management.Automation.ErrorRecord]) { `$_ | Format-List * -Force; `$_.Exception.ToString(); `$_.ErrorDetails; `$_.TargetObject; `$_.ScriptStackTrace } }
Save warning { if (`$_ -is [System.Management.Automation.WarningRecord]) { `$_.Message } }
Save verbose { if (`$_ -is [System.Management.Automation.VerboseRecord]) { `$_.Message } }
Save debug { if (`$_ -is [System.Management.Automation.DebugRecord]) { `$_.Message } }
Save information { if (`$_ -is [System.Management.Automation.InformationRecord]) { `$_ | Format-List * -Force } }
"@
        Invoke-HxChildScript $child $run -TimeoutSeconds 240
        if (-not (Test-Path "$run/results.json")) { throw "the run ended without results: $(Get-Content "$run/console-error.txt", "$run/console.txt" -Raw)" }

        # The failing checks did fail, the run went to the end, and every stream the run uses was captured.
        $results = Get-Content "$run/results.json" -Raw | ConvertFrom-Json
        ($results | Where-Object { $_.Target -eq 'unreachable.hx.test' -and $_.Check -eq 'Dns' }).Status | Should -Be 'Failed'
        ($results | Where-Object { $_.Target -eq 'unreachable.hx.test' -and $_.Check -eq 'Connection' }).Status | Should -Be 'Failed'
        @($results | Where-Object { $_.Check -eq 'Connection' -and $_.Status -eq 'Passed' }).Count | Should -Be 3
        @($results | Where-Object { $_.Phase -eq 'RoleValidation' -and $_.Status -eq 'Failed' -and $_.Target -like '*backend_by_salt.j2' }).Count | Should -BeGreaterThan 0
        ($results | Where-Object Check -eq 'VaultSecret').Status | Should -Be 'Passed'
        Get-Content "$run/stream-warning.txt" -Raw | Should -Match 'FailOnError'
        Get-Content "$run/stream-verbose.txt" -Raw | Should -Match 'Orchestration log'
        Get-Content "$run/transcript.txt" -Raw | Should -Match 'unreachable.hx.test'

        # Every secret, decrypted by ansible-core from every vault left in the inventory (backups of replaced vaults
        # included), plus the vault password.
        $oracle = & /usr/bin/python3 (Join-Path (Get-HxRepoRoot) 'tests/Peers/ansible_vault_values.py') $passFile $copy .rendered .evidence | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0
        $secrets = @($oracle.values) + @((Get-Content $passFile -Raw).Trim()) | Select-Object -Unique
        @($oracle.files).Count | Should -BeGreaterOrEqual 4 -Because 'the group vault, its backup, the host vault and vars.yml hold vault data'
        $secrets.Count | Should -BeGreaterOrEqual 8

        # The rendered env file is the one place the master key belongs: mode 0600, and the scanner finds it there.
        $envFiles = @(Get-ChildItem "$copy/.rendered" -Recurse -Filter litellm.env)
        $envFiles.Count | Should -Be 3
        Test-Path "$copy/.rendered/node2.hx.test/litellm.env" | Should -BeFalse -Because 'a host with a failed template gets none of its files'
        foreach ($envFile in $envFiles) { [int][IO.File]::GetUnixFileMode($envFile.FullName) | Should -Be ([Convert]::ToInt32('600', 8)) -Because $envFile.FullName }
        $masterKey = (Unprotect-HxVault -Path $vault -AsPlainText -VaultPasswordFile $passFile) -replace '(?s).*litellm_master_key:\s*(\S+).*', '$1'
        $secrets | Should -Contain $masterKey
        [IO.File]::ReadAllText($envFiles[0].FullName) | Should -Match $masterKey

        # Everything the run wrote or touched except the render output and the password file: evidence tree, inventory,
        # role, transcript, the six stream captures, console output, JUnit, step summary, the evidence archive's entries.
        $files = @(Get-ChildItem $copy, $run -Recurse -File -Force |
                Where-Object { $_.FullName -notlike "$copy/.rendered/*" -and $_.FullName -ne $passFile } | ForEach-Object FullName)
        $content = @(Get-ScannedContent $files)
        $needles = foreach ($secret in $secrets) { foreach ($spelling in Get-SecretSpelling $secret) { $spelling } }
        $hits = foreach ($item in $content) {
            foreach ($needle in $needles) { if ($item.Text.Contains($needle, [StringComparison]::Ordinal)) { $item.Name } }
        }
        $bytes = ($content | ForEach-Object { $_.Text.Length } | Measure-Object -Sum).Sum
        $evidenceFiles = @($files | Where-Object { $_ -like "$copy/.evidence/*" }).Count
        $streams = @(Get-ChildItem "$run/stream-*.txt").Count
        Write-HxTestReport "Secret hygiene: $($content.Count) files ($evidenceFiles evidence, $([Math]::Round($bytes / 1KB)) KiB), transcript and $streams streams scanned for $($secrets.Count) secrets in $($needles.Count) spellings: $(@($hits).Count) hits"
        @($hits) | Should -BeNullOrEmpty
        $evidenceFiles | Should -BeGreaterThan 20
        $streams | Should -Be 6
        @($content | Where-Object Name -like '*evidence.zip!*').Count | Should -BeGreaterThan 0
        $bytes | Should -BeGreaterThan 100KB
    }
}

Describe 'Secret hygiene: templates that derive secrets in their errors and read the password file' -Skip:$skip {
    It 'leaves no secret, and no piece, case, reversal, base64 or hash of one, in any channel' {
        $copy = Join-Path $TestDrive 'derived'
        Copy-HxExample hx-dev $copy
        $run = New-Item -ItemType Directory (Join-Path $TestDrive 'derived-run')

        # Secrets that alternate a letter past f with a digit: no piece of six can be met by chance in hex hashes or prose.
        function New-PatternSecret([int] $Pairs) {
            $letters = 'ghijkmnpqrstuvwxyzGHJKLMNPQRSTUVWXYZ'
            -join (1..$Pairs | ForEach-Object { $letters[[Security.Cryptography.RandomNumberGenerator]::GetInt32($letters.Length)]; [Security.Cryptography.RandomNumberGenerator]::GetInt32(10) })
        }
        $password = New-PatternSecret 12
        $masterKey = "sk-$(New-PatternSecret 20)"
        $passFile = "$copy/.vault-pass"
        Set-Content $passFile $password
        $vault = "$copy/inventory/group_vars/litellm/vault.yml"
        Set-Content $vault "litellm_master_key: $masterKey"
        Protect-HxVault -Path $vault -VaultPasswordFile $passFile
        Add-Content "$copy/inventory/group_vars/litellm/vars.yml" @(
            'hx_key_tail: "{{ litellm_master_key[4:] }}"'
            "hx_pass_file: $passFile"
        )
        @('[litellm]', 'good.hx.test ansible_connection=local', 'bad.hx.test ansible_connection=local') | Set-Content "$copy/inventory/hosts.ini"

        # Every good host reads the password file; the bad host fails one way per template on a form of a secret.
        $templates = "$copy/roles/litellm/templates"
        Set-Content "$templates/reads_password.j2" "password={{ lookup('file', hx_pass_file) }}"
        $failures = [ordered]@{
            slice_key    = "{{ litellm_backends[litellm_master_key[3:]].api_base }}"
            upper_lookup = "{{ lookup('vars', litellm_master_key | upper) }}"
            lower_date   = "{{ litellm_master_key | lower | to_datetime }}"
            replace_time = "{{ '%Y' | strftime(litellm_master_key | replace('sk-', '')) }}"
            reversed     = "{{ lookup('file', '%s.pem' | format(litellm_master_key[::-1])) }}"
            b64_json     = "{{ ('{""k"": ' ~ (litellm_master_key | b64encode)) | from_json }}"
            joined       = "{{ ['a', litellm_master_key] | join(',') | to_datetime('%Y,%m') }}"
            dict_key     = "{{ {litellm_master_key ~ 'x': 1}[litellm_master_key].y }}"
            mandatory    = "{{ hx_nothing | mandatory('no value; the key is ' ~ (litellm_master_key | hash('sha1'))) }}"
            derived_var  = "{{ hx_key_tail | to_datetime }}"
            password     = "{{ lookup('file', hx_pass_file) | upper | to_datetime }}"
        }
        foreach ($name in $failures.Keys) {
            Set-Content "$templates/fails_$name.j2" "{% if inventory_hostname == 'bad.hx.test' %}$($failures[$name]){% endif %}"
        }

        $child = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Get-HxBuiltModulePath)'
`$env:GITHUB_ACTIONS = 'true'; `$env:GITHUB_STEP_SUMMARY = '$run/step-summary.md'
Start-Transcript -Path '$run/transcript.txt' | Out-Null
Set-Location '$copy'
`$records = [System.Collections.Generic.List[object]]::new()
try {
    Invoke-HxLiteLLMPipeline -InventoryPath '$copy/inventory/hosts.ini' -RolePath '$copy/roles/litellm' -VaultPasswordFile '$passFile' ``
        -SkipPreflight -ContinueOnFailure -FailOnError -JUnitPath '$run/junit.xml' ``
        -Verbose -Debug -ErrorAction Continue -WarningAction Continue -InformationAction Continue *>&1 |
        ForEach-Object { `$records.Add(`$_); `$_ }
} catch {
    `$records.Add(`$_); `$_
}
Stop-Transcript | Out-Null
`$results = @(`$records | Where-Object { `$_.PSObject.Properties['Check'] })
`$results | Where-Object Phase -eq 'RoleValidation' | Export-HxEvidence -DestinationPath '$run/evidence.zip' | Out-Null
`$results | ConvertTo-Json -Depth 4 -EnumsAsStrings | Set-Content '$run/results.json'
`$records | ForEach-Object { if (`$_ -is [System.Management.Automation.ErrorRecord]) { `$_ | Format-List * -Force; `$_.Exception.ToString() } else { `$_ | Format-List * -Force } } |
    Out-String -Width 4096 | Set-Content '$run/streams.txt'
"@
        Invoke-HxChildScript $child $run -TimeoutSeconds 240
        if (-not (Test-Path "$run/results.json")) { throw "the run ended without results: $(Get-Content "$run/console-error.txt", "$run/console.txt" -Raw)" }

        # Each failing template failed for the bad host; the good host rendered the password into its 0600 output only.
        $results = Get-Content "$run/results.json" -Raw | ConvertFrom-Json
        foreach ($name in $failures.Keys) {
            @($results | Where-Object { $_.Check -eq 'Render' -and $_.Status -eq 'Failed' -and $_.Target -like "*fails_$name.j2" -and $_.Message -like '*bad.hx.test*' }).Count | Should -Be 1 -Because $name
        }
        $output = "$copy/.rendered/good.hx.test/reads_password"
        (Get-Content $output -Raw) | Should -Match ([regex]::Escape($password))
        [int][IO.File]::GetUnixFileMode($output) | Should -Be ([Convert]::ToInt32('600', 8))
        $copyOfOutput = @(Get-ChildItem "$copy/.evidence" -Recurse -File -Filter reads_password | Where-Object FullName -like '*good.hx.test*')
        $copyOfOutput.Count | Should -Be 1
        Get-Content $copyOfOutput[0].FullName -Raw | Should -Match 'password=\*{8}'
        Test-Path "$run/junit.xml", "$run/step-summary.md" | Should -Be @($true, $true)
        @(Get-ChildItem "$copy/.evidence" -Recurse -File -Filter 'remediation*').Count | Should -BeGreaterThan 0
        Get-Content "$run/console.txt" -Raw | Should -Match '::error'

        # Needles: every piece of six characters of each secret, of its upper and lower case and of its reversal; its
        # base64 at the three alignments; its SHA-1 and SHA-256 in hex (their first 16 characters).
        $needles = foreach ($secret in $password, $masterKey) {
            foreach ($form in $secret, $secret.ToUpperInvariant(), $secret.ToLowerInvariant(), (-join $secret[($secret.Length - 1)..0])) {
                foreach ($i in 0..($form.Length - 6)) { $form.Substring($i, 6) }
            }
            $utf8 = [Text.Encoding]::UTF8.GetBytes($secret)
            foreach ($pad in 0..2) {
                $b64 = [Convert]::ToBase64String([byte[]](@(, 0) * $pad) + $utf8).TrimEnd('=')
                $b64.Substring([Math]::Ceiling($pad * 4 / 3), $b64.Length - [Math]::Ceiling($pad * 4 / 3) - 2)
            }
            [Convert]::ToHexString([Security.Cryptography.SHA1]::HashData($utf8)).ToLowerInvariant().Substring(0, 16)
            [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($utf8)).ToLowerInvariant().Substring(0, 16)
        }
        $needles = @($needles | Select-Object -Unique)
        # Everything but the render output and the password file: evidence (issue reports included), inventory, role,
        # console, transcript, streams, JUnit, step summary, results.json and the archive's entries.
        $files = @(Get-ChildItem $copy, $run -Recurse -File -Force |
                Where-Object { $_.FullName -notlike "$copy/.rendered/*" -and $_.FullName -ne $passFile } | ForEach-Object FullName)
        $content = @(Get-ScannedContent $files)
        $hits = foreach ($item in $content) {
            foreach ($needle in $needles) { if ($item.Text.Contains($needle, [StringComparison]::Ordinal)) { "$($item.Name): $needle" } }
        }
        Write-HxTestReport "Secret hygiene (derived forms): $($content.Count) files scanned after $($failures.Count) templates failing on derived secrets and one reading the password file, $($needles.Count) needles: $(@($hits).Count) hits"
        @($hits) | Should -BeNullOrEmpty
        @($content | Where-Object Name -like '*evidence.zip!*').Count | Should -BeGreaterThan 0
    }
}
