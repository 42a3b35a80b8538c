using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja's <c>self</c>: each block of the template being rendered, by name, callable.</summary>
    internal sealed class TemplateReference : IAttributeSource
    {
        private readonly Interpreter _interpreter;
        private readonly Frame _context;

        public TemplateReference(Interpreter interpreter, Frame context)
        {
            _interpreter = interpreter;
            _context = context;
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = _interpreter.HasBlock(name) ? new BlockReference(_interpreter, name, 0, _context) : null;
            return value != null;
        }

        public override string ToString() => "<TemplateReference " + PyRepr.Repr(_interpreter.Context.Template.Name) + ">";
    }

    /// <summary>One implementation of a block (<c>self.name</c>, <c>super</c>): calling it renders it; <c>.super</c> is the next one up.</summary>
    internal sealed class BlockReference : ICallable, IAttributeSource
    {
        private readonly Interpreter _interpreter;
        private readonly string _name;
        private readonly int _level;
        private readonly Frame _context;

        public BlockReference(Interpreter interpreter, string name, int level, Frame context)
        {
            _interpreter = interpreter;
            _name = name;
            _level = level;
            _context = context;
        }

        public object? Call(RenderContext context, List<object?> args, List<KeyValuePair<string, object?>> kwargs)
        {
            if (args.Count > 0 || kwargs.Count > 0) throw new TemplateError("BlockReference.__call__() takes 1 positional argument but " + (1 + args.Count)
                + " were given");
            return _interpreter.RenderBlockText(_name, _level, _context);
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "super" ? _interpreter.SuperOf(_name, _level, _context) : null;
            return value != null;
        }

        public override string ToString() => "<BlockReference " + PyRepr.Repr(_name) + ">";
    }
}
