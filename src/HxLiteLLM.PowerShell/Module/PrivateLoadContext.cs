using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.Loader;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>
    /// The private load context of PowerShell 7. Everything in Dependencies/ resolves here first, whatever
    /// another module already put into the default context; the default context only reaches our engine
    /// through the Resolving hook. The result types are the one exception: the engine takes them from the
    /// default context, so the objects it returns are the types scripts name. Compiled against the
    /// System.Runtime.Loader reference and touched only on .NET (Core), where the type exists.
    /// </summary>
    internal sealed class PrivateLoadContext : AssemblyLoadContext
    {
        private readonly IReadOnlyDictionary<string, string> _shipped;
        private readonly Assembly _results;

        public PrivateLoadContext(string folder, IReadOnlyDictionary<string, string> shipped, Assembly results)
        {
            Folder = folder;
            _shipped = shipped;
            _results = results;
        }

        public string Folder { get; }

        public static bool IsSupported => Type.GetType("System.Runtime.Loader.AssemblyLoadContext") != null
            && !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == _results.GetName().Name) return _results;
            return assemblyName.Name != null && _shipped.TryGetValue(assemblyName.Name, out var path)
                ? LoadFromAssemblyPath(path)
                : null;
        }

        public void HookDefault() => Default.Resolving += ResolveFromDefault;

        public void UnhookDefault() => Default.Resolving -= ResolveFromDefault;

        /// <summary>Only our engine is handed to the default context; its own dependencies stay private.</summary>
        private Assembly? ResolveFromDefault(AssemblyLoadContext _, AssemblyName name) =>
            name.Name == "HxLiteLLM.Engine" ? LoadFromAssemblyName(name) : null;
    }
}
