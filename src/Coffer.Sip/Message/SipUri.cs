using System.Text;

namespace Coffer.Sip.Message;

/// <summary>
/// A URI as it appears in a Request-URI or a name-addr. sip: and sips: URIs are taken apart (RFC 3261 §19.1.1);
/// any other scheme is kept as opaque text after the colon (RFC 3261 §19.1.1 allows absoluteURI; RFC 4475 §3.3.2).
/// User, password and parameter values are kept escaped as written; <see cref="Unescape"/> gives their octets.
/// </summary>
public sealed class SipUri
{
    public required string Scheme { get; init; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string Host { get; set; } = "";
    public int? Port { get; set; }
    public SipParameters Parameters { get; } = [];
    public List<SipParameter> Headers { get; } = [];

    /// <summary>The text after "scheme:" for schemes other than sip and sips.</summary>
    public string? Opaque { get; init; }

    public bool IsSip => Opaque is null;

    public string? Transport => Parameters.Get("transport");

    public static SipUri Sip(string? user, string host, int? port = null) => new()
    {
        Scheme = "sip",
        User = user,
        Host = host,
        Port = port,
    };

    public override string ToString()
    {
        if (Opaque is not null)
        {
            return Scheme + ":" + Opaque;
        }
        var sb = new StringBuilder(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null)
            {
                sb.Append(':').Append(Password);
            }
            sb.Append('@');
        }
        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }
        sb.Append(Parameters);
        for (var i = 0; i < Headers.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(Headers[i].Name).Append('=').Append(Headers[i].Value);
        }
        return sb.ToString();
    }

    /// <summary>Decodes %HH escapes (RFC 3261 §19.1.2) into UTF-8 text; a %00 becomes U+0000.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
