using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Templating;
using HxLiteLLM.Values;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Ansible's <c>hostvars</c>: every inventory host by name, each host's variables built only when that host is
    /// read (inventory, group_vars and host_vars merged, the host's magic variables, extra vars, the play-independent
    /// magic variables). A name that is not an inventory host is undefined.
    /// </summary>
    internal sealed class InventoryHostVars : LazyMapping
    {
        private readonly IReadOnlyList<string> _hosts;
        private readonly HashSet<string> _known;
        private readonly Func<string, PyDict> _rawVariables;

        public InventoryHostVars(IReadOnlyList<string> hosts, Func<string, PyDict> rawVariables)
        {
            _hosts = hosts;
            _known = new HashSet<string>(hosts, StringComparer.Ordinal);
            _rawVariables = rawVariables;
        }

        public override string PythonTypeName => "HostVars";

        protected override IReadOnlyList<string> KeyNames => _hosts;

        protected override bool Contains(string key) => _known.Contains(key);

        protected override object? Compute(string key) => new HostVarsVars(_rawVariables(key));

        /// <summary>The same hosts, each host's variables passed through <paramref name="transform"/> when read (e.g. secrets masked).</summary>
        public InventoryHostVars Transformed(Func<PyDict, PyDict> transform) => new InventoryHostVars(_hosts, host => transform(_rawVariables(host)));
    }

    /// <summary>
    /// One host's variables in <c>hostvars</c>: each value is templated with that host's variables when read, and,
    /// as Ansible templates them with fail_on_undefined=False, a value reading an undefined variable stays as written.
    /// </summary>
    internal sealed class HostVarsVars : LazyMapping
    {
        private readonly IReadOnlyList<string> _names;
        private readonly VariableResolver _resolver;

        public HostVarsVars(PyDict raw)
        {
            _names = raw.Keys.OfType<string>().ToList();
            _resolver = new VariableResolver(raw);
        }

        public override string PythonTypeName => "HostVarsVars";

        protected override IReadOnlyList<string> KeyNames => _names;

        protected override bool Contains(string key) => _resolver.IsDefined(key);

        protected override object? Compute(string key) => _resolver.ValueOrRaw(key);
    }
}
