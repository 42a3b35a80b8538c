using System.Collections;
using System.Collections.Generic;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;

namespace HxLiteLLM.Inventory
{
    /// <summary>Between the value model and the public <see cref="HxVariableTable"/>.</summary>
    public static class VariableTables
    {
        /// <summary>Converts a value-model mapping (nested mappings and lists included); strings holding a registered secret are masked.</summary>
        public static HxVariableTable From(IDictionary<object, object?> vars, SecretRedactor? redactor = null)
        {
            var table = new HxVariableTable(CompactJson);
            foreach (var kv in vars) table[PyRepr.Str(kv.Key)] = Convert(kv.Value, redactor);
            return table;
        }

        /// <summary>Back to the value model, for JSON and template use.</summary>
        public static PyDict ToPyDict(this HxVariableTable table)
        {
            var dict = new PyDict();
            foreach (DictionaryEntry e in table) dict[e.Key] = Back(e.Value);
            return dict;
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

        private static object? Back(object? value) => value switch
        {
            HxVariableTable t => t.ToPyDict(),
            object?[] a => new List<object?>(System.Linq.Enumerable.Select(a, Back)),
            _ => value,
        };

        private static string CompactJson(HxVariableTable table) =>
            PyJson.Dumps(table.ToPyDict(), new PyJsonOptions { EnsureAscii = false, ItemSeparator = ",", KeySeparator = ":" });
    }
}
