using System;
using System.Collections.Generic;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Every failure of the template engine: where it happened and what to fix.</summary>
    public abstract class TemplateException : HxException
    {
        protected TemplateException(string errorId, string message, string? templateName, int line, int column, string? excerpt, Exception? inner = null,
            string? hint = null)
            : base(errorId, Compose(message + (hint != null ? " " + hint : ""), templateName, line, column, excerpt), templateName, line, column, inner,
                errorId == "TemplateSyntaxError" ? HxErrorKind.ParseError : HxErrorKind.InvalidData)
        {
            Reason = message;
            TemplateName = templateName;
            Excerpt = excerpt;
        }

        /// <summary>The bare reason, without position (as Jinja words it).</summary>
        public string Reason { get; }
        public string? TemplateName { get; }
        /// <summary>The offending source line followed by a caret line, or null.</summary>
        public string? Excerpt { get; }

        private static string Compose(string message, string? name, int line, int column, string? excerpt)
        {
            var where = (name ?? "<template>") + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
            return where + ": " + message + (excerpt != null ? "\n" + excerpt : "");
        }

        /// <summary>The source line at <paramref name="line"/> and a caret under <paramref name="column"/>.</summary>
        internal static string? MakeExcerpt(string? source, int line, int column)
        {
            if (source == null || line <= 0) return null;
            var lines = source.Split('\n');
            if (line > lines.Length) return null;
            var text = lines[line - 1].TrimEnd('\r');
            if (text.Length > 160) text = text.Substring(0, 160);
            var caret = column > 0 ? new string(' ', Math.Min(column - 1, text.Length)) + "^" : "";
            return "    " + text + (caret.Length > 0 ? "\n    " + caret : "");
        }
    }

    /// <summary>The template source is not valid Jinja (also unknown filters/tests and unknown tags).</summary>
    public class TemplateSyntaxException : TemplateException
    {
        internal TemplateSyntaxException(string message, string? templateName, int line, int column, string? source, string? hint = null)
            : base("TemplateSyntaxError", message, templateName, line, column, MakeExcerpt(source, line, column), null, hint) { }
    }

    /// <summary>Rendering failed: a type error, a failing filter, recursion too deep, a missing template.</summary>
    public class TemplateRuntimeException : TemplateException
    {
        internal TemplateRuntimeException(string message, string? templateName, int line, int column, string? source, Exception? inner = null,
            string? hint = null)
            : this("TemplateRuntimeError", message, templateName, line, column, source, inner, hint) { }

        private protected TemplateRuntimeException(string errorId, string message, string? templateName, int line, int column, string? source, Exception? inner,
            string? hint)
            : base(errorId, message, templateName, line, column, MakeExcerpt(source, line, column), inner, hint) { }
    }

    /// <summary>An undefined variable, attribute or item was used (printed, iterated, tested for truth, computed with).</summary>
    public sealed class UndefinedVariableException : TemplateRuntimeException
    {
        private readonly string? _source;

        internal UndefinedVariableException(string message, string? variableName, string? suggestion, string? templateName, int line, int column,
            string? source)
            : base("TemplateUndefinedVariable", message, templateName, line, column, source, null, suggestion != null ? "(did you mean '" + suggestion + "'?)"
                : null)
        {
            VariableName = variableName;
            Suggestion = suggestion;
            _source = source;
        }

        /// <summary>The same error with its suggestion picked from <paramref name="candidates"/>: a caller that knows which names the template could have
        /// meant.</summary>
        internal UndefinedVariableException SuggestingFrom(IEnumerable<string> candidates) =>
            new UndefinedVariableException(Reason, VariableName, VariableName == null ? null : DidYouMean.Closest(VariableName, candidates), TemplateName, Line,
                Column, _source);

        /// <summary>The undefined top-level name, when the failure is about a name rather than an attribute.</summary>
        public string? VariableName { get; }
        /// <summary>The closest existing variable name, if one is close enough.</summary>
        public string? Suggestion { get; }
    }

    /// <summary>
    /// A render that shares the caller's lists and dicts was about to change one; it is run again with its own copies
    /// (Ansible renders each template in a forked worker, so nothing a template changes outlives it). Never escapes the engine.
    /// </summary>
    internal sealed class SharedValueMutation : TemplateException
    {
        public SharedValueMutation() : base("TemplateSharedValueMutation", "a template changes a list or dict variable", null, 0, 0, null)
        {
        }
    }
}
