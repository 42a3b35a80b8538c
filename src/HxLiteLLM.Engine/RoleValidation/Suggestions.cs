using System.Collections.Generic;
using HxLiteLLM.Templating;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>"Did you mean" hints, with the same distance rule the template engine uses for undefined names.</summary>
    internal static class Suggestions
    {
        public static string? Closest(string name, IEnumerable<string> candidates) => TemplateEnvironment.Suggest(name, candidates);

        public static string DidYouMean(string? suggestion) => suggestion == null ? "" : " Did you mean '" + suggestion + "'?";
    }
}
