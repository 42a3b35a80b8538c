using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.Tests.Support;
using Xunit;

namespace HxLiteLLM.Tests.Architecture
{
    /// <summary>
    /// A type is found by its name: each source file declares a type named after it (Lookups.Config.cs: a part of the
    /// partial Lookups), and the unit tests of an engine folder sit in the test folder of the same name.
    /// </summary>
    public sealed class FileLayoutTests
    {
        private static readonly Regex Declaration = new Regex(@"\b(?:class|struct|interface|enum|record)\s+(\w+)");
        private static readonly Regex Comment = new Regex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline);

        /// <summary>Test folders that hold no engine folder's tests: the architecture itself, shared fixtures, cross-cutting hostile-input and fuzz tests.</summary>
        private static readonly string[] CrossCutting = { "Architecture", "Support", "Reliability" };

        [Fact]
        public void Each_source_file_declares_a_type_named_after_it()
        {
            var misnamed = new[] { "HxLiteLLM.Engine", "HxLiteLLM.PowerShell", "HxLiteLLM.Results" }
                .SelectMany(p => SourceFiles(Path.Combine(Repository.Root, "src", p)))
                .Where(f => !Declared(f).Contains(TypeNameOf(f)))
                .Select(f => Path.GetRelativePath(Repository.Root, f) + " declares " + string.Join(", ", Declared(f)))
                .ToList();
            Assert.True(misnamed.Count == 0, "files named after no type they declare:\n" + string.Join("\n", misnamed));
        }

        [Fact]
        public void Each_test_folder_is_an_engine_folder()
        {
            var engine = EngineFolders();
            var stray = Directory.GetDirectories(Path.Combine(Repository.Root, "tests", "Unit")).Select(Path.GetFileName).OfType<string>()
                .Where(d => d != "bin" && d != "obj" && !CrossCutting.Contains(d) && !engine.Contains(d))
                .ToList();
            Assert.True(stray.Count == 0, "test folders without an engine folder of the same name: " + string.Join(", ", stray));
        }

        [Fact]
        public void A_test_class_named_after_an_engine_type_sits_in_that_types_folder()
        {
            var folderOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var engineRoot = Path.Combine(Repository.Root, "src", "HxLiteLLM.Engine");
            foreach (var file in SourceFiles(engineRoot))
            {
                var folder = FirstFolder(engineRoot, file);
                foreach (var type in Declared(file))
                {
                    if (!folderOf.TryGetValue(type, out var folders)) folderOf[type] = folders = new HashSet<string>(StringComparer.Ordinal);
                    folders.Add(folder);
                }
            }
            var testRoot = Path.Combine(Repository.Root, "tests", "Unit");
            var misplaced = SourceFiles(testRoot)
                .Select(f => (File: f, Folder: FirstFolder(testRoot, f), Tested: TypeNameOf(f)))
                .Where(t => t.Tested.EndsWith("Tests", StringComparison.Ordinal) && !CrossCutting.Contains(t.Folder))
                .Select(t => (t.File, t.Folder, Type: t.Tested.Substring(0, t.Tested.Length - "Tests".Length)))
                .Where(t => folderOf.TryGetValue(t.Type, out var folders) && !folders.Contains(t.Folder))
                .Select(t => Path.GetRelativePath(Repository.Root, t.File) + " tests " + t.Type + " of " + string.Join(", ", folderOf[t.Type]))
                .ToList();
            Assert.True(misplaced.Count == 0, "tests outside their type's folder:\n" + string.Join("\n", misplaced));
        }

        [Fact]
        public void The_rules_see_partial_nested_and_misnamed_types()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hx-layout-" + Guid.NewGuid().ToString("N")));
            try
            {
                var part = Path.Combine(dir.FullName, "Lookups.Config.cs");
                File.WriteAllText(part, "namespace X\n{\n    internal static partial class Lookups { private sealed class Row { } }\n}\n");
                var misnamed = Path.Combine(dir.FullName, "PreflightStep.cs");
                File.WriteAllText(misnamed, "namespace X\n{\n    // class PreflightStep was here\n    public static class PreflightCheckNames { }\n}\n");
                Assert.Equal("Lookups", TypeNameOf(part));
                Assert.Contains("Lookups", Declared(part));
                Assert.Contains("Row", Declared(part));
                Assert.DoesNotContain(TypeNameOf(misnamed), Declared(misnamed));
            }
            finally
            {
                dir.Delete(true);
            }
        }

        /// <summary>The type a file is named after: its name up to the first dot (Lookups.Config.cs: Lookups).</summary>
        private static string TypeNameOf(string file) => Path.GetFileName(file).Split('.')[0];

        /// <summary>Every type the file declares, nested ones included; comments do not count.</summary>
        private static HashSet<string> Declared(string file) =>
            new HashSet<string>(Declaration.Matches(Comment.Replace(File.ReadAllText(file), " ")).Cast<Match>().Select(m => m.Groups[1].Value), StringComparer.Ordinal);

        private static HashSet<string> EngineFolders() =>
            new HashSet<string>(Directory.GetDirectories(Path.Combine(Repository.Root, "src", "HxLiteLLM.Engine")).Select(Path.GetFileName).OfType<string>(), StringComparer.Ordinal);

        private static string FirstFolder(string root, string file)
        {
            var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            return parts.Length > 1 ? parts[0] : "";
        }

        private static IEnumerable<string> SourceFiles(string folder) =>
            Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part == "obj" || part == "bin"));
    }
}
