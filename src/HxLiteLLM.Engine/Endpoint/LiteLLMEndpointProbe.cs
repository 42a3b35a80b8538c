using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HxLiteLLM.Checks;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;

namespace HxLiteLLM.Endpoint
{
    /// <summary>
    /// The post-deploy smoke test of a LiteLLM gateway (shared/reference/litellm.md §6): liveliness, readiness,
    /// auth enforced (an open gateway fails), the model list, and optionally one tiny chat completion per model.
    /// </summary>
    public sealed class LiteLLMEndpointProbe
    {
        public const string Phase = "Endpoint";
        private readonly EndpointProbeOptions _options;
        private readonly SecretRedactor _redactor;

        public LiteLLMEndpointProbe(EndpointProbeOptions options, SecretRedactor redactor)
        {
            _options = options;
            _redactor = redactor;
            redactor.Register(options.MasterKey);
        }

        /// <summary>Runs the sequence (again, until it passes or the retry time is up) and returns the last attempt's results.</summary>
        public async Task<IReadOnlyList<HxCheckResult>> RunAsync(CancellationToken cancellation)
        {
            var deadline = DateTime.UtcNow + _options.RetryTimeout;
            using var handler = CreateHandler();
            using var client = new HttpClient(handler) { Timeout = _options.RequestTimeout };
            var attempt = 0;
            while (true)
            {
                attempt++;
                var results = await RunOnceAsync(client, cancellation).ConfigureAwait(false);
                if (results.All(r => r.Status != HxStatus.Failed) || DateTime.UtcNow + _options.RetryInterval > deadline)
                {
                    if (attempt > 1) foreach (var r in results) r.Message += $" (attempt {attempt})";
                    return results;
                }
                await Task.Delay(_options.RetryInterval, cancellation).ConfigureAwait(false);
            }
        }

        private async Task<List<HxCheckResult>> RunOnceAsync(HttpClient client, CancellationToken cancellation)
        {
            var results = new List<HxCheckResult>();
            var live = await SendAsync(client, HttpMethod.Get, "health/liveliness", false, null, cancellation).ConfigureAwait(false);
            results.Add(Check("Liveliness", live, r =>
                r.Status == 200 && r.Json is string s && s == "I'm alive!" ? null : "expected 200 \"I'm alive!\"",
                "Check the service: systemctl status litellm; journalctl -u litellm -n 50"));
            if (live.Error != null)
            {
                foreach (var name in new[] { "Readiness", "AuthEnforced", "Models" }.Concat(_options.ChatModels.Select(m => "ChatCompletion:" + m)))
                {
                    results.Add(Result(name, HxStatus.Skipped, HxCategory.Dependency, "dependency Liveliness failed", "", 0));
                }
                return results;
            }

            var ready = await SendAsync(client, HttpMethod.Get, "health/readiness", false, null, cancellation).ConfigureAwait(false);
            results.Add(Check("Readiness", ready, r =>
            {
                if (r.Status != 200) return "expected 200 from /health/readiness";
                r.Detail = "status=" + Field(r.Json, "status") + ", db=" + Field(r.Json, "db") + ", litellm_version=" + Field(r.Json, "litellm_version");
                return null;
            }, "Check the proxy's database and cache: journalctl -u litellm -n 50"));

            var open = await SendAsync(client, HttpMethod.Get, "v1/models", false, null, cancellation).ConfigureAwait(false);
            results.Add(Check("AuthEnforced", open, r =>
                r.Status == 401 ? null : r.Status == 200 ? "the gateway answered /v1/models without a key: it is open to anyone" : "expected 401 without a key",
                "Set general_settings.master_key (not under litellm_settings) and restart: Set-HxVaultSecret -Path group_vars/litellm/vault.yml -Name " +
                    "litellm_master_key -Value (New-HxMasterKey)",
                HxCategory.Auth));

            var models = await SendAsync(client, HttpMethod.Get, "v1/models", true, null, cancellation).ConfigureAwait(false);
            results.Add(Check("Models", models, r =>
            {
                if (r.Status != 200) return "expected 200 from /v1/models with the master key";
                var ids = (Field(r.Json, "data") as IEnumerable<object?> ?? Array.Empty<object?>()).Select(d => PyRepr.Str(Field(d, "id"))).ToList();
                r.Detail = "models: " + string.Join(", ", ids);
                if (_options.ExpectedModels.Count == 0) return null;
                var missing = _options.ExpectedModels.Except(ids, StringComparer.Ordinal).ToList();
                var extra = ids.Except(_options.ExpectedModels, StringComparer.Ordinal).ToList();
                if (missing.Count == 0 && extra.Count == 0) return null;
                return "model list differs from the config:" + (missing.Count > 0 ? " missing " + string.Join(", ", missing) : "") + (extra.Count > 0 ?
                    " unexpected " + string.Join(", ", extra) : "");
            }, "Compare model_list in the rendered config with the deployed one, then restart: systemctl restart litellm", HxCategory.Config));

            foreach (var model in _options.ChatModels)
            {
                var body = PyJson.Dumps(new PyDict
                {
                    ["model"] = model,
                    ["max_tokens"] = (long)_options.MaxTokens,
                    ["messages"] = new List<object?> { new PyDict { ["role"] = "user", ["content"] = "Reply with OK." } },
                });
                var chat = await SendAsync(client, HttpMethod.Post, "v1/chat/completions", true, body, cancellation).ConfigureAwait(false);
                results.Add(Check("ChatCompletion:" + model, chat, r =>
                {
                    if (r.Status != 200) return "expected 200 from /v1/chat/completions";
                    var choices = Field(r.Json, "choices") as IList<object?>;
                    var content = choices != null && choices.Count > 0 ? Field(Field(choices[0], "message"), "content") as string : null;
                    if (string.IsNullOrEmpty(content)) return "the completion has no choices[0].message.content";
                    r.Detail = "usage: " + PyJson.Dumps(Field(r.Json, "usage"));
                    return null;
                }, "Check the backend of model '" + model + "' (api_base, model tag pulled/served) and the proxy log", HxCategory.Http));
            }
            return results;
        }

