using System;
using System.Collections.Specialized;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// Variables as PowerShell likes them: an ordered, case-sensitive dictionary (<c>$h.Vars.litellm_port</c> works,
    /// nested mappings too) whose text form is compact JSON, so Export-Csv writes a readable column.
    /// </summary>
    public sealed class HxVariableTable : OrderedDictionary
    {
        private readonly Func<HxVariableTable, string> _textForm;

        /// <summary>The engine fills the table and supplies the JSON writer, which lives with the value model.</summary>
        internal HxVariableTable(Func<HxVariableTable, string> textForm) : base(StringComparer.Ordinal)
        {
            _textForm = textForm;
        }

        public override string ToString() => _textForm(this);
    }
}
