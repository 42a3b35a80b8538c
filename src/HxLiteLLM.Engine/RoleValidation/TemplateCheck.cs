using System;
using System.Collections.Generic;
using System.Linq;
using HxLiteLLM.Results;
using HxLiteLLM.Values;
using HxLiteLLM.Templating;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Static checks of templates: Jinja syntax (file:line:col), filters and tests the engine does not know, and —
    /// when a host's variables are given — every variable a template reads (directly or through the variables it
    /// reads) that is not defined, and every defined litellm_* variable neither the templates nor the role's tasks use.
    /// </summary>
    public static class TemplateCheck
    {
        public const string LiteLLMPrefix = "litellm_";

        /// <param name="variables">The host's variables, or null to check syntax, filters and tests only.</param>
        public static IReadOnlyList<HxCheckResult> Check(IReadOnlyList<TemplateFile> templates, HostVariables? variables)
        {
            var results = new List<HxCheckResult>();
            var compiled = new List<(TemplateFile File, CompiledTemplate Template)>();
            var options = new TemplateOptions { VaultSecrets = variables?.VaultSecrets ?? Array.Empty<Vault.VaultSecret>() };
            foreach (var t in templates)
            {
                try
                {
                    var template = AnsibleTemplate.CompileFile(t.Path, options, t.LoaderRoot);
                    compiled.Add((t, template));
                    results.Add(RoleCheck.Result("TemplateSyntax", t.Path, HxStatus.Passed, HxCategory.Template, "The template parses.").At(t.Path));
                }
                catch (TemplateException e)
                {
                    results.Add(RoleCheck.Result("TemplateSyntax", t.Path, HxStatus.Failed, HxCategory.Template,
                        Position(t.Path, e.Line, e.Column) + ": " + e.Reason + (e.Excerpt != null ? "\n" + e.Excerpt : ""),
                        "Fix the Jinja syntax at " + Position(t.Path, e.Line, e.Column) + ".").At(t.Path, e.Line, e.Column));
                }
            }
            foreach (var (file, template) in compiled) results.AddRange(UnknownNames(file, template));
            if (variables == null) return results;

            var resolver = new VariableResolver(variables.Values);
            var defined = variables.SuggestionNames.ToList();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (file, template) in compiled)
            {
                var optional = TemplateAnalysis.OptionalNames(template);
                var reported = 0;
                foreach (var name in template.FreeVariables)
                {
                    used.Add(name);
                    if (resolver.IsDefined(name) || Builtin(name)) continue;
                    if (optional.Contains(name)) continue;
                    var (line, column) = TemplateAnalysis.FirstUse(template, name);
                    var suggestion = DidYouMean.Closest(name, defined);
                    if (suggestion == null && name.StartsWith("ansible_", StringComparison.Ordinal))
                    {
                        // Facts (ansible_hostname, ansible_default_ipv4 …) exist only once a play gathers them.
                        results.Add(RoleCheck.Result("UndefinedVariable", file.Path, HxStatus.Warning, HxCategory.Template,
                            Position(file.Path, line, column) + ": '" + name
                                + "' is not in the inventory; if it is a gathered fact it is only known when the play runs (and cannot be rendered offline).",
                            "Set '" + name + "' with -Variable to render offline.").At(file.Path, line, column));
                        reported++;
                        continue;
                    }
                    results.Add(RoleCheck.Result("UndefinedVariable", file.Path, HxStatus.Failed, HxCategory.Template,
                        Position(file.Path, line, column) + ": '" + name + "' is not defined for this host." + DidYouMean.Sentence(suggestion),
                        suggestion != null ? "Rename it to '" + suggestion + "' or define '" + name + "' in the inventory's group_vars." : "Define '" + name
                            + "' in the inventory's group_vars or the role's defaults.").At(file.Path, line, column));
                    reported++;
                }
                foreach (var (owner, name) in IndirectUndefined(resolver, template.FreeVariables))
                {
                    var suggestion = DidYouMean.Closest(name, defined);
                    results.Add(RoleCheck.Result("UndefinedVariable", file.Path, HxStatus.Failed, HxCategory.Template,
                        file.Path + ": '" + name + "' (read by variable '" + owner + "', from " + Origin(variables, owner) + ") is not defined for this host."
                            + DidYouMean.Sentence(suggestion),
                        "Define '" + name + "' or change the value of '" + owner + "'.").At(file.Path));
                    reported++;
                }
                if (reported == 0)
                {
                    results.Add(RoleCheck.Result("UndefinedVariable", file.Path, HxStatus.Passed, HxCategory.Template,
                        "Every variable the template reads is defined."));
                }
            }
            if (templates.Any(t => t.RolePath != null)) used.UnionWith(RoleTaskUsage.NamesRead(templates.First(t => t.RolePath != null).RolePath!));
            var reachable = new HashSet<string>(resolver.Closure(used), StringComparer.Ordinal);
            foreach (var name in defined.Where(n => n.StartsWith(LiteLLMPrefix, StringComparison.Ordinal) && !reachable.Contains(n)
                && !variables.MagicNames.Contains(n)))
            {
                results.Add(RoleCheck.Result("UnusedVariable", name, HxStatus.Warning, HxCategory.Template,
                    "'" + name + "' is defined (" + Origin(variables, name) + ") but no template or task of the role uses it."
                        + DidYouMean.Sentence(DidYouMean.Closest(name, used.Where(u => !resolver.IsDefined(u)))),
                    "Remove '" + name + "' or use it in a template; a misspelt name silently keeps the default."));
            }
            return results;
        }

        /// <summary>Undefined names read by the defined variables a template reads (transitively), with the variable reading them.</summary>
        private static IEnumerable<(string Owner, string Name)> IndirectUndefined(VariableResolver resolver, IEnumerable<string> direct)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var owner in resolver.Closure(direct))
            {
                foreach (var name in resolver.Dependencies(owner))
                {
                    if (!resolver.IsDefined(name) && !Builtin(name) && seen.Add(name)) yield return (owner, name);
                }
            }
        }

        private static IEnumerable<HxCheckResult> UnknownNames(TemplateFile file, CompiledTemplate template)
        {
            foreach (var filter in template.UnknownFilters) yield return Unknown(file, template, "filter", filter, Filters.Names);
            foreach (var test in template.UnknownTests) yield return Unknown(file, template, "test", test, Templating.Tests.Names);
        }

        private static HxCheckResult Unknown(TemplateFile file, CompiledTemplate template, string kind, string name, IEnumerable<string> known)
        {
            // A collection filter (namespace.collection.name) may exist on the controller; a bare unknown name fails there too.
            var qualified = name.Count(c => c == '.') >= 2;
            var suggestion = qualified ? null : DidYouMean.Closest(name, known);
            return RoleCheck.Result(kind == "filter" ? "UnknownFilter" : "UnknownTest", file.Path, qualified ? HxStatus.Warning : HxStatus.Failed,
                HxCategory.Template,
                file.Path + ": the " + kind + " '" + name + "' is not provided by this engine"
                    + (qualified ? " (it may come from a collection; not verified)." : "; Ansible fails with \"No " + kind + " named '" + name + "'\".")
                    + DidYouMean.Sentence(suggestion),
                qualified ? "" : "Use a known " + kind + (suggestion != null ? " such as '" + suggestion + "'" : "") + ".");
        }

        /// <summary>Names every template of the template module can read without any inventory.</summary>
        private static bool Builtin(string name) =>
            name == "ansible_managed" || name.StartsWith("template_", StringComparison.Ordinal) || name == "omit" || name == "lookup" || name == "query"
                || name == "q";

        private static string Origin(HostVariables variables, string name) =>
            variables.Origins.TryGetValue(name, out var origin) ? origin : "unknown";

        private static string Position(string file, int line, int column) => file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }
}
