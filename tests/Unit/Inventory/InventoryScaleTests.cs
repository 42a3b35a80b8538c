using System;
using System.IO;
using System.Text;
using HxLiteLLM.Inventory;
using Xunit;

namespace HxLiteLLM.Tests.Inventory
{
    public sealed class InventoryScaleTests
    {
        /// <summary>The shape the benchmark uses: groups of 100 hosts, inline vars, :vars per group, one :children.</summary>
        internal static string BenchmarkShape(int groups)
        {
            var sb = new StringBuilder();
            for (var g = 0; g < groups; g++)
            {
                sb.Append("[grp").Append(g.ToString("000")).Append("]\n");
                for (var h = 0; h < 100; h++)
                {
                    var n = g * 100 + h;
                    sb.Append("host").Append(n.ToString("00000")).Append(" ansible_host=10.").Append(g).Append('.').Append(h / 256).Append('.').Append(h % 256)
                      .Append(" idx=").Append(n).Append(" role=\"web server\"\n");
                }
                sb.Append("[grp").Append(g.ToString("000")).Append(":vars]\nansible_user=admin\ngroup_num=").Append(g).Append("\ntags=['a', 'b']\n");
            }
            sb.Append("[all_groups:children]\n");
            for (var g = 0; g < groups; g++) sb.Append("grp").Append(g.ToString("000")).Append('\n');
            return sb.ToString();
        }

        /// <summary>The benchmark's inventory loads completely; its speed is measured by the Bench task, never asserted here.</summary>
        [Fact]
        public void TenThousandHostsLoadAndList()
        {
            var dir = Path.Combine(Path.GetTempPath(), "hx-inventory-perf-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "hosts");
                File.WriteAllText(path, BenchmarkShape(100));
                var model = InventoryLoader.Load(path);
                var json = model.ToAnsibleListJson();

                Assert.Equal(10_000, model.Hosts.Count);
                Assert.Equal(103, model.Groups.Count); // all, ungrouped, 100 groups, all_groups
                Assert.Contains("\"host09999\": {\n                \"ansible_host\": \"10.99.0.99\",", json);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
