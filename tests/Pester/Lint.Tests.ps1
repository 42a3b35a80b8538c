# Lint of the project's own PowerShell (build.ps1, bench/, tools/, tests/) by the PowerShell parser: every file parses,
# names its commands in full, carries no trailing whitespace or tabs, and writes to the host only where a person reads
# the output (the build, the benchmarks, the tools, the peers' installer).
BeforeAll {
    $script:root = Split-Path (Split-Path $PSScriptRoot)
    # Aliases pwsh defines on Windows only: on Linux the same name runs a native program, so neither reading is safe.
    $script:windowsOnlyAliases = 'ac', 'cat', 'clear', 'compare', 'cp', 'cpp', 'diff', 'kill', 'ls', 'man', 'mount', 'mv', 'ps',
        'rm', 'rmdir', 'sleep', 'sort', 'start', 'tee', 'write'
    $script:hostWriters = 'build.ps1', 'bench/*', 'tools/*', 'tests/Peers/*'

    function Get-LintFile([string] $Root) {
        @(Get-Item "$Root/build.ps1" -ErrorAction Ignore) +
        @('bench', 'tools', 'tests' | Where-Object { Test-Path "$Root/$_" } |
            ForEach-Object { Get-ChildItem "$Root/$_" -Recurse -File -Include *.ps1, *.psm1, *.psd1 }) |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
            ForEach-Object { [pscustomobject]@{ Path = $_.FullName; Name = [IO.Path]::GetRelativePath($Root, $_.FullName) -replace '\\', '/' } }
    }

    function Get-Ast([string] $Path, [ref] $ParseErrors) {
        $tokens = $null
        [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, $ParseErrors)
    }

    function Get-CommandAst($Ast) {
        $Ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
    }

    function Find-ParseError($Files) {
        foreach ($file in $Files) {
            $errors = $null
            $null = Get-Ast $file.Path ([ref] $errors)
            foreach ($e in $errors) { "$($file.Name):$($e.Extent.StartLineNumber): $($e.Message)" }
        }
    }

    # A command named by an alias: the cmdlet's own name says what runs. A native program of the same name (ps, kill)
    # is called with & so it reads as one.
    function Find-AliasCommand($Files) {
        $aliases = @{}
        Get-Alias | ForEach-Object { $aliases[$_.Name] = $_.Definition }
        foreach ($name in $windowsOnlyAliases) { if (-not $aliases.ContainsKey($name)) { $aliases[$name] = 'an alias on Windows' } }
        foreach ($file in $Files) {
            foreach ($command in Get-CommandAst (Get-Ast $file.Path ([ref] $null))) {
                $name = $command.GetCommandName()
                if ($name -and $aliases.ContainsKey($name) -and
                    $command.InvocationOperator -ne [System.Management.Automation.Language.TokenKind]::Ampersand) {
                    "$($file.Name):$($command.Extent.StartLineNumber): $name ($($aliases[$name]))"
                }
            }
        }
    }

    function Find-WhitespaceFault($Files) {
        foreach ($file in $Files) {
            $number = 0
            foreach ($line in [IO.File]::ReadAllLines($file.Path)) {
                $number++
                if ($line -match '\s$') { "$($file.Name):${number}: trailing whitespace" }
                if ($line.Contains("`t")) { "$($file.Name):${number}: tab" }
            }
        }
    }

    function Find-HostWrite($Files) {
        foreach ($file in $Files) {
            if (@($hostWriters | Where-Object { $file.Name -like $_ }).Count) { continue }
            foreach ($command in Get-CommandAst (Get-Ast $file.Path ([ref] $null))) {
                if ($command.GetCommandName() -eq 'Write-Host') { "$($file.Name):$($command.Extent.StartLineNumber): Write-Host" }
            }
        }
    }

    $script:files = @(Get-LintFile $root)
}

Describe 'The project''s PowerShell' {
    It 'covers the build script, the benchmarks, the tools and the tests' {
        $files.Name | Should -Contain 'build.ps1'
        $files.Name | Should -Contain 'tests/Pester/Lint.Tests.ps1'
        $files.Name | Should -Contain 'tests/Peers/Peers.psm1'
        @($files | Where-Object Name -like 'tools/*').Count | Should -BeGreaterThan 0
        @($files | Where-Object Name -like 'bench/*').Count | Should -BeGreaterThan 0
    }

    It 'parses without errors' {
        (Find-ParseError $files) -join "`n" | Should -BeNullOrEmpty
    }

    It 'names commands in full, not by alias' {
        (Find-AliasCommand $files) -join "`n" | Should -BeNullOrEmpty
    }

    It 'has no trailing whitespace and no tabs' {
        (Find-WhitespaceFault $files) -join "`n" | Should -BeNullOrEmpty
    }

    It 'writes to the host only in the build, the benchmarks, the tools and the peers'' installer' {
        (Find-HostWrite $files) -join "`n" | Should -BeNullOrEmpty
    }
}

Describe 'The lint rules' {
    BeforeAll {
        $planted = "$TestDrive/checkout"
        New-Item -ItemType Directory "$planted/tests/Pester", "$planted/tools" | Out-Null
        Set-Content "$planted/build.ps1" "Write-Host 'for people'"
        Set-Content "$planted/tools/Tool.ps1" "Write-Host 'for people'"
        Set-Content "$planted/tests/Pester/Bad.Tests.ps1" (
            "Get-ChildItem | % { `$_ } | ? Name`n" +
            "ls`n" +
            "& ps -o user=`n" +
            "`$x = 1 `n" +
            "`tWrite-Host 'noise'")
        Set-Content "$planted/tests/Broken.ps1" "if (`$x {"
        $script:plantedFiles = @(Get-LintFile $planted)
    }

    It 'name each fault with its file and line' {
        Find-ParseError $plantedFiles | Should -Match '^tests/Broken\.ps1:1: '
        $aliases = @(Find-AliasCommand $plantedFiles)
        $aliases[0..1] | Should -Be @('tests/Pester/Bad.Tests.ps1:1: % (ForEach-Object)', 'tests/Pester/Bad.Tests.ps1:1: ? (Where-Object)')
        $aliases[2] | Should -BeLike 'tests/Pester/Bad.Tests.ps1:2: ls (*)'
        $aliases.Count | Should -Be 3
        Find-WhitespaceFault $plantedFiles | Should -Be @('tests/Pester/Bad.Tests.ps1:4: trailing whitespace', 'tests/Pester/Bad.Tests.ps1:5: tab')
        Find-HostWrite $plantedFiles | Should -Be @('tests/Pester/Bad.Tests.ps1:5: Write-Host')
    }
}
