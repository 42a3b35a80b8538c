using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>A slice <c>[start:stop:step]</c> used as an item key.</summary>
    internal sealed class PySlice
    {
        public PySlice(object? start, object? stop, object? step)
        {
            Start = start;
            Stop = stop;
            Step = step;
        }

        public object? Start { get; }
        public object? Stop { get; }
        public object? Step { get; }
    }

    /// <summary>Python's <c>dict.keys()/values()/items()</c>: iterates like a list, prints as <c>dict_items([...])</c>.</summary>
    internal sealed class PyDictView : IReadOnlyList<object?>
    {
        private readonly List<object?> _items;

        public PyDictView(string kind, IEnumerable<object?> items)
        {
            Kind = kind;
            _items = items.ToList();
        }

        public string Kind { get; }
        public object? this[int index] => _items[index];
        public int Count => _items.Count;
        public IEnumerator<object?> GetEnumerator() => _items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
        /// <summary>Ansible's finalize unrolls views, so they print as lists.</summary>
        public override string ToString() => PyRepr.Repr(_items);
    }

    /// <summary>Python semantics of Jinja's operators, printing, iteration and attribute/item access.</summary>
    internal static class Ops
    {
        /// <summary>Strings longer than this (from * or filters) are refused rather than exhausting memory.</summary>
        public const int MaxStringLength = 16 * 1024 * 1024;

        public static object? Check(object? value)
        {
            if (value is Undefined u) throw new TemplateError(u.Message, u);
            return value;
        }

        /// <summary>Python <c>str(value)</c>; undefined fails.</summary>
        public static string Str(object? value) => value switch
        {
            Undefined u when u.Lenient => "",
            Undefined u => throw new TemplateError(u.Message, u),
            string s => s,
            PyDictView v => v.ToString(),
            ICallable c => c.ToString() ?? "",
            IAttributeSource a => a.ToString() ?? "",
            _ => PyRepr.Str(CheckNested(value)),
        };

        /// <summary>A printed node's text, as Ansible's concat makes it (to_text): bytes are decoded, not shown as b'...'.</summary>
        public static string Output(object? value) => value is PyBytes bytes ? bytes.ToText() : Str(value);

        /// <summary>Undefined values nested in a list or dict fail when the container is printed, as in Jinja.</summary>
        private static object? CheckNested(object? value)
        {
            switch (value)
            {
                case IDictionary<object, object?> d:
                    foreach (var kv in d) CheckNested(kv.Value);
                    break;
                case string _:
                    break;
                case IEnumerable e:
                    foreach (var item in e) CheckNested(item);
                    break;
                case Undefined u:
                    throw new TemplateError(u.Message, u);
            }
            return value;
        }

        public static bool Truthy(object? value) => !(value is Undefined u && u.Lenient) && PyTruth.IsTrue(Check(value));

        public static string TypeName(object? value) => value switch
        {
            PyDictView v => "dict_" + v.Kind,
            LazyMapping m => m.PythonTypeName,
            ICallable _ => "function",
            string s => StrSubclass.Of(s) ?? "str",
            _ => DateTimeOps.TypeName(value) ?? PyTruth.TypeName(value),
        };

        /// <summary>Jinja's object_type_repr, used in undefined messages.</summary>
        public static string ObjectDescription(object? value) =>
            value == null ? "None" : ((value is string s ? StrSubclass.QualifiedName(s) : null) ?? TypeName(value)) + " object";

        public static IEnumerable<object?> Iterate(object? value)
        {
            if (value is Undefined u && u.Lenient) return new object?[0];
            switch (Check(value))
            {
                case string s: return Chars(s);
                case IDictionary<object, object?> d: return d.Keys.ToList();
                case IEnumerable<object?> e: return e;
                case IEnumerable e2 when !(value is string): return e2.Cast<object?>();
                default: throw new TemplateError("'" + TypeName(value) + "' object is not iterable");
            }
        }

        /// <summary>A string as Python iterates it: one item per code point.</summary>
        public static IEnumerable<object?> Chars(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    yield return s.Substring(i, 2);
                    i++;
                }
                else yield return s[i].ToString();
            }
        }

        public static int CodePointLength(string s)
        {
            var n = s.Length;
            for (var i = 0; i + 1 < s.Length; i++) if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { n--; i++; }
            return n;
        }

        public static List<object?> ToList(object? value) => Iterate(value).ToList();

        public static int Length(object? value) => Check(value) switch
        {
            string s => CodePointLength(s),
            ICollection<KeyValuePair<object, object?>> d => d.Count,
            IReadOnlyCollection<object?> c => c.Count,
            ICollection c2 => c2.Count,
            _ => throw new TemplateError("object of type '" + TypeName(value) + "' has no len()"),
        };

        // ---- comparison ----

        /// <summary>The <c>==</c> operator: no identity shortcut, so a NaN is unequal to itself.</summary>
        public static bool Equal(object? a, object? b) => PyEquality.ValueEqual(Check(a), Check(b));

        public static int Compare(object? a, object? b, string op)
        {
            if (DateTimeOps.TryCompare(Check(a), Check(b), out var order)) return order;
            try { return PyTruth.Compare(a, b, op); }
            catch (ArgumentException e) { throw new TemplateError(e.Message); }
        }

        public static bool Contains(object? container, object? item)
        {
            Check(item);
            switch (Check(container))
            {
                case string s:
                    if (!(item is string sub)) throw new TemplateError("'in <string>' requires string as left operand, not " + TypeName(item));
                    return s.IndexOf(sub, StringComparison.Ordinal) >= 0;
                case IDictionary<object, object?> d:
                    if (item is IDictionary<object, object?> || (item is IList<object?> && !(item is PyTuple))) throw new TemplateError("unhashable type: '"
                        + TypeName(item) + "'");
                    return item != null && d.ContainsKey(item);
                case IEnumerable e:
                    foreach (var x in e) if (PyEquality.AreEqual(x, item)) return true;
                    return false;
                default:
                    throw new TemplateError("argument of type '" + TypeName(container) + "' is not iterable");
            }
        }

        // ---- arithmetic ----

        private static bool IsInt(object? v) => v is long || v is int || v is bool || v is BigInteger;

        private static object Int(BigInteger v) => PyNumber.Normalize(v);

        private static TemplateError Unsupported(string op, object? a, object? b) =>
            new TemplateError("unsupported operand type(s) for " + op + ": '" + TypeName(a) + "' and '" + TypeName(b) + "'");

        public static object? Binary(string op, object? a, object? b)
        {
            Check(a);
            Check(b);
            if (DateTimeOps.TryBinary(op, a, b, out var dateResult)) return dateResult;
            switch (op)
            {
                case "~": return Concat(Str(a), Str(b));
                case "+": return Add(a, b);
                case "-":
                    if (IsInt(a) && IsInt(b)) return Int(PyNumber.ToBig(a!) - PyNumber.ToBig(b!));
                    if (PyNumber.IsNumber(a) && PyNumber.IsNumber(b)) return D(a) - D(b);
                    throw Unsupported("-", a, b);
                case "*": return Multiply(a, b);
                case "/":
                    if (!PyNumber.IsNumber(a) || !PyNumber.IsNumber(b)) throw Unsupported("/", a, b);
                    if (D(b) == 0) throw new TemplateError("division by zero");
                    if (IsInt(a) && IsInt(b)) return (double)PyNumber.ToBig(a!) / (double)PyNumber.ToBig(b!);
                    return D(a) / D(b);
                case "//": return FloorDivide(a, b);
                case "%":
                    if (a is string fmt) return PyFormat.Percent(fmt, b);
                    return Modulo(a, b);
                case "**": return Power(a, b);
            }
            throw new TemplateError("unknown operator " + op);
        }

        private static double D(object? v)
        {
            PyNumber.TryAsDouble(v, out var d);
            return d;
        }

        /// <summary>str.join, with the template output limit checked while the pieces are gathered, before the result is built.</summary>
        public static string Join(string separator, IEnumerable<string> items)
        {
            var pieces = new List<string>();
            long total = 0;
            foreach (var item in items)
            {
                total += item.Length + (pieces.Count > 0 ? separator.Length : 0);
                if (total > MaxStringLength) throw new TemplateError("resulting string too long");
                pieces.Add(item);
            }
            // .NET gives a single item back itself; Python's join builds a plain str.
            return StrSubclass.Plain(string.Join(separator, pieces));
        }

        public static string Concat(string a, string b)
        {
            if ((long)a.Length + b.Length > MaxStringLength) throw new TemplateError("resulting string too long");
            // .NET gives one operand back when the other is empty; Python builds a plain str.
            return a.Length == 0 || b.Length == 0 ? StrSubclass.Plain(a + b) : a + b;
        }

        private static object? Add(object? a, object? b)
        {
            if (IsInt(a) && IsInt(b)) return Int(PyNumber.ToBig(a!) + PyNumber.ToBig(b!));
            if (PyNumber.IsNumber(a) && PyNumber.IsNumber(b)) return D(a) + D(b);
            if (a is string sa)
            {
                if (b is string sb) return Concat(sa, sb);
                throw new TemplateError("can only concatenate str (not \"" + TypeName(b) + "\") to str");
            }
            if (a is PyTuple ta)
            {
                if (b is PyTuple tb) return new PyTuple(ta.Concat(tb));
                throw new TemplateError("can only concatenate tuple (not \"" + TypeName(b) + "\") to tuple");
            }
            if (a is IList<object?> la && !(a is PyDictView))
            {
                if (b is IList<object?> lb && !(b is PyTuple)) return la.Concat(lb).ToList();
                throw new TemplateError("can only concatenate list (not \"" + TypeName(b) + "\") to list");
            }
            throw Unsupported("+", a, b);
        }

        private static object? Multiply(object? a, object? b)
        {
            if (IsInt(a) && IsInt(b)) return Int(PyNumber.ToBig(a!) * PyNumber.ToBig(b!));
            if (PyNumber.IsNumber(a) && PyNumber.IsNumber(b)) return D(a) * D(b);
            if (IsInt(a) && !(b is double)) return Multiply(b, a);
            if (a is string s && IsInt(b))
            {
                var n = (long)Clamp(b);
                if (n <= 0 || s.Length == 0) return "";
                if (n * s.Length > MaxStringLength) throw new TemplateError("resulting string too long");
                var sb = new StringBuilder(s.Length * (int)n);
                for (var i = 0; i < n; i++) sb.Append(s);
                return sb.ToString();
            }
            if (a is IList<object?> l && IsInt(b))
            {
                var n = (long)Clamp(b);
                if (n * l.Count > MaxStringLength) throw new TemplateError("resulting list too long");
                var result = new List<object?>();
                for (var i = 0; i < n; i++) result.AddRange(l);
                return a is PyTuple ? new PyTuple(result) : (object)result;
            }
            throw Unsupported("*", a, b);
        }

        private static BigInteger Clamp(object? v)
        {
            var big = PyNumber.ToBig(v!);
            return BigInteger.Max(BigInteger.Min(big, MaxStringLength + 1L), -1);
        }

        private static object FloorDivide(object? a, object? b)
        {
            if (!PyNumber.IsNumber(a) || !PyNumber.IsNumber(b)) throw Unsupported("//", a, b);
            if (IsInt(a) && IsInt(b))
            {
                var y = PyNumber.ToBig(b!);
                if (y.IsZero) throw new TemplateError("integer division or modulo by zero");
                var x = PyNumber.ToBig(a!);
                var q = BigInteger.DivRem(x, y, out var r);
                if (!r.IsZero && (r.Sign < 0) != (y.Sign < 0)) q -= 1;
                return Int(q);
            }
            var vx = D(a);
            var wx = D(b);
            if (wx == 0) throw new TemplateError("float floor division by zero");
            // CPython's float_floor_div: derived from fmod so that a == b * (a // b) + a % b holds.
            var mod = vx % wx;
            var div = (vx - mod) / wx;
            if (mod != 0 && (wx < 0) != (mod < 0)) div -= 1.0;
            if (div == 0) return BitConverter.DoubleToInt64Bits(vx / wx) < 0 ? -0.0 : 0.0;
            var floor = Math.Floor(div);
            return div - floor > 0.5 ? floor + 1.0 : floor;
        }

        private static object Modulo(object? a, object? b)
        {
            if (!PyNumber.IsNumber(a) || !PyNumber.IsNumber(b)) throw Unsupported("%", a, b);
            if (IsInt(a) && IsInt(b))
            {
                var y = PyNumber.ToBig(b!);
                if (y.IsZero) throw new TemplateError("integer modulo by zero");
                var r = BigInteger.Remainder(PyNumber.ToBig(a!), y);
                if (!r.IsZero && (r.Sign < 0) != (y.Sign < 0)) r += y;
                return Int(r);
            }
            var dy = D(b);
            if (dy == 0) throw new TemplateError("float modulo");
            var m = D(a) % dy;
            if (m != 0 && (m < 0) != (dy < 0)) m += dy;
            return m == 0 ? (dy < 0 ? -0.0 : 0.0) : m;
        }

        private static object Power(object? a, object? b)
        {
            if (!PyNumber.IsNumber(a) || !PyNumber.IsNumber(b)) throw Unsupported("** or pow()", a, b);
            if (IsInt(a) && IsInt(b) && PyNumber.ToBig(b!).Sign >= 0)
            {
                var x = PyNumber.ToBig(a!);
                var e = PyNumber.ToBig(b!);
                if (x.IsZero || x.IsOne) return Int(e.IsZero ? BigInteger.One : x);
                if (x == BigInteger.MinusOne) return Int(e.IsEven ? BigInteger.One : BigInteger.MinusOne);
                if ((double)e * BigInteger.Log(BigInteger.Abs(x), 2) > 1_000_000) throw new TemplateError("exponent too large");
                return Int(BigInteger.Pow(x, (int)e));
            }
            if (D(a) == 0 && D(b) < 0) throw new TemplateError("0.0 cannot be raised to a negative power");
            if (D(a) < 0 && D(b) != Math.Floor(D(b))) throw new TemplateError("a negative number to a fractional power is complex, which templates here do " +
                "not support");
            var result = Math.Pow(D(a), D(b));
            if (double.IsInfinity(result) && !double.IsInfinity(D(a)) && !double.IsInfinity(D(b))) throw new TemplateError("(34, 'Numerical result out of " +
                "range')");
            return result;
        }

        public static object? Negate(object? v) => Check(v) switch
        {
            bool b => b ? -1L : 0L,
            long l => l == long.MinValue ? (object)(-new BigInteger(l)) : -l,
            BigInteger big => Int(-big),
            double d => -d,
            _ => throw new TemplateError("bad operand type for unary -: '" + TypeName(v) + "'"),
        };

        public static object? Plus(object? v) => Check(v) switch
        {
            bool b => b ? 1L : 0L,
            long _ or BigInteger _ or double _ => v,
            _ => throw new TemplateError("bad operand type for unary +: '" + TypeName(v) + "'"),
        };

        // ---- attribute and item access (Jinja's environment.getattr / getitem) ----

        public static object? GetAttr(object? obj, string name)
        {
            // The common case first: a key of a plain dict (a dict method name still binds the method, as below).
            if (obj is PyDict dict && !Methods.IsDictMethod(name) && dict.TryGetValue(name, out var entry)) return entry;
            if (obj is Undefined) return obj;
            if (obj is IAttributeSource source)
            {
                if (source.TryGetAttribute(name, out var value)) return value;
            }
            else if (Methods.TryBind(obj, name, out var method)) return method;
            else if (obj is PyTuple t && GroupTuples.TryGetAttribute(t, name, out var groupPart)) return groupPart;
            if (obj is IDictionary<object, object?> d && d.TryGetValue(name, out var item)) return item;
            return new MissingAttribute(obj, name);
        }

        public static object? GetItem(object? obj, object? key)
        {
            if (obj is Undefined) return obj;
            Check(key);
            if (key is PySlice slice) return Slice(obj, slice);
            switch (obj)
            {
                case IDictionary<object, object?> d when key != null && (key is string || PyNumber.IsNumber(key) || key is PyTuple):
                    if (d.TryGetValue(key, out var v)) return v;
                    break;
                case string s when IsInt(key):
                    var chars = Chars(s).ToList();
                    var ci = Index(key, chars.Count);
                    if (ci >= 0) return chars[ci];
                    break;
                case IReadOnlyList<object?> ro when IsInt(key):
                    var ri = Index(key, ro.Count);
                    if (ri >= 0) return ro[ri];
                    break;
                case IList<object?> list when IsInt(key):
                    var li = Index(key, list.Count);
                    if (li >= 0) return list[li];
                    break;
            }
            if (key is string name)
            {
                if (obj is IAttributeSource source && source.TryGetAttribute(name, out var attr)) return attr;
                if (Methods.TryBind(obj, name, out var method)) return method;
                return new MissingAttribute(obj, name);
            }
            return new Undefined(ObjectDescription(obj) + " has no element " + PyRepr.Repr(key), PyRepr.Str(key));
        }

        private static int Index(object? key, int count)
        {
            var i = PyNumber.ToBig(key!);
            if (i < 0) i += count;
            return i >= 0 && i < count ? (int)i : -1;
        }

        public static object? Slice(object? obj, PySlice slice)
        {
            var step = slice.Step == null ? 1 : (long)PyNumber.ToBig(Check(slice.Step)!);
            if (step == 0) throw new TemplateError("slice step cannot be zero");
            List<object?> items;
            if (obj is string s) items = Chars(s).ToList();
            else if (obj is IList<object?> || obj is IReadOnlyList<object?>) items = Iterate(obj).ToList();
            else throw new TemplateError("'" + TypeName(obj) + "' object is not subscriptable");
            var n = items.Count;
            long Bound(object? v, long dflt)
            {
                if (v == null) return dflt;
                var x = (long)BigInteger.Max(BigInteger.Min(PyNumber.ToBig(Check(v)!), int.MaxValue), int.MinValue);
                if (x < 0) x += n;
                if (step > 0) return Math.Max(0, Math.Min(x, n));
                return Math.Max(-1, Math.Min(x, n - 1));
            }
            var start = Bound(slice.Start, step > 0 ? 0 : n - 1);
            var stop = Bound(slice.Stop, step > 0 ? n : -1);
            var result = new List<object?>();
            for (var i = start; step > 0 ? i < stop : i > stop; i += step) result.Add(items[(int)i]);
            if (obj is string) return string.Concat(result.Cast<string>());
            if (obj is PyTuple) return new PyTuple(result);
            return result;
        }

        // ---- calls ----

        public static object? Call(RenderContext context, object? target, List<object?> args, List<KeyValuePair<string, object?>> kwargs)
        {
            if (target is Undefined u) throw new TemplateError(u.Message, u);
            if (target is ICallable callable) return callable.Call(context, args, kwargs);
            throw new TemplateError("'" + TypeName(target) + "' object is not callable");
        }
    }
}
