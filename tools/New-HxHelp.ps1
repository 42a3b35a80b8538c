<#
.SYNOPSIS
Writes the module's MAML help (en-US/HxLiteLLM.dll-Help.xml) from one source of truth: the XML doc comments of the
cmdlet classes (synopsis, description, parameter texts, examples) plus what reflection says about the cmdlets
(parameter sets, types, positions, pipeline input, default values, output types, the cmdlets of the same area).
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
$members = @{}
# The cmdlets' own XML doc, then the docs of the assemblies beside it (the engine's document the output types).
$docs = @(Get-Item $XmlDocPath) + @(Get-ChildItem (Split-Path $XmlDocPath) -Filter 'HxLiteLLM.*.xml' | Where-Object FullName -ne (Get-Item $XmlDocPath).FullName)
foreach ($file in $docs) {
    foreach ($m in ([xml](Get-Content $file.FullName -Raw)).doc.members.member) { if (-not $members.ContainsKey($m.name)) { $members[$m.name] = $m } }
}

$RunnableNote = 'Runs as is in a copy of examples/hx-dev (vault password: ./.vault-pass).'
# -WhatIf and -Confirm are documented like the cmdlet's own parameters (syntax and list); the other common ones are not.
$common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name
$shouldProcessDocs = @{
    WhatIf  = 'Shows what the cmdlet would change, without changing anything.'
    Confirm = 'Asks for confirmation before each change.'
}

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
function Format-Default($value) {
    if ($value -is [System.Management.Automation.SwitchParameter]) { return "$($value.IsPresent)" }
    if ($null -eq $value -or "$value" -eq '' -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    if ($value -is [array]) { return $value -join ', ' }
    return [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
}
# The type a user gives: an optional value type (Nullable<int>) shows as its value type (Int32), never as Nullable`1.
function Get-ShownType([type] $type) {
    $inner = [System.Nullable]::GetUnderlyingType($type)
    if ($inner) { $inner } else { $type }
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
$cmdlets = @(Get-Command -Module HxLiteLLM -CommandType Cmdlet | Sort-Object Name)
foreach ($cmd in $cmdlets) {
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
    $defaults = @{}
    # Default values are what a new instance of the cmdlet holds before binding (or a <para type="default"> that says more).
    $fresh = [Activator]::CreateInstance($type)
    foreach ($p in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        if ($shouldProcessDocs.ContainsKey($p.Name)) {
            $parameterDocs[$p.Name] = @($shouldProcessDocs[$p.Name])
            $defaults[$p.Name] = 'False'
            continue
        }
        # Parameters declared on a shared base class are documented there.
        $property = $type.GetProperty($p.Name)
        $propDoc = $members["P:$($property.DeclaringType.FullName).$($p.Name)"]
        $summary = $(if ($propDoc) { $propDoc.SelectSingleNode('summary') })
        $parameterDocs[$p.Name] = @(Get-Paragraphs $summary 'description')
        $stated = @(Get-Paragraphs $summary 'default')
        $defaults[$p.Name] = if ($stated) { $stated[0] } else { Format-Default $property.GetValue($fresh) }
    }
    if ($fresh -is [IDisposable]) { $fresh.Dispose() }

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
                $w.WriteElementString('parameterValue', $ns.command, (Get-ShownType $p.ParameterType).Name)
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
        $w.WriteElementString('parameterValue', $ns.command, (Get-ShownType $p.ParameterType).Name)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, (Get-ShownType $p.ParameterType).FullName); $w.WriteEndElement()
        $w.WriteElementString('defaultValue', $ns.dev, $defaults[$p.Name])
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $ns.command)
    $inputs = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common -and ($_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }) })
    foreach ($p in $inputs) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, (Get-ShownType $p.ParameterType).FullName); $w.WriteEndElement()
        Description @("-$($p.Name) binds from the pipeline ($(PipelineInput ($p.ParameterSets.Values | Select-Object -First 1)))" + $(if ($p.Aliases.Count) { "; property names: $($p.Name), $($p.Aliases -join ', ')" } else { '' }) + '.')
        $w.WriteEndElement()
    }
    if (-not $inputs) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, 'None'); $w.WriteEndElement()
        Description @('This cmdlet takes no pipeline input.')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($t in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('name', $ns.maml, $t.Name); $w.WriteEndElement()
        # The module's result types are documented where they are defined; other types (strings) by the cmdlet's "outputs" paragraph.
        $typeDoc = $members["T:$($t.Name)"]
        $outputs = @(Get-Paragraphs $classDoc.SelectSingleNode('summary') 'outputs')
        Description @($(if ($typeDoc) { ($typeDoc.SelectSingleNode('summary').InnerText -replace '\s+', ' ').Trim() }
            elseif ($outputs) { $outputs[0] } else { "$($t.Name) objects, as the description says." }))
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

    # The other cmdlets of the same area (Commands/<Area>) and the module's about topic.
    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    $related = @($cmdlets | Where-Object { $_.ImplementingType.Namespace -eq $type.Namespace -and $_.Name -ne $cmd.Name } | ForEach-Object Name) + 'about_HxLiteLLM'
    foreach ($link in $related) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('linkText', $ns.maml, $link)
        $w.WriteElementString('uri', $ns.maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()
Write-Host "Help -> $OutFile"
