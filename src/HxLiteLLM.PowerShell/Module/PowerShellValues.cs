using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Numerics;
using System.Security;
using HxLiteLLM.Values;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>Turns what PowerShell hands a cmdlet (hashtables, PSObjects, arrays, integers of every width, decimals) into the engine's Python-like value model.</summary>
    internal static class PowerShellValues
    {
        public static object? ToValue(object? value)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            switch (value)
            {
                case null: return null;
                case string s: return s;
                case bool b: return b;
                case SwitchParameter sw: return sw.IsPresent;
                case int i: return (long)i;
                case long l: return l;
                case short sh: return (long)sh;
                case byte by: return (long)by;
                case uint ui: return (long)ui;
                case sbyte sb: return (long)sb;
                case ushort us: return (long)us;
                // Integers past long (123...890n, [uint64] values, whole decimals) stay exact Python ints.
                case ulong ul: return PyNumber.Normalize(new BigInteger(ul));
                case BigInteger big: return PyNumber.Normalize(big);
                case decimal m: return decimal.Truncate(m) == m ? PyNumber.Normalize(new BigInteger(m)) : (object)(double)m;
                case double d: return d;
                case float f: return (double)f;
                case char c: return c.ToString();
                case SecureString _: throw new ArgumentException("A SecureString cannot be written as a plain variable; keep it in a vault.");
                case IDictionary dict:
                    var result = new PyDict();
                    foreach (DictionaryEntry e in dict) result[ToValue(e.Key) ?? "None"] = ToValue(e.Value);
                    return result;
                case IEnumerable list:
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(ToValue(item));
                    return items;
                default: return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
