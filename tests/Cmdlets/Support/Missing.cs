using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace HxLiteLLM.Cmdlets.Tests.Support
{
    public static class Missing
    {
        /// <summary>Fails naming every item of <paramref name="items"/>: the ones a table or a run lacks.</summary>
        public static void None(IEnumerable<string> items)
        {
            var list = items.ToList();
            Assert.True(list.Count == 0, "missing: " + string.Join(", ", list));
        }
    }
}
