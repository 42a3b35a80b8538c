using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Walks a compiled template's tree for one render call. Holds no state shared between renders.</summary>
    internal sealed class Interpreter
    {
        private readonly RenderContext _ctx;
        /// <summary>The template body running at its top level now (null inside macros, blocks and set blocks).</summary>
        private TopLevelRun? _topLevel;
        /// <summary>
        /// Type of the first value printed that was not text since the innermost macro, set block, filter block or
        /// self/super call began: Ansible's native templating yields values unconverted, and only those join them as text.
        /// </summary>
        private string? _nonTextOutput;
        /// <summary>The variables of the template rendering now (Jinja's context): an included template's own, not its includer's.</summary>
        private Frame? _templateFrame;

        public Interpreter(RenderContext context) => _ctx = context;

        /// <summary>One template's top-level run: the parent an extends tag chose, once it ran (Jinja's parent_template).</summary>
        private sealed class TopLevelRun
        {
            public CompiledTemplate? Parent;
        }

        /// <summary>After an extends ran, the top level's own output is dropped: the parent renders the page.</summary>
        private bool Extended => _topLevel?.Parent != null;

        public RenderContext Context => _ctx;

        /// <summary>Renders a whole template (following extends) into <paramref name="output"/>.</summary>
        public void RenderTemplate(CompiledTemplate template, Frame frame, StringBuilder output)
        {
            RegisterBlocks(template);
            var outerFrame = _templateFrame;
            _templateFrame = frame;
            try { RenderChain(template, frame, output); }
            finally { _templateFrame = outerFrame; }
        }

        /// <summary>The template's top level, then each parent an extends chose, all with the same variables.</summary>
        private void RenderChain(CompiledTemplate template, Frame frame, StringBuilder output)
        {
            var current = template;
            var depth = 0;
            while (true)
            {
                var run = new TopLevelRun();
                var outer = _topLevel;
                _topLevel = run;
                try { RunInTemplate(current, current.Body, frame, output); }
                finally { _topLevel = outer; }
                if (run.Parent == null) return;
                if (++depth > RenderContext.MaxCallDepth) throw new TemplateError("maximum recursion depth exceeded (extends chain)");
                current = run.Parent;
            }
        }

        /// <summary>A body that runs apart from the top level (macro, set block): an extends does not silence it.</summary>
        public void ExecDetached(List<Stmt> body, Frame frame, StringBuilder output)
        {
            // CollectNonText's reset without its closure: this runs for every macro call and set block.
            var (outerTopLevel, outerNonText) = (_topLevel, _nonTextOutput);
            _topLevel = null;
            _nonTextOutput = null;
            try { ExecBody(body, frame, output); }
            finally { (_topLevel, _nonTextOutput) = (outerTopLevel, outerNonText); }
        }

        /// <summary>Runs <paramref name="run"/>; returns the type of the first value it printed that was not text, if any.</summary>
        private string? CollectNonText(System.Action run)
        {
            var outer = _nonTextOutput;
            _nonTextOutput = null;
            try
            {
                run();
                return _nonTextOutput;
            }
            finally { _nonTextOutput = outer; }
        }

        /// <summary>Runs <paramref name="body"/> (of <paramref name="template"/>) with errors positioned in that template.</summary>
        private void RunInTemplate(CompiledTemplate template, List<Stmt> body, Frame frame, StringBuilder output)
        {
            var previous = _ctx.Template;
            _ctx.Template = template;
            try { ExecBody(body, frame, output); }
            catch (TemplateError e) { throw template.Environment.Positioned(e, _ctx); }
            catch (System.Exception e) when (!(e is TemplateException))
            {
                // A .NET failure inside a filter or method (a bad cast, an overflow) is still the template's error.
                throw template.Environment.Positioned(new TemplateError(e.GetType().Name + ": " + e.Message), _ctx);
            }
            finally { _ctx.Template = previous; }
        }

        private void RegisterBlocks(CompiledTemplate owner)
        {
            foreach (var block in owner.Blocks)
            {
                if (!_ctx.Blocks.TryGetValue(block.Name, out var chain)) _ctx.Blocks[block.Name] = chain = new List<(BlockStmt, CompiledTemplate)>();
                chain.Add((block, owner));
            }
        }

        /// <summary>Jinja decides at render time: the parent's blocks join the chain and the top level falls silent.</summary>
        private void ExecExtends(ExtendsStmt extends, Frame frame)
        {
            if (_topLevel == null) throw new TemplateError("cannot use extend from a non top-level scope");
            if (_topLevel.Parent != null) throw new TemplateError("extended multiple times");
            var name = Eval(extends.Template, frame);
            _ctx.Position = extends;
            // Jinja's get_template: one name, never select_template's list of candidates.
            if (!(name is string) && !(name is Undefined))
            {
                var hashable = name is PyTuple || !(name is IList<object?> || name is IDictionary<object, object?>);
                throw new TemplateError(hashable ? "'" + Ops.TypeName(name) + "' object has no attribute 'split'" : "unhashable type: '" + Ops.TypeName(name)
                    + "'");
            }
            var parent = Load(name, extends)!;
            RegisterBlocks(parent);
            _topLevel.Parent = parent;
        }

        public void ExecBody(List<Stmt> body, Frame frame, StringBuilder output)
        {
            foreach (var stmt in body) Exec(stmt, frame, output);
        }

        private static void EnsureStack()
        {
            try { System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); }
            catch (System.InsufficientExecutionStackException) { throw new TemplateError("template nesting too deep for the stack"); }
        }

        private void Exec(Stmt stmt, Frame frame, StringBuilder output)
        {
            EnsureStack();
            _ctx.Step();
            _ctx.Position = stmt;
            switch (stmt)
            {
                case TextStmt text:
                    if (!Extended) output.Append(text.Text);
                    break;
                case OutputStmt o:
                    if (Extended) break;
                    var value = Eval(o.Value, frame);
                    _ctx.Position = o.Value;
                    if (value is Undefined u && !u.Lenient) throw new TemplateError(u.Message, u);
                    if (value != null) output.Append(Ops.Output(value));
                    if (value != null && !(value is string)) _nonTextOutput ??= Ops.TypeName(value);
                    if (output.Length > Ops.MaxStringLength) throw new TemplateError("rendered output too long");
                    break;
                case IfStmt ifs:
                    foreach (var branch in ifs.Branches)
                    {
                        if (!Truthy(branch.Key, frame)) continue;
                        ExecBody(branch.Value, frame, output);
                        return;
                    }
                    if (ifs.Otherwise != null) ExecBody(ifs.Otherwise, frame, output);
                    break;
                case ForStmt fs:
                    ExecFor(fs, Eval(fs.Iterable, frame), frame, output, 0);
                    break;
                case SetStmt set:
                    Assign(set.Target, Eval(set.Value, frame), frame);
                    break;
                case SetBlockStmt setBlock:
                    var captured = new StringBuilder();
                    ExecDetached(setBlock.Body, new Frame(frame), captured);
                    object? result = captured.ToString();
                    if (setBlock.Filters.Count > 0) result = EvalFilter(setBlock.Filters[setBlock.Filters.Count - 1], frame, result);
                    Assign(setBlock.Target, result, frame);
                    break;
                case MacroStmt macro:
                    frame.Set(macro.Name, new Macro(this, macro.Name, macro.Parameters, macro.Body, frame, _ctx.Template));
                    break;
                case CallBlockStmt call:
                    ExecCallBlock(call, frame, output);
                    break;
                case FilterBlockStmt fb:
                    ExecFilterBlock(fb, frame, output);
                    break;
                case IncludeStmt include:
                    ExecInclude(include, frame, output);
                    break;
                case ImportStmt import:
                    ExecImport(import, frame);
                    break;
                case BlockStmt block:
                    if (block.TopLevel && Extended) break;
                    if (block.Required && _ctx.Blocks[block.Name].Count <= 1) throw new TemplateError("Required block " + PyRepr.Repr(block.Name)
                        + " not found");
                    RenderBlock(block.Name, 0, block.Scoped ? frame : _templateFrame!, output);
                    break;
                case WithStmt with:
                    var inner = new Frame(frame);
                    foreach (var a in with.Assignments) Assign(a.Key, Eval(a.Value, frame), inner);
                    ExecBody(with.Body, inner, output);
                    break;
                case ExtendsStmt extends:
                    ExecExtends(extends, frame);
                    break;
                default:
                    throw new TemplateError("unsupported statement " + stmt.GetType().Name);
            }
        }

        // Apart from Exec: its lambda captures frame, and Exec would allocate that closure for every statement.
        private void ExecFilterBlock(FilterBlockStmt fb, Frame frame, StringBuilder output)
        {
            var body = new StringBuilder();
            CollectNonText(() => ExecBody(fb.Body, new Frame(frame), body));
            output.Append(Ops.Str(EvalFilter(fb.Filters[fb.Filters.Count - 1], frame, body.ToString())));
        }

        private bool Truthy(Expr expr, Frame frame)
        {
            var value = Eval(expr, frame);
            _ctx.Position = expr;
            return Ops.Truthy(value);
        }

        private void ExecFor(ForStmt fs, object? iterable, Frame frame, StringBuilder output, int depth)
        {
            _ctx.Position = fs.Iterable;
            // A list is walked live, by index, as Python's list iterator does: items the body appends are visited too.
            var items = iterable is List<object?> live && fs.Filter == null ? live : Ops.Iterate(iterable).ToList();
            if (fs.Filter != null)
            {
                items = items.Where(item =>
                {
                    var test = new Frame(frame);
                    Assign(fs.Target, item, test);
                    return Truthy(fs.Filter, test);
                }).ToList();
            }
            if (items.Count == 0)
            {
                if (fs.Otherwise != null) ExecBody(fs.Otherwise, frame, output);
                return;
            }
            System.Func<object?, int, string>? recurse = null;
            if (fs.Recursive)
            {
                recurse = (children, childDepth) =>
                {
                    _ctx.EnterCall("loop");
                    try
                    {
                        var sb = new StringBuilder();
                        ExecFor(fs, children, frame, sb, childDepth);
                        return sb.ToString();
                    }
                    finally { _ctx.ExitCall(); }
                };
            }
            var loop = new LoopContext(items, depth, recurse);
            for (var i = 0; i < items.Count; i++)
            {
                _ctx.Step();
                loop.Index0 = i;
                var body = new Frame(frame);
                body.Set("loop", loop);
                Assign(fs.Target, items[i], body);
                ExecBody(fs.Body, body, output);
            }
        }

        private void Assign(Expr target, object? value, Frame frame)
        {
            switch (target)
            {
                case NameExpr name:
                    frame.Set(name.Name, value);
                    break;
                case TupleExpr tuple:
                    _ctx.Position = target;
                    var values = Ops.Iterate(value).ToList();
                    if (values.Count > tuple.Items.Count) throw new TemplateError("too many values to unpack (expected " + tuple.Items.Count + ")");
                    if (values.Count < tuple.Items.Count) throw new TemplateError("not enough values to unpack (expected " + tuple.Items.Count + ", got "
                        + values.Count + ")");
                    for (var i = 0; i < values.Count; i++) Assign(tuple.Items[i], values[i], frame);
                    break;
                case GetAttrExpr attr when attr.Target is NameExpr ns:
                    _ctx.Position = target;
                    if (!frame.TryGet(ns.Name, out var obj) || !(obj is Namespace space)) throw new TemplateError("cannot assign attribute on non-namespace " +
                        "object");
                    space.Attributes[attr.Attribute] = value;
                    break;
                default:
                    throw new TemplateError("can't assign to " + target.GetType().Name);
            }
        }

        private void ExecCallBlock(CallBlockStmt call, Frame frame, StringBuilder output)
        {
            var caller = new Macro(this, "caller", call.Parameters, call.Body, frame, _ctx.Template);
            var target = Eval(call.Call.Target, frame);
            var (args, kwargs) = EvalArguments(call.Call.Args, frame);
            _ctx.Position = call.Call;
            if (target is Macro macro) output.Append(macro.Invoke(_ctx, args, kwargs, caller));
            else
            {
                kwargs.Add(new KeyValuePair<string, object?>("caller", caller));
                output.Append(Ops.Str(Ops.Call(_ctx, target, args, kwargs)));
            }
        }

        private CompiledTemplate? Load(object? name, Node node, bool ignoreMissing = false)
        {
            _ctx.Position = node;
            var names = name is string || name is Undefined ? new List<object?> { name } : Ops.Iterate(name).ToList();
            foreach (var candidate in names)
            {
                var path = Ops.Str(candidate);
                var found = _ctx.Environment.TryLoad(path, out var template);
                if (found) return template;
            }
            if (ignoreMissing) return null;
            var where = _ctx.Environment.LoaderRoot == null ? " (no template directory configured)" : " (looked below " + _ctx.Environment.LoaderRoot
                + "; names are relative to it and may not leave it)";
            throw new TemplateError((names.Count == 1 ? "template not found: " + Ops.Str(names[0]) : "templates not found: "
                + string.Join(", ", names.Select(Ops.Str))) + where);
        }

        private void ExecInclude(IncludeStmt include, Frame frame, StringBuilder output)
        {
            var template = Load(Eval(include.Template, frame), include, include.IgnoreMissing);
            if (template == null) return;
            _ctx.EnterCall("include");
            var blocks = new Dictionary<string, List<(BlockStmt, CompiledTemplate)>>(_ctx.Blocks);
            _ctx.Blocks.Clear();
            try
            {
                var scope = include.WithContext ? new Frame(frame) : new Frame(_ctx.Environment.GlobalsFrame());
                // Jinja passes the includer's variables but not its loop object.
                if (include.WithContext) scope.Set("loop", new Undefined("'loop' is undefined", "loop"));
                RenderTemplate(template, scope, output);
            }
            finally
            {
                _ctx.Blocks.Clear();
                foreach (var kv in blocks) _ctx.Blocks[kv.Key] = kv.Value;
                _ctx.ExitCall();
            }
        }

        private void ExecImport(ImportStmt import, Frame frame)
        {
            var template = Load(Eval(import.Template, frame), import)!;
            _ctx.EnterCall("import");
            var blocks = new Dictionary<string, List<(BlockStmt, CompiledTemplate)>>(_ctx.Blocks);
            _ctx.Blocks.Clear();
            Frame moduleFrame;
            try
            {
                moduleFrame = new Frame(import.WithContext ? frame : _ctx.Environment.GlobalsFrame());
                RenderTemplate(template, moduleFrame, new StringBuilder());
            }
            finally
            {
                _ctx.Blocks.Clear();
                foreach (var kv in blocks) _ctx.Blocks[kv.Key] = kv.Value;
                _ctx.ExitCall();
            }
            var module = new TemplateModule(template.Name, moduleFrame.Locals);
            if (import.Alias != null)
            {
                frame.Set(import.Alias, module);
                return;
            }
            foreach (var pair in import.Names!)
            {
                frame.Set(pair.Value, module.TryGetAttribute(pair.Key, out var value) ? value
                    : new Undefined("the template " + PyRepr.Repr(template.Name) + " (imported on line " + import.Line + ") does not export the requested name "
                        + PyRepr.Repr(pair.Key), pair.Key));
            }
        }

        /// <summary>
        /// The block's <paramref name="level"/>-th implementation (0 the most derived) with the variables of
        /// <paramref name="context"/>: the top level's, or the caller's locals for a scoped block.
        /// </summary>
        public void RenderBlock(string name, int level, Frame context, StringBuilder output)
        {
            if (!_ctx.Blocks.TryGetValue(name, out var chain) || level >= chain.Count) throw new TemplateError("no block named " + PyRepr.Repr(name));
            var (block, owner) = chain[level];
            var scope = new Frame(context);
            scope.Set("self", new TemplateReference(this, context));
            scope.Set("super", SuperOf(name, level, context));
            _ctx.EnterCall("block");
            var outer = _topLevel;
            _topLevel = null;
            try { RunInTemplate(owner, block.Body, scope, output); }
            finally
            {
                _topLevel = outer;
                _ctx.ExitCall();
            }
        }

        /// <summary>
        /// A block rendered to a string for self.name() or super(): Jinja joins its output with a plain str.join, which
        /// under Ansible's native environment fails on any value that is not text.
        /// </summary>
        public string RenderBlockText(string name, int level, Frame context)
        {
            var output = new StringBuilder();
            var nonText = CollectNonText(() => RenderBlock(name, level, context, output));
            if (nonText != null) throw new TemplateError("sequence item: expected str instance, " + nonText + " found (block " + PyRepr.Repr(name)
                + " printed a value that is not text; Ansible cannot join it for self." + name + "() or super())");
            return output.ToString();
        }

        /// <summary>The next implementation up the extends chain, as super() and self.name.super() call it.</summary>
        public object SuperOf(string name, int level, Frame context) =>
            level + 1 < _ctx.Blocks[name].Count ? new BlockReference(this, name, level + 1, context)
                : new Undefined("there is no parent block called " + PyRepr.Repr(name) + ".", "super");

        public bool HasBlock(string name) => _ctx.Blocks.ContainsKey(name);


        // ---- expressions ----

        public object? Eval(Expr expr, Frame frame)
        {
            EnsureStack();
            switch (expr)
            {
                case ConstExpr c:
                    return c.Value;
                case NameExpr n:
                    // Jinja's self is the template's blocks: the template may rebind the name, a variable of that name may not.
                    if (n.Name == "self") return frame.TryGetAssigned(n.Name, out var own) ? own : new TemplateReference(this, _templateFrame!);
                    if (frame.TryGet(n.Name, out var value)) return value;
                    return new UndefinedName(n, frame, _ctx.Template);
                case GetAttrExpr ga:
                    var obj = Eval(ga.Target, frame);
                    _ctx.Position = ga;
                    return Ops.GetAttr(obj, ga.Attribute);
                case GetItemExpr gi:
                    var container = Eval(gi.Target, frame);
                    var key = Eval(gi.Key, frame);
                    _ctx.Position = gi;
                    return Ops.GetItem(container, key);
                case SliceExpr s:
                    return new PySlice(s.Start == null ? null : Eval(s.Start, frame), s.Stop == null ? null : Eval(s.Stop, frame),
                        s.Step == null ? null : Eval(s.Step, frame));
                case TupleExpr t:
                    return new PyTuple(EvalItems(t.Items, frame));
                case ListExpr l:
                    return EvalItems(l.Items, frame);
                case DictExpr d:
                    var dict = new PyDict();
                    foreach (var kv in d.Items)
                    {
                        var k = Eval(kv.Key, frame);
                        _ctx.Position = kv.Key;
                        Ops.Check(k);
                        if (k == null || k is IList<object?> || k is IDictionary<object, object?>) throw new TemplateError("unhashable type: '"
                            + Ops.TypeName(k) + "'");
                        dict[k] = Eval(kv.Value, frame);
                    }
                    return dict;
                case BinaryExpr b:
                    var left = Eval(b.Left, frame);
                    var right = Eval(b.Right, frame);
                    _ctx.Position = b;
                    return Ops.Binary(b.Op, left, right);
                case LogicalExpr lg:
                    var lv = Eval(lg.Left, frame);
                    _ctx.Position = lg.Left;
                    var lt = Ops.Truthy(lv);
                    if (lg.IsAnd ? !lt : lt) return lv;
                    return Eval(lg.Right, frame);
                case UnaryExpr u:
                    var operand = Eval(u.Operand, frame);
                    _ctx.Position = u;
                    return u.Op switch
                    {
                        "not" => !Ops.Truthy(operand),
                        "-" => Ops.Negate(operand),
                        _ => Ops.Plus(operand),
                    };
                case CompareExpr cmp:
                    return EvalCompare(cmp, frame);
                case CondExpr ce:
                    if (Truthy(ce.Test, frame)) return Eval(ce.Then, frame);
                    if (ce.Otherwise != null) return Eval(ce.Otherwise, frame);
                    return new Undefined("the inline if-expression on line " + ce.Line + " evaluated to false and no else section was defined.", null,
                        lenient: true);
                case FilterExpr f:
                    return EvalFilter(f, frame, null);
                case TestExpr test:
                    return EvalTest(test, frame);
                case CallExpr call:
                    var target = Eval(call.Target, frame);
                    var (args, kwargs) = EvalArguments(call.Args, frame);
                    _ctx.Position = call;
                    if (target is Macro) return Ops.Call(_ctx, target, args, kwargs);
                    try { return Ops.Call(_ctx, target, args, kwargs); }
                    catch (System.Exception e) when (IsForeign(e)) { throw new TemplateError(e.Message); }
            }
            throw new TemplateError("unsupported expression " + expr.GetType().Name);
        }

        // A loop, not a lambda: a lambda capturing frame would make Eval allocate its closure on every call.
        private List<object?> EvalItems(List<Expr> items, Frame frame)
        {
            var values = new List<object?>(items.Count);
            foreach (var item in items) values.Add(Eval(item, frame));
            return values;
        }

        private object EvalCompare(CompareExpr cmp, Frame frame)
        {
            var left = Eval(cmp.First, frame);
            foreach (var pair in cmp.Rest)
            {
                var right = Eval(pair.Value, frame);
                _ctx.Position = cmp;
                bool ok = pair.Key switch
                {
                    "==" => Ops.Equal(left, right),
                    "!=" => !Ops.Equal(left, right),
                    "<" => Ops.Compare(left, right, "<") < 0,
                    "<=" => Ops.Compare(left, right, "<=") <= 0,
                    ">" => Ops.Compare(left, right, ">") > 0,
                    ">=" => Ops.Compare(left, right, ">=") >= 0,
                    "in" => Ops.Contains(right, left),
                    _ => !Ops.Contains(right, left),
                };
                if (!ok) return false;
                left = right;
            }
            return true;
        }

        public (List<object?> Args, List<KeyValuePair<string, object?>> Kwargs) EvalArguments(Arguments arguments, Frame frame)
        {
            var args = new List<object?>(arguments.Positional.Count);
            foreach (var a in arguments.Positional) args.Add(Eval(a, frame));
            var kwargs = new List<KeyValuePair<string, object?>>(arguments.Keywords.Count);
            foreach (var k in arguments.Keywords) kwargs.Add(new KeyValuePair<string, object?>(k.Key, Eval(k.Value, frame)));
            if (arguments.StarArgs != null) args.AddRange(Ops.Iterate(Eval(arguments.StarArgs, frame)));
            if (arguments.StarKwargs != null)
            {
                var extra = Ops.Check(Eval(arguments.StarKwargs, frame)) as IDictionary<object, object?> ?? throw new TemplateError("argument after ** must " +
                    "be a mapping");
                foreach (var kv in extra) kwargs.Add(new KeyValuePair<string, object?>(Ops.Str(kv.Key), kv.Value));
            }
            return (args, kwargs);
        }

        private object? EvalFilter(FilterExpr f, Frame frame, object? input)
        {
            var value = f.Target == null ? input : f.Target is FilterExpr inner ? EvalFilter(inner, frame, input) : Eval(f.Target, frame);
            var (args, kwargs) = EvalArguments(f.Args, frame);
            _ctx.Position = f;
            return ApplyFilter(f.Name, f.Function, f.AcceptsUndefined, value, new CallArgs(f.Name, args, kwargs));
        }

        private object? EvalTest(TestExpr t, Frame frame)
        {
            var value = Eval(t.Target, frame);
            var (args, kwargs) = EvalArguments(t.Args, frame);
            _ctx.Position = t;
            if (!Tests.TryGetRawResult(t.Name, out var raw)) return ApplyTest(t.Name, t.Function, value, new CallArgs(t.Name, args, kwargs));
            try { return raw(value); }
            catch (System.Exception e) when (IsForeign(e)) { throw new TemplateError(e.Message); }
        }

        public bool CallTest(string name, object? value, CallArgs args) =>
            ApplyTest(name, Tests.TryGet(name, out var test) ? test : null, value, args);

        public object? CallFilter(string name, object? value, CallArgs args) =>
            ApplyFilter(name, Filters.TryGet(name, out var filter) ? filter : null, Filters.AcceptsUndefined(name), value, args);

        private object? ApplyFilter(string name, FilterFunction? filter, bool acceptsUndefined, object? value, CallArgs args)
        {
            if (filter == null) throw new TemplateError("No filter named '" + name + "'.");
            if (value is Undefined u && !acceptsUndefined) throw new TemplateError(u.Message, u);
            try { return filter(this, value, args); }
            catch (System.Exception e) when (IsForeign(e)) { throw new TemplateError(e.Message); }
        }

        private static bool ApplyTest(string name, TestFunction? test, object? value, CallArgs args)
        {
            if (test == null) throw new TemplateError("No test named '" + name + "'.");
            try { return test(value, args); }
            catch (System.Exception e) when (IsForeign(e)) { throw new TemplateError(e.Message); }
        }

        /// <summary>
        /// A .NET failure inside a filter, test or method (bad format, bad base64, …), reported as a template error;
        /// the engine's own errors and stack exhaustion pass through.
        /// </summary>
        private static bool IsForeign(System.Exception e) =>
            !(e is TemplateError) && !(e is TemplateException) && !(e is System.InsufficientExecutionStackException);
    }

    /// <summary>An undefined top-level name; remembers where it was read, for position and did-you-mean.</summary>
    internal sealed class UndefinedName : Undefined
    {
        public UndefinedName(NameExpr node, Frame frame, CompiledTemplate template) : base("'" + node.Name + "' is undefined", node.Name)
        {
            Node = node;
            Frame = frame;
            Template = template;
        }

        public NameExpr Node { get; }
        public Frame Frame { get; }
        public CompiledTemplate Template { get; }
    }
}
