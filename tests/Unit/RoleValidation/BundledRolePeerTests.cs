using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using HxLiteLLM.Evidence;
using HxLiteLLM.IO;
using HxLiteLLM.RoleValidation;
using HxLiteLLM.Secrets;
using HxLiteLLM.Tests.Support;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.RoleValidation
{
    /// <summary>The bundled example role rendered by us and by ansible-playbook's template module, compared byte for byte.</summary>
    public sealed class BundledRolePeerTests : IDisposable
    {
        private static readonly string[] Outputs = { "litellm.config.yaml", "litellm.env", "litellm.service" };
        private readonly string _work = Path.Combine(Path.GetTempPath(), "hx-role-" + Guid.NewGuid().ToString("N"));

        public BundledRolePeerTests() => Directory.CreateDirectory(_work);

        public void Dispose() => Directory.Delete(_work, true);

        public static string Example([CallerFilePath] string source = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples", "hx-dev"));

        internal static IReadOnlyList<VaultSecret> ExampleSecrets() => new[] { VaultSecret.FromFile(Path.Combine(Example(), ".vault-pass")) };

        internal static HostVariables ExampleVariables(SecretRedactor redactor, IDictionary<object, object?>? extra = null) =>
            HostVariables.Load(new VariableSources
            {
                RolePath = Path.Combine(Example(), "roles", "litellm"),
                InventoryPath = Path.Combine(Example(), "inventory", "hosts.ini"),
                HostName = "localhost",
                ExtraVars = extra,
                VaultSecrets = ExampleSecrets(),
            }, redactor);

        [PeerFact("ansible-playbook")]
        public void Renders_the_bundled_role_byte_identical_to_the_template_module()
        {
            // The peer: a copy of the role whose tasks only render the three templates on the controller, in one ansible run.
            var roles = Path.Combine(_work, "roles");
            CopyDirectory(Path.Combine(Example(), "roles", "litellm"), Path.Combine(roles, "litellm"));
            var peerOut = Path.Combine(_work, "peer");
            Directory.CreateDirectory(peerOut);
            File.WriteAllText(Path.Combine(roles, "litellm", "tasks", "main.yml"), "---\n" + string.Concat(Outputs.Select(o =>
                "- ansible.builtin.template:\n    src: " + o + ".j2\n    dest: \"{{ hx_peer_out }}/" + o + "\"\n  delegate_to: localhost\n")));
            var playbook = Path.Combine(_work, "render.yml");
            File.WriteAllText(playbook, "---\n- hosts: litellm\n  gather_facts: false\n  roles:\n    - litellm\n");
            var config = Path.Combine(_work, "ansible.cfg");
            File.WriteAllText(config, "");
            var run = PeerProcess.Run("ansible-playbook", new[]
            {
                "-i", Path.Combine(Example(), "inventory", "hosts.ini"), "--vault-password-file", Path.Combine(Example(), ".vault-pass"),
                "-e", "hx_peer_out=" + peerOut, "-c", "local", playbook,
            }, environment: new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config, ["ANSIBLE_ROLES_PATH"] = roles });
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);

            var ours = Path.Combine(_work, "ours");
            var renderer = new TemplateRenderer(ExampleVariables(new SecretRedactor()));
            foreach (var template in TemplateFile.Find(Path.Combine(Example(), "roles", "litellm"))) renderer.Render(template, ours, null, true);
            foreach (var o in Outputs)
            {
                var expected = File.ReadAllBytes(Path.Combine(peerOut, o));
                var actual = File.ReadAllBytes(Path.Combine(ours, o));
                Assert.True(expected.SequenceEqual(actual), o + " differs:\n--- ansible\n" + AtomicFile.Utf8.GetString(expected) + "\n--- ours\n" + AtomicFile.Utf8.GetString(actual));
            }
        }

        [Fact]
        public void Keeps_the_master_key_out_of_evidence_and_writes_the_env_file_0600()
        {
            const string key = "sk-hxsecretscan0123456789abcdef0123456789";
            var redactor = new SecretRedactor();
            var variables = ExampleVariables(redactor, new HxLiteLLM.Values.PyDict { ["litellm_master_key"] = key });
            var evidence = new EvidenceStore(Path.Combine(_work, ".evidence"), redactor);
            var renderer = new TemplateRenderer(variables);
            var results = TemplateFile.Find(Path.Combine(Example(), "roles", "litellm")).Select(t => renderer.Render(t, Path.Combine(_work, "out"), evidence, true)).ToList();

            var env = results.Single(r => r.OutputPath.EndsWith("litellm.env", StringComparison.Ordinal));
            Assert.True(env.ContainsSecrets);
            Assert.Contains(key, File.ReadAllText(env.OutputPath));
            if (UnixPermissions.IsSupported) Assert.Equal(0x180, UnixPermissions.Get(env.OutputPath));
            Assert.False(results.Single(r => r.OutputPath.EndsWith("litellm.service", StringComparison.Ordinal)).ContainsSecrets);

            var evidenceFiles = Directory.GetFiles(Path.Combine(_work, ".evidence"), "*", SearchOption.AllDirectories);
            Assert.NotEmpty(evidenceFiles);
            Assert.All(evidenceFiles, f => Assert.DoesNotContain(key, File.ReadAllText(f)));
            Assert.Contains(SecretRedactor.Mask, File.ReadAllText(env.EvidencePath));
            Assert.Contains(EvidenceArea.RoleValidation, env.EvidencePath);
        }

        [Fact]
        public void Treats_the_vaulted_master_key_of_the_example_as_a_secret()
        {
            var redactor = new SecretRedactor();
            var variables = ExampleVariables(redactor);
            Assert.Contains("litellm_master_key", variables.VaultedNames);
            var evidence = new EvidenceStore(Path.Combine(_work, ".evidence"), redactor);
            var env = TemplateFile.Find(Path.Combine(Example(), "roles", "litellm")).Single(t => t.OutputName == "litellm.env");
            var result = new TemplateRenderer(variables).Render(env, Path.Combine(_work, "out"), evidence, true);
            var text = File.ReadAllText(result.OutputPath);
            Assert.Matches("LITELLM_MASTER_KEY=sk-[0-9a-f]{64}\n", text);
            Assert.DoesNotMatch("sk-[0-9a-f]{64}", File.ReadAllText(result.EvidencePath));
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
            foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }
}
