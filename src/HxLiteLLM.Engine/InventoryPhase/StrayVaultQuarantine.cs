using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.Results;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Moves strays into <c>&lt;root&gt;/_quarantine/&lt;stamp&gt;/</c> under their relative paths (out of every
    /// group_vars/host_vars tree Ansible reads), never overwriting or deleting anything, and writes
    /// <c>_quarantine/quarantine_report_&lt;stamp&gt;.txt</c>, which names files and reasons but no secret.
    /// </summary>
    public sealed class StrayVaultQuarantine
    {
        private readonly List<HxStrayVault> _moved = new List<HxStrayVault>();

        public StrayVaultQuarantine(string root, DateTime? startedUtc = null)
        {
            Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            _started = EvidenceStore.FormatStamp(startedUtc ?? DateTime.UtcNow);
        }

        private readonly string _started;
        private string? _reserved;

        public string Root { get; }
        /// <summary>
        /// The run's stamp, unique as the evidence's (<see cref="EvidenceStore.ReserveStamp"/>): reserved by the first
        /// move, so a second run in the same second gets stamp-2 instead of colliding; before it, the stamp it would take.
        /// </summary>
        public string Stamp => _reserved ?? _started;
        public string Folder => Path.Combine(Root, StrayVaultFinder.QuarantineFolder, Stamp);
        public string ReportPath => Path.Combine(Root, StrayVaultFinder.QuarantineFolder, "quarantine_report_" + Stamp + ".txt");

        /// <summary>Where the stray would go.</summary>
        public string DestinationOf(HxStrayVault stray) =>
            Path.Combine(Folder, stray.RelativePath.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>
        /// Moves the file; throws "ConfigurationNotMoved" for a file Ansible loads (inventory, group_vars, host_vars: moving
        /// it would take its variables away), "StrayOutsideRoot" for a file reached through a link to outside the root,
        /// "QuarantineTargetExists" rather than overwrite anything, "PathBeyondSymlink" for a symbolic link planted
        /// at _quarantine or a folder below it.
        /// </summary>
        public void Move(HxStrayVault stray)
        {
            if (Refusal(stray) is HxException refused) throw refused;
            StrayVaultFinder.CheckReallyBelow(Root, stray.Path);
            _reserved ??= EvidenceStore.ReserveStamp(Path.Combine(Root, StrayVaultFinder.QuarantineFolder), _started);
            var destination = DestinationOf(stray);
            if (File.Exists(destination) || Directory.Exists(destination))
            {
                throw new HxException("QuarantineTargetExists", destination + " already exists; nothing was moved or overwritten. Move " + stray.Path
                    + " by hand.", stray.Path);
            }
            ContainedPath.Folder(OwnedFolder.Ensure(Path.Combine(Root, StrayVaultFinder.QuarantineFolder)), Path.GetDirectoryName(destination)!);
            File.Move(stray.Path, destination);
            stray.QuarantinePath = destination;
            _moved.Add(stray);
        }

        /// <summary>Why a stray must stay where it is, or null: a file Ansible loads is configuration, never a stray to move.</summary>
        public static HxException? Refusal(HxStrayVault stray) =>
            stray.LoadedByAnsible
                ? new HxException("ConfigurationNotMoved", stray.Path + " was not moved: " + stray.Remediation, stray.Path)
                : null;

        /// <summary>Writes (or extends, when this run moves more after writing it) the report; null when nothing was moved.</summary>
        public string? WriteReport()
        {
            if (_moved.Count == 0) return null;
            var text = new StringBuilder();
            if (File.Exists(ReportPath)) text.Append(FileText.ReadUtf8(ReportPath));
            else text.Append("HxLiteLLM quarantine of stray vault files\nRoot: ").Append(Root).Append("\nStamp: ").Append(Stamp).Append("\n");
            foreach (var stray in _moved)
            {
                text.Append('\n').Append(stray.RelativePath).Append("\n");
                text.Append("  moved to: ").Append(StrayVaultFinder.QuarantineFolder).Append('/').Append(Stamp).Append('/').Append(stray.RelativePath).Append('\n');
                text.Append("  kind: ").Append(stray.Kind).Append('\n');
                text.Append("  reason: ").Append(stray.Reason).Append('\n');
                text.Append("  loaded by Ansible: ").Append(stray.LoadedByAnsible ? "yes, as " + stray.LoadedAs : "no").Append('\n');
                if (stray.VaultId.Length > 0) text.Append("  vault id: ").Append(stray.VaultId).Append('\n');
                if (stray.MaskedSecret.Length > 0) text.Append("  key (masked): ").Append(stray.MaskedSecret).Append('\n');
            }
            AtomicFile.WriteAllText(ReportPath, text.ToString());
            _moved.Clear();
            return ReportPath;
        }
    }
}
