using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Templating
{
    /// <summary>Static facts about a template tree: blocks, names read, free variables, filters and tests used.</summary>
    internal static class Analysis
    {
        public static IEnumerable<Node> Children(Node node)
        {
            switch (node)
            {
                case TupleExpr t: return t.Items;
                case ListExpr l: return l.Items;
                case DictExpr d: return d.Items.SelectMany(kv => new Node[] { kv.Key, kv.Value });
                case GetAttrExpr ga: return new Node[] { ga.Target };
                case GetItemExpr gi: return new Node[] { gi.Target, gi.Key };
                case SliceExpr s: return new Node?[] { s.Start, s.Stop, s.Step }.Where(n => n != null)!;
                case BinaryExpr b: return new Node[] { b.Left, b.Right };
                case LogicalExpr lg: return new Node[] { lg.Left, lg.Right };
                case UnaryExpr u: return new Node[] { u.Operand };
                case CompareExpr c: return new Node[] { c.First }.Concat(c.Rest.Select(r => r.Value));
                case CondExpr ce: return new Node?[] { ce.Test, ce.Then, ce.Otherwise }.Where(n => n != null)!;
                case FilterExpr f: return (f.Target != null ? new Node[] { f.Target } : new Node[0]).Concat(f.Args.All());
                case TestExpr te: return new Node[] { te.Target }.Concat(te.Args.All());
                case CallExpr call: return new Node[] { call.Target }.Concat(call.Args.All());
                case OutputStmt o: return new Node[] { o.Value };
                case IfStmt i: return i.Branches.SelectMany(b => new Node[] { b.Key }.Concat(b.Value)).Concat(i.Otherwise ?? new List<Stmt>());
                case ForStmt fs:
                    return new Node?[] { fs.Target, fs.Iterable, fs.Filter }.Where(n => n != null)!.Concat(fs.Body).Concat(fs.Otherwise ?? new List<Stmt>())!;
                case SetStmt set: return new Node[] { set.Target, set.Value };
                case SetBlockStmt sb: return new Node[] { sb.Target }.Concat(sb.Filters.Count > 0 ? new Node[] { sb.Filters.Last() }
                    : new Node[0]).Concat(sb.Body);
                case MacroStmt m: return m.Parameters.Where(p => p.Default != null).Select(p => (Node)p.Default!).Concat(m.Body);
                case CallBlockStmt cb: return new Node[] { cb.Call }.Concat(cb.Parameters.Where(p => p.Default != null).Select(p => (Node)p.Default!)).Concat(cb.Body);
                case FilterBlockStmt fb: return new Node[] { fb.Filters.Last() }.Concat(fb.Body);
                case IncludeStmt inc: return new Node[] { inc.Template };
                case ImportStmt imp: return new Node[] { imp.Template };
                case ExtendsStmt ext: return new Node[] { ext.Template };
                case BlockStmt bl: return bl.Body;
                case WithStmt w: return w.Assignments.SelectMany(a => new Node[] { a.Key, a.Value }).Concat(w.Body);
                default: return new Node[0];
            }
        }

        public static IEnumerable<Node> Descendants(IEnumerable<Node> roots)
        {
            var stack = new Stack<Node>(roots.Reverse());
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                yield return node;
                foreach (var child in Children(node).Reverse()) stack.Push(child);
            }
        }

        public static HashSet<string> NamesRead(IEnumerable<Stmt> body) => new HashSet<string>(Descendants(body).OfType<NameExpr>().Select(n => n.Name));

        /// <summary>
        /// Names read from the caller's variables: not assigned earlier in scope (set, for targets, macro
        /// parameters, imports, with) and not a global like range.
        /// </summary>
        public static SortedSet<string> FreeVariables(IEnumerable<Stmt> body, ICollection<string> globals)
        {
            var free = new SortedSet<string>(System.StringComparer.Ordinal);
            // self is the template's own blocks (Jinja's TemplateReference), never a caller's variable.
            Walk(body, new HashSet<string>(globals) { "self" }, free);
            return free;
        }

        private static void Walk(IEnumerable<Stmt> body, HashSet<string> declared, SortedSet<string> free)
        {
            foreach (var stmt in body) WalkStmt(stmt, declared, free);
        }

        private static void Read(Node? node, HashSet<string> declared, SortedSet<string> free)
        {
            if (node == null) return;
            foreach (var n in Descendants(new[] { node }).OfType<NameExpr>()) if (!declared.Contains(n.Name)) free.Add(n.Name);
        }

        private static void Declare(Expr target, HashSet<string> declared)
        {
            if (target is NameExpr n) declared.Add(n.Name);
            else if (target is TupleExpr t) foreach (var i in t.Items) Declare(i, declared);
        }

        private static void WalkStmt(Stmt stmt, HashSet<string> declared, SortedSet<string> free)
        {
            switch (stmt)
            {
                case IfStmt i:
                    foreach (var b in i.Branches)
                    {
                        Read(b.Key, declared, free);
                        Walk(b.Value, declared, free);
                    }
                    if (i.Otherwise != null) Walk(i.Otherwise, declared, free);
                    break;
                case ForStmt fs:
                    Read(fs.Iterable, declared, free);
                    var inner = new HashSet<string>(declared) { "loop" };
                    Declare(fs.Target, inner);
                    Read(fs.Filter, inner, free);
                    Walk(fs.Body, inner, free);
                    if (fs.Otherwise != null) Walk(fs.Otherwise, new HashSet<string>(declared), free);
                    break;
                case SetStmt set:
                    Read(set.Value, declared, free);
                    if (set.Target is GetAttrExpr ns) Read(ns.Target, declared, free);
                    Declare(set.Target, declared);
                    break;
                case SetBlockStmt sb:
                    Walk(sb.Body, new HashSet<string>(declared), free);
                    if (sb.Filters.Count > 0) Read(sb.Filters.Last(), declared, free);
                    Declare(sb.Target, declared);
                    break;
                case MacroStmt m:
                    declared.Add(m.Name);
                    WalkCallable(m.Parameters, m.Body, declared, free);
                    break;
                case CallBlockStmt cb:
                    Read(cb.Call, declared, free);
                    WalkCallable(cb.Parameters, cb.Body, declared, free);
                    break;
                case FilterBlockStmt fb:
                    Read(fb.Filters.Last(), declared, free);
                    Walk(fb.Body, new HashSet<string>(declared), free);
                    break;
                case ImportStmt imp:
                    Read(imp.Template, declared, free);
                    if (imp.Alias != null) declared.Add(imp.Alias);
                    else foreach (var n in imp.Names!) declared.Add(n.Value);
                    break;
                case WithStmt w:
                    var scope = new HashSet<string>(declared);
                    foreach (var a in w.Assignments)
                    {
                        Read(a.Value, declared, free);
                        Declare(a.Key, scope);
                    }
                    Walk(w.Body, scope, free);
                    break;
                case BlockStmt bl:
                    Walk(bl.Body, new HashSet<string>(declared) { "super" }, free);
                    break;
                default:
                    foreach (var child in Children(stmt)) Read(child, declared, free);
                    break;
            }
        }

        private static void WalkCallable(List<MacroParameter> parameters, List<Stmt> body, HashSet<string> declared, SortedSet<string> free)
        {
            var scope = new HashSet<string>(declared) { "varargs", "kwargs", "caller" };
            foreach (var p in parameters)
            {
                Read(p.Default, scope, free);
                scope.Add(p.Name);
            }
            Walk(body, scope, free);
        }
    }
}
