using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Agent.Protocol;

/// <summary>
/// How a client puts SyncML on the wire: XML or WBXML, with the MIME types of OMA-TS-SyncML_HTTPBinding-V1_2 §5.2
/// (application/vnd.syncml+xml, application/vnd.syncml+wbxml).
/// </summary>
public sealed class SyncMLCodec
{
    public static readonly SyncMLCodec Xml = new(wbxml: false);

    public static readonly SyncMLCodec Wbxml = new(wbxml: true);

    private readonly bool wbxml;

    private SyncMLCodec(bool wbxml) => this.wbxml = wbxml;

    // An Item's Data that is one OPAQUE is read as bytes: a Format bin chunk of a restore never becomes a string.
    private static readonly WbxmlOptions DecodeOptions = new() { ItemDataAsBytes = true };

    public string ContentType => wbxml ? "application/vnd.syncml+wbxml" : "application/vnd.syncml+xml";

    /// <summary>Whether item data can go as bytes (Format bin, one OPAQUE): only WBXML has OPAQUE.</summary>
    public bool CarriesBytes => wbxml;

    public byte[] Encode(SyncMLMessage message) =>
        wbxml ? WbxmlEncoder.Encode(SyncMLXml.ToXDocument(message)) : SyncMLXml.ToUtf8Bytes(message);

    /// <exception cref="SyncMLFormatException">The bytes are not a SyncML message in this encoding.</exception>
    public SyncMLMessage Decode(byte[] body) =>
        wbxml ? SyncMLXml.Read(WbxmlDecoder.DecodeSharing(body, DecodeOptions)) : SyncMLXml.Parse(body.AsSpan());
}
