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
            new FilterDefinition(HumanReadable, "human_readable"),
            new FilterDefinition(HumanToBytes, "human_to_bytes"),
        };

        /// <summary>formatters.SIZE_RANGES, largest first (the order bytes_to_human walks).</summary>
        private static readonly (char Suffix, BigInteger Limit)[] SizeRanges =
        {
            ('Y', BigInteger.One << 80), ('Z', BigInteger.One << 70), ('E', BigInteger.One << 60), ('P', BigInteger.One << 50),
            ('T', BigInteger.One << 40), ('G', BigInteger.One << 30), ('M', BigInteger.One << 20), ('K', BigInteger.One << 10), ('B', BigInteger.One),
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

        /// <summary>bytes_to_human: the largest unit not above the size (or the one asked for), as "%.2f KB" / "%.2f Bytes".</summary>
        public static object? HumanReadable(Interpreter it, object? v, CallArgs a)
        {
            var baseName = a.Bool(0, "isbits", false) ? "bits" : "Bytes";
            var unit = a.Get(1, "unit");
            var unitName = unit == null ? null : Ops.Str(unit).ToUpperInvariant();
            if (!PyNumber.IsNumber(Ops.Check(v))) throw new TemplateError("human_readable() failed on bad input: '>=' not supported between instances of '"
                + Ops.TypeName(v) + "' and 'int'");
            var (suffix, limit) = SizeRanges[SizeRanges.Length - 1];
            foreach (var range in SizeRanges)
            {
                (suffix, limit) = range;
                if (unitName == null ? Ops.Compare(v, PyNumber.Normalize(limit), ">=") >= 0 : unitName.Length > 0 && unitName[0] == suffix) break;
            }
            var label = limit.IsOne ? baseName : suffix.ToString() + baseName[0];
            return PyFormat.Percent("%.2f %s", new PyTuple(new[] { Ops.Binary("/", v, PyNumber.Normalize(limit)), label }));
        }

        /// <summary>formatters.human_to_bytes: a number with an optional unit (K, KB, Kb with isbits, ...) to an integer count.</summary>
        public static object? HumanToBytes(Interpreter it, object? v, CallArgs a)
        {
            var text = Ops.Str(v);
            var isBits = a.Bool(1, "isbits", false);
            var m = System.Text.RegularExpressions.Regex.Match(text, @"^\s*(\d*\.?\d*)\s*([A-Za-z]+)?");
            if (!TryParseFloat(m.Groups[1].Value, out var number))
                throw new TemplateError("human_to_bytes() can't interpret following string: " + text);
            var unit = m.Groups[2].Success ? m.Groups[2].Value : a.Get(0, "default_unit") is object u ? Ops.Str(u) : null;
            if (unit == null) return RoundToInteger(number);
            var rangeKey = char.ToUpperInvariant(unit[0]);
            var range = Array.FindIndex(SizeRanges, r => r.Suffix == rangeKey);
            if (range < 0) throw new TemplateError("human_to_bytes() can't interpret following string: " + text);
            var unitClass = isBits ? 'b' : 'B';
            if (unit.Length > 1 && !unit.ToLowerInvariant().Contains(isBits ? "bit" : "byte") && unit[1] != unitClass)
                throw new TemplateError("human_to_bytes() can't interpret following string: " + text);
            return RoundToInteger(number * (double)SizeRanges[range].Limit);
        }

        /// <summary>int(round(x)): half to even; infinity cannot become an integer.</summary>
        private static object RoundToInteger(double x) =>
            double.IsInfinity(x) || double.IsNaN(x) ? throw new TemplateError("cannot convert float infinity to integer")
            : PyNumber.Normalize(new BigInteger(Math.Round(x, MidpointRounding.ToEven)));

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
            string[] prefixes = binary ? new[] { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" }
                : new[] { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
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
