# One parameter vocabulary: a concept has one name, one type and one set of aliases on every cmdlet that takes it.
# Aliases = the concept's own aliases plus the earlier names a cmdlet keeps so scripts written against it still run
# (Legacy below); nothing else.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $preflight = 'Invoke-HxPreflight', 'Test-HxCATrust', 'Test-HxDnsResolution', 'Test-HxDomainJoin', 'Test-HxNetworkConnectivity',
        'Test-HxPythonRuntime', 'Test-HxSudoPrivilege'
    $hostLegacy = @{}
    foreach ($name in $preflight) { $hostLegacy[$name] = @('ComputerName', 'Host') }
    $hostLegacy['Add-HxLiteLLMGroup'] = @('ComputerName')
    $script:concepts = @(
        @{ Concept = 'inventory'; Name = 'InventoryPath'; Type = [string]; Aliases = @(); MinCmdlets = 10
            Legacy = @{ 'Add-HxLiteLLMGroup' = @('Path'); 'Get-HxInventory' = @('Path', 'FullName'); 'Set-HxGroupVars' = @('Path'); 'Test-HxVariables' = @('Path') }
            TypeExceptions = @{} }
        # Get-HxInventory -Group filters by several wildcard patterns; every other -Group names the one LiteLLM group.
        @{ Concept = 'group'; Name = 'Group'; Type = [string]; Aliases = @(); MinCmdlets = 10
            Legacy = @{ 'Add-HxLiteLLMGroup' = @('GroupName') }; TypeExceptions = @{ 'Get-HxInventory' = [string[]] } }
        @{ Concept = 'host selection'; Name = 'HostName'; Type = [string[]]; Aliases = @('Name'); MinCmdlets = 10
            Legacy = $hostLegacy; TypeExceptions = @{} }
        @{ Concept = 'vault password'; Name = 'VaultPassword'; Type = [securestring]; Aliases = @(); MinCmdlets = 15
            Legacy = @{}; TypeExceptions = @{} }
        @{ Concept = 'vault password file'; Name = 'VaultPasswordFile'; Type = [string]; Aliases = @(); MinCmdlets = 15
            Legacy = @{}; TypeExceptions = @{} }
        @{ Concept = 'evidence path'; Name = 'EvidencePath'; Type = [string]; Aliases = @(); MinCmdlets = 10
            Legacy = @{}; TypeExceptions = @{} }
        @{ Concept = 'legacy SSH algorithms'; Name = 'AllowLegacySshAlgorithm'; Type = [switch]; Aliases = @(); MinCmdlets = 8
            Legacy = @{}; TypeExceptions = @{} }
        @{ Concept = 'render path'; Name = 'RenderPath'; Type = [string]; Aliases = @('OutputPath'); MinCmdlets = 2
            Legacy = @{}; TypeExceptions = @{} }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-HxBuiltModulePath) -Force
    $script:commands = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet)

    function Get-ConceptParameter([string] $Name, [string[]] $Aliases) {
        foreach ($command in $commands) {
            foreach ($parameter in $command.Parameters.Values) {
                if ($parameter.Name -eq $Name -or ($Aliases -and @($parameter.Aliases | Where-Object { $_ -in $Aliases }).Count)) {
                    [pscustomobject]@{ Command = $command.Name; Parameter = $parameter }
                }
            }
        }
    }
}

Describe 'The parameter for the <Concept>' -ForEach $concepts {
    It 'is -<Name> with the same type and aliases on every cmdlet that has it' {
        $found = @(Get-ConceptParameter $Name $Aliases)
        $found.Count | Should -BeGreaterOrEqual $MinCmdlets
        foreach ($f in $found) {
            $f.Parameter.Name | Should -Be $Name -Because "$($f.Command) takes the $Concept"
            $expectedType = if ($TypeExceptions.ContainsKey($f.Command)) { $TypeExceptions[$f.Command] } else { $Type }
            $f.Parameter.ParameterType | Should -Be $expectedType -Because "$($f.Command) -$Name"
            $expected = @($Aliases) + @($Legacy[$f.Command] | Where-Object { $_ }) | Sort-Object
            @($f.Parameter.Aliases | Sort-Object) | Should -Be $expected -Because "$($f.Command) -$Name"
        }
    }
}

