using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>JSON and YAML in and out (Ansible's to_/from_ filters, Jinja's tojson) and pprint.</summary>
    internal static class SerializationFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(NativeText(ToJson), "to_json"),
            new FilterDefinition(NativeText(ToNiceJson), "to_nice_json"),
            new FilterDefinition(TemplateToJson, "tojson"),
            new FilterDefinition(FromJson, "from_json"),
            new FilterDefinition(FromYaml, "from_yaml"),
            new FilterDefinition(FromYamlAll, "from_yaml_all"),
            new FilterDefinition(NativeText(ToYaml), "to_yaml"),
            new FilterDefinition(NativeText(ToNiceYaml), "to_nice_yaml"),
            new FilterDefinition(PrettyPrint, "pprint"),
        };

        public static object? ToJson(Interpreter it, object? v, CallArgs a) => Json(v, JsonOptions(a, null, false));

        public static object? ToNiceJson(Interpreter it, object? v, CallArgs a) => Json(v, JsonOptions(a, 4, true));

        public static object? TemplateToJson(Interpreter it, object? v, CallArgs a)
        {
            var indent = a.Get(0, "indent");
            var json = PyJson.Dumps(Ops.Check(v), new PyJsonOptions { SortKeys = true, Indent = indent == null ? (int?)null : (int)PyNumber.ToBig(indent) });
            return json.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026").Replace("'", "\\u0027");
        }

        public static object? FromJson(Interpreter it, object? v, CallArgs a)
        {
            try { return PyJsonReader.Parse(S(v)); }
            catch (PyJsonDecodeException e) { throw new TemplateError(e.Message); }
        }

        public static object? FromYaml(Interpreter it, object? v, CallArgs a) => v is string text ? SingleYamlDocument(text) : v;

        public static object? FromYamlAll(Interpreter it, object? v, CallArgs a) => v is string text ? YamlDocuments(text) : v;

        public static object? ToYaml(Interpreter it, object? v, CallArgs a) =>
            Yaml(v, a, (int)a.Int(-1, "indent", 2), a.Get(-1, "default_flow_style", null) is bool b ? b : (bool?)null);

        public static object? ToNiceYaml(Interpreter it, object? v, CallArgs a) => Yaml(v, a, (int)a.Int(0, "indent", 4), false);

        public static object? PrettyPrint(Interpreter it, object? v, CallArgs a) => PyPrettyPrint.Format(Ops.Check(v));

        private static string Yaml(object? v, CallArgs a, int indent, bool? flowStyle)
        {
            foreach (var kw in a.Keywords)
            {
                // Ansible passes allow_unicode itself, so a caller's value is Python's duplicate-keyword error.
                if (kw.Key == "allow_unicode") throw new TemplateError("yaml.dump() got multiple values for keyword argument 'allow_unicode'");
                if (kw.Key != "indent" && kw.Key != "default_flow_style" && kw.Key != "sort_keys" && kw.Key != "width" && kw.Key != "explicit_start"
                    && kw.Key != "explicit_end")
                    throw new TemplateError("yaml.dump option '" + kw.Key + "' is not supported by this engine");
            }
            return PyYamlWriter.Dump(v, indent, flowStyle, a.Bool(-1, "sort_keys", true), (int)a.Int(-1, "width", 80), true,
                a.Bool(-1, "explicit_start", false), a.Bool(-1, "explicit_end", false));
        }

        private static string Json(object? v, PyJsonOptions options)
        {
            if (options.SortKeys) CheckSortableKeys(v, 0);
            return PyJson.Dumps(v, options);
        }

        /// <summary>json.dumps(sort_keys=True) sorts the original keys, so mixed key types are Python's TypeError.</summary>
        private static void CheckSortableKeys(object? v, int depth)
        {
            if (depth > 500) return;
            if (v is IDictionary<object, object?> d)
            {
                var keys = d.Keys.ToList();
                for (var i = 1; i < keys.Count; i++) Ops.Compare(keys[i], keys[0], "<");
                foreach (var value in d.Values) CheckSortableKeys(value, depth + 1);
            }
            else if (v is IList<object?> l) foreach (var item in l) CheckSortableKeys(item, depth + 1);
        }

        /// <summary>from_yaml: PyYAML's safe load of one document (a stream of several is an error, as in yaml.load).</summary>
        private static object? SingleYamlDocument(string text)
        {
            var documents = YamlDocuments(text);
            if (documents.Count > 1) throw new TemplateError("expected a single document in the stream, but found another document");
            return documents.Count == 0 ? null : documents[0];
        }

        private static List<object?> YamlDocuments(string text)
        {
            try { return AnsibleYamlReader.LoadAll(text); }
            catch (AnsibleYamlException e) { throw new TemplateError(e.Message); }
        }

        private static PyJsonOptions JsonOptions(CallArgs a, int? indent, bool sortKeys)
        {
            var options = new PyJsonOptions
            {
                Indent = a.Has(-1, "indent") ? (a.Get(-1, "indent") == null ? (int?)null : (int)a.Int(-1, "indent", 0)) : indent,
                SortKeys = a.Bool(-1, "sort_keys", sortKeys),
                EnsureAscii = a.Bool(-1, "ensure_ascii", true),
            };
            if (indent.HasValue) options.ItemSeparator = ",";
            if (a.Get(-1, "separators") is IEnumerable<object?> seps)
            {
                var pair = seps.Select(S).ToList();
                options.ItemSeparator = pair[0];
                options.KeySeparator = pair[1];
            }
            return options;
        }
    }
}
