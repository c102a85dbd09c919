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

    public string ContentType => wbxml ? "application/vnd.syncml+wbxml" : "application/vnd.syncml+xml";

    public byte[] Encode(SyncMLMessage message) =>
        wbxml ? WbxmlEncoder.Encode(SyncMLXml.ToXDocument(message)) : SyncMLXml.ToUtf8Bytes(message);

    /// <exception cref="SyncMLFormatException">The bytes are not a SyncML message in this encoding.</exception>
    public SyncMLMessage Decode(byte[] body) =>
        wbxml ? SyncMLXml.Read(WbxmlDecoder.Decode(body)) : SyncMLXml.Parse(body.AsSpan());
}
