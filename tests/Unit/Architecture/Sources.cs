using System.IO;
using HxLiteLLM.Tests.Support;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>The checkout's source projects.</summary>
    public static class Sources
    {
        public static string Root => Repository.Root;

        public static string Project(string project) => Path.Combine(Repository.Root, "src", project);
    }
}
