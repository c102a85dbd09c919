using System.Globalization;
using Coffer.Sip.Message;

namespace Coffer.Sip.Parsing;

/// <summary>Parses SIP-URI / SIPS-URI (RFC 3261 §19.1.1, §25.1) and keeps other schemes opaque (absoluteURI).</summary>
public static class SipUriParser
{
    public static SipUri Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(text[0]) ||
            !text[..colon].All(static c => SipGrammar.IsAlphaNum(c) || c is '+' or '-' or '.'))
        {
            throw new SipParseException($"not a URI: '{text}'");
        }
        if (text.Any(c => c <= ' ' || c >= 0x7F))
        {
            throw new SipParseException($"whitespace or a control character in URI '{text}'");
        }
        var scheme = text[..colon];
        var rest = text[(colon + 1)..];
        if (!scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            if (rest.Length == 0)
            {
                throw new SipParseException($"empty URI '{text}'");
            }
            return new SipUri { Scheme = scheme, Opaque = rest };
        }
        var uri = new SipUri { Scheme = scheme.ToLowerInvariant() };
        // '@' appears in neither parameters nor headers (paramchar, hvalue), so the first one ends the userinfo.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            rest = rest[(at + 1)..];
            var pw = userinfo.IndexOf(':');
            uri.User = pw >= 0 ? userinfo[..pw] : userinfo;
            uri.Password = pw >= 0 ? userinfo[(pw + 1)..] : null;
            if (uri.User.Length == 0 || !uri.User.All(SipGrammar.IsUserChar) || !SipGrammar.EscapesValid(uri.User))
            {
                throw new SipParseException($"invalid user part in URI '{text}'");
            }
            if (uri.Password is { } p && (!p.All(SipGrammar.IsPasswordChar) || !SipGrammar.EscapesValid(p)))
            {
                throw new SipParseException($"invalid password in URI '{text}'");
            }
        }
        var end = rest.IndexOfAny([';', '?']);
        var hostport = end >= 0 ? rest[..end] : rest;
        (uri.Host, uri.Port) = ParseHostPort(hostport, text);
        rest = end >= 0 ? rest[end..] : "";
        var question = rest.IndexOf('?');
        var parameters = question >= 0 ? rest[..question] : rest;
        foreach (var p in parameters.Split(';').Skip(1))
        {
            var eq = p.IndexOf('=');
            var name = eq >= 0 ? p[..eq] : p;
            var value = eq >= 0 ? p[(eq + 1)..] : null;
            if (name.Length == 0 || !name.All(SipGrammar.IsParamChar) || (value is not null && (value.Length == 0 || !value.All(SipGrammar.IsParamChar))) ||
                !SipGrammar.EscapesValid(p))
            {
                throw new SipParseException($"invalid URI parameter '{p}' in '{text}'");
            }
            uri.Parameters.Add(new SipParameter(name, value));
        }
        if (question >= 0)
        {
            foreach (var h in rest[(question + 1)..].Split('&'))
            {
                var eq = h.IndexOf('=');
                if (eq <= 0 || !h.All(c => c == '=' || SipGrammar.IsHeaderChar(c)) || !SipGrammar.EscapesValid(h))
                {
                    throw new SipParseException($"invalid URI header '{h}' in '{text}'");
                }
                uri.Headers.Add(new SipParameter(h[..eq], h[(eq + 1)..]));
            }
        }
        return uri;
    }

    /// <summary>host [":" port], host being a hostname, an IPv4 address or an IPv6 reference in brackets.</summary>
    internal static (string Host, int? Port) ParseHostPort(string hostport, string context)
    {
        string host;
        string portText;
        if (hostport.StartsWith('['))
        {
            var close = hostport.IndexOf(']');
            if (close < 0 || !System.Net.IPAddress.TryParse(hostport[1..close], out var v6) ||
                v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                throw new SipParseException($"invalid IPv6 reference in '{context}'");
            }
            host = hostport[..(close + 1)];
            portText = hostport[(close + 1)..];
        }
        else
        {
            var c = hostport.IndexOf(':');
            host = c >= 0 ? hostport[..c] : hostport;
            portText = c >= 0 ? hostport[c..] : "";
            if (host.Length == 0 || !host.All(SipGrammar.IsHostChar))
            {
                throw new SipParseException($"invalid host in '{context}'");
            }
        }
        if (portText.Length == 0)
        {
            return (host, null);
        }
        if (portText[0] != ':' || !int.TryParse(portText.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new SipParseException($"invalid port in '{context}'");
        }
        return (host, port);
    }
}
