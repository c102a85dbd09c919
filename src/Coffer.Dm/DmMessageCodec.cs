using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Dm;

/// <summary>
/// DM messages on the wire (OMA-TS-DM_RepPro-V1_2 §5): <c>application/vnd.syncml.dm+xml</c> or
/// <c>application/vnd.syncml.dm+wbxml</c>; the answer goes in the request's representation.
/// </summary>
public static class DmMessageCodec
{
    public const string XmlContentType = "application/vnd.syncml.dm+xml";

    public const string WbxmlContentType = "application/vnd.syncml.dm+wbxml";

    public static bool IsWbxml(string? contentType) => contentType?.Contains("wbxml", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Whether the content type is one of DM's two.</summary>
    public static bool IsDm(string? contentType) =>
        contentType != null && (contentType.StartsWith(XmlContentType, StringComparison.OrdinalIgnoreCase) || contentType.StartsWith(WbxmlContentType, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="SyncMLFormatException">The body is not a SyncML message.</exception>
    public static SyncMLMessage Decode(ReadOnlySpan<byte> body, string? contentType, int maxBytes)
    {
        var options = new SyncMLReadOptions { MaxMessageBytes = maxBytes };
        return IsWbxml(contentType)
            ? SyncMLXml.Read(WbxmlDecoder.Decode(body, new WbxmlOptions { MaxInputSize = maxBytes, ItemDataAsBytes = true }), options)
            : SyncMLXml.Read(SyncMLXml.LoadXDocument(body, options), options);
    }

    public static byte[] Encode(SyncMLMessage message, bool wbxml) =>
        wbxml ? WbxmlEncoder.Encode(SyncMLXml.ToXDocument(message)) : SyncMLXml.ToUtf8Bytes(message);
}
