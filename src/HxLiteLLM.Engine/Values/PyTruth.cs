using System;
using System.Collections;
using System.Collections.Generic;
using System.Numerics;

namespace HxLiteLLM.Values
{
    /// <summary>Python's truth value and ordering (<c>bool(x)</c>, <c>x &lt; y</c>) over the value model.</summary>
    public static class PyTruth
    {
        public static bool IsTrue(object? value) => value switch
        {
            null => false,
            bool b => b,
            string s => s.Length > 0,
            long l => l != 0,
            int i => i != 0,
            double d => d != 0,
            BigInteger big => !big.IsZero,
            ICollection c => c.Count > 0,
            IReadOnlyCollection<object?> rc => rc.Count > 0,
            ICollection<KeyValuePair<object, object?>> dc => dc.Count > 0,
            _ => true,
        };

        /// <summary>
        /// Python's ordering: numbers by value, strings by code point, lists and tuples element-wise.
        /// Anything else (str vs int, dicts, None) is Python's TypeError, raised as ArgumentException.
        /// </summary>
        /// <remarks>
        /// A NaN is unordered: every ordering operator is false, so for a NaN operand the result is the one that makes
        /// <paramref name="op"/> false (0 for &lt; and &gt;, 1 for &lt;=, -1 for &gt;=).
        /// </remarks>
        public static int Compare(object? x, object? y, string op = "<")
        {
            if (PyNumber.IsNumber(x) && PyNumber.IsNumber(y))
            {
                if ((x is double dx && double.IsNaN(dx)) || (y is double dy && double.IsNaN(dy))) return op == "<=" ? 1 : op == ">=" ? -1 : 0;
                return PyNumber.Compare(x!, y!);
            }
            if (x is string xs && y is string ys) return PyJson.CompareCodePoints(xs, ys);
            if (x is PyTuple xt && y is PyTuple yt) return CompareSequences(xt, yt, op);
            if (x is IList<object?> xl && y is IList<object?> yl) return CompareSequences((IReadOnlyList<object?>)ToReadOnly(xl), ToReadOnly(yl), op);
            throw new ArgumentException("'" + op + "' not supported between instances of '" + TypeName(x) + "' and '" + TypeName(y) + "'");
        }

        private static IReadOnlyList<object?> ToReadOnly(IList<object?> list) => list as IReadOnlyList<object?> ?? new List<object?>(list);

        private static int CompareSequences(IReadOnlyList<object?> a, IReadOnlyList<object?> b, string op)
        {
            for (var i = 0; i < a.Count && i < b.Count; i++)
            {
                if (PyEquality.AreEqual(a[i], b[i])) continue;
                return Compare(a[i], b[i], op);
            }
            return a.Count.CompareTo(b.Count);
        }

        /// <summary>Python's type name of a value (as in TypeError messages).</summary>
        public static string TypeName(object? value) => value switch
        {
            null => "NoneType",
            bool _ => "bool",
            string _ => "str",
            long _ => "int",
            int _ => "int",
            BigInteger _ => "int",
            double _ => "float",
            PyTuple _ => "tuple",
            PyBytes _ => "bytes",
            IDictionary<object, object?> _ => "dict",
            IList<object?> _ => "list",
            _ => value.GetType().Name,
        };
    }
}
