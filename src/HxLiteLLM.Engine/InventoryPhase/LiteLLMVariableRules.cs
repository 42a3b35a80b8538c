using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using HxLiteLLM.Results;
using HxLiteLLM.Values;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// The checks of one host's LiteLLM variables: presence, shapes, backend URLs per provider, model entries, the master
    /// key's place (an encrypted vault) and form, no secret in plain vars, unknown names. Messages never quote a secret.
    /// </summary>
    public static class LiteLLMVariableRules
    {
        public const string Phase = "Inventory";

        private static readonly Regex HostName = new Regex(
            @"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$",
            RegexOptions.CultureInvariant);

        public static List<HxCheckResult> Check(StoredHostVariables host, RemediationContext fix)
        {
            var results = new List<HxCheckResult>();
            var vars = host.Vars;
            foreach (var known in LiteLLMVariables.All.Where(v => v.Required))
            {
                if (vars.ContainsKey(known.Name) || host.StorageOf(known.Name) == VariableStorage.Undecryptable) continue;
                results.Add(Result("RequiredVariable", host, known.Name, HxStatus.Failed, known.Secret ? HxCategory.Vault : HxCategory.Config,
                    known.Name + " is not set for this host (" + known.Description + ").",
                    known.Secret ? fix.SetVaultSecret(known.Name, known.Example) : fix.SetGroupVars(known.Name, known.Example)));
            }
            CheckBindHost(host, fix, results);
            CheckPort(host, fix, results);
            var backends = CheckBackends(host, fix, results);
            CheckModels(host, fix, backends, results);
            CheckBackendUrls(host, fix, backends, results);
            CheckSecret(host, fix, "litellm_master_key", required: true, results);
            CheckSecret(host, fix, "litellm_salt_key", required: false, results);
            CheckDatabase(host, fix, results);
            CheckPlainSecrets(host, fix, results);
            CheckUnknownNames(host, fix, results);
            return results;
        }

        private static void CheckBindHost(StoredHostVariables host, RemediationContext fix, List<HxCheckResult> results)
        {
            const string name = "litellm_bind_host";
            if (!host.Vars.TryGetValue(name, out var value)) return;
            if (Templated(value)) { results.Add(Skipped(host, name)); return; }
            var text = value as string;
            if (text != null && IPAddress.TryParse(text, out var ip))
            {
                var everywhere = ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any);
                results.Add(Result("BindHost", host, name, everywhere ? HxStatus.Warning : HxStatus.Passed, HxCategory.Config,
                    everywhere ? "The proxy listens on every interface (" + text + "); make sure a firewall or the master key protects it." :
                        "The proxy listens on " + text + ".",
                    everywhere ? fix.SetGroupVars(name, "'127.0.0.1'") : ""));
            }
            else if (text != null && HostName.IsMatch(text))
            {
                results.Add(Result("BindHost", host, name, HxStatus.Passed, HxCategory.Config, "The proxy listens on host name " + text + ".", ""));
            }
            else
            {
                results.Add(Result("BindHost", host, name, HxStatus.Failed, HxCategory.Config,
                    name + " must be an IP address or a host name, not " + Describe(value) + ".", fix.SetGroupVars(name, "'127.0.0.1'")));
            }
        }

        private static void CheckPort(StoredHostVariables host, RemediationContext fix, List<HxCheckResult> results)
        {
            const string name = "litellm_port";
            if (!host.Vars.TryGetValue(name, out var value)) return;
            if (Templated(value)) { results.Add(Skipped(host, name)); return; }
            if (value is long port && port >= 1 && port <= 65535)
            {
                results.Add(Result("Port", host, name, HxStatus.Passed, HxCategory.Config, "The proxy port is " + port + ".", ""));
            }
            else if (value is string text && long.TryParse(text, out var quoted) && quoted >= 1 && quoted <= 65535)
            {
                results.Add(Result("Port", host, name, HxStatus.Warning, HxCategory.Config,
                    name + " is the string '" + text + "', not an integer; write it unquoted so templates and comparisons see a number.",
                        fix.SetGroupVars(name, text)));
            }
            else
            {
                results.Add(Result("Port", host, name, HxStatus.Failed, HxCategory.Config,
                    name + " must be an integer from 1 to 65535, not " + Describe(value) + ".", fix.SetGroupVars(name, "4000")));
            }
        }

        /// <summary>The backends mapping (name → api_base) when it has the right shape; reports its shape.</summary>
        private static Dictionary<string, object?> CheckBackends(StoredHostVariables host, RemediationContext fix, List<HxCheckResult> results)
        {
            const string name = "litellm_backends";
            var backends = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (!host.Vars.TryGetValue(name, out var value)) return backends;
            if (!(value is PyDict dict) || dict.Count == 0)
            {
                results.Add(Result("Backends", host, name, HxStatus.Failed, HxCategory.Config,
                    name + " must be a mapping of backend name to { api_base: <url> }, not " + Describe(value) + ".",
                    fix.SetGroupVars(name, LiteLLMVariables.Get(name)!.Example)));
                return backends;
            }
            foreach (var kv in dict)
            {
                var backend = PyRepr.Str(kv.Key);
                if (kv.Value is PyDict settings && settings.TryGetValue("api_base", out var url)) backends[backend] = url;
                else results.Add(Result("Backends", host, name + "." + backend, HxStatus.Failed, HxCategory.Config,
                    "Backend '" + backend + "' has no api_base.", fix.SetGroupVars(name, LiteLLMVariables.Get(name)!.Example)));
            }
            return backends;
        }

        private static void CheckModels(StoredHostVariables host, RemediationContext fix, Dictionary<string, object?> backends, List<HxCheckResult> results)
        {
            const string name = "litellm_models";
            if (!host.Vars.TryGetValue(name, out var value)) return;
            var example = LiteLLMVariables.Get(name)!.Example;
            if (!(value is List<object?> models) || models.Count == 0)
            {
                results.Add(Result("Models", host, name, HxStatus.Failed, HxCategory.Config,
                    name + " must be a non-empty list of { model_name, model, backend } entries, not " + Describe(value) + ".",
                        fix.SetGroupVars(name, example)));
                return;
            }
            for (var i = 0; i < models.Count; i++)
            {
                var target = name + "[" + i + "]";
                var problems = new List<string>();
                var status = HxStatus.Failed;
                if (!(models[i] is PyDict entry))
                {
                    problems.Add("it is " + Describe(models[i]) + ", not a mapping");
                }
                else
                {
                    if (!(entry.TryGetValue("model_name", out var modelName) && modelName is string mn
                        && mn.Trim().Length > 0)) problems.Add("model_name (the name clients ask for) is missing or empty");
                    var provider = ProviderOf(entry, out var providerProblem);
                    if (providerProblem != null) problems.Add(providerProblem);
                    if (entry.TryGetValue("backend", out var backend) && !(backend is string b && backends.ContainsKey(b)))
                    {
                        problems.Add("its backend " + Describe(backend) + " is not a key of litellm_backends");
                    }
                    if (problems.Count == 0 && provider == "vllm")
                    {
                        problems.Add("the vllm/ prefix is the deprecated in-process SDK; use hosted_vllm/ for a vLLM server");
                        status = HxStatus.Warning;
                    }
                }
                results.Add(problems.Count == 0
                    ? Result("ModelEntry", host, target, HxStatus.Passed, HxCategory.Config, "Model entry is complete.", "")
                    : Result("ModelEntry", host, target, status, HxCategory.Config, "Model entry: " + string.Join("; ", problems) + ".",
                        fix.SetGroupVars(name, example)));
            }
        }

        /// <summary>The provider prefix of an entry's model (e.g. ollama_chat), with a problem when it is unusable.</summary>
        private static string? ProviderOf(PyDict entry, out string? problem)
        {
            problem = null;
            if (!(entry.TryGetValue("model", out var model) && model is string text && text.Length > 0))
            {
                problem = "model (<provider>/<model>, e.g. ollama_chat/llama3:8b) is missing";
                return null;
            }
            var slash = text.IndexOf('/');
            if (slash <= 0)
            {
                problem = "model '" + text + "' has no provider prefix (e.g. ollama_chat/, hosted_vllm/)";
                return null;
            }
            var provider = text.Substring(0, slash);
            if (!LiteLLMVariables.KnownProviders.Contains(provider))
            {
                var suggestion = DidYouMean.Closest(provider, LiteLLMVariables.KnownProviders);
                problem = "provider prefix '" + provider + "/' is not one LiteLLM knows" + (suggestion == null ? "" : " (did you mean '" + suggestion + "/'?)");
            }
            return provider;
        }

        private static void CheckBackendUrls(StoredHostVariables host, RemediationContext fix, Dictionary<string, object?> backends,
            List<HxCheckResult> results)
        {
            var models = host.Vars.TryGetValue("litellm_models", out var m) && m is List<object?> list ? list.OfType<PyDict>().ToList() : new List<PyDict>();
            foreach (var backend in backends)
            {
                var target = "litellm_backends." + backend.Key + ".api_base";
                if (Templated(backend.Value)) { results.Add(Skipped(host, target)); continue; }
                var providers = models.Where(e => e.TryGetValue("backend", out var b) && Equals(b, backend.Key))
                    .Select(e => ProviderOf(e, out _)).Where(p => p != null).Distinct().ToList();
                if (providers.Count == 0)
                {
                    // No model says what the backend serves; its name usually does.
                    if (backend.Key.IndexOf("ollama", StringComparison.OrdinalIgnoreCase) >= 0) providers.Add("ollama_chat");
                    else if (backend.Key.IndexOf("vllm", StringComparison.OrdinalIgnoreCase) >= 0
                        || backend.Key.IndexOf("openai", StringComparison.OrdinalIgnoreCase) >= 0) providers.Add("hosted_vllm");
                }
                var problem = UrlProblem(backend.Value, providers!);
                var example = providers.Any(p => LiteLLMVariables.OllamaProviders.Contains(p!)) ? "http://<host>:11434" : "http://<host>:8000/v1";
                results.Add(problem == null
                    ? Result("BackendUrl", host, target, HxStatus.Passed, HxCategory.Config, "Backend URL " + backend.Value + " fits "
                        + (providers.Count == 0 ? "an HTTP backend" : string.Join(", ", providers) + "/") + ".", "")
                    : Result("BackendUrl", host, target, HxStatus.Failed, HxCategory.Config, "Backend '" + backend.Key + "': " + problem + ".",
                        fix.SetGroupVars("litellm_backends", "@{ " + backend.Key + " = @{ api_base = '" + example + "' } }")));
            }
        }

        /// <summary>Why the URL does not work for these providers (Ollama without /v1, OpenAI-compatible with /v1), or null.</summary>
        internal static string? UrlProblem(object? value, IReadOnlyCollection<string> providers)
        {
            if (!(value is string text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri)) return "api_base " + Describe(value)
                + " is not an absolute URL";
            if (uri.Scheme != "http" && uri.Scheme != "https") return "api_base must use http or https, not " + uri.Scheme;
            if (uri.Host.Length == 0) return "api_base has no host";
            if (uri.Port < 1 || uri.Port > 65535) return "api_base has no valid port";
            if (uri.Query.Length > 0 || uri.Fragment.Length > 0) return "api_base must not carry a query or fragment";
            var path = uri.AbsolutePath.TrimEnd('/');
            var v1 = path.EndsWith("/v1", StringComparison.Ordinal);
            if (providers.Any(p => LiteLLMVariables.OllamaProviders.Contains(p)))
            {
                if (providers.Any(p => LiteLLMVariables.OpenAICompatibleProviders.Contains(p))) return
                    "models of Ollama and of OpenAI-compatible providers share it, but they need different URLs (without and with /v1)";
                if (v1 || path.Contains("/api")) return
                    "Ollama's api_base is the server root without /v1 or /api (LiteLLM adds /api/chat), e.g. http://<host>:11434";
            }
            else if (providers.Any(p => LiteLLMVariables.OpenAICompatibleProviders.Contains(p)) && !v1)
            {
                return "an OpenAI-compatible server (vLLM) is reached at a URL ending in /v1, e.g. http://<host>:8000/v1";
            }
            return null;
        }

        private static void CheckSecret(StoredHostVariables host, RemediationContext fix, string name, bool required, List<HxCheckResult> results)
        {
            var storage = host.StorageOf(name);
            var remedy = fix.SetVaultSecret(name, "(New-HxMasterKey)");
            if (storage == VariableStorage.Undecryptable)
            {
                if (!required) return;
                results.Add(Result("MasterKeyVaulted", host, name, HxStatus.Skipped, HxCategory.Vault,
                    name + " may be in a vault that could not be decrypted with the secrets given; give the vault password to check it.",
                    "Test-HxVariables -InventoryPath '" + fix.InventoryPath + "' -VaultPasswordFile <file>"));
                return;
            }
            if (!host.Vars.TryGetValue(name, out var value)) return;
            var vaultCheck = name == "litellm_master_key" ? "MasterKeyVaulted" : "SecretVaulted";
            if (storage == VariableStorage.Plain)
            {
                results.Add(Result(vaultCheck, host, name, HxStatus.Failed, HxCategory.Vault,
                    name + " is in plain vars; it must be in an encrypted vault (whole-file or inline !vault).",
                    remedy + "; then delete the plain " + name + " line"));
            }
            else
            {
                results.Add(Result(vaultCheck, host, name, HxStatus.Passed, HxCategory.Vault,
                    name + " is in " + (storage == VariableStorage.VaultFile ? "an encrypted vault file." : "an inline !vault value."), ""));
            }
            if (name != "litellm_master_key") return;
            if (Templated(value)) { results.Add(Skipped(host, name)); return; }
            var problem = value is string key ? MasterKey.Problem(key) : "it is " + TypeName(value) + ", not a string";
            results.Add(problem == null
                ? Result("MasterKeyFormat", host, name, HxStatus.Passed, HxCategory.Vault, "The master key is sk- shaped and not an example value.", "")
                : Result("MasterKeyFormat", host, name, HxStatus.Failed, HxCategory.Vault, "The master key is unusable: " + problem + ".", remedy));
        }

        private static void CheckDatabase(StoredHostVariables host, RemediationContext fix, List<HxCheckResult> results)
        {
            if (!host.Vars.ContainsKey("litellm_database_url") || host.Vars.ContainsKey("litellm_salt_key") ||
                host.StorageOf("litellm_salt_key") == VariableStorage.Undecryptable) return;
            results.Add(Result("SaltKey", host, "litellm_salt_key", HxStatus.Warning, HxCategory.Vault,
                "A database is used but litellm_salt_key is not set: stored credentials are then encrypted with the master key, which can never be rotated " +
                    "without a migration.",
                fix.SetVaultSecret("litellm_salt_key", "(New-HxMasterKey)")));
        }

        private static void CheckPlainSecrets(StoredHostVariables host, RemediationContext fix, List<HxCheckResult> results)
        {
            var found = false;
            foreach (var kv in host.Vars)
            {
                var name = PyRepr.Str(kv.Key);
                if (host.StorageOf(name) != VariableStorage.Plain || name == "litellm_master_key" || name == "litellm_salt_key") continue;
                var secret = PlainVariables.FindSecret(name, kv.Value);
                var declared = LiteLLMVariables.Get(name)?.Secret == true && !Templated(kv.Value);
                if (secret == null && !declared) continue;
                found = true;
                results.Add(Result("SecretInPlainVars", host, secret?.Where ?? name, HxStatus.Failed, HxCategory.Vault,
                    (secret?.Where ?? name) + " is a secret in plain vars: " + (secret?.Reason ?? "the LiteLLM role treats it as a secret") + ".",
                    fix.SetVaultSecret(name, "(Read-Host -AsSecureString)") + "; then delete the plain " + name + " line"));
            }
            if (!found) results.Add(Result("SecretInPlainVars", host, "*", HxStatus.Passed, HxCategory.Vault, "No secret found in plain vars.", ""));
        }

        private static void CheckUnknownNames(StoredHostVariables host, RemediationContext fix, List<HxCheckResult> results)
        {
            var known = LiteLLMVariables.Names.ToList();
            foreach (var key in host.Vars.Keys)
            {
                var name = PyRepr.Str(key);
                if (known.Contains(name)) continue;
                var suggestion = DidYouMean.Closest(name, known);
                if (!name.StartsWith("litellm_", StringComparison.Ordinal) && suggestion == null) continue;
                results.Add(Result("UnknownVariable", host, name, HxStatus.Warning, HxCategory.Config,
                    name + " is not a LiteLLM variable the role reads" + (suggestion == null ? "." : "; did you mean " + suggestion + "?"),
                    suggestion == null ? "" : "Rename " + name + " to " + suggestion + " in the group_vars of " + fix.Group + "."));
            }
        }

        private static bool Templated(object? value) => value is string s && s.Contains("{{");

        private static HxCheckResult Skipped(StoredHostVariables host, string target) =>
            Result("Templated", host, target, HxStatus.Skipped, HxCategory.Config, target + " is a Jinja2 expression; it is checked once rendered.", "");

        private static string Describe(object? value) => value switch
        {
            null => "null",
            string s => "the string '" + s + "'",
            PyDict _ => "a mapping",
            List<object?> _ => "a list",
            VaultedString _ => "a vaulted value",
            _ => TypeName(value) + " " + PyRepr.Repr(value),
        };

        private static string TypeName(object? value) => value switch
        {
            null => "null",
            bool _ => "a boolean",
            long _ => "an integer",
            double _ => "a float",
            string _ => "a string",
            PyDict _ => "a mapping",
            List<object?> _ => "a list",
            _ => value.GetType().Name,
        };

        private static HxCheckResult Result(string check, StoredHostVariables host, string variable, string status, string category, string message,
            string remediation) =>
            new HxCheckResult(Phase, check, host.Host + "/" + variable, status, message) { Category = category, Remediation = remediation };
    }
}
