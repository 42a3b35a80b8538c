namespace HxLiteLLM.Results
{
    /// <summary>One rendered template. Flat, so Export-Csv and ConvertTo-Json give clean columns.</summary>
    public sealed class RenderedTemplate
    {
        public RenderedTemplate(string template, string outputPath, string sha256, long bytes, bool containsSecrets)
        {
            Template = template;
            OutputPath = outputPath;
            Sha256 = sha256;
            Bytes = bytes;
            ContainsSecrets = containsSecrets;
        }

        /// <summary>The template file.</summary>
        public string Template { get; }
        /// <summary>The rendered file.</summary>
        public string OutputPath { get; }
        /// <summary>SHA-256 of the rendered bytes, lowercase hex (as sha256sum prints it).</summary>
        public string Sha256 { get; }
        public long Bytes { get; }
        /// <summary>True when the output holds a value that came out of a vault; the file is then mode 0600.</summary>
        public bool ContainsSecrets { get; }
        /// <summary>The redacted copy in the evidence folder; empty when none was written.</summary>
        public string EvidencePath { get; set; } = "";
        /// <summary>True when -WhatIf (or a declined -Confirm) kept the file from being written.</summary>
        public bool WhatIf { get; set; }

        public override string ToString() => OutputPath;
    }
}
