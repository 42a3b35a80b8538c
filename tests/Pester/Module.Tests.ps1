BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:commands = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Command = $_ } })
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:module = Get-Module HxLiteLLM
    $script:repo = Get-HxRepoRoot
}

Describe 'The built module' {
    It 'imports from its versioned folder with the version of Directory.Build.props' {
        $version = ([xml](Get-Content "$repo/Directory.Build.props")).Project.PropertyGroup.HxVersion
        $module.Version | Should -Be ([version]$version)
        Split-Path $module.ModuleBase -Leaf | Should -Be $version
    }

    It 'exports exactly the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'HxLiteLLM.psd1')
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        $manifest.CmdletsToExport.Count | Should -BeGreaterThan 0
    }

    It 'exports every cmdlet the assembly defines' {
        $defined = @($module.ImplementingAssembly.GetTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $defined
    }

    It 'keeps third-party assemblies out of the module root' {
        @(Get-ChildItem $module.ModuleBase -Filter *.dll).Name | Should -Be @('HxLiteLLM.dll')
        $deps = @(Get-ChildItem (Join-Path $module.ModuleBase 'Dependencies') -Filter *.dll).Name
        $deps | Should -Contain 'HxLiteLLM.Engine.dll'
        $deps | Should -Contain 'Renci.SshNet.dll'
        $deps | Should -Contain 'YamlDotNet.dll'
        $deps | Should -Contain 'DnsClient.dll'
    }

    It 'loads the engine into its private load context, not the default one' {
        # Engine types are not visible as type literals by design (PowerShell resolves those in the default context only).
        $engineType = (Get-HxInventory -Path "$repo/examples/hx-dev/inventory/hosts.ini" -VaultPasswordFile "$repo/examples/hx-dev/.vault-pass" | Select-Object -First 1).GetType()
        $engineType.FullName | Should -Be 'HxLiteLLM.Results.HxInventoryHost'
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engineType.Assembly)
        $context | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $engineType.Assembly.Location | Should -BeLike '*Dependencies*HxLiteLLM.Engine.dll'
    }
}

Describe 'Cmdlet conventions: <Name>' -ForEach $commands {
    It 'uses an approved verb and the Hx noun prefix' {
        (Get-Verb).Verb | Should -Contain $Command.Verb
        $Command.Noun | Should -BeLike 'Hx*'
    }

    It 'lives in Commands/(area)/(verb)(noun)Command.cs with a class of the same name' {
        $class = $Command.ImplementingType.Name
        $class | Should -Be "$($Command.Verb)$($Command.Noun)Command"
        $files = @(Get-ChildItem "$repo/src/HxLiteLLM.PowerShell/Commands" -Recurse -Filter "$class.cs")
        $files.Count | Should -Be 1
    }

    It 'declares its output type' {
        $Command.OutputType.Count | Should -BeGreaterThan 0
    }
}
