using HxLiteLLM.Remote;

namespace HxLiteLLM.Evidence
{
    /// <summary>
    /// Where every command and the pipeline write their evidence (and the pipeline its rendered files) when not told: in the
    /// Ansible project, where the seed's troubleshooting commands, run from the project root, read
    /// .evidence/litellm_role_validation/*/issues/full_report.txt. The inventory path never decides it, so an inventory file and
    /// an inventory directory of the same project share one root.
    /// </summary>
    public static class EvidenceRoot
    {
        public const string EvidenceFolderName = ".evidence";

        public const string RenderFolderName = ".rendered";

        /// <summary>
        /// The project root: the folder of the ansible.cfg Ansible uses when that is a project's (ANSIBLE_CONFIG or ./ansible.cfg),
        /// else the current directory. ~/.ansible.cfg and /etc/ansible/ansible.cfg belong to no project.
        /// </summary>
        public static string ProjectRoot(AnsibleConfig config) => config.ProjectFolder ?? config.CurrentDirectory;

        /// <summary>The evidence root: <paramref name="given"/> (an absolute -EvidencePath or setting) when there is one, else &lt;project
        /// root&gt;/.evidence.</summary>
        public static string Resolve(string? given, AnsibleConfig config) => given ?? System.IO.Path.Combine(ProjectRoot(config), EvidenceFolderName);

        /// <summary>The pipeline's render folder: <paramref name="given"/> when there is one, else &lt;project root&gt;/.rendered.</summary>
        public static string RenderFolder(string? given, AnsibleConfig config) => given ?? System.IO.Path.Combine(ProjectRoot(config), RenderFolderName);
    }
}
