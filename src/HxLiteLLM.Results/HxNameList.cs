using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace HxLiteLLM.Results
{
    /// <summary>
    /// Names (groups, hosts, variables, keys) in a result. A list to scripts: ConvertTo-Json writes an array,
    /// -contains and indexing work. Its text form is the names comma-separated, so Export-Csv writes "a,b" and not
    /// the type name it writes for a plain string[].
    /// </summary>
    public sealed class HxNameList : ReadOnlyCollection<string>
    {
        public static readonly HxNameList Empty = new HxNameList(Enumerable.Empty<string>());

        public HxNameList(IEnumerable<string> names) : base(names.ToArray()) { }

        public override string ToString() => string.Join(",", this);
    }
}
