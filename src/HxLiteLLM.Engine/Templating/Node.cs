using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
    /// <summary>A node of the template tree; position is the 1-based line and column of its first token.</summary>
    internal abstract class Node
    {
        protected Node(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }

    internal abstract class Expr : Node
    {
        protected Expr(int line, int column) : base(line, column) { }
    }

    internal abstract class Stmt : Node
    {
        protected Stmt(int line, int column) : base(line, column) { }
    }

    // ---- expressions ----

    internal sealed class ConstExpr : Expr
    {
        public ConstExpr(object? value, int line, int column) : base(line, column) => Value = value;
        public object? Value { get; }
    }

    internal sealed class NameExpr : Expr
    {
        public NameExpr(string name, int line, int column) : base(line, column) => Name = name;
        public string Name { get; }
    }

    internal sealed class TupleExpr : Expr
    {
        public TupleExpr(List<Expr> items, int line, int column) : base(line, column) => Items = items;
        public List<Expr> Items { get; }
    }

    internal sealed class ListExpr : Expr
    {
        public ListExpr(List<Expr> items, int line, int column) : base(line, column) => Items = items;
        public List<Expr> Items { get; }
    }

    internal sealed class DictExpr : Expr
    {
        public DictExpr(List<KeyValuePair<Expr, Expr>> items, int line, int column) : base(line, column) => Items = items;
        public List<KeyValuePair<Expr, Expr>> Items { get; }
    }

    internal sealed class GetAttrExpr : Expr
    {
        public GetAttrExpr(Expr target, string attribute, int line, int column) : base(line, column)
        {
            Target = target;
            Attribute = attribute;
        }

        public Expr Target { get; }
        public string Attribute { get; }
    }

    internal sealed class GetItemExpr : Expr
    {
        public GetItemExpr(Expr target, Expr key, int line, int column) : base(line, column)
        {
            Target = target;
            Key = key;
        }

        public Expr Target { get; }
        public Expr Key { get; }
    }

    internal sealed class SliceExpr : Expr
    {
        public SliceExpr(Expr? start, Expr? stop, Expr? step, int line, int column) : base(line, column)
        {
            Start = start;
            Stop = stop;
            Step = step;
        }

        public Expr? Start { get; }
        public Expr? Stop { get; }
        public Expr? Step { get; }
    }

    /// <summary>Arithmetic and <c>~</c>: op is one of + - * / // % ** ~.</summary>
    internal sealed class BinaryExpr : Expr
    {
        public BinaryExpr(string op, Expr left, Expr right, int line, int column) : base(line, column)
        {
            Op = op;
            Left = left;
            Right = right;
        }

        public string Op { get; }
        public Expr Left { get; }
        public Expr Right { get; }
    }

    /// <summary>and / or, short-circuit, returning an operand as Python does.</summary>
    internal sealed class LogicalExpr : Expr
    {
        public LogicalExpr(bool isAnd, Expr left, Expr right, int line, int column) : base(line, column)
        {
            IsAnd = isAnd;
            Left = left;
            Right = right;
        }

        public bool IsAnd { get; }
        public Expr Left { get; }
        public Expr Right { get; }
    }

    /// <summary>not, unary minus and plus.</summary>
    internal sealed class UnaryExpr : Expr
    {
        public UnaryExpr(string op, Expr operand, int line, int column) : base(line, column)
        {
            Op = op;
            Operand = operand;
        }

        public string Op { get; }
        public Expr Operand { get; }
    }

    /// <summary>A chained comparison <c>a &lt; b &lt;= c</c>; ops are eq ne lt lteq gt gteq in notin.</summary>
    internal sealed class CompareExpr : Expr
    {
        public CompareExpr(Expr first, List<KeyValuePair<string, Expr>> rest, int line, int column) : base(line, column)
        {
            First = first;
            Rest = rest;
        }

        public Expr First { get; }
        public List<KeyValuePair<string, Expr>> Rest { get; }
    }

    internal sealed class CondExpr : Expr
    {
        public CondExpr(Expr test, Expr then, Expr? otherwise, int line, int column) : base(line, column)
        {
            Test = test;
            Then = then;
            Otherwise = otherwise;
        }

        public Expr Test { get; }
        public Expr Then { get; }
        public Expr? Otherwise { get; }
    }

    /// <summary>Positional and keyword arguments of a call, filter or test.</summary>
    internal sealed class Arguments
    {
        public static readonly Arguments None = new Arguments(new List<Expr>(), new List<KeyValuePair<string, Expr>>(), null, null);

        public Arguments(List<Expr> positional, List<KeyValuePair<string, Expr>> keywords, Expr? starArgs, Expr? starKwargs)
        {
            Positional = positional;
            Keywords = keywords;
            StarArgs = starArgs;
            StarKwargs = starKwargs;
        }

        public List<Expr> Positional { get; }
        public List<KeyValuePair<string, Expr>> Keywords { get; }
        public Expr? StarArgs { get; }
        public Expr? StarKwargs { get; }

        public IEnumerable<Expr> All()
        {
            foreach (var p in Positional) yield return p;
            foreach (var k in Keywords) yield return k.Value;
            if (StarArgs != null) yield return StarArgs;
            if (StarKwargs != null) yield return StarKwargs;
        }
    }

    /// <summary><c>value | name(args)</c>; Target is null inside a filter block.</summary>
    internal sealed class FilterExpr : Expr
    {
        public FilterExpr(Expr? target, string name, Arguments args, int line, int column) : base(line, column)
        {
            Target = target;
            Name = name;
            Args = args;
            Function = Filters.TryGet(name, out var function) ? function : null;
            AcceptsUndefined = Filters.AcceptsUndefined(name);
        }

        public Expr? Target { get; }
        public string Name { get; }
        public Arguments Args { get; }
        /// <summary>The filter, looked up once when parsed; null when there is none of that name.</summary>
        public FilterFunction? Function { get; }
        public bool AcceptsUndefined { get; }
    }

    internal sealed class TestExpr : Expr
    {
        public TestExpr(Expr target, string name, Arguments args, int line, int column) : base(line, column)
        {
            Target = target;
            Name = name;
            Args = args;
            Function = Tests.TryGet(name, out var function) ? function : null;
        }

        public Expr Target { get; }
        public string Name { get; }
        public Arguments Args { get; }
        /// <summary>The test, looked up once when parsed; null when there is none of that name.</summary>
        public TestFunction? Function { get; }
    }

    internal sealed class CallExpr : Expr
    {
        public CallExpr(Expr target, Arguments args, int line, int column) : base(line, column)
        {
            Target = target;
            Args = args;
        }

        public Expr Target { get; }
        public Arguments Args { get; }
    }

    // ---- statements ----

    internal sealed class TextStmt : Stmt
    {
        public TextStmt(string text, int line, int column) : base(line, column) => Text = text;
        public string Text { get; }
    }

    internal sealed class OutputStmt : Stmt
    {
        public OutputStmt(Expr value, int line, int column) : base(line, column) => Value = value;
        public Expr Value { get; }
    }

    internal sealed class IfStmt : Stmt
    {
        public IfStmt(List<KeyValuePair<Expr, List<Stmt>>> branches, List<Stmt>? otherwise, int line, int column) : base(line, column)
        {
            Branches = branches;
            Otherwise = otherwise;
        }

        public List<KeyValuePair<Expr, List<Stmt>>> Branches { get; }
        public List<Stmt>? Otherwise { get; }
    }

    internal sealed class ForStmt : Stmt
    {
        public ForStmt(Expr target, Expr iterable, List<Stmt> body, List<Stmt>? otherwise, Expr? filter, bool recursive, int line, int column)
            : base(line, column)
        {
            Target = target;
            Iterable = iterable;
            Body = body;
            Otherwise = otherwise;
            Filter = filter;
            Recursive = recursive;
        }

        public Expr Target { get; }
        public Expr Iterable { get; }
        public List<Stmt> Body { get; }
        public List<Stmt>? Otherwise { get; }
        public Expr? Filter { get; }
        public bool Recursive { get; }
    }

    /// <summary><c>{% set target = value %}</c>; target is a name, a tuple of names or <c>ns.attr</c>.</summary>
    internal sealed class SetStmt : Stmt
    {
        public SetStmt(Expr target, Expr value, int line, int column) : base(line, column)
        {
            Target = target;
            Value = value;
        }

        public Expr Target { get; }
        public Expr Value { get; }
    }

    internal sealed class SetBlockStmt : Stmt
    {
        public SetBlockStmt(Expr target, List<FilterExpr> filters, List<Stmt> body, int line, int column) : base(line, column)
        {
            Target = target;
            Filters = filters;
            Body = body;
        }

        public Expr Target { get; }
        public List<FilterExpr> Filters { get; }
        public List<Stmt> Body { get; }
    }

    internal sealed class MacroParameter
    {
        public MacroParameter(string name, Expr? defaultValue)
        {
            Name = name;
            Default = defaultValue;
        }

        public string Name { get; }
        public Expr? Default { get; }
    }

    internal sealed class MacroStmt : Stmt
    {
        public MacroStmt(string name, List<MacroParameter> parameters, List<Stmt> body, int line, int column) : base(line, column)
        {
            Name = name;
            Parameters = parameters;
            Body = body;
        }

        public string Name { get; }
        public List<MacroParameter> Parameters { get; }
        public List<Stmt> Body { get; }
    }

    internal sealed class CallBlockStmt : Stmt
    {
        public CallBlockStmt(CallExpr call, List<MacroParameter> parameters, List<Stmt> body, int line, int column) : base(line, column)
        {
            Call = call;
            Parameters = parameters;
            Body = body;
        }

        public CallExpr Call { get; }
        public List<MacroParameter> Parameters { get; }
        public List<Stmt> Body { get; }
    }

    internal sealed class FilterBlockStmt : Stmt
    {
        public FilterBlockStmt(List<FilterExpr> filters, List<Stmt> body, int line, int column) : base(line, column)
        {
            Filters = filters;
            Body = body;
        }

        public List<FilterExpr> Filters { get; }
        public List<Stmt> Body { get; }
    }

    internal sealed class IncludeStmt : Stmt
    {
        public IncludeStmt(Expr template, bool ignoreMissing, bool withContext, int line, int column) : base(line, column)
        {
            Template = template;
            IgnoreMissing = ignoreMissing;
            WithContext = withContext;
        }

        public Expr Template { get; }
        public bool IgnoreMissing { get; }
        public bool WithContext { get; }
    }

    /// <summary><c>{% import t as name %}</c> (Names null) or <c>{% from t import a, b as c %}</c>.</summary>
    internal sealed class ImportStmt : Stmt
    {
        public ImportStmt(Expr template, string? alias, List<KeyValuePair<string, string>>? names, bool withContext, int line, int column) : base(line, column)
        {
            Template = template;
            Alias = alias;
            Names = names;
            WithContext = withContext;
        }

        public Expr Template { get; }
        public string? Alias { get; }
        public List<KeyValuePair<string, string>>? Names { get; }
        public bool WithContext { get; }
    }

    internal sealed class ExtendsStmt : Stmt
    {
        public ExtendsStmt(Expr template, int line, int column) : base(line, column) => Template = template;
        public Expr Template { get; }
    }

    internal sealed class BlockStmt : Stmt
    {
        public BlockStmt(string name, List<Stmt> body, bool scoped, bool required, bool topLevel, int line, int column) : base(line, column)
        {
            Name = name;
            Body = body;
            Scoped = scoped;
            Required = required;
            TopLevel = topLevel;
        }

        public string Name { get; }
        public List<Stmt> Body { get; }
        public bool Scoped { get; }
        /// <summary>A <c>required</c> block must be overridden by the template rendered.</summary>
        public bool Required { get; }
        /// <summary>At the template's top level (or in an if there): a child template that extended does not render it here.</summary>
        public bool TopLevel { get; }
    }

    internal sealed class WithStmt : Stmt
    {
        public WithStmt(List<KeyValuePair<Expr, Expr>> assignments, List<Stmt> body, int line, int column) : base(line, column)
        {
            Assignments = assignments;
            Body = body;
        }

        public List<KeyValuePair<Expr, Expr>> Assignments { get; }
        public List<Stmt> Body { get; }
    }
}
