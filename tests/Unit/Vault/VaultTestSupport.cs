using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    /// <summary>Fixture paths and a scratch directory in which ansible-vault runs with an empty config.</summary>
    internal sealed class VaultScratch : IDisposable
    {
        public VaultScratch()
        {
            Dir = Path.Combine(Path.GetTempPath(), "hx-vault-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Dir);
            // ansible-core 2.14 rejects ANSIBLE_CONFIG=/dev/null ("Unsupported configuration file extension"),
            // so an empty ansible.cfg keeps user and system configuration out instead.
            var config = Write("ansible.cfg", "");
            Environment = new Dictionary<string, string>
            {
                ["ANSIBLE_CONFIG"] = config,
                ["ANSIBLE_LOCALHOST_WARNING"] = "False",
                ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "False",
                ["ANSIBLE_HOME"] = Path.Combine(Dir, ".ansible"),
                ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Dir, ".ansible-tmp"),
            };
        }

        public string Dir { get; }
        public Dictionary<string, string> Environment { get; }

        public string PathOf(string name) => Path.Combine(Dir, name);

        public string Write(string name, string content) => Write(name, new UTF8Encoding(false).GetBytes(content));

        public string Write(string name, byte[] content)
        {
            var path = Path.Combine(Dir, name);
            File.WriteAllBytes(path, content);
            return path;
        }

        public PeerProcess.Result Run(string tool, params string[] args)
        {
            var result = PeerProcess.Run(tool, args, null, Dir, Environment);
            Assert.True(result.ExitCode == 0, tool + " " + string.Join(" ", args) + " failed (" + result.ExitCode + "):\n" + result.StdErr + result.StdOut);
            return result;
        }

        public void Dispose()
        {
            try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        public static string FixturePath(string name, [CallerFilePath] string thisFile = "") =>
            Path.Combine(Path.GetDirectoryName(thisFile)!, "fixtures", name);
    }
}
