using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using HxLiteLLM.Values;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// Variables as PowerShell likes them: an ordered, case-sensitive dictionary (<c>$h.Vars.litellm_port</c> works,
    /// nested mappings too) whose text form is compact JSON, so Export-Csv writes a readable column.
    /// </summary>
    public sealed class HxVariableTable : OrderedDictionary
    {
        private HxVariableTable() : base(System.StringComparer.Ordinal) { }

        /// <summary>Converts a value-model mapping (nested mappings and lists included); strings holding a registered secret are masked.</summary>
        public static HxVariableTable From(IDictionary<object, object?> vars, SecretRedactor? redactor = null)
        {
            var table = new HxVariableTable();
            foreach (var kv in vars) table[PyRepr.Str(kv.Key)] = Convert(kv.Value, redactor);
            return table;
        }

        private static object? Convert(object? value, SecretRedactor? redactor) => value switch
        {
            IDictionary<object, object?> d => From(d, redactor),
            string s => redactor == null ? s : redactor.Redact(s),
            IEnumerable<object?> list => ConvertList(list, redactor),
            _ => value,
        };

        private static object?[] ConvertList(IEnumerable<object?> list, SecretRedactor? redactor)
        {
            var items = new List<object?>();
            foreach (var item in list) items.Add(Convert(item, redactor));
            return items.ToArray();
        }

        /// <summary>Back to the value model, for JSON and template use.</summary>
        public PyDict ToPyDict()
        {
            var dict = new PyDict();
            foreach (DictionaryEntry e in this) dict[e.Key] = Back(e.Value);
            return dict;
        }

        private static object? Back(object? value) => value switch
        {
            HxVariableTable t => t.ToPyDict(),
            object?[] a => new List<object?>(System.Linq.Enumerable.Select(a, Back)),
            _ => value,
        };

        public override string ToString() => PyJson.Dumps(ToPyDict(), new PyJsonOptions { EnsureAscii = false, ItemSeparator = ",", KeySeparator = ":" });
    }
}
