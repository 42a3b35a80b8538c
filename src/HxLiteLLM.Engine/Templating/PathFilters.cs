using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>POSIX path filters (Python's posixpath, as on the controller).</summary>
    internal static class PathFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(Basename, "basename"),
            new FilterDefinition(Dirname, "dirname"),
            new FilterDefinition(Splitext, "splitext"),
            new FilterDefinition(PathJoin, "path_join"),
        };

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
