namespace HxLiteLLM.Results
{
    /// <summary>
    /// A file holding vault data or a plaintext key where it does not belong. Flat, for Export-Csv and reports;
    /// never holds a secret (a plaintext key is only shown masked).
    /// </summary>
    public sealed class HxStrayVault
    {
        internal HxStrayVault(string root, string path, string relativePath, string kind, string reason)
        {
            Root = root;
            Path = path;
            RelativePath = relativePath;
            Kind = kind;
            Reason = reason;
        }

        public string Path { get; }
        /// <summary>Relative to <see cref="Root"/>, with '/' separators.</summary>
        public string RelativePath { get; }
        /// <summary>EncryptedFile or PlaintextKey.</summary>
        public string Kind { get; }
        public string Reason { get; }
        /// <summary>True when Ansible reads the file: as the inventory, or through host_group_vars for a group or host of that name.</summary>
        public bool LoadedByAnsible { get; internal set; }
        /// <summary>What Ansible loads it as, e.g. "group_vars of 'litellm'" or "the inventory"; empty when it is not loaded.</summary>
        public string LoadedAs { get; internal set; } = "";
        /// <summary>The label of a 1.2 vault header; empty otherwise.</summary>
        public string VaultId { get; internal set; } = "";
        /// <summary>Line of the first plaintext key (1-based); 0 for encrypted files.</summary>
        public int Line { get; internal set; }
        /// <summary>The plaintext key masked (sk-********abcd); empty for encrypted files.</summary>
        public string MaskedSecret { get; internal set; } = "";
        public string Root { get; }
        /// <summary>
        /// The fix for a file Ansible loads (inventory, group_vars, host_vars): such a file is configuration and is never
        /// moved; empty for the other strays, which Move-HxStrayVault quarantines.
        /// </summary>
        public string Remediation { get; internal set; } = "";
        /// <summary>Where Move-HxStrayVault put the file; empty until then.</summary>
        public string QuarantinePath { get; internal set; } = "";

        public override string ToString() => RelativePath + ": " + Reason;
    }
}
