using System.Runtime.CompilerServices;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// The str subclass a string has in Ansible where it is not a plain str: AnsibleUnicode for text loaded from a YAML
    /// file, AnsibleVaultEncryptedUnicode for a <c>!vault</c> value, NativeJinjaText and Markup for what some filters
    /// return (type_debug and Python's messages name it). A YAML timestamp, which this engine keeps as its ISO text,
    /// carries Python's date or datetime the same way.
    /// .NET strings are sealed, so the class is kept beside the string instance, by reference, from load time on; the
    /// string stays an ordinary string everywhere else. A string built later is plain str, as in Python, whose str
    /// operations on a subclass always return a plain str.
    /// </summary>
    public static class StrSubclass
    {
        public const string AnsibleUnicode = "AnsibleUnicode";
        public const string AnsibleVaultEncryptedUnicode = "AnsibleVaultEncryptedUnicode";
        public const string NativeJinjaText = "NativeJinjaText";
        public const string Markup = "Markup";
        public const string Date = "date";
        public const string DateTime = "datetime";

        private static readonly ConditionalWeakTable<string, string> Classes = new ConditionalWeakTable<string, string>();

        /// <summary>An instance of its own holding <paramref name="text"/> with that class (the given one may be shared: "", literals).</summary>
        public static string Create(string text, string className)
        {
            var own = Copy(text);
            Classes.Add(own, className);
            return own;
        }

        /// <summary>The class name, or null for a plain str.</summary>
        public static string? Of(string text) => Classes.TryGetValue(text, out var className) ? className : null;

        /// <summary>Jinja's object_type_repr of a marked string: its class with the module (null for a plain str).</summary>
        public static string? QualifiedName(string text)
        {
            var className = Of(text);
            return className switch
            {
                null => null,
                NativeJinjaText => "ansible.utils.native_jinja." + className,
                Markup => "markupsafe." + className,
                Date or DateTime => "datetime." + className,
                _ => "ansible.parsing.yaml.objects." + className,
            };
        }

        /// <summary>
        /// The result of a str operation, as the plain str Python returns: .NET hands the operand itself back when
        /// nothing changes (lower of lower case text, a trim with nothing to trim, a concatenation with "").
        /// </summary>
        public static string Plain(string result) => Classes.TryGetValue(result, out _) ? Copy(result) : result;

        // string.Copy is the one way to get an empty string that is not the shared string.Empty.
#pragma warning disable CS0618
        private static string Copy(string text) => string.Copy(text);
#pragma warning restore CS0618
    }
}
