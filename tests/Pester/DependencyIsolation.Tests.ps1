BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:skip = [bool](Get-HxPeerSkipReason)
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:module = Get-HxBuiltModulePath
    # Another module's SSH.NET, as Posh-SSH ships one: same assembly name, other version, loaded into the default context.
    $script:fakeDir = Join-Path $TestDrive 'other-module'
    New-Item -ItemType Directory $fakeDir | Out-Null
    $script:fake = Join-Path $fakeDir 'Renci.SshNet.dll'
    Add-Type -OutputAssembly $fake -TypeDefinition @'
[assembly: System.Reflection.AssemblyVersion("2020.0.0.0")]
namespace Renci.SshNet { public class SshClient { public static string Origin = "other-module"; } }
'@
    $script:pwsh = Join-Path $PSHOME 'pwsh.dll'
    function Invoke-Fresh([string] $Script) {
        $output = & dotnet $pwsh -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
    $script:check = @"
`$r = Test-HxSudoPrivilege -HostName node1.hx.test -Address 127.0.0.1 -Port $($env:HX_PEER_SSH_PORT) -User $($env:HX_PEER_SSH_USER) -KeyFilePath '$($env:HX_PEER_SSH_KEY)' -KnownHostsPath '$($env:HX_PEER_SSH_KNOWN_HOSTS)' -EvidencePath '$TestDrive/evidence'
'CONNECTION=' + (`$r | Where-Object Check -eq Connection).Status
'THEIRS=' + [Renci.SshNet.SshClient]::Origin + '/' + [Renci.SshNet.SshClient].Assembly.GetName().Version
"@
}

Describe 'Beside another module''s SSH.NET' -Skip:$skip {
    It 'works when the other SSH.NET was loaded first' {
        $r = Invoke-Fresh "Add-Type -Path '$fake'; Import-Module '$module'; $check"
        $r.Output | Should -Match 'CONNECTION=Passed'
        $r.Output | Should -Match 'THEIRS=other-module/2020.0.0.0'
        $r.ExitCode | Should -Be 0
    }

    It 'works when HxLiteLLM was loaded first, and the other module still loads its own' {
        $r = Invoke-Fresh "Import-Module '$module'; Add-Type -Path '$fake'; $check"
        $r.Output | Should -Match 'CONNECTION=Passed'
        $r.Output | Should -Match 'THEIRS=other-module/2020.0.0.0'
        $r.ExitCode | Should -Be 0
    }
}
