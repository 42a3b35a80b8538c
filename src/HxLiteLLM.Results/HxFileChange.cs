namespace HxLiteLLM.Results
{
    /// <summary>What a change to one file did (or, under -WhatIf, would do). Flat, for scripts and evidence.</summary>
    public sealed class HxFileChange
    {
        public HxFileChange(string path, string action)
        {
            Path = path;
            Action = action;
        }

        public string Path { get; }
        /// <summary>What was changed, e.g. AddGroup, SetGroupVars, SetVaultSecret.</summary>
        public string Action { get; }
        /// <summary>The group, variable or key the change is about.</summary>
        public string Item { get; set; } = "";
        /// <summary>Hosts or keys added.</summary>
        public HxNameList Added { get; set; } = HxNameList.Empty;
        /// <summary>Hosts or keys whose values were changed.</summary>
        public HxNameList Updated { get; set; } = HxNameList.Empty;
        /// <summary>Backup of the previous content; empty when none was needed.</summary>
        public string BackupPath { get; set; } = "";
        public bool Changed { get; set; }
        /// <summary>True when -WhatIf (or a declined -Confirm) kept the change from being written.</summary>
        public bool WhatIf { get; set; }
    }
}
