using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using HxLiteLLM.Results;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>
    /// Loads HxLiteLLM's engine and third-party assemblies from the module's Dependencies/ folder, so they never
    /// clash with other modules' copies (Posh-SSH's older SSH.NET, other YamlDotNet versions). On PowerShell 7 they
    /// go into one private load context; on Windows PowerShell (no load contexts) through LoadFrom.
    /// The result types (HxLiteLLM.Results.dll, beside this assembly) load in the default context at import, so a
    /// script can write [HxLiteLLM.Results.HxCheckResult] before any cmdlet ran.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!, "Dependencies");

        private static readonly Dictionary<string, string> Shipped = IndexFolder(DependencyFolder);
        private static PrivateLoadContext? _context;

        public void OnImport()
        {
            var results = typeof(HxCheckResult).Assembly;
            if (PrivateLoadContext.IsSupported)
            {
                _context ??= new PrivateLoadContext(DependencyFolder, Shipped, results);
                _context.HookDefault();
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (_context != null) _context.UnhookDefault();
            else AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnFramework;
        }

        private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            return name != null && Shipped.TryGetValue(name, out var path) ? Assembly.LoadFrom(path) : null;
        }

        private static Dictionary<string, string> IndexFolder(string folder)
        {
            var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(folder)) return index;
            foreach (var file in Directory.GetFiles(folder, "*.dll"))
            {
                index[Path.GetFileNameWithoutExtension(file)] = file;
            }
            return index;
        }
    }
}
