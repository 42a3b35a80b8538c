using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Templating;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>Facts about a compiled template the checks need beyond its free variables.</summary>
    internal static class TemplateAnalysis
    {
        private static readonly HashSet<string> GuardTests = new HashSet<string>(StringComparer.Ordinal) { "defined", "undefined" };
        private static readonly HashSet<string> GuardFilters = new HashSet<string>(StringComparer.Ordinal) { "default", "d" };

        /// <summary>Names the template tests with <c>is defined</c>/<c>is undefined</c> or gives a <c>default</c>: it copes with their absence.</summary>
        public static ISet<string> OptionalNames(CompiledTemplate template)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in Analysis.Descendants(template.Body))
            {
                var target = node switch
                {
                    TestExpr t when GuardTests.Contains(t.Name) => t.Target,
                    FilterExpr f when f.Target != null && GuardFilters.Contains(f.Name) => f.Target,
                    _ => null,
                };
                var root = RootName(target);
                if (root != null) names.Add(root);
            }
            return names;
        }

        /// <summary>Line and column of the first place the template reads a name.</summary>
        public static (int Line, int Column) FirstUse(CompiledTemplate template, string name)
        {
            var node = Analysis.Descendants(template.Body).OfType<NameExpr>().FirstOrDefault(n => n.Name == name);
            return node == null ? (0, 0) : (node.Line, node.Column);
        }

        /// <summary>True when the template pulls in other templates (include, import, extends).</summary>
        public static bool LoadsOthers(CompiledTemplate template) =>
            Analysis.Descendants(template.Body).Any(n => n is IncludeStmt || n is ImportStmt || n is ExtendsStmt);

        /// <summary>Whether the template calls lookup(), query() or q() (which read the search path and may render other templates).</summary>
        public static bool CallsLookups(CompiledTemplate template) =>
            Analysis.Descendants(template.Body).Any(n => n is NameExpr name && (name.Name == "lookup" || name.Name == "query" || name.Name == "q"));

        private static string? RootName(Expr? expr)
        {
            while (true)
            {
                switch (expr)
                {
                    case NameExpr n: return n.Name;
                    case GetAttrExpr a: expr = a.Target; break;
                    case GetItemExpr i: expr = i.Target; break;
                    default: return null;
                }
            }
        }
    }
}
