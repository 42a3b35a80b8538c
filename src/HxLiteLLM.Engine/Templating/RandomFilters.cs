using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Ansible's random and shuffle (core.py): seeded through Python's Mersenne Twister, otherwise from the system.</summary>
    internal static class RandomFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(Random, "random"),
            new FilterDefinition(Shuffle, "shuffle"),
        };

        /// <summary>An integer end draws from randrange(start, end, step); a sequence gives one of its items.</summary>
        public static object? Random(Interpreter it, object? v, CallArgs a)
        {
            var seed = a.Get(2, "seed");
            var generator = seed == null ? PyRandom.FromSystem() : PyRandom.FromSeed(seed);
            var start = a.Get(0, "start");
            var step = a.Get(1, "step");
            switch (Ops.Check(v))
            {
                case bool _:
                case long _:
                case BigInteger _:
                    var end = PyNumber.ToBig(v is bool b ? (b ? 1L : 0L) : v!);
                    return PyNumber.Normalize(generator.RandRange(Ops.Truthy(start) ? IntegerArgument(start) : 0, end, Ops.Truthy(step) ? IntegerArgument(step)
                        : 1));
                case string _:
                case IEnumerable<object?> _:
                    if (Ops.Truthy(start) || Ops.Truthy(step)) throw new TemplateError("start and step can only be used with integer values");
                    return Choice(generator, v!);
                default:
                    throw new TemplateError("random can only be used on sequences and integers");
            }
        }

        /// <summary>A falsy seed shuffles from the system; a seed Python refuses leaves the list in order (Ansible swallows the error).</summary>
        public static object? Shuffle(Interpreter it, object? v, CallArgs a)
        {
            List<object?> items;
            try { items = Ops.Iterate(v).ToList(); }
            catch (TemplateError) { return v; }
            var seed = a.Get(0, "seed");
            PyRandom generator;
            try { generator = Ops.Truthy(seed) ? PyRandom.FromSeed(seed!) : PyRandom.FromSystem(); }
            catch (TemplateError) { return items; }
            generator.Shuffle(items);
            return items;
        }

        private static BigInteger IntegerArgument(object? v) => Ops.Check(v) switch
        {
            bool b => b ? 1 : 0,
            long l => l,
            BigInteger big => big,
            _ => throw new TemplateError("'" + Ops.TypeName(v) + "' object cannot be interpreted as an integer"),
        };

        /// <summary>choice(seq): seq[_randbelow(len(seq))], so a mapping is indexed by that number as a key.</summary>
        private static object? Choice(PyRandom generator, object v)
        {
            var length = Ops.Length(v);
            if (length == 0) throw new TemplateError("Cannot choose from an empty sequence");
            var position = (long)generator.RandBelow(length);
            if (v is string s) return Ops.Chars(s).ElementAt((int)position);
            if (v is IDictionary<object, object?> d) return d.TryGetValue(position, out var value) ? value
                : throw new TemplateError(position.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Ops.Iterate(v).ElementAt((int)position);
        }
    }
}
