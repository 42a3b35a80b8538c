using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace HxLiteLLM.Tests.Support
{
    /// <summary>Runs a real peer tool and captures what it printed.</summary>
    public static class PeerProcess
    {
        public sealed record Result(int ExitCode, string StdOut, string StdErr);

        // Ansible rejects /dev/null as a config file ("unsupported extension"); an empty ansible.cfg works.
        private static readonly System.Lazy<string> EmptyAnsibleConfig = new System.Lazy<string>(() =>
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hx-empty-ansible.cfg");
            System.IO.File.WriteAllText(path, "");
            return path;
        });

        public static Result Run(string file, IEnumerable<string> args, string? stdin = null, string? workingDirectory = null,
            IDictionary<string, string>? environment = null, int timeoutMs = 120_000)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };
            if (workingDirectory != null) psi.WorkingDirectory = workingDirectory;
            foreach (var a in args) psi.ArgumentList.Add(a);
            // Ansible must not pick up a user's ansible.cfg or colour codes.
            psi.Environment["ANSIBLE_NOCOLOR"] = "1";
            psi.Environment["ANSIBLE_FORCE_COLOR"] = "0";
            psi.Environment["ANSIBLE_CONFIG"] = EmptyAnsibleConfig.Value;
            psi.Environment["PYTHONIOENCODING"] = "utf-8";
            if (environment != null) foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (stdin != null)
            {
                var bytes = new UTF8Encoding(false).GetBytes(stdin);
                p.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
            }
            p.StandardInput.Close();
            if (!p.WaitForExit(timeoutMs))
            {
                p.Kill(true);
                throw new System.TimeoutException(file + " did not finish in " + timeoutMs + " ms");
            }
            return new Result(p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
