using System.Collections.Generic;
using System.Linq;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja's filters that write markup: xmlattr.</summary>
    internal static partial class Filters
    {
        private static void RegisterMarkup()
        {
            Add((it, v, a) => XmlAttributes(v, a.Bool(0, "autospace", true)), "xmlattr");
        }

        /// <summary>Jinja 3.1.2's do_xmlattr: key="value" pairs, escaped, skipping None and undefined values.</summary>
        private static string XmlAttributes(object? value, bool autospace)
        {
            if (!(Ops.Check(value) is IDictionary<object, object?> d))
                throw new TemplateError("'" + Ops.ObjectDescription(value) + "' object has no attribute 'items'");
            var text = string.Join(" ", d.Where(kv => kv.Value != null && !(kv.Value is Undefined))
                .Select(kv => Escape(S(kv.Key)) + "=\"" + Escape(S(kv.Value)) + "\""));
            return autospace && text.Length > 0 ? " " + text : text;
        }
    }
}
