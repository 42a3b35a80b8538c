using System;
using System.IO;

namespace HxLiteLLM.IO
{
    /// <summary>
    /// A leading ~ or ~user expanded as Python's os.path.expanduser does it (Ansible expands every configured path
    /// this way): ~ is the given home (else the passwd entry of the current user), ~user that user's passwd home;
    /// a user without an entry leaves the path as written.
    /// </summary>
    public static class HomePath
    {
        public static string Expand(string path, string? ownHome)
        {
            if (!path.StartsWith("~", StringComparison.Ordinal)) return path;
            var end = path.IndexOf('/', 1);
            if (end < 0) end = path.Length;
            var home = end == 1 ? ownHome ?? PasswdHome(Environment.UserName) : PasswdHome(path.Substring(1, end - 1));
            if (home == null) return path;
            var result = home.TrimEnd('/') + path.Substring(end);
            return result.Length == 0 ? "/" : result;
        }

        /// <summary>The current user's home as .NET knows it (HOME on Unix, the profile folder on Windows).</summary>
        public static string Expand(string path)
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Expand(path, home.Length > 0 ? home : null);
        }

        private static string? PasswdHome(string user)
        {
            try
            {
                foreach (var line in File.ReadLines("/etc/passwd"))
                {
                    var fields = line.Split(':');
                    if (fields.Length >= 6 && fields[0] == user) return fields[5];
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return null;
        }
    }
}
