<#
.SYNOPSIS
Writes the module's MAML help (en-US/HxLiteLLM.dll-Help.xml) from one source of truth: the XML doc comments of the
cmdlet classes (synopsis, description, parameter texts, examples) plus what reflection says about the cmdlets
(parameter sets, types, positions, pipeline input, output types).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $XmlDocPath,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

Import-Module $ModulePath -Force
$doc = [xml](Get-Content $XmlDocPath -Raw)
$members = @{}
foreach ($m in $doc.doc.members.member) { $members[$m.name] = $m }

$RunnableNote = 'Runs as is in a copy of examples/hx-dev (vault password: ./.vault-pass).'
$common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
    [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name

function Get-Paragraphs($node, [string] $type) {
    if (-not $node) { return @() }
    @($node.SelectNodes("para[@type='$type']") | ForEach-Object { ($_.InnerText -replace '\s+', ' ').Trim() })
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Force -Path (Split-Path $OutFile) | Out-Null
$w = [System.Xml.XmlWriter]::Create($OutFile, $settings)
function Para([string] $text) { $w.WriteStartElement('maml', 'para', $ns.maml); $w.WriteString($text); $w.WriteEndElement() }
function Description([string[]] $paras) {
    $w.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($p in $paras) { Para $p }
    $w.WriteEndElement()
}
function PipelineInput($p) {
    $kinds = @()
    if ($p.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($p.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($cmd in Get-Command -Module HxLiteLLM -CommandType Cmdlet | Sort-Object Name) {
    $type = $cmd.ImplementingType
    $classDoc = $members["T:$($type.FullName)"]
    if (-not $classDoc) { throw "$($cmd.Name): no XML doc comment on $($type.FullName)" }
    $synopsis = @(Get-Paragraphs $classDoc.SelectSingleNode('summary') 'synopsis')
    $description = @(Get-Paragraphs $classDoc.SelectSingleNode('summary') 'description')

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('name', $ns.command, $cmd.Name)
    Description $synopsis
    $w.WriteElementString('verb', $ns.command, $cmd.Verb)
    $w.WriteElementString('noun', $ns.command, $cmd.Noun)
    $w.WriteEndElement()
    Description $description

    $parameterDocs = @{}
    foreach ($p in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        # Parameters declared on a shared base class are documented there.
        $declaring = $type.GetProperty($p.Name).DeclaringType
        $propDoc = $members["P:$($declaring.FullName).$($p.Name)"]
        $parameterDocs[$p.Name] = @(Get-Paragraphs $(if ($propDoc) { $propDoc.SelectSingleNode('summary') }) 'description')
    }

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('name', $ns.maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $w.WriteStartElement('command', 'parameter', $ns.command)
            $w.WriteAttributeString('required', "$($p.IsMandatory)".ToLower())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            $w.WriteElementString('name', $ns.maml, $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $w.WriteElementString('parameterValue', $ns.command, $p.ParameterType.Name)
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name) {
        $first = $p.ParameterSets.Values | Select-Object -First 1
        $w.WriteStartElement('command', 'parameter', $ns.command)
        $w.WriteAttributeString('required', "$([bool]($p.ParameterSets.Values | Where-Object IsMandatory))".ToLower())
        $w.WriteAttributeString('position', $(if ($first.Position -ge 0) { "$($first.Position)" } else { 'named' }))
        $w.WriteAttributeString('pipelineInput', (PipelineInput $first))
        $w.WriteAttributeString('globbing', "$([bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLower())
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('name', $ns.maml, $p.Name)
        Description $parameterDocs[$p.Name]
        $w.WriteElementString('parameterValue', $ns.command, $p.ParameterType.Name)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, $p.ParameterType.FullName); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $ns.command)
    $inputs = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common -and ($_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }) })
    foreach ($p in $inputs) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, $p.ParameterType.FullName); $w.WriteEndElement()
        Description @("-$($p.Name) binds from the pipeline ($(PipelineInput ($p.ParameterSets.Values | Select-Object -First 1)))" + $(if ($p.Aliases.Count) { "; property names: $($p.Name), $($p.Aliases -join ', ')" } else { '' }) + '.')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($t in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, $t.Name); $w.WriteEndElement()
        $typeDoc = $members["T:$($t.Name)"]
        Description @($(if ($typeDoc) { ($typeDoc.SelectSingleNode('summary').InnerText -replace '\s+', ' ').Trim() } else { '' }))
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $examples = @($classDoc.SelectNodes('example'))
    if ($examples.Count -eq 0) { throw "$($cmd.Name): no <example> in the XML doc comment of $($type.FullName)" }
    $w.WriteStartElement('command', 'examples', $ns.command)
    $i = 0
    foreach ($ex in $examples) {
        $i++
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('title', $ns.maml, "-------------------------- Example $i --------------------------")
        $code = ($ex.SelectSingleNode('code').InnerText -split "`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ }) -join "`n"
        $w.WriteElementString('code', $ns.dev, $code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in $ex.SelectNodes('para')) { Para (($p.InnerText -replace '\s+', ' ').Trim()) }
        # Examples written against the bundled example's layout say so; the help test runs them there.
        if ($ex.GetAttribute('runnable') -eq 'true') { Para $RunnableNote }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()
Write-Host "Help -> $OutFile"
