using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// Path filters: POSIX ones (Python's posixpath; relative paths, ~, $VAR, links and globs resolve on the controller,
    /// against this process's working directory and environment) and the Windows ones (ntpath).
    /// </summary>
    internal static class PathFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(NewStr(Basename), "basename"),
            new FilterDefinition(NewStr(Dirname), "dirname"),
            new FilterDefinition(Splitext, "splitext"),
            new FilterDefinition(PathJoin, "path_join"),
            new FilterDefinition(NewStr(Relpath), "relpath"),
            new FilterDefinition(NewStr(Realpath), "realpath"),
            new FilterDefinition(Expanduser, "expanduser"),
            new FilterDefinition(Expandvars, "expandvars"),
            new FilterDefinition(Fileglob, "fileglob"),
            new FilterDefinition(NewStr(WinBasename), "win_basename"),
            new FilterDefinition(NewStr(WinDirname), "win_dirname"),
            new FilterDefinition(WinSplitdrive, "win_splitdrive"),
        };

        public static object? Relpath(Interpreter it, object? v, CallArgs a)
        {
            var path = PathArg(v);
            if (path.Length == 0) throw new TemplateError("no path specified");
            var start = a.Get(0, "start") is object s ? PathArg(s) : ".";
            var startParts = Abspath(start).Split('/').Where(x => x.Length > 0).ToList();
            var pathParts = Abspath(path).Split('/').Where(x => x.Length > 0).ToList();
            var common = 0;
            while (common < startParts.Count && common < pathParts.Count && startParts[common] == pathParts[common]) common++;
            var relative = Enumerable.Repeat("..", startParts.Count - common).Concat(pathParts.Skip(common)).ToList();
            return relative.Count == 0 ? "." : string.Join("/", relative);
        }

        /// <summary>posixpath.realpath (not strict): each existing symbolic link on the way is replaced by its target.</summary>
        public static object? Realpath(Interpreter it, object? v, CallArgs a) => RealPath(PathArg(v));

        internal static string RealPath(string path) => Abspath(JoinRealpath("", path, new Dictionary<string, string?>()).Path);

        /// <summary>posixpath.expanduser: ~ is $HOME (else the passwd entry), ~name that user's home; unknown users stay as written.</summary>
        public static object? Expanduser(Interpreter it, object? v, CallArgs a) => HomePath.Expand(PathArg(v), Environment.GetEnvironmentVariable("HOME"));

        /// <summary>posixpath.expandvars: $name and ${name} from the environment; unknown ones are left as written.</summary>
        public static object? Expandvars(Interpreter it, object? v, CallArgs a) => ExpandVariables(PathArg(v), Environment.GetEnvironmentVariable);

        private static readonly Regex ShellVariable = new Regex(@"\$([A-Za-z0-9_]+|\{[^}]*\})", RegexOptions.CultureInvariant);

        /// <summary>posixpath.expandvars over <paramref name="environment"/> (null: unset, left as written).</summary>
        internal static string ExpandVariables(string path, Func<string, string?> environment)
        {
            if (!path.Contains("$")) return path;
            var i = 0;
            while (true)
            {
                var m = ShellVariable.Match(path, i);
                if (!m.Success) break;
                var name = m.Groups[1].Value;
                if (name.StartsWith("{", StringComparison.Ordinal) && name.EndsWith("}", StringComparison.Ordinal)) name = name.Substring(1, name.Length - 2);
                var value = name.Length == 0 ? null : environment(name);
                if (value == null) { i = m.Index + m.Length; continue; }
                var tail = path.Substring(m.Index + m.Length);
                path = path.Substring(0, m.Index) + value;
                i = path.Length;
                path += tail;
            }
            return path;
        }

        /// <summary>Ansible's fileglob: glob.glob (hidden names only for a pattern starting with a dot), regular files only.</summary>
        public static object? Fileglob(Interpreter it, object? v, CallArgs a) =>
            Glob(PathArg(v)).Where(p => File.Exists(RootedAtWorkingDirectory(p))).Select(p => (object?)p).ToList();

        public static object? WinBasename(Interpreter it, object? v, CallArgs a) => NtSplit(PathArg(v)).Tail;

        public static object? WinDirname(Interpreter it, object? v, CallArgs a) => NtSplit(PathArg(v)).Head;

        public static object? WinSplitdrive(Interpreter it, object? v, CallArgs a)
        {
            var (drive, rest) = NtSplitdrive(PathArg(v));
            return new PyTuple(new object?[] { drive, rest });
        }

        /// <summary>ntpath.splitdrive: "C:" or a UNC "\\server\share" prefix (either slash).</summary>
        private static (string Drive, string Remainder) NtSplitdrive(string p)
        {
            if (p.Length >= 2)
            {
                var normal = p.Replace('/', '\\');
                if (normal.StartsWith("\\\\", StringComparison.Ordinal))
                {
                    var start = normal.Length >= 8 && normal.Substring(0, 8).ToUpperInvariant() == "\\\\?\\UNC\\" ? 8 : 2;
                    var index = normal.IndexOf('\\', start);
                    if (index == -1) return (p, "");
                    var index2 = normal.IndexOf('\\', index + 1);
                    if (index2 == -1) return (p, "");
                    return (p.Substring(0, index2), p.Substring(index2));
                }
                if (normal[1] == ':') return (p.Substring(0, 2), p.Substring(2));
            }
            return ("", p);
        }

        private static (string Head, string Tail) NtSplit(string p)
        {
            var (drive, rest) = NtSplitdrive(p);
            var i = rest.Length;
            while (i > 0 && rest[i - 1] != '/' && rest[i - 1] != '\\') i--;
            var head = rest.Substring(0, i);
            var trimmed = head.TrimEnd('/', '\\');
            return (drive + (trimmed.Length > 0 ? trimmed : head), rest.Substring(i));
        }

        /// <summary>posixpath.normpath.</summary>
        internal static string Normpath(string path)
        {
            if (path.Length == 0) return ".";
            var initialSlashes = path.StartsWith("/", StringComparison.Ordinal)
                ? (path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("///", StringComparison.Ordinal) ? 2 : 1) : 0;
            var parts = new List<string>();
            foreach (var part in path.Split('/'))
            {
                if (part.Length == 0 || part == ".") continue;
                if (part != ".." || (initialSlashes == 0 && parts.Count == 0) || (parts.Count > 0 && parts[parts.Count - 1] == "..")) parts.Add(part);
                else if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            }
            var result = new string('/', initialSlashes) + string.Join("/", parts);
            return result.Length == 0 ? "." : result;
        }

        private static string Abspath(string path) => Normpath(RootedAtWorkingDirectory(path));

        private static string RootedAtWorkingDirectory(string path) => path.StartsWith("/", StringComparison.Ordinal) ? path
            : PosixJoin(Directory.GetCurrentDirectory(), path);

        private static string PosixJoin(string a, string b) =>
            b.StartsWith("/", StringComparison.Ordinal) || a.Length == 0 ? b : a.EndsWith("/", StringComparison.Ordinal) ? a + b : a + "/" + b;

        /// <summary>posixpath._joinrealpath (not strict): a link seen again on the way stops the resolution there.</summary>
        private static (string Path, bool Ok) JoinRealpath(string path, string rest, Dictionary<string, string?> seen)
        {
            if (rest.StartsWith("/", StringComparison.Ordinal)) { rest = rest.Substring(1); path = "/"; }
            while (rest.Length > 0)
            {
                var slash = rest.IndexOf('/');
                var name = slash < 0 ? rest : rest.Substring(0, slash);
                rest = slash < 0 ? "" : rest.Substring(slash + 1);
                if (name.Length == 0 || name == ".") continue;
                if (name == "..")
                {
                    if (path.Length > 0)
                    {
                        var cut = path.LastIndexOf('/') + 1;
                        var head = path.Substring(0, cut);
                        var last = path.Substring(cut);
                        path = head.Trim('/').Length > 0 ? head.TrimEnd('/') : head;
                        if (last == "..") path = PosixJoin(PosixJoin(path, ".."), "..");
                    }
                    else path = "..";
                    continue;
                }
                var newPath = PosixJoin(path, name);
                var target = ReadLink(RootedAtWorkingDirectory(newPath));
                if (target == null) { path = newPath; continue; }
                if (seen.TryGetValue(newPath, out var known))
                {
                    if (known != null) { path = known; continue; }
                    return (PosixJoin(newPath, rest), false);
                }
                seen[newPath] = null;
                var (resolved, ok) = JoinRealpath(path, target, seen);
                if (!ok) return (PosixJoin(resolved, rest), false);
                path = resolved;
                seen[newPath] = path;
            }
            return (path, true);
        }

        [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
        private static extern IntPtr NativeReadLink(byte[] path, byte[] buffer, IntPtr size);

        /// <summary>The target of a symbolic link, or null when the path is not one (Windows: never, as ntpath.realpath differs anyway).</summary>
        private static string? ReadLink(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists && !Directory.Exists(path)) return null;
                if ((info.Attributes & FileAttributes.ReparsePoint) == 0) return null;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
            var buffer = new byte[4096];
            var length = (long)NativeReadLink(Encoding.UTF8.GetBytes(path + "\0"), buffer, (IntPtr)buffer.Length);
            return length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
        }

        /// <summary>glob.glob without recursion: each magic component matched by fnmatch against the directory's entries, in directory order.</summary>
        private static IEnumerable<string> Glob(string pattern)
        {
            if (!HasMagic(pattern))
            {
                var full = RootedAtWorkingDirectory(pattern);
                if (pattern.EndsWith("/", StringComparison.Ordinal) ? Directory.Exists(full) : File.Exists(full) || Directory.Exists(full)
                    || ReadLink(full) != null)
                    yield return pattern;
                yield break;
            }
            var cut = pattern.LastIndexOf('/') + 1;
            var dirname = pattern.Substring(0, cut);
            if (dirname.Trim('/').Length > 0) dirname = dirname.TrimEnd('/');
            var basename = pattern.Substring(cut);
            var directories = dirname.Length == 0 ? new[] { "" } : HasMagic(dirname) ? Glob(dirname).ToArray() : new[] { dirname };
            foreach (var directory in directories)
            {
                IEnumerable<string> names;
                if (HasMagic(basename)) names = MatchNames(directory, basename);
                else if (basename.Length == 0 ? Directory.Exists(RootedAtWorkingDirectory(directory.Length == 0 ? "." : directory))
                    : File.Exists(RootedAtWorkingDirectory(PosixJoin(directory, basename)))
                    || Directory.Exists(RootedAtWorkingDirectory(PosixJoin(directory, basename))))
                    names = new[] { basename };
                else continue;
                foreach (var name in names) yield return directory.Length == 0 ? name : PosixJoin(directory, name);
            }
        }

        private static bool HasMagic(string s) => s.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        private static IEnumerable<string> MatchNames(string directory, string pattern)
        {
            var full = RootedAtWorkingDirectory(directory.Length == 0 ? "." : directory);
            if (!Directory.Exists(full)) return Enumerable.Empty<string>();
            var regex = new Regex(FnmatchPattern(pattern), RegexOptions.Singleline | RegexOptions.CultureInvariant);
            var names = new List<string>();
            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(full)) names.Add(Path.GetFileName(entry));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return names.Where(n => (pattern.StartsWith(".", StringComparison.Ordinal) || !n.StartsWith(".", StringComparison.Ordinal)) && regex.IsMatch(n));
        }

        /// <summary>fnmatch.translate as an anchored .NET pattern: * and ?, [seq] and [!seq] sets, the rest literal.</summary>
        internal static string FnmatchPattern(string pattern)
        {
            var sb = new StringBuilder("^(?:");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '*') sb.Append(".*");
                else if (c == '?') sb.Append('.');
                else if (c == '[')
                {
                    var j = i + 1;
                    if (j < pattern.Length && pattern[j] == '!') j++;
                    if (j < pattern.Length && pattern[j] == ']') j++;
                    while (j < pattern.Length && pattern[j] != ']') j++;
                    if (j >= pattern.Length) { sb.Append("\\["); continue; }
                    var set = pattern.Substring(i + 1, j - i - 1).Replace("\\", "\\\\");
                    if (set.StartsWith("!", StringComparison.Ordinal)) set = "^" + set.Substring(1);
                    else if (set.StartsWith("^", StringComparison.Ordinal)) set = "\\" + set;
                    sb.Append('[').Append(set.Replace("[", "\\[")).Append(']');
                    i = j;
                }
                else sb.Append(Regex.Escape(c.ToString()));
            }
            return sb.Append(")\\z").ToString();
        }

        public static object? Basename(Interpreter it, object? v, CallArgs a)
        {
            var s = PathArg(v);
            return s.Substring(s.LastIndexOf('/') + 1);
        }

        public static object? Dirname(Interpreter it, object? v, CallArgs a) => PosixDirname(PathArg(v));

        public static object? Splitext(Interpreter it, object? v, CallArgs a) => PosixSplitext(PathArg(v));

        public static object? PathJoin(Interpreter it, object? v, CallArgs a) =>
            string.Join("/", new[] { v }.SelectMany(x => x is string ? new[] { x } : Ops.Iterate(x)).Select(S)
                .Aggregate(new List<string>(), (acc, p) => { if (p.StartsWith("/")) acc.Clear(); acc.Add(p); return acc; })).Replace("//", "/");

        private static string PosixDirname(string p)
        {
            var i = p.LastIndexOf('/') + 1;
            var head = p.Substring(0, i);
            if (head.Length > 0 && head.Trim('/').Length > 0) head = head.TrimEnd('/');
            return head;
        }

        private static PyTuple PosixSplitext(string p)
        {
            var sep = p.LastIndexOf('/');
            var dot = p.LastIndexOf('.');
            if (dot > sep)
            {
                var filenameIndex = sep + 1;
                while (filenameIndex < dot)
                {
                    if (p[filenameIndex] != '.') return new PyTuple(new object?[] { p.Substring(0, dot), p.Substring(dot) });
                    filenameIndex++;
                }
            }
            return new PyTuple(new object?[] { p, "" });
        }
    }
}
