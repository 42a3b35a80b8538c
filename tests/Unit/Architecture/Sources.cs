using System;
using System.IO;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>The checkout the tests run from: the folder holding HxLiteLLM.sln, and its source projects.</summary>
    public static class Sources
    {
        public static string Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "HxLiteLLM.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("HxLiteLLM.sln not found above " + AppContext.BaseDirectory);
            }
        }

        public static string Project(string project) => Path.Combine(Root, "src", project);
    }
}
