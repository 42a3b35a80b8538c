using System.Collections.Generic;
using System.Linq;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja's filters that write markup: xmlattr.</summary>
    internal static class MarkupFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(XmlAttr, "xmlattr"),
        };

        public static object? XmlAttr(Interpreter it, object? v, CallArgs a) => XmlAttributes(v, a.Bool(0, "autospace", true));

        /// <summary>Jinja 3.1.2's do_xmlattr: key="value" pairs, escaped, skipping None and undefined values.</summary>
        private static string XmlAttributes(object? value, bool autospace)
        {
            if (!(Ops.Check(value) is IDictionary<object, object?> d))
                throw new TemplateError("'" + Ops.ObjectDescription(value) + "' object has no attribute 'items'");
            var text = string.Join(" ", d.Where(kv => kv.Value != null && !(kv.Value is Undefined))
                .Select(kv => Escape(S(kv.Key)) + "=\"" + Escape(S(kv.Value)) + "\""));
            return autospace && text.Length > 0 ? " " + text : text;
        }

        private static string Escape(string s) => (string)StringFilters.Escape(null!, s, null!)!;
    }
}
