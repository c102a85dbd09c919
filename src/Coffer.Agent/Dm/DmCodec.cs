using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// DM messages as XML or WBXML with DM's media types (OMA-TS-DM_RepPro-V1_2 §5: <c>application/vnd.syncml.dm+xml</c>,
/// <c>application/vnd.syncml.dm+wbxml</c>); the representation is SyncML 1.2's.
/// </summary>
public sealed class DmCodec
{
    public static readonly DmCodec Xml = new(wbxml: false);

    public static readonly DmCodec Wbxml = new(wbxml: true);

    private static readonly WbxmlOptions DecodeOptions = new() { ItemDataAsBytes = true };

    private readonly bool wbxml;

    private DmCodec(bool wbxml) => this.wbxml = wbxml;

    public string ContentType => wbxml ? DmVersion.WbxmlMediaType : DmVersion.XmlMediaType;

    /// <summary>Whether binary data can go as bytes (Format bin, one OPAQUE): only WBXML has OPAQUE.</summary>
    public bool CarriesBytes => wbxml;

    public byte[] Encode(SyncMLMessage message) =>
        wbxml ? WbxmlEncoder.Encode(SyncMLXml.ToXDocument(message)) : SyncMLXml.ToUtf8Bytes(message);

    /// <exception cref="SyncMLFormatException">Not a SyncML message in this encoding.</exception>
    public SyncMLMessage Decode(byte[] body) =>
        wbxml ? SyncMLXml.Read(WbxmlDecoder.Decode(body, DecodeOptions)) : SyncMLXml.Parse(body.AsSpan());
}
