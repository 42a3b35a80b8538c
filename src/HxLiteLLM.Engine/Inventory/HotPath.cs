using System.Runtime.CompilerServices;

namespace HxLiteLLM.Inventory
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (not in the netstandard2.0 surface, honoured by the runtime):
    /// a cmdlet loads an inventory once per process, so loops over 10,000 hosts must not run as tier-0 JIT code.
    /// </summary>
    internal static class HotPath
    {
        public const MethodImplOptions Optimize = (MethodImplOptions)512;
    }
}
