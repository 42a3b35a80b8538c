using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HxLiteLLM.IO;
using HxLiteLLM.Reporting;
using HxLiteLLM.Results;
using HxLiteLLM.Values;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.RoleValidation
{
    /// <summary>
    /// Checks a rendered LiteLLM proxy config (and its environment file) for what the proxy would silently ignore or
    /// get wrong: duplicate and unknown keys, incomplete deployments, provider prefix vs api_base shape, os.environ/
    /// references missing from the env file, and a master key that is missing, misplaced or an example. Key values are
    /// never put in a message.
    /// </summary>
    public static class LiteLLMConfigCheck
    {
        public static readonly IReadOnlyList<string> KnownTopLevelKeys = new[]
        {
            "model_list", "litellm_settings", "general_settings", "router_settings", "environment_variables", "credential_list", "include",
        };

        private const string EnvPrefix = "os.environ/";
        private static readonly Regex ExampleKey = new Regex(@"^sk-(1234\d*|x+|changeme|change-me|test|example\w*|your[-_]\w*|master[-_]?key)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly string[] OllamaPrefixes = { "ollama/", "ollama_chat/" };
        private static readonly string[] OpenAIServerPrefixes = { "hosted_vllm/", "openai/" };

        public static IReadOnlyList<HxCheckResult> Check(string configPath, string? envPath = null)
        {
            var config = Path.GetFullPath(configPath);
            var results = new List<HxCheckResult>();
            string text;
            object? data;
            try
            {
                text = ReadGiven(config, "ConfigFileUnreadable");
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                results.Add(Fail("ConfigYaml", config, "The config file does not exist.", "Render it first: Invoke-HxTemplateRender."));
                return results;
            }
            catch (HxException e) when (e.ErrorKind == HxErrorKind.InvalidData)
            {
                // Read, but not text Ansible reads (not UTF-8): the check fails; a path that cannot be read at all is an error.
                results.Add(Fail("ConfigYaml", config, e.Message, "Save it as UTF-8."));
                return results;
            }
            try
            {
                data = AnsibleYamlReader.Load(text, config);
            }
            catch (HxException e)
            {
                results.Add(Fail("ConfigYaml", config, e.Message, "Fix the YAML at " + Where(e) + "."));
                return results;
            }
            if (!(data is IDictionary<object, object?> top))
            {
                results.Add(Fail("ConfigYaml", config, config + ": the top level must be a mapping (model_list:, general_settings: …), not " + Describe(data)
                    + ".", "Write the config as a YAML mapping."));
                return results;
            }
            results.Add(Pass("ConfigYaml", config, "Valid YAML with a mapping at the top."));

            IReadOnlyDictionary<string, string>? env = null;
            if (envPath != null)
            {
                var envFull = Path.GetFullPath(envPath);
                if (Directory.Exists(envFull)) throw HxFileError.IsFolder(envFull);
                if (!File.Exists(envFull))
                {
                    results.Add(Fail("EnvFile", envFull, "The environment file does not exist.", "Render it first: Invoke-HxTemplateRender."));
                }
                else
                {
                    env = EnvFile.Parse(ReadGiven(envFull, "EnvFileUnreadable"));
                    results.Add(Pass("EnvFile", envFull, ReportText.Count(env.Count, "variable") + " defined."));
                }
            }

            results.AddRange(DuplicateKeys(config, text));
            results.AddRange(UnknownKeys(config, top));
            results.AddRange(Models(config, top, env));
            results.AddRange(EnvReferences(config, top, env, envPath != null));
            results.AddRange(MasterKey(config, top, env));
            results.AddRange(Misplaced(config, top, "database_url"));
            return results;
        }

        /// <summary>
        /// A file the user named: missing is a Failed result (not rendered yet), but a folder or an unreadable file is an error
        /// naming it, since nothing there can be checked.
        /// </summary>
        private static string ReadGiven(string path, string errorId)
        {
            try
            {
                return FileText.ReadUtf8(path);
            }
            catch (Exception e) when (HxFileError.IsFileSystemError(e) && !(e is FileNotFoundException || e is DirectoryNotFoundException))
            {
                throw HxFileError.From(errorId, path, e, writing: false);
            }
        }

        private static IEnumerable<HxCheckResult> DuplicateKeys(string config, string text)
        {
            IReadOnlyList<DuplicateKey> duplicates;
            try
            {
                duplicates = YamlDuplicateKeys.Find(text);
            }
            catch (YamlDotNet.Core.YamlException)
            {
                // JSON the YAML parser cannot take: the loader read it, and JSON objects cannot be checked here.
                duplicates = Array.Empty<DuplicateKey>();
            }
            foreach (var d in duplicates)
            {
                var where = d.Path.Length == 0 ? "at the top level" : "in " + d.Path;
                yield return Fail("ConfigDuplicateKey", config,
                    config + ":" + d.Line + ":" + d.Column + ": key '" + d.Key + "' " + where + " is written again (first on line " + d.FirstLine
                        + "); the proxy keeps only the last one.",
                    "Merge the two '" + d.Key + "' entries into one.");
            }
            if (duplicates.Count == 0) yield return Pass("ConfigDuplicateKey", config, "No key is written twice.");
        }

        private static IEnumerable<HxCheckResult> UnknownKeys(string config, IDictionary<object, object?> top)
        {
            var any = false;
            foreach (var key in top.Keys.Select(k => PyRepr.Str(k)).Where(k => !KnownTopLevelKeys.Contains(k)))
            {
                any = true;
                var suggestion = DidYouMean.Closest(key, KnownTopLevelKeys);
                yield return Result("ConfigUnknownKey", config, HxStatus.Warning,
                    "Top-level key '" + key + "' is unknown to the proxy and silently ignored." + DidYouMean.Sentence(suggestion),
                    suggestion != null ? "Rename '" + key + "' to '" + suggestion + "'." : "Remove '" + key + "' or move it under the right section.");
            }
            if (!any) yield return Pass("ConfigUnknownKey", config, "Every top-level key is known.");
        }

        private static IEnumerable<HxCheckResult> Models(string config, IDictionary<object, object?> top, IReadOnlyDictionary<string, string>? env)
        {
            if (!top.TryGetValue("model_list", out var list) || !(list is List<object?> models) || models.Count == 0)
            {
                yield return Fail("ModelList", config, "model_list is missing, empty or not a list: the proxy has nothing to route.",
                    "Add at least one entry with model_name and litellm_params.model.");
                yield break;
            }
            yield return Pass("ModelList", config, ReportText.Count(models.Count, "deployment") + ".");
            for (var i = 0; i < models.Count; i++)
            {
                var at = "model_list[" + i + "]";
                var entry = models[i] as IDictionary<object, object?>;
                var name = entry != null && entry.TryGetValue("model_name", out var n) && n != null ? PyRepr.Str(n) : "";
                var parameters = entry != null && entry.TryGetValue("litellm_params", out var p) ? p as IDictionary<object, object?> : null;
                var model = parameters != null && parameters.TryGetValue("model", out var m) && m != null ? PyRepr.Str(m) : "";
                var label = at + (name.Length > 0 ? " (" + name + ")" : "");
                if (name.Length == 0 || model.Length == 0)
                {
                    var missing = string.Join(" and ",
                        new[] { name.Length == 0 ? "model_name" : null, model.Length == 0 ? "litellm_params.model" : null }.Where(x => x != null));
                    yield return Fail("ModelEntry", config, label + " has no " + missing + ": the proxy skips this deployment.", "Give " + at + " a " + missing
                        + ".");
                    continue;
                }
                yield return Pass("ModelEntry", config, label + " routes to " + model + ".");
                yield return ApiBase(config, label, model, parameters!, env);
                if (model.StartsWith("openai/", StringComparison.Ordinal)) yield return ApiKey(config, label, parameters!, env);
            }
        }

        private static HxCheckResult ApiBase(string config, string label, string model, IDictionary<object, object?> parameters,
            IReadOnlyDictionary<string, string>? env)
        {
            var ollama = OllamaPrefixes.FirstOrDefault(p => model.StartsWith(p, StringComparison.Ordinal));
            var openai = OpenAIServerPrefixes.FirstOrDefault(p => model.StartsWith(p, StringComparison.Ordinal));
            if (ollama == null && openai == null) return Pass("ModelApiBase", config, label + ": provider " + model.Split('/')[0]
                + " is not checked for its api_base shape.");
            var raw = parameters.TryGetValue("api_base", out var b) && b != null ? PyRepr.Str(b) : "";
            var (value, source) = Resolve(raw, env);
            if (value == null)
            {
                return Result("ModelApiBase", config, HxStatus.Skipped, label + ": api_base comes from " + raw + "; give the env file to check it.");
            }
            if (value.Length == 0)
            {
                return ollama != null
                    ? Result("ModelApiBase", config, HxStatus.Warning, label + ": no api_base" + source + "; " + ollama + " then calls http://localhost:11434.",
                        "Set api_base to the Ollama server, e.g. http://<host>:11434.")
                    : Fail("ModelApiBase", config, label + ": no api_base" + source + "; " + openai + " needs the server's /v1 URL.",
                        "Set api_base to http://<host>:8000/v1.");
            }
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                return Fail("ModelApiBase", config, label + ": api_base" + source + " is not an http(s) URL.",
                    "Set api_base to a URL like http://<host>:<port>.");
            }
            var endsWithV1 = uri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal);
            if (ollama != null && endsWithV1)
            {
                return Fail("ModelApiBase", config, label + ": " + ollama + " calls Ollama's native API, but api_base " + value + source + " ends with /v1.",
                    "Remove /v1 from api_base (http://<host>:11434), or use hosted_vllm/ or openai/ for an OpenAI-compatible server.");
            }
            if (openai != null && !endsWithV1)
            {
                return Fail("ModelApiBase", config, label + ": " + openai + " talks to an OpenAI-compatible server, but api_base " + value + source
                    + " does not end with /v1.",
                    "Append /v1 to api_base, or use ollama_chat/ for an Ollama server.");
            }
            return Pass("ModelApiBase", config, label + ": api_base " + value + source + " fits " + (ollama ?? openai) + ".");
        }

        private static HxCheckResult ApiKey(string config, string label, IDictionary<object, object?> parameters, IReadOnlyDictionary<string, string>? env)
        {
            var raw = parameters.TryGetValue("api_key", out var k) && k != null ? PyRepr.Str(k) : "";
            var (value, source) = Resolve(raw, env);
            if (value == null) return Result("ModelApiKey", config, HxStatus.Skipped, label + ": api_key comes from " + raw
                + "; give the env file to check it.");
            if (value.Trim().Length == 0)
            {
                return Fail("ModelApiKey", config, label + ": openai/ needs a non-empty api_key" + source + " (the OpenAI SDK refuses to send without one).",
                    "Set api_key (any non-empty value for a server without auth), e.g. api_key: os.environ/OPENAI_COMPATIBLE_API_KEY.");
            }
            return Pass("ModelApiKey", config, label + ": api_key is set" + source + ".");
        }

        private static IEnumerable<HxCheckResult> EnvReferences(string config, IDictionary<object, object?> top, IReadOnlyDictionary<string, string>? env,
            bool envGiven)
        {
            var references = new List<(string Path, string Variable)>();
            CollectReferences(top, "", references);
            if (references.Count == 0) yield break;
            if (!envGiven)
            {
                yield return Result("EnvReference", config, HxStatus.Skipped, ReportText.Count(references.Count, "os.environ/ reference")
                    + " not checked: give the env file (-EnvPath).");
                yield break;
            }
            if (env == null) yield break;
            foreach (var group in references.GroupBy(r => r.Variable))
            {
                var where = string.Join(", ", group.Select(r => r.Path));
                if (!env.TryGetValue(group.Key, out var value))
                {
                    yield return Fail("EnvReference", config, where + " reads os.environ/" + group.Key
                        + ", which the env file does not define; the proxy then gets None.",
                        "Add " + group.Key + "=… to the env file (through the role's env template and the vault).");
                }
                else if (value.Length == 0)
                {
                    yield return Fail("EnvReference", config, where + " reads os.environ/" + group.Key + ", which the env file sets empty.", "Give " + group.Key
                        + " a value.");
                }
                else
                {
                    yield return Pass("EnvReference", config, where + ": os.environ/" + group.Key + " is defined.");
                }
            }
        }

        private static IEnumerable<HxCheckResult> MasterKey(string config, IDictionary<object, object?> top, IReadOnlyDictionary<string, string>? env)
        {
            var general = Section(top, "general_settings");
            var misplaced = Misplaced(config, top, "master_key").ToList();
            foreach (var r in misplaced) yield return r;
            string raw;
            if (general != null && general.TryGetValue("master_key", out var k) && k != null)
            {
                raw = PyRepr.Str(k);
                yield return Pass("MasterKeyLocation", config, "master_key is set under general_settings.");
            }
            else if (env != null && env.ContainsKey("LITELLM_MASTER_KEY"))
            {
                raw = EnvPrefix + "LITELLM_MASTER_KEY";
                yield return Pass("MasterKeyLocation", config, "general_settings has no master_key; the proxy takes LITELLM_MASTER_KEY from the env file.");
            }
            else
            {
                if (misplaced.Count == 0)
                {
                    yield return Fail("MasterKeyLocation", config, "No master key: general_settings has no master_key" + (env != null ?
                        " and the env file no LITELLM_MASTER_KEY" : "") + "; the proxy runs without authentication.",
                        "Add general_settings: master_key: os.environ/LITELLM_MASTER_KEY and the key to the vault.");
                }
                yield break;
            }
            var (value, source) = Resolve(raw, env);
            if (value == null)
            {
                yield return Result("MasterKeyValue", config, HxStatus.Skipped, "The master key comes from " + raw + "; give the env file to check its shape.");
            }
            else if (value.Trim().Length == 0)
            {
                yield return Fail("MasterKeyValue", config, "The master key" + source
                    + " is empty; the proxy refuses to boot (or runs open on older versions).", "Generate one: sk-$(openssl rand -hex 32).");
            }
            else if (!value.StartsWith("sk-", StringComparison.Ordinal))
            {
                yield return Fail("MasterKeyValue", config, "The master key" + source + " does not start with sk-; clients get 401.",
                    "Generate one: sk-$(openssl rand -hex 32).");
            }
            else if (ExampleKey.IsMatch(value))
            {
                yield return Fail("MasterKeyValue", config, "The master key" + source + " is a documentation example value; anyone can use it.",
                    "Generate one: sk-$(openssl rand -hex 32).");
            }
            else if (value.Length < 3 + 16)
            {
                yield return Result("MasterKeyValue", config, HxStatus.Warning, "The master key" + source + " has fewer than 16 characters after sk-.",
                    "Generate one: sk-$(openssl rand -hex 32).");
            }
            else
            {
                yield return Pass("MasterKeyValue", config, "The master key" + source + " is sk- shaped and not an example value.");
            }
        }

        /// <summary>A general_settings key put under litellm_settings: the proxy ignores it there.</summary>
        private static IEnumerable<HxCheckResult> Misplaced(string config, IDictionary<object, object?> top, string key)
        {
            var litellm = Section(top, "litellm_settings");
            if (litellm != null && litellm.ContainsKey(key))
            {
                yield return Fail(key == "master_key" ? "MasterKeyLocation" : "DatabaseUrlLocation", config,
                    key + " is under litellm_settings, where the proxy ignores it" + (key == "master_key" ? ": the gateway runs without authentication." : "."),
                    "Move " + key + " under general_settings.");
            }
        }

        private static IDictionary<object, object?>? Section(IDictionary<object, object?> top, string name) =>
            top.TryGetValue(name, out var s) ? s as IDictionary<object, object?> : null;

        /// <summary>A value with os.environ/ resolved through the env file: null when it cannot be known, "" when unset.</summary>
        private static (string? Value, string Source) Resolve(string raw, IReadOnlyDictionary<string, string>? env)
        {
            if (!raw.StartsWith(EnvPrefix, StringComparison.Ordinal)) return (raw, "");
            var name = raw.Substring(EnvPrefix.Length);
            if (env == null) return (null, "");
            return (env.TryGetValue(name, out var v) ? v : "", " (from " + name + " in the env file)");
        }

        private static void CollectReferences(object? value, string path, List<(string, string)> found)
        {
            switch (value)
            {
                case string s when s.StartsWith(EnvPrefix, StringComparison.Ordinal):
                    found.Add((path, s.Substring(EnvPrefix.Length)));
                    break;
                case IDictionary<object, object?> d:
                    foreach (var kv in d) CollectReferences(kv.Value, path.Length == 0 ? PyRepr.Str(kv.Key) : path + "." + PyRepr.Str(kv.Key), found);
                    break;
                case List<object?> l:
                    for (var i = 0; i < l.Count; i++) CollectReferences(l[i], path + "[" + i + "]", found);
                    break;
            }
        }

        private static string Where(HxException e) => (e.File ?? "") + (e.Line > 0 ? ":" + e.Line + ":" + e.Column : "");

        private static string Describe(object? data) => data switch
        {
            null => "an empty document",
            List<object?> _ => "a list",
            _ => "a scalar",
        };

        private static HxCheckResult Pass(string check, string target, string message) => Result(check, target, HxStatus.Passed, message);

        private static HxCheckResult Fail(string check, string target, string message, string remediation)
            => Result(check, target, HxStatus.Failed, message, remediation);

        private static HxCheckResult Result(string check, string target, string status, string message, string remediation = "") =>
            RoleCheck.Result(check, target, status, HxCategory.Config, message, remediation);
    }
}
