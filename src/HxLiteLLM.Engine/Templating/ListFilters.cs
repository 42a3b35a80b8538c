using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Filters over sequences and mappings: Jinja's list built-ins and Ansible's set theory, zip, combine, dict2items.</summary>
    internal static class ListFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(Batch, "batch"),
            new FilterDefinition(Length, "length", "count"),
            new FilterDefinition(DictSort, "dictsort"),
            new FilterDefinition(First, "first"),
            new FilterDefinition(Last, "last"),
            new FilterDefinition(GroupBy, "groupby"),
            new FilterDefinition(Items, "items"),
            new FilterDefinition(Join, "join"),
            new FilterDefinition(List, "list"),
            new FilterDefinition(Map, "map"),
            new FilterDefinition(Min, "min"),
            new FilterDefinition(Max, "max"),
            new FilterDefinition(Select, "select"),
            new FilterDefinition(Reject, "reject"),
            new FilterDefinition(SelectAttr, "selectattr"),
            new FilterDefinition(RejectAttr, "rejectattr"),
            new FilterDefinition(Reverse, "reverse"),
            new FilterDefinition(Slice, "slice"),
            new FilterDefinition(Sort, "sort"),
            new FilterDefinition(Sum, "sum"),
            new FilterDefinition(UniqueFilter, "unique"),
            new FilterDefinition(Combine, "combine"),
            new FilterDefinition(DictToItems, "dict2items"),
            new FilterDefinition(ItemsToDict, "items2dict"),
            new FilterDefinition(Flatten, "flatten"),
            new FilterDefinition(ZipFilter, "zip"),
            new FilterDefinition(ZipLongest, "zip_longest"),
            new FilterDefinition(Union, "union"),
            new FilterDefinition(Intersect, "intersect"),
            new FilterDefinition(Difference, "difference"),
            new FilterDefinition(SymmetricDifference, "symmetric_difference"),
            new FilterDefinition(Extract, "extract"),
            new FilterDefinition(Product, "product"),
            new FilterDefinition(Combinations, "combinations"),
            new FilterDefinition(Permutations, "permutations"),
            new FilterDefinition(Subelements, "subelements"),
            new FilterDefinition(RekeyOnMember, "rekey_on_member"),
        };

        public static object? Batch(Interpreter it, object? v, CallArgs a) => Batch(v, (int)a.Int(0, "linecount", 1), a.Has(1, "fill_with"), a.Get(1,
            "fill_with"));

        public static object? Length(Interpreter it, object? v, CallArgs a) => (long)Ops.Length(v);

        public static object? First(Interpreter it, object? v, CallArgs a)
        {
            foreach (var x in Ops.Iterate(v)) return x;
            return new Undefined("No first item, sequence was empty.", null);
        }

        public static object? Last(Interpreter it, object? v, CallArgs a)
        {
            var l = Ops.ToList(v);
            return l.Count > 0 ? l[l.Count - 1] : new Undefined("No last item, sequence was empty.", null);
        }

        public static object? Items(Interpreter it, object? v, CallArgs a)
        {
            // Jinja's items filter gives nothing for an undefined value (a loop over it runs its else).
            if (v is Undefined) return new List<object?>();
            if (!(Ops.Check(v) is IDictionary<object, object?> d)) throw new TemplateError("Can only get item pairs from a mapping.");
            return d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value })).ToList();
        }

        public static object? Join(Interpreter it, object? v, CallArgs a)
        {
            var items = Ops.Iterate(v);
            if (a.Has(1, "attribute")) items = items.Select(AttributeGetter(a.Get(1, "attribute"), null));
            return Ops.Join(a.Str(0, "d", ""), items.Select(S));
        }

        public static object? List(Interpreter it, object? v, CallArgs a) => Ops.ToList(v);

        public static object? Min(Interpreter it, object? v, CallArgs a) => MinMax(v, a, false);

        public static object? Max(Interpreter it, object? v, CallArgs a) => MinMax(v, a, true);

        public static object? Select(Interpreter it, object? v, CallArgs a) => Select(it, v, a, true, false);

        public static object? Reject(Interpreter it, object? v, CallArgs a) => Select(it, v, a, false, false);

        public static object? SelectAttr(Interpreter it, object? v, CallArgs a) => Select(it, v, a, true, true);

        public static object? RejectAttr(Interpreter it, object? v, CallArgs a) => Select(it, v, a, false, true);

        public static object? Reverse(Interpreter it, object? v, CallArgs a)
        {
            if (v is string s) return string.Concat(Ops.Chars(s).Reverse().Cast<string>());
            var l = Ops.ToList(v);
            l.Reverse();
            return l;
        }

        public static object? Slice(Interpreter it, object? v, CallArgs a) => SliceFilter(v, (int)a.Int(0, "slices", 1), a.Has(1, "fill_with"), a.Get(1,
            "fill_with"));

        public static object? Sort(Interpreter it, object? v, CallArgs a) =>
            SortValues(Ops.ToList(v), a.Bool(0, "reverse", false), a.Bool(1, "case_sensitive", false), a.Get(2, "attribute"));

        public static object? UniqueFilter(Interpreter it, object? v, CallArgs a) => Unique(Ops.Iterate(v), a.Bool(0, "case_sensitive", false), a.Get(1,
            "attribute"));

        public static object? DictToItems(Interpreter it, object? v, CallArgs a)
        {
            if (!(Ops.Check(v) is IDictionary<object, object?> d)) throw new TemplateError("dict2items requires a dictionary, got " + Ops.TypeName(v)
                + " instead.");
            var keyName = a.Str(0, "key_name", "key");
            var valueName = a.Str(1, "value_name", "value");
            return d.Select(kv => (object?)new PyDict { [keyName] = kv.Key, [valueName] = kv.Value }).ToList();
        }

        public static object? ItemsToDict(Interpreter it, object? v, CallArgs a)
        {
            var keyName = a.Get(0, "key_name", "key");
            var valueName = a.Get(1, "value_name", "value");
            var result = new PyDict();
            if (!(v is IList<object?>) && !(v is PyTuple)) throw new TemplateError("items2dict requires a list, got <class '" + Ops.TypeName(v)
                + "'> instead.");
            foreach (var item in Ops.Iterate(v))
            {
                // Python's item[key]: a mapping by key, a list or tuple by integer index.
                var k = Ops.GetItem(item, keyName);
                var val = Ops.GetItem(item, valueName);
                if (item is string || !(item is IDictionary<object, object?> || item is IList<object?> || item is PyTuple))
                    throw new TemplateError("items2dict requires a list of dictionaries, got " + PyRepr.Repr(v) + " instead.");
                if (k is Undefined || val is Undefined)
                    throw new TemplateError("items2dict requires each dictionary in the list to contain the keys '" + Ops.Str(keyName) + "' and '"
                        + Ops.Str(valueName) + "', got " + PyRepr.Repr(v) + " instead.");
                result[k ?? throw new TemplateError("unhashable key None")] = val;
            }
            return result;
        }

        public static object? Flatten(Interpreter it, object? v, CallArgs a) =>
            Flatten(Ops.Iterate(v), a.Get(0, "levels") == null ? (int?)null : (int)a.Int(0, "levels", 0), a.Bool(1, "skip_nulls", true));

        public static object? ZipFilter(Interpreter it, object? v, CallArgs a) => Zip(new[] { v }.Concat(a.Positional).ToList(), false, null);

        public static object? ZipLongest(Interpreter it, object? v, CallArgs a) => Zip(new[] { v }.Concat(a.Positional).ToList(), true, a.Get(-1, "fillvalue"));

        public static object? Union(Interpreter it, object? v, CallArgs a) => Unique(Ops.Iterate(v).Concat(Ops.Iterate(a.Required(0, "b"))), true, null);

        public static object? Intersect(Interpreter it, object? v, CallArgs a)
        {
            var b = Ops.ToList(a.Required(0, "b"));
            return Unique(Ops.Iterate(v).Where(x => b.Any(y => PyEquality.AreEqual(x, y))), true, null);
        }

        public static object? Difference(Interpreter it, object? v, CallArgs a)
        {
            var b = Ops.ToList(a.Required(0, "b"));
            return Unique(Ops.Iterate(v).Where(x => !b.Any(y => PyEquality.AreEqual(x, y))), true, null);
        }

        public static object? SymmetricDifference(Interpreter it, object? v, CallArgs a)
        {
            var l = Ops.ToList(v);
            var b = Ops.ToList(a.Required(0, "b"));
            var both = Unique(l.Where(x => b.Any(y => PyEquality.AreEqual(x, y))), true, null);
            return Unique(l.Concat(b), true, null).Where(x => !both.Any(y => PyEquality.AreEqual(x, y))).ToList();
        }

        public static object? Extract(Interpreter it, object? v, CallArgs a)
        {
            var container = a.Required(0, "container");
            var result = Ops.GetItem(container, v);
            var more = a.Get(1, "morekeys");
            if (more != null) foreach (var k in more is IList<object?> ks ? ks : new List<object?> { more }) result = Ops.GetItem(result, k);
            return Ops.Check(result);
        }

        /// <summary>itertools.product(v, *lists, repeat=n): the lists repeated n times.</summary>
        public static object? Product(Interpreter it, object? v, CallArgs a)
        {
            var repeat = a.Int(-1, "repeat", 1);
            if (repeat < 0) throw new TemplateError("repeat argument cannot be negative");
            var once = new[] { v }.Concat(a.Positional).Select(Ops.ToList).ToList();
            var lists = Enumerable.Repeat(once, (int)Math.Min(repeat, Ops.MaxStringLength)).SelectMany(l => l).ToList();
            if (lists.Aggregate(1.0, (n, l) => n * l.Count) > Ops.MaxStringLength) throw new TemplateError("resulting list too long");
            IEnumerable<List<object?>> acc = new[] { new List<object?>() };
            foreach (var l in lists) acc = acc.SelectMany(prefix => l.Select(x => prefix.Concat(new[] { x }).ToList())).ToList();
            return acc.Select(p => (object?)new PyTuple(p)).ToList();
        }

        /// <summary>itertools.combinations: r-length tuples of positions in increasing order, lexicographic.</summary>
        public static object? Combinations(Interpreter it, object? v, CallArgs a)
        {
            var pool = Ops.ToList(v);
            var r = a.Int(0, "r", 0);
            if (!a.Has(0, "r")) throw new TemplateError("combinations() missing required argument 'r' (pos 2)");
            if (r < 0) throw new TemplateError("r must be non-negative");
            return Arrangements(pool, (int)Math.Min(r, int.MaxValue), ordered: false);
        }

        /// <summary>itertools.permutations: r-length tuples of distinct positions (all of them by default), lexicographic.</summary>
        public static object? Permutations(Interpreter it, object? v, CallArgs a)
        {
            var pool = Ops.ToList(v);
            var r = a.Get(0, "r") == null ? pool.Count : a.Int(0, "r", 0);
            if (r < 0) throw new TemplateError("r must be non-negative");
            return Arrangements(pool, (int)Math.Min(r, int.MaxValue), ordered: true);
        }

        private static List<object?> Arrangements(List<object?> pool, int r, bool ordered)
        {
            var result = new List<object?>();
            if (r > pool.Count) return result;
            var chosen = new List<int>();
            var used = new bool[pool.Count];
            void Extend()
            {
                if (chosen.Count == r) { result.Add(new PyTuple(chosen.Select(i => pool[i]))); return; }
                for (var i = ordered ? 0 : (chosen.Count == 0 ? 0 : chosen[chosen.Count - 1] + 1); i < pool.Count; i++)
                {
                    if (used[i]) continue;
                    used[i] = true;
                    chosen.Add(i);
                    Extend();
                    chosen.RemoveAt(chosen.Count - 1);
                    used[i] = false;
                }
            }
            Extend();
            return result;
        }

        /// <summary>Ansible's subelements: (element, item) pairs for each item of the list a dotted path reaches in each element.</summary>
        public static object? Subelements(Interpreter it, object? v, CallArgs a)
        {
            var elements = Ops.Check(v) switch
            {
                IDictionary<object, object?> d => d.Values.ToList(),
                List<object?> l => l.ToList(),
                _ => throw new TemplateError("obj must be a list of dicts or a nested dict"),
            };
            var path = Ops.Check(a.Required(0, "subelements")) switch
            {
                List<object?> l => l.ToList(),
                string s => s.Split('.').Select(p => (object?)p).ToList(),
                _ => throw new TemplateError("subelements must be a list or a string"),
            };
            var skipMissing = a.Bool(1, "skip_missing", false);
            var results = new List<object?>();
            foreach (var element in elements)
            {
                var values = element;
                foreach (var key in path)
                {
                    if (Ops.Check(values) is IDictionary<object, object?> map)
                    {
                        if (map.TryGetValue(key!, out var found)) { values = found; continue; }
                        if (skipMissing) { values = new List<object?>(); break; }
                        throw new TemplateError("could not find " + PyRepr.Repr(key) + " key in iterated item " + PyRepr.Repr(values));
                    }
                    throw new TemplateError("the key " + S(key) + " should point to a dictionary, got '" + S(values) + "'");
                }
                if (!(Ops.Check(values) is List<object?> items)) throw new TemplateError("the key " + PyRepr.Repr(a.Get(0, "subelements"))
                    + " should point to a list, got " + PyRepr.Repr(values));
                foreach (var item in items) results.Add(new PyTuple(new[] { element, item }));
            }
            return results;
        }

        /// <summary>Ansible's rekey_on_member: a dict of dicts (or list of dicts) keyed on one member of each.</summary>
        public static object? RekeyOnMember(Interpreter it, object? v, CallArgs a)
        {
            var duplicates = a.Str(1, "duplicates", "error");
            if (duplicates != "error" && duplicates != "overwrite") throw new TemplateError("duplicates parameter to rekey_on_member has unknown value: "
                + duplicates);
            var key = a.Required(0, "key");
            Ops.Truthy(v);
            Ops.Truthy(key);
            var items = Ops.Check(v) switch
            {
                IDictionary<object, object?> d => d.Values.ToList(),
                string _ => throw new TemplateError("Type is not a valid list, set, or dict"),
                System.Collections.IEnumerable _ => Ops.Iterate(v).ToList(),
                _ => throw new TemplateError("Type is not a valid list, set, or dict"),
            };
            var rekeyed = new PyDict();
            foreach (var item in items)
            {
                if (!(Ops.Check(item) is IDictionary<object, object?> member)) throw new TemplateError("List item is not a valid dict");
                if (!PyHashable(key) || !member.TryGetValue(key!, out var newKey)) throw new TemplateError("Key " + S(key) + " was not found");
                if (!PyHashable(newKey)) throw new TemplateError("unhashable type: '" + Ops.TypeName(newKey) + "'");
                if (rekeyed.TryGetValue(newKey!, out var existing) && Ops.Truthy(existing) && duplicates == "error")
                    throw new TemplateError("Key " + S(newKey) + " is not unique, cannot correctly turn into dict");
                rekeyed[newKey!] = item;
            }
            return rekeyed;
        }

        private static bool PyHashable(object? v) => !(Ops.Check(v) is IDictionary<object, object?> || Ops.Check(v) is List<object?>);

        private static List<object?> Batch(object? v, int size, bool fill, object? fillWith)
        {
            if (size <= 0) throw new TemplateError("batch size must be positive");
            var result = new List<object?>();
            var current = new List<object?>();
            foreach (var item in Ops.Iterate(v))
            {
                if (current.Count == size) { result.Add(current); current = new List<object?>(); }
                current.Add(item);
            }
            if (current.Count > 0)
            {
                if (fill) while (current.Count < size) current.Add(fillWith);
                result.Add(current);
            }
            return result;
        }

        private static List<object?> SliceFilter(object? v, int slices, bool fill, object? fillWith)
        {
            var seq = Ops.ToList(v);
            var length = seq.Count;
            var perSlice = length / slices;
            var withExtra = length % slices;
            var offset = 0;
            var result = new List<object?>();
            for (var i = 0; i < slices; i++)
            {
                var start = offset + i * perSlice;
                if (i < withExtra) offset++;
                var end = offset + (i + 1) * perSlice;
                var part = seq.Skip(start).Take(end - start).ToList();
                if (fill && i >= withExtra) part.Add(fillWith);
                result.Add(part);
            }
            return result;
        }

        public static object? DictSort(Interpreter it, object? v, CallArgs a)
        {
            if (!(Ops.Check(v) is IDictionary<object, object?> d)) throw new TemplateError("You can only sort by either \"key\" or \"value\"");
            var caseSensitive = a.Bool(0, "case_sensitive", false);
            var by = a.Str(1, "by", "key");
            var reverse = a.Bool(2, "reverse", false);
            if (by != "key" && by != "value") throw new TemplateError("You can only sort by either \"key\" or \"value\"");
            var items = d.Select(kv => (object?)new PyTuple(new[] { kv.Key, kv.Value })).ToList();
            return SortBy(items, x => { var t = (PyTuple)x!; var k = by == "key" ? t[0] : t[1]; return caseSensitive ? k : IgnoreCase(k); }, reverse);
        }

        private static object? MinMax(object? v, CallArgs a, bool max)
        {
            var items = Ops.ToList(v);
            if (items.Count == 0) return new Undefined("No aggregated item, sequence was empty.", null);
            var caseSensitive = a.Bool(0, "case_sensitive", false);
            var attribute = a.Get(1, "attribute");
            var getter = attribute == null ? (Func<object?, object?>)(x => x) : AttributeGetter(attribute, null);
            object? best = items[0];
            var bestKey = caseSensitive ? getter(best) : IgnoreCase(getter(best));
            foreach (var item in items.Skip(1))
            {
                var k = caseSensitive ? getter(item) : IgnoreCase(getter(item));
                var c = Ops.Compare(k, bestKey, max ? ">" : "<");
                if (max ? c > 0 : c < 0) { best = item; bestKey = k; }
            }
            return best;
        }

        public static object? Sum(Interpreter it, object? v, CallArgs a)
        {
            var attribute = a.Get(0, "attribute");
            object? total = a.Get(1, "start", 0L);
            var getter = attribute == null ? (Func<object?, object?>)(x => x) : AttributeGetter(attribute, null);
            foreach (var item in Ops.Iterate(v)) total = Ops.Binary("+", total, getter(item));
            return total!;
        }

        public static object? Map(Interpreter it, object? v, CallArgs a)
        {
            var items = Ops.Truthy(v) ? Ops.ToList(v) : new List<object?>();
            if (a.Positional.Count == 0 && a.Keywords.Any(k => k.Key == "attribute"))
            {
                var getter = AttributeGetter(a.Get(-1, "attribute"), a.Get(-1, "default"));
                return items.Select(getter).ToList();
            }
            if (a.Positional.Count == 0) return items;
            var name = S(a.Positional[0]);
            var rest = new CallArgs(name, a.Positional.Skip(1).ToList(), a.Keywords);
            return items.Select(x => it.CallFilter(name, x, rest)).ToList();
        }

        private static List<object?> Select(Interpreter it, object? v, CallArgs a, bool keep, bool byAttribute)
        {
            var items = Ops.Truthy(v) ? Ops.ToList(v) : new List<object?>();
            Func<object?, object?> getter = x => x;
            var offset = 0;
            if (byAttribute)
            {
                getter = AttributeGetter(a.Required(0, "attribute"), null);
                offset = 1;
            }
            Func<object?, bool> predicate;
            if (a.Positional.Count > offset)
            {
                var name = S(a.Positional[offset]);
                var rest = new CallArgs(name, a.Positional.Skip(offset + 1).ToList(), a.Keywords);
                predicate = x => it.CallTest(name, x, rest);
            }
            else predicate = x => Ops.Truthy(x);
            return items.Where(x => predicate(getter(x)) == keep).ToList();
        }

        public static object? GroupBy(Interpreter it, object? v, CallArgs a)
        {
            var attribute = a.Required(0, "attribute");
            var fallback = a.Get(1, "default");
            var caseSensitive = a.Bool(2, "case_sensitive", false);
            var getter = AttributeGetter(attribute, fallback);
            Func<object?, object?> key = x => caseSensitive ? getter(x) : IgnoreCase(getter(x));
            var sorted = SortBy(Ops.ToList(v), key, false);
            var result = new List<object?>();
            List<object?>? group = null;
            object? groupKey = null;
            foreach (var item in sorted)
            {
                var k = key(item);
                if (group == null || !PyEquality.AreEqual(k, groupKey))
                {
                    group = new List<object?>();
                    groupKey = k;
                    result.Add(group);
                }
                group.Add(item);
            }
            return result.Select(g => (object?)GroupTuples.Create(getter(((List<object?>)g!)[0]), (List<object?>)g!)).ToList();
        }

        public static object? Combine(Interpreter it, object? v, CallArgs a)
        {
            var recursive = a.Bool(-1, "recursive", false);
            var listMerge = a.Str(-1, "list_merge", "replace");
            if (a.Keywords.Any(k => k.Key != "recursive" && k.Key != "list_merge")) throw new TemplateError("'recursive' and 'list_merge' are the only valid " +
                "keyword arguments");
            var terms = Flatten(new[] { v }.Concat(a.Positional), 1, true);
            if (terms.Count == 0) return new PyDict();
            if (terms.Count == 1) return terms[0];
            var dicts = terms.Select(t => Ops.Check(t) as IDictionary<object, object?> ?? throw new TemplateError("failed to combine variables, expected " +
                "dicts but got a '" + Ops.TypeName(t) + "'")).ToList();
            var result = dicts[dicts.Count - 1];
            for (var i = dicts.Count - 2; i >= 0; i--) result = MergeHash(dicts[i], result, recursive, listMerge);
            return result;
        }

        /// <summary>ansible.utils.vars.merge_hash: y wins; dicts merge when recursive; lists per list_merge.</summary>
        private static IDictionary<object, object?> MergeHash(IDictionary<object, object?> x, IDictionary<object, object?> y, bool recursive, string listMerge)
        {
            if (x.Count == 0 || PyEquality.AreEqual(x, y)) return new PyDict(y);
            var result = new PyDict(x);
            if (!recursive && listMerge == "replace")
            {
                foreach (var kv in y) result[kv.Key] = kv.Value;
                return result;
            }
            foreach (var kv in y)
            {
                if (!result.TryGetValue(kv.Key, out var xValue)) { result[kv.Key] = kv.Value; continue; }
                if (xValue is IDictionary<object, object?> xd && kv.Value is IDictionary<object, object?> yd)
                {
                    result[kv.Key] = recursive ? MergeHash(xd, yd, recursive, listMerge) : yd;
                    continue;
                }
                if (xValue is List<object?> xl && kv.Value is List<object?> yl)
                {
                    switch (listMerge)
                    {
                        case "replace": result[kv.Key] = yl; break;
                        case "append": result[kv.Key] = xl.Concat(yl).ToList(); break;
                        case "prepend": result[kv.Key] = yl.Concat(xl).ToList(); break;
                        case "append_rp": result[kv.Key] = xl.Where(z => !yl.Any(w => PyEquality.AreEqual(z, w))).Concat(yl).ToList(); break;
                        case "prepend_rp": result[kv.Key] = yl.Concat(xl.Where(z => !yl.Any(w => PyEquality.AreEqual(z, w)))).ToList(); break;
                        case "keep": break;
                        default: throw new TemplateError("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', " +
                            "'append_rp' or 'prepend_rp'");
                    }
                    continue;
                }
                result[kv.Key] = kv.Value;
            }
            return result;
        }

        private static List<object?> Flatten(IEnumerable<object?> items, int? levels, bool skipNulls)
        {
            var result = new List<object?>();
            foreach (var e in items)
            {
                if (skipNulls && (e == null || (e is string s && (s == "None" || s == "null")))) continue;
                if (e is IList<object?> || e is PyTuple)
                {
                    if (levels == null) result.AddRange(Flatten(Ops.Iterate(e), null, skipNulls));
                    else if (levels >= 1) result.AddRange(Flatten(Ops.Iterate(e), levels - 1, skipNulls));
                    else result.Add(e);
                }
                else result.Add(e);
            }
            return result;
        }

        private static List<object?> Zip(List<object?> sequences, bool longest, object? fill)
        {
            var lists = sequences.Select(Ops.ToList).ToList();
            var n = lists.Count == 0 ? 0 : longest ? lists.Max(l => l.Count) : lists.Min(l => l.Count);
            return Enumerable.Range(0, n).Select(i => (object?)new PyTuple(lists.Select(l => i < l.Count ? l[i] : fill))).ToList();
        }
    }

    /// <summary>groupby's (grouper, list) tuples: plain tuples that also answer .grouper and .list.</summary>
    internal static class GroupTuples
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PyTuple, object> Marked = new System.Runtime.CompilerServices.ConditionalWeakTable<PyTuple, object>();

        public static PyTuple Create(object? grouper, List<object?> list)
        {
            var t = new PyTuple(new[] { grouper, list });
            Marked.Add(t, grouper ?? new object());
            return t;
        }

        public static bool TryGetAttribute(PyTuple t, string name, out object? value)
        {
            value = null;
            if (!Marked.TryGetValue(t, out _) || (name != "grouper" && name != "list")) return false;
            value = name == "grouper" ? t[0] : t[1];
            return true;
        }
    }
}
