using System;
using System.Collections.Generic;
using System.Linq;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// Key exchange preference. SSH.NET offers the post-quantum hybrid sntrup761x25519 first, which costs about
    /// 50 ms of client CPU per connection; curve25519-sha256 costs about 10 ms and is what a pre-flight over many
    /// hosts wants. The order is a deliberate option: the default puts curve25519 first and keeps the rest of
    /// SSH.NET's list after it (so servers without curve25519 still negotiate); callers may reorder or trim it.
    /// </summary>
    public static class KeyExchangeOrder
    {
        public static readonly IReadOnlyList<string> Default = new[]
        {
            "curve25519-sha256",
            "curve25519-sha256@libssh.org",
        };

        /// <summary>
        /// Reorders the connection's algorithms: the preferred names first (those SSH.NET knows, in the given order),
        /// then, unless <paramref name="trim"/>, every other supported algorithm in SSH.NET's own order.
        /// </summary>
        public static void Apply(ConnectionInfo info, IEnumerable<string> preferred, bool trim = false)
        {
            var all = info.KeyExchangeAlgorithms.ToList();
            var byName = all.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var ordered = new List<KeyValuePair<string, Func<IKeyExchange>>>();
            foreach (var name in preferred.Distinct(StringComparer.Ordinal))
            {
                if (byName.TryGetValue(name, out var factory)) ordered.Add(new KeyValuePair<string, Func<IKeyExchange>>(name, factory));
            }
            if (ordered.Count == 0)
            {
                throw new HxException("KeyExchangeUnsupported", "None of the key exchange algorithms '" + string.Join(", ", preferred)
                    + "' is supported; choose from: " + string.Join(", ", all.Select(kv => kv.Key)) + ".");
            }
            if (!trim) ordered.AddRange(all.Where(kv => ordered.All(o => o.Key != kv.Key)));
            info.KeyExchangeAlgorithms.Clear();
            foreach (var kv in ordered) info.KeyExchangeAlgorithms.Add(kv.Key, kv.Value);
        }
    }
}
