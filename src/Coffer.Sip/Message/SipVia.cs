using System.Text;

namespace Coffer.Sip.Message;

/// <summary>One Via header field value (RFC 3261 §20.42, §18.2.1; rport from RFC 3581).</summary>
public sealed class SipVia
{
    /// <summary>The "magic cookie" that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public string Protocol { get; set; } = "SIP";
    public string Version { get; set; } = "2.0";
    public required string Transport { get; set; }
    public required string Host { get; set; }
    public int? Port { get; set; }
    public SipParameters Parameters { get; } = [];

    public string? Branch
    {
        get => Parameters.Get("branch");
        set => Parameters.Set("branch", value);
    }

    public string? Received
    {
        get => Parameters.Get("received");
        set => Parameters.Set("received", value);
    }

    /// <summary>The rport parameter: present without a value when the client asks for it (RFC 3581 §3).</summary>
    public bool HasRPort => Parameters.Has("rport");

    public int? RPort => int.TryParse(Parameters.Get("rport"), out var p) ? p : null;

    public bool HasRfc3261Branch => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public override string ToString()
    {
        var sb = new StringBuilder().Append(Protocol).Append('/').Append(Version).Append('/').Append(Transport)
            .Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }
        return sb.Append(Parameters).ToString();
    }
}
