using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>Ansible's urlsplit and urldecode filters, over Python's urllib.parse (3.11) semantics.</summary>
    internal static class UrlFilters
    {
        public static readonly FilterDefinition[] Definitions =
        {
            new FilterDefinition(UrlSplit, "urlsplit"),
            new FilterDefinition(UrlDecode, "urldecode"),
        };

        /// <summary>The SplitResult's public attributes in dir() order, or the one component asked for.</summary>
        public static object? UrlSplit(Interpreter it, object? v, CallArgs a)
        {
            if (!(Ops.Check(v) is string url)) throw new TemplateError("urlsplit: expected a string, got " + Ops.TypeName(v));
            var parts = PyUrl.Split(url);
            var results = new PyDict
            {
                ["fragment"] = parts.Fragment,
                ["hostname"] = parts.Hostname,
                ["netloc"] = parts.Netloc,
                ["password"] = parts.Password,
                ["path"] = parts.Path,
                ["port"] = parts.Port,
                ["query"] = parts.Query,
                ["scheme"] = parts.Scheme,
                ["username"] = parts.Username,
            };
            var query = a.Get(0, "query");
            if (!Ops.Truthy(query)) return results;
            return results.TryGetValue(Ops.Str(query), out var component) ? component
                : throw new TemplateError("urlsplit: unknown URL component: " + Ops.Str(query));
        }

        /// <summary>unquote_plus: '+' is a space, %XX runs decode as UTF-8 (bad sequences become U+FFFD).</summary>
        public static object? UrlDecode(Interpreter it, object? v, CallArgs a)
        {
            if (!(Ops.Check(v) is string text)) throw new TemplateError("'" + Ops.TypeName(v) + "' object has no attribute 'replace'");
            text = text.Replace('+', ' ');
            if (!text.Contains("%")) return text;
            var result = new StringBuilder();
            var bytes = new List<byte>();
            void Flush()
            {
                if (bytes.Count == 0) return;
                result.Append(new UTF8Encoding(false, false).GetString(bytes.ToArray()));
                bytes.Clear();
            }
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= 128) { Flush(); result.Append(c); continue; }
                if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    bytes.Add(byte.Parse(text.Substring(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    continue;
                }
                bytes.Add((byte)c);
            }
            Flush();
            return result.ToString();
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /// <summary>urllib.parse.urlsplit and the SplitResult properties (username, password, hostname, port).</summary>
    internal sealed class PyUrl
    {
        private const string SchemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

        public string Scheme { get; private set; } = "";
        public string Netloc { get; private set; } = "";
        public string Path { get; private set; } = "";
        public string Query { get; private set; } = "";
        public string Fragment { get; private set; } = "";

        public static PyUrl Split(string url)
        {
            var i0 = 0;
            while (i0 < url.Length && url[i0] <= ' ') i0++;
            url = url.Substring(i0).Replace("\t", "").Replace("\r", "").Replace("\n", "");
            var parts = new PyUrl();
            var colon = url.IndexOf(':');
            if (colon > 0 && url[0] < 128 && char.IsLetter(url[0]) && url.Substring(0, colon).All(c => SchemeChars.IndexOf(c) >= 0))
            {
                parts.Scheme = url.Substring(0, colon).ToLowerInvariant();
                url = url.Substring(colon + 1);
            }
            if (url.StartsWith("//", System.StringComparison.Ordinal))
            {
                var end = url.Length;
                foreach (var delimiter in "/?#")
                {
                    var at = url.IndexOf(delimiter, 2);
                    if (at >= 0 && at < end) end = at;
                }
                parts.Netloc = url.Substring(2, end - 2);
                url = url.Substring(end);
                if (parts.Netloc.Contains("[") != parts.Netloc.Contains("]")) throw new TemplateError("Invalid IPv6 URL");
                if (parts.Netloc.Contains("[")) CheckBracketedHost(parts.HostInfo.Host);
            }
            var hash = url.IndexOf('#');
            if (hash >= 0) { parts.Fragment = url.Substring(hash + 1); url = url.Substring(0, hash); }
            var question = url.IndexOf('?');
            if (question >= 0) { parts.Query = url.Substring(question + 1); url = url.Substring(0, question); }
            parts.Path = url;
            return parts;
        }

        /// <summary>_check_bracketed_host: an IPvFuture literal or an IPv6 address (not IPv4) between the brackets.</summary>
        private static void CheckBracketedHost(string host)
        {
            if (host.StartsWith("v", System.StringComparison.Ordinal))
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(host, @"\Av[a-fA-F0-9]+\..+\z",
                    System.Text.RegularExpressions.RegexOptions.Singleline)) throw new TemplateError("IPvFuture address is invalid");
                return;
            }
            if (!System.Net.IPAddress.TryParse(host, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6
                || !host.Contains(":"))
                throw new TemplateError("'" + host + "' does not appear to be an IPv4 or IPv6 address");
        }

        private (string? User, string? Password) UserInfo
        {
            get
            {
                var at = Netloc.LastIndexOf('@');
                if (at < 0) return (null, null);
                var info = Netloc.Substring(0, at);
                var colon = info.IndexOf(':');
                return colon < 0 ? (info, null) : (info.Substring(0, colon), info.Substring(colon + 1));
            }
        }

        private (string Host, string? Port) HostInfo
        {
            get
            {
                var hostInfo = Netloc.Substring(Netloc.LastIndexOf('@') + 1);
                string host, port;
                var open = hostInfo.IndexOf('[');
                if (open >= 0)
                {
                    var bracketed = hostInfo.Substring(open + 1);
                    var close = bracketed.IndexOf(']');
                    host = close < 0 ? bracketed : bracketed.Substring(0, close);
                    var after = close < 0 ? "" : bracketed.Substring(close + 1);
                    var colon = after.IndexOf(':');
                    port = colon < 0 ? "" : after.Substring(colon + 1);
                }
                else
                {
                    var colon = hostInfo.IndexOf(':');
                    host = colon < 0 ? hostInfo : hostInfo.Substring(0, colon);
                    port = colon < 0 ? "" : hostInfo.Substring(colon + 1);
                }
                return (host, port.Length == 0 ? null : port);
            }
        }

        public string? Username => UserInfo.User;
        public string? Password => UserInfo.Password;

        /// <summary>Lower-cased, except an IPv6 zone after '%'.</summary>
        public string? Hostname
        {
            get
            {
                var host = HostInfo.Host;
                if (host.Length == 0) return null;
                var percent = host.IndexOf('%');
                return percent < 0 ? host.ToLowerInvariant() : host.Substring(0, percent).ToLowerInvariant() + host.Substring(percent);
            }
        }

        public object? Port
        {
            get
            {
                var port = HostInfo.Port;
                if (port == null) return null;
                if (!port.All(c => c >= '0' && c <= '9')) throw new TemplateError("Port could not be cast to integer value as " + PyRepr.Repr(port));
                var number = System.Numerics.BigInteger.Parse(port, CultureInfo.InvariantCulture);
                if (number > 65535) throw new TemplateError("Port out of range 0-65535");
                return (long)number;
            }
        }
    }
}
