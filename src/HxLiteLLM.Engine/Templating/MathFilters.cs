using System;
using System.Globalization;
using System.Numerics;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Numeric filters: Jinja's abs, int, float, round, filesizeformat and Ansible's log, pow, root.</summary>
    internal static class MathFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(Abs, "abs"),
            new FilterDefinition(Float, "float"),
            new FilterDefinition(Int, "int"),
            new FilterDefinition(Round, "round"),
            new FilterDefinition(FileSizeFormat, "filesizeformat"),
            new FilterDefinition(Log, "log"),
            new FilterDefinition(Pow, "pow"),
            new FilterDefinition(Root, "root"),
        };

        public static object? Abs(Interpreter it, object? v, CallArgs a) => Ops.Check(v) switch
        {
            bool b => b ? 1L : 0L,
            long l => l == long.MinValue ? (object)BigInteger.Abs(l) : Math.Abs(l),
            BigInteger big => PyNumber.Normalize(BigInteger.Abs(big)),
            double d => Math.Abs(d),
            _ => throw new TemplateError("bad operand type for abs(): '" + Ops.TypeName(v) + "'"),
        };

        public static object? Float(Interpreter it, object? v, CallArgs a) => ToFloat(v, a.Get(0, "default", 0.0));

        public static object? Int(Interpreter it, object? v, CallArgs a) => ToInt(v, a.Get(0, "default", 0L), (int)a.Int(1, "base", 10));

        public static object? Round(Interpreter it, object? v, CallArgs a) => Round(v, (int)a.Int(0, "precision", 0), a.Str(1, "method", "common"));

        public static object? FileSizeFormat(Interpreter it, object? v, CallArgs a) => FileSizeFormat(v, a.Bool(0, "binary", false));

        public static object? Log(Interpreter it, object? v, CallArgs a)
        {
            var x = ToDouble(v);
            if (!a.Has(0, "base")) return x > 0 ? Math.Log(x) : throw new TemplateError("math domain error");
            return Math.Log(x) / Math.Log(ToDouble(a.Get(0, "base")));
        }

        public static object? Pow(Interpreter it, object? v, CallArgs a) => Math.Pow(ToDouble(v), ToDouble(a.Required(0, "y")));

        public static object? Root(Interpreter it, object? v, CallArgs a)
        {
            var b = a.Has(0, "base") ? ToDouble(a.Get(0, "base")) : 2;
            return b == 2 ? Math.Sqrt(ToDouble(v)) : Math.Pow(ToDouble(v), 1.0 / b);
        }

        private static object Round(object? v, int precision, string method)
        {
            if (method != "common" && method != "ceil" && method != "floor") throw new TemplateError("method must be common, ceil or floor");
            if (!PyNumber.IsNumber(Ops.Check(v))) throw new TemplateError("must be real number, not " + Ops.TypeName(v));
            if (method == "common" && !(v is double))
            {
                // round() of an int returns an int; a negative precision rounds half to even.
                var big = PyNumber.ToBig(v!);
                if (precision >= 0) return PyNumber.Normalize(big);
                var unit = BigInteger.Pow(10, -precision);
                var q = BigInteger.DivRem(big, unit, out var r);
                if (r.Sign < 0) { q -= 1; r += unit; }
                if (r * 2 > unit || (r * 2 == unit && !q.IsEven)) q += 1;
                return PyNumber.Normalize(q * unit);
            }
            var d = ToDouble(v);
            if (method == "common") return PyFormat.Round(d, precision);
            var scale = Math.Pow(10, precision);
            return (method == "ceil" ? Math.Ceiling(d * scale) : Math.Floor(d * scale)) / scale;
        }

        private static string FileSizeFormat(object? v, bool binary)
        {
            var bytes = ToDouble(v);
            var unitBase = binary ? 1024.0 : 1000.0;
            string[] prefixes = binary ? new[] { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" } : new[] { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
            if (bytes == 1) return "1 Byte";
            if (bytes < unitBase) return ((long)bytes).ToString(CultureInfo.InvariantCulture) + " Bytes";
            double unit = 0;
            for (var i = 0; i < prefixes.Length; i++)
            {
                unit = Math.Pow(unitBase, i + 2);
                if (bytes < unit) return PyFormat.FormatFloat(unitBase * bytes / unit, 'f', 1, false, '-') + " " + prefixes[i];
            }
            return PyFormat.FormatFloat(unitBase * bytes / unit, 'f', 1, false, '-') + " " + prefixes[prefixes.Length - 1];
        }
    }
}