        private sealed class Reply
        {
            public int Status;
            public object? Json;
            public string Body = "";
            public string? Error;
            public string Detail = "";
            public double Milliseconds;
        }

        private HxCheckResult Check(string name, Reply reply, Func<Reply, string?> judge, string remediation, string category = HxCategory.Http)
        {
            if (reply.Error != null) return Result(name, HxStatus.Failed, HxCategory.Tcp, reply.Error, remediation, reply.Milliseconds);
            var problem = judge(reply);
            var what = "HTTP " + reply.Status + (reply.Detail.Length > 0 ? "; " + reply.Detail : "");
            if (problem == null) return Result(name, HxStatus.Passed, category, what, "", reply.Milliseconds);
            var error = Field(Field(reply.Json, "error"), "type") ?? Field(reply.Json, "detail");
            return Result(name, HxStatus.Failed, category, problem + " (" + what + (error != null ? ", " + PyRepr.Str(error) : "") + ")", remediation,
                reply.Milliseconds);
        }

        private HxCheckResult Result(string check, string status, string category, string message, string remediation, double ms) =>
            new HxCheckResult(Phase, check, _options.HostName == null ? _options.BaseUri.ToString() : _options.HostName + " (" + _options.BaseUri + ")", status,
                _redactor.Redact(message))
            {
                Category = category,
                Remediation = remediation,
                DurationMs = ms,
            };

        private static object? Field(object? json, string key) =>
            json is IDictionary<object, object?> d && d.TryGetValue(key, out var v) ? v : null;

        private async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string path, bool withKey, string? jsonBody, CancellationToken cancellation)
        {
            var reply = new Reply();
            var watch = Stopwatch.StartNew();
            var baseText = _options.BaseUri.ToString();
            var uri = new Uri(baseText.EndsWith("/", StringComparison.Ordinal) ? baseText + path : baseText + "/" + path);
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                if (withKey) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _options.MasterKey);
                if (jsonBody != null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
                reply.Status = (int)response.StatusCode;
                using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                bodyTimeout.CancelAfter(_options.RequestTimeout);
                var body = await ReadBodyAsync(response.Content, bodyTimeout.Token).ConfigureAwait(false);
                if (body == null)
                {
                    reply.Error = method + " " + uri + " answered HTTP " + reply.Status + " with a body over " + MaxBodyBytes / 1024
                        + " KiB; reading stopped there (a LiteLLM answer to these requests is a few KiB)";
                }
                else
                {
                    reply.Body = body;
                    reply.Json = PyJsonReader.TryParse(reply.Body, ansibleObjects: false, out var json) ? json : null;
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                reply.Error = method + " " + uri + " timed out after " + _options.RequestTimeout.TotalSeconds + " s";
            }
            catch (IOException e)
            {
                reply.Error = method + " " + uri + " failed while reading the answer: " + Innermost(e).Message;
            }
            catch (HttpRequestException e)
            {
                reply.Error = method + " " + uri + " failed: " + Innermost(e).Message;
            }
            reply.Milliseconds = watch.Elapsed.TotalMilliseconds;
            return reply;
        }

        /// <summary>The most of a response body read; a hostile gateway could otherwise stream gigabytes into memory.</summary>
        public const int MaxBodyBytes = 1024 * 1024;

        /// <summary>The body as UTF-8 text, or null when it is longer than <see cref="MaxBodyBytes"/> (reading stops there).</summary>
        private static async Task<string?> ReadBodyAsync(HttpContent content, CancellationToken cancellation)
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellation).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            return new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        private HttpClientHandler CreateHandler()
        {
            var handler = new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false };
            if (_options.CertificateAuthorityPath != null)
            {
                var ca = CaTrustCheck.LoadCertificate(_options.CertificateAuthorityPath);
                handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                    certificate != null && ChainsTo(certificate, ca, errors);
            }
            return handler;
        }

        /// <summary>Valid when the name matches and the chain ends at exactly the given CA (not the system store).</summary>
        private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca, SslPolicyErrors errors)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            chain.ChainPolicy.ExtraStore.Add(ca);
            if (!chain.Build(certificate)) return false;
            var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
            return root.RawData.SequenceEqual(ca.RawData);
        }
    }
}
