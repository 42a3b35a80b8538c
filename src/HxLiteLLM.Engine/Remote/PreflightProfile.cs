using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// Where a pre-flight's controller time goes, per stage (key exchange, authentication, probe, parsing, evidence...):
    /// wall time, process CPU and managed allocation between a stage's start and end, summed over hosts. Only the bench
    /// switches it on, by naming a file in HX_PREFLIGHT_PROFILE; the runner writes the totals there when a run ends.
    /// Process-wide counters attribute cleanly only when hosts run one at a time (ThrottleLimit 1), as the bench does.
    /// </summary>
    internal static class PreflightProfile
    {
        public const string Variable = "HX_PREFLIGHT_PROFILE";
        private static readonly string? OutputPath = Environment.GetEnvironmentVariable(Variable);
        private static readonly ConcurrentDictionary<string, Totals> Stages = new ConcurrentDictionary<string, Totals>(StringComparer.Ordinal);
        private static readonly Func<bool, long>? AllocatedBytes = FindAllocatedBytes();

        public static bool Enabled => !string.IsNullOrEmpty(OutputPath);

        /// <summary>A stage's starting point; <see cref="ProfileMark.None"/> when profiling is off (no counters read).</summary>
        public static ProfileMark Start() => Enabled ? new ProfileMark(Stopwatch.GetTimestamp(), ProcessCpuTicks(), AllocatedBytes?.Invoke(false) ?? 0)
            : ProfileMark.None;

        /// <summary>Adds what happened since <paramref name="start"/> to the stage; returns a new mark for the next stage.</summary>
        public static ProfileMark End(string stage, ProfileMark start)
        {
            if (!start.Active) return start;
            var now = Start();
            var totals = Stages.GetOrAdd(stage, _ => new Totals());
            Interlocked.Increment(ref totals.Count);
            Interlocked.Add(ref totals.WallTicks, now.WallTicks - start.WallTicks);
            Interlocked.Add(ref totals.CpuTicks, now.CpuTicks - start.CpuTicks);
            Interlocked.Add(ref totals.Bytes, now.Bytes - start.Bytes);
            return now;
        }

        /// <summary>Writes the totals as tab-separated lines: stage, count, wall ms, CPU ms, allocated bytes; then resets them.</summary>
        public static void Flush(int hosts, ProfileMark run)
        {
            if (!run.Active) return;
            End("(whole run)", run);
            var sb = new StringBuilder("stage\tcount\twall_ms\tcpu_ms\tallocated_bytes\thosts=" + hosts.ToString(CultureInfo.InvariantCulture) + "\n");
            foreach (var stage in Stages.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var t = stage.Value;
                sb.Append(stage.Key).Append('\t').Append(t.Count.ToString(CultureInfo.InvariantCulture))
                    .Append('\t').Append((t.WallTicks * 1000.0 / Stopwatch.Frequency).ToString("0.###", CultureInfo.InvariantCulture))
                    .Append('\t').Append((t.CpuTicks / 10000.0).ToString("0.###", CultureInfo.InvariantCulture))
                    .Append('\t').Append(t.Bytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            Stages.Clear();
            File.WriteAllText(OutputPath!, sb.ToString());
        }

        /// <summary>Process CPU (user + system) in 100 ns ticks: getrusage on Linux (a cheap system call), else the Process API.</summary>
        private static long ProcessCpuTicks()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && getrusage(0, out var u) == 0)
            {
                return (u.UserSeconds + u.SystemSeconds) * 10_000_000 + (u.UserMicroseconds + u.SystemMicroseconds) * 10;
            }
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime.Ticks;
        }

        /// <summary>GC.GetTotalAllocatedBytes exists on .NET (Core) 3+, not in netstandard2.0's surface.</summary>
        private static Func<bool, long>? FindAllocatedBytes()
        {
            var method = typeof(GC).GetMethod("GetTotalAllocatedBytes", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(bool) }, null);
            return method == null ? null : (Func<bool, long>)Delegate.CreateDelegate(typeof(Func<bool, long>), method);
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int getrusage(int who, out RUsage usage);

        /// <summary>Linux's struct rusage (64-bit, 144 bytes): user and system time lead; the other fields are not read.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 144)]
        private struct RUsage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
        }

        private sealed class Totals
        {
            public long Count;
            public long WallTicks;
            public long CpuTicks;
            public long Bytes;
        }
    }

    /// <summary>Counters at a stage's start (see <see cref="PreflightProfile"/>).</summary>
    internal readonly struct ProfileMark
    {
        public static readonly ProfileMark None = default;

        public ProfileMark(long wallTicks, long cpuTicks, long bytes)
        {
            WallTicks = wallTicks;
            CpuTicks = cpuTicks;
            Bytes = bytes;
            Active = true;
        }

        public long WallTicks { get; }
        public long CpuTicks { get; }
        public long Bytes { get; }
        public bool Active { get; }
    }
}
