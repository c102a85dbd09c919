using System.Text;

namespace Coffer.Sip.Message;

/// <summary>
/// A name-addr or addr-spec with header parameters (From, To, Contact, Route, Record-Route: RFC 3261 §20, §25.1).
/// The display name is kept without its quotes and with quoted-pairs resolved.
/// </summary>
public sealed class SipNameAddress
{
    public string? DisplayName { get; set; }
    public required SipUri Uri { get; set; }
    public SipParameters Parameters { get; } = [];

    /// <summary>A Contact of "*" (RFC 3261 §10.2.2: remove all bindings).</summary>
    public bool IsWildcard { get; init; }

    public string? Tag
    {
        get => Parameters.Get("tag");
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    public static SipNameAddress Wildcard() => new() { Uri = new SipUri { Scheme = "*", Opaque = "" }, IsWildcard = true };

    /// <summary>Always the name-addr form, so parameters of the URI can never be read as header parameters.</summary>
    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*" + Parameters;
        }
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            sb.Append('"');
            foreach (var c in DisplayName)
            {
                if (c is '"' or '\\')
                {
                    sb.Append('\\');
                }
                sb.Append(c);
            }
            sb.Append("\" ");
        }
        sb.Append('<').Append(Uri).Append('>').Append(Parameters);
        return sb.ToString();
    }
}
