using System.Collections.Generic;

namespace HxLiteLLM.Templating
{
    /// <summary>One render call: the environment, the template being executed (for positions), depth guards, blocks.</summary>
    internal sealed class RenderContext
    {
        /// <summary>Include, import, macro and recursive-loop nesting allowed before a typed error.</summary>
        public const int MaxCallDepth = 100;

        public RenderContext(TemplateEnvironment environment, CompiledTemplate template)
        {
            Environment = environment;
            Template = template;
        }

        public TemplateEnvironment Environment { get; }
        /// <summary>The caller's variables of this render (what lookups such as vars and varnames read).</summary>
        public IVariableSource? Variables { get; set; }
        /// <summary>The template whose nodes are executing now.</summary>
        public CompiledTemplate Template { get; set; }
        /// <summary>The innermost node position evaluated, for errors raised by filters and operators.</summary>
        public Node? Position { get; set; }
        public int CallDepth { get; private set; }
        /// <summary>Block overrides by name, the most derived template first (extends).</summary>
        public Dictionary<string, List<(BlockStmt Block, CompiledTemplate Owner)>> Blocks { get; } = new Dictionary<string, List<(BlockStmt,
            CompiledTemplate)>>();

        /// <summary>Statements, loop iterations and macro calls one render may execute; beyond it the template is runaway.</summary>
        public const int MaxSteps = 1_000_000;
        private int _steps;

        public void Step()
        {
            if (++_steps > MaxSteps) throw new TemplateError("template does too much work (more than " + MaxSteps + " statements, loop iterations and calls)");
        }

        public void EnterCall(string what)
        {
            Step();
            if (++CallDepth > MaxCallDepth)
            {
                CallDepth--;
                throw new TemplateError("maximum recursion depth exceeded (" + MaxCallDepth + " nested " + what + " calls)");
            }
        }

        public void ExitCall() => CallDepth--;
    }
}
