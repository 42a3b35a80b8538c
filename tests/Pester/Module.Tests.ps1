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
        @(Get-ChildItem $module.ModuleBase -Filter *.dll | Sort-Object Name).Name | Should -Be @('HxLiteLLM.dll', 'HxLiteLLM.Results.dll')
        $deps = @(Get-ChildItem (Join-Path $module.ModuleBase 'Dependencies') -Filter *.dll).Name
        $deps | Should -Contain 'HxLiteLLM.Engine.dll'
        $deps | Should -Contain 'Renci.SshNet.dll'
        $deps | Should -Contain 'YamlDotNet.dll'
        $deps | Should -Contain 'DnsClient.dll'
    }

    It 'loads the engine into its private load context, and the result types it returns into the default one' {
        # Engine types are not visible as type literals by design (PowerShell resolves those in the default context only).
        $resultType = (Get-HxInventory -Path "$repo/examples/hx-dev/inventory/hosts.ini" -VaultPasswordFile "$repo/examples/hx-dev/.vault-pass" | Select-Object -First 1).GetType()
        $resultType.FullName | Should -Be 'HxLiteLLM.Results.HxInventoryHost'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($resultType.Assembly) | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $engine = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'HxLiteLLM.Engine' })
        $engine.Count | Should -Be 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine[0]) | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $engine[0].Location | Should -BeLike '*Dependencies*HxLiteLLM.Engine.dll'
    }
}

Describe 'Views' {
    BeforeAll { $script:format = [xml](Get-Content (Join-Path $module.ModuleBase 'HxLiteLLM.Format.ps1xml') -Raw) }

    It 'label every column with the property it shows, so the table and Export-Csv agree' {
        foreach ($view in $format.Configuration.ViewDefinitions.View) {
            $labels = @($view.TableControl.TableHeaders.TableColumnHeader.Label)
            $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
            for ($i = 0; $i -lt $labels.Count; $i++) {
                $property = if ($items[$i].PropertyName) { $items[$i].PropertyName } else { $labels[$i] }
                $labels[$i] | Should -Be $property -Because $view.Name
            }
        }
    }

    It 'list every property of their type, so Format-List hides nothing' {
        $lists = @($format.Configuration.ViewDefinitions.View | Where-Object { $_['ListControl'] })
        $lists.Count | Should -BeGreaterThan 0
        foreach ($view in $lists) {
            $listed = @($view.ListControl.ListEntries.ListEntry.ListItems.ListItem.PropertyName)
            $listed | Sort-Object | Should -Be (([type]$view.ViewSelectedBy.TypeName).GetProperties().Name | Sort-Object) -Because $view.Name
        }
    }

    It 'exist for every result type a cmdlet declares' {
        $viewed = @($format.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName)
        $declared = Get-Command -Module HxLiteLLM -CommandType Cmdlet | ForEach-Object { $_.OutputType.Name } |
            Where-Object { $_ -like 'HxLiteLLM.*' } | Sort-Object -Unique
        foreach ($type in $declared) { $viewed | Should -Contain $type }
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

    It 'has a singular noun' {
        # Two nouns keep Ansible's own plural terms, which their users search for: group_vars and the variable set.
        if ($Name -notin 'Test-HxVariables', 'Set-HxGroupVars') { $Command.Noun | Should -Not -Match '(?<!s)s$' }
    }

    It 'supports -WhatIf when it changes files' {
        $changes = $Command.OutputType.Name -contains 'HxLiteLLM.Results.HxFileChange' -or $Command.Verb -in 'Add', 'Set', 'Move', 'Protect', 'Unprotect', 'New', 'Export'
        if ($changes -and $Name -notin 'New-HxMasterKey', 'Protect-HxVaultString') { $Command.Parameters.Keys | Should -Contain 'WhatIf' }
    }

    It 'has no parameter that would prompt (a [Credential] attribute asks for a password when given a user name)' {
        foreach ($p in $Command.Parameters.Values) {
            @($p.Attributes | Where-Object { $_.GetType().Name -eq 'CredentialAttribute' }).Count | Should -Be 0 -Because "-$($p.Name) must not prompt"
        }
    }
}
