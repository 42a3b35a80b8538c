using System;
using System.Globalization;

namespace HxLiteLLM.Checks
{
    /// <summary>A backend to reach from a target: an http(s) URL (probed with a GET) or a bare host:port (TCP only).</summary>
    public sealed class BackendEndpoint
    {
        private BackendEndpoint(string text, string scheme, string host, int port, string pathAndQuery)
        {
            Text = text;
            Scheme = scheme;
            Host = host;
            Port = port;
            PathAndQuery = pathAndQuery;
        }

        /// <summary>As the caller wrote it.</summary>
        public string Text { get; }
        /// <summary>tcp, http or https.</summary>
        public string Scheme { get; }
        public string Host { get; }
        public int Port { get; }
        public string PathAndQuery { get; }
        public bool IsHttp => Scheme != "tcp";

        public static BackendEndpoint Parse(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                {
                    throw Bad(text);
                }
                return new BackendEndpoint(text, uri.Scheme, uri.IdnHost.Trim('[', ']'), uri.Port, uri.PathAndQuery);
            }
            string host;
            string portText;
            if (trimmed.StartsWith("[", StringComparison.Ordinal))
            {
                var close = trimmed.IndexOf("]:", StringComparison.Ordinal);
                if (close < 0) throw Bad(text);
                host = trimmed.Substring(1, close - 1);
                portText = trimmed.Substring(close + 2);
            }
            else
            {
                var colon = trimmed.LastIndexOf(':');
                if (colon <= 0 || trimmed.IndexOf(':') != colon) throw Bad(text);
                host = trimmed.Substring(0, colon);
                portText = trimmed.Substring(colon + 1);
            }
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535) throw Bad(text);
            return new BackendEndpoint(text, "tcp", host, port, "");
        }

        public override string ToString() => Text;

        private static HxException Bad(string text) =>
            new HxException("BackendInvalid", "Backend '" + text
                + "' is neither an http(s) URL nor host:port (e.g. https://llm.example:4000/health, 10.0.0.5:8000, [2001:db8::5]:8000).",
                kind: HxErrorKind.InvalidArgument);
    }
}
