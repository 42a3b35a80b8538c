using HxLiteLLM.Values;
using static HxLiteLLM.Templating.Filters;

namespace HxLiteLLM.Templating
{
    /// <summary>Filters about definedness, truth and types: default, mandatory, attr, bool, ternary, type_debug, to_datetime, strftime.</summary>
    internal static class CoreFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(Default, "default", "d"),
            new FilterDefinition(Mandatory, "mandatory"),
            new FilterDefinition(Attr, "attr"),
            new FilterDefinition(Bool, "bool"),
            new FilterDefinition(Ternary, "ternary"),
            new FilterDefinition(TypeDebug, "type_debug"),
            new FilterDefinition(ToDatetime, "to_datetime"),
            new FilterDefinition(Strftime, "strftime"),
        };

        public static object? Default(Interpreter it, object? v, CallArgs a)
        {
            var fallback = a.Get(0, "default_value", "");
            return v is Undefined || (a.Bool(1, "boolean", false) && !Ops.Truthy(v)) ? fallback : v;
        }

        public static object? Mandatory(Interpreter it, object? v, CallArgs a)
        {
            if (!(v is Undefined u)) return v;
            if (a.Get(0, "msg") is object msg) throw new TemplateError(S(msg));
            throw new TemplateError("Mandatory variable " + (u.VariableName != null ? "'" + u.VariableName + "' " : "") + " not defined.");
        }

        public static object? Attr(Interpreter it, object? v, CallArgs a)
        {
            var name = a.Str(0, "name", "");
            if (v is IAttributeSource source && source.TryGetAttribute(name, out var value)) return value;
            return Methods.TryBind(v, name, out var method) ? method
                : new Undefined("'" + Ops.ObjectDescription(v) + "' has no attribute '" + name + "'", name);
        }

        /// <summary>Ansible's to_bool: yes/on/1/true (any case) and the number 1 are true; None and booleans pass through.</summary>
        public static object? Bool(Interpreter it, object? v, CallArgs a)
        {
            if (v == null || v is bool) return v;
            var s = v is string str ? str.ToLowerInvariant() : v;
            return s is string t ? t == "yes" || t == "on" || t == "1" || t == "true" : PyEquality.AreEqual(s, 1L);
        }

        public static object? Ternary(Interpreter it, object? v, CallArgs a)
        {
            var noneValue = a.Get(2, "none_val");
            if (v == null && noneValue != null) return noneValue;
            return Ops.Truthy(v) ? a.Get(0, "true_val") : a.Get(1, "false_val");
        }

        public static object? TypeDebug(Interpreter it, object? v, CallArgs a) => Ops.TypeName(v);

        /// <summary>Ansible's strftime: time.strftime over localtime (or gmtime with utc) of the given epoch seconds, or now.</summary>
        public static object? Strftime(Interpreter it, object? v, CallArgs a)
        {
            var second = a.Get(0, "second");
            double? seconds = null;
            if (second != null)
            {
                var parsed = ToFloat(second, null);
                seconds = parsed is double d ? d : throw new TemplateError("Invalid value for epoch value (" + S(second) + ")");
            }
            return PyDateTime.TimeStrftime(S(v), seconds, a.Bool(1, "utc", false));
        }

        public static object? ToDatetime(Interpreter it, object? v, CallArgs a) => PyDateTime.Strptime(S(v), a.Str(0, "format", "%Y-%m-%d %H:%M:%S"));
    }
}
