using System;
using System.Collections.Generic;
using System.Numerics;

namespace HxLiteLLM.Values
{
    /// <summary>Python equality for dict keys and <c>==</c>: numbers (bool, int, float) by value, strings ordinally.</summary>
    public sealed class PyKeyComparer : IEqualityComparer<object>
    {
        public static readonly PyKeyComparer Instance = new PyKeyComparer();

        public new bool Equals(object? x, object? y) => PyEquality.AreEqual(x, y);

        public int GetHashCode(object obj)
        {
            if (PyNumber.TryAsDouble(obj, out var d))
            {
                // Equal numbers of different types must hash alike (1 == 1.0 == True).
                return d == Math.Floor(d) && Math.Abs(d) < 1e18 ? ((long)d).GetHashCode() : d.GetHashCode();
            }
            return obj is string s ? StringComparer.Ordinal.GetHashCode(s) : obj.GetHashCode();
        }
    }

    /// <summary>Python's <c>==</c> over the engine's value model.</summary>
    public static class PyEquality
    {
        /// <summary>
        /// Equality as Python's containers, <c>in</c> and sets apply it: the same object first, then <c>==</c>
        /// (so a NaN is found in a list holding that NaN, though it is unequal to itself).
        /// </summary>
        public static bool AreEqual(object? x, object? y) => ReferenceEquals(x, y) || ValueEqual(x, y);

        /// <summary>Python's <c>==</c> operator itself: a NaN is unequal to everything, itself included.</summary>
        public static bool ValueEqual(object? x, object? y)
        {
            if (x == null || y == null) return x == null && y == null;
            if (x is double dx && y is double dy) return dx == dy;
            if (x is string xs) return y is string ys && string.Equals(xs, ys, StringComparison.Ordinal);
            if (PyNumber.IsNumber(x) && PyNumber.IsNumber(y)) return PyNumber.Compare(x, y) == 0;
            if (x is IDictionary<object, object?> xd)
            {
                if (!(y is IDictionary<object, object?> yd) || xd.Count != yd.Count) return false;
                foreach (var kv in xd)
                {
                    if (!yd.TryGetValue(kv.Key, out var other) || !AreEqual(kv.Value, other)) return false;
                }
                return true;
            }
            if (x is PyTuple xt) return y is PyTuple yt && SequenceEqual(xt, yt);
            if (x is IList<object?> xl) return y is IList<object?> yl && SequenceEqual(xl, yl);
            return x.Equals(y);
        }

        private static bool SequenceEqual(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
        {
            if (a.Count != b.Count) return false;
            for (var i = 0; i < a.Count; i++) if (!AreEqual(a[i], b[i])) return false;
            return true;
        }

        private static bool SequenceEqual(IList<object?> a, IList<object?> b)
        {
            if (a.Count != b.Count) return false;
            for (var i = 0; i < a.Count; i++) if (!AreEqual(a[i], b[i])) return false;
            return true;
        }
    }

    /// <summary>Numbers in the value model: bool, long, BigInteger and double (Python bool/int/float).</summary>
    public static class PyNumber
    {
        public static bool IsNumber(object? o) => o is bool || o is long || o is int || o is BigInteger || o is double;

        public static bool TryAsDouble(object? o, out double value)
        {
            switch (o)
            {
                case bool b: value = b ? 1 : 0; return true;
                case long l: value = l; return true;
                case int i: value = i; return true;
                case BigInteger big: value = (double)big; return true;
                case double d: value = d; return true;
                default: value = 0; return false;
            }
        }

        /// <summary>Compares two numbers exactly where both are integral, by double otherwise.</summary>
        public static int Compare(object x, object y)
        {
            if (!(x is double) && !(y is double)) return ToBig(x).CompareTo(ToBig(y));
            TryAsDouble(x, out var dx);
            TryAsDouble(y, out var dy);
            return dx.CompareTo(dy);
        }

        public static BigInteger ToBig(object o) => o switch
        {
            bool b => b ? BigInteger.One : BigInteger.Zero,
            long l => new BigInteger(l),
            int i => new BigInteger(i),
            BigInteger big => big,
            double d => new BigInteger(d),
            _ => throw new ArgumentException("not a number", nameof(o)),
        };

        /// <summary>Narrows a BigInteger to long where it fits, as the value model prefers.</summary>
        public static object Normalize(BigInteger value) =>
            value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }
}
