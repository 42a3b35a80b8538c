using System.Collections.Generic;
using System.Text.Json;
using HxLiteLLM.Tests.Support;

namespace HxLiteLLM.Tests.Inventory
{
    /// <summary>Runs a Python script once under Debian's python3 with a JSON document on stdin and parses its JSON answer.</summary>
    internal static class PythonPeer
    {
        /// <summary>Ansible as a library refuses ANSIBLE_CONFIG=/dev/null (no .cfg extension); an empty .cfg keeps user config out.</summary>
        public static readonly string EmptyAnsibleConfig = CreateEmptyConfig();

        private static string CreateEmptyConfig()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hx-tests-empty-ansible.cfg");
            System.IO.File.WriteAllText(path, "");
            return path;
        }

        public static JsonElement RunJson(string script, object input, IDictionary<string, string>? environment = null)
        {
            var env = new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = EmptyAnsibleConfig };
            if (environment != null) foreach (var kv in environment) env[kv.Key] = kv.Value;
            var result = PeerProcess.Run(Peers.Python, new[] { "-c", script }, JsonSerializer.Serialize(input), environment: env);
            if (result.ExitCode != 0) throw new System.InvalidOperationException("python peer failed: " + result.StdErr);
            return JsonDocument.Parse(result.StdOut).RootElement.Clone();
        }
    }
}
