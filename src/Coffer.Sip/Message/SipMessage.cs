using System.Globalization;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Message;

/// <summary>A SIP request or response (RFC 3261 §7): start line, header fields, body.</summary>
public abstract class SipMessage
{
    public string Version { get; set; } = "SIP/2.0";
    public SipHeaders Headers { get; } = [];
    public byte[] Body { get; set; } = [];

    public IReadOnlyList<SipVia> Vias =>
        Headers.Values(HeaderNames.Via).Select(v => HeaderValueParser.ParseVia(v, SipCompliance.Loose)).ToList();

    public SipVia? TopVia =>
        Headers.First(HeaderNames.Via) is { } v ? HeaderValueParser.ParseVia(v, SipCompliance.Loose) : null;

    public SipNameAddress? From => NameAddress(HeaderNames.From);

    public SipNameAddress? To => NameAddress(HeaderNames.To);

    public string? CallId => Headers.First(HeaderNames.CallId);

    public SipCSeq? CSeq =>
        Headers.First(HeaderNames.CSeq) is { } v ? HeaderValueParser.ParseCSeq(v) : null;

    public IReadOnlyList<SipNameAddress> Contacts =>
        Headers.Values(HeaderNames.Contact)
            .Select(v => HeaderValueParser.ParseNameAddress(v, SipCompliance.Loose, allowWildcard: true)).ToList();

    public int? MaxForwards =>
        int.TryParse(Headers.First(HeaderNames.MaxForwards), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : null;

    public string? ContentType => Headers.First(HeaderNames.ContentType);

    public abstract string StartLine { get; }

    private SipNameAddress? NameAddress(string header) =>
        Headers.First(header) is { } v ? HeaderValueParser.ParseNameAddress(v, SipCompliance.Loose) : null;
}
