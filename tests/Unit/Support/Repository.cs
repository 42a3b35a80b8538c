using System;
using System.IO;

namespace HxLiteLLM.Tests.Support
{
    /// <summary>The checkout the tests run from: the folder of HxLiteLLM.sln above the test assembly.</summary>
    internal static class Repository
    {
        public static string Root { get; } = Find();

        private static string Find()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "HxLiteLLM.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("HxLiteLLM.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
