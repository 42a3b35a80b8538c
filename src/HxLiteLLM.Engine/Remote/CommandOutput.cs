using System;
using System.IO;
using System.Reflection;
using Renci.SshNet;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// Points an SSH.NET command's output and error streams at our own before it runs. SSH.NET writes the channel's data
    /// into them from the session's receive thread; its own streams are pipes that keep every byte until read, which took
    /// two blocked threads per command to drain (over a fleet, creating those threads cost more than the command). The
    /// setters are not public, so they are resolved once and their absence (another SSH.NET version) is reported plainly.
    /// </summary>
    internal static class CommandOutput
    {
        private static readonly Lazy<(MethodInfo Output, MethodInfo Error)> Setters = new Lazy<(MethodInfo, MethodInfo)>(Resolve);

        public static void Redirect(SshCommand command, Stream output, Stream error)
        {
            var (setOutput, setError) = Setters.Value;
            // The pipes SSH.NET made hold nothing yet.
            command.OutputStream.Dispose();
            command.ExtendedOutputStream.Dispose();
            setOutput.Invoke(command, new object[] { output });
            setError.Invoke(command, new object[] { error });
        }

        private static (MethodInfo, MethodInfo) Resolve()
        {
            var output = typeof(SshCommand).GetProperty(nameof(SshCommand.OutputStream))?.GetSetMethod(nonPublic: true);
            var error = typeof(SshCommand).GetProperty(nameof(SshCommand.ExtendedOutputStream))?.GetSetMethod(nonPublic: true);
            if (output == null || error == null)
            {
                throw new HxException("SshNetUnsupported", "This SSH.NET build (" + typeof(SshCommand).Assembly.GetName().Version
                    + ") does not let a command's output streams be set the way HxLiteLLM expects; use the SSH.NET version the module ships with.");
            }
            return (output, error);
        }
    }
}
