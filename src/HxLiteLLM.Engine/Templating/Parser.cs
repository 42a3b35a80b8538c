using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Templating
{
    /// <summary>A template's tree plus what the parser saw on the way: its blocks and the filter and test names used.</summary>
    internal sealed class ParsedTemplate
    {
        public ParsedTemplate(List<Stmt> body, List<BlockStmt> blocks, SortedSet<string> filterNames, SortedSet<string> testNames)
        {
            Body = body;
            Blocks = blocks;
            FilterNames = filterNames;
            TestNames = testNames;
        }

        public List<Stmt> Body { get; }
        public List<BlockStmt> Blocks { get; }
        public SortedSet<string> FilterNames { get; }
        public SortedSet<string> TestNames { get; }
    }

    /// <summary>Jinja 3.1's grammar, production for production, building the tree of Node.cs.</summary>
    internal sealed class Parser
    {
        /// <summary>Deeper nesting than this is hostile input; reported instead of overflowing the stack.</summary>
        public const int MaxDepth = 200;

        private static readonly HashSet<string> CompareOps = new HashSet<string> { "==", "!=", "<", "<=", ">", ">=" };

        private readonly List<Token> _tokens;
        private readonly SourceMap _map;
        private readonly string? _name;
        private readonly List<string> _tagStack = new List<string>();
        private readonly List<string[]> _endTokenStack = new List<string[]>();
        private readonly HashSet<string> _blockNames = new HashSet<string>();
        private readonly List<BlockStmt> _blocks = new List<BlockStmt>();
        private readonly SortedSet<string> _filterNames = new SortedSet<string>(System.StringComparer.Ordinal);
        private readonly SortedSet<string> _testNames = new SortedSet<string>(System.StringComparer.Ordinal);
        private int _index;
        private int _depth;
        /// <summary>Bodies entered that are not Jinja's top level (a for, macro, block, …; an if body still is).</summary>
        private int _scopeDepth;
        /// <summary>The first of Jinja's compile-time checks that failed; reported once the whole template parsed, as Jinja does.</summary>
        private TemplateSyntaxException? _compileError;

        private Parser(List<Token> tokens, SourceMap map, string? name)
        {
            _tokens = tokens;
            _map = map;
            _name = name;
        }

        public static List<Stmt> Parse(List<Token> tokens, SourceMap map, string? name) => ParseTemplate(tokens, map, name).Body;

        public static ParsedTemplate ParseTemplate(List<Token> tokens, SourceMap map, string? name)
        {
            var parser = new Parser(tokens, map, name);
            var body = parser.Subparse(null);
            if (parser._compileError != null) throw parser._compileError;
            return new ParsedTemplate(body, parser._blocks, parser._filterNames, parser._testNames);
        }

        private Token Current => _tokens[_index];
        private Token Look() => _tokens[System.Math.Min(_index + 1, _tokens.Count - 1)];

        private Token Advance()
        {
            var t = _tokens[_index];
            if (_index < _tokens.Count - 1) _index++;
            return t;
        }

        private TemplateSyntaxException Fail(string message, Token? at = null)
        {
            var (line, col) = _map.Locate((at ?? Current).Position);
            return new TemplateSyntaxException(message, _name, line, col, _map.Source);
        }

        private void FailAtCompile(string message, int line, int column) =>
            _compileError ??= new TemplateSyntaxException(message, _name, line, column, _map.Source);

        private (int, int) Pos(Token t)
        {
            // Every grammar level asks for its first token's position; locate each token once.
            if (t.Line == 0) (t.Line, t.Column) = _map.Locate(t.Position);
            return (t.Line, t.Column);
        }

        private Token Expect(TokenType type, string? value = null)
        {
            var t = Current;
            if (t.Type == type && (value == null || t.Value == value)) return Advance();
            var wanted = value != null ? value : Describe(type);
            if (t.Type == TokenType.Eof) throw Fail("unexpected end of template, expected '" + wanted + "'.");
            throw Fail("expected token '" + wanted + "', got '" + t.Describe() + "'");
        }

        private static string Describe(TokenType type) => type switch
        {
            TokenType.BlockEnd => "end of statement block",
            TokenType.VariableEnd => "end of print statement",
            TokenType.Name => "name",
            _ => type.ToString().ToLowerInvariant(),
        };

        private Token ExpectOp(string op) => Expect(TokenType.Operator, op);
        private bool SkipOp(string op) { if (!Current.IsOp(op)) return false; Advance(); return true; }
        private bool SkipName(string name) { if (!Current.IsName(name)) return false; Advance(); return true; }

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Fail("template nesting too deep (more than " + MaxDepth + " levels)");
        }

        // ---- statements ----

        private List<Stmt> Subparse(string[]? endTokens)
        {
            Enter();
            var body = new List<Stmt>();
            if (endTokens != null) _endTokenStack.Add(endTokens);
            try
            {
                while (Current.Type != TokenType.Eof)
                {
                    var t = Current;
                    var (line, col) = Pos(t);
                    if (t.Type == TokenType.Data)
                    {
                        Advance();
                        body.Add(new TextStmt(t.Value, line, col));
                    }
                    else if (t.Type == TokenType.VariableBegin)
                    {
                        Advance();
                        var expr = ParseTuple(withCondExpr: true);
                        Expect(TokenType.VariableEnd);
                        body.Add(new OutputStmt(expr, line, col));
                    }
                    else if (t.Type == TokenType.BlockBegin)
                    {
                        Advance();
                        if (endTokens != null && Current.Type == TokenType.Name && endTokens.Contains(Current.Value)) return body;
                        body.AddRange(ParseStatement());
                        Expect(TokenType.BlockEnd);
                    }
                    else throw Fail("unexpected '" + t.Describe() + "'");
                }
                if (endTokens != null) throw FailUnknownTag(null, Current);
                return body;
            }
            finally
            {
                if (endTokens != null) _endTokenStack.RemoveAt(_endTokenStack.Count - 1);
                _depth--;
            }
        }

        private TemplateSyntaxException FailUnknownTag(string? name, Token at)
        {
            var expected = new HashSet<string>(_endTokenStack.SelectMany(x => x));
            var parts = new List<string> { name == null ? "Unexpected end of template." : "Encountered unknown tag '" + name + "'." };
            if (_endTokenStack.Count > 0)
            {
                var looking = string.Join(" or ", _endTokenStack[_endTokenStack.Count - 1].Select(x => "'" + x + "'"));
                parts.Add(name != null && expected.Contains(name)
                    ? "You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for " + looking + "."
                    : "Jinja was looking for the following tags: " + looking + ".");
            }
            if (_tagStack.Count > 0) parts.Add("The innermost block that needs to be closed is '" + _tagStack[_tagStack.Count - 1] + "'.");
            return Fail(string.Join(" ", parts), at);
        }

        private List<Stmt> ParseStatements(string[] endTokens, bool dropNeedle)
        {
            SkipOp(":");
            Expect(TokenType.BlockEnd);
            var body = Subparse(endTokens);
            if (Current.Type == TokenType.Eof) throw FailUnknownTag(null, Current);
            if (dropNeedle) Advance();
            return body;
        }

        private IEnumerable<Stmt> ParseStatement()
        {
            var t = Current;
            if (t.Type != TokenType.Name) throw Fail("tag name expected");
            _tagStack.Add(t.Value);
            var popTag = true;
            var innerScope = t.Value != "if" && t.Value != "extends";
            if (innerScope) _scopeDepth++;
            try
            {
                switch (t.Value)
                {
                    case "if": return new[] { ParseIf() };
                    case "for": return new[] { ParseFor() };
                    case "set": return new[] { ParseSet() };
                    case "macro": return new[] { ParseMacro() };
                    case "call": return new[] { ParseCallBlock() };
                    case "filter": return new[] { ParseFilterBlock() };
                    case "include": return new[] { ParseInclude() };
                    case "import": return new[] { ParseImport() };
                    case "from": return new[] { ParseFrom() };
                    case "extends": return new[] { ParseExtends() };
                    case "block": return new[] { ParseBlock() };
                    case "with": return new[] { ParseWith() };
                    case "print": return ParsePrint();
                    default:
                        _tagStack.RemoveAt(_tagStack.Count - 1);
                        popTag = false;
                        throw FailUnknownTag(t.Value, t);
                }
            }
            finally
            {
                if (innerScope) _scopeDepth--;
                if (popTag) _tagStack.RemoveAt(_tagStack.Count - 1);
            }
        }

        private Stmt ParseIf()
        {
            var (line, col) = Pos(Advance());
            var branches = new List<KeyValuePair<Expr, List<Stmt>>>();
            List<Stmt>? otherwise = null;
            while (true)
            {
                var test = ParseTuple(withCondExpr: false);
                var body = ParseStatements(new[] { "elif", "else", "endif" }, false);
                branches.Add(new KeyValuePair<Expr, List<Stmt>>(test, body));
                var token = Advance();
                if (token.IsName("elif")) continue;
                if (token.IsName("else")) otherwise = ParseStatements(new[] { "endif" }, true);
                break;
            }
            return new IfStmt(branches, otherwise, line, col);
        }

        private Stmt ParseFor()
        {
            var (line, col) = Pos(Advance());
            var target = ParseAssignTarget(extraEnd: "in");
            Expect(TokenType.Name, "in");
            var iterable = ParseTuple(withCondExpr: false, extraEnd: "recursive");
            Expr? filter = null;
            if (SkipName("if")) filter = ParseExpression();
            var recursive = SkipName("recursive");
            var body = ParseStatements(new[] { "endfor", "else" }, false);
            List<Stmt>? otherwise = null;
            if (Advance().Value != "endfor") otherwise = ParseStatements(new[] { "endfor" }, true);
            var loop = new ForStmt(target, iterable, body, otherwise, filter, recursive, line, col);
            RejectAssignmentToLoop(loop);
            return loop;
        }

        /// <summary>Jinja refuses a for loop that assigns 'loop' anywhere (its target, or a set/for/with inside it).</summary>
        private void RejectAssignmentToLoop(ForStmt loop)
        {
            var targets = new List<Expr> { loop.Target };
            foreach (var node in Analysis.Descendants(loop.Body.Concat(loop.Otherwise ?? new List<Stmt>())))
            {
                switch (node)
                {
                    case ForStmt f: targets.Add(f.Target); break;
                    case SetStmt set: targets.Add(set.Target); break;
                    case SetBlockStmt setBlock: targets.Add(setBlock.Target); break;
                    case WithStmt with: targets.AddRange(with.Assignments.Select(a => a.Key)); break;
                }
            }
            foreach (var target in targets)
            {
                var names = target is TupleExpr tuple ? tuple.Items : new List<Expr> { target };
                var assigned = names.OfType<NameExpr>().FirstOrDefault(n => n.Name == "loop");
                if (assigned != null)
                    throw new TemplateSyntaxException("Can't assign to special loop variable in for-loop target", _name, assigned.Line, assigned.Column,
                        _map.Source);
            }
        }

        private Stmt ParseSet()
        {
            var (line, col) = Pos(Advance());
            var target = ParseAssignTarget(withNamespace: true);
            if (SkipOp("=")) return new SetStmt(target, ParseTuple(withCondExpr: true), line, col);
            var filters = ParseFilterChain(null, false);
            var body = ParseStatements(new[] { "endset" }, true);
            return new SetBlockStmt(target, filters, body, line, col);
        }

        private Stmt ParseMacro()
        {
            var (line, col) = Pos(Advance());
            var name = Expect(TokenType.Name).Value;
            var parameters = ParseSignature();
            var body = ParseStatements(new[] { "endmacro" }, true);
            CheckCallerParameter(parameters, body, line, col);
            return new MacroStmt(name, parameters, body, line, col);
        }

        private List<MacroParameter> ParseSignature()
        {
            var parameters = new List<MacroParameter>();
            ExpectOp("(");
            while (!Current.IsOp(")"))
            {
                if (parameters.Count > 0) ExpectOp(",");
                var name = Expect(TokenType.Name).Value;
                Expr? value = null;
                if (SkipOp("=")) value = ParseExpression();
                else if (parameters.Any(p => p.Default != null)) throw Fail("non-default argument follows default argument");
                parameters.Add(new MacroParameter(name, value));
            }
            ExpectOp(")");
            return parameters;
        }

        private Stmt ParseCallBlock()
        {
            var start = Advance();
            var (line, col) = Pos(start);
            var parameters = Current.IsOp("(") ? ParseSignature() : new List<MacroParameter>();
            var call = ParseExpression() as CallExpr ?? throw Fail("expected call", start);
            var body = ParseStatements(new[] { "endcall" }, true);
            CheckCallerParameter(parameters, body, line, col);
            return new CallBlockStmt(call, parameters, body, line, col);
        }

        /// <summary>A macro whose body calls caller may name it as a parameter only with a default (Jinja's compiler check).</summary>
        private void CheckCallerParameter(List<MacroParameter> parameters, List<Stmt> body, int line, int col)
        {
            if (parameters.Any(p => p.Name == "caller" && p.Default == null) && Analysis.NamesRead(body).Contains("caller"))
                FailAtCompile("When defining macros or call blocks the special \"caller\" argument must be omitted or be given a default.", line, col);
        }

        private Stmt ParseFilterBlock()
        {
            var (line, col) = Pos(Advance());
            var filters = ParseFilterChain(null, true);
            var body = ParseStatements(new[] { "endfilter" }, true);
            return new FilterBlockStmt(filters, body, line, col);
        }

        private bool ParseContext(bool fallback, out bool withContext)
        {
            withContext = fallback;
            if ((Current.IsName("with") || Current.IsName("without")) && Look().IsName("context"))
            {
                withContext = Advance().Value == "with";
                Advance();
                return true;
            }
            return false;
        }

        private Stmt ParseInclude()
        {
            var (line, col) = Pos(Advance());
            var template = ParseExpression();
            var ignoreMissing = false;
            if (Current.IsName("ignore") && Look().IsName("missing"))
            {
                Advance();
                Advance();
                ignoreMissing = true;
            }
            ParseContext(true, out var withContext);
            return new IncludeStmt(template, ignoreMissing, withContext, line, col);
        }

        private Stmt ParseImport()
        {
            var (line, col) = Pos(Advance());
            var template = ParseExpression();
            Expect(TokenType.Name, "as");
            var alias = Expect(TokenType.Name).Value;
            ParseContext(false, out var withContext);
            return new ImportStmt(template, alias, null, withContext, line, col);
        }

        private Stmt ParseFrom()
        {
            var (line, col) = Pos(Advance());
            var template = ParseExpression();
            Expect(TokenType.Name, "import");
            var names = new List<KeyValuePair<string, string>>();
            var withContext = false;
            while (true)
            {
                if (names.Count > 0) ExpectOp(",");
                if (Current.Type != TokenType.Name) { Expect(TokenType.Name); break; }
                if (ParseContext(false, out withContext)) break;
                var nameToken = Expect(TokenType.Name);
                if (nameToken.Value.StartsWith("_")) throw Fail("names starting with an underline can not be imported", nameToken);
                var alias = SkipName("as") ? Expect(TokenType.Name).Value : nameToken.Value;
                names.Add(new KeyValuePair<string, string>(nameToken.Value, alias));
                if (ParseContext(false, out withContext) || !Current.IsOp(",")) break;
            }
            return new ImportStmt(template, null, names, withContext, line, col);
        }

        private Stmt ParseExtends()
        {
            var (line, col) = Pos(Advance());
            if (_scopeDepth > 0) FailAtCompile("cannot use extend from a non top-level scope", line, col);
            return new ExtendsStmt(ParseExpression(), line, col);
        }

        private Stmt ParseBlock()
        {
            var (line, col) = Pos(Advance());
            var nameToken = Expect(TokenType.Name);
            var scoped = SkipName("scoped");
            var required = SkipName("required");
            if (Current.IsOp("-")) throw Fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore "
                + "instead.");
            if (!_blockNames.Add(nameToken.Value)) throw Fail("block '" + nameToken.Value + "' defined twice", nameToken);
            // This tag counts as one scope already: the block itself stands where its parent body does.
            var topLevel = _scopeDepth == 1;
            var body = ParseStatements(new[] { "endblock" }, true);
            if (required && !body.All(s => s is TextStmt text && text.Text.Length > 0 && text.Text.All(char.IsWhiteSpace)))
                throw Fail("Required blocks can only contain comments or whitespace");
            SkipName(nameToken.Value);
            var block = new BlockStmt(nameToken.Value, body, scoped, required, topLevel, line, col);
            _blocks.Add(block);
            return block;
        }

        private Stmt ParseWith()
        {
            var (line, col) = Pos(Advance());
            var assignments = new List<KeyValuePair<Expr, Expr>>();
            while (Current.Type != TokenType.BlockEnd)
            {
                if (assignments.Count > 0) ExpectOp(",");
                var target = ParseAssignTarget();
                ExpectOp("=");
                assignments.Add(new KeyValuePair<Expr, Expr>(target, ParseExpression()));
            }
            var body = ParseStatements(new[] { "endwith" }, true);
            return new WithStmt(assignments, body, line, col);
        }

        private IEnumerable<Stmt> ParsePrint()
        {
            Advance();
            var outputs = new List<Stmt>();
            while (Current.Type != TokenType.BlockEnd)
            {
                if (outputs.Count > 0) ExpectOp(",");
                var (line, col) = Pos(Current);
                outputs.Add(new OutputStmt(ParseExpression(), line, col));
            }
            return outputs;
        }

        private Expr ParseAssignTarget(string? extraEnd = null, bool withNamespace = false)
        {
            Expr target;
            if (withNamespace && Current.Type == TokenType.Name && Look().IsOp("."))
            {
                var nameToken = Advance();
                var (line, col) = Pos(nameToken);
                Advance();
                var attr = Expect(TokenType.Name).Value;
                return new GetAttrExpr(new NameExpr(nameToken.Value, line, col), attr, line, col);
            }
            target = ParseTuple(simplified: true, extraEnd: extraEnd);
            if (target is NameExpr) return target;
            if (target is TupleExpr tuple && tuple.Items.All(i => i is NameExpr)) return target;
            throw Fail("can't assign to '" + TargetKind(target) + "'");
        }

        private static string TargetKind(Expr e) => e switch
        {
            ConstExpr _ => "const",
            TupleExpr _ => "tuple",
            ListExpr _ => "list",
            _ => e.GetType().Name.Replace("Expr", "").ToLowerInvariant(),
        };

        // ---- expressions ----

        private Expr ParseTuple(bool simplified = false, bool withCondExpr = true, string? extraEnd = null, bool explicitParentheses = false)
        {
            var (line, col) = Pos(Current);
            var items = new List<Expr>();
            var isTuple = false;
            while (true)
            {
                if (items.Count > 0) ExpectOp(",");
                if (IsTupleEnd(extraEnd)) break;
                items.Add(simplified ? ParsePrimary() : withCondExpr ? ParseExpression() : ParseOr());
                if (Current.IsOp(",")) isTuple = true;
                else break;
            }
            if (!isTuple)
            {
                if (items.Count > 0) return items[0];
                if (!explicitParentheses) throw Fail("Expected an expression, got '" + Current.Describe() + "'");
            }
            return new TupleExpr(items, line, col);
        }

        private bool IsTupleEnd(string? extraEnd) =>
            Current.Type == TokenType.VariableEnd || Current.Type == TokenType.BlockEnd || Current.IsOp(")")
            || (extraEnd != null && Current.IsName(extraEnd));

        private Expr ParseExpression(bool withCondExpr = true) => withCondExpr ? ParseCondExpr() : ParseOr();

        private Expr ParseCondExpr()
        {
            var (line, col) = Pos(Current);
            var expr = ParseOr();
            while (SkipName("if"))
            {
                var test = ParseOr();
                Expr? otherwise = SkipName("else") ? ParseCondExpr() : null;
                expr = new CondExpr(test, expr, otherwise, line, col);
            }
            return expr;
        }

        private Expr ParseOr()
        {
            var (line, col) = Pos(Current);
            var left = ParseAnd();
            while (SkipName("or")) left = new LogicalExpr(false, left, ParseAnd(), line, col);
            return left;
        }

        private Expr ParseAnd()
        {
            var (line, col) = Pos(Current);
            var left = ParseNot();
            while (SkipName("and")) left = new LogicalExpr(true, left, ParseNot(), line, col);
            return left;
        }

        private Expr ParseNot()
        {
            if (Current.IsName("not"))
            {
                var (line, col) = Pos(Advance());
                Enter();
                try { return new UnaryExpr("not", ParseNot(), line, col); }
                finally { _depth--; }
            }
            return ParseCompare();
        }

        private Expr ParseCompare()
        {
            var (line, col) = Pos(Current);
            var first = ParseMath1();
            List<KeyValuePair<string, Expr>>? rest = null;
            while (true)
            {
                string op;
                if (Current.Type == TokenType.Operator && CompareOps.Contains(Current.Value)) op = Advance().Value;
                else if (SkipName("in")) op = "in";
                else if (Current.IsName("not") && Look().IsName("in"))
                {
                    Advance();
                    Advance();
                    op = "not in";
                }
                else break;
                (rest ??= new List<KeyValuePair<string, Expr>>()).Add(new KeyValuePair<string, Expr>(op, ParseMath1()));
            }
            return rest == null ? first : new CompareExpr(first, rest, line, col);
        }

        private Expr ParseMath1()
        {
            var (line, col) = Pos(Current);
            var left = ParseConcat();
            while (Current.IsOp("+") || Current.IsOp("-"))
            {
                var op = Advance().Value;
                left = new BinaryExpr(op, left, ParseConcat(), line, col);
            }
            return left;
        }

        private Expr ParseConcat()
        {
            var (line, col) = Pos(Current);
            var left = ParseMath2();
            while (SkipOp("~")) left = new BinaryExpr("~", left, ParseMath2(), line, col);
            return left;
        }

        private Expr ParseMath2()
        {
            var (line, col) = Pos(Current);
            var left = ParsePow();
            while (Current.IsOp("*") || Current.IsOp("/") || Current.IsOp("//") || Current.IsOp("%"))
            {
                var op = Advance().Value;
                left = new BinaryExpr(op, left, ParsePow(), line, col);
            }
            return left;
        }

        private Expr ParsePow()
        {
            var (line, col) = Pos(Current);
            var left = ParseUnary();
            while (SkipOp("**")) left = new BinaryExpr("**", left, ParseUnary(), line, col);
            return left;
        }

        private Expr ParseUnary(bool withFilter = true)
        {
            Enter();
            try
            {
                var (line, col) = Pos(Current);
                Expr node;
                if (Current.IsOp("-") || Current.IsOp("+"))
                {
                    var op = Advance().Value;
                    node = new UnaryExpr(op, ParseUnary(false), line, col);
                }
                else node = ParsePrimary();
                node = ParsePostfix(node);
                return withFilter ? ParseFilterExpr(node) : node;
            }
            finally { _depth--; }
        }

        private Expr ParsePrimary()
        {
            Enter();
            try
            {
                var t = Current;
                var (line, col) = Pos(t);
                switch (t.Type)
                {
                    case TokenType.Name:
                        Advance();
                        return t.Value switch
                        {
                            "true" or "True" => new ConstExpr(true, line, col),
                            "false" or "False" => new ConstExpr(false, line, col),
                            "none" or "None" => new ConstExpr(null, line, col),
                            _ => new NameExpr(t.Value, line, col),
                        };
                    case TokenType.String:
                        Advance();
                        var text = (string)t.Literal!;
                        while (Current.Type == TokenType.String) text += (string)Advance().Literal!;
                        return new ConstExpr(text, line, col);
                    case TokenType.Integer:
                    case TokenType.Float:
                        Advance();
                        return new ConstExpr(t.Literal, line, col);
                    case TokenType.Operator when t.Value == "(":
                        Advance();
                        var inner = ParseTuple(explicitParentheses: true);
                        ExpectOp(")");
                        return inner;
                    case TokenType.Operator when t.Value == "[":
                        return ParseList();
                    case TokenType.Operator when t.Value == "{":
                        return ParseDict();
                    default:
                        if (t.Type == TokenType.Eof) throw Fail("unexpected end of template");
                        throw Fail("unexpected '" + t.Describe() + "'");
                }
            }
            finally { _depth--; }
        }

        private Expr ParseList()
        {
            var (line, col) = Pos(ExpectOp("["));
            var items = new List<Expr>();
            while (!Current.IsOp("]"))
            {
                if (items.Count > 0) ExpectOp(",");
                if (Current.IsOp("]")) break;
                items.Add(ParseExpression());
            }
            ExpectOp("]");
            return new ListExpr(items, line, col);
        }

        private Expr ParseDict()
        {
            var (line, col) = Pos(ExpectOp("{"));
            var items = new List<KeyValuePair<Expr, Expr>>();
            while (!Current.IsOp("}"))
            {
                if (items.Count > 0) ExpectOp(",");
                if (Current.IsOp("}")) break;
                var key = ParseExpression();
                ExpectOp(":");
                items.Add(new KeyValuePair<Expr, Expr>(key, ParseExpression()));
            }
            ExpectOp("}");
            return new DictExpr(items, line, col);
        }

        private Expr ParsePostfix(Expr node)
        {
            while (true)
            {
                if (Current.IsOp(".") || Current.IsOp("[")) node = ParseSubscript(node);
                else if (Current.IsOp("(")) node = ParseCall(node);
                else return node;
            }
        }

        private Expr ParseFilterExpr(Expr node)
        {
            while (true)
            {
                if (Current.IsOp("|")) node = ParseFilterChain(node, false).Last();
                else if (Current.IsName("is")) node = ParseTest(node);
                else if (Current.IsOp("(")) node = ParseCall(node);
                else return node;
            }
        }

        private Expr ParseSubscript(Expr node)
        {
            var t = Advance();
            var (line, col) = Pos(t);
            if (t.IsOp("."))
            {
                var attr = Advance();
                if (attr.Type == TokenType.Name) return new GetAttrExpr(node, attr.Value, line, col);
                if (attr.Type != TokenType.Integer) throw Fail("expected name or number", attr);
                return new GetItemExpr(node, new ConstExpr(attr.Literal, line, col), line, col);
            }
            var args = new List<Expr>();
            while (!Current.IsOp("]"))
            {
                if (args.Count > 0) ExpectOp(",");
                args.Add(ParseSubscribed());
            }
            ExpectOp("]");
            return new GetItemExpr(node, args.Count == 1 ? args[0] : new TupleExpr(args, line, col), line, col);
        }

        private Expr ParseSubscribed()
        {
            var (line, col) = Pos(Current);
            Expr? start = null;
            if (Current.IsOp(":")) Advance();
            else
            {
                var node = ParseExpression();
                if (!Current.IsOp(":")) return node;
                Advance();
                start = node;
            }
            Expr? stop = null, step = null;
            if (!Current.IsOp("]") && !Current.IsOp(",") && !Current.IsOp(":")) stop = ParseExpression();
            if (SkipOp(":") && !Current.IsOp("]") && !Current.IsOp(",")) step = ParseExpression();
            return new SliceExpr(start, stop, step, line, col);
        }

        private Arguments ParseCallArgs()
        {
            var open = ExpectOp("(");
            var positional = new List<Expr>();
            var keywords = new List<KeyValuePair<string, Expr>>();
            Expr? starArgs = null, starKwargs = null;
            var requireComma = false;
            while (!Current.IsOp(")"))
            {
                if (requireComma)
                {
                    ExpectOp(",");
                    if (Current.IsOp(")")) break;
                }
                if (Current.IsOp("*"))
                {
                    if (starArgs != null || starKwargs != null) throw Fail("invalid syntax for function call expression", open);
                    Advance();
                    starArgs = ParseExpression();
                }
                else if (Current.IsOp("**"))
                {
                    if (starKwargs != null) throw Fail("invalid syntax for function call expression", open);
                    Advance();
                    starKwargs = ParseExpression();
                }
                else if (Current.Type == TokenType.Name && Look().IsOp("="))
                {
                    if (starKwargs != null) throw Fail("invalid syntax for function call expression", open);
                    var key = Advance().Value;
                    Advance();
                    keywords.Add(new KeyValuePair<string, Expr>(key, ParseExpression()));
                }
                else
                {
                    if (starArgs != null || starKwargs != null || keywords.Count > 0) throw Fail("invalid syntax for function call expression", open);
                    positional.Add(ParseExpression());
                }
                requireComma = true;
            }
            ExpectOp(")");
            return new Arguments(positional, keywords, starArgs, starKwargs);
        }

        private Expr ParseCall(Expr node)
        {
            var (line, col) = Pos(Current);
            return new CallExpr(node, ParseCallArgs(), line, col);
        }

        /// <summary>One or more <c>| name(args)</c>; each filter wraps the previous. Returns every step (the last is the whole chain).</summary>
        private List<FilterExpr> ParseFilterChain(Expr? node, bool startInline)
        {
            var chain = new List<FilterExpr>();
            while (Current.IsOp("|") || startInline)
            {
                if (!startInline) Advance();
                startInline = false;
                var nameToken = Expect(TokenType.Name);
                var (line, col) = Pos(nameToken);
                var name = nameToken.Value;
                while (Current.IsOp(".") && Look().Type == TokenType.Name)
                {
                    Advance();
                    name += "." + Advance().Value;
                }
                var args = Current.IsOp("(") ? ParseCallArgs() : Arguments.None;
                var filter = new FilterExpr(chain.Count > 0 ? chain[chain.Count - 1] : node, name, args, line, col);
                chain.Add(filter);
                _filterNames.Add(name);
            }
            return chain;
        }

        private Expr ParseTest(Expr node)
        {
            var (line, col) = Pos(Advance());
            var negated = SkipName("not");
            var nameToken = Expect(TokenType.Name);
            var name = nameToken.Value;
            while (Current.IsOp(".") && Look().Type == TokenType.Name)
            {
                Advance();
                name += "." + Advance().Value;
            }
            Arguments args;
            var c = Current;
            if (c.IsOp("(")) args = ParseCallArgs();
            else if ((c.Type == TokenType.Name || c.Type == TokenType.String || c.Type == TokenType.Integer || c.Type == TokenType.Float
                      || c.IsOp("[") || c.IsOp("{")) && !c.IsName("else") && !c.IsName("or") && !c.IsName("and"))
            {
                if (c.IsName("is")) throw Fail("You cannot chain multiple tests with is");
                var arg = ParsePostfix(ParsePrimary());
                args = new Arguments(new List<Expr> { arg }, new List<KeyValuePair<string, Expr>>(), null, null);
            }
            else args = Arguments.None;
            var (nl, nc) = Pos(nameToken);
            Expr test = new TestExpr(node, name, args, nl, nc);
            _testNames.Add(name);
            return negated ? new UnaryExpr("not", test, line, col) : test;
        }
    }
}