Describe 'The inventory parameter' {
    It 'is never Mandatory: without it a cmdlet reads the inventory of ansible.cfg' {
        foreach ($f in @(Get-ConceptParameter 'InventoryPath' @())) {
            @($f.Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory }).Count |
                Should -Be 0 -Because "$($f.Command) -InventoryPath"
        }
    }

    It 'has no other name on any cmdlet' {
        $other = foreach ($command in $commands) {
            $command.Parameters.Values | Where-Object { $_.Name -like '*Inventory*Path*' -and $_.Name -ne 'InventoryPath' } | ForEach-Object { "$($command.Name) -$($_.Name)" }
        }
        @($other) | Should -BeNullOrEmpty
    }

    It 'falls back to the inventory of ansible.cfg on the cmdlets that made it Mandatory before' {
        $project = Join-Path $TestDrive 'project'
        New-Item -ItemType Directory -Force "$project/inventory" | Out-Null
        Set-Content "$project/inventory/hosts.ini" "[litellm]`ngw1.hx.test ansible_host=127.0.0.1`n"
        Set-Content "$project/ansible.cfg" "[defaults]`ninventory = ./inventory/hosts.ini`n"
        Push-Location $project
        try {
            @(Get-HxInventory -Group litellm).Name | Should -Be 'gw1.hx.test'
            Add-HxLiteLLMGroup -HostName gw2.hx.test
            (Get-Content ./inventory/hosts.ini -Raw) | Should -Match 'gw2\.hx\.test'
            Set-HxGroupVars -Variable @{ litellm_port = 4000 } -Confirm:$false
            Test-Path ./inventory/group_vars/litellm | Should -BeTrue
            @(Test-HxVariables -EvidencePath "$TestDrive/evidence").Count | Should -BeGreaterThan 0
        } finally {
            Pop-Location
        }
    }

    It 'without a -InventoryPath and without ansible.cfg inventory, says what to give' {
        $empty = Join-Path $TestDrive 'empty'
        New-Item -ItemType Directory -Force $empty | Out-Null
        Set-Content "$empty/ansible.cfg" "[defaults]`n"
        Push-Location $empty
        try {
            { Test-HxSudoPrivilege -ErrorAction Stop } | Should -Throw '*-InventoryPath*ansible.cfg*'
        } finally {
            Pop-Location
        }
    }
}

Describe 'Pipeline and render vocabulary' {
    It 'the pipeline adds hosts with -AddHostName and has no -HostName, which selects hosts everywhere else' {
        $pipeline = Get-Command Invoke-HxLiteLLMPipeline
        $pipeline.Parameters.ContainsKey('AddHostName') | Should -BeTrue
        $pipeline.Parameters.ContainsKey('HostName') | Should -BeFalse
        @($pipeline.Parameters.Values.Aliases) | Should -Not -Contain 'HostName'
    }

    It 'Invoke-HxPreflight -Check takes the Check names of the results and the earlier names' {
        $set = (Get-Command Invoke-HxPreflight).Parameters['Check'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        foreach ($name in 'Dns', 'DnsFromTarget', 'NetworkConfig', 'Backend', 'DomainJoin', 'Sudo', 'CaTrust', 'TlsEndpoint', 'PythonRuntime', 'Network', 'Python') {
            $set.ValidValues | Should -Contain $name
        }
    }

    It 'Invoke-HxPreflight -Check PythonRuntime runs the check whose results say PythonRuntime, as -Check Python did' {
        foreach ($value in 'PythonRuntime', 'Python') {
            $checks = @(Invoke-HxPreflight -HostName localhost -Connection local -Check $value -EvidencePath "$TestDrive/evidence" -ErrorAction SilentlyContinue).Check
            $checks | Should -Contain 'PythonRuntime'
            $checks | Should -Not -Contain 'DomainJoin'
        }
    }
}
